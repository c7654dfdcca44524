# SPDX-License-Identifier: Apache-2.0
"""Key pairs of a user: import or generate, list, show, delete.

In the API database only, never over RPC.
"""

from nova_like import crypto
from nova_like.db.api import key_pairs as db
from nova_like import exception
from nova_like.objects import quotas


def create(project_id, user_id, name, key_type='ssh', public_key=None):
    """Import public_key, or generate an ssh key pair when it is None.

    :returns: the key pair as a dict; with 'private_key' when generated.
    :raises: InvalidKeypair, KeyPairExists, OverQuota (key_pairs).
    """
    private_key = None
    if public_key is None:
        private_key, public_key, fingerprint = crypto.generate_ssh_key()
    else:
        fingerprint = crypto.fingerprint(key_type, public_key)
    quotas.check_deltas(project_id, user_id, {'key_pairs': 1})
    keypair = db.key_pair_create({
        'name': name, 'user_id': user_id, 'fingerprint': fingerprint,
        'public_key': public_key, 'type': key_type})
    try:
        quotas.recheck(project_id, user_id, {'key_pairs': 1})
    except exception.OverQuota:
        db.key_pair_destroy(user_id, name)
        raise
    if private_key is not None:
        keypair['private_key'] = private_key
    return keypair


def get(user_id, name):
    """:raises: KeypairNotFound."""
    return db.key_pair_get(user_id, name)


def get_all(user_id, limit=None, marker=None):
    """:raises: MarkerNotFound."""
    return db.key_pair_get_all_by_user(user_id, limit=limit, marker=marker)


def destroy(user_id, name):
    """:raises: KeypairNotFound."""
    db.key_pair_destroy(user_id, name)
