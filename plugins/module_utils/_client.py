# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one Runbeam Cloud client behind every module, the inventory plugin and the roles.

It knows nothing of Ansible: the fronts in _module.py and plugin_utils adapt
options and failures. Built on requests rather than ansible.module_utils.urls
for one keep-alive Session shared by parallel page reads, per-request TLS
settings, and typed connection/TLS exceptions.
"""

from ansible_collections.runbeam.cloud.plugins.module_utils import _tokens
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamConfigError, RunbeamResponseError
from ansible_collections.runbeam.cloud.plugins.module_utils._pagination import fetch_all, keep_matching
from ansible_collections.runbeam.cloud.plugins.module_utils._transport import Transport
from ansible_collections.runbeam.cloud.plugins.module_utils._urls import checked_base_url, join, origin_of

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
DEFAULT_CONCURRENCY = 4


def resolve_base_url(url, token):
    """The deployment URL: the url option when given, else the origin of a JWT's iss claim."""
    if url:
        return checked_base_url(url)
    if _tokens.token_kind(token) == _tokens.JWT:
        return _tokens.issuer_origin(token)
    raise RunbeamConfigError('url is required (option url or RUNBEAM_URL) unless the token is a JWT whose iss claim names the deployment.')


class RunbeamClient(object):
    """Calls of the Runbeam API (one per runbeam-sdk RunbeamClient method, plus revoke and JWKS)."""

    def __init__(self, url, token, validate_certs=True, ca_path=None, timeout=DEFAULT_TIMEOUT,
                 retries=DEFAULT_RETRIES, max_concurrency=DEFAULT_CONCURRENCY, per_page=None):
        if not token:
            raise RunbeamConfigError('token is required (option token or RUNBEAM_TOKEN).')
        self.token = token
        self.base_url = resolve_base_url(url, token)
        self.api_url = self.base_url + '/api'
        self.changes_url = self.api_url
        self.max_concurrency = max_concurrency
        self.per_page = per_page
        self.transport = Transport(token, validate_certs=validate_certs, ca_path=ca_path, timeout=timeout,
                                   retries=retries, pool_size=max(10, max_concurrency))

    def close(self):
        self.transport.close()

    # -- helpers ---------------------------------------------------------

    def _one(self, url):
        """The item of a {"data": {...}} answer."""
        body = self.transport.request('GET', url)
        data = body.get('data') if isinstance(body, dict) else None
        if not isinstance(data, dict):
            raise RunbeamResponseError('GET %s answered without a "data" object.' % self.transport.route(url))
        return data

    def _list(self, url, params=None, **criteria):
        """Every row across all pages, narrowed to criteria even if the server ignored them."""
        query = dict(params or {})
        query.update((k, v) for k, v in criteria.items() if v is not None)
        rows = fetch_all(self.transport, url, params=query, per_page=self.per_page, max_concurrency=self.max_concurrency)
        return keep_matching(rows, **criteria)

    # -- authorization ---------------------------------------------------

    def validate_token(self):
        """Verify the token locally when it is a JWT (claims), else None: Sanctum and machine tokens are opaque."""
        if _tokens.token_kind(self.token) != _tokens.JWT:
            return None
        return _tokens.validate_jwt(self.token, self.fetch_jwks)

    def fetch_jwks(self, origin):
        return self.transport.request('GET', origin + '/api/.well-known/jwks.json', auth=False)

    def authorize_gateway(self, gateway_code, machine_public_key=None, metadata=None):
        body = {'token': self.token, 'gateway_code': gateway_code}
        if machine_public_key is not None:
            body['machine_public_key'] = machine_public_key
        if metadata is not None:
            body['metadata'] = metadata
        return self.transport.request('POST', join(self.api_url, 'harmony', 'authorize'), json=body)

    def revoke_gateway(self, gateway_code):
        return self.transport.request('POST', join(self.api_url, 'harmony', 'revoke'),
                                      json={'token': self.token, 'gateway_code': gateway_code})

    # -- resources ---------------------------------------------------------

    def list_gateways(self):
        return self._list(join(self.api_url, 'gateways'))

    def get_gateway(self, id_or_code):
        return self._one(join(self.api_url, 'gateways', id_or_code))

    def list_services(self, gateway_id=None):
        return self._list(join(self.api_url, 'services'), gateway_id=gateway_id)

    def get_service(self, service_id):
        return self._one(join(self.api_url, 'services', service_id))

    def list_endpoints(self, gateway_id=None, service_id=None):
        return self._list(join(self.api_url, 'endpoints'), gateway_id=gateway_id, service_id=service_id)

    def list_backends(self, gateway_id=None, service_id=None):
        return self._list(join(self.api_url, 'backends'), gateway_id=gateway_id, service_id=service_id)

    def list_pipelines(self, gateway_id=None):
        return self._list(join(self.api_url, 'pipelines'), gateway_id=gateway_id)

    # -- change queue (the calling gateway's, with a machine token) --------

    def get_base_url(self):
        url = join(self.api_url, 'gateway', 'base-url')
        body = self.transport.request('GET', url)
        base = body.get('base_url') if isinstance(body, dict) else None
        if not isinstance(base, str) or origin_of(base) is None:
            raise RunbeamResponseError('GET %s answered %r, not an http(s) base URL.' % (self.transport.route(url), base))
        return base

    def discover_changes_url(self):
        """Use the changes base the server names; another origin only over https."""
        discovered = self.get_base_url()
        if origin_of(discovered) != origin_of(self.base_url) and not discovered.lower().startswith('https://'):
            raise RunbeamConfigError(
                'The discovered changes base %s is on another origin over plain http; refusing to send the token '
                'there in clear. Fix the deployment or set discover to false.' % discovered)
        self.changes_url = checked_base_url(discovered, option='the discovered changes base')
        return self.changes_url

    def list_changes(self, statuses=None):
        params = {'status': ','.join(statuses)} if statuses else None
        rows = self._list(join(self.changes_url, 'gateway', 'changes'), params=params)
        return [row for row in rows if not statuses or row.get('status') in statuses]

    def get_change(self, change_id):
        return self._one(join(self.changes_url, 'gateway', 'changes', change_id))

    def acknowledge_changes(self, change_ids):
        return self.transport.request('POST', join(self.changes_url, 'gateway', 'changes', 'acknowledge'),
                                      json={'change_ids': list(change_ids)})

    def mark_change_applied(self, change_id):
        return self.transport.request('POST', join(self.changes_url, 'gateway', 'changes', change_id, 'applied'))

    def mark_change_failed(self, change_id, error, details=None):
        body = {'error': error}
        if details:
            body['details'] = list(details)
        return self.transport.request('POST', join(self.changes_url, 'gateway', 'changes', change_id, 'failed'), json=body)
