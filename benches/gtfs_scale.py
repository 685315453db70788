#!/usr/bin/env python3
"""Deterministic GTFS scaler for the GTFS-Madrid-Bench CSV mapping.

Reads a GTFS feed folder (``agency.txt``, ``stops.txt``, ... as published) and writes the
GTFS-Madrid-Bench CSV distribution layout (``AGENCY.csv``, ``STOPS.csv``, ``STOP_TIMES.csv``,
...) with the feed multiplied ``--scale`` times, as the benchmark's own generator does:
every copy k gets fresh identifiers (copy 0 keeps the seed's IDs, copy k >= 1 appends
``-k`` to every ID), and every reference (trip -> route/service/shape, stop time -> trip/stop,
route -> agency, stop -> parent station, calendar dates -> service, frequency -> trip) is
rewritten with the same suffix, so the copies are consistent, disjoint feeds.

The columns are the Madrid-Bench CSV schema (the GTFS fields its mapping references); a
field the seed lacks is written empty (GTFS optional fields; an empty cell is "no value"
for RML processors), and seed columns outside that schema are dropped. ``feed_info`` is
feed metadata and is written once. A missing optional file (e.g. ``frequencies.txt``)
gives a header-only CSV.

Output is deterministic (same seed and scale -> byte-identical files) and streamed: the
seed is read once per copy, so memory stays flat at any scale.

Usage: gtfs_scale.py --seed DIR --scale N --out DIR
"""

import argparse
import csv
import os
import sys

# Madrid-Bench CSV files: output name, GTFS seed file, columns, ID columns to suffix.
ID = {
    "agency_id", "route_id", "trip_id", "stop_id", "parent_station",
    "service_id", "shape_id", "block_id",
}
TABLES = [
    ("AGENCY.csv", "agency.txt",
     ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang",
      "agency_phone", "agency_fare_url"]),
    ("CALENDAR.csv", "calendar.txt",
     ["service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday", "start_date", "end_date"]),
    ("CALENDAR_DATES.csv", "calendar_dates.txt", ["service_id", "date", "exception_type"]),
    ("FEED_INFO.csv", "feed_info.txt",
     ["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date",
      "feed_end_date", "feed_version"]),
    ("FREQUENCIES.csv", "frequencies.txt",
     ["trip_id", "start_time", "end_time", "headway_secs", "exact_times"]),
    ("ROUTES.csv", "routes.txt",
     ["route_id", "agency_id", "route_short_name", "route_long_name", "route_desc",
      "route_type", "route_url", "route_color", "route_text_color"]),
    ("SHAPES.csv", "shapes.txt",
     ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence", "shape_dist_traveled"]),
    ("STOPS.csv", "stops.txt",
     ["stop_id", "stop_code", "stop_name", "stop_desc", "stop_lat", "stop_lon", "zone_id",
      "stop_url", "location_type", "parent_station", "stop_timezone", "wheelchair_boarding"]),
    ("STOP_TIMES.csv", "stop_times.txt",
     ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence",
      "stop_headsign", "pickup_type", "drop_off_type", "shape_dist_traveled"]),
    ("TRIPS.csv", "trips.txt",
     ["route_id", "service_id", "trip_id", "trip_headsign", "trip_short_name",
      "direction_id", "block_id", "shape_id", "wheelchair_accessible"]),
]
ONCE = {"FEED_INFO.csv"}


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        for row in reader:
            yield {(k or "").strip(): (v or "").strip() for k, v in row.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", required=True, help="GTFS feed folder (agency.txt, stops.txt, ...)")
    ap.add_argument("--scale", required=True, type=int, help="number of copies (>= 1)")
    ap.add_argument("--out", required=True, help="output folder (created)")
    args = ap.parse_args()
    if args.scale < 1:
        sys.exit("--scale must be >= 1")
    os.makedirs(args.out, exist_ok=True)
    summary = []
    for out_name, seed_name, columns in TABLES:
        seed_path = os.path.join(args.seed, seed_name)
        tmp = os.path.join(args.out, out_name + ".tmp")
        rows = 0
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(columns)
            if os.path.exists(seed_path):
                copies = 1 if out_name in ONCE else args.scale
                for k in range(copies):
                    suffix = "" if k == 0 else f"-{k}"
                    for row in read_rows(seed_path):
                        out = []
                        for c in columns:
                            v = row.get(c, "")
                            if v and c in ID:
                                v += suffix
                            out.append(v)
                        w.writerow(out)
                        rows += 1
        os.replace(tmp, os.path.join(args.out, out_name))
        summary.append(f"{out_name}={rows}")
    print(f"scale {args.scale}: " + " ".join(summary))


if __name__ == "__main__":
    main()
