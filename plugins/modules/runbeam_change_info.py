#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_change_info
short_description: List the configuration changes queued for a Harmony gateway, or get one
version_added: 0.1.0
description:
  - Lists the configuration changes of the calling gateway, across all pages of C(GET /api/gateway/changes).
  - With O(change), fetches that one change by id instead.
  - The gateway is the one the O(token) belongs to, so O(token) is the gateway's machine token
    (see M(runbeam.cloud.runbeam_gateway_authorize)).
extends_documentation_fragment:
  - runbeam.cloud.connection
  - runbeam.cloud.attributes
  - runbeam.cloud.attributes.info_module
  - ansible.builtin.action_common_attributes
options:
  change:
    description:
      - The id of one change to fetch.
      - RV(changes) is then a list of that one change, or empty when it does not exist; that is not a failure.
    type: str
  status:
    description:
      - Only changes in these states.
      - Sent as the C(status) query parameter and also applied to what comes back, so a server that ignores
        the parameter still gives the right answer. With O(change), a change in another state gives an empty list.
      - When not set, the server's default applies, which is the queued (V(pending)) changes.
    type: list
    elements: str
    choices: [pending, acknowledged, applied, failed]
  discover:
    description:
      - Ask Runbeam where the changes API lives (C(GET /api/gateway/base-url)) and use that base.
      - A base on another origin is used only over https; plain http to another origin is refused,
        as the token would travel in clear.
    type: bool
    default: false
notes:
  - O(token) must be a machine token; Runbeam refuses user and Sanctum tokens on the change routes.
seealso:
  - module: runbeam.cloud.runbeam_change
  - module: runbeam.cloud.runbeam_gateway_authorize
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: Read the gateway's machine token kept by runbeam_gateway_authorize
  ansible.builtin.set_fact:
    machine_token: "{{ (lookup('ansible.builtin.file', '/etc/harmony/runbeam-machine-token.json') | from_json).machine_token }}"
  no_log: true

- name: List the queued changes
  runbeam.cloud.runbeam_change_info:
    url: https://runbeam.example.com
    token: "{{ machine_token }}"
  register: queued

- name: List changes in every state, from wherever Runbeam says the changes API lives
  runbeam.cloud.runbeam_change_info:
    url: https://runbeam.example.com
    token: "{{ machine_token }}"
    status: [pending, acknowledged, applied, failed]
    discover: true
  register: all_changes

- name: Show the ids and operations
  ansible.builtin.debug:
    msg: "{{ item.id }} {{ item.operation }} {{ item.resourceType }} from {{ all_changes.base_url }}"
  loop: "{{ all_changes.changes }}"
  loop_control:
    label: "{{ item.id }}"
'''

RETURN = r'''
changes:
  description:
    - The changes, in the server's order; one item or none with O(change).
    - Each item is the change as Runbeam returns it; fields the API adds later appear too.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The change's id.
      type: str
      sample: 45428648-7197-5124-a61f-000000000001
    status:
      description: Where the change is in its life cycle.
      type: str
      sample: pending
    operation:
      description: What the change does to the resource.
      type: str
      sample: update
    resourceType:
      description: The kind of resource the change is about (camelCase, as the API writes it).
      type: str
      sample: service
    resource_id:
      description: The id of the resource.
      type: str
      sample: d507ca05-e114-5235-b859-000000000001
    payload:
      description: The change's content, any JSON.
      type: raw
      sample: {name: orders, revision: 1}
    error:
      description: The error reported with a failed change.
      type: str
      sample: null
  sample:
    - id: 45428648-7197-5124-a61f-000000000001
      type: change
      gateway_id: 39d3bda9-f849-56f4-911b-000000000001
      status: pending
      operation: create
      resourceType: service
      resource_id: d507ca05-e114-5235-b859-000000000001
      payload: {name: orders, revision: 1}
      error: null
      created_at: '2026-01-05T09:00:07.000000Z'
      updated_at: '2026-01-05T09:00:07.000000Z'
base_url:
  description: The base the change routes were called under (discovered with O(discover=true)).
  returned: success
  type: str
  sample: https://runbeam.example.com/api
'''

from ansible_collections.runbeam.cloud.plugins.module_utils._info import run_info_module


def main():
    run_info_module('change')


if __name__ == '__main__':
    main()
