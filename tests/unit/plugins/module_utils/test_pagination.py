"""The one pagination routine: against the emulator, and against hand-made pages for broken servers."""

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamResponseError, RunbeamServerError
from ansible_collections.runbeam.cloud.plugins.module_utils._pagination import fetch_all, keep_matching, merge_by_id
from ansible_collections.runbeam.cloud.plugins.module_utils._transport import Transport

SEED = {'gateways': 23, 'services_per_gateway': 0, 'pipelines_per_gateway': 0, 'changes_per_gateway': 0}


def transport(emu, retries=0):
    made = Transport(emu.sanctum_token, retries=retries)
    made.backoff_base = 0.01
    return made


def page_requests(emu):
    return sorted(int(entry['query'].get('page', 1)) for entry in emu.requests('GET', '/api/gateways'))


@pytest.mark.parametrize('per_page', [1, 4, 7, 10, 100])
@pytest.mark.parametrize('concurrency', [1, 4])
def test_every_row_once_for_odd_page_sizes(emu, per_page, concurrency):
    emu.seed(SEED)
    rows = fetch_all(transport(emu), emu.api + '/gateways', per_page=per_page, max_concurrency=concurrency)
    expected = [row['code'] for row in emu.gateways if row['team_id'] == emu.team_a['id']]
    assert [row['code'] for row in rows] == expected
    pages = -(-len(expected) // per_page)
    assert page_requests(emu) == list(range(1, pages + 1))


def test_parallel_pages_send_page_and_per_page(emu):
    emu.seed(SEED)
    fetch_all(transport(emu), emu.api + '/gateways', per_page=5, max_concurrency=3)
    assert all(entry['query']['per_page'] == '5' for entry in emu.requests('GET', '/api/gateways'))


def test_a_failing_page_fails_the_whole_list(emu):
    emu.seed(SEED)
    emu.inject(status=503, count=None, path='/api/gateways', query={'page': '3'})
    with pytest.raises(RunbeamServerError, match=r'page=3'):
        fetch_all(transport(emu), emu.api + '/gateways', per_page=5, max_concurrency=4)


def test_a_page_that_recovers_after_retries_gives_every_row(emu):
    emu.seed(SEED)
    emu.inject(status=503, count=2, path='/api/gateways', query={'page': '2'}, retry_after=0)
    rows = fetch_all(transport(emu, retries=3), emu.api + '/gateways', per_page=5, max_concurrency=4)
    assert len(rows) == 23


def test_rows_that_do_not_add_up_are_read_again_then_refused(emu):
    emu.seed(SEED)
    emu.total_offset = 1
    with pytest.raises(RunbeamResponseError, match='23 distinct rows .* meta.total says 24'):
        fetch_all(transport(emu), emu.api + '/gateways', per_page=10, max_concurrency=2)
    assert page_requests(emu) == [1, 1, 2, 2, 3, 3]


class FakeTransport(object):
    """Serves hand-made pages by URL, for servers the emulator does not imitate."""

    def __init__(self, pages):
        self.pages = pages
        self.seen = []

    def request(self, method, url, params=None, json=None, auth=True):
        key = url + ('?page=%s' % params['page'] if params and 'page' in params else '')
        self.seen.append(key)
        return self.pages[key]

    @staticmethod
    def route(url, params=None):
        return url


def page(rows, next_url=None, total=None, last_page=None):
    return {'data': rows, 'links': {'next': next_url}, 'meta': {'total': total, 'last_page': last_page}}


def test_a_next_link_to_another_origin_is_refused():
    fake = FakeTransport({'https://h/api/x?page=1': page([{'id': '1'}], 'https://evil.example/api/x?page=2')})
    with pytest.raises(RunbeamResponseError, match='leaves the deployment'):
        fetch_all(fake, 'https://h/api/x', max_concurrency=1)
    assert fake.seen == ['https://h/api/x?page=1']


def test_a_next_link_loop_is_refused():
    fake = FakeTransport({
        'https://h/api/x?page=1': page([{'id': '1'}], 'https://h/api/x?cursor=2'),
        'https://h/api/x?cursor=2': page([{'id': '2'}], 'https://h/api/x?cursor=2'),
    })
    with pytest.raises(RunbeamResponseError, match='loop'):
        fetch_all(fake, 'https://h/api/x', max_concurrency=1)


def test_links_are_followed_when_the_server_gives_no_meta():
    fake = FakeTransport({
        'https://h/api/x?page=1': {'data': [{'id': '1'}], 'links': {'next': 'https://h/api/x?cursor=2'}},
        'https://h/api/x?cursor=2': {'data': [{'id': '2'}], 'links': {'next': None}},
    })
    assert [row['id'] for row in fetch_all(fake, 'https://h/api/x', max_concurrency=4)] == ['1', '2']


def test_a_page_without_a_data_list_is_an_error():
    fake = FakeTransport({'https://h/api/x?page=1': {'message': 'hello'}})
    with pytest.raises(RunbeamResponseError, match='without a "data" list'):
        fetch_all(fake, 'https://h/api/x')


def test_merge_by_id_keeps_the_first_position_and_the_last_value():
    rows = [{'id': 'a', 'v': 1}, {'id': 'b'}, {'id': 'a', 'v': 2}, {'code': 'c'}, {'code': 'c'}]
    assert merge_by_id(rows) == [{'id': 'a', 'v': 2}, {'id': 'b'}, {'code': 'c'}]


def test_keep_matching_ignores_unset_criteria():
    rows = [{'gateway_id': 'g1', 'service_id': 's1'}, {'gateway_id': 'g2', 'service_id': 's1'}]
    assert keep_matching(rows, gateway_id='g1', service_id=None) == rows[:1]
    assert keep_matching(rows, gateway_id=None) == rows
