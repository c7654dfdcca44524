# SPDX-License-Identifier: Apache-2.0
"""Flavor and FlavorList against a real SQLite API database."""

import pytest

from nova_like import exception
from nova_like import objects
from tests.factories import create_flavor


def test_create_fills_defaults(dbs, admin_context):
    flavor = create_flavor(admin_context)
    assert flavor.id is not None
    assert (flavor.ephemeral_gb, flavor.swap, flavor.rxtx_factor,
            flavor.disabled, flavor.is_public) == (0, 0, 1.0, False, True)
    assert (flavor.extra_specs, flavor.projects) == ({}, [])
    assert flavor.obj_what_changed() == set()


def test_extra_specs_and_projects_round_trip(dbs, admin_context):
    created = create_flavor(admin_context, is_public=False,
                            extra_specs={'hw:cpu_policy': 'dedicated',
                                         'trait:HW_CPU_X86_AVX2': 'required'},
                            projects=['p1', 'p2'], description='pinned')
    for found in (objects.Flavor.get_by_flavor_id(admin_context, '1'),
                  objects.Flavor.get_by_id(admin_context, created.id),
                  objects.Flavor.get_by_name(admin_context, 'm1.tiny')):
        assert found.extra_specs == {'hw:cpu_policy': 'dedicated',
                                     'trait:HW_CPU_X86_AVX2': 'required'}
        assert sorted(found.projects) == ['p1', 'p2']
        assert (found.is_public, found.description) == (False, 'pinned')


def test_duplicate_name(dbs, admin_context):
    create_flavor(admin_context, flavorid='1', name='m1.tiny')
    with pytest.raises(exception.DuplicateEntry) as info:
        create_flavor(admin_context, flavorid='2', name='m1.tiny')
    assert 'm1.tiny' in info.value.message


def test_duplicate_flavorid(dbs, admin_context):
    create_flavor(admin_context, flavorid='1', name='m1.tiny')
    with pytest.raises(exception.DuplicateEntry) as info:
        create_flavor(admin_context, flavorid='1', name='m1.small')
    assert 'id 1' in info.value.message


def test_failed_create_leaves_no_half_flavor(dbs, admin_context):
    create_flavor(admin_context, flavorid='1', name='m1.tiny')
    with pytest.raises(exception.DuplicateEntry):
        create_flavor(admin_context, flavorid='2', name='m1.tiny',
                      extra_specs={'a': 'b'})
    assert [f.flavorid for f in objects.FlavorList.get_all(admin_context)] \
        == ['1']


def test_create_twice_is_refused(dbs, admin_context):
    flavor = create_flavor(admin_context)
    with pytest.raises(exception.ObjectActionError):
        flavor.create()


def test_not_found(dbs, admin_context):
    with pytest.raises(exception.FlavorNotFound) as info:
        objects.Flavor.get_by_flavor_id(admin_context, '42')
    assert '42' in info.value.message


def test_destroy_removes_extra_specs_and_projects(dbs, admin_context):
    create_flavor(admin_context, extra_specs={'a': 'b'}, projects=['p1'])
    objects.Flavor.get_by_flavor_id(admin_context, '1').destroy()
    with pytest.raises(exception.FlavorNotFound):
        objects.Flavor.get_by_flavor_id(admin_context, '1')
    # SQLite hands the freed id to the next row: leftovers would show here.
    again = create_flavor(admin_context, flavorid='2', name='m1.small')
    assert (again.extra_specs, again.projects) == ({}, [])


def test_destroy_of_a_missing_flavor(dbs, admin_context):
    flavor = create_flavor(admin_context)
    flavor.destroy()
    with pytest.raises(exception.FlavorNotFound):
        flavor.destroy()


def test_list_is_ordered_by_flavorid(dbs, admin_context):
    create_flavor(admin_context, flavorid='b', name='second')
    create_flavor(admin_context, flavorid='a', name='first',
                  extra_specs={'k': 'v'})
    flavors = objects.FlavorList.get_all(admin_context)
    assert [(f.flavorid, f.extra_specs) for f in flavors] == [
        ('a', {'k': 'v'}), ('b', {})]


def test_filtered_list_sees_public_flavors_and_the_projects_own(
        dbs, admin_context):
    create_flavor(admin_context, flavorid='1', name='tiny', memory_mb=512)
    create_flavor(admin_context, flavorid='2', name='big', memory_mb=4096)
    create_flavor(admin_context, flavorid='3', name='mine', is_public=False,
            projects=['p1'])
    create_flavor(admin_context, flavorid='4', name='theirs', is_public=False,
            projects=['p2'])

    def ids(filters, **kwargs):
        return [f.flavorid for f in objects.FlavorList.get_all_filtered(
            admin_context, filters, **kwargs)]

    assert ids({}) == ['1', '2']
    assert ids({'project_id': 'p1'}) == ['1', '2', '3']
    assert ids({'is_public': False}) == ['3', '4']
    assert ids({'is_public': None}) == ['1', '2', '3', '4']
    assert ids({'min_memory_mb': 1024}) == ['2']
    assert ids({}, sort_key='memory_mb', sort_dir='desc') == ['2', '1']
    assert ids({'is_public': None}, limit=2, marker='2') == ['3', '4']
    with pytest.raises(exception.MarkerNotFound):
        ids({}, marker='42')


def test_filtered_list_holds_extra_specs_and_projects(dbs, admin_context):
    create_flavor(admin_context, is_public=False, extra_specs={'k': 'v'},
            projects=['p1'])
    [found] = objects.FlavorList.get_all_filtered(admin_context,
                                                  {'is_public': False})
    assert (found.extra_specs, found.projects) == ({'k': 'v'}, ['p1'])
    assert found.obj_what_changed() == set()


def test_save_writes_the_changed_fields(dbs, admin_context):
    flavor = create_flavor(admin_context, extra_specs={'k': 'v'})
    flavor.description = 'small and cheap'
    flavor.save()
    assert flavor.obj_what_changed() == set()
    assert flavor.extra_specs == {'k': 'v'}
    found = objects.Flavor.get_by_flavor_id(admin_context, '1')
    assert found.description == 'small and cheap'
    flavor.save()  # nothing changed: nothing to write


def test_save_of_a_missing_flavor(dbs, admin_context):
    flavor = create_flavor(admin_context)
    objects.Flavor.get_by_flavor_id(admin_context, '1').destroy()
    flavor.description = 'gone'
    with pytest.raises(exception.FlavorNotFound):
        flavor.save()


def test_update_and_delete_extra_specs(dbs, admin_context):
    flavor = create_flavor(admin_context, extra_specs={'a': '1', 'b': '2'})
    assert flavor.update_extra_specs({'b': '3', 'c': '4'}) == {
        'a': '1', 'b': '3', 'c': '4'}
    assert flavor.extra_specs == {'a': '1', 'b': '3', 'c': '4'}
    assert flavor.obj_what_changed() == set()
    flavor.delete_extra_spec('a')
    assert flavor.extra_specs == {'b': '3', 'c': '4'}
    assert objects.Flavor.get_by_flavor_id(
        admin_context, '1').extra_specs == {'b': '3', 'c': '4'}
    with pytest.raises(exception.FlavorExtraSpecsNotFound):
        flavor.delete_extra_spec('a')


def test_add_and_remove_access(dbs, admin_context):
    flavor = create_flavor(admin_context, is_public=False)
    assert flavor.add_access('p1') == ['p1']
    assert sorted(flavor.add_access('p2')) == ['p1', 'p2']
    assert sorted(flavor.projects) == ['p1', 'p2']
    with pytest.raises(exception.FlavorAccessExists):
        flavor.add_access('p1')
    assert flavor.remove_access('p1') == ['p2']
    assert objects.Flavor.get_by_flavor_id(admin_context,
                                           '1').projects == ['p2']
    with pytest.raises(exception.FlavorAccessNotFound):
        flavor.remove_access('p1')
    assert flavor.obj_what_changed() == set()
