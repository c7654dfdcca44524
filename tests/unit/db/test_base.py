# SPDX-License-Identifier: Apache-2.0
"""Column helpers every model shares."""

import datetime

from nova_like.db import base
from nova_like.db.main import models


def test_utcnow_is_naive_utc():
    now = base.utcnow()
    assert now.tzinfo is None
    aware = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    assert abs((aware - now).total_seconds()) < 5


def test_model_dict_has_every_column():
    row = models.InstanceFault(instance_uuid='u', code=500, message='m')
    values = base.model_dict(row)
    assert set(values) == {c.key for c in
                           models.InstanceFault.__table__.columns}
    assert (values['instance_uuid'], values['code'], values['details']) == (
        'u', 500, None)
