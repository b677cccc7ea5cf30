#!/usr/bin/env python3
"""Runs the examples of docs/EXAMPLES.md exactly as written.

usage: docs_examples.py PACKAGE_ROOT PARLEY_BIN_DIR

A scratch folder gets a copy of the committed output/ and links to seeds/
and ontology/, and becomes the working directory. Then every block runs, in
page order: ```sh blocks with bash (-e -u -o pipefail), the folder holding
the built `parley` first on the PATH; ```python blocks with exec, each in a
fresh namespace; ```sparql blocks with rdflib on output/graph.rdf and with
pyoxigraph, which must both return rows, as many. ```console and ```cypher
blocks (Neo4j, an Oxigraph server) are not run. Exit status 1 on the first
failure, naming the block and its first line in the page.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

root, parley_bin = sys.argv[1], sys.argv[2]
page = os.path.join(root, "docs", "EXAMPLES.md")
text = open(page, encoding="utf-8").read()
blocks = [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 2)
          for m in re.finditer(r"^```(\w+)\n(.*?)^```", text, re.S | re.M)]

scratch = tempfile.mkdtemp(prefix="parley-docs-")
try:
    shutil.copytree(os.path.join(root, "output"), os.path.join(scratch, "output"))
    for name in ("seeds", "ontology"):
        os.symlink(os.path.join(root, name), os.path.join(scratch, name))
    os.chdir(scratch)
    env = dict(os.environ, PATH=parley_bin + os.pathsep + os.environ.get("PATH", ""))

    import pyoxigraph
    import rdflib

    counts = {}
    for kind, code, line in blocks:
        where = "docs/EXAMPLES.md:%d (```%s)" % (line, kind)
        if kind == "sh":
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", code], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if result.returncode != 0:
                sys.exit("docs_examples: %s failed with status %d:\n%s\n%s" % (where, result.returncode, code,
                                                                              result.stdout))
        elif kind == "python":
            try:
                exec(compile(code, where, "exec"), {"__name__": "__docs__"})
            except Exception as error:  # noqa: BLE001 - report any failure of the example
                sys.exit("docs_examples: %s raised %r" % (where, error))
        elif kind == "sparql":
            graph = rdflib.Graph().parse("output/graph.rdf", format="xml")
            store = pyoxigraph.Store()
            with open("output/graph.rdf", "rb") as f:
                store.load(f, format=pyoxigraph.RdfFormat.RDF_XML)
            rows, oxrows = list(graph.query(code)), list(store.query(code))
            if not rows or len(rows) != len(oxrows):
                sys.exit("docs_examples: %s gives %d rows in rdflib, %d in pyoxigraph" % (where, len(rows), len(oxrows)))
        else:
            counts[kind] = counts.get(kind, 0) + 1
            continue
        counts[kind] = counts.get(kind, 0) + 1
        print("ran %s" % where)
    for needed in ("sh", "python", "sparql"):
        if not counts.get(needed):
            sys.exit("docs_examples: docs/EXAMPLES.md has no ```%s example" % needed)
    print("docs_examples: ok %r" % counts)
finally:
    os.chdir(root)
    shutil.rmtree(scratch, ignore_errors=True)
