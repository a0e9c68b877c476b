# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory cache reads and writes for runbeam.cloud.gateways.

The cache holds API data only ({"gateways": [...], kind: [...]}), never the
token or anything built from the configuration, under a key that carries a
fingerprint of the URL and the token: another token or deployment never reads
these hosts.
"""

import hashlib

CACHE_FORMAT = 1


def fingerprint(url, token):
    """sha256 of URL and token (hex, shortened): identifies a deployment and identity without storing either."""
    material = '%s\n%s' % (url or '', token or '')
    return hashlib.sha256(material.encode('utf-8')).hexdigest()[:32]


def cache_key(base_key, url, token, kinds):
    """The plugin's own key (it hashes the config path), the fingerprint, and which kinds the data holds."""
    return '%s_%s_%s' % (base_key, fingerprint(url, token), '-'.join(['gateways'] + list(kinds)))


def read_cache(cache, key, kinds):
    """The cached API data under key, or None when absent, expired or not of this format."""
    try:
        entry = cache[key]
    except KeyError:
        return None
    if not isinstance(entry, dict) or entry.get('format') != CACHE_FORMAT:
        return None
    data = entry.get('data')
    if not isinstance(data, dict) or not all(isinstance(data.get(kind), list) for kind in ['gateways'] + list(kinds)):
        return None
    return data


def write_cache(cache, key, data):
    cache[key] = {'format': CACHE_FORMAT, 'data': data}
