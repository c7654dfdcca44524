# SPDX-License-Identifier: Apache-2.0
"""The unmodified openstack CLI against the real nova-like-volume daemon.

Through Keystone's catalog (block-storage): volume create, list, show,
set --size, delete, and volume type list.
"""

import pytest

from tests.integration import cloud as cloud_mod
from tests.integration.openstack_fixtures import osc
from tools import openstack_services

pytestmark = pytest.mark.integration


def _demo(keystone, *args, **kw):
    return osc(keystone, 'demo', openstack_services.DEMO_PASSWORD, 'demo',
               *args, **kw)


def _wait(keystone, name, status, size=None):
    def reached():
        shown = _demo(keystone, 'volume', 'show', name)
        return shown if shown['status'] == status and (
            size is None or shown['size'] == size) else None
    return cloud_mod.wait_for(reached, 30, '%s to be %s' % (name, status))


def test_cli_volume_walkthrough(volume_daemon, keystone):
    created = _demo(keystone, 'volume', 'create', '--size', '1', 'v1')
    assert created['size'] == 1 and created['name'] == 'v1'
    shown = _wait(keystone, 'v1', 'available')
    assert shown['type'] == '__DEFAULT__'
    assert shown['bootable'] is False  # the SDK parses Cinder's 'false'
    listed = _demo(keystone, 'volume', 'list')
    assert [(v['Name'], v['Status'], v['Size']) for v in listed] == [
        ('v1', 'available', 1)]
    _demo(keystone, 'volume', 'set', '--size', '2', 'v1',
          json_output=False)
    _wait(keystone, 'v1', 'available', size=2)
    types = _demo(keystone, 'volume', 'type', 'list')
    assert [t['Name'] for t in types] == ['__DEFAULT__']
    _demo(keystone, 'volume', 'delete', 'v1', json_output=False)
    cloud_mod.wait_for(lambda: _demo(keystone, 'volume', 'list') == [], 30,
                       'v1 to be gone')
