import wagtail_factories


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = "Guide"
