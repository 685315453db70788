#!/usr/bin/env python3
"""Writes a deterministic OS Open UPRN-layout CSV of N rows (default 1,000,000) for timing
`twingraph map mappings/os-open-uprn/os-open-uprn.rml.ttl`.

    python3 benches/gen_uprn_csv.py 1000000 /tmp/osopenuprn_1m.csv
    twingraph map mappings/os-open-uprn/os-open-uprn.rml.ttl \
        --source osopenuprn_202501.csv=/tmp/osopenuprn_1m.csv --out /tmp/uprn_1m.nq

Rows are synthetic: UPRNs 10000000001… in order, points on a grid around the TEED district
(E 400000–420000, N 280000–290000) with approximate WGS 84 coordinates.
"""
import sys


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = sys.argv[2] if len(sys.argv) > 2 else "osopenuprn_bench.csv"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("UPRN,X_COORDINATE,Y_COORDINATE,LATITUDE,LONGITUDE\n")
        for i in range(n):
            e = 400000 + (i * 7919) % 20000 + (i % 100) / 100
            nn = 280000 + (i * 104729) % 10000 + (i % 97) / 100
            lat = 52.40 + (nn - 280000) / 111_000
            lon = -1.99 + (e - 400000) / 68_000
            f.write(f"{10000000001 + i},{e:.2f},{nn:.2f},{lat:.7f},{lon:.7f}\n")


if __name__ == "__main__":
    main()
