"""Model mixins shared by the catalogue's pages."""

from collections import defaultdict

from django.db import models

# Key, in an instance's `__dict__`, of the instances that one query loaded with it.
_LOADED_TOGETHER = "_loaded_together"


def fetch_together(instances: list) -> None:
    """Mark `instances` as loaded together: a deferred column that one of them needs is
    then fetched for all of them, in one query (see `FetchTogetherMixin`)."""
    for instance in instances:
        instance.__dict__[_LOADED_TOGETHER] = instances


class FetchTogetherMixin(models.Model):
    """Deferred columns of instances loaded together are fetched together.

    A listing loads each offer from the shared tables only, as its kind but with the
    kind's own columns (and the body) deferred, because joining every kind's table and
    reading every column made the listing query several times slower. Django fetches a
    deferred column one instance at a time; here, the first instance to need one fetches
    every deferred column of that table for all the instances loaded with it, so a kind
    field or the body costs one query per table, not one per item (the idea of Django's
    later `FETCH_PEERS` fetch mode)."""

    class Meta:
        abstract = True

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        group = self.__dict__.get(_LOADED_TOGETHER)
        if group is None or not fields or from_queryset is not None:
            return super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        for field_name in fields:
            if field_name not in self.get_deferred_fields():
                continue
            owner = self._meta.get_field(field_name).model._meta.concrete_model
            _fetch_table(owner, [obj for obj in group if isinstance(obj, owner)], using)
        # Anything still missing (not a column of this group's tables) the usual way.
        if missing := [name for name in fields if name in self.get_deferred_fields()]:
            super().refresh_from_db(using=using, fields=missing)


def _fetch_table(owner: type[models.Model], instances: list, using) -> None:
    """Every deferred column of `owner`'s own table, for all `instances`, in one query."""
    by_fields = defaultdict(list)
    for instance in instances:
        deferred = instance.get_deferred_fields()
        names = tuple(
            field.attname
            for field in owner._meta.local_concrete_fields
            if field.attname in deferred
        )
        if names:
            by_fields[names].append(instance)
    for names, targets in by_fields.items():
        rows = owner._base_manager.using(using or targets[0]._state.db).filter(
            pk__in=[target.pk for target in targets]
        )
        values = {row.pk: row for row in rows.only(*names).order_by()}
        for target in targets:
            row = values.get(target.pk)
            if row is not None:
                for name in names:
                    target.__dict__[name] = row.__dict__[name]
