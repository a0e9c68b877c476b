#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: runbeam_pipeline_info
short_description: List the pipelines of Runbeam Cloud gateways
version_added: 0.1.0
description:
  - Lists every pipeline the token's team can see, across all pages of C(GET /api/pipelines),
    optionally only those of one gateway.
extends_documentation_fragment:
  - runbeam.cloud.connection
  - runbeam.cloud.attributes
  - runbeam.cloud.attributes.info_module
  - ansible.builtin.action_common_attributes
  - runbeam.cloud.filters.gateway_id
seealso:
  - module: runbeam.cloud.runbeam_endpoint_info
  - module: runbeam.cloud.runbeam_backend_info
author:
  - Runbeam Cloud collection maintainers (@runbeam)
'''

EXAMPLES = r'''
- name: List the pipelines of one gateway
  runbeam.cloud.runbeam_pipeline_info:
    gateway_id: 39d3bda9-f849-56f4-911b-000000000001
  register: result

- name: Show the middleware of each pipeline
  ansible.builtin.debug:
    msg: "{{ item.code }}: {{ item.middleware | map(attribute='type') | list }}"
  loop: "{{ result.pipelines }}"
  loop_control:
    label: "{{ item.code }}"
'''

RETURN = r'''
pipelines:
  description:
    - The pipelines, in the server's order.
    - Each item is the pipeline as Runbeam returns it; fields the API adds later appear too.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The pipeline's id.
      type: str
      sample: e7a0a206-a2a4-5840-a683-000000000001
    code:
      description: The pipeline's code.
      type: str
      sample: edge-lon-01-pipeline-1
    endpoints:
      description: The ids of the pipeline's endpoints.
      type: list
      elements: str
      sample: [ebcc4a00-0ded-51a2-92b6-000000000001]
    backends:
      description: The ids of the pipeline's backends.
      type: list
      elements: str
      sample: [c82ae9a0-898b-5be5-b7bd-000000000001]
    middleware:
      description: The pipeline's middleware, any JSON.
      type: raw
      sample: [{type: cors}]
  sample:
    - type: pipeline
      id: e7a0a206-a2a4-5840-a683-000000000001
      code: edge-lon-01-pipeline-1
      name: pipeline-1
      description: Pipeline 1 of edge-lon-01
      team_id: 0d2f4d69-b4e8-5e12-b18d-9e6619a71883
      gateway_id: 39d3bda9-f849-56f4-911b-000000000001
      networks: [default]
      endpoints: [ebcc4a00-0ded-51a2-92b6-000000000001, ebcc4a00-0ded-51a2-92b6-000000000002]
      backends: [c82ae9a0-898b-5be5-b7bd-000000000001]
      middleware: [{type: cors}, {type: jwt_auth, jwks_cache_hours: 24}]
      created_at: '2026-01-05T09:00:01.000000Z'
      updated_at: '2026-01-05T09:00:01.000000Z'
'''

from ansible_collections.runbeam.cloud.plugins.module_utils._info import run_info_module


def main():
    run_info_module('pipeline')


if __name__ == '__main__':
    main()
