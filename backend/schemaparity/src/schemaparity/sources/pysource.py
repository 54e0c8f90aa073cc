"""Python source read as text (ast), for files that may not even import."""

from __future__ import annotations

import ast


def assigns(node: ast.AST, name: str) -> bool:
    """True when `node` is a plain or annotated assignment to `name`."""
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    else:
        return False
    return any(isinstance(target, ast.Name) and target.id == name for target in targets)


def module_constant(tree: ast.Module, name: str) -> object:
    """The literal value assigned to `name` at module level, or None."""
    for node in tree.body:
        if assigns(node, name) and node.value is not None:
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None
