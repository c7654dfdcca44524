# SPDX-License-Identifier: Apache-2.0
"""The version table agrees with every rpcapi and manager; [upgrade_levels] values translate."""

import pytest

from nova_like.compute import manager as compute_manager
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like.conductor import manager as conductor_manager
from nova_like.conductor import rpcapi as conductor_rpcapi
from nova_like.scheduler import manager as scheduler_manager
from nova_like.scheduler import rpcapi as scheduler_rpcapi
from nova_like import versions

SERVICES = {
    'compute': (compute_rpcapi, compute_manager.ComputeManager),
    'conductor': (conductor_rpcapi, conductor_manager.ConductorManager),
    'scheduler': (scheduler_rpcapi, scheduler_manager.SchedulerManager),
}


def test_current_release_is_in_the_table():
    assert versions.CURRENT in versions.RELEASES


def test_table_covers_exactly_the_services_with_an_rpc_api():
    assert set(versions.RELEASES[versions.CURRENT]['rpc']) == set(SERVICES)


@pytest.mark.parametrize('service', sorted(SERVICES))
def test_rpcapi_manager_and_table_agree(service):
    rpcapi, manager_cls = SERVICES[service]
    table = versions.RELEASES[versions.CURRENT]['rpc'][service]
    assert rpcapi.RPC_API_VERSION == table
    assert manager_cls.target.version == table
    assert versions.rpc_version(service) == table


@pytest.mark.parametrize('service', sorted(SERVICES))
def test_rpcapi_history_documents_the_current_version(service):
    rpcapi, _manager_cls = SERVICES[service]
    assert '%s - ' % rpcapi.RPC_API_VERSION in rpcapi.__doc__, (
        '%s has no "%s - <what changed>" line in its version history'
        % (rpcapi.__name__, rpcapi.RPC_API_VERSION))


@pytest.mark.parametrize('service', sorted(SERVICES))
def test_every_release_names_every_service_version(service):
    for release, table in versions.RELEASES.items():
        assert service in table['rpc'], release


def test_version_cap_of_a_release_name_is_that_release_rpc_version():
    for service in SERVICES:
        assert (versions.version_cap(service, versions.CURRENT)
                == versions.RELEASES[versions.CURRENT]['rpc'][service])


def test_version_cap_of_a_version_string_is_that_version():
    assert versions.version_cap('compute', '1.0') == '1.0'
    assert versions.version_cap('conductor', '1.12') == '1.12'


@pytest.mark.parametrize('level', [None, ''])
def test_version_cap_unset_means_no_cap(level):
    assert versions.version_cap('scheduler', level) is None


@pytest.mark.parametrize('level', ['junk', '1', '1.0.1', 'v1.0', '1.x',
                                   'latest'])
def test_version_cap_rejects_junk_naming_the_option(level):
    with pytest.raises(ValueError) as info:
        versions.version_cap('compute', level)
    message = str(info.value)
    assert '[upgrade_levels] compute' in message
    assert level in message
    assert versions.CURRENT in message


def test_version_cap_rejects_an_unknown_release_name():
    # Release names look like versions (2025.1). An operator pinning compute
    # to a release this code does not know must get an error, not a cap at
    # "RPC version 2025.1", which caps nothing during the rolling upgrade.
    with pytest.raises(ValueError) as info:
        versions.version_cap('compute', '2025.1')
    assert '[upgrade_levels] compute' in str(info.value)


def test_rpcapi_clients_honour_the_configured_cap(conf):
    conf.set_override('transport_url', 'fake:///')
    conf.set_override('compute', '1.0', group='upgrade_levels')
    client = compute_rpcapi.ComputeAPI().client
    assert client.version_cap == '1.0'
    assert client.can_send_version('1.0')
    assert not client.can_send_version('1.1')


def test_rpcapi_client_refuses_a_junk_cap(conf):
    conf.set_override('transport_url', 'fake:///')
    conf.set_override('scheduler', 'newest', group='upgrade_levels')
    with pytest.raises(ValueError, match=r'\[upgrade_levels\] scheduler'):
        scheduler_rpcapi.SchedulerAPI()
