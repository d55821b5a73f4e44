"""YAML read safely and within bounds: no nesting beyond MAX_NESTING, no alias bombs.

PyYAML composes an alias as a second reference to the same node, so a "billion laughs"
document is small when composed and only explodes when walked. Before constructing, the
composed graph's size with every alias expanded is counted (each distinct node once, with
memoised sizes) and refused beyond MAX_YAML_NODES; a node that contains itself is refused too.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from coding.errors import CodingInputError
from coding.file_limits import MAX_NESTING, MAX_YAML_NODES


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that refuses to compose nodes nested deeper than MAX_NESTING."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose one node, counting how deep it is."""
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise yaml.YAMLError(f"nested more than {MAX_NESTING} levels deep")
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self.depth -= 1


def load_yaml(text: str, source: str) -> Any:
    """Parse one YAML document within the bounds; errors name `source`."""
    try:
        loader = _BoundedLoader(text)
    except yaml.YAMLError as exc:  # the reader refuses unprintable characters at once
        raise CodingInputError(f"{source}: not valid YAML: {_one_line(exc)}") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded_size(node, source)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise CodingInputError(f"{source}: not valid YAML: {_one_line(exc)}") from None
    finally:
        loader.dispose()


def _one_line(exc: yaml.YAMLError) -> str:
    """PyYAML's message, which puts where it failed on lines of their own, on one line."""
    return " ".join(str(exc).split())


def expanded_size(root: Node, source: str) -> int:
    """The number of nodes `root` stands for with aliases expanded; refused beyond the limit."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_YAML_NODES:
                raise CodingInputError(
                    f"{source}: refused: its aliases expand to more than {MAX_YAML_NODES:,} "
                    "values (a YAML alias bomb?)"
                )
        elif key in open_nodes:
            raise CodingInputError(f"{source}: refused: an alias refers to its own anchor")
        elif key not in sizes:
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []
