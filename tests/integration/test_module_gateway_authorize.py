"""runbeam.cloud.runbeam_gateway_authorize in real ansible-playbook runs against the emulator."""

import json
import os

import pytest

from helpers import assert_no_secret, closed_port, connection, failing, play, secret_vars

AUTHORIZE = '/api/harmony/authorize'
REVOKE = '/api/harmony/revoke'


def authorize(name, register=None, **options):
    task = {'name': name, 'runbeam.cloud.runbeam_gateway_authorize': options}
    if register:
        task['register'] = register
    return task


def issued_machine_tokens(emu):
    return list(emu.tokens.machine)


@pytest.mark.parametrize('diff', [['--diff'], []], ids=['diff', 'no-diff'])
def test_token_file_lifecycle_at_full_verbosity(ansible, emu, tmp_path, diff):
    path = str(tmp_path / 'tokens' / 'edge-lon-01.json')
    os.makedirs(os.path.dirname(path))
    tasks = [
        authorize('first', 'first', gateway_code='edge-lon-01', token_path=path),
        {'name': 'mode', 'ansible.builtin.stat': {'path': path}, 'register': 'mode'},
        authorize('second', gateway_code='edge-lon-01', token_path=path),
        dict(authorize('check force', gateway_code='edge-lon-01', token_path=path, force=True), check_mode=True),
        authorize('return token', 'returned', gateway_code='edge-lon-01', token_path=path, return_token=True),
        {'name': 'register holds the stored token', 'ansible.builtin.assert': {'that': [
            "returned.machine_token == (lookup('ansible.builtin.file', '%s') | from_json).machine_token" % path]}},
        authorize('no file', 'bare', gateway_code='edge-lon-01', metadata=['host=lon'], machine_public_key='ssh-ed25519 AAAA'),
        {'name': 'register holds the new token', 'ansible.builtin.assert': {'that': ["bare.machine_token is match('mt_')"]}},
        dict(authorize('check absent', gateway_code='edge-lon-01', token_path=path, state='absent'), check_mode=True),
        authorize('absent', gateway_code='edge-lon-01', token_path=path, state='absent'),
        authorize('absent again', gateway_code='edge-lon-01', token_path=path, state='absent'),
    ]
    run = ansible.playbook(play(tasks), args=['-vvvv'] + diff, env=connection(emu))
    assert run.rc == 0, run.output

    first = run.task('first')
    assert first['changed'] is True and first['gateway']['code'] == 'edge-lon-01' and 'machine_token' not in first
    assert first['gateway']['authorized_by']['email'] == 'ada@acme.example' and first['expires_in'] == 30 * 86400
    assert run.task('mode')['stat']['mode'] == '0600'
    second = run.task('second')
    assert second['changed'] is False and second['expires_at'] == first['expires_at']
    assert second['gateway'] == {'id': first['gateway']['id'], 'code': 'edge-lon-01'}
    assert run.task('check force')['changed'] is True and run.task('check force')['reason'] == 'force is set'
    # The diff of a result without the token is shown; the check-mode expiry placeholder is in it.
    assert ('(set by Runbeam when authorized)' in run.stdout) is bool(diff)
    # Results carrying the token are censored for every callback, recorder included.
    assert 'censored' in run.task('return token') and 'machine_token' not in run.task('return token')
    assert 'censored' in run.task('no file')
    assert run.task('check absent')['changed'] is True
    assert run.task('absent')['changed'] is True and run.task('absent')['revoked'] >= 2
    assert run.task('absent again')['changed'] is False and run.task('absent again')['revoked'] == 0
    assert not os.path.exists(path)

    assert len(emu.requests('POST', AUTHORIZE)) == 2  # first, and the one without a file
    assert len(emu.requests('POST', REVOKE)) == 2      # nothing sent in check mode
    extras = emu.store.gateway_extras[first['gateway']['id']]
    assert extras['metadata'] == ['host=lon'] and extras['machine_public_key'] == 'ssh-ed25519 AAAA'
    assert_no_secret(run, emu.sanctum_token, *issued_machine_tokens(emu))


def test_file_attributes_and_an_existing_loose_file_is_tightened(ansible, emu, tmp_path):
    keep = tmp_path / 'keep.json'
    keep.write_text(json.dumps(emu.issue_machine_token('edge-nyc-01')))
    os.chmod(str(keep), 0o644)
    tasks = [
        authorize('tighten', gateway_code='edge-nyc-01', token_path=str(keep)),
        authorize('group readable', gateway_code='edge-sfo-01', token_path=str(tmp_path / 'sfo.json'), mode='0640'),
        authorize('again', gateway_code='edge-sfo-01', token_path=str(tmp_path / 'sfo.json'), mode='0640'),
    ]
    run = ansible.playbook(play(tasks), env=connection(emu))
    assert run.rc == 0, run.output
    assert run.task('tighten')['changed'] is True and oct(os.stat(str(keep)).st_mode & 0o777) == '0o600'
    assert oct(os.stat(str(tmp_path / 'sfo.json')).st_mode & 0o777) == '0o640'
    assert run.task('again')['changed'] is False
    assert [e['status'] for e in emu.requests('POST', AUTHORIZE)] == [201]  # the kept nyc token was not renewed


def test_jwt_without_url_validated_first(ansible, emu, tmp_path):
    good, expired, forged = emu.jwt(), emu.jwt(exp=1), emu.forge_jwt('none')
    tasks = [
        authorize('jwt', gateway_code='edge-lon-01', token='{{ good }}', token_path=str(tmp_path / 't.json')),
        failing(authorize('expired', gateway_code='edge-lon-01', token='{{ expired }}')),
        failing(authorize('forged', gateway_code='edge-lon-01', token='{{ forged }}')),
        authorize('unvalidated', gateway_code='edge-lon-01', token='{{ good }}', validate_token=False, force=True,
                  token_path=str(tmp_path / 't.json')),
    ]
    args = ['-vvvv'] + secret_vars(tmp_path, good=good, expired=expired, forged=forged)
    run = ansible.playbook(play(tasks), args=args, env={'RUNBEAM_URL': '', 'RUNBEAM_TOKEN': ''})
    assert run.rc == 0, run.output
    assert run.task('jwt')['changed'] is True
    assert 'The JWT has expired' in run.task('expired')['msg']
    assert "alg 'none'" in run.task('forged')['msg']
    assert run.task('unvalidated')['changed'] is True
    assert len(emu.requests('POST', AUTHORIZE)) == 2  # the failing tokens were never sent
    # Fetched by 'jwt' and 'expired' ('forged' fails on its header, 'unvalidated' skips the check).
    assert len(emu.requests('GET', '/api/.well-known/jwks.json')) == 2
    assert_no_secret(run, good, expired, forged, *issued_machine_tokens(emu))


def test_failures_are_clear_and_leave_the_token_file_alone(ansible, emu, tmp_path):
    path = tmp_path / 'token.json'
    original = json.dumps(emu.issue_machine_token('edge-lon-01'), indent=1).encode() + b'\n'
    path.write_bytes(original)
    emu.inject(status=422, path=AUTHORIZE, body={
        'message': 'The gateway code field is invalid.', 'errors': {'gateway_code': ['The gateway code field is invalid.']}})
    common = dict(token_path=str(path), force=True)
    tasks = [
        failing(authorize('422', gateway_code='edge-lon-01', **common)),
        failing(authorize('401', gateway_code='edge-lon-01', token='{{ wrong }}', **common)),
        failing(authorize('403', gateway_code='globex-edge-01', **common)),
        failing(authorize('too long', gateway_code='g' * 256, **common)),
        failing(authorize('network', gateway_code='edge-lon-01', url='http://127.0.0.1:%d' % closed_port(), retries=0, **common)),
        failing(authorize('no url', gateway_code='edge-lon-01', url='', **common)),
    ]
    run = ansible.playbook(play(tasks), args=['-vvvv'] + secret_vars(tmp_path, wrong='1|not-a-real-token'), env=connection(emu))
    assert run.rc == 0, run.output
    assert run.task('422')['msg'] == 'POST /api/harmony/authorize failed: HTTP 422 Unprocessable Content: The gateway code field is invalid.'
    assert run.task('422')['errors'] == {'gateway_code': ['The gateway code field is invalid.']}
    assert 'HTTP 401 Unauthorized' in run.task('401')['msg']
    assert run.task('403')['msg'] == 'POST /api/harmony/authorize failed: HTTP 403 Forbidden: This gateway belongs to another team.'
    assert run.task('too long')['msg'] == 'gateway_code is 256 characters long; Runbeam accepts at most 255.'
    assert 'failed after 1 attempt(s)' in run.task('network')['msg'] and 'Connection refused' in run.task('network')['msg']
    assert 'url is required' in run.task('no url')['msg']
    assert [r['status'] for r in run.results] == ['failed'] * 6
    assert 'Traceback (most recent call last)' not in run.output
    assert path.read_bytes() == original
    assert len(emu.requests('POST', AUTHORIZE)) == 3  # 422, 401, 403; the rest failed before sending
    assert_no_secret(run, emu.sanctum_token, '1|not-a-real-token', *issued_machine_tokens(emu))


def test_module_defaults_group_sets_the_connection(ansible, emu, tmp_path):
    tasks = [authorize('through defaults', 'issued', gateway_code='edge-lon-01'),
             {'name': 'token present', 'ansible.builtin.assert': {'that': ['issued.machine_token | length > 10']}}]
    plays = play(tasks, module_defaults={'group/runbeam.cloud.runbeam': {'url': emu.origin, 'token': '{{ user_token }}'}})
    args = ['-v'] + secret_vars(tmp_path, user_token=emu.sanctum_token)
    run = ansible.playbook(plays, args=args, env={'RUNBEAM_URL': '', 'RUNBEAM_TOKEN': ''})
    assert run.rc == 0, run.output
    assert run.task('through defaults')['changed'] is True
    assert_no_secret(run, emu.sanctum_token, *issued_machine_tokens(emu))
