# SPDX-License-Identifier: Apache-2.0
"""A subunit v2 stream on stdin as JSON lines: id, status, reason, log.

Run by tools/tempest.py with Tempest's own Python (.tempest-venv), which
has subunit and testtools; status is success, fail, skip, xfail,
uxsuccess; reason is the traceback of a failure or the text of a skip; log is
what Tempest logged during the test (its requests).
"""

import json
import sys

import subunit
import testtools

REASONS = ('traceback', 'reason')


def _emit(test):
    details = test['details']
    reason = ''.join(details[name].as_text() for name in REASONS
                     if name in details)
    log = ''.join(content.as_text() for name, content in details.items()
                  if name.startswith('pythonlogging'))
    print(json.dumps({'id': test['id'], 'status': test['status'],
                      'reason': reason, 'log': log}))


def main():
    stream = subunit.ByteStreamToStreamResult(sys.stdin.buffer,
                                              non_subunit_name='stdout')
    result = testtools.StreamToDict(_emit)
    result.startTestRun()
    try:
        stream.run(result)
    finally:
        result.stopTestRun()


if __name__ == '__main__':
    main()
