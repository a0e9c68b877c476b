# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module front of the client: options from AnsibleModule, failures as fail_json."""

from urllib.parse import urlsplit

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.runbeam.cloud.plugins.module_utils._connection import client_from_options, connection_argspec
from ansible_collections.runbeam.cloud.plugins.module_utils._deps import missing_libraries
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamError


class RunbeamModule(AnsibleModule):
    """AnsibleModule with the connection options, a client, and RunbeamError reported as a failure."""

    def __init__(self, argument_spec=None, **kwargs):
        super(RunbeamModule, self).__init__(argument_spec=connection_argspec(**(argument_spec or {})), **kwargs)
        self._hide_url_password()

    def _hide_url_password(self):
        """A password in url is refused, but url is echoed in the result's invocation: mask it there too."""
        try:
            password = urlsplit(self.params.get('url') or '').password
        except ValueError:
            password = None
        if password:
            self.no_log_values.add(password)

    def client(self, **extra):
        for requirement, import_traceback in missing_libraries():
            self.fail_json(msg=missing_required_lib(requirement), exception=import_traceback)
        try:
            return client_from_options(self.params.get, **extra)
        except RunbeamError as exc:
            self.fail_from(exc)

    def fail_from(self, error, **result):
        """fail_json with the error's message and details (route, status, field errors)."""
        result.update(error.details())
        self.fail_json(msg=error.message, **result)

    def run(self, action):
        """exit_json(**action(client)), turning a RunbeamError into a clean failure."""
        client = self.client()
        try:
            result = action(client)
        except RunbeamError as exc:
            self.fail_from(exc)
        finally:
            client.close()
        self.exit_json(**result)
