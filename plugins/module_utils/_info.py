# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one implementation of the six runbeam_*_info modules, driven by a table of kinds."""

from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamNotFoundError
from ansible_collections.runbeam.cloud.plugins.module_utils._module import RunbeamModule

CHANGE_STATUSES = ['pending', 'acknowledged', 'applied', 'failed']


class Kind(object):
    """How one info module reads its items.

    list_items(client, filters) lists every item across all pages; get_item(client, ref)
    fetches the one named by the option `pick` (None when the module has no such option).
    """

    def __init__(self, result_key, list_items, filters=(), pick=None, get_item=None, extra_options=None):
        self.result_key = result_key
        self.list_items = list_items
        self.filters = tuple(filters)
        self.pick = pick
        self.get_item = get_item
        self.extra_options = extra_options or {}

    def argument_spec(self):
        spec = dict((name, dict(type='str')) for name in self.filters)
        if self.pick:
            spec[self.pick] = dict(type='str')
        spec.update(self.extra_options)
        return spec


def _list_changes(client, filters):
    return client.list_changes(statuses=filters.get('status'))


KINDS = {
    'gateway': Kind('gateways', lambda client, filters: client.list_gateways(),
                    pick='gateway', get_item=lambda client, ref: client.get_gateway(ref)),
    'service': Kind('services', lambda client, filters: client.list_services(**filters), filters=['gateway_id'],
                    pick='service', get_item=lambda client, ref: client.get_service(ref)),
    'endpoint': Kind('endpoints', lambda client, filters: client.list_endpoints(**filters),
                     filters=['gateway_id', 'service_id']),
    'backend': Kind('backends', lambda client, filters: client.list_backends(**filters),
                    filters=['gateway_id', 'service_id']),
    'pipeline': Kind('pipelines', lambda client, filters: client.list_pipelines(**filters), filters=['gateway_id']),
    'change': Kind('changes', _list_changes, pick='change', get_item=lambda client, ref: client.get_change(ref),
                   extra_options=dict(status=dict(type='list', elements='str', choices=CHANGE_STATUSES),
                                      discover=dict(type='bool', default=False))),
}


def filters_of(kind, params):
    """The filter values set for kind (status included for changes)."""
    names = kind.filters + (('status',) if 'status' in kind.extra_options else ())
    return dict((name, params[name]) for name in names if params.get(name))


def matches(item, filters):
    """Whether a fetched item meets the filters (a picked item is held to them as a listed one is)."""
    for name, wanted in filters.items():
        if name == 'status':
            if item.get('status') not in wanted:
                return False
        elif item.get(name) != wanted:
            return False
    return True


def picked(kind, client, ref, filters):
    """The item named by ref as a one-item list; empty when it does not exist or is filtered out."""
    try:
        item = kind.get_item(client, ref)
    except RunbeamNotFoundError:
        return []
    return [item] if matches(item, filters) else []


def gather(kind_name, client, params):
    """The result of an info module: the items under their key (and the changes base for changes)."""
    kind = KINDS[kind_name]
    result = dict(changed=False)
    if params.get('discover'):
        client.discover_changes_url()
    filters = filters_of(kind, params)
    if kind.pick and params.get(kind.pick):
        items = picked(kind, client, params[kind.pick], filters)
    else:
        items = kind.list_items(client, filters)
    result[kind.result_key] = items
    if kind_name == 'change':
        result['base_url'] = client.changes_url
    return result


def run_info_module(kind_name):
    """main() of the runbeam_<kind>_info module."""
    module = RunbeamModule(argument_spec=KINDS[kind_name].argument_spec(), supports_check_mode=True)
    module.run(lambda client: gather(kind_name, client, module.params))
