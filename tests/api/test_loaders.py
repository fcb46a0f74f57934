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


def test_a_list_reads_each_peers_key_a_bounded_number_of_times(catalogue):
    # Once the peers are loaded, an item's value is found by its own key: the peers are
    # not walked again for each item (n² key reads for a list of n).
    offers = [ToolPageFactory(parent=catalogue) for _ in range(20)]
    set_peers(offers)
    reads = []

    def provider_id(offer):
        reads.append(offer.pk)
        return offer.provider_id

    loader = ActorByIdLoader.for_request(_info())
    providers = [loader.load_for(offer, provider_id) for offer in offers]

    assert [actor.pk for actor in providers] == [offer.provider_id for offer in offers]
    assert len(reads) <= 2 * len(offers)
