#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_gateway_info
short_description: List the Harmony gateways of a Runbeam Cloud team, or get one
version_added: 0.1.0
description:
  - Lists every gateway the token's team can see, across all pages of C(GET /api/gateways).
  - With O(gateway), fetches that one gateway by id or code instead.
extends_documentation_fragment:
  - runbeam.cloud.connection
  - runbeam.cloud.attributes
  - runbeam.cloud.attributes.info_module
  - ansible.builtin.action_common_attributes
options:
  gateway:
    description:
      - The id or the code of one gateway to fetch.
      - RV(gateways) is then a list of that one gateway, or empty when no such gateway exists
        (or it belongs to another team); that is not a failure.
    type: str
notes:
  - The token may be a user or team JWT or a Sanctum API token.
seealso:
  - module: runbeam.cloud.runbeam_service_info
  - module: runbeam.cloud.runbeam_gateway_authorize
  - plugin: runbeam.cloud.gateways
    plugin_type: inventory
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: List every gateway of the team
  runbeam.cloud.runbeam_gateway_info:
    url: https://runbeam.example.com
    token: "{{ runbeam_token }}"
  register: result

- name: Show the codes of the enabled gateways
  ansible.builtin.debug:
    msg: "{{ result.gateways | selectattr('enabled') | map(attribute='code') | list }}"

- name: Get one gateway by its code (url and token from RUNBEAM_URL and RUNBEAM_TOKEN)
  runbeam.cloud.runbeam_gateway_info:
    gateway: edge-lon-01
  register: lon

- name: Fail when it does not exist
  ansible.builtin.assert:
    that: lon.gateways | length == 1
    fail_msg: gateway edge-lon-01 does not exist

- name: Set the connection once for every runbeam.cloud module
  module_defaults:
    group/runbeam.cloud.runbeam:
      url: https://runbeam.example.com
      token: "{{ runbeam_token }}"
  block:
    - name: List gateways with the group's defaults
      runbeam.cloud.runbeam_gateway_info:
      register: result
'''

RETURN = r'''
gateways:
  description:
    - The gateways, in the server's order; one item or none with O(gateway).
    - Each item is the gateway as Runbeam returns it; fields the API adds later appear too.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The gateway's id.
      type: str
      sample: 39d3bda9-f849-56f4-911b-000000000001
    code:
      description: The gateway's code, unique across Runbeam.
      type: str
      sample: edge-lon-01
    name:
      description: The gateway's name.
      type: str
      sample: edge-lon-01
    team_id:
      description: The id of the team that owns the gateway.
      type: str
      sample: 0d2f4d69-b4e8-5e12-b18d-9e6619a71883
    enabled:
      description: Whether the gateway is enabled.
      type: bool
      sample: true
    dns:
      description: The gateway's DNS names.
      type: list
      elements: str
      sample: [edge-lon-01.gw.example.net]
    settings:
      description: The gateway's settings, any JSON.
      type: raw
      sample: {region: eu-west-2}
  sample:
    - type: gateway
      id: 39d3bda9-f849-56f4-911b-000000000001
      code: edge-lon-01
      name: edge-lon-01
      team_id: 0d2f4d69-b4e8-5e12-b18d-9e6619a71883
      enabled: true
      pipelines_path: /etc/harmony/pipelines
      transforms_path: /etc/harmony/transforms
      jwks_cache_duration_hours: 24
      management_enabled: true
      management_base_path: /admin
      management_network_id: null
      dns: [edge-lon-01.gw.example.net, lon.gw.example.net]
      settings: {region: eu-west-2, log_level: info}
      created_at: '2026-01-05T09:00:01.000000Z'
      updated_at: '2026-01-05T09:00:01.000000Z'
'''

from ansible_collections.runbeam.cloud.plugins.module_utils._info import run_info_module


def main():
    run_info_module('gateway')


if __name__ == '__main__':
    main()
