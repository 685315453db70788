//! The staged IFC samples and the district's IFC files import with the counts that
//! IfcOpenShell gives (`tests/python/count.py`) and with the expected property values.

mod common;

use common::*;
use std::collections::BTreeMap;
use twingraph_ifc::ImportOptions;

fn classes(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect()
}

#[test]
fn fzk_haus_ifc4() {
    let Some(dir) = samples() else { return };
    let imp = import(&dir.join("AC20-FZK-Haus.ifc"));
    let s = &imp.summary;
    assert_eq!(s.schema, "IFC4");
    assert_eq!(s.entities, 44249);
    assert_eq!((s.sites, s.buildings, s.storeys, s.spaces), (1, 1, 2, 7));
    assert_eq!(
        s.elements_by_class,
        classes(&[
            ("IfcBeam", 4),
            ("IfcDoor", 5),
            ("IfcMember", 42),
            ("IfcRailing", 2),
            ("IfcSlab", 4),
            ("IfcStair", 1),
            ("IfcVirtualElement", 3),
            ("IfcWallStandardCase", 13),
            ("IfcWindow", 11),
        ])
    );
    assert_eq!(s.relations, 92);
    let t = &imp.triples;
    // A space's net floor area (IfcOpenShell: 21.410325 m²).
    let area = "347jFE2yX7IhCEIALmupEH/quantity/BaseQuantities/NetFloorArea";
    assert_eq!(value(t, area, NUMERIC), "21.410325");
    assert_eq!(value(t, area, UNIT), "http://qudt.org/vocab/unit/M2");
    assert_eq!(value(t, "347jFE2yX7IhCEIALmupEH", LABEL), "4");
    // A wall's name and its U-value as a quantity.
    assert_eq!(value(t, "2XPyKWY018sA1ygZKgQPtU", LABEL), "Wand-Int-ERDG-4");
    let u = "2XPyKWY018sA1ygZKgQPtU/quantity/Pset_WallCommon/ThermalTransmittance";
    assert_eq!(value(t, u, NUMERIC), "1.5");
    assert!(
        objects(t, "2XPyKWY018sA1ygZKgQPtU", RDF_TYPE)
            .iter()
            .any(|c| c.to_string().ends_with("OWL#IfcWallStandardCase>"))
    );
}

#[test]
fn open_house_ifc4_millimetres() {
    let Some(dir) = samples() else { return };
    let imp = import(&dir.join("IfcOpenHouse_IFC4.ifc"));
    let s = &imp.summary;
    assert_eq!(s.entities, 2885);
    assert_eq!((s.sites, s.buildings, s.storeys, s.spaces), (1, 1, 1, 0));
    assert_eq!(
        s.elements_by_class,
        classes(&[
            ("IfcDoor", 1),
            ("IfcFooting", 1),
            ("IfcMember", 20),
            ("IfcPlate", 5),
            ("IfcRoof", 1),
            ("IfcSlab", 2),
            ("IfcStairFlight", 1),
            ("IfcWallStandardCase", 4),
            ("IfcWindow", 5),
        ])
    );
    assert_eq!(s.relations, 42);
    assert_eq!(
        value(&imp.triples, "3g46_woBL6sugXeY5_WP6n", LABEL),
        "South wall"
    );
    assert!(!s.located);
}

#[test]
fn sample_entities_ifc2x3() {
    let Some(dir) = samples() else { return };
    let imp = import(&dir.join("Sample_entities.ifc"));
    let s = &imp.summary;
    assert_eq!(s.schema, "IFC2X3");
    assert_eq!(s.entities, 466);
    assert_eq!((s.sites, s.buildings, s.storeys, s.spaces), (1, 1, 2, 0));
    assert_eq!(
        s.elements_by_class,
        classes(&[("IfcElectricDistributionPoint", 2)])
    );
    assert_eq!(
        value(&imp.triples, "2Tn1dk1x19EPvQ7g89sJ6V", LABEL),
        "_E_tin_Verteiler_Kombi2:UV:15406643"
    );
    // RefLatitude (53,27,52,270202), RefLongitude (9,59,10,609588).
    assert!(s.located);
    let wkt = imp
        .triples
        .iter()
        .find(|t| t.predicate.as_str() == WKT)
        .map(|t| t.object.to_string())
        .unwrap();
    assert!(
        wkt.starts_with("\"POINT(9.986280441 53.464519501)\""),
        "{wkt}"
    );
    assert_eq!(s.addresses, 1);
}

#[test]
fn composite_profile_ifc2x3() {
    let Some(dir) = samples() else { return };
    let imp = import(&dir.join("ISSUE_044_test_IFCCOMPOSITEPROFILEDEF.ifc"));
    let s = &imp.summary;
    assert_eq!(s.entities, 435);
    assert_eq!((s.sites, s.buildings, s.storeys, s.spaces), (1, 1, 1, 0));
    assert_eq!(
        s.elements_by_class,
        classes(&[("IfcBuildingElementPart", 7), ("IfcWall", 1)])
    );
    let v = "26aI5fmBWBJABaLrRFxgWH/quantity/BaseQuantities/NetVolume";
    assert_eq!(value(&imp.triples, v, NUMERIC), "0.249286723059");
    assert_eq!(
        value(&imp.triples, v, UNIT),
        "http://qudt.org/vocab/unit/M3"
    );
}

#[test]
fn district_building_with_uprn() {
    let mut n = 0;
    for entry in std::fs::read_dir(district()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("ifc") {
            continue;
        }
        n += 1;
        let imp = import(&path);
        let s = &imp.summary;
        assert_eq!(s.schema, "IFC4");
        assert_eq!((s.sites, s.buildings), (1, 1));
        assert!(s.storeys >= 1 && s.elements > 0, "{s}");
        let stem = path.file_stem().unwrap().to_string_lossy();
        let uprn = stem.strip_prefix("uprn-").unwrap();
        assert_eq!(s.uprns, vec![uprn.to_owned()]);
        let location = format!("https://w3id.org/twingraph/id/uprn/{uprn}");
        assert!(imp.triples.iter().any(|t| {
            t.predicate.as_str() == "https://w3id.org/twingraph/def/building#hasAddressableUnit"
                && t.object.to_string() == format!("<{location}>")
        }));
        assert_eq!(s.addresses, 1);
        assert!(s.located);
    }
    assert!(n > 0, "no IFC file in {}", district().display());
}

#[test]
fn district_counts_and_values() {
    let imp = import(&district().join("uprn-100070040310.ifc"));
    let s = &imp.summary;
    assert_eq!(s.entities, 129);
    assert_eq!(s.storeys, 2);
    assert_eq!(
        s.elements_by_class,
        classes(&[("IfcSlab", 2), ("IfcWall", 8)])
    );
    assert_eq!(
        value(&imp.triples, "3Slv71jD5icvb52aaFFaQy", LABEL),
        "Front wall"
    );
    let wkt = value(&imp.triples, "2dp_kH42wXCBJbvb7UP46P/geometry", WKT);
    assert_eq!(wkt, "POINT(-1.838993647 52.463778539)");
}

#[test]
fn caller_uprn_wins_and_iris_are_deterministic() {
    let path = district().join("uprn-100070040310.ifc");
    let opts = ImportOptions {
        base_iri: "https://data.birmingham.example/id/".into(),
        uprn: Some("100070999999".into()),
        project_slug: Some("teed-13-coventry-road".into()),
        ifcowl: false,
    };
    let a = import_with(&path, &opts);
    let b = import_with(&path, &opts);
    assert_eq!(a.triples, b.triples);
    assert_eq!(a.summary.uprns, vec!["100070999999".to_owned()]);
    assert!(a.triples.iter().any(|t| t.subject.to_string()
        == "<https://data.birmingham.example/id/ifc/teed-13-coventry-road/2X8FROsmadkCDjBgqkM7wq>"));
    let bad = ImportOptions {
        uprn: Some("12A".into()),
        ..ImportOptions::default()
    };
    let f = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    assert!(matches!(
        twingraph_ifc::read(f, &bad),
        Err(twingraph_ifc::IfcError::Options(_))
    ));
}
