# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one pagination routine: every row of a Laravel paginated list, or an error, never part of it."""

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamResponseError
from ansible_collections.runbeam.cloud.plugins.module_utils._urls import same_origin


def fetch_all(transport, url, params=None, per_page=None, max_concurrency=1):
    """Every row of the list at url, merged by id and checked against meta.total.

    Once the first page tells how many pages there are, the rest are read
    max_concurrency at a time; with max_concurrency 1 the links.next chain is
    followed instead. Rows that do not add up to meta.total (the list changed
    while it was read) cause one complete re-read, then an error.
    """
    query = dict(params or {})
    if per_page:
        query['per_page'] = per_page
    for _attempt in range(2):
        rows, total = _read_pages(transport, url, query, max_concurrency)
        rows = merge_by_id(rows)
        if total is None or len(rows) == total:
            return rows
    raise RunbeamResponseError('GET %s returned %d distinct rows across its pages, but meta.total says %d; '
                               'the list changed while it was read, or the server is inconsistent.'
                               % (transport.route(url, params), len(rows), total))


def _read_pages(transport, url, query, max_concurrency):
    first = _page(transport, url, dict(query, page=1))
    last_page = _meta_int(first, 'last_page')
    rows = list(first['data'])
    if max_concurrency > 1 and last_page and last_page > 1:
        rows.extend(_parallel_pages(transport, url, query, range(2, last_page + 1), max_concurrency))
    else:
        rows.extend(_linked_pages(transport, url, first))
    return rows, _meta_int(first, 'total')


def _parallel_pages(transport, url, query, numbers, max_concurrency):
    def read(number):
        return _page(transport, url, dict(query, page=number))['data']

    with ThreadPoolExecutor(max_workers=min(max_concurrency, len(numbers))) as pool:
        # map() yields in page order and re-raises the first failure: no partial list.
        for data in pool.map(read, numbers):
            yield from data


def _linked_pages(transport, url, page):
    seen = set([url])
    while True:
        next_url = (page.get('links') or {}).get('next')
        if not next_url:
            return
        if not same_origin(next_url, url):
            raise RunbeamResponseError('GET %s: the next-page link leaves the deployment (%s); refusing to send the token there.'
                                       % (transport.route(url), next_url))
        if next_url in seen:
            raise RunbeamResponseError('GET %s: the next-page links loop back to a page already read.' % transport.route(url))
        seen.add(next_url)
        page = _page(transport, next_url, None)
        yield from page['data']


def _page(transport, url, query):
    body = transport.request('GET', url, params=query)
    if not isinstance(body, dict) or not isinstance(body.get('data'), list):
        raise RunbeamResponseError('GET %s answered without a "data" list; is url the Runbeam deployment?'
                                   % transport.route(url, query))
    return body


def _meta_int(body, key):
    value = (body.get('meta') or {}).get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def merge_by_id(rows):
    """rows in order, with a row seen again on a later page (the list shifted) kept once."""
    merged = {}
    for index, row in enumerate(rows):
        key = (row.get('id') or row.get('code')) if isinstance(row, dict) else None
        merged[key if key is not None else ('row', index)] = row
    return list(merged.values())


def keep_matching(rows, **criteria):
    """rows whose fields equal every criterion that is not None (the server may ignore filters)."""
    wanted = dict((k, v) for k, v in criteria.items() if v is not None)
    return [row for row in rows if all(row.get(k) == v for k, v in wanted.items())]
