#!/usr/bin/env bash
# ansible-test sanity --venv --python 3.11, offline, without containers.
#
#   hack/sanity.sh VENV_BIN [extra ansible-test args...]
#
# Two traps on these machines (see shared tooling notes):
# 1. ansible-test only runs inside a *physical* .../ansible_collections/NS/NAME
#    folder (it uses the physical cwd, a symlink does not do). So we copy the
#    files git knows about (tracked, plus untracked-but-not-ignored, so work
#    in progress is checked too) into build/sanity/ansible_collections/runbeam/cloud
#    and `git init` that copy so ansible-test sees exactly that file list.
# 2. Each venv ansible-test creates bootstraps pip by downloading get-pip from
#    Ansible's CI file server, which is unreachable here. We give it a cached
#    stand-in ($HOME/.ansible/test/cache/get_pip_X_Y.py) that installs pip from
#    a wheel fetched from PyPI with `pip download`. HOME points into .cache/ so
#    nothing is written to the real home and the venvs are reused next time.
set -euo pipefail

bin=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

dest="$root/build/sanity/ansible_collections/runbeam/cloud"
home="$root/.cache/ansible-test-home"
cache="$home/.ansible/test/cache"

# --- 1. physical copy of the tree ------------------------------------------
rm -rf "$root/build/sanity"
mkdir -p "$dest"
git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar -C "$root" --null -T - -cf - \
    | tar -C "$dest" -xf -
(
    cd "$dest"
    git init -q
    git add -A
) 

# --- 2. get-pip stand-ins -----------------------------------------------------
mkdir -p "$cache"
for pip_version in 24.2 25.2; do   # 24.2: ansible-test 2.19; 25.2: 2.20/2.21
    script="$cache/get_pip_${pip_version//./_}.py"
    wheel="$cache/pip-${pip_version}-py3-none-any.whl"
    if [ ! -f "$wheel" ]; then
        "$bin/python" -m pip download -q --no-deps --only-binary=:all: -d "$cache" "pip==$pip_version"
    fi
    if [ ! -f "$script" ] || ! grep -q "runbeam stand-in" "$script"; then
        cat > "$script" <<PY
# runbeam stand-in for get-pip ${pip_version} (the real one cannot be downloaded here):
# install pip from the wheel beside this file, as get-pip does.
import os
import sys

wheel = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pip-${pip_version}-py3-none-any.whl")
sys.path.insert(0, wheel)
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]

from pip._internal.cli.main import main  # noqa: E402

sys.exit(main(["install", "--upgrade", "--force-reinstall"] + args))
PY
    fi
done

# --- 3. run ------------------------------------------------------------------
cd "$dest"
export HOME="$home"
export PATH="$bin:$PATH"
unset ANSIBLE_COLLECTIONS_PATH ANSIBLE_COLLECTIONS_PATHS || true
"$bin/ansible-test" sanity --venv --python 3.11 --color no "$@"
