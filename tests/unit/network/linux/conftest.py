# SPDX-License-Identifier: Apache-2.0
"""The kernel fixture: ip_lib's commands go to a FakeKernel."""

import pytest

from nova_like.network.linux import ip_lib
from tests.unit.network.linux.fakes import FakeKernel


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    fake = FakeKernel()
    monkeypatch.setattr(ip_lib, '_lock_dir', lambda: str(tmp_path))
    previous = ip_lib.set_runner(fake)
    yield fake
    ip_lib.set_runner(previous)
