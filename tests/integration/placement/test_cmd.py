# SPDX-License-Identifier: Apache-2.0
"""nova-like-placement refuses to start on an unusable database, in a line."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration
BIN = os.path.dirname(sys.executable)


def _run(tmp_path, body):
    conf = tmp_path / 'placement.conf'
    conf.write_text(body)
    return subprocess.run(
        [os.path.join(BIN, 'nova-like-placement'), '--config-file',
         str(conf)], capture_output=True, text=True, timeout=60)


def test_connection_not_set(tmp_path):
    out = _run(tmp_path, '[placement_api]\nport = 1\n')
    assert out.returncode == 1
    assert out.stderr.strip().splitlines()[-1] == (
        'nova-like-placement: [placement_database] connection is not set')
    assert 'Traceback' not in out.stderr


def test_database_not_migrated(tmp_path):
    out = _run(tmp_path, '[placement_database]\nconnection = sqlite:///%s'
               '/empty.sqlite\n' % tmp_path)
    assert out.returncode == 1
    assert 'not 0002' in out.stderr
    assert 'Traceback' not in out.stderr


def test_database_unreachable(tmp_path):
    out = _run(tmp_path, '[placement_database]\nconnection = '
               'mysql+pymysql://nobody@127.0.0.1:1/none\n')
    assert out.returncode == 1
    assert '[placement_database] connection' in out.stderr
    assert 'Traceback' not in out.stderr
