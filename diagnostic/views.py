"""The visitor's side of the diagnostic: its steps and its result, routes of
`DiagnosticPage` (registered with `DiagnosticPage.route_view`).

The answers of a run in progress live in the visitor's session, under the page's id, until
the last step stores the result (`services.result_create`) and forgets them. They are
checked against the questionnaire each time they are read, so that a session left from an
earlier version of the questionnaire, or written by hand, only ever fills in answers the
questionnaire offers.

Pages that show a visitor's answers are never cached, by anyone. A result is read by
whoever holds its address (it is the only key to it, 122 random bits): a browser may keep
it, a shared cache may not, and search engines are asked to leave it out."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext, ngettext

from partners.clients import client_address
from partners.ratelimit import rate_limit_hit

from . import pdf
from .charts import scores_chart
from .forms import DEPARTMENT_FIELD, StepForm
from .models import DiagnosticPage, DiagnosticResult
from .models.results import department_validator
from .recommendations import result_recommendations
from .scoring import LEVEL_BOUNDS, UNSCORED, Questionnaire
from .services import result_create, result_outcome

INCOMPLETE_PARAMETER = "incomplet"
PREVIOUS_BUTTON = "previous"


def _session_key(page: DiagnosticPage) -> str:
    return f"diagnostic:{page.pk}"


def _stored_answers(request, page: DiagnosticPage, questionnaire: Questionnaire) -> dict:
    """The run in progress: {"answers": {question: value}, "department": str}, with only
    what the questionnaire offers today."""
    stored = request.session.get(_session_key(page))
    stored = stored if isinstance(stored, dict) else {}
    answers = stored.get("answers")
    answers = answers if isinstance(answers, dict) else {}
    kept = {}
    for slug, value in answers.items():
        question = questionnaire.question(slug) if isinstance(slug, str) else None
        if question is None or not isinstance(value, str):
            continue
        if value in UNSCORED or question.option(value) is not None:
            kept[slug] = value
    department = stored.get("department")
    try:
        department_validator(department)
    except ValidationError:
        department = ""
    return {"answers": kept, "department": department}


def _first_incomplete_step(questionnaire: Questionnaire, answers: dict) -> int | None:
    for number, axis in enumerate(questionnaire.axes, start=1):
        if any(question.slug not in answers for question in axis.questions):
            return number
    return None


def _private(response):
    add_never_cache_headers(response)  # private, no-store: the page shows the answers
    return response


@DiagnosticPage.route_view("step")
def step(page: DiagnosticPage, request, number: int):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    questionnaire = page.questionnaire()
    total = len(questionnaire.axes)
    if not 1 <= number <= total:
        raise Http404(gettext("This step of the diagnostic does not exist."))
    axis = questionnaire.axes[number - 1]
    last = number == total
    state = _stored_answers(request, page, questionnaire)
    status, headers = 200, {}

    if request.method == "POST":
        form = StepForm(request.POST, axis=axis, last=last)
        valid = form.is_valid()
        # What was answered is kept, whether the visitor goes on, back, or has to correct.
        state["answers"].update(form.answers())
        if last and DEPARTMENT_FIELD not in form.errors:
            state["department"] = form.cleaned_data.get(DEPARTMENT_FIELD, "")
        request.session[_session_key(page)] = state
        if PREVIOUS_BUTTON in request.POST:
            back = page.step_url(number - 1, request) if number > 1 else page.get_url(request)
            return HttpResponseRedirect(back)
        if valid and not last:
            return HttpResponseRedirect(page.step_url(number + 1, request))
        refusal = _run_limit_error(request) if valid else None
        if valid and refusal is None:
            return _finish(page, request, questionnaire, state)
        if refusal is not None:
            message, retry_after = refusal
            form.add_error(None, message)
            status, headers = 429, {"Retry-After": str(retry_after)}
    elif request.GET.get(INCOMPLETE_PARAMETER):
        # Sent back here from the last step: the missing answers are shown as errors.
        data = StepForm.initial_from(state["answers"], axis)
        if last:
            data[DEPARTMENT_FIELD] = state["department"]
        form = StepForm(data, axis=axis, last=last)
        form.is_valid()
    else:
        initial = StepForm.initial_from(state["answers"], axis)
        if last:
            initial[DEPARTMENT_FIELD] = state["department"]
        form = StepForm(initial=initial, axis=axis, last=last)

    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "axis": axis,
            "step": number,
            "steps": total,
            "last_step": last,
            "questions": form.questions(),
            "department": form[DEPARTMENT_FIELD] if last else None,
            "previous_button": PREVIOUS_BUTTON,
            "unscored_answers": UNSCORED,
        }
    )
    response = TemplateResponse(
        request, "diagnostic/diagnostic_step.html", context, status=status, headers=headers
    )
    return _private(response)


def _run_limit_error(request) -> tuple[str, int] | None:
    """A French error and the seconds to wait when this address stored too many results
    this hour (a robot filling the observatory, say); None while it may store."""
    limit = settings.DIAGNOSTIC_RUN_RATE_LIMIT
    if not limit:
        return None
    decision = rate_limit_hit(
        f"diagnostic-run:{client_address(request)}", limit=limit, window_seconds=3600
    )
    if decision.allowed:
        return None
    minutes = math.ceil(decision.retry_after / 60)
    message = ngettext(
        "Many diagnostics were completed from your connection in the last hour. Try again "
        "in %(minutes)d minute: your answers are kept.",
        "Many diagnostics were completed from your connection in the last hour. Try again "
        "in %(minutes)d minutes: your answers are kept.",
        minutes,
    ) % {"minutes": minutes}
    return message, decision.retry_after


def _finish(page: DiagnosticPage, request, questionnaire: Questionnaire, state: dict):
    missing = _first_incomplete_step(questionnaire, state["answers"])
    if missing is not None:
        # An earlier step was skipped, or the session expired on the way.
        url = page.step_url(missing, request) + f"?{INCOMPLETE_PARAMETER}=1"
        return HttpResponseRedirect(url)
    result = result_create(page=page, answers=state["answers"], department=state["department"])
    del request.session[_session_key(page)]
    return HttpResponseRedirect(page.result_url(result.pk, request))


def _result(page: DiagnosticPage, request, result_id) -> DiagnosticResult:
    found = DiagnosticResult.objects.filter(pk=result_id, page=page).first()
    if found is None:
        raise Http404(gettext("This diagnostic result does not exist."))
    return found


def _result_context(page: DiagnosticPage, request, found: DiagnosticResult) -> dict:
    outcome = result_outcome(found)
    context = page.get_context(request)
    context.update(
        {
            "result": found,
            "outcome": outcome,
            "chart": scores_chart(
                [
                    (gettext("Overall"), outcome.score),
                    *((axis.name, axis.score) for axis in outcome.axes),
                ],
                title=gettext("Score per axis"),
            ),
            "recommendations": result_recommendations(found, outcome),
            "result_url": page.result_url(found.pk, request, full=True),
            "pdf_url": page.result_pdf_url(found.pk, request) if pdf.available() else None,
            "level_bounds": [bound for bound, _level in LEVEL_BOUNDS],
        }
    )
    return context


def _for_its_holder(response):
    # No shared cache (ours included) keeps it, no search engine lists it.
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@DiagnosticPage.route_view("result")
def result(page: DiagnosticPage, request, result_id):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    context = _result_context(page, request, _result(page, request, result_id))
    return _for_its_holder(TemplateResponse(request, "diagnostic/diagnostic_result.html", context))


@DiagnosticPage.route_view("result_pdf")
def result_pdf(page: DiagnosticPage, request, result_id):
    """The action plan as a PDF file; where WeasyPrint cannot run, a page that says so and
    points to the printable result (the result page then shows no PDF link at all)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    found = _result(page, request, result_id)
    context = _result_context(page, request, found)
    if not pdf.available():
        response = TemplateResponse(request, "diagnostic/pdf_unavailable.html", context, status=503)
        return _for_its_holder(response)
    html = render_to_string("diagnostic/action_plan_pdf.html", context, request=request)
    response = HttpResponse(pdf.render(html), content_type="application/pdf")
    filename = f"plan-d-action-{found.created_at:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _for_its_holder(response)
