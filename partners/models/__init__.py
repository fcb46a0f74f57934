from .keys import ApiKey, ApiKeyUsage
from .removals import PageRemoval
from .webhooks import Webhook, WebhookDelivery

__all__ = ["ApiKey", "ApiKeyUsage", "PageRemoval", "Webhook", "WebhookDelivery"]
