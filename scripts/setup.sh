#!/usr/bin/env bash
# Install what `npm start` and `npm test` need and is missing; idempotent,
# and quick when everything is there (each step checks before it acts):
#
#   1. the wasm32-unknown-unknown Rust target and rustfmt (rustup)
#   2. wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#      (the CLI and the crate must match; it also brings
#      wasm-bindgen-test-runner)
#   3. the npm devDependencies (npm ci, from package-lock.json)
#   4. Debian's chromium and chromium-driver (headless browser tests; never
#      a downloaded browser)
#
# Needs cargo/rustup (~/.cargo/bin is added to PATH here), node/npm, and
# apt-get with root (or sudo) for step 4.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo is not installed (install Rust with rustup: https://rustup.rs)"
command -v node >/dev/null || die "node is not installed (Node.js 18 or later)"
command -v npm >/dev/null || die "npm is not installed"

# 1. The wasm target.
if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo fmt --version >/dev/null 2>&1; then
    say "adding rustfmt (npm test checks formatting)"
    rustup component add rustfmt
  fi
elif ! rustc --print target-list >/dev/null 2>&1 || [ ! -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ]; then
  die "the wasm32-unknown-unknown target is missing and rustup is not available to add it"
fi

# 2. wasm-bindgen-cli matching Cargo.lock.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$version" ] || die "no wasm-bindgen version in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$version" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $version (found: ${have:-none}); this takes a few minutes"
  # Not --locked: it fails on these machines; the version pin is what matters.
  cargo install wasm-bindgen-cli --version "$version" --force
fi

# 3. npm packages, exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# 4. Chromium and ChromeDriver from Debian.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "chromium is missing and installing it needs root: apt-get install chromium chromium-driver"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || die "chromium is missing and this is not a Debian system: install chromium and chromedriver at /usr/bin"
  say "installing Debian chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium chromium-driver
fi

say "ready (wasm-bindgen $version, $(node --version), $(/usr/bin/chromium --version 2>/dev/null || echo chromium))"
