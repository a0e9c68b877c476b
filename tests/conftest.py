"""Fixtures shared by every suite: the Runbeam emulator, started in-process on 127.0.0.1."""

import os
import sys

import pytest

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from emulator import Emulator  # noqa: E402  (needs TESTS_DIR on sys.path)


@pytest.fixture(scope='session')
def emulator_http():
    with Emulator(tls=False) as emu:
        yield emu


@pytest.fixture(scope='session')
def emulator_https():
    with Emulator(tls=True) as emu:
        yield emu


def _fresh(emulator):
    """The emulator with the default data, an empty log, no faults and no latency."""
    emulator.seed('default')
    emulator.reset()
    emulator.base_url = emulator.api
    return emulator


@pytest.fixture
def emu(emulator_http):
    """The plain-HTTP emulator, in its default state for each test."""
    return _fresh(emulator_http)


@pytest.fixture
def emu_tls(emulator_https):
    """The HTTPS emulator (its CA at emu_tls.ca_path), in its default state for each test."""
    return _fresh(emulator_https)
