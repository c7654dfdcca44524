# SPDX-License-Identifier: Apache-2.0
"""The version table agrees with the rpcapi clients and their managers.

With what each client sends, its history and its manager; and
[upgrade_levels] values translate.
"""

import importlib
import importlib.util
import inspect
import pkgutil
import re
import types

import oslo_messaging as messaging
from oslo_utils import versionutils
import pytest

import nova_like
from nova_like.compute import rpcapi as compute_rpcapi
from nova_like import rpc
from nova_like.scheduler import rpcapi as scheduler_rpcapi
from nova_like import versions


def _services():
    """{service: (rpcapi module, client class, manager class)} for every
    nova_like/<service>/rpcapi.py."""
    found = {}
    for package in pkgutil.iter_modules(nova_like.__path__):
        name = 'nova_like.%s' % package.name
        if not package.ispkg or importlib.util.find_spec(
                name + '.rpcapi') is None:
            continue
        rpcapi = importlib.import_module(name + '.rpcapi')
        manager = importlib.import_module(name + '.manager')
        [client_cls] = [c for c in vars(rpcapi).values()
                        if inspect.isclass(c)
                        and c.__module__ == rpcapi.__name__]
        [manager_cls] = [c for c in vars(manager).values()
                         if inspect.isclass(c)
                         and c.__module__ == manager.__name__
                         and isinstance(getattr(c, 'target', None),
                                        messaging.Target)]
        found[package.name] = (rpcapi, client_cls, manager_cls)
    return found


SERVICES = _services()


def _version(text):
    return versionutils.convert_version_to_tuple(text)


def _history(rpcapi):
    """The versions of rpcapi's "API version history", in order."""
    return re.findall(r'^\s*(\d+\.\d+) - ', rpcapi.__doc__, re.MULTILINE)


class _RecordingClient:
    """Stands in for the oslo.messaging RPCClient of an rpcapi class,
    recording each message it would send instead of sending it."""

    def __init__(self, target):
        self.target = target
        self.sent = []

    def can_send_version(self, version):
        return True

    def prepare(self, version=None, **options):
        client = self
        version = version or self.target.version

        class Prepared:
            def _send(self, context, method, **kwargs):
                client.sent.append((method, version, kwargs))

            call = cast = _send

        return Prepared()


def _messages(service, monkeypatch):
    """[(client method, RPC method, version, kwargs)]: what each public
    method of the service's client sends."""
    _rpcapi, client_cls, _manager_cls = SERVICES[service]
    monkeypatch.setattr(rpc, 'get_client', lambda target, **kw:
                        _RecordingClient(target))
    client = client_cls()
    # Anything a client method reads from its arguments (instance.host).
    argument = types.SimpleNamespace(host='cmp1')
    messages = []
    for name, func in sorted(vars(client_cls).items()):
        if name.startswith('_') or not inspect.isfunction(func):
            continue
        required = [p for p in inspect.signature(func).parameters.values()
                    if p.default is p.empty][1:]  # after self
        client.client.sent.clear()
        func(client, *[argument] * len(required))
        assert client.client.sent, '%s.%s sends nothing' % (
            client_cls.__name__, name)
        messages += [(name,) + sent for sent in client.client.sent]
    return messages


def test_current_release_is_in_the_table():
    assert versions.CURRENT in versions.RELEASES


def test_table_covers_exactly_the_services_with_an_rpc_api():
    assert set(versions.RELEASES[versions.CURRENT]['rpc']) == set(SERVICES)


@pytest.mark.parametrize('service', sorted(SERVICES))
def test_rpcapi_manager_and_table_agree(service):
    rpcapi, _client_cls, manager_cls = SERVICES[service]
    table = versions.RELEASES[versions.CURRENT]['rpc'][service]
    assert rpcapi.RPC_API_VERSION == table
    assert manager_cls.target.version == table
    assert versions.rpc_version(service) == table


@pytest.mark.parametrize('service', sorted(SERVICES))
def test_rpcapi_history_ends_at_the_table_version(service):
    rpcapi = SERVICES[service][0]
    history = _history(rpcapi)
    assert history, '%s has no "1.0 - <what>" version history' % (
        rpcapi.__name__)
    assert history[-1] == versions.rpc_version(service), (
        '%s: the last entry of the version history is %s, the table says '
        '%s' % (rpcapi.__name__, history[-1], versions.rpc_version(service)))
    assert [_version(v) for v in history] == sorted(
        {_version(v) for v in history}), 'history not in ascending order'


@pytest.mark.parametrize('service', sorted(SERVICES))
def test_every_message_has_a_manager_method_taking_its_arguments(
        service, monkeypatch):
    manager_cls = SERVICES[service][2]
    for name, method, _version_sent, kwargs in _messages(service,
                                                         monkeypatch):
        endpoint = getattr(manager_cls, method, None)
        assert callable(endpoint), '%s sends %s, which %s lacks' % (
            name, method, manager_cls.__name__)
        # oslo.messaging dispatches as endpoint.method(context, **kwargs).
        try:
            inspect.signature(endpoint).bind(manager_cls, 'context',
                                             **kwargs)
        except TypeError as exc:
            pytest.fail('%s.%s%s does not take what %s sends (%s): %s' % (
                manager_cls.__name__, method, inspect.signature(endpoint),
                name, ', '.join(sorted(kwargs)), exc))


@pytest.mark.parametrize('service', sorted(SERVICES))
def test_every_message_version_is_served_and_documented(service,
                                                        monkeypatch):
    rpcapi, _client_cls, manager_cls = SERVICES[service]
    served = _version(manager_cls.target.version)
    history = set(_history(rpcapi))
    for name, method, version, _kwargs in _messages(service, monkeypatch):
        assert _version(version) <= served, (
            '%s sends %s at %s, %s serves up to %s' % (
                name, method, version, manager_cls.__name__,
                manager_cls.target.version))
        assert version in history, (
            '%s sends %s at %s, which the history of %s does not list'
            % (name, method, version, rpcapi.__name__))


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
