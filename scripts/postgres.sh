#!/usr/bin/env bash
# The PostgreSQL server the engine tests and benchmarks run against, on loopback only.
#   scripts/postgres.sh start    installs Debian's server when missing, starts the cluster, makes the role
#                                `hublot` and the database `hublot_test` when missing, waits until it accepts,
#                                and prints the engine URL as the last line of its output
#   scripts/postgres.sh stop     stops the cluster
# Runs as root (su to postgres for psql) or as a user who may sudo. Exits non-zero, with the reason, when the
# server cannot be installed or started: callers skip the PostgreSQL tests then.
set -euo pipefail

version=15
cluster=main
port=5432
role=hublot
database=hublot_test
# A test server on loopback: the password only keeps other local users out of it.
password="${HUBLOT_POSTGRES_PASSWORD:-hublot-test}"

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

psql_admin() {
    as_postgres psql --no-psqlrc -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
}

install_server() {
    command -v pg_ctlcluster >/dev/null 2>&1 && [ -x "/usr/lib/postgresql/$version/bin/postgres" ] && return 0
    echo "installing postgresql-$version (apt-get)" >&2
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null; }; then
        echo "postgres.sh: cannot install PostgreSQL from Debian's packages (apt-get install postgresql failed)" >&2
        exit 3
    fi
    if [ ! -x "/usr/lib/postgresql/$version/bin/postgres" ]; then
        echo "postgres.sh: apt installed a PostgreSQL other than $version: $(ls /usr/lib/postgresql 2>/dev/null | tr '\n' ' ')" >&2
        exit 3
    fi
}

start() {
    install_server
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version $cluster"; then
        $sudo pg_createcluster "$version" "$cluster" -p "$port" >/dev/null
    fi
    if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}' | grep -qx online; then
        # pg_ctlcluster has reported a failure for a server that did come up (on a loaded machine): whether
        # it accepts connections decides.
        $sudo pg_ctlcluster "$version" "$cluster" start ||
            echo "postgres.sh: pg_ctlcluster reported a failure; waiting for the server all the same" >&2
    fi
    for _ in $(seq 1 60); do
        if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
        sleep 0.5
    done
    if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
        echo "postgres.sh: the cluster $version/$cluster does not accept connections on 127.0.0.1:$port after 30 s; its log:" >&2
        tail -20 "/var/log/postgresql/postgresql-$version-$cluster.log" >&2 || true
        exit 4
    fi
    # Idempotent: the role's password is set each time, the database made once.
    psql_admin -v role="$role" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SQL
    psql_admin -v role="$role" -v database="$database" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'role')
    WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
SQL
    enable_tls || echo "postgres.sh: TLS not enabled (the TLS tests are skipped)" >&2
    if ! PGPASSWORD="$password" psql --no-psqlrc -X -q -h 127.0.0.1 -p "$port" -U "$role" -d "$database" -c "SELECT 1" >/dev/null; then
        echo "postgres.sh: $role cannot log in to $database on 127.0.0.1:$port with its password (check pg_hba.conf)" >&2
        exit 4
    fi
    echo "postgresql://$role:$password@127.0.0.1:$port/$database"
}

# TLS with a self-signed certificate made for the test server, so that `sslmode=require` is tested too. Best
# effort: a server without it still serves the other tests.
enable_tls() {
    [ "$(psql_admin -At -c 'SHOW ssl')" = on ] && return 0
    command -v openssl >/dev/null 2>&1 || return 1
    local data
    data=$(psql_admin -At -c 'SHOW data_directory') || return 1
    if ! as_postgres test -s "$data/hublot-test.key"; then
        as_postgres openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=127.0.0.1 \
            -keyout "$data/hublot-test.key" -out "$data/hublot-test.crt" >/dev/null 2>&1 || return 1
        as_postgres chmod 600 "$data/hublot-test.key"
    fi
    psql_admin -c "ALTER SYSTEM SET ssl_cert_file = '$data/hublot-test.crt'" \
        -c "ALTER SYSTEM SET ssl_key_file = '$data/hublot-test.key'" -c "ALTER SYSTEM SET ssl = on" \
        -c "SELECT pg_reload_conf()" >/dev/null || return 1
    sleep 1
    [ "$(psql_admin -At -c 'SHOW ssl')" = on ]
}

stop() {
    if pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}' | grep -qx online; then
        $sudo pg_ctlcluster "$version" "$cluster" stop
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *)
        echo "usage: scripts/postgres.sh start|stop" >&2
        exit 2
        ;;
esac
