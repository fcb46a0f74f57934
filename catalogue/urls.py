from django.urls import path

from . import report_views, views

urlpatterns = [
    path("opendata/offres.csv", views.offers_csv, name="opendata_offers_csv"),
    path("opendata/offres.json", views.offers_json, name="opendata_offers_json"),
    path("signaler/<int:offer_id>/", report_views.offer_report, name="offer_report"),
    path(
        "signaler/<int:offer_id>/merci/",
        report_views.offer_report_thanks,
        name="offer_report_thanks",
    ),
]
