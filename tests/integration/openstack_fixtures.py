# SPDX-License-Identifier: Apache-2.0
"""Session fixtures: real Keystone and Glance processes on free loopback ports.

Import them into a conftest.py::

    from tests.integration.openstack_fixtures import (  # noqa: F401
        glance, glance_noauth, keystone)

Outside CI a service that cannot start skips the test (with the log tail
as the reason); with CI=true it fails it. The catalog points compute at
127.0.0.1:8774 and placement at 127.0.0.1:8778 (nothing need listen
there) and image at the glance fixture.
"""

import json
import os
import subprocess
import sys

import pytest

from tests import db_servers
from tests import net
from tools import openstack_services

# One worker with four threads: half the start-up CPU of two workers on a
# two-core machine, and still concurrent.
WORKERS = {'workers': 1, 'threads': 4}
BIN = os.path.dirname(sys.executable)


def osc(keystone, user, password, project, *args, check=True,
        json_output=True):
    """Run the unmodified `openstack ARGS -f json` as user on project.

    :param json_output: False for commands that refuse -f (set, delete,
        actions, console log show).
    :returns: the parsed output (the text without json_output); with
        check=False, the CompletedProcess.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
    env.update(openstack_services.openrc_vars(user, password, project,
                                              keystone.auth_url))
    command = [os.path.join(BIN, 'openstack')] + list(args)
    if json_output:
        command += ['-f', 'json']
    result = subprocess.run(command, env=env, capture_output=True,
                            text=True, timeout=120)
    if not check:
        return result
    assert result.returncode == 0, result.stderr
    if not json_output:
        return result.stdout
    return json.loads(result.stdout) if result.stdout.strip() else None


def _start(service, then=None):
    """deploy() the service (and run then()).

    Skip or fail with its log tail if it cannot.
    """
    missing = openstack_services.installed()
    if missing:
        db_servers.unavailable(missing)
    try:
        service.deploy()
        if then is not None:
            then()
    except Exception as exc:  # ServiceError, or keystoneauth/requests errors
        service.stop()
        reason = str(exc) if isinstance(
            exc, openstack_services.ServiceError) else '%r\n%s' % (
                exc, service.log_tail())
        db_servers.unavailable('%s could not start: %s' % (service.name,
                                                            reason))
    return service


@pytest.fixture(scope='session')
def keystone(tmp_path_factory):
    """Keystone on SQLite with setup_cloud() done; admin/admin, demo/demo."""
    ks = openstack_services.Keystone(tmp_path_factory.mktemp('keystone'),
                                     port=net.free_port(), **WORKERS)
    _start(ks, then=ks.setup_cloud)
    yield ks
    ks.stop()


@pytest.fixture(scope='session')
def glance(keystone, tmp_path_factory):
    """glance-api with Keystone auth, the catalog's image service."""
    service = openstack_services.Glance(tmp_path_factory.mktemp('glance'),
                                        port=net.free_port(),
                                        keystone=keystone, **WORKERS)
    _start(service, then=lambda: keystone.register_service(
        'glance', 'image', service.url))
    yield service
    service.stop()


@pytest.fixture(scope='session')
def glance_noauth(tmp_path_factory):
    """glance-api without Keystone: every request is an admin context."""
    service = openstack_services.Glance(
        tmp_path_factory.mktemp('glance_noauth'), port=net.free_port(),
        **WORKERS)
    _start(service)
    yield service
    service.stop()
