"""Where a webhook may be sent: a public Internet address, over HTTPS. The rules, and why,
are in `cms.outbound`; this module is the webhooks' share of them.

The check runs twice. When a coordinator saves a webhook, for a clear form error. And
when a delivery connects, on the addresses it actually connects to (`TARGETS.connect`).

`WEBHOOK_ALLOW_PRIVATE_NETWORKS` lifts the scheme and address rules (development, and the
tests' receiver on loopback); credentials in the URL stay refused."""

from django.utils.translation import gettext_lazy as _

from cms.outbound import TargetRefused, Targets, target_port

TARGETS = Targets(
    allow_private_setting="WEBHOOK_ALLOW_PRIVATE_NETWORKS",
    schemes=("https",),
    scheme_message=_("Use an address that starts with https://."),
    private_address_message=_(
        "%(address)s is a private, local or reserved address: a webhook only reaches public "
        "Internet addresses."
    ),
    private_name_message=_(
        "%(host)s points to %(address)s, a private, local or reserved address: a webhook "
        "only reaches public Internet addresses."
    ),
)

check_url = TARGETS.check_url
parse_url = TARGETS.parse_url

__all__ = ["TARGETS", "TargetRefused", "check_url", "parse_url", "target_port"]
