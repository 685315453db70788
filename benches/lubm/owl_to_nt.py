#!/usr/bin/env python3
"""Converts univ-bench.owl (RDF/XML) to N-Triples with its blank nodes replaced by stable
IRIs, so that every tool reads the same terms and their outputs can be compared line by line.

Usage: owl_to_nt.py univ-bench.owl univ-bench.nt   (needs rdflib)

A blank node is named after the path that reaches it from a named class:
<...#Chair> owl:intersectionOf (<...#Person> [restriction]) gives the list cells
<...#Chair.intersectionOf.1>, <...#Chair.intersectionOf.2> and the restriction
<...#Chair.intersectionOf.2.value>; a restriction under rdfs:subClassOf is
<...#GraduateStudent.subClassOf.1>. Skolemising changes no OWL 2 RL entailment.
"""
import sys
import rdflib
from rdflib import BNode, URIRef, RDF

g = rdflib.Graph()
g.parse(sys.argv[1], format="xml")
names = {}


def local(p):
    return str(p).rsplit("#", 1)[-1]


def name_from(node, prefix):
    # walk RDF lists and nested blank nodes below `node`
    if isinstance(node, BNode) and node not in names:
        names[node] = prefix
        if (node, RDF.first, None) in g:
            i, cell = 1, node
            while cell != RDF.nil and isinstance(cell, BNode):
                names[cell] = f"{prefix.rsplit('.', 1)[0]}.{i}" if i > 1 else prefix
                name_from(g.value(cell, RDF.first), f"{names[cell]}.value")
                i, cell = i + 1, g.value(cell, RDF.rest)
        else:
            for p, o in sorted(g.predicate_objects(node)):
                name_from(o, f"{prefix}.{local(p)}")


for s in sorted(x for x in set(g.subjects()) if isinstance(x, URIRef)):
    for p in sorted(set(g.predicates(s))):
        objs = sorted(o for o in g.objects(s, p) if isinstance(o, BNode))
        for k, o in enumerate(objs, 1):
            name_from(o, f"{s}.{local(p)}.{k}")
assert all(n in names for t in g for n in t if isinstance(n, BNode)), "unnamed blank node"
sk = lambda n: URIRef(names[n]) if isinstance(n, BNode) else n
out = rdflib.Graph()
for t in g:
    out.add(tuple(sk(n) for n in t))
lines = sorted(" ".join(n.n3() for n in t) + " .\n" for t in out)
with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as f:
    f.writelines(lines)
print(f"wrote {len(lines)} triples, {len(names)} blank nodes named", file=sys.stderr)
