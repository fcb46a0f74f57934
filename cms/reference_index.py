"""Wagtail's reference index, updated once per save of a clustered object.

Wagtail indexes an object's references on each save, and a child of a `ClusterableModel`
(a `ParentalKey` row) indexes its whole parent on its own save. Saving an object with its
children therefore indexed it once per child, each time reading every child again:
an evaluation of thirty answers was indexed thirty-one times per save, and a publish
saves it twice. With this mixin the object and its children are saved with the automatic
update off, then the object is indexed once, on the same task queue as Wagtail's own
updates."""


class IndexedOnceMixin:
    def save(self, *args, **kwargs):
        # Imported here: the module loads Wagtail's models, and models use this mixin.
        from wagtail.signal_handlers import (
            disable_reference_index_auto_update,
            reference_index_auto_update_disabled,
        )
        from wagtail.tasks import update_reference_index_task

        if getattr(reference_index_auto_update_disabled, "value", False):
            # Inside a block that turned the update off: it indexes, or means none.
            return super().save(*args, **kwargs)
        with disable_reference_index_auto_update():
            result = super().save(*args, **kwargs)
        update_reference_index_task.enqueue(
            self._meta.app_label, self._meta.model_name, str(self.pk)
        )
        return result
