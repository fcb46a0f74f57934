"""Extra validation rules, added to graphql-core's standard ones."""

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    ValidationRule,
    specified_rules,
)

from django.utils.translation import gettext

from .errors import QueryTooComplex


def _depth(selection_set, fragments, depth, visited) -> int:
    """Depth of a selection set; unknown or cyclic fragments are left to the standard
    rules, which report them."""
    deepest = depth
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            if selection.selection_set is None:
                deepest = max(deepest, depth + 1)
            else:
                deepest = max(
                    deepest, _depth(selection.selection_set, fragments, depth + 1, visited)
                )
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, depth, visited))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in visited or name not in fragments:
                continue
            deepest = max(
                deepest, _depth(fragments[name].selection_set, fragments, depth, visited | {name})
            )
    return deepest


def depth_limit_rule(max_depth: int) -> type[ValidationRule]:
    class DepthLimitRule(ValidationRule):
        def enter_operation_definition(self, node, *_args):
            fragments = {
                definition.name.value: definition
                for definition in self.context.document.definitions
                if isinstance(definition, FragmentDefinitionNode)
            }
            depth = _depth(node.selection_set, fragments, 0, frozenset())
            if depth > max_depth:
                error = QueryTooComplex(
                    gettext("The query is too deep (%(depth)s levels, %(max_depth)s at most).")
                    % {"depth": depth, "max_depth": max_depth}
                )
                error.nodes = [node]
                self.report_error(error)

    return DepthLimitRule


def validation_rules(*, max_depth: int) -> tuple:
    return (*specified_rules, depth_limit_rule(max_depth))
