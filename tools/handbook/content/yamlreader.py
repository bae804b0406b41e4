"""Read a page's text into front-matter, body and the position of every key and value.

PyYAML is used only to compose a node tree (no object is ever constructed by
PyYAML, so no tag can run code); this module builds the plain values itself
from that tree. Doing so lets it see what ``yaml.safe_load`` hides: duplicate
keys (PyYAML keeps the last), YAML 1.1 booleans such as ``no`` where text was
meant, aliases (the root of alias bombs) and unknown tags. Dates stay the
strings they were written as, so that ``2021-02-30`` is reported, not raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1_000_000
MAX_DEPTH = 20  # front-matter needs three levels at most

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_REAL_BOOLEANS = {"true", "false"}
_DELIMITER = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")

Position = tuple[int, int]  # (line, column), both from 1, in the file


@dataclass
class Finding:
    """A problem without a path: the loader adds the path."""

    line: int
    column: int
    message: str
    rule: str


@dataclass
class FrontMatter:
    meta: dict = field(default_factory=dict)
    # key path (tuple of str/int) -> position of the value; () is the mapping itself
    values: dict[tuple, Position] = field(default_factory=dict)
    # key path -> position of the key that holds it
    keys: dict[tuple, Position] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    findings: list[Finding] = field(default_factory=list)
    ok: bool = True  # False when the front-matter could not be read at all
    # The file's lines before the body ('---' to '---'), when there is a closed front-matter.
    head: str | None = None


def decode(data: bytes) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 (a BOM is dropped) and normalise line endings to LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Finding(
                line,
                column,
                f"het bestand is geen geldige UTF-8-tekst (byte 0x{data[exc.start]:02x}); "
                "sla het op als UTF-8 in je editor",
                "encoding",
            )
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Finding(line, 1, "het bestand bevat een NUL-teken; is het wel een tekstbestand?", "encoding")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split(text: str) -> FrontMatter:
    """Split a page's text into front-matter and body, and read the front-matter."""
    result = FrontMatter()
    if not text.strip():
        result.ok = False
        result.findings.append(
            Finding(1, 1, "het bestand is leeg; begin met front-matter tussen twee regels '---'", "empty-file")
        )
        return result
    lines = text.split("\n")
    if not _DELIMITER.match(lines[0]):
        result.ok = False
        result.findings.append(
            Finding(
                1,
                1,
                "front-matter ontbreekt: de eerste regel moet '---' zijn, gevolgd door sleutels als "
                "'title:' en een afsluitende regel '---'",
                "front-matter",
            )
        )
        result.body = text
        return result
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        result.ok = False
        result.findings.append(
            Finding(1, 1, "front-matter is niet afgesloten: zet een regel '---' na de laatste sleutel", "front-matter")
        )
        return result
    result.body = "\n".join(lines[end + 1 :])
    result.body_line = end + 2
    result.head = "\n".join(lines[: end + 1])
    _read_yaml("\n".join(lines[1:end]) + "\n", result, offset=1)
    return result


def _read_yaml(source: str, result: FrontMatter, offset: int) -> None:
    """Compose the YAML and build values; ``offset`` is the file line before YAML line 1."""
    tabs = []
    for n, line in enumerate(source.split("\n")):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            tabs.append(
                Finding(
                    n + offset + 1,
                    indent.index("\t") + 1,
                    "een tab springt deze regel in; YAML staat alleen spaties toe: vervang de tab door spaties",
                    "yaml-tab",
                )
            )
    if tabs:
        result.findings.extend(tabs)
        result.ok = False
        return
    try:
        root = _compose(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and any(w in (exc.context or "") for w in ("flow", "quoted scalar")):
            # An unclosed '[' or quote is noticed lines later; point at where it opened.
            mark = exc.context_mark
        line, column = (mark.line + 1 + offset, mark.column + 1) if mark else (offset + 1, 1)
        result.findings.append(Finding(line, column, _explain(exc), "yaml-syntax"))
        result.ok = False
        return
    except RecursionError:
        result.findings.append(
            Finding(offset + 1, 1, "de front-matter is te diep genest (lijsten of blokken in elkaar); maak hem eenvoudiger", "yaml-depth")
        )
        result.ok = False
        return
    except yaml.reader.ReaderError as exc:
        before = source[: exc.position]
        result.findings.append(
            Finding(
                before.count("\n") + 1 + offset,
                exc.position - (before.rfind("\n") + 1) + 1,
                f"er staat een onzichtbaar stuurteken (#x{exc.character:04x}) in de front-matter; haal het weg",
                "yaml-syntax",
            )
        )
        result.ok = False
        return
    except yaml.YAMLError as exc:  # any other reader or scanner error
        result.findings.append(
            Finding(offset + 1, 1, f"de front-matter is geen geldige YAML ({exc})", "yaml-syntax")
        )
        result.ok = False
        return
    if root is None:
        result.findings.append(
            Finding(offset + 1, 1, "de front-matter is leeg; zet er minstens 'title:' en 'description:' in", "front-matter")
        )
        return
    if not isinstance(root, MappingNode):
        result.findings.append(
            Finding(
                root.start_mark.line + 1 + offset,
                root.start_mark.column + 1,
                "de front-matter moet bestaan uit regels 'sleutel: waarde'",
                "front-matter",
            )
        )
        result.ok = False
        return
    builder = _Builder(result, offset)
    value = builder.build(root, ())
    result.meta = value if isinstance(value, dict) else {}


# libyaml composes five to ten times faster than PyYAML's Python parser, but it
# differs in places: it accepts some text PyYAML rejects ('?' and tabs inside
# values, '[a: ]'), reads '!tag,' in a flow list differently, puts a few marks one
# column apart, and recurses in C (a deeply nested file crashes the process).
# So it is used only for shallow front-matter without any of those, and only while
# it succeeds: every error is read again by PyYAML, whose messages and marks the
# explanations below were written for. Output stays the same either way.
_CLoader = getattr(yaml, "CSafeLoader", None)
_C_MAX_CHARS = 16_000
_C_MAX_NESTING = 60  # well below PyYAML's recursion limit, so both report the same depth problems
_C_RISKY = re.compile(r"[\t\r?!\x85\ufeff\u2028\u2029]|\[[^\]\n]*:(?:[ ,\]]|$)|:[ ]*[,}\]]", re.MULTILINE)


def _shallow(source: str) -> bool:
    """Nesting is at most the brackets plus, per line, the indentation and leading '- '."""
    if source.count("[") + source.count("{") > _C_MAX_NESTING:
        return False
    return all(len(line) - len(line.lstrip(" -")) <= _C_MAX_NESTING for line in source.split("\n"))


def _compose(source: str):
    if _CLoader is not None and len(source) < _C_MAX_CHARS and not _C_RISKY.search(source) and _shallow(source):
        try:
            return yaml.compose(source, Loader=_CLoader)
        except yaml.YAMLError:
            pass  # PyYAML reads it again, for its message and position
    return yaml.compose(source, Loader=yaml.SafeLoader)


_EXPLANATIONS = (
    ("mapping values are not allowed", "er staat een dubbele punt in een waarde; zet de waarde tussen aanhalingstekens"),
    ("could not find expected ':'", "na een sleutel ontbreekt de dubbele punt, of een regel springt verkeerd in"),
    ("while scanning a quoted scalar", "een aanhalingsteken wordt niet gesloten"),
    ("while scanning a simple key", "na een sleutel ontbreekt de dubbele punt"),
    ("expected <block end>", "de inspringing klopt niet: sleutels op hetzelfde niveau beginnen in dezelfde kolom"),
    ("found undefined alias", "een '*' verwijst naar een anker dat niet bestaat; schrijf de waarde uit"),
    ("while parsing a flow", "een lijst met '[' of een blok met '{' wordt niet gesloten"),
    ("found character that cannot start any token", "deze regel begint met een teken dat in YAML niet mag; zet de waarde tussen aanhalingstekens"),
)


def _explain(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, dutch in _EXPLANATIONS:
        if needle in text:
            return f"de front-matter is geen geldige YAML: {dutch}"
    return f"de front-matter is geen geldige YAML ({(exc.problem or exc.context or '').strip()}); controleer inspringing, dubbele punten en aanhalingstekens"


_STR_TAG = _TAG + "str"
_constructor: SafeConstructor | None = None  # for ints and floats; it keeps no state


def _number(node: ScalarNode, tag: str):
    global _constructor
    if _constructor is None:
        _constructor = SafeConstructor()
    if tag == "int":
        return _constructor.construct_yaml_int(node)
    return _constructor.construct_yaml_float(node)


class _Builder:
    def __init__(self, result: FrontMatter, offset: int) -> None:
        self.result = result
        self.offset = offset
        self.first_line = offset + 1  # the file line of YAML line 0 (marks count from 0)
        self.values = result.values
        self.seen: set[int] = set()

    def position(self, node: Node) -> Position:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def report(self, node: Node, message: str, rule: str) -> None:
        line, column = self.position(node)
        self.result.findings.append(Finding(line, column, message, rule))

    def build(self, node: Node, path: tuple):
        if len(path) > MAX_DEPTH:
            self.report(node, "de front-matter is te diep genest (lijsten of blokken in elkaar); maak hem eenvoudiger", "yaml-depth")
            return None
        seen = self.seen
        if id(node) in seen:
            # A node reached twice is an alias; front-matter never needs one, and
            # following them is how a small file expands into billions of values.
            self.report(node, "verwijzingen met '&' en '*' (ankers en aliassen) zijn niet toegestaan; schrijf de waarde uit", "yaml-alias")
            return None
        seen.add(id(node))
        mark = node.start_mark
        self.values[path] = (mark.line + self.first_line, mark.column + 1)
        tag = node.tag
        if tag == _STR_TAG and node.__class__ is ScalarNode:
            return node.value  # most values: plain text
        if tag not in _PLAIN_TAGS:
            self.report(node, f"de YAML-tag '{tag.replace(_TAG, '!!')}' is niet toegestaan; haal de tag weg", "yaml-tag")
            return None
        if isinstance(node, MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, SequenceNode):
            build = self.build
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.build_scalar(node)

    def build_mapping(self, node: MappingNode, path: tuple) -> dict:
        value: dict = {}
        first_line: dict = {}
        keys = self.result.keys
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.report(key_node, "'<<' (samenvoegen) is niet toegestaan; schrijf de sleutels uit", "yaml-alias")
                continue
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, "een sleutel moet een woord zijn, geen lijst of blok", "front-matter")
                continue
            key = key_node.value
            mark = key_node.start_mark
            line = mark.line + self.first_line
            if key in value:
                self.report(
                    key_node,
                    f"de sleutel '{key}' staat twee keer in de front-matter (eerder op regel {first_line[key]}); "
                    "houd er één over",
                    "yaml-duplicate-key",
                )
                continue
            first_line[key] = line
            key_path = path + (key,)
            keys[key_path] = (line, mark.column + 1)
            value[key] = self.build(value_node, key_path)
        return value

    def build_scalar(self, node: ScalarNode):
        tag = node.tag[len(_TAG) :]
        if tag == "bool" and node.value.lower() not in _REAL_BOOLEANS:
            self.report(
                node,
                f"'{node.value}' wordt gelezen als ja/nee-waarde, niet als tekst; zet er aanhalingstekens "
                f"omheen (\"{node.value}\") als je tekst bedoelt",
                "yaml-boolean",
            )
            return node.value
        if tag in ("str", "timestamp"):
            # Dates stay text in ISO form; the schema's date format checks them.
            return node.value
        if tag == "bool":
            return node.value.lower() == "true"
        if tag == "null":
            return None
        try:
            return _number(node, tag)
        except (ValueError, OverflowError):
            return node.value
