import factory
from factory.django import DjangoModelFactory

from partners.models import ApiKey
from partners.services import api_key_issue


class ApiKeyFactory(DjangoModelFactory):
    """An API key; its secret, readable only at creation, is left on `key.token`."""

    class Meta:
        model = ApiKey

    name = factory.Sequence(lambda n: f"Site partenaire {n}")
    contact_email = factory.Sequence(lambda n: f"partenaire{n}@example.org")
    allowed_origins = ""
    rate_limit = 600
    enabled = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        key = model_class(*args, **kwargs)
        key.token = api_key_issue(key=key)
        key.full_clean()
        key.save()
        return key
