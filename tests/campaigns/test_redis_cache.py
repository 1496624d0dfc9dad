"""The Redis cache the site uses in production (CACHE_URL=redis://…): Django's, with one client per pool."""

import socket
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from campaigns.redis_cache import RedisCache

from .test_settings import PRODUCTION, run_manage

REDIS_URL = "redis://127.0.0.1:6379/9"


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")


@pytest.fixture
def cache():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    keys = cache._cache.get_client().keys(f"{cache.key_prefix}:*")
    if keys:
        cache._cache.get_client().delete(*keys)


def test_a_redis_cache_url_selects_it():
    result = run_manage(
        "shell",
        "-c",
        "from django.core.cache import caches; print(type(caches['default']).__module__)",
        env={**PRODUCTION, "CACHE_URL": REDIS_URL},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("campaigns.redis_cache")


def test_it_reuses_one_client_and_behaves_as_djangos(cache):
    assert cache._cache.get_client() is cache._cache.get_client(write=True)

    cache.set("petition-page", {"html": "<h1>Free Ales</h1>"}, 30)
    assert cache.get("petition-page") == {"html": "<h1>Free Ales</h1>"}
    assert cache.add("petition-page", "other", 30) is False
    assert cache.add("fresh", 1, 30) is True
    assert cache.incr("fresh", 4) == 5
    cache.delete_many(["petition-page", "fresh"])
    assert cache.get_many(["petition-page", "fresh"]) == {}


def test_the_shared_client_counts_correctly_from_many_threads(cache):
    """Rate limits count with incr from every gunicorn thread at once."""
    cache.set("hits", 0, 60)

    def hit(_):
        for _ in range(50):
            cache.incr("hits")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(hit, range(8)))

    assert cache.get("hits") == 400
