#!/usr/bin/env bash
# Run pytest on the given suites with one venv's ansible-core.
#
#   hack/pytest.sh VENV SUITE...      (e.g. hack/pytest.sh .venv tests/unit)
#
# - The collection is importable as ansible_collections.runbeam.cloud through
#   build/collections (made by `make tree`), injected by pytest-ansible's
#   --ansible-unit-inject-only: without that flag pytest-ansible creates a
#   ./collections symlink tree inside the repo on every run.
# - VENV/bin comes first on PATH, so the ansible-playbook / ansible-inventory
#   that integration tests run are the same ansible-core as the tests import.
# - pytest's exit code 5 ("no tests collected") is a failure here: these
#   suites must have tests, and an empty run must never look green.
set -euo pipefail

venv=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export ANSIBLE_COLLECTIONS_PATH="$root/build/collections"
export PATH="$venv/bin:$PATH"
unset ANSIBLE_COLLECTIONS_PATHS || true

missing=()
for suite in "$@"; do
    case "$suite" in -*) continue ;; esac
    [ -e "$suite" ] || missing+=("$suite")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "pytest: suite folder(s) missing: ${missing[*]}" >&2
    exit 1
fi

echo "pytest with $("$venv/bin/ansible" --version | sed -n 1p) on $("$venv/bin/python" --version)"
rc=0
"$venv/bin/python" -m pytest --ansible-unit-inject-only "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
    echo "pytest: no tests collected in $* -- counted as a failure" >&2
fi
exit "$rc"
