# SPDX-License-Identifier: Apache-2.0
"""What the libvirt tests need from the machine.

libvirt-python, libvirtd, the test image.
"""

import os
import subprocess

import pytest

from tests import db_servers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEST_IMAGE_DIR = os.environ.get('NOVA_LIKE_TEST_IMAGE_DIR',
                                '/var/cache/nova_like/test-image')


def require_binding():
    """Skip the calling module (fail it in CI) without libvirt-python."""
    try:
        import libvirt  # noqa: F401
    except ImportError:
        if db_servers.in_ci():
            pytest.fail('libvirt-python is not installed (pip install '
                        '-e .[libvirt]; needs libvirt-dev)', pytrace=False)
        pytest.skip('libvirt-python is not installed',
                    allow_module_level=True)


def require_libvirtd(uri='qemu:///system'):
    """A connection to a running libvirtd with QEMU, or skip/fail."""
    import libvirt
    try:
        conn = libvirt.open(uri)
    except libvirt.libvirtError as exc:
        db_servers.unavailable('libvirtd is not reachable at %s (run '
                               'tools/ensure-libvirt.sh as root): %s'
                               % (uri, exc.get_error_message()))
    return conn


def build_test_image():
    """The directory of tools/build-test-image.sh's output, (re)built if stale.

    The script is a no-op when its output is there and it did not change.
    """
    result = subprocess.run(
        [os.path.join(ROOT, 'tools', 'build-test-image.sh'), TEST_IMAGE_DIR],
        capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        db_servers.unavailable('tools/build-test-image.sh failed: %s'
                               % result.stderr[-500:])
    return TEST_IMAGE_DIR
