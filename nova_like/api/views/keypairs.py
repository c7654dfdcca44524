# SPDX-License-Identifier: Apache-2.0
"""A key pair's shapes in create, list and show answers, per microversion."""

from nova_like.api import microversion
from nova_like.api.views import common


def _with_type(request, body, keypair):
    if microversion.at_least(request, '2.2'):
        body['type'] = keypair['type']
    return body


def created(request, keypair):
    body = {'name': keypair['name'], 'public_key': keypair['public_key'],
            'fingerprint': keypair['fingerprint'],
            'user_id': keypair['user_id']}
    if 'private_key' in keypair:
        body['private_key'] = keypair['private_key']
    return _with_type(request, body, keypair)


def item(request, keypair):
    return _with_type(request, {'name': keypair['name'],
                                'public_key': keypair['public_key'],
                                'fingerprint': keypair['fingerprint']},
                      keypair)


def detail(request, keypair):
    body = {'name': keypair['name'], 'public_key': keypair['public_key'],
            'fingerprint': keypair['fingerprint'],
            'user_id': keypair['user_id'],
            'created_at': common.usage_time(keypair['created_at']),
            'deleted': False, 'deleted_at': None, 'id': keypair['id'],
            'updated_at': common.usage_time(keypair['updated_at'])}
    return _with_type(request, body, keypair)
