# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attributes shared by the modules; use with ansible.builtin.action_common_attributes."""


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options: {}
attributes:
  action_group:
    description: Use C(group/runbeam.cloud.runbeam) in C(module_defaults) to set the connection options of every module at once.
    support: full
    membership:
      - runbeam.cloud.runbeam
  platform:
    support: full
    platforms: all
    details: The modules talk to Runbeam over HTTPS from wherever the task runs (usually the controller).
'''

    INFO_MODULE = r'''
options: {}
attributes:
  check_mode:
    support: full
    details: This module only reads; it runs the same in check mode.
  diff_mode:
    support: N/A
    details: This module only reads; it changes nothing.
'''
