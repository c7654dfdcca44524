# SPDX-License-Identifier: Apache-2.0
"""nova_like.scheduler.utils: a RequestSpec as a Placement query.

Its resources and traits.
"""

import pytest

from nova_like.scheduler import utils
from tests import factories
from tests.unit.scheduler import fixtures


def _spec(**flavor):
    return fixtures.request_spec(flavor=factories.flavor(**flavor))


def test_resources_of_a_flavor():
    assert utils.resources_from_request_spec(_spec(
        vcpus=2, memory_mb=2048, root_gb=10, ephemeral_gb=5)) == {
            'VCPU': 2, 'MEMORY_MB': 2048, 'DISK_GB': 15}


@pytest.mark.parametrize('swap, disk', [(0, 1), (1, 2), (1024, 2),
                                        (1025, 3)])
def test_swap_in_mb_adds_whole_gigabytes_of_disk(swap, disk):
    assert utils.resources_from_request_spec(_spec(swap=swap))[
        'DISK_GB'] == disk


def test_extra_specs_add_and_remove_resource_classes():
    spec = _spec(root_gb=0, extra_specs={
        'resources:VCPU': '0', 'resources:CUSTOM_GPU': '2',
        'resources:MEMORY_MB': '1024', 'hw:cpu_policy': 'dedicated'})
    # A zero-sized disk is no request for DISK_GB at all.
    assert utils.resources_from_request_spec(spec) == {
        'MEMORY_MB': 1024, 'CUSTOM_GPU': 2}


def test_traits_required_and_forbidden_sorted():
    spec = _spec(extra_specs={'trait:HW_CPU_X86_AVX2': 'required',
                              'trait:CUSTOM_A': 'required',
                              'trait:CUSTOM_SLOW': 'forbidden',
                              'trait:CUSTOM_IGNORED': 'preferred'})
    assert utils.traits_from_request_spec(spec) == (
        ['CUSTOM_A', 'HW_CPU_X86_AVX2'], ['CUSTOM_SLOW'])


def test_resources_text_is_sorted_by_class():
    assert utils.resources_text({'VCPU': 1, 'DISK_GB': 2}) == (
        'DISK_GB:2,VCPU:1')


def test_a_query_without_traits_has_no_required():
    assert utils.candidates_query(_spec(), 50) == {
        'resources': 'DISK_GB:1,MEMORY_MB:512,VCPU:1', 'limit': '50'}


def test_a_query_forbids_with_a_bang():
    spec = _spec(extra_specs={'trait:CUSTOM_SLOW': 'forbidden'})
    assert utils.candidates_query(spec, 1)['required'] == '!CUSTOM_SLOW'
