# SPDX-License-Identifier: Apache-2.0
"""Coalescer: the latest job of each key runs once per burst, in order."""

import threading

from nova_like.network import coalescer


def test_a_burst_runs_the_latest_job_of_each_key_once():
    ran = []
    gate = threading.Event()
    work = coalescer.Coalescer('test', delay=0.01)
    work.submit('block', gate.wait)     # holds the thread: a burst queues
    for index in range(20):
        work.submit('net1', lambda index=index: ran.append(('net1', index)))
        work.submit('net2', lambda index=index: ran.append(('net2', index)))
    gate.set()
    work.flush()
    assert sorted(ran) == [('net1', 19), ('net2', 19)]


def test_a_failing_job_is_logged_and_the_others_run(caplog):
    ran = []
    work = coalescer.Coalescer('test', delay=0)

    def fail():
        raise RuntimeError('dnsmasq is gone')
    work.submit('a', fail)
    work.submit('b', lambda: ran.append('b'))
    work.flush()
    work.submit('a', lambda: ran.append('a'))
    work.flush()
    assert ran == ['b', 'a']
    assert 'test: a failed' in caplog.text and 'dnsmasq is gone' in \
        caplog.text


def test_runs_are_interval_apart_and_flush_does_not_wait():
    ran = []
    work = coalescer.Coalescer('test', delay=0, interval=5.0)
    work.submit('a', lambda: ran.append(1))
    work.flush()
    work.submit('a', lambda: ran.append(2))
    work.submit('a', lambda: ran.append(3))
    threading.Event().wait(0.2)     # far inside the interval
    assert ran == [1]
    work.flush()
    assert ran == [1, 3]
