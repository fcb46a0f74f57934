from django.urls import path

from . import views

urlpatterns = [
    path("opendata/offres.csv", views.offers_csv, name="opendata_offers_csv"),
    path("opendata/offres.json", views.offers_json, name="opendata_offers_json"),
]
