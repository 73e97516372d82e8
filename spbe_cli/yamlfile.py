"""Safe YAML for rubrics and answer files: exact decimals, no aliases or tags, located errors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from spbe_cli.i18n import Msg, msg

try:  # the C parser is much faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class YamlProblem(Exception):
    """A YAML syntax or structure problem at a 1-based line."""

    def __init__(self, line: int | None, message: Msg) -> None:
        self.line = line
        self.message = message
        super().__init__(str(message))


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _check_node(node: yaml.Node, budget: list[int]) -> None:
    """Reject aliases (alias bombs) and explicit tags; bound the node count."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            raise YamlProblem(_line(n), msg("rubric.yaml.alias"))
        seen.add(id(n))
        budget[0] -= 1
        if budget[0] < 0:
            raise YamlProblem(_line(n), msg("rubric.yaml.too_many_nodes"))
        if n.tag.startswith("!") or (
            n.tag.startswith("tag:yaml.org,2002:python") or "python/" in n.tag
        ):
            raise YamlProblem(_line(n), msg("rubric.yaml.tag", tag=n.tag))
        if isinstance(n, yaml.MappingNode):
            keys: dict[Any, int] = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in keys:
                        raise YamlProblem(
                            _line(k),
                            msg("rubric.yaml.duplicate", name=repr(k.value), first=keys[k.value]),
                        )
                    keys[k.value] = _line(k)
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


class _Loader(_BaseLoader):
    """SafeLoader whose floats become exact Decimals (weights such as 1.30 stay 1.30) and
    whose booleans are YAML 1.2's true/false only: `no:` is a key named "no", not False."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal | float:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if len(text) > 60:
        raise YamlProblem(_line(node), msg("rubric.yaml.number_long", number=text[:20]))
    try:
        return Decimal(text)
    except InvalidOperation:  # .inf / .nan: keep YAML's meaning, validation rejects them
        return float(yaml.SafeLoader.construct_yaml_float(loader, node))


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _int(loader: _Loader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if len(text.replace("_", "")) > 30:
        raise YamlProblem(_line(node), msg("rubric.yaml.number_digits", number=text[:20]))
    return int(yaml.SafeLoader.construct_yaml_int(loader, node))


_Loader.add_constructor("tag:yaml.org,2002:int", _int)


def load(text: str, max_nodes: int = 200_000, guarded: bool = True) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML document; return the data and its node tree (for locating errors).

    `guarded=False` skips the guards against hostile documents (the event pre-scan, the
    node check): for the rubrics shipped in the package only, which the tests hold to
    every guard; a batch parses them before it starts its workers."""
    try:
        if guarded:
            _prescan(text, max_nodes)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, None
            if guarded:
                _check_node(node, [max_nodes])
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        # spbe's own words, with the place PyYAML found: its wording changes between versions
        mark = e.problem_mark or e.context_mark
        line = int(mark.line) + 1 if mark is not None else None
        raise YamlProblem(line, _syntax_words(e, line)) from None
    except yaml.YAMLError:
        raise YamlProblem(None, msg("rubric.yaml.invalid")) from None
    return data, node


def _syntax_words(e: yaml.MarkedYAMLError, line: int | None) -> Msg:
    """Where PyYAML found a syntax error, in spbe's words: its own wording changes between
    versions."""
    mark = e.problem_mark or e.context_mark
    column = int(mark.column) + 1 if mark is not None else None
    start = int(e.context_mark.line) + 1 if e.context_mark is not None else None
    if e.problem_mark is None or start == line:
        start = None
    if column is None:
        return msg("rubric.yaml.syntax")
    if start is None:
        return msg("rubric.yaml.syntax_at", column=column)
    return msg("rubric.yaml.syntax_from", column=column, start=start)


MAX_DEPTH = 64


def _prescan(text: str, max_nodes: int) -> None:
    """One pass over the parser's events before anything is built: aliases are refused at
    their own line (alias bombs), and so are documents nested deeper than MAX_DEPTH or with
    more than `max_nodes` nodes, which would otherwise cost time and memory to compose."""
    _prescan_flow(text, budget=2 * max_nodes)
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(_event_line(event), msg("rubric.yaml.alias"))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(_event_line(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > max_nodes:
                raise YamlProblem(
                    _event_line(event), msg("rubric.yaml.nodes", most=f"{max_nodes:,}")
                )


# What the flow scanner stops at: brackets, quotes, comments and line ends.
_FLOW_MARK = re.compile(r"[\[\]{}'\"#\n]")
_QUOTED = {"'": re.compile(r"(?:[^']|'')*'"), '"': re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)}
_BLOCK_SCALAR = re.compile(r"(?:^|[:?-])\s*[|>][-+0-9]*\s*(?:#.*)?$")


def _prescan_flow(text: str, budget: int) -> None:
    """Refuse flow collections ([…], {…}) nested deeper than MAX_DEPTH before any YAML
    library sees the text. Parsers have nesting limits of their own, and a scanner that
    looks ahead for simple keys reaches its limit before the event pass below sees depth
    MAX_DEPTH + 1: the message must not depend on which library notices first.

    Counting the opening brackets is the fast path (an answer file or rubric has few);
    only past MAX_DEPTH of them is the text read as YAML reads it: brackets inside quoted
    scalars, comments, block scalars and plain text after a key do not count. That read
    stops after `budget` marks; what lies beyond is left to the node-count pass."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = pos = line_start = 0
    for _ in range(budget):
        m = _FLOW_MARK.search(text, pos)
        if m is None:
            return
        char, at = m.group(), m.start()
        pos = at + 1
        if char == "\n":
            row = text[line_start:at]
            if depth == 0 and _BLOCK_SCALAR.search(row.rstrip()):
                pos = _skip_block_scalar(text, pos, _indent(row))
            line_start = pos
        elif char == "#":
            if at == line_start or text[at - 1] in " \t":  # a comment runs to the line's end
                end = text.find("\n", at)
                pos = len(text) if end < 0 else end
        elif char in "'\"":
            if _value_start(text, line_start, at, depth > 0):
                closed = _QUOTED[char].match(text, pos)
                if closed is None:
                    return  # unterminated: the parser reports it
                pos = closed.end()
                newline = text.rfind("\n", at, pos)
                if newline >= 0:
                    line_start = newline + 1
        elif char in "[{":
            if depth > 0 or _value_start(text, line_start, at, False):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(text.count("\n", 0, at) + 1)
        else:
            depth = max(depth - 1, 0)


def _too_deep(line: int | None) -> YamlProblem:
    return YamlProblem(line, msg("rubric.yaml.deep", most=MAX_DEPTH))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _skip_block_scalar(text: str, pos: int, parent: int) -> int:
    """The offset of the first line after a block scalar (`|`, `>`) whose header line is
    indented by `parent`: its content is every following blank or more indented line."""
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.strip() and _indent(line) <= parent:
            return pos
        pos = end + 1
    return len(text)


def _value_start(text: str, line_start: int, at: int, in_flow: bool) -> bool:
    """Whether a bracket or quote at `at` begins a value, as YAML reads it, rather than
    sitting inside plain text: it follows an indicator (and, in block context, a space)."""
    end = at
    while end > line_start and text[end - 1] in " \t":
        end -= 1
    if end == line_start:
        return True
    if in_flow:
        return text[end - 1] in "[{,:?"
    return text[end - 1] in ":-?" and end < at


def _event_line(event: yaml.Event) -> int | None:
    mark = event.start_mark
    return int(mark.line) + 1 if mark is not None else None


def locate(node: yaml.Node | None, path: Sequence[int | str]) -> int | None:
    """The 1-based line of the value at `path` (pydantic's loc), or of its nearest parent."""
    if node is None:
        return None
    line = _line(node)
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                    node, line = v, _line(k)
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                node = node.value[step]
                line = _line(node)
            else:
                return line
        else:
            return line
    return line


def path_text(path: Sequence[int | str]) -> str:
    """pydantic loc → `aspects[2].indicators[0].weight`."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + str(step)
    return out
