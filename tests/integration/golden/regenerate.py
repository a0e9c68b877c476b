"""Rewrite the golden files under tests/integration/golden/ from real runs against the emulator.

    .venv/bin/python tests/integration/golden/regenerate.py   (any venv with pytest and ansible-core)

Runs the golden tests with RUNBEAM_REGENERATE_GOLDEN=1, which makes them
write their --list output instead of comparing it. Review the diff (git diff
tests/integration/golden) before committing: every change must be intended.
"""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
GOLDEN_TESTS = ['tests/integration/test_inventory_gateways.py', '-ktest_golden']


def main():
    env = dict(os.environ, RUNBEAM_REGENERATE_GOLDEN='1')
    command = [os.path.join(ROOT, 'hack', 'pytest.sh'), os.path.dirname(os.path.dirname(sys.executable))] + GOLDEN_TESTS
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == '__main__':
    sys.exit(main())
