"""Where a token may go, and how routes are built."""

import pytest

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamConfigError
from ansible_collections.runbeam.cloud.plugins.module_utils._urls import checked_base_url, join, origin_of, same_origin


@pytest.mark.parametrize('url, origin', [
    ('https://Runbeam.Example.com/x?y', 'https://runbeam.example.com'),
    ('https://example.com:443/', 'https://example.com'),
    ('http://example.com:8080', 'http://example.com:8080'),
    ('http://[::1]:9/api', 'http://[::1]:9'),
    ('ftp://example.com', None),
    ('example.com', None),
    ('http://example.com:99999', None),
])
def test_origin_of(url, origin):
    assert origin_of(url) == origin


def test_base_url_keeps_a_path_prefix_without_the_trailing_slash():
    assert checked_base_url('https://host.example.com/runbeam/') == 'https://host.example.com/runbeam'


@pytest.mark.parametrize('url, message', [
    ('https://user:secret@host.example.com', 'must not carry user credentials'),
    ('https://host.example.com/?a=1', 'query string'),
    ('runbeam.example.com', 'http:// or https://'),
])
def test_bad_base_urls_name_the_option(url, message):
    with pytest.raises(RunbeamConfigError, match=message) as caught:
        checked_base_url(url)
    assert str(caught.value).startswith('url ')
    assert 'secret' not in str(caught.value)


def test_join_quotes_every_segment():
    assert join('https://h/api', 'gateways', 'a/b c') == 'https://h/api/gateways/a%2Fb%20c'


def test_same_origin_compares_scheme_host_and_port():
    assert same_origin('https://h/api?page=2', 'https://H:443/api')
    assert not same_origin('http://h/api', 'https://h/api')
    assert not same_origin('https://evil.example/api', 'https://h/api')
