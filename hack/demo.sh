#!/usr/bin/env bash
# `make demo`: start the local Runbeam API emulator, run demo/run.sh against
# it, and always stop the emulator again, also when the demo fails or is
# interrupted.
#
#   hack/demo.sh VENV_BIN
set -euo pipefail

bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ ! -f demo/run.sh ]; then
    echo "demo: demo/run.sh does not exist yet: nothing to run" >&2
    exit 1
fi

state="$root/demo/.state/emulator.json"
log="$root/demo/.state/emulator.log"
mkdir -p "$(dirname "$state")"

export PATH="$bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH="$root/build/collections"
export PYTHONPATH="$root/tests${PYTHONPATH:+:$PYTHONPATH}"

serve_pid=
stop() {
    "$bin/python" -m emulator stop --state-file "$state" || true
    # Belt and braces: the process we started, by its own id.
    if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi
}
trap stop EXIT
trap 'exit 130' INT TERM

"$bin/python" -m emulator serve --state-file "$state" >"$log" 2>&1 &
serve_pid=$!
if ! "$bin/python" -m emulator wait --state-file "$state"; then
    echo "demo: the emulator did not come up; its log ($log):" >&2
    cat "$log" >&2
    exit 1
fi

echo "demo: emulator up ($state)"
DEMO_STATE_FILE="$state" bash demo/run.sh
