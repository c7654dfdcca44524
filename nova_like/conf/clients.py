# SPDX-License-Identifier: Apache-2.0
"""[placement] and [glance]: how nova_like reaches Placement and Glance (keystoneauth1)."""

from keystoneauth1 import loading as ks_loading

# group -> default service type in the Keystone catalog
SERVICES = {'placement': 'placement', 'glance': 'image'}


def register_opts(conf):
    for group, service_type in SERVICES.items():
        ks_loading.register_session_conf_options(conf, group)
        ks_loading.register_auth_conf_options(conf, group)
        ks_loading.register_adapter_conf_options(conf, group)
        conf.set_default('service_type', service_type, group=group)
        conf.set_default('valid_interfaces', ['internal', 'public'],
                         group=group)


def list_opts():
    opts = (ks_loading.get_session_conf_options()
            + ks_loading.get_auth_common_conf_options()
            + ks_loading.get_adapter_conf_options(include_deprecated=False))
    # Options of the plugins an operator is likely to pick.
    for name in ('password', 'admin_token'):
        for opt in ks_loading.get_auth_plugin_conf_options(name):
            if opt not in opts:
                opts.append(opt)
    return {group: list(opts) for group in SERVICES}
