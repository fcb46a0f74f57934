"""The project's own search index and the synonyms editors maintain for it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class SearchTerm(models.Model):
    """One normalised term of one page, with its weight. Plain rows rather than a
    tsvector or an FTS5 table: the same SQL, so the same results and the same ranking,
    on SQLite and PostgreSQL. Written by `catalogue.search.indexing` only."""

    # No index of its own: the unique constraint and the indexes below start with it.
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="search_terms", db_index=False
    )
    term = models.CharField(max_length=64)
    weight = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "term"], name="search_term_unique_per_page")
        ]
        indexes = [
            # `term LIKE 'visio%'` uses this index on PostgreSQL only with the pattern
            # operator class (the database's collation is not bytewise); SQLite ignores it.
            # With the weight included, a search reads its hits and their ranks from the
            # index alone.
            models.Index(
                fields=["term", "page"],
                name="search_term_prefix",
                opclasses=["varchar_pattern_ops", "int4_ops"],
                include=["weight"],
            ),
            # The rank of each hit reads that page's matching terms by prefix, and their
            # weight from the index itself (an index-only scan on PostgreSQL).
            models.Index(
                fields=["page", "term"],
                name="search_term_page_prefix",
                opclasses=["int4_ops", "varchar_pattern_ops"],
                include=["weight"],
            ),
        ]

    def __str__(self):
        return f"{self.term} ({self.weight})"


class SearchSynonym(models.Model):
    """A group of words or expressions that mean the same thing to the people who
    search (« visio », « visioconférence », « réunion à distance »): searching for any
    of them finds pages that use any other."""

    terms = models.TextField(
        _("equivalent terms"),
        help_text=_(
            "One word or expression per line. A search for any of them also finds the others."
        ),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]
