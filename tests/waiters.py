# SPDX-License-Identifier: Apache-2.0
"""wait_for: poll until a condition holds, or fail.

The failure says what never came and what was last seen.
"""

import time


def wait_for(predicate, timeout=10, what='condition', interval=0.1,
             until=bool, retry_on=()):
    """Call predicate every interval seconds until until(its value) holds.

    :param until: test of predicate's value; by default, that it is truthy.
    :param retry_on: exception types that mean "not yet" (a daemon still
        starting refuses connections); any other exception propagates.
    :returns: the first value of predicate that passes until.
    :raises AssertionError: after timeout seconds, naming what was awaited
        and the last value (or retried exception) seen.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            last = predicate()
        except retry_on as exc:
            last = exc
        else:
            if until(last):
                return last
        if time.monotonic() >= deadline:
            raise AssertionError('timed out after %ss waiting for %s; last '
                                 'seen: %r' % (timeout, what, last))
        time.sleep(interval)
