"""The six runbeam.cloud.*_info modules in real ansible-playbook runs against the emulator."""


import pytest

from helpers import assert_no_secret, closed_port, connection, failing, play, secret_vars

KINDS = ['gateways', 'services', 'endpoints', 'backends', 'pipelines']


def info(module, name, **options):
    return {'name': name, 'runbeam.cloud.runbeam_%s_info' % module: options}


def team_a(emu, kind, **where):
    return [item for item in getattr(emu, kind) if item['team_id'] == emu.team_a['id']
            and all(item.get(k) == v for k, v in where.items())]


def test_every_info_module_lists_picks_and_filters(ansible, emu):
    lon = team_a(emu, 'gateways', code='edge-lon-01')[0]
    orders = team_a(emu, 'services', gateway_id=lon['id'])[0]
    tasks = [info(kind[:-1], 'all ' + kind) for kind in KINDS] + [
        info('gateway', 'gateway by code', gateway='edge-lon-01'),
        info('gateway', 'gateway by id', gateway=lon['id']),
        info('gateway', 'missing gateway', gateway='no-such-gateway'),
        info('service', 'service by id', service=orders['id']),
        info('service', 'missing service', service='no-such-service'),
        info('service', 'services of lon', gateway_id=lon['id']),
        info('endpoint', 'endpoints of orders', service_id=orders['id']),
        info('backend', 'backends of lon and orders', gateway_id=lon['id'], service_id=orders['id']),
        dict(info('pipeline', 'pipelines of lon in check mode', gateway_id=lon['id']), check_mode=True),
    ]
    run = ansible.playbook(play(tasks), args=['-vvvv'], env=connection(emu))
    assert run.rc == 0, run.output
    for kind in KINDS:
        assert run.task('all ' + kind) == dict(run.task('all ' + kind), changed=False, **{kind: team_a(emu, kind)})
    assert run.task('gateway by code')['gateways'] == [lon] == run.task('gateway by id')['gateways']
    assert run.task('missing gateway')['gateways'] == [] and run.task('missing service')['services'] == []
    assert run.task('service by id')['services'] == [orders]
    assert run.task('services of lon')['services'] == team_a(emu, 'services', gateway_id=lon['id'])
    assert run.task('endpoints of orders')['endpoints'] == team_a(emu, 'endpoints', service_id=orders['id'])
    assert run.task('backends of lon and orders')['backends'] == team_a(emu, 'backends', service_id=orders['id'])
    assert run.task('pipelines of lon in check mode')['pipelines'] == team_a(emu, 'pipelines', gateway_id=lon['id'])
    assert [r['status'] for r in run.results] == ['ok'] * len(tasks)
    assert emu.requests('POST') == []
    assert_no_secret(run, emu.sanctum_token)


@pytest.mark.parametrize('gateways', [15, 16, 37])
def test_pagination_reads_every_page(ansible, emu, gateways):
    """15 rows per page by default: a full single page, one row over, and three uneven pages."""
    emu.seed({'gateways': gateways, 'services_per_gateway': 3, 'endpoints_per_service': 1})
    try:
        tasks = [info('gateway', 'gateways'), info('service', 'services'), info('endpoint', 'endpoints')]
        run = ansible.playbook(play(tasks), env=connection(emu))
        assert run.rc == 0, run.output
        for kind, expected in (('gateways', gateways), ('services', 3 * gateways), ('endpoints', 3 * gateways)):
            rows = run.task(kind)[kind]
            assert len(rows) == expected and rows == team_a(emu, kind)
            assert len({row['id'] for row in rows}) == expected
        pages = sorted(int(e['query'].get('page', 1)) for e in emu.requests('GET', '/api/gateways'))
        assert pages == list(range(1, -(-gateways // 15) + 1))
    finally:
        emu.seed('default')


def test_changes_by_status_and_pick(ansible, emu):
    issued = emu.issue_machine_token('edge-lon-01')
    mine = [c for c in emu.changes if c['gateway_id'] == issued['gateway_id']]
    applied = next(c for c in mine if c['status'] == 'applied')
    tasks = [
        info('change', 'queued'),
        info('change', 'done', status=['applied', 'failed']),
        info('change', 'every state', status=['pending', 'acknowledged', 'applied', 'failed']),
        info('change', 'one', change=applied['id']),
        info('change', 'one filtered out', change=applied['id'], status=['pending']),
        info('change', 'missing', change='no-such-change'),
        failing(info('change', 'bad status', status=['done'])),
    ]
    run = ansible.playbook(play(tasks), args=['-vvvv'], env=connection(emu, issued['machine_token']))
    assert run.rc == 0, run.output
    assert run.task('queued')['changes'] == [c for c in mine if c['status'] == 'pending']
    assert run.task('queued')['base_url'] == emu.api
    assert run.task('done')['changes'] == [applied]
    assert run.task('every state')['changes'] == mine
    assert run.task('one')['changes'] == [applied] and run.task('one filtered out')['changes'] == []
    assert run.task('missing')['changes'] == []
    assert 'value of status must be one or more of: pending, acknowledged, applied, failed' in run.task('bad status')['msg']
    assert_no_secret(run, issued['machine_token'])


def test_discover_the_changes_base(ansible, emu):
    issued = emu.issue_machine_token('edge-lon-01')
    env = connection(emu, issued['machine_token'])
    emu.base_url = emu.origin + '/queue/api'
    try:
        run = ansible.playbook(play([info('change', 'discovered', discover=True)]), env=env)
        emu.base_url = 'http://127.0.0.2:8080/api'
        refused = ansible.playbook(play([info('change', 'other origin', discover=True)]), env=env)
    finally:
        emu.base_url = emu.api
    assert run.rc == 0, run.output
    assert run.task('discovered')['base_url'] == emu.origin + '/queue/api'
    assert run.task('discovered')['changes'] and emu.requests('GET', '/queue/api/gateway/changes')
    assert refused.rc != 0
    assert 'on another origin over plain http; refusing to send the token' in refused.task('other origin')['msg']
    assert_no_secret(run, issued['machine_token'])
    assert_no_secret(refused, issued['machine_token'])


def test_jwt_without_url_and_failures(ansible, emu, tmp_path):
    closed = closed_port()
    jwt = emu.jwt()
    tasks = [
        info('gateway', 'jwt', token='{{ jwt }}'),
        failing(info('gateway', '401', token='{{ wrong }}', url=emu.origin)),
        failing(info('service', 'network', token='{{ jwt }}', url='http://127.0.0.1:%d' % closed, retries=0)),
        failing(info('change', 'user token on the change queue', token='{{ jwt }}')),
        failing(info('gateway', 'credentials in url', token='{{ jwt }}', url='{{ url_with_password }}')),
    ]
    secrets = dict(jwt=jwt, wrong='1|not-a-real-token', url_with_password='http://user:pw-s3cr3t@127.0.0.1:1')
    args = ['-vvvv'] + secret_vars(tmp_path, **secrets)
    run = ansible.playbook(play(tasks), args=args, env={'RUNBEAM_URL': '', 'RUNBEAM_TOKEN': ''})
    assert run.rc == 0, run.output
    assert run.task('jwt')['gateways'] == team_a(emu, 'gateways')
    assert run.task('401')['msg'] == 'GET /api/gateways?page=1 failed: HTTP 401 Unauthorized: Unauthenticated.'
    assert run.task('401')['status'] == 401 and run.task('401')['route'] == 'GET /api/gateways?page=1'
    assert 'Connection refused' in run.task('network')['msg']
    assert 'HTTP 403 Forbidden: This action requires a gateway machine token.' in run.task('user token on the change queue')['msg']
    assert 'url must not carry user credentials' in run.task('credentials in url')['msg']
    assert [r['status'] for r in run.results] == ['ok'] + ['failed'] * 4
    assert_no_secret(run, jwt, '1|not-a-real-token', 'pw-s3cr3t')


def test_tls_needs_the_ca(ansible_tls, emu_tls, tmp_path):
    env = connection(emu_tls)
    tasks = [
        failing(info('gateway', 'system store', gateway='edge-lon-01', retries=0)),
        info('gateway', 'ca_path', gateway='edge-lon-01', ca_path=emu_tls.ca_path),
        dict(info('gateway', 'RUNBEAM_CA_PATH', gateway='edge-lon-01'), environment={'RUNBEAM_CA_PATH': emu_tls.ca_path}),
    ]
    run = ansible_tls.playbook(play(tasks), args=['-vvvv'], env=env)
    assert run.rc == 0, run.output
    assert 'certificate verify failed' in run.task('system store')['msg']
    assert run.task('ca_path')['gateways'][0]['code'] == 'edge-lon-01'
    assert run.task('RUNBEAM_CA_PATH')['gateways'][0]['code'] == 'edge-lon-01'
    assert_no_secret(run, emu_tls.sanctum_token)


def test_module_defaults_group_applies_to_info_modules(ansible, emu, tmp_path):
    machine_token = emu.issue_machine_token('edge-nyc-01')['machine_token']
    plays = play([info('gateway', 'defaults', gateway='edge-nyc-01'), info('change', 'queue defaults', token='{{ machine_token }}')],
                 module_defaults={'group/runbeam.cloud.runbeam': {'url': emu.origin, 'token': '{{ user_token }}'}})
    args = secret_vars(tmp_path, machine_token=machine_token, user_token=emu.sanctum_token)
    run = ansible.playbook(plays, args=args, env={'RUNBEAM_URL': '', 'RUNBEAM_TOKEN': ''})
    assert run.rc == 0, run.output
    assert run.task('defaults')['gateways'][0]['code'] == 'edge-nyc-01'
    assert {c['status'] for c in run.task('queue defaults')['changes']} == {'pending'}
