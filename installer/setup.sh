#!/usr/bin/env bash
# EcomOps Console set-up: installs the Debian packages that are missing,
# configures and builds, then runs what you asked for.
#
#   installer/setup.sh run     build, then open the console (embedded database)
#   installer/setup.sh test    build, then run the whole test suite (ctest)
#   installer/setup.sh build   build only
#   installer/setup.sh bench   build, then run the loading benchmark
#   installer/setup.sh fuzz [TARGET] [libFuzzer flags]
#                              build the fuzz targets with clang in build-fuzz/
#                              and fuzz TARGET (csv_reader, timestamps, decimal;
#                              default: each in turn), e.g. -runs=10000000
#
# ECOMOPS_SANITIZE=ON builds with AddressSanitizer and UBSan, e.g.
#   ECOMOPS_BUILD_DIR=build-asan ECOMOPS_SANITIZE=ON installer/setup.sh test
#
# Idempotent: a second run installs nothing and rebuilds only what changed.
# Works as root and as an ordinary user (sudo is used for apt-get if needed).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${ECOMOPS_BUILD_DIR:-$here/build}
action=${1:-build}
shift || true

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-qpa-plugins libgl-dev
  libpqxx-dev libpq-dev libssl-dev nlohmann-json3-dev qtkeychain-qt6-dev
  postgresql-15 postgresql-client-15 postgresql-15-pgtap
  fonts-dejavu-core dbus gnome-keyring
  xvfb xauth dpkg-dev file util-linux procps clang-format
  systemd  # systemd-analyze: checks schedules' calendars and units (tst_schedule_cli)
)
# Only fuzzing needs clang and libFuzzer; CI replays the corpus with gcc.
[[ $action == fuzz ]] && packages+=(clang libclang-rt-14-dev)

missing_packages() {
  local p status
  for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || printf '%s\n' "$p"
  done
}

install_packages() {
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]} == 0)) && return 0
  echo "setup: installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  local werror=${ECOMOPS_WERROR:-ON} sanitize=${ECOMOPS_SANITIZE:-OFF}
  if [[ ! -f $build_dir/CMakeCache.txt ]] || ! grep -q "ECOMOPS_WERROR:BOOL=$werror" "$build_dir/CMakeCache.txt" ||
    ! grep -q "ECOMOPS_SANITIZE:BOOL=$sanitize" "$build_dir/CMakeCache.txt"; then
    cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECOMOPS_WERROR="$werror" \
      -DECOMOPS_SANITIZE="$sanitize"
  fi
  cmake --build "$build_dir" --parallel "$(nproc)"
}

# Fuzz targets: clang, libFuzzer, ASan and UBSan, in their own build dir.
# New inputs go to build-fuzz/corpus/TARGET, crashes to build-fuzz/artifacts/;
# the committed seeds in tests/fuzz/corpus/TARGET are read, never written.
fuzz() {
  local fuzz_dir=${ECOMOPS_FUZZ_BUILD_DIR:-$here/build-fuzz} targets=(csv_reader timestamps decimal) t
  if [[ $# -gt 0 && $1 != -* ]]; then
    targets=("$1")
    shift
  fi
  if [[ ! -f $fuzz_dir/CMakeCache.txt ]]; then
    CC=clang CXX=clang++ cmake -S "$here" -B "$fuzz_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECOMOPS_FUZZ=ON
  fi
  cmake --build "$fuzz_dir" --parallel "$(nproc)"
  for t in "${targets[@]}"; do
    mkdir -p "$fuzz_dir/corpus/$t" "$fuzz_dir/artifacts/$t"
    echo "setup: fuzzing $t"
    "$fuzz_dir/bin/fuzz_$t" -artifact_prefix="$fuzz_dir/artifacts/$t/" "$@" \
      "$fuzz_dir/corpus/$t" "$here/tests/fuzz/corpus/$t"
  done
}

install_packages
if [[ $action == fuzz ]]; then
  fuzz "$@"
  exit
fi
configure_and_build

case $action in
  build) ;;
  run)
    if [[ -z ${DISPLAY:-}${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
      echo "setup: no display found. Run this from a desktop session, or try: xvfb-run -a $0 run" >&2
      exit 1
    fi
    exec "$build_dir/bin/ecomops" "$@"
    ;;
  test)
    export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
    exec ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" "$@"
    ;;
  bench)
    exec "$build_dir/bin/ecomops-bench" "$@"
    ;;
  *)
    echo "usage: $0 run|test|build|bench|fuzz" >&2
    exit 2
    ;;
esac
