#!/usr/bin/env python3
"""Deterministic generator of EPC-like dwellings as N-Triples, in the TwinGraph common
ontology's terms (building, energy and place modules), for the SHACL benchmark
(benches/shacl_vs_pyshacl.sh).

Each dwelling is a bldg:Dwelling with a UPRN, property type, built form, tenure, ward,
postcode, an address node, a WKT point geometry and one Energy Performance Certificate
(LMK key, SAP score and the matching band, potential SAP and band, lodgement date, floor
area, CO2, main fuel) -- 26 triples per dwelling. About 1 % of the dwellings (every
dwelling whose index is 37 mod 100) carry exactly one deliberate defect, cycling through
eight kinds, each of which produces exactly one sh:Violation under shapes/core.ttl,
place.ttl, building.ttl and energy.ttl. Only IRIs are used as subjects, so reports of
different validators can be compared result by result.

Usage: gen_epc_rdf.py --dwellings N [--seed S] [--out FILE] [--expected FILE]
  --expected writes a JSON summary: triples, dwellings, defects by kind and the expected
  number of violations.
"""
import argparse
import json
import random
import sys

TG = "https://w3id.org/twingraph/def/core#"
PLACE = "https://w3id.org/twingraph/def/place#"
BLDG = "https://w3id.org/twingraph/def/building#"
ENERGY = "https://w3id.org/twingraph/def/energy#"
VOCAB = "https://w3id.org/twingraph/def/vocab/"
GEO = "http://www.opengis.net/ont/geosparql#"
LOCN = "http://www.w3.org/ns/locn#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/twingraph/id/"

BANDS = [("A", 92, 110), ("B", 81, 91), ("C", 69, 80), ("D", 55, 68), ("E", 39, 54), ("F", 21, 38), ("G", 1, 20)]
PROPERTY_TYPES = ["House", "Bungalow", "Flat", "Maisonette", "ParkHome"]
BUILT_FORMS = ["Detached", "SemiDetached", "MidTerrace", "EndTerrace", "EnclosedMidTerrace", "EnclosedEndTerrace"]
TENURES = ["OwnerOccupied", "PrivateRented", "SocialRentedLocalAuthority", "SocialRentedHousingAssociation"]
FUELS = ["MainsGas", "Electricity", "HeatingOil", "LPG", "CommunityHeat"]
WARDS = ["E05011182", "E05011183", "E05011150", "E05011149", "E05011155"]
STREETS = ["James Road", "Wharfdale Road", "Reddings Lane", "Warwick Road", "Formans Road", "Coventry Road"]
DEFECTS = [
    "band_sap_mismatch",    # band of another range                  -> sh:OrConstraintComponent
    "uprn_13_digits",       # tg:uprn with 13 digits                 -> sh:PatternConstraintComponent
    "missing_lodgement",    # no energy:lodgementDate                -> sh:MinCountConstraintComponent
    "bad_wkt",              # POINT with one coordinate              -> sh:PatternConstraintComponent
    "unknown_property_type",  # concept outside vocab/property-type  -> sh:InConstraintComponent
    "zero_floor_area",      # energy:totalFloorArea 0.0              -> sh:MinExclusiveConstraintComponent
    "lodgement_not_date",   # lodgement date as a plain string       -> sh:DatatypeConstraintComponent
    "bad_postcode",         # place:postcode "B11"                    -> sh:PatternConstraintComponent
]


def band_for(sap):
    for name, lo, hi in BANDS:
        if lo <= sap <= hi or (name == "A" and sap >= lo):
            return name
    raise ValueError(sap)


def iri(s):
    return f"<{s}>"


def lit(value, datatype=None):
    v = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{v}"^^<{datatype}>' if datatype else f'"{v}"'


def generate(n, seed, out):
    rng = random.Random(seed)
    triples = 0
    defects = {d: 0 for d in DEFECTS}
    buf = []

    def t(s, p, o):
        buf.append(f"{s} {p} {o} .\n")

    for i in range(n):
        defect = DEFECTS[(i // 100) % len(DEFECTS)] if i % 100 == 37 else None
        if defect:
            defects[defect] += 1
        uprn = str(100070000000 + i * 7 + rng.randrange(7))
        d = iri(f"{ID}uprn/{uprn}")
        lmk = f"{rng.getrandbits(64):016x}{i:08d}"
        epc = iri(f"{ID}epc/{lmk}")
        addr = iri(f"{ID}uprn/{uprn}/address")
        geom = iri(f"{ID}uprn/{uprn}/geometry")
        postcode = f"B{rng.choice([9, 10, 11, 25, 27])} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        if defect == "bad_postcode":
            postcode = "B11"
        ptype = rng.choice(PROPERTY_TYPES)
        if defect == "unknown_property_type":
            ptype = "Castle"
        t(d, iri(RDF_TYPE), iri(BLDG + "Dwelling"))
        t(d, iri(TG + "uprn"), lit(uprn + "1" if defect == "uprn_13_digits" else uprn))
        t(d, iri(BLDG + "propertyType"), iri(f"{VOCAB}property-type#{ptype}"))
        t(d, iri(BLDG + "builtForm"), iri(f"{VOCAB}built-form#{rng.choice(BUILT_FORMS)}"))
        t(d, iri(BLDG + "tenure"), iri(f"{VOCAB}tenure#{rng.choice(TENURES)}"))
        t(d, iri(PLACE + "inWard"), iri(f"{ID}ward/{rng.choice(WARDS)}"))
        t(d, iri(PLACE + "postcode"), lit(postcode))
        t(d, iri(PLACE + "hasAddress"), addr)
        t(d, iri(ENERGY + "hasEpc"), epc)
        t(d, iri(GEO + "hasGeometry"), geom)
        t(addr, iri(RDF_TYPE), iri(PLACE + "Address"))
        t(addr, iri(LOCN + "fullAddress"), lit(f"{rng.randrange(1, 300)} {rng.choice(STREETS)}, Birmingham {postcode}"))
        t(addr, iri(LOCN + "postCode"), lit(postcode))
        x = -1.88 + rng.random() * 0.08
        y = 52.44 + rng.random() * 0.04
        wkt = f"POINT({x:.6f})" if defect == "bad_wkt" else f"POINT({x:.6f} {y:.6f})"
        t(geom, iri(RDF_TYPE), iri(GEO + "Geometry"))
        t(geom, iri(GEO + "asWKT"), lit(wkt, GEO + "wktLiteral"))
        sap = max(1, min(105, int(rng.gauss(62, 14))))
        band = band_for(sap)
        if defect == "band_sap_mismatch":
            band = "A" if band in "EFG" else "G"
        potential = min(110, sap + rng.randrange(0, 25))
        t(epc, iri(RDF_TYPE), iri(ENERGY + "EnergyPerformanceCertificate"))
        t(epc, iri(TG + "epcLmkKey"), lit(lmk))
        t(epc, iri(ENERGY + "certifies"), d)
        t(epc, iri(ENERGY + "sapScore"), lit(str(sap), XSD + "integer"))
        t(epc, iri(ENERGY + "currentEnergyBand"), iri(f"{VOCAB}epc-band#{band}"))
        t(epc, iri(ENERGY + "potentialSapScore"), lit(str(potential), XSD + "integer"))
        t(epc, iri(ENERGY + "potentialEnergyBand"), iri(f"{VOCAB}epc-band#{band_for(potential)}"))
        date = f"{rng.randrange(2009, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        if defect == "lodgement_not_date":
            t(epc, iri(ENERGY + "lodgementDate"), lit(date))
        elif defect != "missing_lodgement":
            t(epc, iri(ENERGY + "lodgementDate"), lit(date, XSD + "date"))
        area = "0.0" if defect == "zero_floor_area" else f"{rng.uniform(28, 220):.1f}"
        t(epc, iri(ENERGY + "totalFloorArea"), lit(area, XSD + "decimal"))
        t(epc, iri(ENERGY + "co2EmissionsCurrent"), lit(f"{rng.uniform(0.5, 9.0):.1f}", XSD + "decimal"))
        t(epc, iri(ENERGY + "mainFuel"), iri(f"{VOCAB}fuel#{rng.choice(FUELS)}"))
        if len(buf) >= 100_000:
            out.write("".join(buf))
            triples += len(buf)
            buf.clear()
    out.write("".join(buf))
    triples += len(buf)
    return triples, defects


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dwellings", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-")
    ap.add_argument("--expected")
    a = ap.parse_args()
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    triples, defects = generate(a.dwellings, a.seed, out)
    if out is not sys.stdout:
        out.close()
    summary = {"dwellings": a.dwellings, "seed": a.seed, "triples": triples,
               "defects": defects, "expected_violations": sum(defects.values())}
    if a.expected:
        with open(a.expected, "w") as f:
            json.dump(summary, f, indent=2)
    print(f"gen_epc_rdf: {a.dwellings} dwellings, {triples} triples, "
          f"{summary['expected_violations']} defective records", file=sys.stderr)


if __name__ == "__main__":
    main()
