#!/usr/bin/env python3
"""Reads Parley's N-Triples, Turtle and Neo4j CSV outputs with real clients.

usage: check_line_formats.py GRAPH.rdf GRAPH.nt GRAPH.ttl NODES.csv RELATIONSHIPS.csv EXPECTATIONS.json [--exact]

RDF: rdflib parses the RDF/XML, N-Triples and Turtle files, pyoxigraph the
N-Triples and Turtle files; every parse must give the same number of
triples, and with --exact (graphs whose text RDF/XML can carry unchanged)
the three rdflib graphs must be isomorphic. Prints rdf-triples=N.

CSV: the header layout of `neo4j-admin database import`
(https://neo4j.com/docs/operations-manual/current/tools/neo4j-admin/neo4j-admin-import/#import-tool-header-format):
every field `name`, `name:type` or `:KEYWORD`, types from the documented
list, one :ID column in the node file, :START_ID, :END_ID and :TYPE in the
relationship file; then Python's csv module reads every row, each with the
header's number of fields, typed values that parse, no field spanning lines
(neo4j-admin's default refuses them), unique ids, relationship ends that
are node ids, and (with --exact) the values of the graph in expectations.
"""
import csv
import io
import json
import re
import sys

import pyoxigraph
import rdflib
from rdflib.compare import isomorphic

TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
         "localtime", "time", "localdatetime", "datetime", "duration"}
KEYWORDS = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
NODE_LAYOUT = ["id:ID", ":LABEL", "label", "type", "category", "aliases:string[]", "mentions:int",
               "documents:string[]", "iri"]
RELATIONSHIP_LAYOUT = [":START_ID", ":END_ID", ":TYPE", "id", "evidence", "document", "document_title",
                       "document_url", "document_date", "document_path", "sentence:int", "start:int", "end:int",
                       "confidence:double", "modality", "negated:boolean", "trigger", "attribution", "statement"]


def fail(message):
    sys.exit("check_line_formats: " + message)


def check_rdf(rdf, nt, ttl, exact):
    graphs = {}
    for path, fmt in [(rdf, "xml"), (nt, "nt"), (ttl, "turtle")]:
        g = rdflib.Graph()
        g.parse(path, format=fmt)
        graphs[fmt] = g
    counts = {fmt: len(g) for fmt, g in graphs.items()}
    for path, fmt in [(nt, pyoxigraph.RdfFormat.N_TRIPLES), (ttl, pyoxigraph.RdfFormat.TURTLE)]:
        with open(path, "rb") as f:
            counts["oxigraph " + path.rsplit(".", 1)[1]] = len(set(pyoxigraph.parse(f, format=fmt)))
    if len(set(counts.values())) != 1:
        fail("the RDF outputs disagree on the number of triples: %r" % counts)
    if exact:
        for fmt in ("nt", "turtle"):
            if not isomorphic(graphs["xml"], graphs[fmt]):
                only = set(graphs["xml"]) ^ set(graphs[fmt])
                fail("%s is not the same RDF graph as the RDF/XML; differing triples: %r" % (fmt, sorted(only)[:5]))
    print("rdf-triples=%d" % counts["xml"])


def check_header(header, layout, keywords_needed, path):
    for field in header:
        name, _, kind = field.partition(":")
        if not kind:
            continue
        base = kind[:-2] if kind.endswith("[]") else kind
        if base not in TYPES and base not in KEYWORDS and not re.fullmatch(r"(ID|START_ID|END_ID)\(\w+\)", base):
            fail("%s: header field %r has a type neo4j-admin does not know" % (path, field))
        if base in KEYWORDS and kind.endswith("[]"):
            fail("%s: %r: keywords take no []" % (path, field))
    keywords = [f.partition(":")[2] for f in header if f.partition(":")[2] in KEYWORDS]
    for keyword in keywords_needed:
        if keywords.count(keyword) != 1:
            fail("%s: the header needs exactly one :%s field, has %d" % (path, keyword, keywords.count(keyword)))
    if header[:len(layout)] != layout:
        fail("%s: header %r is not the documented layout %r" % (path, header, layout))


def typed(value, kind, where):
    if value == "":
        return None
    base = kind[:-2] if kind.endswith("[]") else kind
    items = value.split(";") if kind.endswith("[]") else [value]
    out = []
    for item in items:
        try:
            if base in ("int", "long", "short", "byte"):
                out.append(int(item))
            elif base in ("float", "double"):
                out.append(float(item))
            elif base == "boolean":
                if item not in ("true", "false"):
                    raise ValueError(item)
                out.append(item == "true")
            else:
                out.append(item)
        except ValueError:
            fail("%s: %r is not a %s" % (where, item, kind))
    return out if kind.endswith("[]") else out[0]


def read_csv(path, layout, keywords):
    with open(path, newline="", encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    rows = list(csv.reader(lines))  # one record per line, as neo4j-admin reads by default
    if len(rows) != len(list(csv.reader(io.StringIO(text, newline="")))):
        fail("%s: a field spans lines" % path)
    header = rows[0]
    check_header(header, layout, keywords, path)
    records = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            fail("%s:%d: %d fields, the header has %d" % (path, n, len(row), len(header)))
        record = {}
        for field, value in zip(header, row):
            name, _, kind = field.partition(":")
            key = name or ":" + kind
            if kind in KEYWORDS or kind.startswith(("ID", "START_ID", "END_ID")):
                record[key] = value
            else:
                record[key] = typed(value, kind or "string", "%s:%d %s" % (path, n, field))
        records.append(record)
    return header, records


def check_csv(nodes_path, relationships_path, expectations, exact):
    _, nodes = read_csv(nodes_path, NODE_LAYOUT, ["ID"])
    _, rels = read_csv(relationships_path, RELATIONSHIP_LAYOUT, ["START_ID", "END_ID", "TYPE"])
    ids = [n["id"] for n in nodes]
    if len(set(ids)) != len(ids):
        fail("node ids are not unique")
    for r in rels:
        if r[":START_ID"] not in ids or r[":END_ID"] not in ids:
            fail("relationship %s names a node that is not in the node file" % r["id"])
    if len(nodes) != len(expectations["nodes"]) or len(rels) != len(expectations["edges"]):
        fail("%d nodes and %d relationships, the graph has %d and %d"
             % (len(nodes), len(rels), len(expectations["nodes"]), len(expectations["edges"])))
    if exact:
        docs = expectations["documents"]
        for n, x in zip(nodes, expectations["nodes"]):
            want = {"id": x["key"], "label": x["label"], "type": x["type"], "mentions": x["mentionCount"],
                    "aliases": x["aliases"] or None, "iri": x["iri"],
                    "documents": [docs[d]["name"] for d in x["documents"]] or None}
            got = {k: n[k] for k in want}
            if got != want:
                fail("node %s: %r, expected %r" % (x["key"], got, want))
        for r, x in zip(rels, expectations["edges"]):
            doc = docs[x["document"]]
            want = {":START_ID": expectations["nodes"][x["source"]]["key"],
                    ":END_ID": expectations["nodes"][x["target"]]["key"], ":TYPE": x["relation"], "id": x["id"],
                    "evidence": x["evidence"], "document": doc["name"], "document_title": doc.get("title"),
                    "document_url": doc.get("url"), "document_date": doc.get("date"), "sentence": x["sentence"],
                    "start": x["start"], "end": x["end"], "confidence": float(x["confidence"]),
                    "modality": x["modality"], "negated": x["negated"], "trigger": x["trigger"] or None,
                    "attribution": x.get("attribution")}
            got = {k: r[k] for k in want}
            if got != want:
                fail("relationship %s: %r, expected %r" % (x["id"], got, want))
    print("neo4j-nodes=%d neo4j-relationships=%d" % (len(nodes), len(rels)))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    exact = "--exact" in sys.argv
    if len(args) != 6:
        fail(__doc__)
    rdf, nt, ttl, nodes, rels, expectations = args
    check_rdf(rdf, nt, ttl, exact)
    with open(expectations, encoding="utf-8") as f:
        check_csv(nodes, rels, json.load(f), exact)
    print("check_line_formats: ok")


if __name__ == "__main__":
    main()
