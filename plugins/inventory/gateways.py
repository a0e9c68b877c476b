# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
name: gateways
short_description: Harmony gateways registered in Runbeam Cloud as inventory hosts
version_added: 0.1.0
author:
  - Runbeam Cloud collection maintainers (@runbeam)
description:
  - Builds one host per Harmony gateway that the token can see in Runbeam Cloud (C(GET /api/gateways), every page).
  - Each host gets every field of its gateway as a host variable with the O(vars_prefix) (C(runbeam_id), C(runbeam_code),
    C(runbeam_name), C(runbeam_team_id), C(runbeam_enabled), C(runbeam_dns), C(runbeam_settings), ...), fields the API adds
    later included, and C(ansible_host) set to the gateway's first DNS name when it has one.
  - Characters that are not allowed in a variable name (anything but letters, digits and C(_)) become C(_) in a field's variable name.
  - A gateway without an C(enabled) field counts as enabled.
  - Hosts are put in the groups C(runbeam_gateways) (all of them), C(runbeam_enabled) or C(runbeam_disabled), and
    C(runbeam_team_<team_id>), where characters not allowed in a group name become C(_). These group names do not take O(vars_prefix).
  - The inventory is complete or the source fails; see the notes.
  - The configuration file name must end in C(runbeam.yml) or C(runbeam.yaml).
extends_documentation_fragment:
  - runbeam.cloud.connection.plugins
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: Marks the file as a configuration of this plugin.
    type: str
    required: true
    choices:
      - runbeam.cloud.gateways
  hostnames:
    description:
      - Where the hostname of each gateway comes from, in order of preference; the first one that has a value wins.
      - V(dns) is the gateway's first DNS name. V(code) is the last resort whether listed or not, since every gateway has one.
      - Gateways that would share a hostname (two gateways with the same name, say) all get their code instead, with a warning.
    type: list
    elements: str
    choices:
      - code
      - name
      - id
      - dns
    default:
      - code
  include_disabled:
    description:
      - Whether gateways whose C(enabled) field is V(false) become hosts (in the C(runbeam_disabled) group).
    type: bool
    default: true
  filters:
    description:
      - Jinja2 conditions, without C({{ }}), on each gateway's own host variables (with the prefix, before O(compose));
        a gateway becomes a host only when all of them hold.
      - A condition that cannot be evaluated for a gateway (an undefined variable, say) leaves that gateway out with a
        warning, or fails the source when O(strict=true).
      - With O(use_extra_vars=true) the extra variables are available too.
    type: list
    elements: str
    default: []
  include:
    description:
      - Related items to attach to each gateway as list host variables (C(runbeam_services), C(runbeam_endpoints),
        C(runbeam_backends), C(runbeam_pipelines)), matched on their C(gateway_id).
      - Each kind costs one sweep of its list (all pages), never one request per gateway.
      - An included list replaces a gateway field of the same name.
    type: list
    elements: str
    choices:
      - services
      - endpoints
      - backends
      - pipelines
    default: []
  vars_prefix:
    description:
      - Prefix of every host variable the plugin sets from the API, the included lists too (not C(ansible_host)).
      - Must be empty or start with a letter or C(_) and hold only letters, digits and C(_).
    type: str
    default: runbeam_
  page_size:
    description:
      - How many items to ask for per page (the C(per_page) query parameter). The server's default when not set.
    type: int
  max_concurrency:
    description:
      - How many pages of a list are read in parallel once the first page tells how many there are.
    type: int
    default: 4
notes:
  - The inventory is never partial. If any page cannot be read after the retries, if the rows received do not add up to the
    C(meta.total) the server announced (after one complete re-read), or if the server answers 401 or 403, the source fails
    with a message naming the route and the server's explanation. Warnings go to the display (stderr), never into the inventory.
  - By default C(ansible-inventory) and C(ansible-playbook) only warn when a source fails and carry on with an empty inventory.
    Set E(ANSIBLE_INVENTORY_UNPARSED_FAILED=true) (or E(ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true) when several sources are
    combined) to make a failed source an error.
  - AWX and Automation Controller set E(ANSIBLE_INVENTORY_UNPARSED_FAILED) for inventory syncs, so a failing source is a failed
    sync that leaves the hosts of the previous sync in place, rather than an empty inventory that would delete every host.
  - Every value that comes from the API is marked unsafe, so text such as a gateway named C({{ lookup('pipe', 'id') }}) is never templated.
  - The connection options O(url) and O(token) may be templates, for example a C(lookup) or a variable from an
    extra vars file (C(-e @vault.yml)) that Ansible decrypts; extra variables are available to them whatever O(use_extra_vars) says.
    Inline vaulted values (C(!vault)) work too. O(ca_path) is a path and is not templated; use E(RUNBEAM_CA_PATH) to vary it.
  - C(ansible-inventory --list) prints extra variables among every host's variables, so a token passed with C(-e) shows in
    its output. Where that output is kept, prefer E(RUNBEAM_TOKEN), a lookup or an inline C(!vault) value.
  - With O(cache=true) the cache holds the API data only, under a key that includes a SHA-256 fingerprint of the URL and the
    token, so a changed token or deployment never reads another one's hosts; the token itself is never stored.
    Changing O(hostnames), O(filters), O(compose) and so on reuses the cached data; changing O(include) does not.
    Use C(--flush-cache) to read the API again before O(cache_timeout) expires.
seealso:
  - module: runbeam.cloud.runbeam_gateway_info
  - ref: inventory_plugins
    description: How inventory plugins are enabled and configured.
'''

EXAMPLES = r'''
# demo.runbeam.yml: the smallest configuration; url and token come from
# RUNBEAM_URL and RUNBEAM_TOKEN (and RUNBEAM_CA_PATH for a private CA).
plugin: runbeam.cloud.gateways

---
# Hostnames by DNS name, falling back to the gateway code; groups and
# variables of your own.
plugin: runbeam.cloud.gateways
url: https://runbeam.example.com
hostnames:
  - dns
  - code
compose:
  ansible_user: "'harmony'"
  region: runbeam_settings.region | default('unknown')
groups:
  debug_logging: (runbeam_settings or {}).log_level | default('') == 'debug'
keyed_groups:
  - key: (runbeam_settings or {}).region | default('')
    prefix: region
    default_value: none

---
# Only enabled gateways in one region, with their services and pipelines
# attached (two more list sweeps, not one request per gateway).
plugin: runbeam.cloud.gateways
include_disabled: false
filters:
  - runbeam_settings is mapping
  - runbeam_settings.region is defined and runbeam_settings.region.startswith('eu-')
include:
  - services
  - pipelines
vars_prefix: rb_

---
# Cache the API data for an hour; run `ansible-inventory --flush-cache` to refresh.
plugin: runbeam.cloud.gateways
page_size: 100
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/runbeam-inventory
cache_timeout: 3600

---
# The token from a vaulted extra vars file (ansible-inventory -e @vault.yml
# --ask-vault-pass ...) or from a lookup.
plugin: runbeam.cloud.gateways
url: https://runbeam.example.com
token: "{{ runbeam_vaulted_token }}"
# token: "{{ lookup('ansible.builtin.env', 'MY_RUNBEAM_TOKEN') }}"

---
# AWX / Automation Controller: an inventory source of type "Sourced from a
# Project" pointing at this file (its name must end in runbeam.yml), with a
# credential of the collection's Runbeam credential type attached, which sets
# RUNBEAM_URL, RUNBEAM_TOKEN and RUNBEAM_VALIDATE_CERTS. Tick "Overwrite" so
# deleted gateways disappear; a failed read fails the sync and keeps the hosts.
plugin: runbeam.cloud.gateways
hostnames:
  - dns
  - code
include_disabled: false
keyed_groups:
  - key: runbeam_team_id
    prefix: team
'''

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.vars import combine_vars

from ansible_collections.runbeam.cloud.plugins.plugin_utils._inventory import (
    build_hosts,
    check_positive,
    check_vars_prefix,
    group_members,
    included_kinds,
    select_hosts,
)
from ansible_collections.runbeam.cloud.plugins.plugin_utils._inventory_cache import cache_key, read_cache, write_cache

CONNECTION_OPTIONS = ('url', 'token', 'validate_certs', 'ca_path', 'timeout', 'retries')
# ca_path is not among them: Ansible resolves a path option against the
# current directory before the plugin sees it, which would mangle a template.
TEMPLATED_OPTIONS = ('url', 'token')


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'runbeam.cloud.gateways'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('runbeam.yml', 'runbeam.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        prefix = check_vars_prefix(self.get_option('vars_prefix'))
        check_positive('max_concurrency', self.get_option('max_concurrency'))
        check_positive('page_size', self.get_option('page_size'))
        kinds = included_kinds(self.get_option('include'))
        data = self._api_data(path, self._connection_options(), kinds, cache)
        hosts, shared = build_hosts(data, self.get_option('hostnames'), prefix, self.get_option('include_disabled'), kinds)
        if shared:
            self.display.warning('runbeam.cloud.gateways: several gateways would share the hostname(s) %s; '
                                 'they are named by their codes instead.' % ', '.join(shared))
        self._populate(self._filtered(hosts))

    # -- options -------------------------------------------------------------

    def _connection_options(self):
        """The connection options, url and token rendered: a token may come from a lookup or a vaulted variable."""
        self.templar.available_variables = self._vars
        options = dict((name, self.get_option(name)) for name in CONNECTION_OPTIONS)
        for name in TEMPLATED_OPTIONS:
            if options[name] is not None:
                options[name] = self.templar.template(options[name])
        return options

    # -- API data, through the cache -----------------------------------------

    def _api_data(self, path, connection, kinds, cache):
        """{'gateways': [...], kind: [...]}: from the cache when allowed and fresh, else read (and cached)."""
        if not self.get_option('cache'):
            return self._fetch(connection, kinds)
        key = cache_key(self.get_cache_key(path), connection['url'], connection['token'], kinds)
        data = read_cache(self._cache, key, kinds) if cache else None
        if data is None:
            data = self._fetch(connection, kinds)
            write_cache(self._cache, key, data)
        return data

    def _fetch(self, connection, kinds):
        """Every gateway, and every item of each included kind: all of it or AnsibleParserError."""
        # Imported here, not at the top: a warm cache needs no HTTP stack, and
        # requests with PyJWT is a noticeable part of a cached run.
        from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamError
        from ansible_collections.runbeam.cloud.plugins.plugin_utils._client import client_from_plugin

        client = client_from_plugin(connection.get, max_concurrency=self.get_option('max_concurrency'),
                                    per_page=self.get_option('page_size'))
        try:
            data = {'gateways': client.list_gateways()}
            for kind in kinds:
                data[kind] = getattr(client, 'list_' + kind)()
        except RunbeamError as exc:
            raise AnsibleParserError('runbeam.cloud.gateways: no inventory from %s (the source fails rather than give '
                                     'a partial one): %s' % (client.base_url, exc.message))
        finally:
            client.close()
        return data

    # -- hosts ----------------------------------------------------------------

    def _filtered(self, hosts):
        """The hosts whose own variables satisfy every condition of the filters option."""
        use_extra = self.get_option('use_extra_vars')

        def holds(condition, variables):
            self.templar.available_variables = combine_vars(variables, self._vars) if use_extra else variables
            return self.templar.evaluate_conditional(condition)

        kept, errors = select_hosts(hosts, self.get_option('filters'), holds, strict=self.get_option('strict'))
        if errors:
            name, error = errors[0]
            self.display.warning('runbeam.cloud.gateways: %d gateway(s) left out because the filters could not be evaluated '
                                 'for them (first: %s: %s); set strict: true to fail instead.' % (len(errors), name, error))
        return kept

    def _populate(self, hosts):
        """Add the hosts; if anything fails half-way, take back what this source added (never a partial inventory)."""
        hosts_before, groups_before = set(self.inventory.hosts), set(self.inventory.groups)
        # A host of the same name from another source gets our variables too: keep its own to put back.
        vars_before = dict((host.name, dict(self.inventory.hosts[host.name].vars)) for host in hosts if host.name in hosts_before)
        try:
            self._add_hosts(hosts)
            self._construct(hosts)
        except Exception:
            self._roll_back(hosts_before, groups_before, vars_before)
            raise

    def _add_hosts(self, hosts):
        inventory = self.inventory
        for host in hosts:
            inventory.add_host(host.name)
            for name, value in host.vars.items():
                inventory.set_variable(host.name, name, value)
        for group, members in group_members(hosts).items():
            inventory.add_group(group)
            for name in members:
                inventory.add_child(group, name)

    def _construct(self, hosts):
        """compose, groups and keyed_groups, host by host; skipped entirely when none is set (they template per host)."""
        compose, groups, keyed_groups = self.get_option('compose'), self.get_option('groups'), self.get_option('keyed_groups')
        if not (compose or groups or keyed_groups):
            return
        strict = self.get_option('strict')
        for host in hosts:
            self._set_composite_vars(compose, host.vars, host.name, strict=strict)
            self._add_host_to_composed_groups(groups, host.vars, host.name, strict=strict)
            self._add_host_to_keyed_groups(keyed_groups, host.vars, host.name, strict=strict)

    def _roll_back(self, hosts_before, groups_before, vars_before):
        # Groups first: removing a group detaches it from its hosts in one pass,
        # so removing the hosts afterwards does not walk every group's list.
        for name in set(self.inventory.groups) - groups_before:
            self.inventory.remove_group(self.inventory.groups[name])
        for name in set(self.inventory.hosts) - hosts_before:
            self.inventory.remove_host(self.inventory.hosts[name])
        for name, variables in vars_before.items():
            self.inventory.hosts[name].vars = variables
