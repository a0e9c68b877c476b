"""The host-building rules of runbeam.cloud.gateways (pure functions, no HTTP)."""

import pytest
from ansible.errors import AnsibleParserError
from ansible.template import is_trusted_as_template, trust_as_template

from ansible_collections.runbeam.cloud.plugins.plugin_utils import _inventory as inv

TEAM = '0d2f4d69-b4e8-5e12-b18d-9e6619a71883'


def gateway(code, **fields):
    row = {'type': 'gateway', 'id': 'id-' + code, 'code': code, 'name': code, 'team_id': TEAM, 'enabled': True,
           'dns': [code + '.gw.example.net'], 'settings': {'region': 'eu-west-2'}}
    row.update(fields)
    return row


def build_with_shared(gateways, **kwargs):
    """build_hosts on these gateways (plus data={kind: rows}): (hosts, shared hostnames)."""
    return inv.build_hosts(dict({'gateways': gateways}, **kwargs.pop('data', {})), **kwargs)


def build(gateways, **kwargs):
    return build_with_shared(gateways, **kwargs)[0]


class TestHostnames:
    def test_code_by_default(self):
        hosts, shared = build_with_shared([gateway('a'), gateway('b')])
        assert [h.name for h in hosts] == ['a', 'b']
        assert shared == []

    @pytest.mark.parametrize('preferences, expected', [
        (['name'], 'Pretty'),
        (['dns', 'code'], 'first.example.net'),
        (['id'], 'id-a'),
        (['dns'], 'first.example.net'),
    ])
    def test_first_preference_with_a_value(self, preferences, expected):
        row = gateway('a', name='Pretty', dns=['', 'first.example.net', 'second.example.net'])
        assert inv.preferred_hostname(row, preferences) == expected

    @pytest.mark.parametrize('dns', [[], None, [''], 'not-a-list'])
    @pytest.mark.parametrize('name', ['', None])
    def test_code_is_the_last_resort(self, dns, name):
        assert inv.preferred_hostname(gateway('a', dns=dns, name=name), ['dns', 'name']) == 'a'

    def test_gateways_sharing_a_name_all_get_their_codes(self):
        rows = [gateway('a', name='same'), gateway('b', name='unique'), gateway('c', name='same')]
        hosts, shared = build_with_shared(rows, preferences=['name'])
        assert [h.name for h in hosts] == ['a', 'unique', 'c']
        assert shared == ['same']

    def test_a_clash_that_codes_cannot_resolve_fails(self):
        # b and c share a name and fall back to their codes; c's code is a's name.
        rows = [gateway('a', name='c'), gateway('b', name='x'), gateway('c', name='x')]
        with pytest.raises(AnsibleParserError, match='hostname c '):
            build(rows, preferences=['name'])

    def test_a_gateway_without_code_fails_the_build(self):
        row = gateway('a')
        row['code'] = None
        with pytest.raises(AnsibleParserError, match='without a code'):
            build([row])

    def test_non_string_values_become_strings(self):
        assert inv.preferred_hostname(gateway('a', id=42), ['id']) == '42'


class TestVars:
    def test_every_field_prefixed_with_ansible_host(self):
        row = gateway('a', brand_new_field={'x': 1})
        (host,) = build([row])
        assert host.vars == dict(dict(('runbeam_' + k, v) for k, v in row.items()),
                                 ansible_host='a.gw.example.net')

    def test_no_ansible_host_without_dns(self):
        (host,) = build([gateway('a', dns=[])])
        assert 'ansible_host' not in host.vars
        assert host.vars['runbeam_dns'] == []

    def test_prefix_applies_to_fields_and_included_lists(self):
        service = {'id': 's1', 'gateway_id': 'id-a'}
        (host,) = build([gateway('a')], data={'services': [service]}, prefix='rb_', kinds=['services'])
        assert host.vars['rb_code'] == 'a'
        assert host.vars['rb_services'] == [service]
        assert not [k for k in host.vars if k.startswith('runbeam_')]

    def test_empty_prefix(self):
        (host,) = build([gateway('a', **{'9lives': 1})], prefix='')
        assert host.vars['code'] == 'a'
        assert host.vars['_9lives'] == 1

    def test_field_names_made_valid(self):
        (host,) = build([gateway('a', **{'odd-field.name': 1})])
        assert host.vars['runbeam_odd_field_name'] == 1

    def test_api_values_are_never_trusted_as_templates(self):
        hostile = trust_as_template("{{ lookup('pipe', 'id') }}")
        (host,) = build([gateway('a', name=hostile, settings={'nested': [hostile]})], preferences=['name'])
        assert host.vars['runbeam_name'] == "{{ lookup('pipe', 'id') }}"
        assert not is_trusted_as_template(host.vars['runbeam_name'])
        assert not is_trusted_as_template(host.vars['runbeam_settings']['nested'][0])
        assert not is_trusted_as_template(host.name)


class TestIncluded:
    def test_joined_by_gateway_id_in_order(self):
        rows = [{'id': 's%d' % n, 'gateway_id': 'id-a' if n % 2 else 'id-b'} for n in range(5)]
        rows.append({'id': 'orphan'})  # no gateway_id: belongs to no host
        rows.append({'id': 'elsewhere', 'gateway_id': 'id-zzz'})
        hosts = build([gateway('a'), gateway('b'), gateway('c')], data={'services': rows}, kinds=['services'])
        by_name = dict((h.name, h.vars['runbeam_services']) for h in hosts)
        assert [r['id'] for r in by_name['a']] == ['s1', 's3']
        assert [r['id'] for r in by_name['b']] == ['s0', 's2', 's4']
        assert by_name['c'] == []

    def test_a_gateway_without_id_gets_empty_lists(self):
        (host,) = build([gateway('a', id=None)], data={'pipelines': [{'gateway_id': None}]}, kinds=['pipelines'])
        assert host.vars['runbeam_pipelines'] == []

    def test_included_list_replaces_a_field_of_the_same_name(self):
        (host,) = build([gateway('a', pipelines='old')], data={'pipelines': []}, kinds=['pipelines'])
        assert host.vars['runbeam_pipelines'] == []

    def test_kinds_not_asked_for_are_not_attached(self):
        (host,) = build([gateway('a')], data={'services': [{'gateway_id': 'id-a'}]})
        assert 'runbeam_services' not in host.vars

    def test_included_kinds_fixed_order_and_once(self):
        assert inv.included_kinds(['pipelines', 'services', 'pipelines']) == ['services', 'pipelines']
        assert inv.included_kinds(None) == []

    def test_index_is_one_pass(self):
        index = inv.index_by_gateway([{'gateway_id': 'g'}, {'gateway_id': 'h'}, {'gateway_id': 'g', 'n': 2}, 'junk'])
        assert index == {'g': [{'gateway_id': 'g'}, {'gateway_id': 'g', 'n': 2}], 'h': [{'gateway_id': 'h'}]}


class TestGroups:
    @pytest.mark.parametrize('team_id, expected', [
        (TEAM, 'runbeam_team_0d2f4d69_b4e8_5e12_b18d_9e6619a71883'),
        ('team one/ü', 'runbeam_team_team_one__'),
        (7, 'runbeam_team_7'),
        ('', None),
        (None, None),
    ])
    def test_team_group_names(self, team_id, expected):
        assert inv.team_group(team_id) == expected

    def test_enabled_disabled_and_missing(self):
        assert inv.gateway_groups(gateway('a'))[:2] == ['runbeam_gateways', 'runbeam_enabled']
        assert inv.gateway_groups(gateway('a', enabled=False))[:2] == ['runbeam_gateways', 'runbeam_disabled']
        row = gateway('a', team_id=None)
        del row['enabled']
        assert inv.gateway_groups(row) == ['runbeam_gateways', 'runbeam_enabled']

    def test_members_in_bulk_with_fixed_groups_always_present(self):
        hosts = build([gateway('a'), gateway('b', team_id='other')])
        assert inv.group_members(hosts) == {
            'runbeam_gateways': ['a', 'b'], 'runbeam_enabled': ['a', 'b'], 'runbeam_disabled': [],
            inv.team_group(TEAM): ['a'], 'runbeam_team_other': ['b'],
        }

    def test_disabled_left_out_on_request(self):
        rows = [gateway('a'), gateway('b', enabled=False), gateway('c', enabled=None)]
        hosts = build(rows, include_disabled=False)
        assert [h.name for h in hosts] == ['a', 'c']
        hosts = build(rows)
        assert inv.group_members(hosts)['runbeam_disabled'] == ['b']


class TestFilters:
    @staticmethod
    def holds(condition, variables):
        return eval(condition, {}, dict(variables))  # a stand-in for Jinja: the selection logic is under test

    def test_no_conditions_keeps_everything_without_evaluating(self):
        hosts = build([gateway('a')])

        def never(condition, variables):
            raise AssertionError('evaluated')
        assert inv.select_hosts(hosts, [], never) == (hosts, [])

    def test_all_conditions_must_hold(self):
        hosts = build([gateway('a'), gateway('b', enabled=False), gateway('c', settings={'region': 'us'})])
        kept, errors = inv.select_hosts(hosts, ['runbeam_enabled', "runbeam_settings['region'] == 'eu-west-2'"], self.holds)
        assert [h.name for h in kept] == ['a']
        assert errors == []

    def test_errors_drop_the_host_or_fail_when_strict(self):
        hosts = build([gateway('a'), gateway('b', settings=None)])
        kept, errors = inv.select_hosts(hosts, ["runbeam_settings['region'] == 'eu-west-2'"], self.holds)
        assert [h.name for h in kept] == ['a']
        assert [error[0] for error in errors] == ['b']
        with pytest.raises(AnsibleParserError, match='host b'):
            inv.select_hosts(hosts, ["runbeam_settings['region'] == 'eu-west-2'"], self.holds, strict=True)


class TestOptionChecks:
    @pytest.mark.parametrize('prefix', ['runbeam_', '', '_x', 'rb1_'])
    def test_good_prefixes(self, prefix):
        assert inv.check_vars_prefix(prefix) == prefix

    @pytest.mark.parametrize('prefix', ['1rb', 'rb-', 'r b', None])
    def test_bad_prefixes(self, prefix):
        with pytest.raises(AnsibleParserError, match='vars_prefix'):
            inv.check_vars_prefix(prefix)

    def test_positive(self):
        assert inv.check_positive('page_size', None) is None
        assert inv.check_positive('page_size', 1) == 1
        with pytest.raises(AnsibleParserError, match='page_size must be 1 or more, not 0'):
            inv.check_positive('page_size', 0)
