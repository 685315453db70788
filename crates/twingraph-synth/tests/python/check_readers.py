"""Independent readers of the generated TEED district (issue 8).

* GTFS: `gtfs_kit.read_feed` + `Feed.validate()`; any row of type "error" fails.
* IFC: `ifcopenshell.open`; the file must have one IfcBuilding carrying the
  UPRN (in its file name) in a property set, and that UPRN must be in
  OS Open UPRN.

The district folder comes from TWINGRAPH_SYNTH_DIR (set by run.sh); without
it the district is generated into a temporary folder with the example binary.
"""

import csv
import os
import pathlib
import subprocess
import tempfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[4]


@pytest.fixture(scope="session")
def district():
    d = os.environ.get("TWINGRAPH_SYNTH_DIR")
    if d:
        return pathlib.Path(d)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="teed-synth-"))
    subprocess.run(
        ["cargo", "run", "--release", "-q", "-p", "twingraph-synth", "--example", "synth",
         "--", str(tmp), "teed", "1"],
        cwd=REPO, check=True, stdout=subprocess.DEVNULL,
    )
    return tmp


def test_gtfs_kit_reads_and_validates_the_feed(district):
    import gtfs_kit as gk
    feed = gk.read_feed(district / "transport" / "gtfs", dist_units="km")
    for table in ["agency", "stops", "routes", "trips", "stop_times", "calendar", "shapes"]:
        df = getattr(feed, table)
        assert df is not None and len(df) > 0, f"{table} is empty"
    report = feed.validate()
    errors = report[report["type"] == "error"]
    warnings = report[report["type"] == "warning"]
    print(f"gtfs-kit {gk.__version__ if hasattr(gk, '__version__') else ''}: "
          f"{len(feed.stops)} stops, {len(feed.routes)} routes, {len(feed.trips)} trips, "
          f"{len(feed.stop_times)} stop times; {len(errors)} errors, {len(warnings)} warnings")
    for _, w in warnings.iterrows():
        print(f"  warning: {w['table']}: {w['message']} ({len(w['rows'])} rows)")
    assert errors.empty, "gtfs-kit validation errors:\n" + errors.to_string()
    # Every NaPTAN ATCOCode is a stop_id.
    with open(district / "transport" / "naptan" / "Stops.csv", newline="", encoding="utf-8") as f:
        atco = {r["ATCOCode"] for r in csv.DictReader(f)}
    assert atco == set(feed.stops["stop_id"])


def test_ifcopenshell_reads_the_building_and_its_uprn(district):
    try:
        import ifcopenshell
        import ifcopenshell.util.element as element
    except ImportError as e:  # pragma: no cover - platform without a wheel
        pytest.skip(f"ifcopenshell is not installable here: {e}")
    files = sorted((district / "ifc").glob("uprn-*.ifc"))
    assert files, "an IFC file"
    for path in files:
        uprn = path.stem.removeprefix("uprn-")
        model = ifcopenshell.open(str(path))
        assert model.schema == "IFC4"
        buildings = model.by_type("IfcBuilding")
        assert len(buildings) == 1
        psets = element.get_psets(buildings[0])
        found = {name: props["UPRN"] for name, props in psets.items() if "UPRN" in props}
        print(f"ifcopenshell {ifcopenshell.version}: {path.name}: {len(model.by_type('IfcRoot'))} "
              f"rooted entities; UPRN in {sorted(found)}")
        assert uprn in found.values(), f"UPRN {uprn} in a property set of the IfcBuilding: {psets}"
        assert model.by_type("IfcMapConversion"), "georeferenced"
        assert model.by_type("IfcBuildingStorey")
    with open(district / "os" / "osopenuprn_202501.csv", newline="") as f:
        uprns = {r["UPRN"] for r in csv.DictReader(f)}
    assert all(p.stem.removeprefix("uprn-") in uprns for p in files)
