# SPDX-License-Identifier: Apache-2.0
"""One database transaction around several objects' writes.

For processes with a database.

``transaction.api_db(fn)`` runs fn with every API-database read and write of
the objects it uses joined in a single transaction, committed when fn
returns and run again whole if the transaction lost a lock (see
engine.run_in_one_transaction); ``cell_db(context, fn)`` does the same for
the cell database the context targets. fn must therefore be safe to run
again after a rollback. Not for remotable calls from compute hosts: their
writes run in the conductor, outside any transaction of theirs.
"""

from nova_like.db.api import database as api_database
from nova_like.db.main import database as cell_database


def api_db(fn):
    """:returns: what fn returns."""
    return api_database.in_transaction(fn)


def cell_db(context, fn):
    """:returns: what fn returns."""
    return cell_database.in_transaction(context, fn)
