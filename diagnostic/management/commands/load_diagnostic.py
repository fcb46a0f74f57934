from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from cms.management.base import TranslatedHelpCommand
from diagnostic.services import diagnostic_load_seed


class Command(TranslatedHelpCommand):
    help = _("Create the seed needs diagnostic and its measures under the home page.")

    def handle(self, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError(gettext("There is no default site: create the home page first."))
        page, created = diagnostic_load_seed(parent=site.root_page)
        message = (
            gettext("Diagnostic created: %(url)s")
            if created
            else gettext("The diagnostic already exists: %(url)s")
        )
        self.stdout.write(self.style.SUCCESS(message % {"url": page.full_url}))
