# SPDX-License-Identifier: Apache-2.0
"""The conductor's volume audit against the real volume manager over
fake:// RPC and the real cell database: the attachments of a server that
is gone are deleted after two passes; a live server's and a server being
built's stay."""

from nova_like.conductor.tasks import volume_audit
from nova_like import context as nl_context
from nova_like.db import engine
from nova_like import objects
from nova_like.volume import attachments
from nova_like.volume import context as volume_context
from nova_like.volume.db import api as db_api
from nova_like.volume.db import migration
from nova_like.volume.db import models
from nova_like.volume import manager
from nova_like.volume import rpcapi
from tests import factories
from tests.functional import test_boot_backend as boot
from tests.functional.volume import fixtures

GONE = '0f0e0d0c-0000-4000-8000-00000000dead'
BUILDING = '0f0e0d0c-0000-4000-8000-0000000b0b0b'


def _volume_with_attachment(db, instance_uuid):
    with db.writer() as session:
        volume = models.Volume(
            id=instance_uuid[:-4] + 'aaaa', project_id='p1', size=1,
            status='available', availability_zone='nova',
            volume_type_id='t', host=fixtures.HOST, metadata_={})
        session.add(volume)
        session.flush()
        ctx = volume_context.admin_context(db, None)
        row = attachments.reserve(session, volume, instance_uuid, ctx)
        return volume.id, row.id


def _status(db, volume_id):
    with db.reader() as session:
        return session.get(models.Volume, volume_id).status


def test_attachments_of_gone_servers_are_deleted_after_two_passes(
        stack, tmp_path):
    url = 'sqlite:///%s/volume.sqlite' % tmp_path
    migration.upgrade(url)
    conf = fixtures.make_conf(url, tmp_path / 'volumes')
    db = db_api.Database(url)
    stack.start('nova-like-volume', rpcapi.RPC_TOPIC,
                manager.VolumeManager(conf, db=db, host=fixtures.HOST),
                fixtures.HOST)
    stack.start_compute('cmp1')
    ctx = nl_context.get_admin_context()
    [live] = boot._submit(ctx, factories.create_flavor(ctx))
    boot._wait_state(ctx, [live], 'active')
    objects.BuildRequest(ctx, instance_uuid=BUILDING, project_id='p1',
                         instance=objects.Instance(
                             ctx, uuid=BUILDING, project_id='p1')).create()
    volumes = {uuid: _volume_with_attachment(db, uuid)
               for uuid in (live, GONE, BUILDING)}
    audit = volume_audit.VolumeAudit(rpcapi.VolumeAPI())
    assert audit.run(ctx) == []          # seen once: not yet
    assert audit.run(ctx) == [GONE]
    assert _status(db, volumes[GONE][0]) == 'available'
    assert _status(db, volumes[live][0]) == 'reserved'
    assert _status(db, volumes[BUILDING][0]) == 'reserved'
    with db.reader() as session:
        assert attachments.by_instance(session) == {
            uuid: [[volumes[uuid][1], fixtures.HOST]]
            for uuid in (live, BUILDING)}
    assert audit.run(ctx) == []
    engine.dispose_all()


def test_no_volume_service_up_means_no_question(stack):
    class Refusing:
        def get_attachments_by_instance(self, ctx):
            raise AssertionError('asked a volume service that is not up')

    ctx = nl_context.get_admin_context()
    assert volume_audit.VolumeAudit(Refusing()).run(ctx) == []
