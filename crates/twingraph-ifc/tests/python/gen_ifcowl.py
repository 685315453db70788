"""Regenerates src/schema/*_types.txt, the attribute types the ifcOWL writer needs, and
checks the ifcOWL names they imply against the published ifcOWL ontologies.

Lines (space separated):
  A <Entity> <Attribute> <type>   one line per explicit attribute, in declaration order
  D <DefinedType> <type>          the underlying type of a defined type
  N <Enumeration> <ITEM,ITEM,...> an enumeration and its items
  S <Select>                      a select type
where <type> is `E:Name` (entity), `T:Name` (defined type), `N:Name` (enumeration),
`S:Name` (select), a simple type (STRING REAL INTEGER NUMBER BOOLEAN LOGICAL BINARY),
`[<type>]` (LIST or ARRAY, ordered: an ifcOWL list) or `{<type>}` (SET or BAG: repeated
property values).

The types come from the EXPRESS schemas bundled with IfcOpenShell. With `--check <ttl>
<schema>` the ifcOWL names that the writer derives from them (classes, `attr_Entity`
properties, `X_List` classes, enumeration individuals) are looked up in an ifcOWL ontology
(`../shared/data/ifc/ifcowl/IFC4_ADD2.ttl`, `IFC2X3_TC1.ttl`) and every miss is printed.

Usage: $TWINGRAPH_VENV/bin/python gen_ifcowl.py <out-dir>
       $TWINGRAPH_VENV/bin/python gen_ifcowl.py --check IFC4_ADD2.ttl IFC4
"""
import sys

import ifcopenshell

W = ifcopenshell.ifcopenshell_wrapper
SIMPLE = {"string", "real", "integer", "number", "boolean", "logical", "binary"}


def desc(t):
    """The type descriptor of an attribute or declared type."""
    if isinstance(t, W.aggregation_type):
        inner = desc(t.type_of_element())
        kind = t.type_of_aggregation_string().lower()
        return f"[{inner}]" if kind in ("list", "array") else f"{{{inner}}}"
    if isinstance(t, W.named_type):
        d = t.declared_type()
        if isinstance(d, W.entity):
            return f"E:{d.name()}"
        if isinstance(d, W.enumeration_type):
            return f"N:{d.name()}"
        if isinstance(d, W.select_type):
            return f"S:{d.name()}"
        return f"T:{d.name()}"
    if isinstance(t, W.simple_type):
        s = t.declared_type()
        assert s in SIMPLE, s
        return s.upper()
    raise TypeError(t)


def lines(schema):
    out = []
    for d in sorted(schema.declarations(), key=lambda d: d.name()):
        if isinstance(d, W.entity):
            for a in d.attributes():
                out.append(f"A {d.name()} {a.name()} {desc(a.type_of_attribute())}")
        elif isinstance(d, W.enumeration_type):
            out.append(f"N {d.name()} {','.join(d.enumeration_items())}")
        elif isinstance(d, W.select_type):
            out.append(f"S {d.name()}")
        elif isinstance(d, W.type_declaration):
            out.append(f"D {d.name()} {desc(d.declared_type())}")
    return out


def list_class(t):
    """The ifcOWL class of a list of `t` (`IfcLengthMeasure_List`, `INTEGER_List` in expr:)."""
    if t.startswith("["):
        return list_class(t[1:-1]) + "_List"
    if ":" in t:
        return t.split(":", 1)[1] + "_List"
    return "expr:" + t + "_List"


def check(ttl, schema_name):
    import rdflib

    g = rdflib.Graph()
    g.parse(ttl, format="turtle")
    ns = dict(g.namespaces())["ifc"]
    names = {str(s)[len(ns):] for s in g.subjects() if str(s).startswith(ns)}
    schema = W.schema_by_name(schema_name)
    misses = []
    total = 0
    for line in lines(schema):
        kind, name, *rest = line.split(" ")
        total += 1
        if name not in names:
            misses.append(f"class {name}")
        if kind == "A":
            attr, t = rest
            prop = attr[0].lower() + attr[1:] + "_" + name
            total += 1
            if prop not in names:
                misses.append(f"property {prop} ({t})")
            if t.startswith("["):
                c = list_class(t[1:-1])
                total += 1
                if not c.startswith("expr:") and c not in names:
                    misses.append(f"list class {c} for {prop}")
        if kind == "N":
            for item in rest[0].split(","):
                total += 1
                if item not in names:
                    misses.append(f"enumeration item {item} of {name}")
    for m in misses:
        print("MISSING", m)
    print(f"{schema_name} vs {ttl}: {total} names checked, {len(misses)} missing")


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        check(sys.argv[2], sys.argv[3])
        sys.exit(0)
    out = sys.argv[1]
    for name, file in [("IFC2X3", "ifc2x3"), ("IFC4", "ifc4"), ("IFC4X3_ADD2", "ifc4x3")]:
        rows = lines(W.schema_by_name(name))
        with open(f"{out}/{file}_types.txt", "w") as f:
            f.write("\n".join(rows) + "\n")
        print(name, len(rows))
