# SPDX-License-Identifier: Apache-2.0
"""os-quota-class-sets: the 'default' class is every project's defaults."""


def test_default_class_shows_config_defaults_per_microversion(cloud):
    at_21 = cloud.admin.get('/v2.1/os-quota-class-sets/default',
                            version='2.1')
    assert at_21.status_int == 200, at_21.body
    body = at_21.json['quota_class_set']
    assert body['id'] == 'default'
    assert body['instances'] == 10
    assert 'floating_ips' in body and 'injected_files' in body
    assert 'server_groups' not in body
    at_250 = cloud.admin.get('/v2.1/os-quota-class-sets/default',
                             version='2.50').json['quota_class_set']
    assert 'floating_ips' not in at_250 and 'server_groups' in at_250
    assert 'injected_files' in at_250
    at_257 = cloud.admin.get('/v2.1/os-quota-class-sets/default',
                             version='2.57').json['quota_class_set']
    assert sorted(at_257) == [
        'cores', 'id', 'instances', 'key_pairs', 'metadata_items', 'ram',
        'server_group_members', 'server_groups']


def test_update_default_class_changes_every_projects_defaults(cloud):
    shown = cloud.admin.get('/v2.1/os-quota-class-sets/default'
                            ).json['quota_class_set']
    shown.pop('id')
    raised = {resource: limit + 100 for resource, limit in shown.items()}
    updated = cloud.admin.put('/v2.1/os-quota-class-sets/default',
                              {'quota_class_set': raised})
    assert updated.status_int == 200, updated.body
    assert updated.json == {'quota_class_set': raised}
    again = cloud.admin.get('/v2.1/os-quota-class-sets/default'
                            ).json['quota_class_set']
    assert again == dict(raised, id='default')
    project = cloud.alice.get('/v2.1/os-quota-sets/proj-a').json['quota_set']
    assert project['instances'] == raised['instances']
    defaults = cloud.alice.get('/v2.1/os-quota-sets/proj-a/defaults'
                               ).json['quota_set']
    assert defaults['cores'] == raised['cores']
    limits = cloud.alice.get('/v2.1/limits').json['limits']['absolute']
    assert limits['maxTotalInstances'] == raised['instances']


def test_other_classes_are_kept_and_limit_nothing(cloud):
    cloud.admin.put('/v2.1/os-quota-class-sets/gold',
                    {'quota_class_set': {'instances': 99}})
    assert cloud.admin.get('/v2.1/os-quota-class-sets/gold').json[
        'quota_class_set']['instances'] == 99
    assert cloud.alice.get('/v2.1/os-quota-sets/proj-a').json[
        'quota_set']['instances'] == 10


def test_quota_class_bad_input_and_policy(cloud):
    assert cloud.alice.get('/v2.1/os-quota-class-sets/default'
                           ).status_int == 403
    assert cloud.alice.put('/v2.1/os-quota-class-sets/default',
                           {'quota_class_set': {'ram': 1}}).status_int == 403
    for body, version in (({'quota_class_set': {'ram': 'lots'}}, '2.1'),
                          ({'quota_class_set': {'bogus': 1}}, '2.1'),
                          ({'quota_class_set': {'ram': -2}}, '2.1'),
                          ({'quota_class_set': {'force': True}}, '2.1'),
                          ({'quota_set': {'ram': 1}}, '2.1'),
                          ({'quota_class_set': {'floating_ips': 1}}, '2.50'),
                          ({'quota_class_set': {'injected_files': 1}},
                           '2.57')):
        refused = cloud.admin.put('/v2.1/os-quota-class-sets/default', body,
                                  version=version)
        assert refused.status_int == 400, (body, refused.body)
    assert cloud.admin.put('/v2.1/os-quota-class-sets/default',
                           {'quota_class_set': {'floating_ips': 1}},
                           version='2.49').status_int == 200
    long_name = '/v2.1/os-quota-class-sets/' + 'x' * 250
    assert cloud.admin.get(long_name).status_int == 400
