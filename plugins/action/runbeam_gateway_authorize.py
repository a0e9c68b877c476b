# Copyright (c) 2026 Runbeam Cloud collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs the runbeam_gateway_authorize module and censors its result when it carries the machine token.

Why an action plugin: a module cannot mark its own result no_log (Ansible strips
every _ansible_* key a module returns, with a warning), but an action plugin's
_ansible_no_log is honoured: every callback then shows the result censored, at
any verbosity, while register still receives the whole result, token included.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _supports_check_mode = True
    # No async: async_status would hand the finished result out uncensored.
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        result.update(self._execute_module(task_vars=task_vars))
        if 'machine_token' in result:
            result['_ansible_no_log'] = True
        return result
