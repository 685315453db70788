#!/usr/bin/env python3
"""The Python side of benches/rules_vs_reasonable.sh: runs one reasoner in this process, or
compares the derived triples of several.

  reason_py.py reasonable INPUT.nt OUT.nt   # reasonable.PyReasoner: load_file, reason()
  reason_py.py owlrl INPUT.nt OUT.nt        # owlrl.DeductiveClosure(OWLRL_Semantics).expand
  reason_py.py compare INPUT.nt NAME=DERIVED.nt...   # agreement report

Both reasoners return the closure (input + derived); OUT gets only the derived triples (the
closure minus the input), one N-Triples line each, with literals normalised the way
oxigraph writes them ("x"^^xsd:string is written "x"), so that the files of all tools can
be compared line by line. Timings of the phases go to stdout as key=value lines.
"""
import re
import sys
import time
from collections import Counter

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
UB = "http://swat.cse.lehigh.edu/onto/univ-bench.owl#"
VOCAB = (RDF, RDFS, OWL, XSD, UB)


def nt_term(t):
    from rdflib import Literal, URIRef, BNode
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        if t.datatype is not None and str(t.datatype) == XSD_STRING:
            t = Literal(str(t))
        return t.n3()
    if isinstance(t, BNode):
        return f"_:{t}"
    return str(t)


def nt_line(tr):
    return f"{nt_term(tr[0])} {nt_term(tr[1])} {nt_term(tr[2])}"


def read_lines(path):
    """N-Triples lines of a file, without the final ' .', as a set."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.endswith("."):
                line = line[:-1].rstrip()
            out.add(line.replace('^^<' + XSD_STRING + '>', ''))
    return out


def write_derived(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for line in sorted(lines):
            f.write(line + " .\n")


def run_reasonable(inp, out):
    import reasonable
    t0 = time.perf_counter()
    r = reasonable.PyReasoner()
    # load_file picks the parser from the extension and knows only .ttl and .n3;
    # N-Triples is Turtle, so read the file through a .ttl symlink
    src = inp
    if not inp.endswith((".ttl", ".n3")):
        import os
        import tempfile
        tmpdir = tempfile.mkdtemp()
        src = os.path.join(tmpdir, "input.ttl")
        os.symlink(os.path.abspath(inp), src)
    r.load_file(src)
    t1 = time.perf_counter()
    closure = r.reason()
    t2 = time.perf_counter()
    base = read_lines(inp)
    derived = {nt_line(tr) for tr in closure}
    derived.difference_update(base)
    write_derived(out, derived)
    t3 = time.perf_counter()
    print(f"version={reasonable.__version__}")
    print(f"load_seconds={t1 - t0:.3f}")
    print(f"reason_seconds={t2 - t1:.3f}")
    print(f"write_seconds={t3 - t2:.3f}")
    print(f"closure_triples={len(closure)}")
    print(f"derived_triples={len(derived)}")


def run_owlrl(inp, out):
    import owlrl
    import rdflib
    t0 = time.perf_counter()
    g = rdflib.Graph()
    g.parse(inp, format="nt")
    base = set(g)
    t1 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    t2 = time.perf_counter()
    derived = {nt_line(tr) for tr in g if tr not in base}
    derived.difference_update(read_lines(inp))
    write_derived(out, derived)
    t3 = time.perf_counter()
    print(f"version={owlrl.__version__}")
    print(f"load_seconds={t1 - t0:.3f}")
    print(f"reason_seconds={t2 - t1:.3f}")
    print(f"write_seconds={t3 - t2:.3f}")
    print(f"closure_triples={len(g)}")
    print(f"derived_triples={len(derived)}")


LINE = re.compile(r'^("(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?|\S+) (\S+) (.*)$')


def split(line):
    """Subject, predicate, object of a normalised line (literals may contain spaces)."""
    m = LINE.match(line)
    return m.group(1), m.group(2), m.group(3)


def short(term):
    for ns, pfx in ((RDF, "rdf:"), (RDFS, "rdfs:"), (OWL, "owl:"), (XSD, "xsd:"), (UB, "ub:")):
        if term.startswith("<" + ns):
            return pfx + term[len(ns) + 1:-1]
    if term.startswith('"'):
        return "literal"
    return "data"


def category(line):
    """('data' | 'schema' | 'literal', key): what kind of triple, for the difference tables."""
    s, p, o = split(line)
    if s.startswith('"'):
        kind = "literal-subject"
    elif any(s.startswith("<" + ns) for ns in VOCAB):
        kind = "schema"
    else:
        kind = "data"
    if p == f"<{RDF}type>":
        key = f"{short(s) if kind == 'schema' else kind} rdf:type {short(o)}"
    elif p == f"<{OWL}sameAs>":
        key = f"{kind} owl:sameAs ({'reflexive' if s == o else 'other'})"
    else:
        key = f"{kind} {short(p)} {short(o) if kind == 'schema' else ''}".rstrip()
    return kind, key


def comparable(line):
    """The triples every OWL 2 RL reasoner must derive from this input: about data
    individuals, not rdf:type owl:Thing, not reflexive owl:sameAs, no literal subject."""
    kind, key = category(line)
    if kind != "data":
        return False
    return not key.endswith("rdf:type owl:Thing") and "reflexive" not in key


def run_compare(inp, pairs):
    base = read_lines(inp)
    sets = {}
    for pair in pairs:
        name, path = pair.split("=", 1)
        d = read_lines(path)
        overlap = len(d & base)
        d -= base
        sets[name] = d
        core = sum(1 for line in d if comparable(line))
        print(f"{name}: derived={len(d)} comparable={core} (in input, dropped: {overlap})")
    names = list(sets)
    ref = names[0]
    for other in names[1:]:
        a, b = sets[ref], sets[other]
        a_core = {x for x in a if comparable(x)}
        b_core = {x for x in b if comparable(x)}
        agree = "AGREE" if a_core == b_core else "DIFFER"
        print(f"{ref} vs {other}: comparable triples {agree} "
              f"(only {ref}: {len(a_core - b_core)}, only {other}: {len(b_core - a_core)}); "
              f"all derived: only {ref} {len(a - b)}, only {other} {len(b - a)}, both {len(a & b)}")
        for label, diff in ((f"only {ref}", a - b), (f"only {other}", b - a)):
            if not diff:
                continue
            cats = Counter(category(x)[1] for x in diff)
            print(f"  {label}, by kind:")
            for key, n in cats.most_common(12):
                ex = next(x for x in diff if category(x)[1] == key)
                print(f"    {n:>9}  {key:<55} e.g. {ex[:150]}")
            if len(cats) > 12:
                print(f"    ({len(cats) - 12} more kinds, {sum(n for _, n in cats.most_common()[12:])} triples)")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd = sys.argv[1]
    if cmd == "reasonable" and len(sys.argv) == 4:
        run_reasonable(sys.argv[2], sys.argv[3])
    elif cmd == "owlrl" and len(sys.argv) == 4:
        run_owlrl(sys.argv[2], sys.argv[3])
    elif cmd == "compare":
        run_compare(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
