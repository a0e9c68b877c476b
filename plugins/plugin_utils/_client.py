# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plugin front of the client: options from a plugin's get_option, failures as AnsibleError."""

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.runbeam.cloud.plugins.module_utils._connection import client_from_options
from ansible_collections.runbeam.cloud.plugins.module_utils._deps import missing_libraries
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamError


def client_from_plugin(get_option, **extra):
    """A RunbeamClient from a plugin's (already templated) options; AnsibleError when it cannot be built."""
    missing = missing_libraries()
    if missing:
        raise AnsibleError('runbeam.cloud needs the Python libraries %s on the controller: pip install %s'
                           % (', '.join(name for name, _tb in missing), ' '.join("'%s'" % name for name, _tb in missing)))
    try:
        return client_from_options(get_option, **extra)
    except RunbeamError as exc:
        raise as_ansible_error(exc)


def as_ansible_error(error):
    """AnsibleError carrying a RunbeamError's message (already free of tokens)."""
    return AnsibleError(to_native(error.message))
