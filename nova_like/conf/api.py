# SPDX-License-Identifier: Apache-2.0
"""[api] and [wsgi] options of nova-like-api."""

from oslo_config import cfg

api_group = cfg.OptGroup('api', title='Compute API options')

api_opts = [
    cfg.StrOpt('auth_strategy', default='keystone',
               choices=[('keystone', ('Keystone tokens via '
                                      'keystonemiddleware auth_token')),
                        ('noauth2', ('Trust X-User-Id/X-Project-Id headers; '
                                     'for tests only'))],
               help='How API requests are authenticated.'),
    cfg.IntOpt('max_limit', default=1000, min=1,
               help='Largest number of items a list call returns in one '
                    'page.'),
    cfg.BoolOpt('enable_instance_password', default=True,
                help='Return an adminPass in the answer to a server create '
                     '(Nova does by default).'),
    cfg.HostAddressOpt('listen', default='0.0.0.0',
                       help='Address nova-like-api listens on.'),
    cfg.PortOpt('port', default=8774,
                help='TCP port nova-like-api listens on.'),
    cfg.IntOpt('workers', default=2, min=1,
               help='Worker processes of nova-like-api.'),
    cfg.IntOpt('threads', default=8, min=1,
               help='Threads per worker process of nova-like-api.'),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group.name: api_opts}
