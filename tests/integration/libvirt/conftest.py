# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the libvirt integration tests.

A real libvirtd with QEMU, the test image, a Glance stand-in.
"""

import pytest

from tests import libvirt_env
from tests.glance_standin import GlanceStandIn


@pytest.fixture(scope='session')
def qemu_uri():
    libvirt_env.require_binding()
    libvirt_env.require_libvirtd().close()
    return 'qemu:///system'


@pytest.fixture(scope='session')
def test_image_dir(qemu_uri):
    return libvirt_env.build_test_image()


@pytest.fixture(scope='module')
def glance_standin():
    standin = GlanceStandIn()
    yield standin
    standin.stop()
