# SPDX-License-Identifier: Apache-2.0
"""ksa: endpoints looked up once per TTL.

The environment is read once per host; adapters are built from config.
"""

from nova_like.clients import ksa


class _Adapter:
    """Answers get_endpoint like a keystoneauth Adapter, counting calls."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.lookups = 0

    def get_endpoint(self):
        self.lookups += 1
        return self.endpoint


def test_the_endpoint_is_looked_up_once_per_ttl(monkeypatch):
    adapter = _Adapter('http://127.0.0.1:8778/')
    now = [1000.0]
    monkeypatch.setattr(ksa.time, 'monotonic', lambda: now[0])
    assert ksa.url_for(adapter, '/allocations/x') == \
        'http://127.0.0.1:8778/allocations/x'
    adapter.endpoint = 'http://127.0.0.1:9999'
    assert ksa.url_for(adapter, 'traits') == 'http://127.0.0.1:8778/traits'
    assert adapter.lookups == 1
    now[0] += ksa.ENDPOINT_TTL
    assert ksa.url_for(adapter, '/traits') == 'http://127.0.0.1:9999/traits'
    ksa.forget_endpoint(adapter)
    adapter.endpoint = 'http://127.0.0.1:7777'
    assert ksa.url_for(adapter, '/traits') == 'http://127.0.0.1:7777/traits'
    assert adapter.lookups == 3


def test_without_an_endpoint_the_path_is_left_to_keystoneauth():
    assert ksa.url_for(_Adapter(None), '/traits') == '/traits'


def test_the_environment_is_read_once_per_host(monkeypatch):
    monkeypatch.setenv('HTTP_PROXY', 'http://proxy.invalid:3128')
    monkeypatch.setenv('NO_PROXY', '127.0.0.1')
    session = ksa._EnvironmentOnceSession()
    far = session.merge_environment_settings(
        'http://placement.invalid/x', {}, None, True, None)
    near = session.merge_environment_settings(
        'http://127.0.0.1:8778/x', {}, None, True, None)
    assert far['proxies'].get('http') == 'http://proxy.invalid:3128'
    assert 'http' not in near['proxies']
    monkeypatch.setenv('HTTP_PROXY', 'http://other.invalid:3128')
    again = session.merge_environment_settings(
        'http://placement.invalid/y', {}, None, True, None)
    assert again == far and again['proxies'] is not far['proxies']
    explicit = session.merge_environment_settings(
        'http://placement.invalid/y', {'http': 'http://mine.invalid:1'},
        None, True, None)
    assert explicit['proxies']['http'] == 'http://mine.invalid:1'


def test_adapters_use_the_environment_once_session(conf):
    conf.set_override('endpoint_override', 'http://127.0.0.1:8778',
                      group='placement')
    ksa.reset()
    try:
        adapter = ksa.get_adapter('placement')
        assert isinstance(adapter.session.session,
                          ksa._EnvironmentOnceSession)
    finally:
        ksa.reset()
