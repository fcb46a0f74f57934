from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import WebhookDelivery
from .viewsets import PartnersViewSetGroup, ReadOnlyPolicy

register_permission_policy(WebhookDelivery, ReadOnlyPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_partners_viewsets():
    return PartnersViewSetGroup()


@hooks.register("register_schema_query")
def register_partners_queries(query_mixins):
    from .schema.queries import PartnersQuery

    query_mixins.append(PartnersQuery)
