#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_backend_info
short_description: List the backends of Runbeam Cloud gateways and services
version_added: 0.1.0
description:
  - Lists every backend (upstream) the token's team can see, across all pages of C(GET /api/backends),
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
  - module: runbeam.cloud.runbeam_endpoint_info
  - module: runbeam.cloud.runbeam_pipeline_info
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: List the backends of one gateway
  runbeam.cloud.runbeam_backend_info:
    gateway_id: 39d3bda9-f849-56f4-911b-000000000001
  register: result

- name: Show where they point
  ansible.builtin.debug:
    msg: "{{ result.backends | map(attribute='url') | list }}"
'''

RETURN = r'''
backends:
  description:
    - The backends, in the server's order.
    - Each item is the backend as Runbeam returns it; fields the API adds later appear too.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The backend's id.
      type: str
      sample: c82ae9a0-898b-5be5-b7bd-000000000001
    code:
      description: The backend's code.
      type: str
      sample: edge-lon-01-orders-be-1
    url:
      description: Where the backend forwards to.
      type: str
      sample: http://orders-1.internal:8081
    timeout_seconds:
      description: The backend's request timeout.
      type: int
      sample: 30
  sample:
    - type: backend
      id: c82ae9a0-898b-5be5-b7bd-000000000001
      code: edge-lon-01-orders-be-1
      name: orders-be-1
      team_id: 0d2f4d69-b4e8-5e12-b18d-9e6619a71883
      gateway_id: 39d3bda9-f849-56f4-911b-000000000001
      service_id: d507ca05-e114-5235-b859-000000000001
      url: http://orders-1.internal:8081
      timeout_seconds: 30
      created_at: '2026-01-05T09:00:01.000000Z'
      updated_at: '2026-01-05T09:00:01.000000Z'
'''

from ansible_collections.runbeam.cloud.plugins.module_utils._info import run_info_module


def main():
    run_info_module('backend')


if __name__ == '__main__':
    main()
