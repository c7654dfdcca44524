# SPDX-License-Identifier: Apache-2.0
"""Real Keystone and Glance processes, driven by the stock openstack CLI."""

import os

import pytest
import requests
import webob
import webob.dec
from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

from nova_like.conf import clients as clients_conf
from tests.integration.openstack_fixtures import osc
from tools import openstack_services

pytestmark = pytest.mark.integration


def test_token_issue_for_admin_and_demo(keystone):
    projects = {p.name: p.id for p in keystone.client().projects.list()}
    for user, password, project in (
            ('admin', keystone.admin_password, 'admin'),
            ('demo', openstack_services.DEMO_PASSWORD, 'demo')):
        token = osc(keystone, user, password, project, 'token', 'issue')
        assert token['project_id'] == projects[project]
        assert token['id']


def test_catalog_has_compute_placement_and_image(keystone, glance):
    catalog = osc(keystone, 'demo', openstack_services.DEMO_PASSWORD, 'demo',
                  'catalog', 'list')
    by_type = {entry['Type']: entry for entry in catalog}
    assert {'identity', 'compute', 'placement', 'image'} <= set(by_type)
    image = {e['interface']: e['url'] for e in by_type['image']['Endpoints']}
    assert image == {'public': glance.url, 'internal': glance.url,
                     'admin': glance.url}
    compute = by_type['compute']['Endpoints']
    assert {e['url'] for e in compute} == {openstack_services.COMPUTE_URL}


def test_image_create_and_show_through_the_cli(keystone, glance, tmp_path):
    data = tmp_path / 'tiny.raw'
    data.write_bytes(os.urandom(4096))
    demo = (keystone, 'demo', openstack_services.DEMO_PASSWORD, 'demo')
    created = osc(*demo, 'image', 'create', '--file', str(data),
                  '--disk-format', 'raw', '--container-format', 'bare',
                  'tiny')
    shown = osc(*demo, 'image', 'show', 'tiny')
    assert shown['id'] == created['id']
    assert shown['status'] == 'active'
    assert shown['size'] == 4096
    assert shown['visibility'] == 'shared'  # the v2 default for a new image
    stored = os.path.join(glance.conf_dir, 'images', shown['id'])
    with open(stored, 'rb') as f:
        assert f.read() == data.read_bytes()


def test_glance_with_keystone_refuses_requests_without_a_token(glance):
    resp = requests.get(glance.url + '/v2/images', timeout=30)
    assert resp.status_code == 401


def test_glance_noauth_serves_images(glance_noauth, tmp_path):
    path = openstack_services.write_tiny_image(str(tmp_path / 'tiny.raw'))
    image = glance_noauth.create_image('tiny', path)
    assert image['status'] == 'active'
    resp = requests.get(glance_noauth.url + '/v2/images', timeout=30)
    assert resp.status_code == 200
    assert image['id'] in [i['id'] for i in resp.json()['images']]
    # create_image finds the active image instead of uploading it again
    assert glance_noauth.create_image('tiny', path)['id'] == image['id']


def _conf(tmp_path, text):
    path = tmp_path / 'nova_like.conf'
    path.write_text(text)
    conf = cfg.ConfigOpts()
    clients_conf.register_opts(conf)
    conf(['--config-file', str(path)], project='nova_like')
    return conf


def test_keystoneauth_sections_find_placement_and_glance(keystone, glance,
                                                          tmp_path):
    conf = _conf(tmp_path, openstack_services.nova_like_auth_conf(
        keystone.auth_url))
    endpoints = {}
    for group in ('placement', 'glance'):
        auth = ks_loading.load_auth_from_conf_options(conf, group)
        session = ks_loading.load_session_from_conf_options(conf, group,
                                                            auth=auth)
        adapter = ks_loading.load_adapter_from_conf_options(
            conf, group, session=session, auth=auth)
        endpoints[group] = adapter.get_endpoint()
    assert endpoints == {'placement': openstack_services.PLACEMENT_URL,
                         'glance': glance.url}


def test_authtoken_section_validates_a_user_token(keystone, tmp_path):
    from keystonemiddleware import auth_token
    conf = _conf(tmp_path, openstack_services.keystone_authtoken_conf(
        keystone.auth_url, 'nova', openstack_services.SERVICE_PASSWORD))
    seen = {}

    @webob.dec.wsgify
    def app(req):
        seen.update(req.headers)
        return webob.Response('ok')

    middleware = auth_token.AuthProtocol(app, {'oslo_config_config': conf})
    demo = keystone.session('demo', project='demo')
    request = webob.Request.blank('/', headers={
        'X-Auth-Token': demo.get_token()})
    response = request.get_response(middleware)
    assert response.status_int == 200
    assert seen['X-Identity-Status'] == 'Confirmed'
    assert seen['X-Project-Name'] == 'demo'
    assert 'member' in seen['X-Roles'].split(',')
    bad = webob.Request.blank('/', headers={'X-Auth-Token': 'bogus'})
    assert bad.get_response(middleware).status_int == 401


def test_setup_cloud_twice_changes_nothing(keystone, glance):
    ks = keystone.client()
    before = sorted((e.service_id, e.interface, e.url)
                    for e in ks.endpoints.list())
    keystone.setup_cloud(image_url=glance.url)
    after = sorted((e.service_id, e.interface, e.url)
                   for e in ks.endpoints.list())
    assert after == before
    assert sorted(u.name for u in ks.users.list()) == [
        'admin', 'demo', 'glance', 'nova', 'placement']
