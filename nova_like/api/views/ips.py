# SPDX-License-Identifier: Apache-2.0
"""Bodies of /servers/{id}/ips: addresses without MAC and type, by network."""

from nova_like.network import model as network_model


def _basic(addresses):
    return {label: [{'version': entry['version'], 'addr': entry['addr']}
                    for entry in entries]
            for label, entries in addresses.items()}


def by_network(network_info):
    """{network label: [{'version', 'addr'}]} of a server's VIFs."""
    return _basic(network_model.addresses(network_info))


def index(network_info):
    return {'addresses': by_network(network_info)}
