"""runbeam.cloud.gateways through real ansible-inventory / ansible-playbook runs against the emulator.

Golden files: tests/integration/golden/inventory/<case>.json hold the --list
output of each configuration in GOLDEN_CASES; rewrite them with
tests/integration/golden/regenerate.py after a deliberate change.
"""

import json
import math
import os
import pathlib
import subprocess
import sys

import pytest
import yaml

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLDEN = HERE / 'golden' / 'inventory'
REGENERATE = os.environ.get('RUNBEAM_REGENERATE_GOLDEN') == '1'
PAGE_SIZE = 2  # several pages per list even with the small default seed
KINDS = ('services', 'endpoints', 'backends', 'pipelines')
HOSTILE = "{{ lookup('pipe', 'id') }}"
ORIGIN_PLACEHOLDER = 'http://emulator.invalid'


# -- helpers ------------------------------------------------------------------

def config(**options):
    return dict({'plugin': 'runbeam.cloud.gateways', 'page_size': PAGE_SIZE}, **options)


def env_for(emu, token=None, **extra):
    """Connection through the environment, and a failed source made fatal (see the plugin's notes)."""
    env = {'RUNBEAM_URL': emu.origin, 'RUNBEAM_TOKEN': token or emu.sanctum_token,
           'ANSIBLE_INVENTORY_UNPARSED_FAILED': '1'}
    env.update(extra)
    return env


def listing(run, emu):
    """The --list JSON of a successful run, with the emulator's origin (a random port) normalised."""
    assert run.rc == 0, run.output
    return json.loads(run.stdout.replace(emu.origin, ORIGIN_PLACEHOLDER))


def hostnames(data):
    """Every host in a --list output (a host without variables is only in its groups)."""
    names = set(data['_meta']['hostvars'])
    for name, group in data.items():
        if name != '_meta':
            names.update(group.get('hosts', []))
    return sorted(names)


def write_config(tmp_path, name, options):
    """A configuration file of our own: the cache key depends on its path, so reruns must reuse it."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(options))
    return str(path)


def plain(value):
    """A --list value without the {"__ansible_unsafe": ...} wrapper Ansible prints unsafe text in."""
    if isinstance(value, dict) and set(value) == {'__ansible_unsafe'}:
        return value['__ansible_unsafe']
    return value


def gateway(emu, code):
    return next(g for g in emu.gateways if g['code'] == code)


def team_a_pages(emu, kind):
    rows = [row for row in getattr(emu, kind) if row['team_id'] == emu.team_a['id']]
    return max(1, math.ceil(len(rows) / PAGE_SIZE))


def list_requests(emu, kind):
    return emu.requests('GET', '/api/' + kind)


def assert_source_failed(run, emu, *needles):
    """Exit code non-zero, nothing on stdout, the reason on stderr, and never the token."""
    assert run.rc != 0, run.output
    assert run.stdout.strip() == ''
    for needle in needles:
        assert needle in run.stderr
    assert emu.sanctum_token not in run.output


def check_golden(name, data):
    path = GOLDEN / (name + '.json')
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + '\n')
        return
    assert path.exists(), 'no golden file %s: run tests/integration/golden/regenerate.py' % path
    assert data == json.loads(path.read_text())


# -- golden files -------------------------------------------------------------

def names_with_a_clash(emu):
    gateway(emu, 'edge-lon-01')['name'] = 'london'
    gateway(emu, 'edge-nyc-01')['name'] = 'shared'
    gateway(emu, 'edge-sfo-01')['name'] = 'shared'


GOLDEN_CASES = {
    'defaults': ({}, None),
    'hostnames_name': ({'hostnames': ['name']}, names_with_a_clash),
    'hostnames_dns_code': ({'hostnames': ['dns', 'code']}, None),
    'constructed': ({
        'compose': {'region': "(runbeam_settings or {}).region | default('none')", 'ansible_user': "'harmony'"},
        'groups': {'debug_logging': "(runbeam_settings or {}).log_level | default('') == 'debug'"},
        'keyed_groups': [{'key': "(runbeam_settings or {}).region | default('')", 'prefix': 'region',
                          'default_value': 'unknown'},
                         {'key': 'runbeam_enabled | string', 'prefix': 'enabled'}],
    }, None),
    'filters': ({'filters': ['runbeam_settings is mapping', "runbeam_settings.region.startswith('eu-')"]}, None),
    'enabled_only': ({'include_disabled': False}, None),
    'include_services_pipelines': ({'include': ['services', 'pipelines']}, None),
    'vars_prefix': ({'vars_prefix': 'rb_', 'include': ['endpoints', 'backends']}, None),
}


@pytest.mark.parametrize('case', sorted(GOLDEN_CASES))
def test_golden(ansible, emu, case):
    options, prepare = GOLDEN_CASES[case]
    if prepare:
        prepare(emu)
    run = ansible.inventory(config(**options), env=env_for(emu))
    check_golden(case, listing(run, emu))
    read = ['gateways'] + options.get('include', [])
    for kind in ('gateways',) + KINDS:
        expected = team_a_pages(emu, kind) if kind in read else 0
        assert len(list_requests(emu, kind)) == expected, kind
    assert emu.sanctum_token not in run.output


def test_shared_hostnames_warn_on_stderr_only(ansible, emu):
    names_with_a_clash(emu)
    run = ansible.inventory(config(hostnames=['name']), env=env_for(emu))
    data = listing(run, emu)
    assert 'would share the hostname(s) shared' in run.stderr
    assert 'edge-nyc-01' in data['_meta']['hostvars'] and 'shared' not in data['_meta']['hostvars']


def test_filter_errors_drop_the_host_with_one_warning_or_fail_when_strict(ansible, emu):
    options = {'filters': ["runbeam_settings.region != 'lab'"]}  # legacy-01 has no settings
    data = listing(ansible.inventory(config(**options), env=env_for(emu)), emu)
    assert hostnames(data) == ['core-fra-01', 'edge-lon-01', 'edge-nyc-01', 'edge-sfo-01']
    run = ansible.inventory(config(**options), env=env_for(emu))
    assert run.stderr.count('left out because the filters could not be evaluated') == 1
    assert_source_failed(ansible.inventory(config(strict=True, **options), env=env_for(emu)), emu,
                         'Could not evaluate the filters for host legacy-01')


def test_the_example_config_over_tls(ansible_tls, emu_tls):
    run = ansible_tls.inventory(str(REPO / 'examples' / 'inventory' / 'demo.runbeam.yml'), env={
        'RUNBEAM_URL': emu_tls.origin, 'RUNBEAM_TOKEN': emu_tls.sanctum_token, 'RUNBEAM_CA_PATH': emu_tls.ca_path,
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': '1'})
    data = listing(run, emu_tls)
    assert 'edge-lon-01.gw.example.net' in data['_meta']['hostvars'] and 'legacy-01' in data['_meta']['hostvars']
    assert sorted(data['region_eu_west_2']['hosts']) == ['edge-lon-01.gw.example.net']


# -- connection options -------------------------------------------------------

def test_token_from_a_lookup(ansible, emu):
    options = config(url=emu.origin, token="{{ lookup('ansible.builtin.env', 'MY_RUNBEAM_TOKEN') }}")
    run = ansible.inventory(options, env={'MY_RUNBEAM_TOKEN': emu.sanctum_token, 'RUNBEAM_TOKEN': 'wrong|token',
                                          'ANSIBLE_INVENTORY_UNPARSED_FAILED': '1'})
    assert len(hostnames(listing(run, emu))) == 6
    assert emu.sanctum_token not in run.output


def vault_password(tmp_path):
    path = tmp_path / 'vault-password'
    path.write_text('correct horse battery staple\n')
    return str(path)


def vault(*args):
    """stdout of ansible-vault from this venv."""
    return subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-vault')] + list(args),
                          check=True, capture_output=True, text=True).stdout


def test_token_inline_vaulted(ansible, emu, tmp_path):
    password = vault_password(tmp_path)
    encrypted = vault('encrypt_string', '--vault-password-file', password, emu.sanctum_token, '--name', 'token')
    source = tmp_path / 'vaulted.runbeam.yml'
    source.write_text('plugin: runbeam.cloud.gateways\n' + encrypted)
    run = ansible.inventory(str(source), args=('--list', '--vault-password-file', password),
                            env=env_for(emu, token='wrong|token'))
    assert len(hostnames(listing(run, emu))) == 6
    assert emu.sanctum_token not in run.output


def test_token_from_a_vaulted_extra_vars_file(ansible, emu, tmp_path):
    password = vault_password(tmp_path)
    secrets = tmp_path / 'secrets.yml'
    secrets.write_text(yaml.safe_dump({'vaulted_runbeam_token': emu.sanctum_token}))
    vault('encrypt', '--vault-password-file', password, str(secrets))
    assert emu.sanctum_token not in secrets.read_text()
    # --graph, not --list: ansible-inventory --list prints extra vars among every host's variables (see the notes).
    run = ansible.inventory(config(token='{{ vaulted_runbeam_token }}'),
                            args=('--graph', '-e', '@' + str(secrets), '--vault-password-file', password),
                            env=env_for(emu, token='wrong|token'))
    assert run.rc == 0, run.output
    assert '|--edge-lon-01' in run.stdout and '|--legacy-01' in run.stdout
    assert emu.sanctum_token not in run.output


# -- never partial, never foreign ---------------------------------------------

def test_a_page_that_always_fails_fails_the_source(ansible, emu):
    emu.inject(503, count=None, path='/api/gateways', query={'page': '3'})
    run = ansible.inventory(config(retries=1), env=env_for(emu))
    assert_source_failed(run, emu, 'GET /api/gateways?page=3&per_page=2 failed: HTTP 503', 'Service Unavailable',
                         'runbeam.cloud.gateways')


def test_without_unparsed_failed_a_failed_source_still_lists_no_host(ansible, emu):
    emu.inject(503, count=None, path='/api/gateways', query={'page': '3'})
    run = ansible.inventory(config(retries=1), env=env_for(emu, ANSIBLE_INVENTORY_UNPARSED_FAILED='0'))
    data = listing(run, emu)  # ansible-inventory only warns and exits 0 here: that is why AWX sets the variable
    assert hostnames(data) == []
    assert 'runbeam_gateways' not in json.dumps(data)


def test_a_page_failing_twice_with_retry_after_then_answering(ansible, emu):
    emu.inject(503, count=2, path='/api/gateways', query={'page': '2'}, retry_after=1)
    data = listing(ansible.inventory(config(), env=env_for(emu)), emu)
    assert len(hostnames(data)) == 6
    page_two = [entry for entry in list_requests(emu, 'gateways') if entry['query'].get('page') == '2']
    assert [entry['status'] for entry in page_two] == [503, 503, 200]
    assert page_two[1]['time'] - page_two[0]['time'] >= 0.9  # Retry-After: 1 was honoured
    assert len(list_requests(emu, 'gateways')) == team_a_pages(emu, 'gateways') + 2


def test_unauthorized_fails_the_source(ansible, emu):
    run = ansible.inventory(config(), env=env_for(emu, token='7|expired-or-revoked'))
    assert_source_failed(run, emu, 'GET /api/gateways?page=1&per_page=2 failed: HTTP 401', 'Unauthenticated.')
    assert '7|expired-or-revoked' not in run.output


def test_forbidden_on_an_included_kind_fails_the_whole_source(ansible, emu):
    emu.inject(403, count=None, path='/api/services')
    run = ansible.inventory(config(include=['services']), env=env_for(emu))
    assert_source_failed(run, emu, 'HTTP 403', 'This action is unauthorized.')


def test_rows_not_adding_up_to_meta_total_fail_after_one_reread(ansible, emu):
    emu.total_offset = 1
    run = ansible.inventory(config(), env=env_for(emu))
    assert_source_failed(run, emu, 'meta.total')
    assert len(list_requests(emu, 'gateways')) == 2 * team_a_pages(emu, 'gateways')


def test_a_strict_compose_failure_takes_back_every_host_it_added(ansible, emu, tmp_path):
    static = tmp_path / 'static.ini'
    static.write_text('static-host\n')
    # legacy-01 (settings: null), the last gateway of the team, fails after the others were added.
    options = config(strict=True, compose={'region': 'runbeam_settings.region'})
    run = ansible.inventory(options, args=('-i', str(static), '--list'),
                            env=env_for(emu, ANSIBLE_INVENTORY_UNPARSED_FAILED='0'))
    data = listing(run, emu)
    assert hostnames(data) == ['static-host']
    assert not [group for group in data if group.startswith('runbeam_')]
    assert 'Could not set region for host legacy-01' in run.stderr


def test_hostile_names_stay_literal(ansible, emu, tmp_path):
    target = gateway(emu, 'edge-lon-01')
    target.update(name=HOSTILE, settings={'region': HOSTILE})
    options = config(hostnames=['name', 'code'], compose={'shown': 'runbeam_name', 'region': 'runbeam_settings.region'},
                     keyed_groups=[{'key': 'runbeam_settings.region', 'prefix': 'region'}])
    run = ansible.inventory(options, env=env_for(emu))
    data = listing(run, emu)
    host = data['_meta']['hostvars'][HOSTILE]
    assert plain(host['runbeam_name']) == HOSTILE
    assert plain(host['shown']) == HOSTILE
    assert plain(host['region']) == HOSTILE
    assert 'uid=' not in run.output

    # and in a play, where variables are templated
    source = tmp_path / 'hostile.runbeam.yml'
    source.write_text(yaml.safe_dump(options))
    play = {'hosts': 'runbeam_gateways', 'gather_facts': False, 'tasks': [
        {'name': 'show', 'when': "runbeam_code == 'edge-lon-01'",
         'ansible.builtin.debug': {'msg': '{{ runbeam_name }} / {{ shown }} / {{ inventory_hostname }}'}}]}
    result = ansible.playbook([play], inventory=str(source), env=env_for(emu)).task('show', host=HOSTILE)
    assert result['msg'] == ' / '.join([HOSTILE] * 3)


# -- cache --------------------------------------------------------------------

def cached_config(tmp_path, **options):
    """The path of a configuration with a jsonfile cache in tmp_path/cache."""
    return write_config(tmp_path, 'cached.runbeam.yml', config(
        cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'cache'),
        cache_timeout=3600, **options))


def test_a_warm_cache_makes_no_request_and_holds_no_token(ansible, emu, tmp_path):
    options = cached_config(tmp_path, include=['services'])
    first = listing(ansible.inventory(options, env=env_for(emu)), emu)
    assert len(list_requests(emu, 'gateways')) == team_a_pages(emu, 'gateways')
    emu.clear_log()

    run = ansible.inventory(options, env=env_for(emu))
    assert listing(run, emu) == first
    assert emu.requests() == []
    files = list((tmp_path / 'cache').iterdir())
    assert files
    secret = emu.sanctum_token.split('|', 1)[1]
    for path in files:
        assert secret not in path.name and secret not in path.read_text()
    assert secret not in run.output

    ansible.inventory(options, args=('--list', '--flush-cache'), env=env_for(emu))
    assert len(list_requests(emu, 'gateways')) == team_a_pages(emu, 'gateways')


def test_another_token_never_reads_the_cached_hosts(ansible, emu, tmp_path):
    options = cached_config(tmp_path)
    team_a = listing(ansible.inventory(options, env=env_for(emu)), emu)
    emu.clear_log()
    team_b = listing(ansible.inventory(options, env=env_for(emu, token=emu.other_sanctum_token)), emu)
    assert list_requests(emu, 'gateways')
    assert hostnames(team_b) == ['globex-core-01', 'globex-edge-01']
    assert not set(hostnames(team_a)) & set(hostnames(team_b))
    assert len(list((tmp_path / 'cache').iterdir())) == 2
    emu.clear_log()
    assert listing(ansible.inventory(options, env=env_for(emu)), emu) == team_a  # each token keeps its own entry
    assert emu.requests() == []


def test_changing_include_reads_again(ansible, emu, tmp_path):
    listing(ansible.inventory(cached_config(tmp_path), env=env_for(emu)), emu)
    emu.clear_log()
    data = listing(ansible.inventory(cached_config(tmp_path, include=['pipelines']), env=env_for(emu)), emu)
    assert list_requests(emu, 'gateways') and list_requests(emu, 'pipelines')
    assert plain(data['_meta']['hostvars']['edge-lon-01']['runbeam_pipelines'][0]['code']) == 'edge-lon-01-pipeline-1'
