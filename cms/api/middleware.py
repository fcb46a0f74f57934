"""Marks the items of every list a resolver returns as peers, so that their nested
fields batch (see `cms.api.loaders`), whatever root or field returned the list."""

from .loaders import set_peers


class PeersMiddleware:
    def resolve(self, next_, root, info, **arguments):
        result = next_(root, info, **arguments)
        if isinstance(result, list | tuple) and len(result) > 1:
            set_peers(result)
        return result
