from .removals import PageRemoval
from .webhooks import Webhook, WebhookDelivery

__all__ = ["PageRemoval", "Webhook", "WebhookDelivery"]
