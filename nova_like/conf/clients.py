# SPDX-License-Identifier: Apache-2.0
"""[placement], [glance], [cinder], [keystone]: how nova_like reaches
them (keystoneauth1)."""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

# group -> default service type in the Keystone catalog
SERVICES = {'placement': 'placement', 'glance': 'image',
            'cinder': 'block-storage', 'keystone': 'identity'}


def register_opts(conf):
    for group, service_type in SERVICES.items():
        ks_loading.register_session_conf_options(conf, group)
        ks_loading.register_auth_conf_options(conf, group)
        ks_loading.register_adapter_conf_options(conf, group)
        conf.set_default('service_type', service_type, group=group)
        conf.set_default('valid_interfaces', ['internal', 'public'],
                         group=group)
    # The identity v3 API, whatever the catalog's endpoint says.
    conf.set_default('min_version', '3.0', group='keystone')
    conf.set_default('max_version', '3.latest', group='keystone')
    conf.register_opts(GLANCE_OPTS, group='glance')


GLANCE_OPTS = [
    cfg.IntOpt('image_check_seconds', default=10, min=0,
               help='For how long nova-like-api reuses what Glance said of '
                    'an image when the same token boots from it again (a '
                    'batch of POST /servers asks Glance once). Within it, '
                    'that token may still boot an image deactivated '
                    'meanwhile. 0: ask Glance every time, as Nova does.'),
]


def list_opts():
    opts = (ks_loading.get_session_conf_options()
            + ks_loading.get_auth_common_conf_options()
            + ks_loading.get_adapter_conf_options(include_deprecated=False))
    # Options of the plugins an operator is likely to pick.
    for name in ('password', 'admin_token'):
        for opt in ks_loading.get_auth_plugin_conf_options(name):
            if opt not in opts:
                opts.append(opt)
    groups = {group: list(opts) for group in SERVICES}
    groups['glance'] += GLANCE_OPTS
    return groups
