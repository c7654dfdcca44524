# SPDX-License-Identifier: Apache-2.0
"""Aggregate: a named set of compute hosts with metadata.

Its availability zone is among the metadata.
"""

from oslo_utils import uuidutils

from nova_like.db.api import aggregates as db

ZONE = 'availability_zone'


class Aggregate:
    """A host aggregate of the API database.

    A plain class, not a versioned object: aggregates never travel over
    RPC (the scheduler reads them itself). An Aggregate made with only its
    id is enough to call the methods that change it; each of them reads
    the aggregate back into the object in the same transaction.
    """

    def __init__(self, context, id=None, uuid=None, name=None, hosts=(),
                 metadata=None, created_at=None, updated_at=None):
        self._context = context
        self.id = id
        self.uuid = uuid
        self.name = name
        self.hosts = list(hosts)
        self.metadata = dict(metadata or {})
        self.created_at = created_at
        self.updated_at = updated_at

    @property
    def availability_zone(self):
        return self.metadata.get(ZONE)

    def _load(self, row):
        """Take every value from row, the aggregate as the database layer
        gives it (hosts and metadata included)."""
        self.id, self.uuid, self.name = row['id'], row['uuid'], row['name']
        self.hosts, self.metadata = list(row['hosts']), dict(row['metadata'])
        self.created_at, self.updated_at = row['created_at'], row['updated_at']
        return self

    @classmethod
    def get_by_id(cls, context, aggregate_id):
        """:raises: AggregateNotFound."""
        return cls(context)._load(db.aggregate_get(aggregate_id))

    @classmethod
    def get_all(cls, context, host=None):
        """Every aggregate, or those holding host, by id."""
        return [cls(context)._load(row) for row in db.aggregate_get_all(host)]

    def create(self):
        """Create it with its name and metadata (and a uuid if it has none).

        :raises: AggregateNameExists.
        """
        self._load(db.aggregate_create(
            {'name': self.name, 'uuid': self.uuid or
             uuidutils.generate_uuid()}, self.metadata))

    def update(self, name=None, metadata=None):
        """Rename it and/or set metadata keys, in one transaction.

        :param name: the new name; None keeps it.
        :param metadata: {key: value}; a None value removes the key.
        :raises: AggregateNotFound, AggregateNameExists.
        """
        values = {'name': name} if name is not None else {}
        self._load(db.aggregate_update(self.id, values, metadata))

    def destroy(self):
        """:raises: AggregateNotFound."""
        db.aggregate_delete(self.id)

    def add_host(self, host):
        """:raises: AggregateNotFound, AggregateHostExists,
        AggregateAZConflict (host is in another zone already)."""
        self._load(db.aggregate_host_add(self.id, host))

    def delete_host(self, host):
        """:raises: AggregateNotFound, AggregateHostNotFound."""
        self._load(db.aggregate_host_delete(self.id, host))

    def hosts_in_other_zones(self, zone):
        """Hosts of this aggregate that another aggregate puts in an
        availability zone other than zone, sorted."""
        return db.zones_of_hosts_in_conflict(self.id, zone)
