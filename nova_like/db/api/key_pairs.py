# SPDX-License-Identifier: Apache-2.0
"""Key pairs: the public keys of each user, by name."""

import sqlalchemy as sa

from nova_like.db.api import database
from nova_like.db.api import models
from nova_like.db import base
from nova_like.db import engine
from nova_like import exception


@engine.retry_on_deadlock
def key_pair_create(values):
    """:raises: KeyPairExists."""
    try:
        return database.create(models.KeyPair, values, 'Key pair', 'name')
    except exception.DuplicateEntry:
        raise exception.KeyPairExists(key_name=values['name'])


def key_pair_get(user_id, name):
    return database.get_one(
        models.KeyPair, exception.KeypairNotFound(user_id=user_id, name=name),
        user_id=user_id, name=name)


def key_pair_get_all_by_user(user_id, limit=None, marker=None):
    """The user's key pairs by name, after the one named marker.

    :raises: MarkerNotFound when marker names no key pair of the user.
    """
    with database.reader() as session:
        query = (sa.select(models.KeyPair).filter_by(user_id=user_id)
                 .order_by(models.KeyPair.name))
        if marker is not None:
            if session.scalars(sa.select(models.KeyPair.id).filter_by(
                    user_id=user_id, name=marker)).first() is None:
                raise exception.MarkerNotFound(marker=marker)
            query = query.where(models.KeyPair.name > marker)
        if limit is not None:
            query = query.limit(limit)
        return [base.model_dict(r) for r in session.scalars(query)]


def key_pair_count_by_user(user_id):
    with database.reader() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(
            models.KeyPair).filter_by(user_id=user_id))


def key_pair_destroy(user_id, name):
    database.delete(models.KeyPair,
                    exception.KeypairNotFound(user_id=user_id, name=name),
                    user_id=user_id, name=name)
