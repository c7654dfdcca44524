# SPDX-License-Identifier: Apache-2.0
"""gabbi fixtures: a fresh SQLite Placement per YAML file, noauth2."""

import os
import shutil
import tempfile
import uuid

from gabbi import fixture
from oslo_config import cfg

from nova_like.conf import placement as placement_conf
from nova_like.db import engine
from nova_like.placement.db import migration
from nova_like.placement import wsgi

_current = {'app': None}


def _proxy(environ, start_response):
    return _current['app'](environ, start_response)


def current_app():
    """gabbi's intercept factory: an app that calls the running fixture's."""
    return _proxy


def make_conf(url, policy_file=None):
    conf = cfg.ConfigOpts()
    placement_conf.register_opts(conf)
    conf([], project='nova_like', default_config_files=[],
         default_config_dirs=[])
    conf.set_override('connection', url, 'placement_database')
    conf.set_override('auth_strategy', 'noauth2', 'placement_api')
    if policy_file:
        from oslo_policy import opts as policy_opts
        # Registers [oslo_policy]; an override, not a new default, since
        # defaults live on Opt objects every ConfigOpts shares.
        policy_opts.set_defaults(conf)
        conf.set_override('policy_file', policy_file, 'oslo_policy')
    return conf


class APIFixture(fixture.GabbiFixture):
    """Migrate a scratch SQLite database and serve a noauth2 app on it."""

    policy = None

    def start_fixture(self):
        self.tmp = tempfile.mkdtemp(prefix='placement-gabbi-')
        self.url = 'sqlite:///%s/placement.sqlite' % self.tmp
        migration.upgrade(self.url)
        policy_file = None
        if self.policy:
            policy_file = os.path.join(self.tmp, 'policy.yaml')
            with open(policy_file, 'w') as f:
                f.write(self.policy)
        _current['app'] = wsgi.init_application(
            make_conf(self.url, policy_file))
        for name in ('RP_UUID', 'RP_UUID2', 'RP_UUID3', 'PARENT_UUID',
                     'CHILD_UUID', 'CONSUMER_UUID', 'CONSUMER_UUID2',
                     'AGG_UUID', 'AGG_UUID2', 'PROJECT_ID', 'USER_ID'):
            os.environ[name] = str(uuid.uuid4())

    def stop_fixture(self):
        _current['app'] = None
        engine.dispose_all()
        shutil.rmtree(self.tmp, ignore_errors=True)


class PolicyFixture(APIFixture):
    """APIFixture with a policy.yaml that locks listing providers away."""

    policy = ('"placement:resource_providers:list": "role:nobody"\n'
              '"placement:traits:list": "@"\n')
