# SPDX-License-Identifier: Apache-2.0
"""One database transaction around several objects' writes, for processes with a database.

Inside ``with transaction.api_db():`` every API-database read and write of
the objects joins a single transaction, committed at the end of the block
(see engine.one_transaction); ``cell_db(context)`` does the same for the
cell database the context targets. Not for remotable calls from compute
hosts: their writes run in the conductor, outside any block of theirs.
"""

from nova_like.db.api import api as api_queries
from nova_like.db.main import api as cell_queries


def api_db():
    return api_queries.transaction()


def cell_db(context):
    return cell_queries.transaction(context)
