# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The gateway_id and service_id filters of the info modules (plugins/module_utils/_info.py)."""


class ModuleDocFragment(object):

    GATEWAY_ID = r'''
options:
  gateway_id:
    description:
      - Only the items of the gateway with this id (see M(runbeam.cloud.runbeam_gateway_info) for ids).
      - Sent to the server and also applied to what comes back, so the answer is right even where the server ignores it.
    type: str
'''

    SERVICE_ID = r'''
options:
  service_id:
    description:
      - Only the items of the service with this id (see M(runbeam.cloud.runbeam_service_info) for ids).
      - Sent to the server and also applied to what comes back, so the answer is right even where the server ignores it.
    type: str
'''
