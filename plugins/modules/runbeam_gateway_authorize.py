#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_gateway_authorize
short_description: Get a Harmony gateway's machine token from Runbeam Cloud, or revoke its tokens
version_added: 0.1.0
description:
  - Exchanges a user or team token (a JWT or a Sanctum API token) for the machine token of a Harmony gateway,
    as C(POST /api/harmony/authorize) does. When the gateway code does not exist yet, Runbeam creates the gateway.
  - With O(token_path), keeps the machine token payload in a file (the JSON object Harmony reads from
    E(RUNBEAM_MACHINE_TOKEN)) and only asks for a new token when the stored one is missing, belongs to
    another gateway, or expires within O(renew_before) days.
  - With O(state=absent), revokes every machine token of the gateway and removes O(token_path).
extends_documentation_fragment:
  - runbeam.cloud.connection
  - runbeam.cloud.attributes
  - ansible.builtin.action_common_attributes
  - ansible.builtin.files
attributes:
  check_mode:
    support: full
    details:
      - Nothing is sent but the key set a JWT is validated with, and nothing is written.
      - With O(state=absent), a change is reported only when O(token_path) exists, as whether the gateway
        has live machine tokens is only known by revoking them.
  diff_mode:
    support: full
    details:
      - Shows the gateway code and expiry of the stored token before and after; never the token.
options:
  gateway_code:
    description:
      - The gateway's code, at most 255 characters.
    type: str
    required: true
  state:
    description:
      - V(present) makes sure a valid machine token is held (in O(token_path) when set).
      - V(absent) revokes every machine token of the gateway at once, then removes O(token_path).
        A gateway that does not exist has no token to revoke; that is not an error.
    type: str
    choices: [present, absent]
    default: present
  machine_public_key:
    description:
      - Public key of the gateway's host, sent with the authorization.
    type: str
  metadata:
    description:
      - Free-form lines sent with the authorization, for example the host name or the Harmony version.
    type: list
    elements: str
  token_path:
    description:
      - File that keeps the machine token payload (C(machine_token), C(expires_at), C(gateway_id),
        C(gateway_code), C(abilities), C(issued_at)).
      - Written atomically (a temporary file beside it, then renamed), with mode C(0600) from the first byte.
        The usual file options (O(owner), O(group), O(mode), ...) apply to it.
      - When authorization fails, an existing file is left exactly as it was.
      - When not set, every run asks for a new machine token and the result carries it in RV(machine_token).
    type: path
  mode:
    description:
      - The permissions of O(token_path), as for M(ansible.builtin.file), for example V('0640').
      - When not set, the file is given mode C(0600) (also an existing file), as it holds a secret.
    type: raw
  renew_before:
    description:
      - A stored token for the same gateway that is valid for more than this many days is kept and no request is made.
    type: int
    default: 7
  force:
    description:
      - Ask for a new machine token even when the stored one is still good.
    type: bool
    default: false
  validate_token:
    description:
      - When O(token) is a JWT, verify it locally first (RS256 signature against the deployment's
        C(/api/.well-known/jwks.json), expiry, issuer, subject); a token that fails is never sent.
      - Sanctum tokens cannot be checked locally and are sent as they are.
    type: bool
    default: true
  return_token:
    description:
      - With O(token_path) set, also return the machine token in RV(machine_token).
      - Without O(token_path) the token is always returned, as the result is then its only copy.
      - A result that carries the machine token is hidden from Ansible's output as with C(no_log), see the notes.
    type: bool
    default: false
notes:
  - >-
    A result that carries RV(machine_token) is shown censored by every callback, at any verbosity, as if the
    task had C(no_log: true) (this module sets it through its action plugin); C(register) still receives the
    whole result. The diff is hidden with it. Set C(no_log: true) on the task as well so that a reader of the
    playbook sees it, and take care where the registered token goes next.
  - >-
    With O(token_path) and O(return_token=false) (the default) the result carries no token, so it is shown
    normally, diff included.
  - Each authorization issues a new machine token; the earlier ones stay valid until they expire or are revoked.
  - Authorizing needs a user or team token; a machine token is refused by Runbeam.
seealso:
  - module: runbeam.cloud.runbeam_gateway_info
  - module: runbeam.cloud.runbeam_change
  - name: Runbeam API, machine token payload
    description: The JSON object stored in O(token_path), which Harmony reads from E(RUNBEAM_MACHINE_TOKEN).
    link: https://runbeam.io
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: Authorize a gateway and keep its machine token in a file (renewed when it nears expiry)
  runbeam.cloud.runbeam_gateway_authorize:
    url: https://runbeam.example.com
    token: "{{ runbeam_user_token }}"
    gateway_code: edge-lon-01
    token_path: /etc/harmony/runbeam-machine-token.json
    owner: harmony
    group: harmony
  register: authorization

- name: Show when the stored token expires (the result carries no token)
  ansible.builtin.debug:
    msg: "{{ authorization.gateway.code }} token valid until {{ authorization.expires_at }}"

- name: Get a machine token without keeping it in a file (the token is in the registered result)
  runbeam.cloud.runbeam_gateway_authorize:
    gateway_code: edge-lon-01
    metadata:
      - "host={{ inventory_hostname }}"
  register: issued
  no_log: true

- name: Use the connection defaults of the whole collection (url and token from RUNBEAM_URL / RUNBEAM_TOKEN otherwise)
  module_defaults:
    group/runbeam.cloud.runbeam:
      url: https://runbeam.example.com
      token: "{{ runbeam_user_token }}"
  block:
    - name: Renew now, whatever the stored expiry
      runbeam.cloud.runbeam_gateway_authorize:
        gateway_code: edge-lon-01
        token_path: /etc/harmony/runbeam-machine-token.json
        force: true

    - name: Revoke every machine token of a decommissioned gateway and remove its file
      runbeam.cloud.runbeam_gateway_authorize:
        gateway_code: lab-01
        token_path: /etc/harmony/lab-01-machine-token.json
        state: absent
'''

RETURN = r'''
machine_token:
  description:
    - The machine token, a secret. The whole result is censored in Ansible's output when it carries it.
  returned: when O(token_path) is not set, or O(return_token) is true (and a token was issued or is stored)
  type: str
  sample: mt_EXAMPLE-not-a-real-token
expires_at:
  description: When the machine token expires (RFC 3339, UTC).
  returned: O(state=present), except in check mode when a new token would be requested
  type: str
  sample: '2026-12-31T23:59:59Z'
expires_in:
  description: Seconds until the machine token expires.
  returned: O(state=present), except in check mode when a new token would be requested
  type: int
  sample: 2592000
gateway:
  description:
    - The gateway the token is for.
    - Only RV(gateway.id) and RV(gateway.code) are known when the stored token was kept (from the file);
      in check mode only RV(gateway.code).
  returned: O(state=present)
  type: dict
  contains:
    id:
      description: The gateway's id.
      type: str
      returned: except in check mode when a new token would be requested
      sample: 550e8400-e29b-41d4-a716-446655440000
    code:
      description: The gateway's code.
      type: str
      returned: always
      sample: edge-lon-01
    name:
      description: The gateway's name.
      type: str
      returned: when a new token was issued
      sample: edge-lon-01
    authorized_by:
      description: The user who authorized the gateway (C(id), C(name), C(email)).
      type: dict
      returned: when a new token was issued and the server says
      sample: {id: user-1, name: Ada Admin, email: ada@acme.example}
abilities:
  description: What the machine token allows.
  returned: O(state=present), except in check mode when a new token would be requested
  type: list
  elements: str
  sample: [harmony:send, harmony:receive]
token_path:
  description: The value of O(token_path) (null when not set).
  returned: always
  type: str
  sample: /etc/harmony/runbeam-machine-token.json
reason:
  description: Why a new machine token was requested (or would be, in check mode).
  returned: when a new token was (or would be) requested
  type: str
  sample: the stored token expires within 7 days
revoked:
  description: How many machine tokens Runbeam revoked (null when the server does not say).
  returned: O(state=absent), except in check mode
  type: int
  sample: 2
'''

from ansible_collections.runbeam.cloud.plugins.module_utils import _authorize
from ansible_collections.runbeam.cloud.plugins.module_utils._module import RunbeamModule


def main():
    module = RunbeamModule(argument_spec=_authorize.ARGUMENT_SPEC, add_file_common_args=True, supports_check_mode=True)
    problem = _authorize.check_params(module.params)
    if problem:
        module.fail_json(msg=problem)
    hooks = _authorize.Hooks(module.check_mode, module._diff, _authorize.file_attribute_hook(module))
    action = _authorize.authorize if module.params['state'] == 'present' else _authorize.revoke
    module.run(lambda client: action(client, module.params, hooks))


if __name__ == '__main__':
    main()
