# SPDX-License-Identifier: Apache-2.0
"""Both alembic trees reach head on SQLite with no drift from the models."""

import pytest
import sqlalchemy as sa

from nova_like.db import engine
from nova_like.db import migration


@pytest.fixture
def url(tmp_path):
    return 'sqlite:///%s' % (tmp_path / 'schema.sqlite')


@pytest.mark.parametrize('tree', ['api', 'main'])
def test_unmanaged_database_has_no_revision(tree, url):
    assert migration.current(tree, url) is None


@pytest.mark.parametrize('tree', ['api', 'main'])
def test_upgrade_reaches_head_without_drift(tree, url):
    migration.upgrade(tree, url)
    assert migration.current(tree, url) == migration.head(tree)
    assert migration.compare(tree, url) == []


@pytest.mark.parametrize('tree', ['api', 'main'])
def test_upgrade_twice_is_harmless(tree, url):
    migration.upgrade(tree, url)
    migration.upgrade(tree, url)
    assert migration.current(tree, url) == migration.head(tree)


def test_compare_reports_drift(url):
    migration.upgrade('main', url)
    with engine.get_engine(url).begin() as conn:
        conn.exec_driver_sql('DROP INDEX instances_updated_at_idx')
    diffs = migration.compare('main', url)
    assert any(d[0] == 'add_index' and d[1].name == 'instances_updated_at_idx'
               for d in diffs), diffs


def test_trees_are_separate(url):
    migration.upgrade('api', url.replace('schema', 'api'))
    migration.upgrade('main', url)
    tables = set(sa.inspect(engine.get_engine(url)).get_table_names())
    assert {'instances', 'services', 'compute_nodes',
            'instance_faults'} <= tables
    assert 'cell_mappings' not in tables
