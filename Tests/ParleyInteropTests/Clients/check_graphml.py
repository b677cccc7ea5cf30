#!/usr/bin/env python3
"""Reads a Parley GraphML file with NetworkX and python-igraph and checks it
against the expectations JSON: counts, every attribute and its Python type.

usage: check_graphml.py FILE.graphml EXPECTATIONS.json
Exit status 0 when both readers agree with the expectations; the failures
are printed otherwise. Exit status 3 when a reader is not installed.
"""
import math
import sys

import expectations as ex

try:
    import networkx as nx
    import igraph as ig
except ImportError as e:  # the Swift test turns this into an install hint
    print(f"missing Python module: {e.name}; run scripts/install-test-deps", file=sys.stderr)
    sys.exit(3)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def same(a, b):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b and type(a) is type(b)


def expected_nodes(graph, iris):
    """Per node key: attribute name -> expected Python value (absent = left out)."""
    columns = ex.attribute_columns(graph)
    docs = graph["documents"]
    out = {}
    for node, iri in zip(graph["nodes"], iris):
        def text(s):
            s = ex.xml_filter(s)
            return s if s != "" else None
        category = node["attributes"].get("category")
        a = {
            "key": text(node["key"]), "type": text(node["type"]), "label": text(node["label"]),
            "name": text(node["label"]),
            "category": text(category["value"] if category else node["type"]),
            "mentions": node["mentionCount"], "iri": text(iri),
        }
        if node["aliases"]:
            a["aliases"] = text(" | ".join(node["aliases"]))
        if node["documents"]:
            a["documents"] = text(" | ".join(docs[d]["name"] for d in node["documents"]))
        reserved = {"key", "type", "label", "name", "category", "aliases", "aliases_json", "mentions",
                    "documents", "documents_json", "iri"}
        for name, value in node["attributes"].items():
            if name == "category":
                continue
            column = "attr_" + name if name in reserved else name
            a[column] = ex.lexical(value, columns[name])
        out[node["key"]] = {k: v for k, v in a.items() if v is not None}
    return out


def expected_edges(graph):
    docs = graph["documents"]
    out = {}
    for e in graph["edges"]:
        def text(s):
            s = ex.xml_filter(s)
            return s if s != "" else None
        c = ex.number(e["confidence"])
        a = {
            "relation": text(e["relation"]), "label": text(e["relation"]), "interaction": text(e["relation"]),
            "evidence": text(e["evidence"]), "document": text(docs[e["document"]]["name"]),
            "document_path": text(docs[e["document"]]["path"]),
            "document_title": text(docs[e["document"]].get("title") or ""),
            "document_url": text(docs[e["document"]].get("url") or ""),
            "document_date": text(docs[e["document"]].get("date") or ""),
            "sentence": e["sentence"], "start": e["start"], "end": e["end"],
            "confidence": c if math.isfinite(c) else None, "modality": e["modality"],
            "negated": e["negated"], "trigger": text(e["trigger"]),
            "attribution": text(e["attribution"]) if e.get("attribution") is not None else None,
            "statement": graph["instanceBase"] + "statement/" + e["id"],
        }
        out[e["id"]] = {k: v for k, v in a.items() if v is not None}
    return out


def check_networkx(path, graph, nodes, edges):
    g = nx.read_graphml(path)
    check(g.number_of_nodes() == len(graph["nodes"]),
          f"networkx: {g.number_of_nodes()} nodes, expected {len(graph['nodes'])}")
    check(g.number_of_edges() == len(graph["edges"]),
          f"networkx: {g.number_of_edges()} edges, expected {len(graph['edges'])}")
    pairs = [(e["source"], e["target"]) for e in graph["edges"]]
    if len(set(pairs)) < len(pairs):
        check(isinstance(g, nx.MultiDiGraph), f"networkx: parallel edges need a MultiDiGraph, got {type(g).__name__}")
    else:
        check(g.is_directed(), "networkx: graph is not directed")
    by_key = {}
    for node_id, data in g.nodes(data=True):
        data = {k: v for k, v in data.items() if k not in ("aliases_json", "documents_json")}
        by_key[data.get("key")] = data
    for key, want in nodes.items():
        got = by_key.get(ex.xml_filter(key))
        if got is None:
            failures.append(f"networkx: node {key!r} missing")
            continue
        for name in set(want) | set(got):
            check(same(got.get(name), want.get(name)),
                  f"networkx: node {key!r} {name}: got {got.get(name)!r}, expected {want.get(name)!r}")
    seen = {}
    if isinstance(g, nx.MultiDiGraph):
        items = ((k, d) for _, _, k, d in g.edges(keys=True, data=True))
    else:
        items = ((d.get("id"), d) for _, _, d in g.edges(data=True))
    for edge_id, data in items:
        seen[edge_id] = {k: v for k, v in data.items() if k not in ("id", "weight")}
    for edge_id, want in edges.items():
        got = seen.get(edge_id)
        if got is None:
            failures.append(f"networkx: edge {edge_id} missing")
            continue
        for name in set(want) | set(got):
            check(same(got.get(name), want.get(name)),
                  f"networkx: edge {edge_id} {name}: got {got.get(name)!r} ({type(got.get(name)).__name__}), "
                  f"expected {want.get(name)!r}")
    return g


def igraph_value(value, kind):
    """igraph keeps numbers as float, booleans as bool, strings as str."""
    if value is None:
        return {"number": math.nan, "string": "", "boolean": None}[kind]
    if kind == "number":
        return float(value)
    return value


def check_igraph(path, graph, nodes, edges):
    g = ig.Graph.Read_GraphML(path)
    check(g.vcount() == len(graph["nodes"]), f"igraph: {g.vcount()} nodes, expected {len(graph['nodes'])}")
    check(g.ecount() == len(graph["edges"]), f"igraph: {g.ecount()} edges, expected {len(graph['edges'])}")
    check(g.is_directed(), "igraph: graph is not directed")
    numeric = {"mentions", "sentence", "start", "end", "confidence"}
    columns = ex.attribute_columns(graph)
    def kind(name, value):
        if name in numeric or columns.get(name) in ("long", "double"):
            return "number"
        if name == "negated" or columns.get(name) == "boolean":
            return "boolean"
        return "string"
    keys = g.vs["key"]
    for v, key in zip(g.vs, keys):
        want = nodes.get(key) or nodes.get(next((k for k in nodes if ex.xml_filter(k) == key), None))
        if want is None:
            failures.append(f"igraph: unexpected node {key!r}")
            continue
        attrs = v.attributes()
        for name in want:
            got = attrs.get(name)
            exp = igraph_value(want.get(name), kind(name, want.get(name)))
            ok = same(got, exp) or (kind(name, exp) == "number" and isinstance(got, float) and got == exp)
            check(ok, f"igraph: node {key!r} {name}: got {got!r} ({type(got).__name__}), expected {exp!r}")
    # python-igraph 1.0.0 fills the edge "id" attribute with vertex ids, so
    # edges are matched through the `statement` column (…/statement/e{n}).
    for e in g.es:
        attrs = e.attributes()
        edge_id = attrs.get("statement", "").rsplit("/", 1)[-1]
        want = edges.get(edge_id)
        if want is None:
            failures.append(f"igraph: unexpected edge {edge_id!r}")
            continue
        check(e.index == int(edge_id[1:]), f"igraph: edge {edge_id} read at position {e.index}")
        for name in ("relation", "evidence", "sentence", "start", "end", "confidence", "negated", "modality",
                     "trigger", "attribution", "document"):
            exp = igraph_value(want.get(name), kind(name, want.get(name)))
            got = attrs.get(name)
            check(same(got, exp), f"igraph: edge {edge_id} {name}: got {got!r} ({type(got).__name__}), expected {exp!r}")
        src = g.vs[e.source]["key"]
        want_src = ex.xml_filter(graph["nodes"][graph["edge_index"][edge_id][0]]["key"])
        check(src == want_src, f"igraph: edge {edge_id} source {src!r}, expected {want_src!r}")


def main():
    path, exp_path = sys.argv[1], sys.argv[2]
    graph = ex.load(exp_path)
    graph["edge_index"] = {e["id"]: (e["source"], e["target"]) for e in graph["edges"]}
    nodes = expected_nodes(graph, [n["iri"] for n in graph["nodes"]])
    edges = expected_edges(graph)
    check_networkx(path, graph, nodes, edges)
    check_igraph(path, graph, nodes, edges)
    if failures:
        print(f"{len(failures)} failure(s):")
        for f in failures[:60]:
            print("  " + f)
        sys.exit(1)
    print(f"OK networkx and igraph: {len(graph['nodes'])} nodes, {len(graph['edges'])} edges")


if __name__ == "__main__":
    main()
