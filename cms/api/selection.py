"""What a query selects below the field being resolved, for resolvers that load more
or less depending on it."""

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode


def selected_type_names(info, *path: str) -> set[str]:
    """The types on which fragments select fields at `path` below the field being
    resolved (`path` is GraphQL field names, such as `"items"`): `{ items { ... on
    ToolPage { licence } } }` gives `{"ToolPage"}`. Named fragments count as inline ones."""
    found: set[str] = set()
    for node in info.field_nodes:
        if node.selection_set:
            _walk(node.selection_set, info, path, None, found)
    return found


def _walk(selection_set: SelectionSetNode, info, path, type_name, found) -> None:
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            if not path:
                if type_name:
                    found.add(type_name)
            elif node.name.value == path[0] and node.selection_set:
                _walk(node.selection_set, info, path[1:], None, found)
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else type_name
            _walk(node.selection_set, info, path, condition, found)
        elif isinstance(node, FragmentSpreadNode):
            # Validation has refused unknown fragments and cycles before any resolver runs.
            fragment = info.fragments[node.name.value]
            _walk(fragment.selection_set, info, path, fragment.type_condition.name.value, found)
