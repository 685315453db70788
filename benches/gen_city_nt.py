#!/usr/bin/env python3
"""Deterministic generator of a city-digital-twin-like N-Triples file.

Writes exactly N distinct triples (default 10,000,000) describing addresses, buildings,
EPC-like energy certificates, assessors (blank nodes) and sensor observations, with typed
literals (xsd:integer, xsd:decimal, xsd:double, xsd:date, xsd:dateTime, xsd:gYear,
xsd:boolean, geo:wktLiteral), plain strings (some with escapes and non-ASCII characters)
and language-tagged labels. The same N always gives the same bytes (no randomness: every
value is derived from the entity number by integer hashing).

Usage: gen_city_nt.py [--triples N] OUTPUT.nt      (OUTPUT '-' writes to stdout)
"""
import argparse
import sys

EX = "https://data.example.org/city/"
TG = "https://w3id.org/twingraph/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"
WKT = "<http://www.opengis.net/ont/geosparql#wktLiteral>"
GEO_AS_WKT = "<http://www.opengis.net/ont/geosparql#asWKT>"

STREETS = ["High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Road",
           "Victoria Street", "Queen's Road", "King Street", "Green Lane", "Canal Side",
           "Rue de l'Église", "Königstraße", "Calle Mayor", "Via Roma", "Øster Allé"]
TOWNS = ["Leeds", "Bradford", "Wakefield", "Halifax", "Huddersfield", "York", "Harrogate"]
FUELS = ["mains gas", "electricity", "oil", "LPG", "biomass", "district heating"]
BUILT_FORMS = ["Detached", "Semi-Detached", "Mid-Terrace", "End-Terrace", "Enclosed Mid-Terrace"]
USES = ["residential", "commercial", "mixed use", "education", "health", "industrial"]
RATINGS = "ABCDEFG"
FIRST = ["Alice", "Bilal", "Chen", "Dorota", "Émile", "Fatima", "Gareth", "Hana", "Ivan", "José"]
LAST = ["Smith", "Khan", "Wang", "Nowak", "Dupont", "O'Brien", "Jones", "Sato", "Petrov", "García"]


def h(i, salt):
    """Cheap deterministic 32-bit hash."""
    return ((i * 2654435761 + salt * 40503) ^ (i >> 7)) & 0xFFFFFFFF


def typed(value, dt):
    return f'"{value}"^^<{XSD}{dt}>'


def entity_triples(i):
    """All the triples of city block number i (about 42 lines)."""
    a = f"<{EX}address/{i}>"
    b = f"<{EX}building/{i}>"
    e = f"<{EX}epc/{i}>"
    s = f"<{EX}sensor/{i}>"
    d = f"<{EX}district/{i % 997}>"
    asr = f"_:assessor{i}"
    geom = f"_:geom{i}"
    h1, h2, h3, h4 = h(i, 1), h(i, 2), h(i, 3), h(i, 4)
    street = STREETS[h1 % len(STREETS)]
    town = TOWNS[h2 % len(TOWNS)]
    number = 1 + h3 % 240
    lat = 53.70 + (h1 % 200000) / 1_000_000
    lon = -1.65 + (h2 % 300000) / 1_000_000
    year = 1850 + h3 % 174
    month = 1 + h4 % 12
    day = 1 + (h4 >> 4) % 28
    cur = RATINGS[h1 % 7]
    pot = RATINGS[max(0, (h1 % 7) - 1 - h2 % 2)]
    first, last = FIRST[h3 % len(FIRST)], LAST[h4 % len(LAST)]
    postcode = f"LS{h1 % 30} {h2 % 10}{chr(65 + h3 % 26)}{chr(65 + h4 % 26)}"
    ttl = TG
    out = [
        # address
        f"{a} {RDF_TYPE} <{ttl}Address> .",
        f'{a} <{ttl}streetAddress> "{number} {street}" .',
        f'{a} <{ttl}postcode> "{postcode}" .',
        f'{a} <{ttl}locality> "{town}"@en .',
        f'{a} <{ttl}uprn> "{10_000_000_000 + i}" .',
        f"{a} <{ttl}latitude> {typed(f'{lat:.6f}', 'decimal')} .",
        f"{a} <{ttl}longitude> {typed(f'{lon:.6f}', 'decimal')} .",
        f"{a} <{ttl}inDistrict> {d} .",
        # building
        f"{b} {RDF_TYPE} <{ttl}Building> .",
        f"{b} <{ttl}hasAddress> {a} .",
        f'{b} {RDFS_LABEL} "Building {i} on {street}"@en .',
        f'{b} {RDFS_LABEL} "Bâtiment {i}, {street}"@fr .',
        f"{b} <{ttl}yearBuilt> {typed(year, 'gYear')} .",
        f"{b} <{ttl}floorArea> {typed(f'{20 + (h2 % 40000) / 100:.2f}', 'decimal')} .",
        f"{b} <{ttl}storeys> {typed(1 + h4 % 12, 'integer')} .",
        f'{b} <{ttl}builtForm> "{BUILT_FORMS[h1 % len(BUILT_FORMS)]}" .',
        f'{b} <{ttl}use> "{USES[h2 % len(USES)]}" .',
        f"{b} <{ttl}listed> {typed('true' if h3 % 50 == 0 else 'false', 'boolean')} .",
        f"{b} <{ttl}partOf> {d} .",
        f"{b} <{ttl}hasGeometry> {geom} .",
        f"{geom} {GEO_AS_WKT} \"POINT({lon:.6f} {lat:.6f})\"^^{WKT} .",
        # EPC-like record
        f"{e} {RDF_TYPE} <{ttl}EnergyPerformanceCertificate> .",
        f"{e} <{ttl}aboutBuilding> {b} .",
        f'{e} <{ttl}lmkKey> "{h1:08x}{h2:08x}{h3:08x}{h4:08x}" .',
        f'{e} <{ttl}currentRating> "{cur}" .',
        f'{e} <{ttl}potentialRating> "{pot}" .',
        f"{e} <{ttl}currentEfficiency> {typed(1 + h1 % 100, 'integer')} .",
        f"{e} <{ttl}energyConsumption> {typed(50 + h2 % 500, 'integer')} .",
        f"{e} <{ttl}co2Emissions> {typed(f'{(h3 % 2000) / 100:.2E}', 'double')} .",
        f"{e} <{ttl}lodgementDate> {typed(f'{2008 + h4 % 17}-{month:02d}-{day:02d}', 'date')} .",
        f"{e} <{ttl}inspectionDateTime> "
        f"{typed(f'{2008 + h4 % 17}-{month:02d}-{day:02d}T{h1 % 24:02d}:{h2 % 60:02d}:00Z', 'dateTime')} .",
        f'{e} <{ttl}mainFuel> "{FUELS[h3 % len(FUELS)]}" .',
        f'{e} <{ttl}notes> "Assessor said \\"{cur} now, {pot} possible\\"\\nloft: {h4 % 300} mm" .',
        f"{e} <{ttl}assessedBy> {asr} .",
        f"{asr} {RDF_TYPE} <{ttl}Assessor> .",
        f'{asr} <{ttl}name> "{first} {last}" .',
        f'{asr} <{ttl}accreditation> "EES/{h1 % 1000000:06d}" .',
        # sensor + one observation
        f"{s} {RDF_TYPE} <{ttl}Sensor> .",
        f"{s} <{ttl}installedIn> {b} .",
        f'{s} <{ttl}observes> "indoor temperature"@en .',
        f"{s} <{ttl}lastValue> {typed(f'{15 + (h2 % 1000) / 100:.2f}', 'decimal')} .",
        f"{s} <{ttl}lastSeen> "
        f"{typed(f'2025-{month:02d}-{day:02d}T{h3 % 24:02d}:{h4 % 60:02d}:{h1 % 60:02d}Z', 'dateTime')} .",
    ]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--triples", "-n", type=int, default=10_000_000)
    args = parser.parse_args()
    n = args.triples
    if n < 0:
        parser.error("--triples must be >= 0")
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    written = 0
    i = 0
    chunk = []
    try:
        while written < n:
            lines = entity_triples(i)
            if written + len(lines) > n:
                lines = lines[: n - written]
            chunk.extend(lines)
            written += len(lines)
            i += 1
            if len(chunk) >= 50_000:
                chunk.append("")
                out.write("\n".join(chunk))
                chunk = []
        if chunk:
            chunk.append("")
            out.write("\n".join(chunk))
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"wrote {written} triples ({i} city blocks) to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
