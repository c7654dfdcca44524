# SPDX-License-Identifier: Apache-2.0
"""Background work of the network service, run soon and once per burst.

Changes a port makes outside the database (the network's dnsmasq hosts,
the VXLAN peers of other hosts, the member sets of security groups) need
not hold up the RPC call or API request that made them: they are handed
to a Coalescer, keyed by what they update (a network, a group). One
thread runs the latest job of each key a moment after it was handed in,
so twenty servers booted at once on one network sync its dnsmasq once or
twice, not twenty times. Under a steady stream of changes the runs are
at least `interval` apart: a boot storm costs the hosts one push a
second, not one per boot, while a lone change still goes out at once.
"""

import logging
import threading
import time
import weakref

LOG = logging.getLogger(__name__)
_ALL = weakref.WeakSet()


def flush_all(timeout=10):
    """flush() every Coalescer of this process (tests)."""
    for each in list(_ALL):
        each.flush(timeout)


class Coalescer:
    """Runs the latest job of each key in one thread, after delay, runs
    at least interval seconds apart."""

    def __init__(self, name, delay=0.05, interval=0.0):
        self.name = name
        self.delay = delay
        self.interval = interval
        self._last_run = float('-inf')
        self._pending = {}
        self._running = 0
        self._cond = threading.Condition()
        self._thread = None
        self._hurry = threading.Event()  # flush() skips the delay
        _ALL.add(self)

    def submit(self, key, job):
        """Run job() soon; a later job of the same key replaces it."""
        with self._cond:
            self._pending[key] = job
            if self._thread is None or not self._thread.is_alive():
                # Started on first use: a forked worker makes its own.
                self._thread = threading.Thread(
                    target=self._run, name='coalescer-' + self.name,
                    daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self):
        while True:
            with self._cond:
                while not self._pending:
                    self._cond.wait()
            # Let the burst gather, and the last run be interval ago.
            self._hurry.wait(max(self.delay, self._last_run + self.interval
                                 - time.monotonic()))
            self._last_run = time.monotonic()
            with self._cond:
                jobs, self._pending = self._pending, {}
                self._running = len(jobs)
                self._hurry.clear()
            for key, job in jobs.items():
                try:
                    job()
                except Exception:  # the next change of key tries again
                    LOG.exception('%s: %s failed', self.name, key)
            with self._cond:
                self._running = 0
                self._cond.notify_all()

    def flush(self, timeout=10):
        """Wait until every job handed in so far has run (tests)."""
        deadline = time.monotonic() + timeout
        self._hurry.set()
        with self._cond:
            while self._pending or self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError('%s did not finish its jobs in %ss'
                                       % (self.name, timeout))
                self._cond.wait(min(left, 0.05))
