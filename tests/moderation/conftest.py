import pytest

from home.roles import ACTORS, ADVISORS, COORDINATION, roles_setup
from tests.factories.catalogue import ActorFactory
from tests.factories.users import UserFactory


@pytest.fixture
def roles(catalogue, training_index):
    return roles_setup()


@pytest.fixture
def people(roles):
    """Two digital actors of organisation A, one of organisation B, a coordinator and an advisor."""
    org_a, org_b = ActorFactory(name="Organisation A"), ActorFactory(name="Organisation B")
    alice = UserFactory(username="alice", group=ACTORS)
    albert = UserFactory(username="albert", group=ACTORS)
    bruno = UserFactory(username="bruno", group=ACTORS)
    org_a.users.add(alice, albert)
    org_b.users.add(bruno)
    return {
        "alice": alice,
        "albert": albert,
        "bruno": bruno,
        "coordinator": UserFactory(username="coralie", group=COORDINATION),
        "advisor": UserFactory(username="victor", group=ADVISORS),
        "org_a": org_a,
    }
