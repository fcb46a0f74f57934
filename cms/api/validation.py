"""Limits on a query's size and cost, checked before anything runs, added to graphql-core's
standard validation rules.

Every measure is taken in one walk of the document that visits each selection once: a
fragment is measured once, under its type condition, and its figures are reused wherever it
is spread. A chain of fragments that each spread the previous one twice is therefore
measured in linear time, while its figures (aliases, directives, cost) grow as the executed
query would. Unknown and cyclic fragments count for nothing here: the standard rules report
them."""

from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    IntValueNode,
    Lexer,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    Source,
    TokenKind,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    specified_rules,
)
from graphql.type.definition import GraphQLInterfaceType, GraphQLObjectType

from django.utils.translation import gettext

from .errors import QueryTooComplex

# Arguments that say how many items a list field returns.
SIZE_ARGUMENTS = ("perPage", "limit")


@dataclass(frozen=True)
class Limits:
    depth: int
    aliases: int
    directives: int
    cost: int
    default_page_size: int
    max_page_size: int
    # The assumed length of a list field that takes no size argument.
    unsized_list_cost: int


@dataclass
class Measure:
    """Figures of a selection set, as the executed query would have them."""

    depth: int = 0
    aliases: int = 0
    directives: int = 0
    cost: int = 0

    def add(self, other: "Measure", *, items: int = 1, deeper: int = 0) -> None:
        """Adds a part of the query; `items` is how many times a list runs it, which
        multiplies its cost only: aliases and directives are counted in the document."""
        self.depth = max(self.depth, other.depth + deeper)
        self.aliases += other.aliases
        self.directives += other.directives
        self.cost += other.cost * items


class _Walker:
    """Measures one operation of a document. `visited` counts the selections read, the
    figure tests use to check that the walk stays linear."""

    def __init__(self, schema, document, variables: dict, limits: Limits):
        self.schema = schema
        self.variables = variables or {}
        self.limits = limits
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.page_types = page_types(schema)
        self.measured: dict[str, Measure] = {}
        self.in_progress: set[str] = set()
        self.visited = 0
        self.variable_defaults: dict = {}

    def operation(self, node: OperationDefinitionNode) -> Measure:
        self.variable_defaults = {
            definition.variable.name.value: definition.default_value
            for definition in node.variable_definitions or ()
        }
        root = self.schema.get_root_type(node.operation)
        measure = Measure(directives=len(node.directives or ()))
        if root is not None:
            measure.add(self.selection_set(node.selection_set, root))
        return measure

    def selection_set(self, selection_set, parent_type) -> Measure:
        measure = Measure()
        for selection in selection_set.selections:
            self.visited += 1
            measure.directives += len(selection.directives or ())
            if isinstance(selection, FieldNode):
                measure.add(self.field(selection, parent_type))
            elif isinstance(selection, InlineFragmentNode):
                condition = parent_type
                if selection.type_condition is not None:
                    condition = self.schema.get_type(selection.type_condition.name.value)
                measure.add(self.selection_set(selection.selection_set, condition))
            elif isinstance(selection, FragmentSpreadNode):
                measure.add(self.fragment(selection.name.value))
        return measure

    def fragment(self, name: str) -> Measure:
        if name in self.measured:
            return self.measured[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return Measure()
        self.in_progress.add(name)
        condition = self.schema.get_type(definition.type_condition.name.value)
        measure = Measure(directives=len(definition.directives or ()))
        measure.add(self.selection_set(definition.selection_set, condition))
        self.in_progress.discard(name)
        self.measured[name] = measure
        return measure

    def field(self, node: FieldNode, parent_type) -> Measure:
        measure = Measure(aliases=1 if node.alias else 0)
        if node.name.value.startswith("__"):
            # Introspection and `__typename` are answered from the schema, without data.
            return measure
        definition = None
        if isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent_type.fields.get(node.name.value)
        if node.selection_set is None:
            measure.depth = 1
            return measure
        field_type = definition.type if definition else None
        children = self.selection_set(
            node.selection_set, get_named_type(field_type) if field_type else None
        )
        # An object field costs one, a list field its size; what the field selects is
        # paid once per item, so nested lists multiply.
        size = self.size(node, definition, parent_type)
        measure.add(children, items=size, deeper=1)
        measure.cost += size
        return measure

    def size(self, node: FieldNode, definition, parent_type) -> int:
        if definition is None:
            return 1
        for name in SIZE_ARGUMENTS:
            if name not in definition.args:
                continue
            value = self.argument_value(node, name)
            if value is None:
                value = definition.args[name].default_value
            if not isinstance(value, int) or isinstance(value, bool):
                value = self.limits.default_page_size
            # A larger page is refused by the field itself, with a clearer message.
            return max(1, min(value, self.limits.max_page_size))
        if not isinstance(get_nullable_type(definition.type), GraphQLList):
            return 1
        if parent_type in self.page_types:
            # A page's `items`: the sized field above already pays one per item.
            return 1
        # Nothing bounds it in the query, but it runs once per item of every list
        # around it, so it is counted at an assumed length.
        return self.limits.unsized_list_cost

    def argument_value(self, node: FieldNode, name: str):
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, VariableNode):
                variable = value.name.value
                if variable in self.variables:
                    return self.variables[variable]
                value = self.variable_defaults.get(variable)
            if isinstance(value, IntValueNode):
                try:
                    return int(value.value)
                except ValueError:
                    return None
            return None
        return None


@lru_cache(maxsize=4)
def page_types(schema: GraphQLSchema) -> frozenset:
    """The types that sized fields return when they do not return a list themselves: a
    page (`items`, `pagination`), whose size is the field's argument."""
    types = set()
    for named in schema.type_map.values():
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for field in named.fields.values():
            returned = get_nullable_type(field.type)
            if not isinstance(returned, GraphQLList) and any(
                name in field.args for name in SIZE_ARGUMENTS
            ):
                types.add(get_named_type(returned))
    return frozenset(types)


def measure_operation(schema, document, node, *, variables=None, limits: Limits):
    """Figures of one operation, and the number of selections the walk read."""
    walker = _Walker(schema, document, variables, limits)
    return walker.operation(node), walker.visited


def _too_complex(message: str, *, value: int, limit: int, what: str, **figures) -> QueryTooComplex:
    error = QueryTooComplex(message % {"value": value, "limit": limit, **figures})
    error.extensions.update({"limit": limit, "value": value, "measure": what})
    return error


def limits_rule(limits: Limits, variables: dict | None) -> type[ValidationRule]:
    class QueryLimitsRule(ValidationRule):
        def enter_operation_definition(self, node, *_args):
            measure, _visited = measure_operation(
                self.context.schema,
                self.context.document,
                node,
                variables=variables,
                limits=limits,
            )
            checks = (
                (
                    "depth",
                    measure.depth,
                    limits.depth,
                    gettext("The query is too deep (%(value)s levels, %(limit)s at most)."),
                ),
                (
                    "aliases",
                    measure.aliases,
                    limits.aliases,
                    gettext("The query has too many aliases (%(value)s, %(limit)s at most)."),
                ),
                (
                    "directives",
                    measure.directives,
                    limits.directives,
                    gettext("The query has too many directives (%(value)s, %(limit)s at most)."),
                ),
                (
                    "cost",
                    measure.cost,
                    limits.cost,
                    gettext(
                        "The query costs too much (%(value)s, %(limit)s at most): each list "
                        "costs its page size (%(unsized)s if it takes none), multiplied by "
                        "the lists around it."
                    ),
                ),
            )
            for what, value, limit, message in checks:
                if value > limit:
                    # Figures a message does not name are ignored by `%`.
                    error = _too_complex(
                        message,
                        value=value,
                        limit=limit,
                        what=what,
                        unsized=limits.unsized_list_cost,
                    )
                    error.nodes = [node]
                    self.report_error(error)

    return QueryLimitsRule


def validation_rules(
    *, limits: Limits, variables: dict | None = None, introspection: bool = True
) -> tuple:
    rules = [*specified_rules, limits_rule(limits, variables)]
    if not introspection:
        # Unlike graphene's DisableIntrospection, this rule still answers `__typename`.
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def count_tokens(query: str, limit: int) -> int:
    """Lexical tokens of a query, counted up to `limit + 1`: past the limit, the exact
    figure is not worth lexing the rest. Comments are skipped (the body size bounds them);
    a syntax error stops the count and is left to the parser, which words it."""
    lexer = Lexer(Source(query))
    count = 0
    try:
        token = lexer.advance()
        while token.kind != TokenKind.EOF and count <= limit:
            count += 1
            token = lexer.advance()
    except GraphQLSyntaxError:
        pass
    return count


def token_limit_error(query: str, max_tokens: int) -> GraphQLError | None:
    """Counted before parsing, which is where a huge document costs memory."""
    if count_tokens(query, max_tokens) <= max_tokens:
        return None
    error = QueryTooComplex(
        gettext("The query has too many tokens (more than %(limit)s).") % {"limit": max_tokens}
    )
    error.extensions.update({"limit": max_tokens, "measure": "tokens"})
    return error
