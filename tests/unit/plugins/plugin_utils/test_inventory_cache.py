"""Cache keys and entries of runbeam.cloud.gateways."""

import json

from ansible_collections.runbeam.cloud.plugins.plugin_utils import _inventory_cache as cache

TOKEN = '1|s3cr3t-token-value'


def test_key_depends_on_url_token_and_kinds():
    key = cache.cache_key('base', 'https://a.example', TOKEN, [])
    assert key.startswith('base_') and key.endswith('_gateways')
    assert cache.cache_key('base', 'https://a.example', TOKEN, []) == key
    others = [
        cache.cache_key('base', 'https://b.example', TOKEN, []),
        cache.cache_key('base', 'https://a.example', TOKEN + 'x', []),
        cache.cache_key('base', 'https://a.example', TOKEN, ['services']),
        cache.cache_key('other', 'https://a.example', TOKEN, []),
    ]
    assert len(set(others + [key])) == 5


def test_key_never_holds_the_token():
    key = cache.cache_key('base', None, TOKEN, ['services', 'pipelines'])
    assert 's3cr3t' not in key and TOKEN not in key
    assert key.endswith('_gateways-services-pipelines')


def test_round_trip_holds_api_data_only():
    store = {}
    data = {'gateways': [{'code': 'a'}], 'services': []}
    cache.write_cache(store, 'k', data)
    assert TOKEN not in json.dumps(store)
    assert cache.read_cache(store, 'k', ['services']) == data


def test_missing_foreign_or_incomplete_entries_are_misses():
    store = {'old': {'gateways': []}, 'partial': {'format': cache.CACHE_FORMAT, 'data': {'gateways': []}},
             'junk': 'text'}
    assert cache.read_cache(store, 'absent', []) is None
    assert cache.read_cache(store, 'old', []) is None
    assert cache.read_cache(store, 'junk', []) is None
    assert cache.read_cache(store, 'partial', []) == {'gateways': []}
    assert cache.read_cache(store, 'partial', ['services']) is None
