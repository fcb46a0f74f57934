"""Keeping the cached reads of keys (see key_lookup) in step with the admin's edits."""

from django.db.models.signals import post_delete, post_init, post_save

from .key_lookup import api_key_cache_forget
from .models import ApiKey


def _remember_hash(sender, instance, **kwargs):
    # Read from __dict__: a key loaded without that field must not cost a query here.
    instance._loaded_key_hash = instance.__dict__.get("key_hash", "")


def _forget(sender, instance, **kwargs):
    api_key_cache_forget(instance.key_hash, instance._loaded_key_hash)
    instance._loaded_key_hash = instance.key_hash


def connect() -> None:
    post_init.connect(_remember_hash, sender=ApiKey, dispatch_uid="partners-key-loaded")
    post_save.connect(_forget, sender=ApiKey, dispatch_uid="partners-key-saved")
    post_delete.connect(_forget, sender=ApiKey, dispatch_uid="partners-key-deleted")
