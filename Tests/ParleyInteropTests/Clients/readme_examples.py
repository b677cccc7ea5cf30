#!/usr/bin/env python3
"""Runs README.md's examples exactly as written against output/.

Every ```sparql block is run with rdflib on output/graph.rdf and with
pyoxigraph on the same file, and must return at least one row in both, with
the same number of rows. Every ```python block is executed with the package
root as the working directory. Exit status 1 on the first failure.
"""
import re
import sys
import os

root = sys.argv[1]
os.chdir(root)
readme = open("README.md", encoding="utf-8").read()

import rdflib
import pyoxigraph

graph = rdflib.Graph()
graph.parse("output/graph.rdf", format="xml")
store = pyoxigraph.Store()
with open("output/graph.rdf", "rb") as f:
    store.load(f, format=pyoxigraph.RdfFormat.RDF_XML)

queries = re.findall(r"```sparql\n(.*?)```", readme, re.S)
if len(queries) < 2:
    sys.exit("readme_examples: README.md has fewer than two ```sparql examples")
for q in queries:
    rows = list(graph.query(q))
    oxrows = list(store.query(q))
    if not rows:
        sys.exit("readme_examples: this README query returns nothing on output/graph.rdf:\n" + q)
    if len(rows) != len(oxrows):
        sys.exit(f"readme_examples: rdflib gives {len(rows)} rows, pyoxigraph {len(oxrows)}, for:\n{q}")
    print(f"sparql example: {len(rows)} rows")

for code in re.findall(r"```python\n(.*?)```", readme, re.S):
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    print("python example: ran")
print("readme_examples: ok")
