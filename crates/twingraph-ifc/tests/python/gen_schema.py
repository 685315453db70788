"""Regenerates src/schema/*.txt, the EXPRESS entity tables the importer reads.

One line per entity: `Name Supertype Attr1,Attr2,...` (own explicit attributes in
declaration order; `-` when there is no supertype or no attribute). The tables come from
the schemas bundled with IfcOpenShell (buildingSMART's EXPRESS), so that entity names get
their proper case and attributes are found by name, not by hard-coded position.

Usage: $TWINGRAPH_VENV/bin/python gen_schema.py <out-dir>
"""
import sys

import ifcopenshell

try:
    schema_by_name = ifcopenshell.schema_by_name
except AttributeError:  # older IfcOpenShell
    schema_by_name = ifcopenshell.ifcopenshell_wrapper.schema_by_name

out = sys.argv[1]
for name, file in [("IFC2X3", "ifc2x3"), ("IFC4", "ifc4"), ("IFC4X3_ADD2", "ifc4x3")]:
    schema = schema_by_name(name)
    lines = []
    for d in sorted(schema.declarations(), key=lambda d: d.name()):
        if not hasattr(d, "all_attributes"):
            continue
        sup = d.supertype().name() if d.supertype() else "-"
        attrs = ",".join(a.name() for a in d.attributes()) or "-"
        lines.append(f"{d.name()} {sup} {attrs}")
    with open(f"{out}/{file}.txt", "w") as f:
        f.write("\n".join(lines) + "\n")
    print(name, len(lines))
