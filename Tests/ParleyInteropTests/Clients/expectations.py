"""What a Parley graph must read back as, from the expectations JSON the
Swift interop test writes beside each output (see InteropTests.swift).

The JSON carries the graph as Swift holds it; the helpers here apply the
writers' documented rules (XML character filter, omitted empty strings and
non-finite numbers, attribute column typing) independently of the Swift code.
"""
import json
import math


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def xml_char(c):
    o = ord(c)
    return (o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
            or 0x10000 <= o <= 0x10FFFF)


def xml_filter(s):
    """The XML 1.0 Char filter: every other scalar becomes U+FFFD."""
    return "".join(c if xml_char(c) else "\ufffd" for c in s)


def number(text):
    """Doubles travel as strings in the JSON (NaN and infinities included)."""
    return float(text)


def column_kind(kinds):
    """The writer's typing of a free node attribute column (AttributeColumn)."""
    if kinds == {"int"}:
        return "long"
    if kinds <= {"int", "double"}:
        return "double"
    if kinds == {"bool"}:
        return "boolean"
    return "string"


def attribute_columns(graph):
    seen = {}
    for node in graph["nodes"]:
        for name, value in node["attributes"].items():
            if name != "category":
                seen.setdefault(name, set()).add(value["type"])
    return {name: column_kind(kinds) for name, kinds in seen.items()}


def lexical(value, kind):
    """Python value expected in a column of `kind` for an attribute value,
    or None when the writer leaves it out."""
    t, v = value["type"], value["value"]
    if kind == "double":
        d = float(v)
        return d if math.isfinite(d) else None
    if kind == "long":
        return int(v)
    if kind == "boolean":
        return v == "true"
    # string column: lexical forms
    if t == "double":
        d = float(v)
        if math.isnan(d):
            text = "NaN"
        elif math.isinf(d):
            text = "INF" if d > 0 else "-INF"
        else:
            text = v
    else:
        text = v
    text = xml_filter(text)
    return text if text != "" else None
