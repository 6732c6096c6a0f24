#!/usr/bin/env bash
# Starts or stops a Spark Connect server on loopback, for the Spark engine's tests and benchmark.
#   scripts/spark.sh start   installs pyspark if missing, starts the server, waits for its port, and prints
#                            its URL (sc://127.0.0.1:15002) as the last line of standard output
#   scripts/spark.sh stop    stops it
# Scratch files (logs, pid, warehouse) live in .build/spark; HUBLOT_SPARK_DIR overrides the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
port=15002
url="sc://127.0.0.1:$port"
scratch="${HUBLOT_SPARK_DIR:-$PWD/.build/spark}"

fail() {
  echo "spark.sh: $*" >&2
  exit 1
}

python_bin() {
  command -v python3 || command -v python || true
}

# The folder of the installed pyspark package, found without importing it (its dependencies are not installed).
pyspark_home() {
  local python
  python="$(python_bin)"
  [[ -n "$python" ]] || return 0
  "$python" -c 'import importlib.util as u; s = u.find_spec("pyspark"); print(s.submodule_search_locations[0] if s else "")' 2> /dev/null || true
}

port_open() {
  (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null
}

start() {
  command -v java > /dev/null || fail "Java is not installed (Spark needs Java 17 or later: apt-get install openjdk-17-jre-headless)"
  if port_open; then
    echo "$url"
    return
  fi
  local home
  home="$(pyspark_home)"
  if [[ -z "$home" || ! -x "$home/sbin/start-connect-server.sh" ]]; then
    local python
    python="$(python_bin)"
    [[ -n "$python" ]] || fail "Python is not installed, so pyspark cannot be installed"
    "$python" -m pip --version > /dev/null 2>&1 || fail "pip is not available to install pyspark (apt-get install python3-pip)"
    echo "spark.sh: installing pyspark 4.3.0 (about 50 s)" >&2
    "$python" -m pip install --quiet --no-deps pyspark==4.3.0 >&2 || fail "pip could not install pyspark==4.3.0"
    home="$(pyspark_home)"
    [[ -n "$home" ]] || fail "pyspark was installed but cannot be found"
  fi
  # Tables are scratch copies: a new server starts from an empty warehouse (an in-memory catalog would
  # otherwise meet the folders of tables it no longer knows).
  rm -rf "$scratch/warehouse" "$scratch/metastore_db"
  mkdir -p "$scratch/logs" "$scratch/pids" "$scratch/warehouse"
  echo "spark.sh: starting Spark Connect from $home (logs in $scratch/logs)" >&2
  SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$scratch/logs" SPARK_PID_DIR="$scratch/pids" \
    "$home/sbin/start-connect-server.sh" --master 'local[2]' --driver-memory 1g \
    --conf spark.connect.grpc.binding.address=127.0.0.1 \
    --conf spark.connect.grpc.binding.port=$port \
    --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.driver.host=127.0.0.1 \
    --conf spark.ui.enabled=false \
    --conf spark.sql.shuffle.partitions=4 \
    --conf "spark.sql.warehouse.dir=$scratch/warehouse" \
    --conf "spark.driver.extraJavaOptions=-Dderby.system.home=$scratch" >&2
  for _ in $(seq 1 120); do
    if port_open; then
      echo "$url"
      return
    fi
    sleep 0.5
  done
  tail -20 "$scratch"/logs/*.out >&2 2> /dev/null || true
  fail "the server did not accept connections on 127.0.0.1:$port within 60 s (logs in $scratch/logs)"
}

stop() {
  local home
  home="$(pyspark_home)"
  [[ -n "$home" ]] || fail "pyspark is not installed"
  SPARK_HOME="$home" SPARK_PID_DIR="$scratch/pids" SPARK_LOG_DIR="$scratch/logs" "$home/sbin/stop-connect-server.sh" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) fail "usage: scripts/spark.sh start|stop" ;;
esac
