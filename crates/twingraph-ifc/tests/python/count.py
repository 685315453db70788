"""Independent counts of IFC files with IfcOpenShell, printed as JSON keyed by file name.

The counts follow the importer's documented mapping rules, applied with IfcOpenShell's own
schema knowledge (is_a), not with the importer's tables:
  entities           every entity instance of the file
  sites/buildings/storeys/spaces  instances of IfcSite, IfcBuilding, IfcBuildingStorey, IfcSpace
  elements_by_class  IfcElement instances that are not IfcFeatureElement, by class
  relations          IfcRelAggregates / IfcRelContainedInSpatialStructure pairs that BOT
                     expresses (zone-zone, element-element, zone contains element)
  uprns              values of properties named UPRN on buildings (or their site)

Usage: python count.py <file.ifc>...                 print the counts
       python count.py --compare <rust.json> <file.ifc>...   compare with the importer's
       (the JSON of `cargo run --release -p twingraph-ifc --example ifc_import -- --json`);
       prints every difference and exits 1 when there is one.
"""
import json
import os
import sys
from collections import Counter

import ifcopenshell

ZONES = ("IfcSite", "IfcBuilding", "IfcBuildingStorey", "IfcSpace")


def kind(e):
    for z in ZONES:
        if e.is_a(z):
            return z
    if e.is_a("IfcElement") and not e.is_a("IfcFeatureElement"):
        return "element"
    return None


def relations(f):
    n = 0
    for r in f.by_type("IfcRelAggregates"):
        w = kind(r.RelatingObject)
        for p in r.RelatedObjects:
            k = kind(p)
            if w is None or k is None:
                continue
            if (w in ZONES and k in ZONES) or (w == k == "element"):
                n += 1
    for r in f.by_type("IfcRelContainedInSpatialStructure"):
        w = kind(r.RelatingStructure)
        for p in r.RelatedElements:
            k = kind(p)
            if w in ZONES and k in ("element", "IfcBuildingStorey", "IfcSpace"):
                n += 1
    return n


def uprns(f):
    found = {}
    for r in f.by_type("IfcRelDefinesByProperties"):
        d = r.RelatingPropertyDefinition
        if not d.is_a("IfcPropertySet"):
            continue
        for p in d.HasProperties:
            if p.is_a("IfcPropertySingleValue") and p.Name.strip().upper() == "UPRN" and p.NominalValue:
                for o in r.RelatedObjects:
                    found[o.id()] = str(p.NominalValue.wrappedValue).strip()
    out = []
    for b in f.by_type("IfcBuilding"):
        u = found.get(b.id())
        if u is None:
            for r in b.Decomposes or []:
                if r.RelatingObject.is_a("IfcSite"):
                    u = found.get(r.RelatingObject.id())
        if u is not None and u.isdigit() and u not in out:
            out.append(u)
    return out


def count(path):
    f = ifcopenshell.open(path)
    by_class = Counter(
        e.is_a() for e in f.by_type("IfcElement") if not e.is_a("IfcFeatureElement")
    )
    return {
        "schema": f.schema_identifier if hasattr(f, "schema_identifier") else f.schema,
        "entities": len(list(f)),
        "sites": len(f.by_type("IfcSite")),
        "buildings": len(f.by_type("IfcBuilding")),
        "storeys": len(f.by_type("IfcBuildingStorey")),
        "spaces": len(f.by_type("IfcSpace")),
        "elements": sum(by_class.values()),
        "elements_by_class": dict(sorted(by_class.items())),
        "relations": relations(f),
        "uprns": uprns(f),
    }


def compare(rust, files):
    differences = 0
    for path in files:
        name = os.path.basename(path)
        expected = count(path)
        got = rust.get(name)
        before = differences
        if got is None:
            print(f"{name}: missing from the importer's output")
            differences += 1
            continue
        for key, want in expected.items():
            have = got.get(key)
            if have != want:
                print(f"{name}: {key}: IfcOpenShell {want!r}, twingraph-ifc {have!r}")
                differences += 1
        status = "ok" if differences == before else "DIFFERENT"
        print(f"{name}: {len(expected)} counts compared, {status}")
    return differences


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compare"]:
        with open(sys.argv[2]) as f:
            rust = json.load(f)
        sys.exit(1 if compare(rust, sys.argv[3:]) else 0)
    print(json.dumps({os.path.basename(p): count(p) for p in sys.argv[1:]}, indent=2, sort_keys=True))
