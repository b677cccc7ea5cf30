#!/usr/bin/env python3
"""Reads a Parley RDF/XML file with rdflib and pyoxigraph and checks it
against the expectations JSON: the exact set of triples the writer's mapping
gives, and two SPARQL questions asked of both stores.

usage: check_rdf.py FILE.rdf EXPECTATIONS.json [--require-answers]
Prints `rdflib-triples=N` (for the caller to compare with rapper). Exit
status 0 on success, 1 on a mismatch, 3 when a module is not installed.
"""
import math
import re
import sys
from urllib.parse import quote

import expectations as ex

try:
    import rdflib
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS, XSD, SKOS, DCTERMS, PROV
    import pyoxigraph
except ImportError as e:
    print(f"missing Python module: {e.name}; run scripts/install-test-deps", file=sys.stderr)
    sys.exit(3)

failures = []
SCHEMA = rdflib.Namespace("https://schema.org/")

Q_REJECTS = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX parley: <%(ns)s>
SELECT ?who ?proposal ?evidence WHERE {
  ?statement a parley:EvidenceStatement ;
             rdf:subject ?w ; rdf:predicate parley:rejects ; rdf:object ?p ;
             parley:evidenceText ?evidence .
  ?p a parley:Proposal .
  ?w rdfs:label ?who . ?p rdfs:label ?proposal .
}"""

Q_CONDITIONS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX parley: <%(ns)s>
SELECT ?proposal ?condition ?who WHERE {
  ?p parley:requires ?c . ?w parley:demands ?c .
  ?p rdfs:label ?proposal . ?c rdfs:label ?condition . ?w rdfs:label ?who .
}"""


def text(s):
    return ex.xml_filter(s)


def decimal_form(d):
    """Canonical xsd:decimal of a double's shortest repr (no exponent)."""
    from decimal import Decimal
    t = format(Decimal(repr(d)), "f")
    if "." not in t:
        t += ".0"
    t = t.rstrip("0")
    if t.endswith("."):
        t += "0"
    if t.startswith("-") and float(t) == 0:
        t = t[1:]
    return t


def double_form(v):
    d = float(v)
    if math.isnan(d):
        return "NaN"
    if math.isinf(d):
        return "INF" if d > 0 else "-INF"
    return v


def expected_triples(g):
    ns = rdflib.Namespace(g["namespace"])
    base = g["instanceBase"]
    out = set()
    add = out.add
    docs = [URIRef(d["iri"]) for d in g["documents"]]
    for d, info in zip(docs, g["documents"]):
        add((d, RDF.type, ns.Document))
        add((d, ns.sourceDocument, Literal(text(info["name"]))))
        add((d, ns.documentPath, Literal(text(info["path"]))))
        if info.get("title") is not None:
            add((d, DCTERMS.title, Literal(text(info["title"]))))
        if info.get("url") is not None:
            add((d, SCHEMA.url, Literal(text(info["url"]), datatype=XSD.anyURI)))
        if info.get("date") is not None:
            date = info["date"]
            iso = re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", date)
            add((d, DCTERMS.date, Literal(date, datatype=XSD.date) if iso else Literal(text(date))))
    nodes = [URIRef(n["iri"]) for n in g["nodes"]]
    for n, node in zip(nodes, g["nodes"]):
        add((n, RDF.type, ns[quote(node["type"], safe="-_~")]))
        category = node["attributes"].get("category")
        if category and category["type"] == "string" and category["value"] not in ("", node["type"]):
            add((n, RDF.type, ns[quote(category["value"], safe="-_~")]))
        add((n, RDFS.label, Literal(text(node["label"]), lang="en")))
        for alias in node["aliases"]:
            add((n, SKOS.altLabel, Literal(text(alias), lang="en")))
        add((n, ns.mentionCount, Literal(str(node["mentionCount"]), datatype=XSD.integer)))
        for d in node["documents"]:
            add((n, ns.mentionedIn, docs[d]))
        for name, value in node["attributes"].items():
            if name == "category":
                continue
            t, v = value["type"], value["value"]
            lit = {"string": lambda: Literal(text(v)), "int": lambda: Literal(v, datatype=XSD.integer),
                   "double": lambda: Literal(double_form(v), datatype=XSD.double),
                   "bool": lambda: Literal(v, datatype=XSD.boolean)}[t]()
            add((n, ns[name], lit))
    for e in g["edges"]:
        s, o, p = nodes[e["source"]], nodes[e["target"]], ns[e["relation"]]
        st = URIRef(base + "statement/" + e["id"])
        add((s, p, o))
        add((st, RDF.type, RDF.Statement))
        add((st, RDF.type, ns.EvidenceStatement))
        add((st, RDF.subject, s))
        add((st, RDF.predicate, p))
        add((st, RDF.object, o))
        add((st, PROV.wasDerivedFrom, docs[e["document"]]))
        add((st, ns.evidenceText, Literal(text(e["evidence"]))))
        c = float(e["confidence"])
        if math.isfinite(c):
            add((st, ns.confidence, Literal(decimal_form(c), datatype=XSD.decimal)))
        add((st, ns.sentenceIndex, Literal(str(e["sentence"]), datatype=XSD.integer)))
        add((st, ns.startOffset, Literal(str(e["start"]), datatype=XSD.integer)))
        add((st, ns.endOffset, Literal(str(e["end"]), datatype=XSD.integer)))
        add((st, ns.modality, Literal(e["modality"])))
        add((st, ns.negated, Literal("true" if e["negated"] else "false", datatype=XSD.boolean)))
        if e["trigger"]:
            add((st, ns.trigger, Literal(text(e["trigger"]))))
        if e.get("attribution"):
            add((st, ns.attribution, Literal(text(e["attribution"]))))
        add((st, ns.sourceDocument, Literal(text(g["documents"][e["document"]]["name"]))))
    return out


def check_iris(g):
    """Node IRIs follow {base}{type}/{key after '/'}, suffixed -n on clashes."""
    for node in g["nodes"]:
        key = node["key"]
        local = key.split("/", 1)[1] if "/" in key else key
        want = g["instanceBase"] + quote(node["type"].lower(), safe="-_~") + "/" + quote(local or "unnamed", safe="-_~")
        iri = node["iri"]
        if iri != want and not re.fullmatch(re.escape(want) + r"-\d+", iri):
            failures.append(f"node {key!r}: IRI {iri}, expected {want}")


def expected_answers(g):
    nodes = g["nodes"]
    label = lambda i: text(nodes[i]["label"])
    rejects = {(label(e["source"]), label(e["target"]), text(e["evidence"]))
               for e in g["edges"] if e["relation"] == "rejects" and nodes[e["target"]]["type"] == "Proposal"}
    requires = [(e["source"], e["target"]) for e in g["edges"] if e["relation"] == "requires"]
    demands = [(e["source"], e["target"]) for e in g["edges"] if e["relation"] == "demands"]
    conditions = {(label(p), label(c), label(w)) for p, c in requires for w, c2 in demands if c == c2}
    return rejects, conditions


def compare(name, got, want):
    if got != want:
        missing, extra = want - got, got - want
        failures.append(f"{name}: {len(missing)} missing, {len(extra)} unexpected; "
                        f"missing e.g. {sorted(map(str, missing))[:3]}, unexpected e.g. {sorted(map(str, extra))[:3]}")


def main():
    path, exp_path = sys.argv[1], sys.argv[2]
    require_answers = "--require-answers" in sys.argv[3:]
    g = ex.load(exp_path)
    check_iris(g)

    graph = rdflib.Graph()
    graph.parse(path, format="xml")
    got = set(graph)
    want = expected_triples(g)
    compare("rdflib triples", got, want)

    store = pyoxigraph.Store()
    with open(path, "rb") as f:
        store.load(f, format=pyoxigraph.RdfFormat.RDF_XML)
    oxi_count = len(store)
    if oxi_count != len(got):
        failures.append(f"pyoxigraph read {oxi_count} triples, rdflib {len(got)}")

    rejects, conditions = expected_answers(g)
    params = {"ns": g["namespace"]}
    for name, query, want_rows in (("rejects", Q_REJECTS, rejects), ("conditions", Q_CONDITIONS, conditions)):
        rows = {tuple(str(v) for v in row) for row in graph.query(query % params)}
        compare(f"rdflib SPARQL {name}", rows, want_rows)
        oxi_rows = {tuple(term.value for term in solution) for solution in store.query(query % params)}
        compare(f"pyoxigraph SPARQL {name}", oxi_rows, want_rows)
        if require_answers and not want_rows:
            failures.append(f"SPARQL {name}: the graph gives no answer to check")
        print(f"SPARQL {name}: {len(rows)} answer(s)")
        for row in sorted(rows)[:5]:
            print("   ", " | ".join(row)[:160])

    print(f"rdflib-triples={len(got)}")
    if failures:
        print(f"{len(failures)} failure(s):")
        for f in failures[:40]:
            print("  " + f)
        sys.exit(1)
    print(f"OK rdflib and pyoxigraph: {len(got)} triples")


if __name__ == "__main__":
    main()
