#!/usr/bin/env bash
# Makes sure the system packages needed to build TwinGraph are present.
#
# oxigraph's RocksDB backend compiles C++ (needs a C++ compiler) and runs bindgen
# (needs libclang). Without libclang the build fails only after ~30 minutes of C++
# compilation, so we check first and install what is missing on Debian/Ubuntu.
set -euo pipefail

have_libclang() {
  if [ -n "${LIBCLANG_PATH:-}" ] && ls "$LIBCLANG_PATH"/libclang*.so* >/dev/null 2>&1; then
    return 0
  fi
  ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so' && return 0
  ls /usr/lib/llvm-*/lib/libclang*.so* /usr/lib/*/libclang*.so* >/dev/null 2>&1
}

have_cxx() { command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || command -v clang++ >/dev/null 2>&1; }

missing=()
have_libclang || missing+=(libclang-dev)
have_cxx || missing+=(g++)
command -v cargo >/dev/null 2>&1 || {
  echo "error: cargo not found. Install Rust (https://rustup.rs), then run this again." >&2
  exit 1
}
[ ${#missing[@]} -eq 0 ] && exit 0

echo "TwinGraph needs ${missing[*]} to build oxigraph's RocksDB backend; installing." >&2
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" != "none" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    have_libclang && have_cxx && exit 0
  fi
fi
cat >&2 <<MSG
error: could not install ${missing[*]} automatically.
  Debian/Ubuntu:  sudo apt-get install libclang-dev g++
  Fedora:         sudo dnf install clang-devel gcc-c++
  macOS:          xcode-select --install   (libclang comes with the Command Line Tools)
  Or point LIBCLANG_PATH at the folder that holds libclang.so.
MSG
exit 1
