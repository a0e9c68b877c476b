#!/usr/bin/env bash
# Run the example playbooks (and inventory configs) against a running Runbeam
# emulator, as a newcomer would run them against Runbeam Cloud.
#
#   demo/run.sh STATE_FILE        (make demo starts the emulator and calls this)
#
# STATE_FILE is the JSON the emulator writes (`python -m emulator serve
# --state-file ...`): origin, api, ca_path, pid, sanctum_token, ... Its tokens
# are exported for the playbooks and never printed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=${1:-${DEMO_STATE_FILE:-}}
if [ -z "$state" ] || [ ! -f "$state" ]; then
    echo "usage: demo/run.sh EMULATOR_STATE_FILE (the file 'python -m emulator serve --state-file' writes)" >&2
    exit 2
fi

bin="$root/.venv/bin"
if [ ! -x "$bin/ansible-playbook" ]; then
    echo "demo: $bin/ansible-playbook is missing; run 'make venv' first" >&2
    exit 1
fi

# One field of the state file ('' for null or missing).
field() {
    "$bin/python" -c 'import json, sys; v = json.load(open(sys.argv[1])).get(sys.argv[2]); print("" if v is None else v)' "$state" "$1"
}

RUNBEAM_URL=$(field origin)
RUNBEAM_TOKEN=$(field sanctum_token)
export RUNBEAM_URL RUNBEAM_TOKEN
ca_path=$(field ca_path)
if [ -n "$ca_path" ]; then
    export RUNBEAM_CA_PATH="$ca_path"
fi

# The collection from this checkout: build/collections/ansible_collections/runbeam/cloud -> repo.
collections="$root/build/collections"
if [ ! -e "$collections/ansible_collections/runbeam/cloud" ]; then
    mkdir -p "$collections/ansible_collections/runbeam"
    ln -sfn "$root" "$collections/ansible_collections/runbeam/cloud"
fi
export ANSIBLE_COLLECTIONS_PATH="$collections"
export ANSIBLE_LOCALHOST_WARNING=false
export ANSIBLE_INVENTORY_UNPARSED_WARNING=false
export ANSIBLE_RETRY_FILES_ENABLED=false

# Machine tokens go to a private folder of the demo, not to ~/.runbeam. It starts
# empty: each demo has a fresh emulator, which knows none of an earlier run's tokens.
token_dir="$root/demo/.state/tokens"
rm -rf "$token_dir"
mkdir -p "$token_dir"
chmod 0700 "$token_dir"

step() {
    printf '\n=== %s ===\n' "$*"
}

playbook() {
    "$bin/ansible-playbook" "$root/examples/playbooks/$1" -e "runbeam_token_dir=$token_dir" "${@:2}"
}

echo "Runbeam emulator at $RUNBEAM_URL${ca_path:+ (HTTPS, CA $ca_path)}"
echo "RUNBEAM_URL and RUNBEAM_TOKEN${ca_path:+ and RUNBEAM_CA_PATH} are set for the playbooks (the token is not shown)."

step "1. Authorize gateway edge-lon-01 and keep its machine token in $token_dir"
playbook authorize_gateway.yml -e gateway_code=edge-lon-01

step "2. The same again: the stored token is still good, so nothing changes and no request is made"
playbook authorize_gateway.yml -e gateway_code=edge-lon-01

step "3. List the gateways of the team, and the services of edge-lon-01"
playbook list_gateways.yml -e gateway_code=edge-lon-01

step "4. Process the changes queued for edge-lon-01 (acknowledge, apply, report)"
playbook process_changes.yml -e gateway_code=edge-lon-01

step "5. Dynamic inventory"
shopt -s nullglob
configs=("$root"/examples/inventory/*runbeam.yml)
if [ ${#configs[@]} -eq 0 ]; then
    echo "No examples/inventory/*runbeam.yml yet: skipped."
fi
for config in "${configs[@]}"; do
    echo "ansible-inventory -i ${config#"$root"/} --graph"
    ANSIBLE_INVENTORY_UNPARSED_FAILED=true "$bin/ansible-inventory" -i "$config" --graph
done

step "6. The roles on two Harmony hosts (local connections writing under demo/.state/hosts)"
hosts_dir="$root/demo/.state/hosts"
rm -rf "$hosts_dir"
cat > "$root/demo/.state/harmony_hosts.yml" <<INVENTORY
harmony:
  hosts:
    edge-nyc-01: {}
    edge-sfo-01: {}
  vars:
    ansible_connection: local
    ansible_python_interpreter: $bin/python
    runbeam_token_dir: $token_dir
    runbeam_token_file: "$hosts_dir/{{ inventory_hostname }}/runbeam-machine-token.json"
    runbeam_env_file: "$hosts_dir/{{ inventory_hostname }}/runbeam.env"
    runbeam_token_owner: $(id -un)
    runbeam_token_group: $(id -gn)
    runbeam_restart_harmony: false
INVENTORY
"$bin/ansible-playbook" -i "$root/demo/.state/harmony_hosts.yml" "$root/examples/playbooks/harmony_fleet.yml"

step "7. The roles again: tokens are still good and no change is queued, so nothing changes"
"$bin/ansible-playbook" -i "$root/demo/.state/harmony_hosts.yml" "$root/examples/playbooks/harmony_fleet.yml"

step "Done"
echo "The machine token of edge-lon-01 is in $token_dir/edge-lon-01.json (mode 0600)."
