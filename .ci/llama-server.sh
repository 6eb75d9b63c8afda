#!/usr/bin/env bash
# Builds llama.cpp's llama-server (CPU only) from the source that the npm package node-llama-cpp ships, and writes a
# tiny GGUF model with random weights with that source's own gguf-py. Both are cached between runs under
# ${XDG_CACHE_HOME:-$HOME/.cache}/llmtest-ci/llama-server/<version>/, so only the first run compiles (about 20 to 40
# minutes on 2 cores); later runs take a second.
#
# On success it prints two lines on standard output, the server's path and the model's path, and exits 0.
# When the build tools cannot be installed or the build fails, it prints one line saying so and exits 3, so that
# the caller can skip the real-server leg and run the rest. Progress goes to standard error.
#
# LLAMA_SERVER_BUILD_TIMEOUT (seconds, default none) bounds the compilation; a build stopped by it is kept, and the
# next run continues it where it stopped.
set -euo pipefail

version=3.21.1
unavailable=3
here=$(cd "$(dirname "$0")" && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/llmtest-ci/llama-server/node-llama-cpp-$version"
server="$cache/bin/llama-server"
# the model is keyed by the script that writes it, so that a change to the script writes it again
model="$cache/tiny-random-$(sha256sum "$here/tiny-gguf.py" | cut -c1-12).gguf"

skip() {
  echo "llama-server: NOT AVAILABLE, $*" >&2
  exit "$unavailable"
}
log() { echo "llama-server: $*" >&2; }

mkdir -p "$cache"
# One build at a time per cache: a second caller waits for the first one's binary instead of compiling it again.
exec 9> "$cache/.lock"
flock 9

python_with_numpy() {
  local p
  for p in /usr/bin/python3 python3; do
    if command -v "$p" > /dev/null && "$p" -c 'import numpy' > /dev/null 2>&1; then
      command -v "$p"; return 0
    fi
  done
  return 1
}

missing_tools() {
  local missing=()
  for tool in cmake c++ ninja git npm tar; do
    command -v "$tool" > /dev/null || missing+=("$tool")
  done
  python_with_numpy > /dev/null || missing+=("python3-numpy")
  echo "${missing[*]}"
}

if [ ! -x "$server" ] || [ ! -s "$model" ]; then
  missing=$(missing_tools)
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
      log "installing the build tools (missing: $missing)"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
          cmake g++ ninja-build git python3-numpy npm; } > "$cache/apt.log" 2>&1 || true
      missing=$(missing_tools)
    fi
    [ -z "$missing" ] || skip "the build tools are missing and could not be installed: $missing" \
      "(apt-get install cmake g++ ninja-build git python3-numpy npm)"
  fi
fi

source_dir="$cache/src"
if [ ! -d "$source_dir/gguf-py" ]; then # kept once cloned: a build stopped by the time bound continues on it
  work=$(mktemp -d "$cache/work.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  log "fetching node-llama-cpp@$version from the npm registry"
  (cd "$work" && npm pack --silent "node-llama-cpp@$version" > /dev/null 2> "$work/npm.log") \
    || skip "npm could not fetch node-llama-cpp@$version: $(tail -n 1 "$work/npm.log")"
  tar -xzf "$work"/node-llama-cpp-*.tgz -C "$work" package/llama/gitRelease.bundle \
    || skip "node-llama-cpp@$version has no package/llama/gitRelease.bundle"
  rm -rf "$source_dir"
  git -c advice.detachedHead=false clone --quiet "$work/package/llama/gitRelease.bundle" "$work/src" \
    || skip "git could not clone the llama.cpp bundle of node-llama-cpp@$version"
  mv "$work/src" "$source_dir"
  rm -f "$work"/node-llama-cpp-*.tgz "$work/package/llama/gitRelease.bundle"
fi

if [ ! -x "$server" ]; then
  log "building llama-server at llama.cpp $(git -C "$source_dir" rev-parse --short HEAD) (CPU only, -j2, nice 19;" \
    "about 20 to 40 minutes the first time; log: $cache/build.log)"
  build="$cache/build"
  # No option may download anything: the prebuilt web UI comes from a model hub, so it is off with the UI itself.
  limit=()
  [ -z "${LLAMA_SERVER_BUILD_TIMEOUT:-}" ] || limit=(timeout "$LLAMA_SERVER_BUILD_TIMEOUT")
  status=0
  : > "$cache/build.log"
  { nice -n 19 cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
      -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF \
    && "${limit[@]}" nice -n 19 cmake --build "$build" --target llama-server -j2; } >> "$cache/build.log" 2>&1 \
    || status=$?
  if [ "$status" = 124 ]; then
    step=$(grep -o '^\[[0-9]*/[0-9]*\]' "$cache/build.log" | tail -n 1 | tr -d '[]' || true)
    skip "the build did not finish within LLAMA_SERVER_BUILD_TIMEOUT=${LLAMA_SERVER_BUILD_TIMEOUT}s${step:+" \
      "(stopped at step $step)}; the next run continues it"
  elif [ "$status" != 0 ]; then
    # the next run starts afresh: a build killed hard may have left a half-written object file behind
    rm -rf "$build"
    skip "the build failed (last line: $(tail -n 1 "$cache/build.log")); see $cache/build.log"
  fi
  mkdir -p "$cache/bin"
  cp "$build/bin/llama-server" "$server.tmp" && mv "$server.tmp" "$server"
  rm -rf "$build"
fi

if [ ! -s "$model" ]; then
  log "writing a tiny GGUF model with random weights"
  python=$(python_with_numpy) || skip "no python3 with numpy to write the model (apt-get install python3-numpy)"
  PYTHONPATH="$source_dir/gguf-py" "$python" "$here/tiny-gguf.py" \
      "$source_dir/models/ggml-vocab-qwen2.gguf" "$model.tmp" > "$cache/model.log" 2>&1 \
    || skip "gguf-py could not write the model (last line: $(tail -n 1 "$cache/model.log"))"
  rm -f "$cache"/tiny-random-*.gguf
  mv "$model.tmp" "$model"
fi

echo "$server"
echo "$model"
