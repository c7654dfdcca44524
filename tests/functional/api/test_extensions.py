# SPDX-License-Identifier: Apache-2.0
"""/extensions: Nova's fixed v2-compatible list, for any user."""


def test_list_and_show(cloud):
    listed = cloud.alice.get('/v2.1/extensions')
    assert listed.status_int == 200, listed.body
    extensions = listed.json['extensions']
    assert len(extensions) == 100
    aliases = [e['alias'] for e in extensions]
    assert aliases == sorted(aliases)
    assert {'os-hosts', 'os-consoles', 'OS-EXT-STS'} <= set(aliases)
    assert 'Hosts' in [e['name'] for e in extensions]
    assert sorted(extensions[0]) == ['alias', 'description', 'links', 'name',
                                     'namespace', 'updated']
    shown = cloud.alice.get('/v2.1/extensions/os-consoles').json
    assert shown['extension']['alias'] == 'os-consoles'
    assert shown['extension']['updated'] == '2014-12-03T00:00:00Z'
    missing = cloud.alice.get('/v2.1/extensions/os-nothing')
    assert missing.status_int == 404
    assert 'os-nothing' in missing.json['itemNotFound']['message']
