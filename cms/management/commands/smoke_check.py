import json

from django.core.management.base import CommandError
from django.test import Client
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from cms.management.base import TranslatedHelpCommand


class Command(TranslatedHelpCommand):
    help = _("Check that the site responds: home, catalogue and GraphQL API (used by CI).")

    def handle(self, **options):
        client = Client(HTTP_HOST="localhost")
        for path in ("/", "/catalogue/", "/catalogue/?kind=outil", "/admin/login/"):
            response = client.get(path)
            if response.status_code != 200:
                raise CommandError(
                    gettext("%(path)s answered %(status)s.")
                    % {"path": path, "status": response.status_code}
                )
        response = client.post(
            "/graphql/",
            json.dumps({"query": "{ offers(perPage: 100) { pagination { total } } }"}),
            content_type="application/json",
        )
        body = response.json()
        total = body.get("data", {}).get("offers", {}).get("pagination", {}).get("total", 0)
        if response.status_code != 200 or total < 40:
            raise CommandError(gettext("GraphQL: unexpected response %(body)s.") % {"body": body})
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "The site responds; %(count)s published offer in the API.",
                    "The site responds; %(count)s published offers in the API.",
                    total,
                )
                % {"count": total}
            )
        )
