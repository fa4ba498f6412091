#!/usr/bin/env bash
# Installs every Debian 12 package that building and testing syndex needs.
#
#   scripts/install-deps.sh [--fuzz]
#
# --fuzz adds clang and its runtime libraries (libFuzzer, the sanitizers),
# which scripts/fuzz.sh needs.
#
# Idempotent and non-interactive: it asks dpkg which packages are missing and
# runs apt-get (update + install) only if some are, so on a machine that has
# them all it changes nothing and needs no network. It uses sudo when not run
# as root (sudo -n when stdin is not a terminal, so CI fails instead of
# waiting for a password).
set -euo pipefail

PACKAGES=(
  # toolchain and tools
  build-essential cmake pkg-config git zstd python3
  # libraries (cmake/Dependencies.cmake)
  libabsl-dev libstemmer-dev libzstd-dev libxxhash-dev libutf8proc-dev
  libreadline-dev libsimdjson-dev libsqlite3-dev libstreamvbyte-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev libxapian-dev nlohmann-json3-dev
)
case "${1:-}" in
  "") ;;
  --fuzz) PACKAGES+=(clang libclang-rt-14-dev) ;;
  *)
    echo "usage: scripts/install-deps.sh [--fuzz]" >&2
    exit 2
    ;;
esac

die() {
  echo "install-deps: error: $*" >&2
  exit 1
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  die "dpkg-query and apt-get not found; syndex is built on Debian 12 (bookworm). Install these packages by other means: ${PACKAGES[*]}"
fi

if [[ -r /etc/os-release ]]; then
  # shellcheck disable=SC1091
  os_id=$(. /etc/os-release && echo "${ID:-}:${VERSION_ID:-}")
  if [[ "$os_id" != "debian:12" ]]; then
    echo "install-deps: warning: this is ${os_id}, not Debian 12; package names may differ" >&2
  fi
fi

installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for package in "${PACKAGES[@]}"; do
  installed "$package" || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed; nothing to do"
  exit 0
fi

as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    die "missing packages: ${missing[*]}; not root and sudo not found: run this script as root"
  fi
  if [[ -t 0 ]]; then as_root=(sudo); else as_root=(sudo -n); fi
fi

echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
apt_get=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
"${apt_get[@]}" update || die "apt-get update failed"
"${apt_get[@]}" install -y --no-install-recommends "${missing[@]}" \
  || die "apt-get install failed for: ${missing[*]}"

still_missing=()
for package in "${missing[@]}"; do
  installed "$package" || still_missing+=("$package")
done
((${#still_missing[@]} == 0)) || die "still not installed after apt-get: ${still_missing[*]}"
echo "install-deps: installed ${missing[*]}"
