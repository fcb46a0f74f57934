"""iCalendar (RFC 5545) feeds of upcoming sessions."""

from icalendar import Calendar, Event, vCalAddress, vText

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

PRODID = "-//Repères//Sessions de formation//FR"


def session_event(session, request) -> Event:
    event = Event()
    event.add("uid", f"session-{session.pk}@reperes")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", session.module.title)
    description = [session.module.summary]
    if session.registration_url:
        description.append(gettext("Registration: %(url)s") % {"url": session.registration_url})
    description.append(gettext("Seats: %(count)s") % {"count": session.seats})
    event.add("description", "\n".join(description))
    if session.online:
        event.add("location", vText(gettext("Online")))
    else:
        event.add(
            "location", ", ".join(filter(None, [session.venue, session.postcode, session.commune]))
        )
    event.add("url", session.module.get_full_url(request=request))
    if session.trainer_id and session.trainer.contact_email:
        organizer = vCalAddress(f"mailto:{session.trainer.contact_email}")
        organizer.params["cn"] = vText(session.trainer.name)
        event.add("organizer", organizer)
    return event


def build_calendar(sessions, request, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for session in sessions:
        calendar.add_component(session_event(session, request))
    return calendar.to_ical()


def calendar_response(request, sessions, *, name: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(sessions, request, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    return response
