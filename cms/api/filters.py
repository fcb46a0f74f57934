"""GraphQL arguments and validation derived from a django-filter `FilterSet`.

A listing's filters are defined once, as a `FilterSet` in its app. The HTML listing
binds it to the query string; a GraphQL root field gets its arguments from
`filter_arguments()` and its queryset from `filter_queryset()`. Both surfaces
therefore accept the same values and report the same error wording, and adding a
filter means adding it to the `FilterSet` only.

Each filter exposed to the API is declared with `api()`, which records its GraphQL
description, and its name when the HTML parameter differs (`q` is `search`). A filter
whose form takes structured text (`slug:answer`) may take a list of input objects in
GraphQL instead (`ApiInput`), each turned into one of the form's values."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum as PyEnum

import graphene

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

from .errors import BadUserInput


@dataclass(frozen=True)
class ApiInput:
    """A list of GraphQL input objects for a filter whose form values are text: the input
    type's `name`, `description`, its `fields()` (name → (GraphQL type, description), all
    required; a function, so that enums are built with the schema) and `to_form`, which
    turns one input object (a dict of plain values, enums as their codes) into one of the
    form's values."""

    name: str
    description: str
    fields: Callable[[], dict]
    to_form: Callable[[dict], str]


@dataclass(frozen=True)
class ApiArgument:
    description: str
    name: str | None = None
    # (type name, description) of the GraphQL enum built from the filter's choices.
    enum: tuple[str, str] | None = None
    # A graphene scalar, where the form field's own does not say it: an integer form
    # field is an `ID` unless told it is a quantity (`graphene.Int`).
    scalar: type | None = None
    input: ApiInput | None = None


def api(
    filter_,
    description: str,
    *,
    name: str | None = None,
    enum=None,
    scalar=None,
    input=None,  # noqa: A002
):
    """Expose a filter as a GraphQL argument."""
    filter_.api = ApiArgument(description, name, enum, scalar, input)
    return filter_


_ENUMS: dict[str, type[graphene.Enum]] = {}


def enum_from_choices(name: str, choices, description: str) -> type[graphene.Enum]:
    """A GraphQL enum whose members are the upper-cased codes (OUTIL, PRIX_LIBRE…) and
    whose values are the codes, described by the choices' labels. The blank choice of
    an HTML select is left out. One type per name, so that every argument or field
    built from the same choices shares it."""
    if name in _ENUMS:
        return _ENUMS[name]
    labels = {value: str(label) for value, label in choices if value}
    py_enum = PyEnum(name, [(value.upper(), value) for value in labels])

    def describe(member):
        return description if member is None else labels[member.value]

    _ENUMS[name] = graphene.Enum.from_enum(py_enum, description=describe)
    return _ENUMS[name]


_INPUTS: dict[str, type[graphene.InputObjectType]] = {}


def input_type(spec: ApiInput) -> type[graphene.InputObjectType]:
    """One GraphQL input type per name."""
    if spec.name not in _INPUTS:
        fields = {
            name: graphene.InputField(graphene.NonNull(field_type), description=description)
            for name, (field_type, description) in spec.fields().items()
        }
        meta = type("Meta", (), {"description": spec.description})
        _INPUTS[spec.name] = type(spec.name, (graphene.InputObjectType,), {**fields, "Meta": meta})
    return _INPUTS[spec.name]


def _api_filters(filterset_class):
    """(GraphQL name, filter name, filter) of the filters exposed to the API, in
    declaration order."""
    return [
        (filter_.api.name or name, name, filter_)
        for name, filter_ in filterset_class.base_filters.items()
        if getattr(filter_, "api", None) is not None
    ]


def _graphql_type(filter_):
    if filter_.api.scalar is not None:
        return filter_.api.scalar
    field_class = filter_.field_class
    if filter_.api.input:
        return graphene.List(graphene.NonNull(input_type(filter_.api.input)))
    if filter_.api.enum:
        name, description = filter_.api.enum
        enum = enum_from_choices(name, tuple(filter_.extra["choices"]), description)
        if issubclass(field_class, forms.MultipleChoiceField):
            return graphene.List(graphene.NonNull(enum))
        return enum
    if issubclass(field_class, forms.MultipleChoiceField):
        return graphene.List(graphene.NonNull(graphene.String))
    if issubclass(field_class, forms.DateTimeField):
        return graphene.DateTime
    if issubclass(field_class, forms.IntegerField | forms.ModelChoiceField):
        return graphene.ID
    return graphene.String


def filter_arguments(filterset_class) -> dict[str, graphene.Argument]:
    """The GraphQL arguments of a listing, one per exposed filter."""
    arguments = {}
    for api_name, _name, filter_ in _api_filters(filterset_class):
        arguments[api_name] = graphene.Argument(
            _graphql_type(filter_), description=filter_.api.description
        )
    return arguments


def _form_value(value):
    """GraphQL values as the form expects them: enum members become their codes."""
    if isinstance(value, list | tuple):
        return [_form_value(item) for item in value]
    return getattr(value, "value", value)


def filter_queryset(filterset_class, arguments: dict, **kwargs):
    """The filtered queryset for GraphQL `arguments`, or a `BAD_USER_INPUT` error whose
    wording is the form's, as on the HTML listing."""
    data = MultiValueDict()
    for api_name, name, filter_ in _api_filters(filterset_class):
        value = arguments.get(api_name)
        if value is None:
            continue
        if filter_.api.input:
            value = [
                filter_.api.input.to_form({key: _form_value(v) for key, v in item.items()})
                for item in value
            ]
        value = _form_value(value)
        data.setlist(name, value if isinstance(value, list) else [value])
    filterset = filterset_class(data, **kwargs)
    if not filterset.is_valid():
        names = {name: api_name for api_name, name, _filter in _api_filters(filterset_class)}
        name, errors = next(iter(filterset.errors.items()))
        field = names.get(name, name)
        message = gettext("%(label)s: %(value)s") % {"label": field, "value": " ".join(errors)}
        raise BadUserInput(message, field=field)
    return filterset.qs
