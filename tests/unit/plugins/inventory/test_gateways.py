"""The runbeam.cloud.gateways plugin object: file names, the constructed fast path, taking back a failed population."""

import pytest
import yaml
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader


@pytest.fixture
def plugin():
    return inventory_loader.get('runbeam.cloud.gateways')


@pytest.fixture
def source(tmp_path, emu, monkeypatch):
    """A function writing a configuration (connection from the environment) and returning its path."""
    monkeypatch.setenv('RUNBEAM_URL', emu.origin)
    monkeypatch.setenv('RUNBEAM_TOKEN', emu.sanctum_token)

    def write(**options):
        path = tmp_path / 'unit.runbeam.yml'
        path.write_text(yaml.safe_dump(dict({'plugin': 'runbeam.cloud.gateways'}, **options)))
        return str(path)
    return write


@pytest.mark.parametrize('name, wanted', [
    ('demo.runbeam.yml', True),
    ('runbeam.yaml', True),
    ('prod-runbeam.yaml', True),
    ('runbeam.yml.bak', False),
    ('hosts.yml', False),
    ('runbeam.json', False),
])
def test_verify_file_wants_runbeam_yml_names(plugin, tmp_path, name, wanted):
    path = tmp_path / name
    path.write_text('plugin: runbeam.cloud.gateways\n')
    assert plugin.verify_file(str(path)) is wanted


def test_verify_file_needs_the_file(plugin, tmp_path):
    assert not plugin.verify_file(str(tmp_path / 'missing.runbeam.yml'))


def test_constructed_helpers_are_skipped_when_nothing_asks_for_them(plugin, source, monkeypatch):
    def costly(*args, **kwargs):
        raise AssertionError('templating per host although compose, groups and keyed_groups are empty')
    for name in ('_set_composite_vars', '_add_host_to_composed_groups', '_add_host_to_keyed_groups'):
        monkeypatch.setattr(plugin, name, costly)
    inventory = InventoryData()
    plugin.parse(inventory, DataLoader(), source(), cache=False)
    assert len(inventory.hosts) == 6


def test_a_failure_half_way_takes_back_what_this_source_added(plugin, source):
    inventory = InventoryData()
    inventory.add_group('other_source_group')
    inventory.add_host('edge-lon-01', group='other_source_group')  # the same name from another source stays
    inventory.set_variable('edge-lon-01', 'own', 1)
    inventory.add_host('static-host')
    # legacy-01 (settings: null), the last gateway, fails after the others were added.
    with pytest.raises(AnsibleError, match='Could not set region for host legacy-01'):
        plugin.parse(inventory, DataLoader(), source(strict=True, compose={'region': 'runbeam_settings.region'}),
                     cache=False)
    assert sorted(inventory.hosts) == ['edge-lon-01', 'static-host']
    assert sorted(inventory.groups) == ['all', 'other_source_group', 'ungrouped']
    assert [group.name for group in inventory.hosts['edge-lon-01'].get_groups()] == ['other_source_group']
    assert inventory.hosts['edge-lon-01'].vars == {'inventory_file': None, 'inventory_dir': None, 'own': 1}


@pytest.mark.parametrize('options, message', [
    ({'vars_prefix': 'bad-prefix'}, 'vars_prefix must be empty'),
    ({'page_size': 0}, 'page_size must be 1 or more'),
    ({'max_concurrency': 0}, 'max_concurrency must be 1 or more'),
])
def test_bad_options_fail_before_any_request(plugin, source, emu, options, message):
    with pytest.raises(AnsibleError, match=message):
        plugin.parse(InventoryData(), DataLoader(), source(**options), cache=False)
    assert emu.requests() == []
