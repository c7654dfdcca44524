# SPDX-License-Identifier: Apache-2.0
"""Fixtures of the unit tier.

A clean cfg.CONF per test, fresh SQLite databases, an admin context.
"""

import shutil
import types

import pytest

from nova_like import conf as nl_conf
from nova_like.conf import opts as conf_opts
from nova_like import context as nl_context
from nova_like.db import engine
from nova_like.db import migration
from nova_like import objects
from nova_like.objects import base as objects_base
from nova_like import rpc
from tests.glance_standin import GlanceStandIn

CONF = nl_conf.CONF

objects.register_all()
rpc.register_opts()


def parse_empty_config():
    """Parse cfg.CONF from nothing: no command line, no config file found."""
    CONF([], project='nova_like', default_config_files=[],
         default_config_dirs=[])


parse_empty_config()


@pytest.fixture(autouse=True)
def conf():
    """cfg.CONF, every override, default and parsed file undone after the test.

    Autouse, so that a test which forgets to clean up (or a code path that
    calls set_override itself, as rpc.get_server does) cannot leak into the
    next test.
    """
    yield CONF
    CONF.reset()
    # reset() drops the values of set_override/set_default but not the
    # location they recorded (oslo.config 10.7), so CONF.get_location()
    # would go on reporting "set_override" for an option no longer set, and
    # rpc.check_transport would take the bare default for a chosen URL.
    for info, _group in CONF._all_opt_infos():
        info.pop('location', None)
    # reset() also dropped the defaults our option modules set when they
    # registered ([placement] service_type, ...): register them again.
    for module in conf_opts._MODULES:
        module.register_opts(CONF)
    parse_empty_config()


@pytest.fixture(autouse=True)
def _process_globals():
    """Forget engines, RPC transport and object indirection after each test."""
    yield
    rpc.cleanup()
    engine.dispose_all()
    objects_base.NovaLikeObject.indirection_api = None


@pytest.fixture(scope='session')
def schema_templates(tmp_path_factory):
    """The API and cell schemas migrated to head once per run: {tree: file}."""
    folder = tmp_path_factory.mktemp('schema')
    files = {}
    for tree in ('main', 'api'):
        path = folder / ('%s.sqlite' % tree)
        url = 'sqlite:///%s' % path
        migration.upgrade(tree, url)
        # Closing the last connection checkpoints the WAL into the file.
        engine.get_engine(url).dispose()
        files[tree] = path
    engine.dispose_all()
    return files


@pytest.fixture
def dbs(conf, tmp_path, schema_templates):
    """Fresh API and cell databases at head, as [api_database] and [database].

    Each is a copy of a database that the real migrations built (see
    tests/unit/db/test_migration.py for the migrations themselves).

    :returns: namespace with main (cell DB URL), api (API DB URL) and path.
    """
    urls = {}
    for tree, template in schema_templates.items():
        path = tmp_path / template.name
        shutil.copyfile(template, path)
        wal = template.with_name(template.name + '-wal')
        if wal.exists():
            shutil.copyfile(wal, path.with_name(path.name + '-wal'))
        urls[tree] = 'sqlite:///%s' % path
    conf.set_override('connection', urls['main'], group='database')
    conf.set_override('connection', urls['api'], group='api_database')
    return types.SimpleNamespace(main=urls['main'], api=urls['api'],
                                 path=tmp_path)


@pytest.fixture
def admin_context():
    return nl_context.get_admin_context()


@pytest.fixture
def glance():
    """A Glance image API stand-in on a free loopback port."""
    standin = GlanceStandIn()
    yield standin
    standin.stop()
