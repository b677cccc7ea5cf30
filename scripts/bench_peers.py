#!/usr/bin/env python3
"""The peers of Parley's benchmark: other tools writing the same graph.

parley-bench writes a graph in a neutral form (nodes.jsonl, edges.jsonl:
the values Parley's GraphML carries) and Parley's own RDF/XML of it
(peer.rdf), then runs this script, which times each peer writing that graph:

  networkx-lxml  NetworkX write_graphml_lxml (MultiDiGraph, same columns)
  networkx-xml   NetworkX write_graphml_xml (ElementTree, no lxml)
  igraph         python-igraph write_graphml (igraph's C writer)
  rdflib         rdflib Graph.serialize(format="xml"), the triples of peer.rdf
  pyoxigraph     pyoxigraph.serialize(..., RdfFormat.RDF_XML), the same triples

Each peer runs in its own process: load the graph (not timed), then write
it to a file (timed: wall and CPU seconds, and the peak resident memory
the write adds, read from /proc/self/status after resetting VmHWM). One
JSON object per peer is printed on standard output, progress on standard
error.

Usage: bench_peers.py --work DIR [--peers a,b,c]
"""
import argparse
import gc
import json
import os
import subprocess
import sys
import time

PEERS = ["networkx-lxml", "networkx-xml", "igraph", "rdflib", "pyoxigraph"]
PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/", "parley": "https://w3id.org/parley/ontology#",
    "prov": "http://www.w3.org/ns/prov#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def status(field):
    """A /proc/self/status field in bytes (VmRSS, VmHWM)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def reset_peak():
    """Resets VmHWM to the current resident size (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def node_attributes(row):
    """The node columns of Parley's GraphML, from one nodes.jsonl row."""
    key, type_, label, category, aliases, mentions, documents, iri, free = row
    attrs = {"key": key, "type": type_, "label": label, "name": label, "category": category}
    if aliases:
        attrs["aliases"] = " | ".join(aliases)
        attrs["aliases_json"] = json.dumps(aliases, ensure_ascii=False)
    attrs["mentions"] = mentions
    if documents:
        attrs["documents"] = " | ".join(documents)
        attrs["documents_json"] = json.dumps(documents, ensure_ascii=False)
    attrs["iri"] = iri
    attrs.update(free)
    return attrs


def edge_attributes(i, row, statement_base):
    """The edge columns of Parley's GraphML, from one edges.jsonl row."""
    (s, t, relation, evidence, document, path, title, url, date, sentence, start, end, confidence, modality, negated,
     trigger, attribution) = row
    attrs = {"relation": relation, "label": relation, "interaction": relation, "evidence": evidence,
             "document": document}
    for name, value in (("document_path", path), ("document_title", title), ("document_url", url),
                        ("document_date", date)):
        if value:
            attrs[name] = value
    attrs.update({"sentence": sentence, "start": start, "end": end, "confidence": confidence,
                  "modality": modality, "negated": negated, "trigger": trigger})
    if attribution is not None:
        attrs["attribution"] = attribution
    attrs["statement"] = statement_base + str(i)
    return s, t, attrs


def load_networkx(work, meta):
    import networkx as nx
    g = nx.MultiDiGraph()
    for i, row in enumerate(read_lines(os.path.join(work, "nodes.jsonl"))):
        g.add_node("n%d" % i, **node_attributes(row))
    for i, row in enumerate(read_lines(os.path.join(work, "edges.jsonl"))):
        s, t, attrs = edge_attributes(i, row, meta["statement_base"])
        g.add_edge("n%d" % s, "n%d" % t, key="e%d" % i, **attrs)
    return g


def load_igraph(work, meta):
    import igraph
    nodes = [node_attributes(row) for row in read_lines(os.path.join(work, "nodes.jsonl"))]
    pairs, edge_rows = [], []
    for i, row in enumerate(read_lines(os.path.join(work, "edges.jsonl"))):
        s, t, attrs = edge_attributes(i, row, meta["statement_base"])
        pairs.append((s, t))
        edge_rows.append(attrs)
    g = igraph.Graph(n=len(nodes), edges=pairs, directed=True)
    # igraph has no missing values: every element carries every column ("" when absent).
    for name in sorted({k for a in nodes for k in a}):
        g.vs[name] = [a.get(name, "") for a in nodes]
    for name in sorted({k for a in edge_rows for k in a}):
        g.es[name] = [a.get(name, "") for a in edge_rows]
    return g


def load_oxigraph_triples(work):
    import pyoxigraph
    return list(pyoxigraph.parse(path=os.path.join(work, "peer.rdf"), format=pyoxigraph.RdfFormat.RDF_XML))


def load_rdflib(work):
    import pyoxigraph
    import rdflib
    g = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    iris = {}

    def term(t):
        if isinstance(t, pyoxigraph.NamedNode):
            u = iris.get(t.value)
            if u is None:
                u = iris[t.value] = rdflib.URIRef(t.value)
            return u
        if isinstance(t, pyoxigraph.BlankNode):
            return rdflib.BNode(t.value)
        if t.language:
            return rdflib.Literal(t.value, lang=t.language)
        if t.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return rdflib.Literal(t.value)
        return rdflib.Literal(t.value, datatype=term(t.datatype))

    add = g.add
    for triple in pyoxigraph.parse(path=os.path.join(work, "peer.rdf"), format=pyoxigraph.RdfFormat.RDF_XML):
        add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return g


def parley_columns(work):
    """(node, edge) attribute names declared by Parley's GraphML of the graph."""
    import re
    nodes, edges = set(), set()
    with open(os.path.join(work, "peer.graphml"), encoding="utf-8") as f:
        for line in f:
            if "<node " in line:
                break
            m = re.search(r'<key [^>]*for="(node|edge)"[^>]*attr.name="([^"]*)"', line)
            if m:
                (nodes if m.group(1) == "node" else edges).add(m.group(2))
    return nodes, edges


def compare_columns(work, node_names, edge_names):
    """'same', or what the peer graph lacks or adds next to Parley's GraphML."""
    if not os.path.exists(os.path.join(work, "peer.graphml")):
        return "not checked"
    nodes, edges = parley_columns(work)
    notes = []
    for kind, ours, theirs in (("node", node_names, nodes), ("edge", edge_names, edges)):
        if theirs - ours:
            notes.append("%s columns only in Parley: %s" % (kind, ", ".join(sorted(theirs - ours))))
        if ours - theirs:
            notes.append("%s columns only here: %s" % (kind, ", ".join(sorted(ours - theirs))))
    return "; ".join(notes) or "same"


def describe(peer):
    """(label, format compared with, version string) of a peer."""
    if peer.startswith("networkx"):
        import networkx as nx
        if peer == "networkx-lxml":
            import lxml.etree
            return ("NetworkX %s write_graphml_lxml (lxml %s)" % (nx.__version__, lxml.etree.__version__), "graphml")
        return ("NetworkX %s write_graphml_xml (ElementTree)" % nx.__version__, "graphml")
    if peer == "igraph":
        import igraph
        return ("python-igraph %s write_graphml" % igraph.__version__, "graphml")
    if peer == "rdflib":
        import rdflib
        return ("rdflib %s serialize(format=\"xml\")" % rdflib.__version__, "rdf")
    if peer == "pyoxigraph":
        import pyoxigraph
        return ("pyoxigraph %s serialize(RDF_XML)" % pyoxigraph.__version__, "rdf")
    raise SystemExit("unknown peer %s; choose from %s" % (peer, ", ".join(PEERS)))


def run_one(peer, work):
    """Loads the graph for `peer`, then times the write only."""
    with open(os.path.join(work, "graph.json")) as f:
        meta = json.load(f)
    label, fmt = describe(peer)
    t0 = time.perf_counter()
    if peer.startswith("networkx"):
        import networkx as nx
        graph = load_networkx(work, meta)
        writer = nx.write_graphml_lxml if peer == "networkx-lxml" else nx.write_graphml_xml
        write = lambda path: writer(graph, path)
        triples = None
    elif peer == "igraph":
        graph = load_igraph(work, meta)
        write = lambda path: graph.write_graphml(path)
    elif peer == "rdflib":
        graph = load_rdflib(work)
        write = lambda path: graph.serialize(destination=path, format="xml")
    else:
        import pyoxigraph
        triples = load_oxigraph_triples(work)
        write = lambda path: pyoxigraph.serialize(triples, output=path, format=pyoxigraph.RdfFormat.RDF_XML,
                                                  prefixes=PREFIXES)
    load_seconds = time.perf_counter() - t0
    columns = "n/a (RDF: the triples of Parley's RDF/XML)"
    if peer.startswith("networkx"):
        columns = compare_columns(work, {k for _, d in graph.nodes(data=True) for k in d},
                                  {k for _, _, d in graph.edges(data=True) for k in d})
    elif peer == "igraph":
        columns = compare_columns(work, set(graph.vs.attributes()), set(graph.es.attributes()))
    path = os.path.join(work, "peer-%s.%s" % (peer, fmt))
    gc.collect()
    resettable = reset_peak()
    before = status("VmRSS")
    c0 = time.process_time()
    t0 = time.perf_counter()
    write(path)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak = status("VmHWM")
    size = os.path.getsize(path)
    if not os.environ.get("PARLEY_BENCH_KEEP"):
        os.remove(path)
    return {"peer": peer, "label": label, "format": fmt, "bytes": size, "seconds": seconds, "cpu": cpu,
            "resident_before": before, "peak": peak, "extra_peak": peak - before if resettable else None,
            "load_seconds": load_seconds, "columns": columns}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True, help="folder with nodes.jsonl, edges.jsonl, graph.json, peer.rdf")
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.work)))
        return
    for peer in [p for p in args.peers.split(",") if p]:
        print("  peer %s: loading and writing ..." % peer, file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, __file__, "--work", args.work, "--one", peer],
                              stdout=subprocess.PIPE, text=True)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            print(json.dumps({"peer": peer, "error": "exit status %d" % proc.returncode}), flush=True)
            continue
        result = json.loads(lines[-1])
        print("  peer %s: %.1f MB in %.2f s = %.1f MB/s (loaded in %.1f s; columns vs Parley: %s)"
              % (peer, result["bytes"] / 1e6, result["seconds"], result["bytes"] / 1e6 / result["seconds"],
                 result["load_seconds"], result["columns"]), file=sys.stderr, flush=True)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
