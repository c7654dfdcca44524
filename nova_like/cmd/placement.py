# SPDX-License-Identifier: Apache-2.0
"""nova-like-placement: serve the Placement API with gunicorn."""

import sys

from oslo_log import log as logging

from nova_like import conf as nl_conf
from nova_like.db import engine
from nova_like import exception
from nova_like import objects
from nova_like.placement.db import migration
from nova_like.placement import wsgi
from nova_like import service
from nova_like import wsgi_server

NAME = 'nova-like-placement'


def _check_database(conf):
    """None when the database is usable, else a one-line reason."""
    url = conf.placement_database.connection
    if not url:
        return '[placement_database] connection is not set'
    try:
        engine.check_connection(url, conf.placement_database,
                                '[placement_database] connection')
        at, head = migration.current(url), migration.head()
    except exception.ConfigError as exc:
        return str(exc)
    except Exception as exc:  # a driver error naming what is wrong
        return '[placement_database] connection: %s' % (
            str(exc).splitlines()[0])
    finally:
        engine.dispose_all()
    if at != head:
        return ('[placement_database] connection: the database is at '
                'revision %s, not %s; run the Placement migrations first'
                % (at, head))
    return None


def main(argv=None):
    conf = nl_conf.CONF
    logging.register_options(conf)
    conf(sys.argv[1:] if argv is None else argv, project='nova_like')
    logging.setup(conf, 'nova_like')
    problem = _check_database(conf)
    if problem:
        print('%s: %s' % (NAME, problem), file=sys.stderr)
        sys.exit(1)
    api = conf.placement_api
    heartbeat = _heartbeat(conf)
    wsgi_server.serve(lambda: wsgi.init_application(conf), api.listen,
                      api.port, api.workers, api.threads, NAME,
                      when_ready=heartbeat.start if heartbeat else None,
                      on_exit=heartbeat.stop if heartbeat else None)


def _heartbeat(conf):
    """The services-table heartbeat, when this host has a cell database.

    Placement itself needs only [placement_database]; with [database]
    connection set (as on a controller) it also appears in
    `nova-like-manage service list` like every other daemon.
    """
    if not conf.database.connection:
        logging.getLogger(__name__).info(
            '[database] connection is not set: %s will not appear in the '
            'services table', NAME)
        return None
    objects.register_all()
    return service.Service(NAME)


if __name__ == '__main__':
    main()
