import json

from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from cms.unavailable import database_outage

from . import caching, persisted
from .errors import BAD_USER_INPUT, BadUserInput, expand_errors, format_error
from .inputs import ControlCharactersRule, variables_error
from .middleware import PeersMiddleware
from .validation import Limits, token_limit_error, validation_rules

JSON_TYPES = ("application/json", "application/graphql")


def error_response(status: int, message: str, **headers) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"code": BAD_USER_INPUT}}]}
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


class BadRequest(HttpError):
    """A 400 whose (translated) message is shown to the client as it is."""

    def __init__(self, message: str):
        super().__init__(HttpResponseBadRequest(), message)


def query_limits() -> Limits:
    return Limits(
        depth=settings.GRAPHQL_MAX_DEPTH,
        aliases=settings.GRAPHQL_MAX_ALIASES,
        directives=settings.GRAPHQL_MAX_DIRECTIVES,
        cost=settings.GRAPHQL_MAX_COST,
        default_page_size=settings.GRAPPLE["PAGE_SIZE"],
        max_page_size=settings.GRAPHQL_MAX_PAGE_SIZE,
        unsized_list_cost=settings.GRAPHQL_UNSIZED_LIST_COST,
    )


# Only JSON bodies are accepted, which a cross-site form cannot send without a CORS
# preflight, so the endpoint needs no CSRF token (and sets no cookie).
@method_decorator(csrf_exempt, name="dispatch")
class GraphQLApiView(GraphQLView):
    """The public GraphQL endpoint: GET and JSON POST, bounded, with coded errors; anonymous
    answers cached (`caching`), and Apollo's persisted queries (`persisted`)."""

    # Its links come from SITE_URL, never from the request's site (see cms.page_routing).
    uses_wagtail_site = False

    def __init__(self, **kwargs):
        kwargs.setdefault("graphiql", settings.GRAPHIQL_ENABLED)
        kwargs.setdefault("middleware", [PeersMiddleware()])
        super().__init__(**kwargs)

    @staticmethod
    def format_error(error):
        return format_error(error)

    def dispatch(self, request, *args, **kwargs):
        if request.method == "HEAD":
            return self.serve_head(request, *args, **kwargs)
        if self.serves_graphiql(request):
            caching.mark_private(request)
        return caching.finish(request, self.respond(request, *args, **kwargs))

    def serve_head(self, request, *args, **kwargs):
        """A CDN or an uptime probe sends HEAD: it gets the GET's status and headers (ETag
        and Cache-Control included); the server drops the body, as gunicorn and runserver
        do for every Django view. The request reads as a GET while the view runs, so that
        every rule on GETs holds for it, graphene's refusal of mutations first."""
        request.method = "GET"
        try:
            return self.dispatch(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    def serves_graphiql(self, request) -> bool:
        return request.method == "GET" and self.graphiql and self.request_wants_html(request)

    def respond(self, request, *args, **kwargs):
        if request.method not in ("GET", "POST"):
            return error_response(
                405, gettext("Only the GET and POST methods are accepted."), Allow="GET, HEAD, POST"
            )
        if request.method == "POST" and self.get_content_type(request) not in JSON_TYPES:
            return error_response(
                415, gettext("Send the request as JSON (Content-Type: application/json).")
            )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.GRAPHQL_MAX_BODY_BYTES:
            return error_response(413, gettext("The request is too large."))

        if self.serves_graphiql(request):
            return super().dispatch(request, *args, **kwargs)

        try:
            data = self.parse_body(request)
            stored = persisted.resolve(request, data)
            if stored:
                data = {**data, "query": stored.query}
            query, variables, operation_name, _id = self.get_graphql_params(request, data)
            key = caching.response_key(request, query, variables, operation_name)
            cached = caching.lookup(request, key)
            if cached is not None:
                return HttpResponse(cached, content_type="application/json")
            result, status = self.get_response(request, data)
        except persisted.PersistedQueryError as exc:
            caching.mark_private(request)
            return HttpResponse(
                json.dumps(exc.body), status=exc.status, content_type="application/json"
            )
        except HttpError as exc:
            status = exc.response.status_code
            if status == 405:
                message = gettext("Mutations are sent with POST.")
            elif isinstance(exc, BadRequest):
                message = exc.message
            else:
                message = gettext("Invalid request: send a `query` parameter and valid JSON.")
            headers = {"Allow": "POST"} if status == 405 else {}
            return error_response(status, message, **headers)
        response = HttpResponse(result, status=status, content_type="application/json")
        caching.store(request, key, status, response.content)
        if stored and status == 200:
            persisted.remember(stored)
        return response

    def parse_body(self, request):
        """A GET carries its parameters in the URL (Apollo still sends it with
        `Content-Type: application/json`, and an empty body is no JSON). A JSON body must
        be one object; a batch (a list) is not supported, and JSON nested past the
        parser's recursion limit is refused rather than crashing."""
        if request.method == "GET":
            return request.GET.dict()
        if self.get_content_type(request) != "application/json":
            return super().parse_body(request)
        try:
            data = json.loads(request.body)
        except RecursionError:
            raise BadRequest(gettext("The JSON body is nested too deeply.")) from None
        except ValueError:
            raise BadRequest(gettext("The body is not valid JSON.")) from None
        if isinstance(data, list):
            raise BadRequest(
                gettext("Batched queries are not supported: send one JSON object per request.")
            )
        if not isinstance(data, dict):
            raise BadRequest(gettext("The JSON body must be an object with a `query` key."))
        return data

    @staticmethod
    def get_graphql_params(request, data):
        try:
            return GraphQLView.get_graphql_params(request, data)
        except RecursionError:
            raise BadRequest(gettext("The variables are nested too deeply.")) from None

    def execute_graphql_request(self, request, data, query, variables, *args, **kwargs):
        """Checks what needs no parsing first (types of the parameters, control characters,
        the token count), then validates with the limits, which need the variables to read
        page sizes. A view instance serves one request, so the rules may be set here."""
        if query is not None and not isinstance(query, str):
            error = BadUserInput(gettext("`query` must be a string."), field="query")
            return ExecutionResult(errors=[error])
        if query:
            error = variables_error(variables) or token_limit_error(
                query, settings.GRAPHQL_MAX_TOKENS
            )
            if error is not None:
                return ExecutionResult(errors=[error])
        self.validation_rules = (
            *validation_rules(
                limits=query_limits(),
                variables=variables,
                introspection=settings.GRAPHQL_INTROSPECTION,
            ),
            ControlCharactersRule,
        )
        result = super().execute_graphql_request(request, data, query, variables, *args, **kwargs)
        if result is not None:
            # The database is down: the whole answer is a 503 (`cms.unavailable`), not a
            # 200 whose fields say INTERNAL.
            if outage := database_outage(result.errors):
                raise outage
            result.errors = expand_errors(result.errors)
        caching.note_result(request, result)
        return result
