"""Put tests/ on sys.path so `import emulator` works, and share one emulator per module."""
import os
import sys

import pytest

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from emulator import Emulator  # noqa: E402


@pytest.fixture(scope="module")
def server():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emu(server):
    server.reset()
    yield server
    server.reset()
