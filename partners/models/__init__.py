from .keys import ApiKey, ApiKeyUsage

__all__ = ["ApiKey", "ApiKeyUsage"]
