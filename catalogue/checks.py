"""System checks of the catalogue's settings."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_link_targets(app_configs, **kwargs):
    # The setting exists for links to a developer's machine; in production it would let
    # anyone who can write an offer make our server call its own network.
    if settings.LINK_CHECK_ALLOW_PRIVATE_NETWORKS:
        return [
            Warning(
                "LINK_CHECK_ALLOW_PRIVATE_NETWORKS lets the link checker reach this machine "
                "and private networks: keep it off in production.",
                id="catalogue.W001",
            )
        ]
    return []
