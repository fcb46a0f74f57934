import pytest

from cms.cache import RedisCache


@pytest.fixture
def redis_cache(settings):
    location = settings.CACHES["default"].get("LOCATION", "")
    if not str(location).startswith("redis://"):
        pytest.skip("needs CACHE_URL=redis://… (as in CI)")
    return RedisCache(location, {"KEY_PREFIX": "test-cms-cache"})


def test_one_client_serves_every_operation(redis_cache):
    redis_cache.set("clé", "valeur")
    client = redis_cache._cache.get_client(write=True)

    assert redis_cache.get("clé") == "valeur"
    assert redis_cache._cache.get_client() is client
    assert redis_cache.get_many(["clé", "absente"]) == {"clé": "valeur"}
    redis_cache.delete("clé")
    assert redis_cache.get("clé") is None
