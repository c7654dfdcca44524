# SPDX-License-Identifier: Apache-2.0
"""ImagePropertiesFilter: the image's architecture and hypervisor type.

Checked against the host's.
"""

from oslo_serialization import jsonutils
import pytest

from nova_like.clients import glance as glance_client
from nova_like.compute import api as compute_api
from nova_like.scheduler.filters import image_props
from tests import glance_standin
from tests.unit.scheduler import fixtures

FILTER = image_props.ImagePropertiesFilter()


def _spec(**properties):
    """A spec as the API writes it: properties as JSON, beside the id."""
    return fixtures.request_spec(image={
        'id': 'img-1', 'properties': jsonutils.dumps(properties)})


def test_an_image_without_those_properties_fits_any_host():
    assert FILTER.host_passes(fixtures.host_state(arch='aarch64'),
                              _spec(os_distro='cirros')) is None


@pytest.mark.parametrize('key', ['hw_architecture', 'architecture'])
def test_the_architecture_must_be_the_hosts(key):
    state = fixtures.host_state(arch='x86_64')
    assert FILTER.host_passes(state, _spec(**{key: 'x86_64'})) is None
    assert FILTER.host_passes(state, _spec(**{key: 'aarch64'})) == (
        'architecture x86_64')


def test_a_host_without_cpu_info_fits_no_architecture():
    state = fixtures.host_state()
    state.cpu_info = {}
    assert FILTER.host_passes(state, _spec(hw_architecture='x86_64')) == (
        'architecture None')


@pytest.mark.parametrize('key', ['img_hv_type', 'hypervisor_type'])
def test_the_hypervisor_type_must_be_the_hosts(key):
    state = fixtures.host_state(hypervisor_type='QEMU')
    assert FILTER.host_passes(state, _spec(**{key: 'QEMU'})) is None
    assert FILTER.host_passes(state, _spec(**{key: 'fake'})) == (
        'hypervisor QEMU')


def test_the_property_of_an_image_booted_through_the_api_is_honoured():
    body = glance_standin.image_body('img-1', 'arm', hw_architecture='aarch64')
    image = compute_api.API._spec_image(
        glance_client.GlanceClient._to_dict(body))
    spec = fixtures.request_spec(image=image)
    assert FILTER.host_passes(fixtures.host_state(arch='x86_64'), spec) == (
        'architecture x86_64')
