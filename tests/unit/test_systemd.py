# SPDX-License-Identifier: Apache-2.0
"""sd_notify against a real unix datagram socket standing in for systemd."""

import socket

from nova_like import systemd


def test_no_op_outside_systemd(monkeypatch):
    monkeypatch.delenv('NOTIFY_SOCKET', raising=False)
    assert systemd.notify('READY=1') is False


def test_sends_the_state(monkeypatch, tmp_path):
    path = str(tmp_path / 'notify.sock')
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(path)
        monkeypatch.setenv('NOTIFY_SOCKET', path)
        assert systemd.notify('READY=1') is True
        assert listener.recv(64) == b'READY=1'


def test_abstract_socket(monkeypatch):
    name = 'nova_like-test-%d' % id(monkeypatch)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind('\0' + name)
        monkeypatch.setenv('NOTIFY_SOCKET', '@' + name)
        assert systemd.notify('STOPPING=1') is True
        assert listener.recv(64) == b'STOPPING=1'
