"""Checks an ifcOWL output (N-Triples) against the ifcOWL ontology (Turtle) with rdflib.

Every `ifc:` term used (predicates and objects, classes included) must exist in the
ontology; the subject of every `ifc:` property must have a type under its `rdfs:domain`
and its object, when typed in the output, a type under its `rdfs:range` (through
`rdfs:subClassOf`). Prints one summary line (and up to 10 examples per kind of problem);
exits 1 when there is a problem.

Usage: python check_ifcowl.py <output.nt> <IFC4_ADD2.ttl>
"""
import sys, rdflib
from collections import Counter
nt, ttl = sys.argv[1], sys.argv[2]
o = rdflib.Graph(); o.parse(ttl, format="turtle")
ns = dict(o.namespaces())["ifc"]
known = {str(s) for s in o.subjects()}
g = rdflib.Graph(); g.parse(nt, format="nt")
miss = Counter(); used = set()
for s, p, v in g:
    for t in (p, v):
        if isinstance(t, rdflib.URIRef) and str(t).startswith(ns):
            used.add(str(t))
            if str(t) not in known: miss[str(t)] += 1
# domain check: each ifc property's domain must be among the subject's class ancestors
sub = {}
for s, _, c in o.triples((None, rdflib.RDFS.subClassOf, None)):
    if isinstance(c, rdflib.URIRef): sub.setdefault(s, set()).add(c)
def anc(c, seen=None):
    seen = seen or set()
    if c in seen: return seen
    seen.add(c)
    for x in sub.get(c, ()): anc(x, seen)
    return seen
types = {}
for s, _, c in g.triples((None, rdflib.RDF.type, None)): types.setdefault(s, set()).add(c)
bad = Counter(); badr = Counter()
for p in {p for p in g.predicates() if str(p).startswith(ns)}:
    dom = set(o.objects(p, rdflib.RDFS.domain)); rng = set(o.objects(p, rdflib.RDFS.range))
    for s, v in g.subject_objects(p):
        if not any(d in anc(c) for c in types.get(s, ()) for d in dom): bad[str(p)] += 1
        if isinstance(v, rdflib.URIRef) and v in types and not any(r in anc(c) for c in types[v] for r in rng): badr[(str(p), str(sorted(types[v])[0]), str(sorted(rng)[0]))] += 1
print(f"{nt}: {len(g)} triples, {len(used)} ifcOWL terms used, {sum(miss.values())} uses of {len(miss)} terms not in the ontology, {sum(bad.values())} domain mismatches, {sum(badr.values())} range mismatches")
for k, n in list(miss.items())[:10]: print("  missing", k, n)
for k, n in list(bad.items())[:10]: print("  domain", k, n)
for k, n in list(badr.items())[:10]: print("  range", k, n)
sys.exit(1 if miss or bad or badr else 0)
