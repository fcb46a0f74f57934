"""The per-request peer dataloaders behind the nested GraphQL fields."""

from types import SimpleNamespace

import pytest

from catalogue.schema.loaders import ActorByIdLoader
from cms.api.loaders import set_peers
from tests.factories.catalogue import ActorFactory, ToolPageFactory

pytestmark = pytest.mark.django_db


def _info():
    return SimpleNamespace(context=SimpleNamespace())


def test_results_come_in_key_order_with_none_for_a_missing_key():
    first, second = ActorFactory(), ActorFactory()
    loader = ActorByIdLoader.for_request(_info())
    assert loader.load_many([second.pk, 0, first.pk]) == [second, None, first]


def test_a_loader_lives_for_one_request(django_assert_num_queries):
    actor = ActorFactory()
    info = _info()
    with django_assert_num_queries(1):
        ActorByIdLoader.for_request(info).load(actor.pk)
        ActorByIdLoader.for_request(info).load(actor.pk)
    with django_assert_num_queries(1):
        ActorByIdLoader.for_request(_info()).load(actor.pk)


def test_loading_for_one_object_loads_for_all_its_peers(catalogue, django_assert_num_queries):
    offers = [ToolPageFactory(parent=catalogue) for _ in range(3)]
    fresh = [type(offer).objects.get(pk=offer.pk) for offer in offers]
    set_peers(fresh)
    loader = ActorByIdLoader.for_request(_info())
    with django_assert_num_queries(1):
        providers = [loader.load_for(offer, lambda peer: peer.provider_id) for offer in fresh]
    assert [provider.pk for provider in providers] == [offer.provider_id for offer in offers]
