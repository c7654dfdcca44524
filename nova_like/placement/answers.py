# SPDX-License-Identifier: Apache-2.0
"""Whole answers of read-only Placement requests.

Reused until the database changes.
"""

import collections
import threading


class AnswerCache:
    """Recently built answers by request, each under the database's state
    version read before it was built; least recently used dropped first.

    Every write transaction bumps the version (Database.writer), so an
    answer is reused only while nothing has been written since it was
    built. Reading the version before building makes the label never newer
    than the data: a write committed in between only costs a miss later.
    With 0 entries nothing is kept.
    """

    def __init__(self, entries):
        self.entries = entries
        self._answers = collections.OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, db, key, build):
        """The answer to key: a kept one if still current, else build()."""
        if not self.entries:
            return build()
        version = db.state_version()
        with self._lock:
            kept = self._answers.get(key)
            if kept is not None and kept[0] == version:
                self._answers.move_to_end(key)
                return kept[1]
        answer = build()
        with self._lock:
            kept = self._answers.get(key)
            if kept is None or kept[0] <= version:
                self._answers[key] = (version, answer)
                self._answers.move_to_end(key)
            while len(self._answers) > self.entries:
                self._answers.popitem(last=False)
        return answer
