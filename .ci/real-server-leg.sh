#!/usr/bin/env bash
# The real-server leg: records the consumer project in extension/src/it-real/llama-server against llama.cpp's
# llama-server (through openai: and anthropic: models, and through LlmServer with LangChain4j's OpenAI and
# Anthropic clients), stops the server,
# replays the same tests offline, and checks both runs' Surefire XML, the transcripts and the fixtures.
#
#   .ci/real-server-leg.sh [SERVER MODEL]
#
# Without arguments it gets the server and the model from .ci/llama-server.sh (built and cached on the first run).
# It needs io.github.llmtest:llmtest-junit:0.1.0-SNAPSHOT installed in the local Maven repository (mvn -B verify does
# that through the invoker plugin; mvn -B install -DskipTests -Dinvoker.skip does it alone).
# Exits 3 with one line when llama-server cannot be had, non-zero on any failure, 0 when both runs passed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -eq 2 ]; then
  server=$1 model=$2
else
  status=0
  paths=$(.ci/llama-server.sh) || status=$?
  [ "$status" = 0 ] || exit "$status"
  server=$(sed -n 1p <<< "$paths") model=$(sed -n 2p <<< "$paths")
fi

work=extension/target/it-real/llama-server
logs=extension/target/it-real/logs
rm -rf "$work" "$logs"
mkdir -p "$(dirname "$work")" "$logs"
cp -r extension/src/it-real/llama-server "$work"

# A key of llmtest's own that the server demands, so "the fixtures hold no key" checks a key that was really sent.
key="sk-leg-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/v1"

"$server" -m "$model" --host 127.0.0.1 --port "$port" -c 4096 -t 2 --no-webui -a tiny-random --api-key "$key" \
  > "$logs/llama-server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2> /dev/null || true' EXIT
ready() {
  python3 - "http://127.0.0.1:$port/health" "$key" << 'EOF' 2> /dev/null
import sys, urllib.request
request = urllib.request.Request(sys.argv[1], headers={"Authorization": "Bearer " + sys.argv[2]})
sys.exit(0 if urllib.request.urlopen(request, timeout=2).status == 200 else 1)
EOF
}
for _ in $(seq 1 120); do
  ready && break
  kill -0 "$server_pid" 2> /dev/null || { echo "CI: llama-server exited at start:" >&2; tail -n 20 \
    "$logs/llama-server.log" >&2; exit 1; }
  sleep 0.5
done
ready || { echo "CI: llama-server did not become ready in 60 s" >&2; tail -n 20 "$logs/llama-server.log" >&2; exit 1; }
echo "CI: $server serving $(basename "$model") at $url"

run() { # mode, then the environment's extra assignments
  local mode=$1; shift
  if ! env "$@" mvn -B -f "$work/pom.xml" test -Dllmtest.mode="$mode" -Dllmtest.openai.url="$url" \
      -Dllmtest.anthropic.url="http://127.0.0.1:$port" \
      > "$logs/$mode.log" 2>&1; then
    echo "CI: the real-server leg failed in $mode mode; the end of $logs/$mode.log:" >&2
    grep -E '^\[(ERROR|WARNING)\]|Tests run:|FAIL' "$logs/$mode.log" | tail -n 40 >&2
    return 1
  fi
  cp -r "$work/target/surefire-reports" "$logs/surefire-$mode"
}

run record OPENAI_API_KEY="$key" ANTHROPIC_API_KEY="$key"
kill "$server_pid"
wait "$server_pid" 2> /dev/null || true
run replay -u OPENAI_API_KEY -u ANTHROPIC_API_KEY

python3 - "$work" "$logs" "$key" << 'EOF'
import json, pathlib, re, sys, xml.etree.ElementTree as ET

work, logs, key = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
problems = []
expected = {"com.example.OpenAiModelsTest": 2, "com.example.LangChain4jTest": 2, "com.example.AnthropicTest": 2}
for mode in ("record", "replay"):
    for suite, tests in expected.items():
        path = logs / f"surefire-{mode}" / f"TEST-{suite}.xml"
        if not path.exists():
            problems.append(f"{mode}: no {path.name}")
            continue
        root = ET.parse(path).getroot()
        counts = {k: int(root.get(k, "0")) for k in ("tests", "failures", "errors", "skipped")}
        if counts != {"tests": tests, "failures": 0, "errors": 0, "skipped": 0}:
            problems.append(f"{mode}: {suite} ran {counts}, expected {tests} tests passing")

recorded = sorted((work / "target" / "transcripts" / "record").glob("*.txt"))
if len(recorded) != 6:
    problems.append(f"record: {len(recorded)} transcripts, expected 6")
for file in recorded:
    again = work / "target" / "transcripts" / "replay" / file.name
    lines = file.read_text(encoding="utf-8").splitlines()
    if len(lines) != 2:
        problems.append(f"{file.name}: {len(lines)} calls recorded, expected 2")
    if not again.exists() or again.read_text(encoding="utf-8") != file.read_text(encoding="utf-8"):
        problems.append(f"{file.name}: replay did not give back exactly what was recorded")

fixtures = work / "src" / "test" / "resources" / "llm-fixtures"
files = sorted(fixtures.rglob("*.json"))
if len(files) != 6:
    problems.append(f"{len(files)} fixture files, expected 6")
app_key = re.search(r'APP_KEY = "([^"]+)"', (work / "src/test/java/com/example/LangChain4jTest.java").read_text()).group(1)
for path in files + sorted((work / "target" / "llmtest").glob("report.*")):
    text = path.read_text(encoding="utf-8")
    for secret in (key, app_key):
        if secret in text:
            problems.append(f"{path.relative_to(work)} holds a key")
other = fixtures / "com.example.OpenAiModelsTest" / "aNameTheServerDoesNotHaveIsAnsweredByItsLoadedModel.json"
if other.exists():
    answered = [i["response"].get("answered_by") for i in json.loads(other.read_text())["interactions"]]
    if answered != ["tiny-random", "tiny-random"]:
        problems.append(f"{other.name}: answered_by {answered}, expected tiny-random twice")

if problems:
    print("CI: the real-server leg found:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print("CI: real-server leg: 6 tests recorded from llama-server and replayed offline, identical, no key in fixtures")
EOF
