# SPDX-License-Identifier: Apache-2.0
"""What every daemon does at start.

Parse config, check what it needs, run until SIGTERM.
"""

import signal
import sys
import threading

from oslo_config import cfg
from oslo_log import log as logging

from nova_like import conf
from nova_like.db import engine
from nova_like.db import migration
from nova_like import exception
from nova_like import objects
from nova_like import profiling
from nova_like import rpc
from nova_like import systemd

CONF = conf.CONF
LOG = logging.getLogger(__name__)


def fail(binary, message):
    """Exit 1 with one line on stderr: no traceback, no retry loop."""
    sys.stderr.write('%s: %s\n' % (binary, message))
    sys.exit(1)


def parse_args(argv, binary):
    logging.register_options(CONF)
    rpc.register_opts()
    try:
        CONF(argv[1:], project='nova_like', prog=binary)
    except cfg.Error as exc:
        fail(binary, str(exc).splitlines()[0])
    logging.setup(CONF, 'nova_like')
    objects.register_all()


def check_transport(binary):
    try:
        rpc.check_transport(CONF.rpc_startup_timeout)
    except exception.ConfigError as exc:
        fail(binary, exc.message)


def check_database(binary, group, tree):
    """Exit unless [group] connection is set, reachable and at head.

    :param tree: 'api' or 'main', the alembic tree of that database.
    """
    url = getattr(CONF, group).connection
    option = '[%s] connection' % group
    if not url:
        fail(binary, '%s is not set' % option)
    try:
        engine.check_connection(url, getattr(CONF, group), option)
    except exception.ConfigError as exc:
        fail(binary, exc.message)
    at, head = migration.current(tree, url), migration.head(tree)
    if at != head:
        command = 'api_db sync' if tree == 'api' else 'db sync'
        fail(binary, '%s: schema is at %s, this code needs %s: run '
             '"nova-like-manage %s"' % (option, at or 'nothing', head,
                                        command))


def run(service, binary):
    """Start service, tell systemd READY, stop cleanly on SIGTERM/SIGINT."""
    stop = threading.Event()

    def on_signal(signum, _frame):
        LOG.info('%s caught signal %d, stopping', binary, signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    profiling.install(binary)
    try:
        service.start()
    except exception.ConfigError as exc:
        fail(binary, exc.message)
    systemd.notify('READY=1')
    while not stop.wait(1):
        pass
    systemd.notify('STOPPING=1')
    service.stop()
    rpc.cleanup()
    engine.dispose_all()
