# SPDX-License-Identifier: Apache-2.0
"""sd_notify: tell systemd (Type=notify) that a daemon is ready or stopping."""

import os
import socket


def notify(state):
    """Send state (e.g. 'READY=1') to $NOTIFY_SOCKET; a no-op outside systemd.

    :returns: True when a message was sent.
    """
    address = os.environ.get('NOTIFY_SOCKET')
    if not address:
        return False
    if address.startswith('@'):
        address = '\0' + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect(address)
        sock.sendall(state.encode())
    return True
