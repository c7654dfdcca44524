# SPDX-License-Identifier: Apache-2.0
"""Opt-in cProfile of every thread of a daemon process, written at its exit.

With NOVA_LIKE_PROFILE=DIR in its environment, a daemon (each WSGI worker
too) profiles all the threads it starts from then on and writes their merged
statistics to DIR/<binary>.<pid>.prof when it exits:
``python -m pstats DIR/nova-like-conductor.1234.prof``. Times are each
thread's CPU time, so waits on sockets and locks count for nothing. The
profiler slows the code it watches by half or more: compare shares, not
absolute times.
"""

import atexit
import cProfile
import os
import pstats
import threading
import time

ENV = 'NOVA_LIKE_PROFILE'

_profiles = []
_guard = threading.Lock()


def _profile_this_thread(*_args):
    profile = cProfile.Profile(time.thread_time)
    with _guard:
        _profiles.append(profile)
    profile.enable()  # replaces this hook for the calling thread


class _Snapshot:
    """What pstats.Stats takes: an object with create_stats and stats."""

    def __init__(self, profile):
        profile.snapshot_stats()  # reads without disabling the thread's
        self.stats = profile.stats

    def create_stats(self):
        pass


def install(binary):
    """Start profiling if NOVA_LIKE_PROFILE is set; write it at exit."""
    directory = os.environ.get(ENV)
    if not directory:
        return
    threading.setprofile(_profile_this_thread)
    _profile_this_thread()
    path = os.path.join(directory, '%s.%d.prof' % (binary, os.getpid()))
    atexit.register(write, path)


def write(path):
    """Merge every thread's profile into path."""
    with _guard:
        snapshots = [_Snapshot(p) for p in _profiles]
    if not snapshots:
        return
    stats = pstats.Stats(snapshots[0])
    for snapshot in snapshots[1:]:
        stats.add(snapshot)
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    stats.dump_stats(path)
