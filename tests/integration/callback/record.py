# Test helper, not part of the collection: records every task result as JSON lines.
DOCUMENTATION = '''
name: record
type: aggregate
short_description: write each task result to the file named by RUNBEAM_TEST_RECORD
description:
  - Lets integration tests read module results while the default callback prints as a user sees it.
'''

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'record'
    CALLBACK_NEEDS_ENABLED = True

    def _record(self, result, status):
        path = os.environ.get('RUNBEAM_TEST_RECORD')
        if not path:
            return
        entry = {
            'host': result._host.get_name(),
            'task': result._task.get_name(),
            'status': status,
            'result': json.loads(json.dumps(result._result, default=str)),
        }
        with open(path, 'a') as handle:
            handle.write(json.dumps(entry) + '\n')

    def v2_runner_on_ok(self, result):
        self._record(result, 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, 'failed')

    def v2_runner_on_skipped(self, result):
        self._record(result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._record(result, 'unreachable')
