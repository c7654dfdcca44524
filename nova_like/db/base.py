# SPDX-License-Identifier: Apache-2.0
"""Declarative bases and the column helpers every model shares."""

import datetime

import sqlalchemy as sa
from sqlalchemy import orm


def utcnow():
    """Naive UTC now, the form every DateTime column stores."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class TimestampMixin:
    created_at = sa.Column(sa.DateTime, default=utcnow)
    updated_at = sa.Column(sa.DateTime, onupdate=utcnow)


class SoftDeleteMixin:
    """Rows are marked deleted (deleted = id) so that names can be reused."""
    deleted_at = sa.Column(sa.DateTime)
    deleted = sa.Column(sa.Integer, default=0, nullable=False)


def model_dict(row):
    """The row's columns as a dict."""
    return {c.key: getattr(row, c.key)
            for c in sa.inspect(type(row)).column_attrs}


MYSQL_KW = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4'}


def new_base():
    class Base(orm.DeclarativeBase):
        pass
    return Base
