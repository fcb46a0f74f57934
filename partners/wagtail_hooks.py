from wagtail import hooks

from .viewsets import ApiKeyViewSet


@hooks.register("register_admin_viewset")
def register_api_key_viewset():
    return ApiKeyViewSet()
