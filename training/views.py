from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from .ical import calendar_response
from .selectors import upcoming_sessions, visible_modules


def all_sessions_ics(request):
    return calendar_response(
        request, upcoming_sessions(), name=gettext("Repères — training sessions")
    )


def module_sessions_ics(request, slug):
    module = get_object_or_404(visible_modules(), slug=slug)
    return calendar_response(
        request,
        upcoming_sessions().filter(module=module),
        name=gettext("Repères — %(module)s") % {"module": module.title},
    )
