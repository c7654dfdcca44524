# SPDX-License-Identifier: Apache-2.0
"""PlacementClient: what nova_like's services ask of Placement.

They are the scheduler, the conductor, the API and the compute hosts.

Every write carries the generation it read (provider generation for
inventories, consumer generation for allocations) and retries on Placement's
409 placement.concurrent_update, so racing writers never over-allocate.
"""

import logging
import time

from keystoneauth1 import exceptions as ks_exc

from nova_like.clients import ksa
from nova_like import exception

LOG = logging.getLogger(__name__)

VERSION = '1.39'
_RETRIES = 5


class PlacementClient:
    """Thin, explicit wrapper over the Placement REST API."""

    def __init__(self, adapter=None):
        self._adapter = adapter

    @property
    def adapter(self):
        if self._adapter is None:
            self._adapter = ksa.get_adapter('placement')
        return self._adapter

    def _request(self, method, url, body=None, version=VERSION):
        headers = {'OpenStack-API-Version': 'placement %s' % version,
                   'Accept': 'application/json'}
        kwargs = {'headers': headers, 'raise_exc': False}
        if body is not None:
            kwargs['json'] = body
        adapter = self.adapter
        try:
            return adapter.request(ksa.url_for(adapter, url), method,
                                   **kwargs)
        except ks_exc.ClientException as exc:
            ksa.forget_endpoint(adapter)  # it may have moved
            raise exception.PlacementUnavailable(reason=str(exc)) from exc

    @staticmethod
    def _error(response):
        try:
            errors = response.json().get('errors', [])
            if errors:
                return errors[0].get('code'), errors[0].get('detail')
        except ValueError:
            pass
        return None, response.text

    # Allocation candidates

    def get_allocation_candidates(self, query):
        """GET /allocation_candidates with the query dict given.

        :returns: (allocation_requests, provider_summaries)
        """
        response = self._request('GET', '/allocation_candidates?' + '&'.join(
            '%s=%s' % (k, v) for k, v in query.items()))
        if response.status_code != 200:
            _code, detail = self._error(response)
            raise exception.PlacementError(
                what='GET /allocation_candidates', status=response.status_code,
                detail=detail)
        body = response.json()
        return body['allocation_requests'], body['provider_summaries']

    # Allocations

    def get_allocations_for_consumer(self, consumer_uuid):
        """:returns: the body of GET /allocations/{consumer}."""
        response = self._request('GET', '/allocations/%s' % consumer_uuid)
        if response.status_code != 200:
            _code, detail = self._error(response)
            raise exception.PlacementError(
                what='GET /allocations/%s' % consumer_uuid,
                status=response.status_code, detail=detail)
        return response.json()

    def get_provider_allocations(self, rp_uuid):
        """{consumer uuid: {resource class: amount}} on one provider; {} for
        a provider that does not exist (any more)."""
        url = '/resource_providers/%s/allocations' % rp_uuid
        response = self._request('GET', url)
        if response.status_code == 404:
            return {}
        if response.status_code != 200:
            _code, detail = self._error(response)
            raise exception.PlacementError(
                what='GET ' + url, status=response.status_code, detail=detail)
        return {consumer: allocation['resources'] for consumer, allocation
                in response.json()['allocations'].items()}

    def claim_resources(self, consumer_uuid, allocation_request, project_id,
                        user_id, consumer_generation=None):
        """PUT the allocations of one candidate for consumer_uuid.

        :returns: True when claimed, False when the capacity is gone
            (another consumer won the race).
        """
        # PUT /allocations/{consumer} takes no "mappings" (only the bulk
        # POST /allocations does), so a candidate's mappings are dropped.
        body = {k: v for k, v in allocation_request.items()
                if k != 'mappings'}
        body.update(project_id=project_id, user_id=user_id,
                    consumer_generation=consumer_generation,
                    consumer_type='INSTANCE')
        response = self._request('PUT', '/allocations/%s' % consumer_uuid,
                                 body)
        if response.status_code == 204:
            return True
        code, detail = self._error(response)
        if response.status_code == 409:
            LOG.debug('Claim for %s lost a race (%s): %s', consumer_uuid,
                      code, detail)
            return False
        raise exception.PlacementError(
            what='PUT /allocations/%s' % consumer_uuid,
            status=response.status_code, detail=detail)

    def delete_allocation_for_instance(self, consumer_uuid):
        """Remove every allocation of consumer_uuid; True if there were any."""
        response = self._request('DELETE', '/allocations/%s' % consumer_uuid)
        if response.status_code in (204, 404):
            return response.status_code == 204
        _code, detail = self._error(response)
        raise exception.PlacementError(
            what='DELETE /allocations/%s' % consumer_uuid,
            status=response.status_code, detail=detail)

    # Providers and inventory

    def ensure_resource_provider(self, uuid, name):
        """Create the provider if it does not exist; return its generation."""
        response = self._request('GET', '/resource_providers/%s' % uuid)
        if response.status_code == 200:
            return response.json()['generation']
        response = self._request('POST', '/resource_providers',
                                 {'uuid': uuid, 'name': name})
        if response.status_code in (200, 201):
            return response.json()['generation']
        if response.status_code == 409:
            # Created meanwhile by a restart of ourselves: read it back.
            response = self._request('GET', '/resource_providers/%s' % uuid)
            if response.status_code == 200:
                return response.json()['generation']
        _code, detail = self._error(response)
        raise exception.PlacementError(what='POST /resource_providers',
                                       status=response.status_code,
                                       detail=detail)

    def set_inventory(self, rp_uuid, inventories):
        """Make the provider's inventory exactly inventories.

        :param inventories: {resource_class: {total, reserved, min_unit,
            max_unit, step_size, allocation_ratio}}
        """
        def change(body):
            if body['inventories'] == inventories:
                return None
            return {'inventories': inventories}
        if not self._put_with_generation(
                '/resource_providers/%s/inventories' % rp_uuid, change):
            raise exception.PlacementError(
                what='PUT /resource_providers/%s/inventories' % rp_uuid,
                status=404, detail='no such resource provider')

    def _put_with_generation(self, url, change):
        """GET url, then PUT change(body) with the provider's generation,
        again on a concurrent update.

        :param change: body -> the body to PUT (the generation is added),
            or None when nothing needs changing.
        :returns: False when the provider does not exist, else True.
        """
        for _attempt in range(_RETRIES):
            current = self._request('GET', url)
            if current.status_code == 404:
                return False
            if current.status_code != 200:
                _code, detail = self._error(current)
                raise exception.PlacementError(what='GET ' + url,
                                               status=current.status_code,
                                               detail=detail)
            body = current.json()
            wanted = change(body)
            if wanted is None:
                return True
            wanted['resource_provider_generation'] = \
                body['resource_provider_generation']
            response = self._request('PUT', url, wanted)
            if response.status_code == 200:
                return True
            code, detail = self._error(response)
            if code != 'placement.concurrent_update':
                raise exception.PlacementError(what='PUT ' + url,
                                               status=response.status_code,
                                               detail=detail)
            time.sleep(0.05)
        raise exception.PlacementError(what='PUT ' + url, status=409,
                                       detail='generation kept changing')

    # Aggregates (host aggregates mirrored on compute node providers)

    def update_provider_aggregates(self, rp_uuid, add=(), remove=()):
        """Add and remove aggregate uuids on the provider's aggregates.

        :returns: False when the provider does not exist.
        """
        def change(body):
            wanted = (set(body['aggregates']) | set(add)) - set(remove)
            if wanted == set(body['aggregates']):
                return None
            return {'aggregates': sorted(wanted)}
        return self._put_with_generation(
            '/resource_providers/%s/aggregates' % rp_uuid, change)

    # Traits the virt driver reports (CPU features)

    def set_managed_traits(self, rp_uuid, traits, managed_prefix):
        """Give the provider exactly traits among those named managed_prefix*.

        Traits outside that prefix (an operator's CUSTOM_* and the like)
        are kept.
        """
        def change(body):
            kept = {t for t in body['traits']
                    if not t.startswith(managed_prefix)}
            wanted = sorted(kept | set(traits))
            if sorted(body['traits']) == wanted:
                return None
            return {'traits': wanted}
        self._put_with_generation('/resource_providers/%s/traits' % rp_uuid,
                                  change)

    def delete_resource_provider(self, rp_uuid):
        """Delete the provider; a missing one is fine.

        :raises: PlacementError (409 while allocations remain on it).
        """
        url = '/resource_providers/%s' % rp_uuid
        response = self._request('DELETE', url)
        if response.status_code in (204, 404):
            return
        _code, detail = self._error(response)
        raise exception.PlacementError(what='DELETE ' + url,
                                       status=response.status_code,
                                       detail=detail)
