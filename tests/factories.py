# SPDX-License-Identifier: Apache-2.0
"""Factories of every tier: flavors, POST /servers bodies, boots.

Flavors are m1.tiny unless told; boots go through an in-process API.
"""

from nova_like import objects
from tests import glance_standin

# m1.tiny, the flavor the tests boot unless they need another.
TINY = {'flavorid': '1', 'name': 'm1.tiny', 'memory_mb': 512, 'vcpus': 1,
        'root_gb': 1}


def flavor(**values):
    """An unsaved m1.tiny Flavor with every field set; values override."""
    fields = dict(TINY, ephemeral_gb=0, swap=0, disabled=False,
                  is_public=True, extra_specs={}, projects=[])
    fields.update(values)
    return objects.Flavor(**fields)


def create_flavor(ctx, **values):
    """m1.tiny, values overriding, created in the API DB; Flavor.create
    fills the fields not given."""
    created = objects.Flavor(ctx, **dict(TINY, **values))
    created.create()
    return created


def server_body(name='vm', hints=None, **extra):
    """{'server': ...} of POST /servers: m1.tiny, the stand-in's cirros image
    and no networks unless extra says otherwise (None leaves a key out).

    :param hints: the os:scheduler_hints, if any.
    """
    server = {'name': name, 'flavorRef': TINY['flavorid'],
              'imageRef': glance_standin.IMAGE_ID, 'networks': 'none'}
    server.update(extra)
    body = {'server': {k: v for k, v in server.items() if v is not None}}
    if hints:
        body['os:scheduler_hints'] = hints
    return body


def boot(client, name='vm', expect=202, version=None, hints=None, **extra):
    """POST server_body(name, hints, **extra) through an in-process API
    client (tests/functional/api/conftest.Client).

    :param expect: the status the API must answer (None: any).
    :returns: the response.
    """
    response = client.post('/v2.1/servers',
                           server_body(name, hints=hints, **extra),
                           version=version)
    if expect is not None:
        assert response.status_int == expect, response.body
    return response
