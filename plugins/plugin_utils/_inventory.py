# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The hosts of the runbeam.cloud.gateways inventory, built from API rows.

Pure functions: no HTTP, no inventory object, no templating (filters get an
evaluate callable), so the rules are unit-testable and cost one pass each.
"""

import re
from collections import Counter, namedtuple

from ansible.errors import AnsibleParserError
from ansible.utils.unsafe_proxy import wrap_var

KINDS = ('services', 'endpoints', 'backends', 'pipelines')
HOSTNAME_SOURCES = ('code', 'name', 'id', 'dns')

ALL_GROUP = 'runbeam_gateways'
ENABLED_GROUP = 'runbeam_enabled'
DISABLED_GROUP = 'runbeam_disabled'
TEAM_GROUP_PREFIX = 'runbeam_team_'

_NOT_IN_NAME = re.compile(r'[^A-Za-z0-9_]')
_VALID_PREFIX = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)?$')

Host = namedtuple('Host', 'name vars groups')


def safe_name(text):
    """text with every character Ansible does not allow in a group or variable name replaced by '_'."""
    return _NOT_IN_NAME.sub('_', text)


def check_vars_prefix(prefix):
    """prefix, or AnsibleParserError when it would make invalid variable names."""
    if not isinstance(prefix, str) or not _VALID_PREFIX.match(prefix):
        raise AnsibleParserError('vars_prefix must be empty or start with a letter or "_" and hold only letters, digits '
                                 'and "_"; %r would make invalid variable names.' % (prefix,))
    return prefix


def check_positive(name, value):
    """value when it is None or at least 1, else AnsibleParserError naming the option."""
    if value is not None and value < 1:
        raise AnsibleParserError('%s must be 1 or more, not %s.' % (name, value))
    return value


def included_kinds(include):
    """The kinds to attach, each once, in a fixed order (so cache keys do not depend on the config's order)."""
    wanted = set(include or ())
    return [kind for kind in KINDS if kind in wanted]


def is_enabled(gateway):
    """A gateway counts as enabled unless the API says enabled: false (the field is optional)."""
    return gateway.get('enabled') is not False


def first_dns(gateway):
    """The first non-empty DNS name of the gateway, or None."""
    names = gateway.get('dns')
    if isinstance(names, list):
        for name in names:
            if isinstance(name, str) and name:
                return name
    return None


def team_group(team_id):
    """runbeam_team_<team_id> with characters not allowed in a group name made '_'; None without a team."""
    if team_id is None or team_id == '':
        return None
    return TEAM_GROUP_PREFIX + safe_name(str(team_id))


def gateway_groups(gateway):
    """The fixed groups a gateway belongs to."""
    groups = [ALL_GROUP, ENABLED_GROUP if is_enabled(gateway) else DISABLED_GROUP]
    team = team_group(gateway.get('team_id'))
    if team:
        groups.append(team)
    return groups


def preferred_hostname(gateway, preferences):
    """The first preference with a value; the code is the last resort."""
    for source in preferences:
        value = first_dns(gateway) if source == 'dns' else gateway.get(source)
        if value is not None and value != '':
            return str(value)
    return gateway_code(gateway)


def gateway_code(gateway):
    code = gateway.get('code')
    if code is None or code == '':
        raise AnsibleParserError('The API listed a gateway without a code (id %s); refusing to build an inventory '
                                 'from an unexpected answer.' % gateway.get('id'))
    return str(code)


def assign_hostnames(gateways, preferences):
    """(hostnames in gateway order, sorted names that several gateways wanted).

    Gateways that would share a hostname (two names alike, one DNS name for
    several gateways) all get their code instead, whatever their order, so
    no host silently absorbs another. Codes are unique in a deployment; if a
    code still clashes with another gateway's chosen name, nothing is built.
    """
    wanted = [preferred_hostname(gateway, preferences) for gateway in gateways]
    counts = Counter(wanted)
    shared = sorted(name for name, count in counts.items() if count > 1)
    if not shared:
        return wanted, shared
    names = [name if counts[name] == 1 else gateway_code(gateway) for name, gateway in zip(wanted, gateways)]
    clashes = sorted(name for name, count in Counter(names).items() if count > 1)
    if clashes:
        raise AnsibleParserError('Several gateways would get the hostname %s even after falling back to their codes; '
                                 'change the hostnames option (for example put code first).' % ', '.join(clashes))
    return names, shared


def index_by_gateway(rows):
    """{gateway_id: [rows]} in one pass; rows without a gateway_id belong to no host."""
    index = {}
    for row in rows:
        gateway_id = row.get('gateway_id') if isinstance(row, dict) else None
        if gateway_id is not None:
            index.setdefault(gateway_id, []).append(row)
    return index


def var_namer(prefix):
    """A function mapping an API field name to its host variable name, memoised (the same few keys repeat per host)."""
    names = {}

    def var_name(key):
        try:
            return names[key]
        except KeyError:
            name = prefix + safe_name(str(key))
            if not name.isidentifier():  # only possible with an empty prefix and a field starting with a digit
                name = '_' + name
            names[key] = name
            return name
    return var_name


def gateway_vars(gateway, var_name, related):
    """Host variables: every field prefixed, the included kinds as lists, ansible_host from the first DNS name.

    An included kind overrides a gateway field of the same name: the user asked for it.
    """
    hostvars = dict((var_name(key), value) for key, value in gateway.items())
    gateway_id = gateway.get('id')
    for kind, index in related.items():
        hostvars[var_name(kind)] = index.get(gateway_id, []) if gateway_id is not None else []
    dns = first_dns(gateway)
    if dns:
        hostvars['ansible_host'] = dns
    return hostvars


def build_hosts(data, preferences=('code',), prefix='runbeam_', include_disabled=True, kinds=()):
    """([Host], shared hostnames) from API data {'gateways': [...], kind: [...]}.

    Every value is marked unsafe first: API text such as a gateway named
    "{{ lookup('pipe', 'id') }}" must never be templated.
    """
    data = wrap_var(data)
    gateways = [gateway for gateway in data['gateways'] if include_disabled or is_enabled(gateway)]
    names, shared = assign_hostnames(gateways, preferences)
    related = dict((kind, index_by_gateway(data.get(kind) or [])) for kind in kinds)
    var_name = var_namer(prefix)
    hosts = [Host(name, gateway_vars(gateway, var_name, related), gateway_groups(gateway))
             for name, gateway in zip(names, gateways)]
    return hosts, shared


def group_members(hosts):
    """{group: [hostnames]} for every fixed group (the three main ones exist even when empty)."""
    members = {ALL_GROUP: [], ENABLED_GROUP: [], DISABLED_GROUP: []}
    for host in hosts:
        for group in host.groups:
            members.setdefault(group, []).append(host.name)
    return members


def select_hosts(hosts, conditions, holds, strict=False):
    """(hosts for which holds(condition, host.vars) is true for every condition, [(hostname, error)]).

    A condition that cannot be evaluated for a host (an undefined variable, say)
    drops the host and is reported, or with strict fails the whole source.
    """
    if not conditions:
        return hosts, []
    kept, errors = [], []
    for host in hosts:
        try:
            if all(holds(condition, host.vars) for condition in conditions):
                kept.append(host)
        except Exception as exc:  # pylint: disable=broad-except; any templating error means "cannot tell"
            if strict:
                raise AnsibleParserError('Could not evaluate the filters for host %s: %s' % (host.name, exc))
            errors.append((host.name, exc))
    return kept, errors
