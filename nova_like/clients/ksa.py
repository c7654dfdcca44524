# SPDX-License-Identifier: Apache-2.0
"""keystoneauth1 adapters for the services nova_like calls (Placement, Glance), built from config."""

import threading

from keystoneauth1 import loading as ks_loading

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
                CONF, group, auth=auth)
            adapter = ks_loading.load_adapter_from_conf_options(
                CONF, group, session=session, auth=auth)
            _adapters[group] = adapter
        return adapter


def reset():
    """Forget every adapter (after a config change, in tests)."""
    with _lock:
        _adapters.clear()
