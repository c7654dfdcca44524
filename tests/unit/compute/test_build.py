# SPDX-License-Identifier: Apache-2.0
"""The per-instance lock of this compute process.

One holder, forgotten when idle, tried without waiting.
"""

import threading
import time

from nova_like.compute import build


def test_try_lock_says_busy_while_held_and_free_after():
    with build.instance_lock('u1'):
        with build.try_instance_lock('u1') as free:
            assert not free
    with build.try_instance_lock('u1') as free:
        assert free
    assert 'u1' not in build._locks


def test_a_waiter_keeps_the_lock_remembered():
    """A thread waiting while the holder leaves gets the same lock a
    newcomer would: never two holders of one instance."""
    holding = threading.Event()
    release = threading.Event()
    inside = []

    def hold():
        with build.instance_lock('u2'):
            holding.set()
            release.wait(5)

    def wait_then_hold():
        with build.instance_lock('u2'):
            inside.append(threading.current_thread().name)
            with build.try_instance_lock('u2') as free:
                inside.append(free)

    first = threading.Thread(target=hold)
    first.start()
    holding.wait(5)
    second = threading.Thread(target=wait_then_hold, name='second')
    second.start()
    deadline = time.monotonic() + 5
    while build._locks['u2'][1] < 2:  # until the second thread waits
        assert time.monotonic() < deadline
        time.sleep(0.01)
    release.set()
    first.join(5)
    second.join(5)
    assert inside == ['second', False]
    assert 'u2' not in build._locks
