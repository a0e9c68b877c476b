# Private to the runbeam.cloud collection: not a public API, may change without notice.
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options, in one place for every module, the inventory plugin and the roles.

Documented once in plugins/doc_fragments/connection.py; keep the two in step.
"""

from ansible.module_utils.basic import env_fallback

from ansible_collections.runbeam.cloud.plugins.module_utils._client import RunbeamClient
from ansible_collections.runbeam.cloud.plugins.module_utils._errors import RunbeamConfigError

CONNECTION_ARGSPEC = dict(
    url=dict(type='str', fallback=(env_fallback, ['RUNBEAM_URL'])),
    token=dict(type='str', no_log=True, required=True, fallback=(env_fallback, ['RUNBEAM_TOKEN'])),
    validate_certs=dict(type='bool', default=True, fallback=(env_fallback, ['RUNBEAM_VALIDATE_CERTS'])),
    ca_path=dict(type='path', fallback=(env_fallback, ['RUNBEAM_CA_PATH'])),
    timeout=dict(type='float', default=30.0, fallback=(env_fallback, ['RUNBEAM_TIMEOUT'])),
    retries=dict(type='int', default=3, fallback=(env_fallback, ['RUNBEAM_RETRIES'])),
)


def connection_argspec(**specific):
    """The connection options merged with a module's own options."""
    spec = dict((name, dict(value)) for name, value in CONNECTION_ARGSPEC.items())
    spec.update(specific)
    return spec


def client_from_options(get_option, **extra):
    """A RunbeamClient from the connection options, read through get_option(name).

    Checks the values a type cannot: a positive timeout and a non-negative
    retry count, so a bad setting is named instead of failing later.
    """
    timeout = get_option('timeout')
    retries = get_option('retries')
    if float(timeout) <= 0:
        raise RunbeamConfigError('timeout must be a positive number of seconds, not %s.' % timeout)
    if int(retries) < 0:
        raise RunbeamConfigError('retries must be 0 or more, not %s.' % retries)
    return RunbeamClient(
        url=get_option('url'),
        token=get_option('token'),
        validate_certs=get_option('validate_certs'),
        ca_path=get_option('ca_path'),
        timeout=float(timeout),
        retries=int(retries),
        **extra
    )
