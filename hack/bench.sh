#!/usr/bin/env bash
# `make bench`: time the runbeam.cloud.gateways inventory plugin against a
# script inventory printing the same JSON (see bench/inventory_bench.py).
#
#   hack/bench.sh [inventory_bench.py options, e.g. --runs 3]
#
# make sets PATH (the venv's ansible-inventory first) and
# ANSIBLE_COLLECTIONS_PATH; run by hand, the checkout's .venv and
# build/collections tree are used. Not part of `make test`: it takes minutes
# and its ratios depend on the machine's load.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ]; then
    mkdir -p build/collections/ansible_collections/runbeam
    ln -sfn "$root" build/collections/ansible_collections/runbeam/cloud
    export ANSIBLE_COLLECTIONS_PATH="$root/build/collections"
fi
if [ -x "$root/.venv/bin/python" ]; then
    export PATH="$root/.venv/bin:$PATH"
fi

exec python bench/inventory_bench.py "$@"
