#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_service_info
short_description: List the services of Runbeam Cloud gateways, or get one
version_added: 0.1.0
description:
  - Lists every service the token's team can see, across all pages of C(GET /api/services),
    optionally only those of one gateway.
  - With O(service), fetches that one service by id instead.
extends_documentation_fragment:
  - runbeam.cloud.connection
  - runbeam.cloud.attributes
  - runbeam.cloud.attributes.info_module
  - ansible.builtin.action_common_attributes
  - runbeam.cloud.filters.gateway_id
options:
  service:
    description:
      - The id of one service to fetch.
      - RV(services) is then a list of that one service, or empty when it does not exist; that is not a failure.
      - With O(gateway_id) too, a service of another gateway gives an empty list.
    type: str
seealso:
  - module: runbeam.cloud.runbeam_gateway_info
  - module: runbeam.cloud.runbeam_endpoint_info
  - module: runbeam.cloud.runbeam_backend_info
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: Find a gateway's id
  runbeam.cloud.runbeam_gateway_info:
    gateway: edge-lon-01
  register: lon

- name: List the services of that gateway
  runbeam.cloud.runbeam_service_info:
    gateway_id: "{{ lon.gateways[0].id }}"
  register: result

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ result.services | map(attribute='name') | list }}"

- name: Get one service by id
  runbeam.cloud.runbeam_service_info:
    service: d507ca05-e114-5235-b859-000000000001
  register: one
'''

RETURN = r'''
services:
  description:
    - The services, in the server's order; one item or none with O(service).
    - Each item is the service as Runbeam returns it; fields the API adds later appear too.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The service's id.
      type: str
      sample: d507ca05-e114-5235-b859-000000000001
    code:
      description: The service's code.
      type: str
      sample: edge-lon-01-orders
    name:
      description: The service's name.
      type: str
      sample: orders
    gateway_id:
      description: The id of the gateway the service runs on.
      type: str
      sample: 39d3bda9-f849-56f4-911b-000000000001
  sample:
    - type: service
      id: d507ca05-e114-5235-b859-000000000001
      code: edge-lon-01-orders
      name: orders
      description: Orders API on edge-lon-01
      team_id: 0d2f4d69-b4e8-5e12-b18d-9e6619a71883
      gateway_id: 39d3bda9-f849-56f4-911b-000000000001
      created_at: '2026-01-05T09:00:01.000000Z'
      updated_at: '2026-01-05T09:00:01.000000Z'
'''

from ansible_collections.runbeam.cloud.plugins.module_utils._info import run_info_module


def main():
    run_info_module('service')


if __name__ == '__main__':
    main()
