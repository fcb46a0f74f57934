from django.urls import path

from . import views

# Calendar applications expect a stable address ending in .ics, which Wagtail's page
# routing cannot serve (page paths allow no dot).
urlpatterns = [
    path("ical/sessions.ics", views.all_sessions_ics, name="sessions_ics"),
    path("ical/modules/<slug:slug>.ics", views.module_sessions_ics, name="module_sessions_ics"),
]
