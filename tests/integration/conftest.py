"""Real ansible-playbook and ansible-inventory runs against the emulator."""

import json
import os
import pathlib
import subprocess
import sys

import pytest
import yaml

from helpers import REPO

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(sys.executable)


def collections_path():
    """A tree ansible_collections/runbeam/cloud -> this checkout (made here when make did not)."""
    if os.environ.get('ANSIBLE_COLLECTIONS_PATH'):
        return os.environ['ANSIBLE_COLLECTIONS_PATH']
    root = os.path.join(REPO, 'build', 'collections')
    link = os.path.join(root, 'ansible_collections', 'runbeam', 'cloud')
    if not os.path.exists(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(REPO, link)
    return root


class Run(object):
    """One finished ansible run: rc, stdout, stderr, and the recorded task results."""

    def __init__(self, process, record_path):
        self.rc = process.returncode
        self.stdout = process.stdout
        self.stderr = process.stderr
        self.output = process.stdout + process.stderr
        self.results = []
        if record_path and os.path.exists(record_path):
            with open(record_path) as handle:
                self.results = [json.loads(line) for line in handle]

    def task(self, name, host=None):
        """The result of the named task (the last one, for a task that ran in a loop or on several hosts)."""
        found = [r for r in self.results if r['task'] == name and (host is None or r['host'] == host)]
        assert found, 'task %r did not run; output:\n%s' % (name, self.output)
        return found[-1]['result']

    def json(self):
        return json.loads(self.stdout)


class Ansible(object):
    """Runs ansible-playbook / ansible-inventory from this venv with the collection installed from the checkout."""

    def __init__(self, tmp_path, emu):
        self.tmp_path = tmp_path
        self.emu = emu
        self.count = 0

    def env(self, extra=None):
        env = dict(os.environ)
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': collections_path(),
            'ANSIBLE_CALLBACK_PLUGINS': os.path.join(HERE, 'callback'),
            'ANSIBLE_CALLBACKS_ENABLED': 'record',
            'ANSIBLE_LOCAL_TEMP': str(self.tmp_path / 'ansible-tmp'),
            'ANSIBLE_HOME': str(self.tmp_path / 'ansible-home'),
            'ANSIBLE_NOCOLOR': '1',
            'ANSIBLE_FORCE_COLOR': '0',
            'ANSIBLE_RETRY_FILES_ENABLED': '0',
            'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
            'ANSIBLE_INVENTORY_UNPARSED_WARNING': '0',
            'ANSIBLE_LOCALHOST_WARNING': '0',
            'PATH': BIN + os.pathsep + env.get('PATH', ''),
        })
        env.update(extra or {})
        return env

    def playbook(self, plays, args=(), env=None, inventory=None):
        """Run plays (a list of play dicts, YAML text, or the pathlib.Path of a playbook) and return a Run."""
        self.count += 1
        path = plays
        if not isinstance(plays, pathlib.Path):
            path = self.tmp_path / ('playbook-%d.yml' % self.count)
            path.write_text(plays if isinstance(plays, str) else yaml.safe_dump(plays, sort_keys=False))
        record = self.tmp_path / ('record-%d.jsonl' % self.count)
        command = [os.path.join(BIN, 'ansible-playbook'), str(path)]
        command += ['-i', inventory or 'localhost,'] + list(args)
        return self._run(command, env, str(record))

    def inventory(self, config, args=('--list',), env=None, name='test.runbeam.yml'):
        """Run ansible-inventory on an inventory config (a dict written as YAML, or a path)."""
        self.count += 1
        if isinstance(config, dict):
            path = self.tmp_path / ('%d-%s' % (self.count, name))
            path.write_text(yaml.safe_dump(config, sort_keys=False))
            config = str(path)
        command = [os.path.join(BIN, 'ansible-inventory'), '-i', config] + list(args)
        return self._run(command, env, None)

    def _run(self, command, env, record):
        extra = dict(env or {})
        if record:
            extra['RUNBEAM_TEST_RECORD'] = record
        process = subprocess.run(command, cwd=str(self.tmp_path), env=self.env(extra), capture_output=True,
                                 text=True, timeout=600, stdin=subprocess.DEVNULL, check=False)
        return Run(process, record)


@pytest.fixture
def ansible(tmp_path, emu):
    return Ansible(tmp_path, emu)


@pytest.fixture
def ansible_tls(tmp_path, emu_tls):
    return Ansible(tmp_path, emu_tls)
