"""Small builders and checks shared by the playbook tests."""

import json
import os
import socket

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def play(tasks, **extra):
    """One play on localhost over the local connection."""
    return [dict({'hosts': 'localhost', 'connection': 'local', 'gather_facts': False, 'tasks': tasks}, **extra)]


def failing(task):
    """The task, allowed to fail so that the play goes on to the next one."""
    return dict(task, ignore_errors=True)


def connection(emu, token=None):
    """RUNBEAM_* environment for the emulator, with the Sanctum token unless another is given."""
    return {'RUNBEAM_URL': emu.origin, 'RUNBEAM_TOKEN': token or emu.sanctum_token}


def secret_vars(tmp_path, **secrets):
    """-e @file arguments: secrets go in as variables, as in real use, never literally in the playbook
    (Ansible quotes the playbook source around a failed task)."""
    path = tmp_path / 'secrets.json'
    path.write_text(json.dumps(secrets))
    return ['-e', '@%s' % path]


def assert_no_secret(run, *secrets):
    """No traceback, and none of the secrets anywhere in what the run printed."""
    assert 'Traceback (most recent call last)' not in run.output
    for secret in secrets:
        assert secret not in run.output


def closed_port():
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]
