#!/usr/bin/env bash
# Build the collection tarball and run galaxy-importer on it, offline.
#
#   hack/galaxy-importer.sh VENV_BIN
#
# galaxy-importer exits 0 even when it logs an ERROR (for example a
# DOCUMENTATION block that does not parse), so this script fails on any
# "ERROR" line in its output as well as on a non-zero exit code.
set -euo pipefail

bin=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/galaxy-importer"

rm -rf "$out"
mkdir -p "$out/tmp"
cd "$root"
"$bin/ansible-galaxy" collection build --force --output-path "$out" .
tarball=$(ls "$out"/runbeam-cloud-*.tar.gz)

export GALAXY_IMPORTER_CONFIG="$root/hack/galaxy-importer.cfg"
export PATH="$bin:$PATH"
# Keep ansible's and the importer's temp files inside build/.
export ANSIBLE_LOCAL_TEMP="$out/tmp" TMPDIR="$out/tmp"
unset ANSIBLE_COLLECTIONS_PATH ANSIBLE_COLLECTIONS_PATHS || true

cd "$out"   # importer_result.json is written to the current folder
rc=0
"$bin/python" -m galaxy_importer.main "$tarball" 2>&1 | tee importer.log || rc=$?

if [ "$rc" -ne 0 ]; then
    echo "galaxy-importer: exited $rc" >&2
    exit 1
fi
if grep -E '^ERROR' importer.log >/dev/null; then
    echo "galaxy-importer: FAILED, it logged errors:" >&2
    grep -E '^ERROR' importer.log >&2
    exit 1
fi
if [ ! -s importer_result.json ]; then
    echo "galaxy-importer: no importer_result.json written" >&2
    exit 1
fi
echo "galaxy-importer: $tarball imported without errors (result: $out/importer_result.json)"
