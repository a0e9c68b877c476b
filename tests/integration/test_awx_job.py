"""Run a job the way AWX / Automation Controller does, against the emulator.

1. The credential: extensions/awx/credential_type.yml's injectors, rendered with
   the credential's inputs as AWX renders them, give the job's RUNBEAM_* environment.
2. The inventory sync: ansible-runner runs ansible-inventory on a
   runbeam.cloud.gateways source (extensions/awx/inventory_source.runbeam.yml plus
   test settings) with that environment; AWX stores the hosts and hands the job an
   inventory script printing them.
3. The job: `ansible-runner run <private_data_dir> -p site.yml` with env/envvars,
   env/extravars, inventory/hosts and project/, as AWX lays out a job's folder.
"""

import glob
import json
import os
import shutil
import stat
import subprocess
import sys

import jinja2.sandbox
import yaml

import ansible_runner

from helpers import REPO

HERE = os.path.dirname(os.path.abspath(__file__))
AWX = os.path.join(REPO, 'extensions', 'awx')
PROJECT = os.path.join(HERE, 'roles', 'awx_project')
HOSTS = ['edge-lon-01', 'edge-nyc-01']


def _load(name):
    with open(os.path.join(AWX, name)) as handle:
        return yaml.safe_load(handle)


def credential_env(inputs):
    """The environment AWX injects for a credential of our type (its templates, rendered in a sandbox)."""
    injectors = _load('credential_type.yml')['injectors']
    sandbox = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined)
    return {name: sandbox.from_string(template).render(**inputs) for name, template in injectors['env'].items()}


def test_credential_type_shape():
    definition = _load('credential_type.yml')
    assert definition['kind'] == 'cloud'
    fields = {field['id']: field for field in definition['inputs']['fields']}
    assert set(fields) == {'url', 'token', 'validate_certs'}
    assert fields['token']['secret'] is True and fields['validate_certs']['type'] == 'boolean'
    assert definition['inputs']['required'] == ['token']
    assert set(definition['injectors']) == {'env'}
    base = {'url': 'https://runbeam.example.com', 'token': '1|abc'}
    assert credential_env(dict(base, validate_certs=True)) == {
        'RUNBEAM_URL': 'https://runbeam.example.com', 'RUNBEAM_TOKEN': '1|abc', 'RUNBEAM_VALIDATE_CERTS': 'true'}
    assert credential_env(dict(base, validate_certs=False))['RUNBEAM_VALIDATE_CERTS'] == 'false'
    assert credential_env(base)['RUNBEAM_VALIDATE_CERTS'] == 'true'  # an old credential without the field


def _ansible_env(ansible, tmp_path):
    """The settings an execution environment would have: our collection, this venv's Python."""
    keep = ('ANSIBLE_COLLECTIONS_PATH', 'ANSIBLE_PYTHON_INTERPRETER', 'ANSIBLE_NOCOLOR', 'ANSIBLE_FORCE_COLOR',
            'ANSIBLE_LOCALHOST_WARNING', 'ANSIBLE_INVENTORY_UNPARSED_WARNING', 'ANSIBLE_RETRY_FILES_ENABLED', 'PATH')
    env = ansible.env()
    env = {name: env[name] for name in keep}
    env['ANSIBLE_HOME'] = str(tmp_path / 'ansible-home')
    env['ANSIBLE_LOCAL_TEMP'] = str(tmp_path / 'ansible-tmp')
    return env


# AWX runs inventory updates with these: a source that cannot be parsed fails the update.
SYNC_ENV = {'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true', 'ANSIBLE_INVENTORY_ENABLED': 'auto'}


def sync_inventory(tmp_path, envvars):
    """An AWX inventory update: ansible-inventory --list on the source, through ansible-runner."""
    source = _load('inventory_source.runbeam.yml')
    source['compose'] = dict(source.get('compose') or {}, ansible_connection="'local'")
    path = tmp_path / 'source' / 'awx.runbeam.yml'
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(source))
    out, err = ansible_runner.get_inventory(
        action='list', inventories=[str(path)], response_format='json', envvars=dict(envvars, **SYNC_ENV), quiet=True,
        private_data_dir=str(tmp_path / 'sync'))
    assert out, err
    return out if isinstance(out, dict) else json.loads(out)


def job_folder(tmp_path, envvars, inventory, extravars):
    """A job's private data dir as AWX writes it."""
    folder = tmp_path / 'job'
    (folder / 'env').mkdir(parents=True)
    (folder / 'inventory').mkdir()
    shutil.copytree(PROJECT, str(folder / 'project'))
    (folder / 'env' / 'envvars').write_text(yaml.safe_dump(envvars))
    (folder / 'env' / 'extravars').write_text(yaml.safe_dump(extravars))
    script = folder / 'inventory' / 'hosts'
    script.write_text('#!%s\nimport sys\nDATA = %r\nprint(DATA if "--list" in sys.argv else "{}")\n'
                      % (sys.executable, json.dumps(inventory)))
    script.chmod(0o700)
    for name in ('envvars', 'extravars'):
        (folder / 'env' / name).chmod(0o600)
    return folder


def _events(run):
    return list(run.events)


def _artifact_text(folder):
    """Everything the job left that AWX shows or stores: stdout, stderr, job events (not env/command)."""
    texts = []
    for path in glob.glob(str(folder / 'artifacts' / '*' / '**'), recursive=True):
        name = os.path.basename(path)
        if os.path.isfile(path) and name not in ('command',):
            with open(path, errors='replace') as handle:
                texts.append(handle.read())
    return '\n'.join(texts)


def test_job_with_credential_and_synced_inventory(ansible, emu, tmp_path):
    credential = {'url': emu.origin, 'token': emu.sanctum_token, 'validate_certs': True}
    envvars = dict(_ansible_env(ansible, tmp_path), **credential_env(credential))
    inventory = sync_inventory(tmp_path, envvars)
    assert set(HOSTS) <= set(inventory['runbeam_enabled']['hosts'])
    assert 'lab-01' in inventory['runbeam_disabled']['hosts']
    assert emu.sanctum_token not in json.dumps(inventory)

    user = subprocess.run(['id', '-un'], capture_output=True, text=True, check=False).stdout.strip()
    group = subprocess.run(['id', '-gn'], capture_output=True, text=True, check=False).stdout.strip()
    extravars = {
        'runbeam_token_dir': str(tmp_path / 'controller' / 'tokens'),
        'runbeam_token_file': str(tmp_path / 'hosts') + '/{{ inventory_hostname }}/runbeam-machine-token.json',
        'runbeam_env_file': str(tmp_path / 'hosts') + '/{{ inventory_hostname }}/runbeam.env',
        'runbeam_token_owner': user, 'runbeam_token_group': group,
        'runbeam_restart_harmony': False,
    }
    folder = job_folder(tmp_path, envvars, inventory, extravars)
    pending = {c['id'] for c in emu.changes if c['status'] == 'pending'
               and c['gateway_id'] in {emu.store.gateway_by_code(code)['id'] for code in HOSTS}}
    assert len(pending) == 6

    run = ansible_runner.run(private_data_dir=str(folder), playbook='site.yml', limit=','.join(HOSTS) + ',localhost',
                             quiet=True, suppress_env_files=True)
    assert (run.status, run.rc) == ('successful', 0), open(run.stdout.name).read()

    events = _events(run)
    ok = {(e['event_data'].get('host'), e['event_data'].get('task')) for e in events if e['event'] == 'runner_on_ok'}
    for host in HOSTS:
        assert (host, 'Authorize the gateway on Runbeam Cloud, renewing the token when it nears expiry') in ok
        assert (host, 'Write the payload to the host') in ok
        assert (host, 'Apply the change') in ok
    assert not [e for e in events if e['event'] in ('runner_on_failed', 'runner_on_unreachable')]
    assert events[-1]['event'] == 'playbook_on_stats'
    assert run.stats['failures'] == {} and set(HOSTS) <= set(run.stats['changed'])
    assert {c['id'] for c in emu.changes if c['status'] == 'applied'} >= pending

    tokens = [emu.sanctum_token]
    for host in HOSTS:
        payload_file = tmp_path / 'hosts' / host / 'runbeam-machine-token.json'
        assert stat.S_IMODE(os.stat(str(payload_file)).st_mode) == 0o600
        tokens.append(json.loads(payload_file.read_text())['machine_token'])
    text = _artifact_text(folder)
    assert 'Authorize the gateway' in text
    for token in tokens:
        assert token not in text

    # A second run of the job (say, the next scheduled one) changes nothing and asks for no token.
    emu.clear_log()
    again = ansible_runner.run(private_data_dir=str(folder), playbook='site.yml', limit=','.join(HOSTS) + ',localhost',
                               quiet=True, suppress_env_files=True)
    assert (again.status, again.rc) == ('successful', 0), open(again.stdout.name).read()
    assert again.stats['changed'] == {}
    assert emu.requests('POST') == []


def test_job_fails_cleanly_with_a_rejected_credential(ansible, emu, tmp_path):
    """A revoked or wrong token: the inventory sync fails (never an empty inventory) without showing the token."""
    bad = '1|not-a-real-secret-0123456789'
    envvars = dict(_ansible_env(ansible, tmp_path), **credential_env({'url': emu.origin, 'token': bad}))
    source = dict(_load('inventory_source.runbeam.yml'))
    path = tmp_path / 'awx.runbeam.yml'
    path.write_text(yaml.safe_dump(source))
    run = ansible_runner.run_command(
        executable_cmd='ansible-inventory', cmdline_args=['-i', str(path), '--list'], envvars=dict(envvars, **SYNC_ENV),
        quiet=True, private_data_dir=str(tmp_path / 'sync'))
    out, err, rc = run
    assert rc != 0
    assert '401' in out + err
    assert bad not in out + err


def _builder():
    return os.path.join(os.path.dirname(sys.executable), 'ansible-builder')


def _requirements():
    with open(os.path.join(REPO, 'requirements.txt')) as handle:
        return [line.split('#')[0].strip() for line in handle if line.split('#')[0].strip()]


def test_execution_environment_definition_creates_a_build_context(tmp_path):
    """ansible-builder create on the AWX EE definition: offline, with the collection's Python requirements."""
    context = tmp_path / 'context'
    done = subprocess.run([_builder(), 'create', '--file', os.path.join(AWX, 'execution-environment.yml'),
                           '-c', str(context)], capture_output=True, text=True, cwd=str(tmp_path), check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (context / 'Dockerfile').exists() or (context / 'Containerfile').exists()
    built = (context / '_build' / 'requirements.txt').read_text()
    for requirement in _requirements():
        assert requirement in built
    galaxy = yaml.safe_load((context / '_build' / 'requirements.yml').read_text())
    assert [c['name'] for c in galaxy['collections']] == ['runbeam.cloud']


def test_collection_metadata_gives_its_python_requirements(tmp_path):
    """meta/execution-environment.yml as ansible-builder reads it from an installed collection (introspect)."""
    tree = tmp_path / 'collections' / 'ansible_collections' / 'runbeam'
    tree.mkdir(parents=True)
    os.symlink(REPO, str(tree / 'cloud'))
    done = subprocess.run([_builder(), 'introspect', str(tmp_path / 'collections')], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    data = yaml.safe_load(done.stdout.split('\n', 1)[1])
    assert [line.split('#')[0].strip() for line in data['python']] == _requirements()
    assert data['system'] == []
