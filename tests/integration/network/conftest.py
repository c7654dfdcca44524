# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the data plane tests: two hosts as network namespaces."""

import pytest
from oslo_config import cfg

from nova_like.conf import network as network_conf
from tests.integration.network import dataplane_env as env_mod


@pytest.fixture
def env():
    """Two hosts (h1, h2) joined by an underlay; removed afterwards."""
    env_mod.require_tools()
    env = env_mod.Env()
    try:
        env.make_hosts()
        yield env
    finally:
        env.cleanup()


@pytest.fixture
def dhcp_conf(tmp_path):
    """[network] options of a network host whose state is in tmp_path."""
    conf = cfg.ConfigOpts()
    network_conf.register_opts(conf)
    conf([], default_config_files=[], default_config_dirs=[])
    conf.set_override('state_path', str(tmp_path / 'dhcp'), 'network')
    conf.set_override('local_ip', env_mod.UNDERLAY['h1'], 'network')
    return conf
