# SPDX-License-Identifier: Apache-2.0
"""free_port: a loopback TCP port for a test server to listen on."""

import socket


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]
