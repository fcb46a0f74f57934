"""The little the fault tests read, written into the throwaway database through
`manage.py shell` (the demo content would take minutes): a published home page served by
the default site, and the catalogue's index."""

from wagtail.models import Page, Site

from home.models import HomePage
from tests.factories.catalogue import CatalogueIndexPageFactory

root = Page.get_first_root_node()
home = HomePage(title="Repères", slug="accueil")
root.add_child(instance=home)
home.save_revision().publish()
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
CatalogueIndexPageFactory(parent=home).save_revision().publish()
