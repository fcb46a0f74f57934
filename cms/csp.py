"""django-csp's middleware, with the Wagtail admin's relaxations (`ADMIN_CSP_DIRECTIVES`)
applied under `ADMIN_CSP_PATH`, in enforcing and report-only mode alike. The site's policy
is in the settings; a view's own `@csp_replace` / `@csp_update` still wins."""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts

from django.conf import settings


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if parts.replace is None and request.path_info.startswith(settings.ADMIN_CSP_PATH):
            parts.replace = settings.ADMIN_CSP_DIRECTIVES
        return parts
