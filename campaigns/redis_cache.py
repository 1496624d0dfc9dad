"""Django's Redis cache, with one Redis client per connection pool instead of one per cache call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every get, set and add; building one
copies its ~170 response callbacks, which costs more CPU than the round trip to Redis (a rate-limited POST makes
four cache calls, a cached page two). A `redis.Redis` over a connection pool is safe to share between threads.
Selected by settings.py whenever CACHE_URL is a redis:// address.
"""

from django.core.cache.backends import redis as django_redis


class ReusingRedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
