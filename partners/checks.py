"""System checks of the partners' settings."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_webhook_targets(app_configs, **kwargs):
    # The setting exists for a developer's receiver on loopback; in production it would let
    # anyone who can save a webhook make our server call its own network.
    if settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS:
        return [
            Warning(
                "WEBHOOK_ALLOW_PRIVATE_NETWORKS lets webhooks reach this machine and private "
                "networks, over plain HTTP: keep it off in production.",
                id="partners.W001",
            )
        ]
    return []
