# Sourced by the bench scripts: installs `time` and `bc` when missing, the C libraries the build needs, builds
# the release `hublot`, and sets $hublot to it.
for tool in time bc; do
    command -v "$tool" >/dev/null 2>&1 || [ -x /usr/bin/$tool ] || {
        sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends time bc >/dev/null
    }
done
scripts/system-deps.sh
swift build -c release --product hublot >/dev/null
hublot="$(swift build -c release --show-bin-path)/hublot"
