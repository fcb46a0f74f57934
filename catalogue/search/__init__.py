"""The project's site search: one index for offers and training modules that gives the
same results and ranking on SQLite and PostgreSQL (see `text`, `documents`, `query`)."""

from .indexing import search_index_page, search_index_rebuild, search_unindex_page
from .query import apply_search

__all__ = ["apply_search", "search_index_page", "search_index_rebuild", "search_unindex_page"]
