#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_endpoint_info
short_description: List the endpoints of Runbeam Cloud gateways and services
version_added: 0.1.0
description:
  - Lists every endpoint the token's team can see, across all pages of C(GET /api/endpoints),
    optionally only those of one gateway or one service.
extends_documentation_fragment:
  - runbeam.cloud.connection
  - runbeam.cloud.attributes
  - runbeam.cloud.attributes.info_module
  - ansible.builtin.action_common_attributes
  - runbeam.cloud.filters.gateway_id
  - runbeam.cloud.filters.service_id
seealso:
  - module: runbeam.cloud.runbeam_service_info
  - module: runbeam.cloud.runbeam_backend_info
  - module: runbeam.cloud.runbeam_pipeline_info
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: List every endpoint of one service
  runbeam.cloud.runbeam_endpoint_info:
    service_id: d507ca05-e114-5235-b859-000000000001
  register: result

- name: Show their paths and methods
  ansible.builtin.debug:
    msg: "{{ item.path }} {{ item.methods | join(',') }}"
  loop: "{{ result.endpoints }}"
  loop_control:
    label: "{{ item.code }}"
'''

RETURN = r'''
endpoints:
  description:
    - The endpoints, in the server's order.
    - Each item is the endpoint as Runbeam returns it; fields the API adds later appear too.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The endpoint's id.
      type: str
      sample: ebcc4a00-0ded-51a2-92b6-000000000001
    code:
      description: The endpoint's code.
      type: str
      sample: edge-lon-01-orders-ep-1
    path:
      description: The path the endpoint serves.
      type: str
      sample: /orders/v1/r1
    methods:
      description: The HTTP methods the endpoint accepts.
      type: list
      elements: str
      sample: [GET, POST]
  sample:
    - type: endpoint
      id: ebcc4a00-0ded-51a2-92b6-000000000001
      code: edge-lon-01-orders-ep-1
      name: orders-ep-1
      team_id: 0d2f4d69-b4e8-5e12-b18d-9e6619a71883
      gateway_id: 39d3bda9-f849-56f4-911b-000000000001
      service_id: d507ca05-e114-5235-b859-000000000001
      path: /orders/v1/r1
      methods: [GET, POST]
      description: Endpoint 1 of orders
      created_at: '2026-01-05T09:00:01.000000Z'
      updated_at: '2026-01-05T09:00:01.000000Z'
'''

from ansible_collections.runbeam.cloud.plugins.module_utils._info import run_info_module


def main():
    run_info_module('endpoint')


if __name__ == '__main__':
    main()
