# SPDX-License-Identifier: Apache-2.0
"""The gunicorn server every WSGI daemon runs, as a real process.

Kept-alive connections outlive a client's poll interval.
"""

import http.client
import subprocess
import sys
import time

from tests import net
from tests import waiters

_SERVE = '''
import sys
from nova_like import wsgi_server

def app(environ, start_response):
    start_response('200 OK', [('Content-Type', 'text/plain'),
                              ('Content-Length', '2')])
    return [b'ok']

wsgi_server.serve(lambda: app, '127.0.0.1', int(sys.argv[1]), 1, 2,
                  'keepalive-test')
'''


def test_an_idle_connection_still_serves_after_a_clients_poll_interval():
    # The openstack CLI's --wait polls every 5 s on one connection; a server
    # that drops idle connections after 5 s fails some of those polls with
    # "Remote end closed connection without response".
    port = net.free_port()
    server = subprocess.Popen([sys.executable, '-c', _SERVE, str(port)],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        def connected():
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
            conn.request('GET', '/')
            return conn

        conn = waiters.wait_for(connected, 30, 'the server to listen',
                                retry_on=ConnectionRefusedError)
        assert conn.getresponse().read() == b'ok'
        time.sleep(6)
        conn.request('GET', '/')  # the same socket, idle for 6 s
        assert conn.getresponse().read() == b'ok'
        conn.close()
    finally:
        server.terminate()
        server.wait(30)
