"""What a query selects below the field being resolved, for resolvers that load more
or less depending on it."""

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode


def _selected(info, path) -> set[tuple[str | None, str]]:
    """(type condition or None, field name) of the fields selected at `path`."""
    found: set[tuple[str | None, str]] = set()
    for node in info.field_nodes:
        if node.selection_set:
            _walk(node.selection_set, info, path, None, found)
    return found


def selected_type_names(info, *path: str) -> set[str]:
    """The types on which fragments select fields at `path` below the field being
    resolved (`path` is GraphQL field names, such as `"items"`): `{ items { ... on
    ToolPage { licence } } }` gives `{"ToolPage"}`. Named fragments count as inline ones."""
    return {type_name for type_name, _field in _selected(info, path) if type_name}


def selected_field_names(info, *path: str) -> set[str]:
    """The names (as in the schema) of the fields selected at `path` below the field
    being resolved, on any type."""
    return {field for _type_name, field in _selected(info, path)}


def _walk(selection_set: SelectionSetNode, info, path, type_name, found) -> None:
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            if not path:
                found.add((type_name, node.name.value))
            elif node.name.value == path[0] and node.selection_set:
                _walk(node.selection_set, info, path[1:], None, found)
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else type_name
            _walk(node.selection_set, info, path, condition, found)
        elif isinstance(node, FragmentSpreadNode):
            # Validation has refused unknown fragments and cycles before any resolver runs.
            fragment = info.fragments[node.name.value]
            _walk(fragment.selection_set, info, path, fragment.type_condition.name.value, found)
