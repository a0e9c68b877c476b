#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_change
short_description: Acknowledge queued configuration changes of a Harmony gateway, or report them applied or failed
version_added: 0.1.0
description:
  - Moves configuration changes of the calling gateway through their life cycle
    (V(pending), then V(acknowledged), then V(applied) or V(failed)), as a Harmony gateway does.
  - First reads where each change is, with one sweep of the change list and one C(GET) for each id the
    list did not show. Fails before changing anything when an id is unknown, or when a change is already
    in a final state other than O(state) (an applied change cannot become failed).
  - Skips the changes already in O(state), acknowledges the pending ones in one bulk request
    (for every O(state), as Runbeam marks only acknowledged changes applied or failed), then, for
    O(state=applied) or O(state=failed), reports each change with one request.
  - The gateway is the one the O(token) belongs to, so O(token) is the gateway's machine token
    (see M(runbeam.cloud.runbeam_gateway_authorize)).
extends_documentation_fragment:
  - runbeam.cloud.connection
  - runbeam.cloud.attributes
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Reads the changes and reports what would move; sends no C(POST).
  diff_mode:
    support: none
options:
  ids:
    description:
      - The ids of the changes to move. Repeated ids count once.
    type: list
    elements: str
    required: true
    aliases: [id]
  state:
    description:
      - Where the changes should be.
    type: str
    required: true
    choices: [acknowledged, applied, failed]
  error:
    description:
      - Why the changes failed, reported with each of them.
      - Required, and not empty, when O(state=failed); ignored (with a warning) otherwise.
    type: str
  details:
    description:
      - Detail lines reported with the error, for example a validation output.
      - Used with O(state=failed) only.
    type: list
    elements: str
  discover:
    description:
      - Ask Runbeam where the changes API lives (C(GET /api/gateway/base-url)) and use that base.
      - A base on another origin is used only over https; plain http to another origin is refused,
        as the token would travel in clear.
    type: bool
    default: false
notes:
  - O(token) must be a machine token; Runbeam refuses user and Sanctum tokens on the change routes.
  - >-
    When a request fails after earlier ones succeeded (for example the network drops while reporting the
    third of five changes), the task fails and its result still says C(changed: true) with the ids
    that did move in RV(changed_ids).
seealso:
  - module: runbeam.cloud.runbeam_change_info
  - module: runbeam.cloud.runbeam_gateway_authorize
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: List the queued changes of the gateway
  runbeam.cloud.runbeam_change_info:
    url: https://runbeam.example.com
    token: "{{ machine_token }}"
  register: queued

- name: Acknowledge them all in one request
  runbeam.cloud.runbeam_change:
    url: https://runbeam.example.com
    token: "{{ machine_token }}"
    ids: "{{ queued.changes | map(attribute='id') | list }}"
    state: acknowledged
  when: queued.changes | length > 0

- name: Report one change applied
  runbeam.cloud.runbeam_change:
    url: https://runbeam.example.com
    token: "{{ machine_token }}"
    id: 45428648-7197-5124-a61f-000000000001
    state: applied

- name: Report a change failed, with the reason
  runbeam.cloud.runbeam_change:
    url: https://runbeam.example.com
    token: "{{ machine_token }}"
    id: 45428648-7197-5124-a61f-000000000002
    state: failed
    error: the pipeline does not validate
    details:
      - "backends[0].url: host not resolvable"
'''

RETURN = r'''
changes:
  description:
    - The requested changes as they stand afterwards (in check mode, as they would), in the order of O(ids).
    - Each item is the change as Runbeam returns it; see M(runbeam.cloud.runbeam_change_info) for its fields.
  returned: success
  type: list
  elements: dict
  sample:
    - id: 45428648-7197-5124-a61f-000000000001
      type: change
      gateway_id: 39d3bda9-f849-56f4-911b-000000000001
      status: applied
      operation: create
      resourceType: service
      resource_id: d507ca05-e114-5235-b859-000000000001
      payload: {name: orders, revision: 1}
      error: null
      created_at: '2026-01-05T09:00:07.000000Z'
      updated_at: '2026-01-05T09:12:41.000000Z'
changed_ids:
  description:
    - The ids whose status moved (in check mode, would move), in the order of O(ids).
    - Also returned on a failure after some changes had moved.
  returned: success, and on a failure after some changes moved
  type: list
  elements: str
  sample: [45428648-7197-5124-a61f-000000000001]
'''

from ansible_collections.runbeam.cloud.plugins.module_utils import _change
from ansible_collections.runbeam.cloud.plugins.module_utils._module import RunbeamModule


def main():
    module = RunbeamModule(argument_spec=_change.ARGUMENT_SPEC, required_if=_change.REQUIRED_IF, supports_check_mode=True)
    problem = _change.check_params(module.params)
    if problem:
        module.fail_json(msg=problem)
    for name in _change.ignored_options(module.params):
        module.warn('%s is used with state=failed only; it was ignored.' % name)
    module.run(lambda client: _change.move(client, module.params, module.check_mode))


if __name__ == '__main__':
    main()
