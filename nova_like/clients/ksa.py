# SPDX-License-Identifier: Apache-2.0
"""keystoneauth1 adapters for Placement and Glance, built from config."""

import threading
import time
import urllib.parse
import weakref

from keystoneauth1 import loading as ks_loading
import requests

from nova_like import conf

CONF = conf.CONF

_adapters = {}
_lock = threading.Lock()


def get_adapter(group):
    """A process-wide keystoneauth1 Adapter configured by [group].

    With auth_type unset requests carry no token (endpoint_override must
    then be set); auth_type = admin_token with endpoint/token gives a static
    token; auth_type = password authenticates against Keystone and finds
    the endpoint in the catalog.
    """
    with _lock:
        adapter = _adapters.get(group)
        if adapter is None:
            auth = ks_loading.load_auth_from_conf_options(CONF, group)
            session = ks_loading.load_session_from_conf_options(
                CONF, group, auth=auth, session=_EnvironmentOnceSession())
            adapter = ks_loading.load_adapter_from_conf_options(
                CONF, group, session=session, auth=auth)
            _adapters[group] = adapter
        return adapter


def reset():
    """Forget every adapter (after a config change, in tests)."""
    with _lock:
        _adapters.clear()


class _EnvironmentOnceSession(requests.Session):
    """A requests Session that reads the environment (proxies, NO_PROXY,
    REQUESTS_CA_BUNDLE, .netrc) once per scheme and host, not on every
    request: the scan of os.environ cost a daemon more CPU than the HTTP
    exchange with Placement. The environment of a daemon does not change.
    """

    def __init__(self):
        super().__init__()
        self._settings = {}

    def merge_environment_settings(self, url, proxies, stream, verify,
                                   cert):
        if proxies:
            return super().merge_environment_settings(url, proxies, stream,
                                                      verify, cert)
        key = (urllib.parse.urlsplit(url)[:2], stream, verify, cert)
        settings = self._settings.get(key)
        if settings is None:
            settings = self._settings[key] = super(
            ).merge_environment_settings(url, proxies, stream, verify, cert)
        return dict(settings, proxies=dict(settings['proxies']))


# Endpoints found through an adapter, by adapter: keystoneauth deep-copies
# the whole service catalog to find one on every request.
ENDPOINT_TTL = 300
_endpoints = weakref.WeakKeyDictionary()


def url_for(adapter, path):
    """The absolute URL of path on adapter's service.

    The endpoint (from endpoint_override or the catalog) is looked up once
    per ENDPOINT_TTL seconds, or again after forget_endpoint().
    """
    now = time.monotonic()
    found = _endpoints.get(adapter)
    if found is None or found[1] <= now:
        endpoint = adapter.get_endpoint()
        if not endpoint:
            return path  # keystoneauth then says what is missing
        found = _endpoints[adapter] = (endpoint.rstrip('/'),
                                       now + ENDPOINT_TTL)
    return found[0] + '/' + path.lstrip('/')


def forget_endpoint(adapter):
    """Look the endpoint up again next time (after a connection failure)."""
    _endpoints.pop(adapter, None)
