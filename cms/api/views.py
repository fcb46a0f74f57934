import json

from graphene_django.views import GraphQLView, HttpError

from django.conf import settings
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from . import caching, persisted
from .errors import BAD_USER_INPUT, format_error
from .middleware import PeersMiddleware
from .validation import validation_rules

JSON_TYPES = ("application/json", "application/graphql")


def error_response(status: int, message: str, **headers) -> HttpResponse:
    body = {"errors": [{"message": message, "extensions": {"code": BAD_USER_INPUT}}]}
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


# Only JSON bodies are accepted, which a cross-site form cannot send without a CORS
# preflight, so the endpoint needs no CSRF token (and sets no cookie).
@method_decorator(csrf_exempt, name="dispatch")
class GraphQLApiView(GraphQLView):
    """The public GraphQL endpoint: GET and JSON POST, bounded, with coded errors; anonymous
    answers cached (`caching`), and Apollo's persisted queries (`persisted`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("graphiql", settings.GRAPHIQL_ENABLED)
        kwargs.setdefault("middleware", [PeersMiddleware()])
        kwargs.setdefault(
            "validation_rules", validation_rules(max_depth=settings.GRAPHQL_MAX_DEPTH)
        )
        super().__init__(**kwargs)

    @staticmethod
    def format_error(error):
        return format_error(error)

    def dispatch(self, request, *args, **kwargs):
        if self.serves_graphiql(request):
            caching.mark_private(request)
        return caching.finish(request, self.respond(request, *args, **kwargs))

    def serves_graphiql(self, request) -> bool:
        return request.method == "GET" and self.graphiql and self.request_wants_html(request)

    def respond(self, request, *args, **kwargs):
        if request.method not in ("GET", "POST"):
            return error_response(
                405, gettext("Only the GET and POST methods are accepted."), Allow="GET, POST"
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
        # A GET carries its parameters in the URL; Apollo still sends it with
        # `Content-Type: application/json`, and an empty body is no JSON.
        if request.method == "GET":
            return request.GET.dict()
        return super().parse_body(request)

    def execute_graphql_request(self, request, *args, **kwargs):
        result = super().execute_graphql_request(request, *args, **kwargs)
        caching.note_result(request, result)
        return result
