//! Layout and consistency checks of every generated file against the
//! published layouts in `shared/docs/source-formats-and-teed.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use twingraph_synth::{District, Scale, SynthConfig, generate, geo};

fn teed() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("teed-synth");
        let _ = fs::remove_dir_all(&dir);
        generate(
            &SynthConfig {
                out_dir: dir.clone(),
                scale: Scale::Teed,
                seed: 1,
            },
            &|_| {},
        )
        .expect("generate");
        dir
    })
}

fn reader(rel: &str, header: bool) -> csv::Reader<fs::File> {
    csv::ReaderBuilder::new()
        .has_headers(header)
        .flexible(false)
        .from_path(teed().join(rel))
        .expect(rel)
}

fn headers(rel: &str) -> Vec<String> {
    reader(rel, true)
        .headers()
        .expect("hdr")
        .iter()
        .map(String::from)
        .collect()
}

fn rows(rel: &str, header: bool) -> Vec<csv::StringRecord> {
    reader(rel, header)
        .records()
        .map(|r| r.expect("row"))
        .collect()
}

fn col(rel: &str, name: &str) -> Vec<String> {
    let h = headers(rel);
    let i = h
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("{name} in {rel}"));
    rows(rel, true).iter().map(|r| r[i].to_string()).collect()
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn uprns() -> BTreeSet<String> {
    col("os/osopenuprn_202501.csv", "UPRN")
        .into_iter()
        .collect()
}

fn postcodes() -> BTreeSet<String> {
    rows("os/codepo_gb/Data/CSV/b.csv", false)
        .iter()
        .map(|r| r[0].to_string())
        .collect()
}

fn pcd7(pc: &str) -> String {
    let (o, i) = pc.split_once(' ').expect("space");
    if o.len() + i.len() >= 7 {
        format!("{o}{i}")
    } else {
        format!("{o:<4}{i}")
    }
}

#[test]
fn scale_parses() {
    assert_eq!("teed".parse::<Scale>().ok(), Some(Scale::Teed));
    assert_eq!(
        "east-birmingham".parse::<Scale>().ok(),
        Some(Scale::EastBirmingham)
    );
    assert_eq!("city".parse::<Scale>().ok(), Some(Scale::City));
    assert_eq!(
        "20000".parse::<Scale>().ok(),
        Some(Scale::Locations(20_000))
    );
    assert!("nowhere".parse::<Scale>().is_err());
    assert!("3".parse::<Scale>().is_err());
}

#[test]
fn open_uprn_layout() {
    assert_eq!(
        headers("os/osopenuprn_202501.csv"),
        [
            "UPRN",
            "X_COORDINATE",
            "Y_COORDINATE",
            "LATITUDE",
            "LONGITUDE"
        ]
    );
    let rs = rows("os/osopenuprn_202501.csv", true);
    assert!((4_500..5_500).contains(&rs.len()), "{}", rs.len());
    let mut last = 0u64;
    for r in &rs {
        let u: u64 = r[0].parse().expect("int");
        assert!(u > last && r[0].len() <= 12, "sorted, unique, ≤12 digits");
        last = u;
        assert_eq!(r[1].split('.').nth(1).map(str::len), Some(2));
        assert_eq!(r[3].split('.').nth(1).map(str::len), Some(7));
        let (x, y): (f64, f64) = (r[1].parse().expect("x"), r[2].parse().expect("y"));
        assert!(geo::TEED.grow(50.0).contains(geo::Pt::new(x, y)));
        let (lat, lon): (f64, f64) = (r[3].parse().expect("lat"), r[4].parse().expect("lon"));
        assert!(
            (52.45..52.47).contains(&lat) && (-1.85..-1.83).contains(&lon),
            "{lat} {lon}"
        );
    }
}

#[test]
fn code_point_open_layout() {
    let h = fs::read_to_string(teed().join("os/codepo_gb/Doc/Code-Point_Open_Column_Headers.csv"))
        .expect("hdr");
    let lines: Vec<&str> = h.lines().collect();
    assert_eq!(lines[0], "PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC");
    assert!(
        lines[1]
            .starts_with("Postcode,Positional_quality_indicator,Eastings,Northings,Country_code")
    );
    let raw = fs::read_to_string(teed().join("os/codepo_gb/Data/CSV/b.csv")).expect("b.csv");
    assert!(raw.starts_with("\"B"), "no header row");
    for r in rows("os/codepo_gb/Data/CSV/b.csv", false) {
        assert_eq!(r.len(), 10);
        assert_eq!(r[0].len(), 7, "7-character postcode {:?}", &r[0]);
        assert_eq!(&r[1], "10");
        r[2].parse::<u32>().expect("EA integer");
        r[3].parse::<u32>().expect("NO integer");
        assert_eq!(&r[4], "E92000001");
        assert_eq!(&r[8], "E08000025");
        assert!(r[9].starts_with("E05"));
    }
    let first = raw.lines().next().expect("line");
    assert!(
        first
            .split(',')
            .nth(1)
            .is_some_and(|pq| !pq.starts_with('"')),
        "PQ unquoted"
    );
    assert!(postcodes().contains("B11 2BA"), "the ERF's real postcode");
}

#[test]
fn open_names_layout() {
    let tile = teed().join("os/opname_csv_gb/DATA/SP18.csv");
    let bytes = fs::read(&tile).expect("SP18");
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "BOM as the real tile");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf8");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut types = BTreeSet::new();
    let mut pcs = BTreeSet::new();
    for r in rdr.records() {
        let r = r.expect("row");
        assert_eq!(r.len(), 34);
        types.insert(format!("{}/{}", &r[6], &r[7]));
        assert!(r[1].starts_with("http://data.ordnancesurvey.co.uk/id/"));
        let gx: f64 = r[8].parse().expect("x");
        assert_eq!(r[8].split('.').nth(1).map(str::len), Some(3));
        assert_eq!(
            geo::tile_10km(geo::Pt::new(gx, r[9].parse().expect("y"))),
            "SP18"
        );
        if &r[7] == "Postcode" {
            assert_eq!(&r[0], &r[2].replace(' ', ""));
            assert!(
                r[12].is_empty() && r[16].is_empty(),
                "postcode rows carry no MBR or district"
            );
            pcs.insert(pcd7(&r[2]));
        }
        assert_eq!(&r[29], "England");
    }
    for t in [
        "other/Postcode",
        "transportNetwork/Named Road",
        "transportNetwork/Numbered Road",
        "populatedPlace/Suburban Area",
        "hydrography/River",
    ] {
        assert!(types.contains(t), "{t} in {types:?}");
    }
    assert_eq!(
        pcs,
        postcodes(),
        "Open Names postcodes = Code-Point postcodes"
    );
    let hdr = fs::read_to_string(teed().join("os/opname_csv_gb/DOC/OS_Open_Names_Header.csv"))
        .expect("hdr");
    assert_eq!(hdr.trim().split(',').count(), 34);
    // Same shape as the real tile.
    if let Ok(real) = fs::read(shared().join("os/os-open-names/HY20.csv")) {
        assert_eq!(&real[..3], &bytes[..3]);
    }
}

#[test]
fn onspd_layout_matches_real_sample() {
    let h = headers("os/onspd/ONSPD_SYN_2025_UK_B.csv");
    if let Ok(real) =
        fs::read_to_string(shared().join("os/onspd/onspd_sample_aberdeen_first1000.csv"))
    {
        assert_eq!(h.join(","), real.lines().next().expect("hdr"));
    } else {
        assert_eq!(h.len(), 52);
    }
    let pcs = postcodes();
    for r in rows("os/onspd/ONSPD_SYN_2025_UK_B.csv", true) {
        assert_eq!(r[7].to_string(), "E08000025");
        assert!(pcs.contains(&r[0]));
        assert_eq!(r[1].len(), 8);
        assert_eq!(r[12].len(), 7, "osnrth1m zero-padded");
        assert!(r[50].starts_with("E019"), "synthetic LSOA");
    }
}

#[test]
fn lids_joins_uprn_to_usrn() {
    assert_eq!(headers("os/lids/BLPU_UPRN_Street_USRN_11.csv").len(), 8);
    let u = uprns();
    for r in rows("os/lids/BLPU_UPRN_Street_USRN_11.csv", true) {
        assert!(u.contains(&r[1]));
        assert_eq!(r[4].len(), 8, "8-digit USRN");
    }
}

fn band(sap: i64) -> &'static str {
    match sap {
        92.. => "A",
        81..=91 => "B",
        69..=80 => "C",
        55..=68 => "D",
        39..=54 => "E",
        21..=38 => "F",
        _ => "G",
    }
}

#[test]
fn epc_certificates_layout_and_consistency() {
    let f = "epc/domestic-E08000025-Birmingham/certificates.csv";
    let h = headers(f);
    assert_eq!(h.len(), 92);
    assert_eq!(h[0], "LMK_KEY");
    assert_eq!(h[18], "ENVIRONMENT_IMPACT_CURRENT");
    assert_eq!(h[81], "ADDRESS");
    assert_eq!(h[90], "UPRN");
    assert_eq!(h[91], "UPRN_SOURCE");
    let u = uprns();
    let pcs = postcodes();
    let mut per_uprn: BTreeMap<String, usize> = BTreeMap::new();
    let mut bands: BTreeMap<String, usize> = BTreeMap::new();
    let ages = [
        "England and Wales: before 1900",
        "England and Wales: 1900-1929",
        "England and Wales: 1930-1949",
        "NO DATA!",
    ];
    let rs = rows(f, true);
    for r in &rs {
        assert!(r[0].len() >= 30 && r[0].chars().all(|c| c.is_ascii_digit()));
        let sap: i64 = r[8].parse().expect("sap");
        let pot: i64 = r[9].parse().expect("pot");
        assert_eq!(&r[6], band(sap), "rating matches SAP {sap}");
        assert_eq!(&r[7], band(pot));
        assert!(pot >= sap);
        assert!(["House", "Flat", "Bungalow", "Maisonette", "Park home"].contains(&&r[10]));
        assert!(
            [
                "Detached",
                "Semi-Detached",
                "Mid-Terrace",
                "End-Terrace",
                "Enclosed Mid-Terrace",
                "Enclosed End-Terrace",
                "NO DATA!"
            ]
            .contains(&&r[11])
        );
        assert!(r[12].len() == 10 && r[16].len() == 10 && r[86].len() == 19);
        assert_eq!(&r[13], "E08000025");
        assert!(u.contains(&r[90]), "EPC UPRN in Open UPRN");
        assert!(pcs.contains(&pcd7(&r[4])), "postcode in Code-Point");
        assert!(r[85].starts_with("England and Wales: ") || r[85] == *"NO DATA!");
        let pre1930 = ages[..2].contains(&&r[85]);
        if pre1930 {
            assert!(r[55].starts_with("Solid brick"), "pre-1930 walls are solid");
        }
        if r[64].contains("storage") || r[64].contains("Room heaters, electric") {
            assert!(r[73].starts_with("electricity"));
        }
        *per_uprn.entry(r[90].to_string()).or_default() += 1;
        *bands.entry(r[6].to_string()).or_default() += 1;
    }
    assert!(
        per_uprn.values().any(|&n| n >= 2),
        "some dwellings have several certificates"
    );
    let dwellings = District::build(5_000, 1).dwellings.len();
    assert!(per_uprn.len() < dwellings * 3 / 4, "some have none");
    let d = bands.get("D").copied().unwrap_or(0);
    assert!(
        bands.values().all(|&n| n <= d),
        "D is the commonest band: {bands:?}"
    );
    assert!(bands.get("E").copied().unwrap_or(0) > rs.len() / 10);
    // Recommendations join on LMK_KEY.
    let keys: BTreeSet<String> = rs.iter().map(|r| r[0].to_string()).collect();
    let rf = "epc/domestic-E08000025-Birmingham/recommendations.csv";
    assert_eq!(
        headers(rf),
        [
            "LMK_KEY",
            "IMPROVEMENT_ITEM",
            "IMPROVEMENT_SUMMARY_TEXT",
            "IMPROVEMENT_DESCR_TEXT",
            "IMPROVEMENT_ID",
            "IMPROVEMENT_ID_TEXT",
            "INDICATIVE_COST"
        ]
    );
    for r in rows(rf, true) {
        assert!(keys.contains(&r[0]));
        r[1].parse::<u32>().expect("item");
        assert!(r[6].starts_with('£'));
    }
}

#[test]
fn council_stock_has_poor_homes_near_headroom() {
    let f = "council/birmingham_housing_stock.csv";
    assert_eq!(
        headers(f)[..4],
        ["UPRN", "PROPERTY_REFERENCE", "ADDRESS", "POSTCODE"]
    );
    let u = uprns();
    let stock: BTreeSet<String> = col(f, "UPRN").into_iter().collect();
    assert!(stock.iter().all(|x| u.contains(x)));
    // Latest EPC band of each council dwelling.
    let c = "epc/domestic-E08000025-Birmingham/certificates.csv";
    let mut latest: BTreeMap<String, (String, String)> = BTreeMap::new();
    for r in rows(c, true) {
        let e = latest
            .entry(r[90].to_string())
            .or_insert((String::new(), String::new()));
        if r[16] >= *e.0.as_str() {
            *e = (r[16].to_string(), r[6].to_string());
        }
    }
    let poor: Vec<&String> = stock
        .iter()
        .filter(|x| {
            latest
                .get(*x)
                .is_some_and(|b| ["E", "F", "G"].contains(&b.1.as_str()))
        })
        .collect();
    assert!(!poor.is_empty(), "council dwellings with band E–G");
    assert!(
        stock.iter().any(|x| !latest.contains_key(x)),
        "some council dwellings lack an EPC"
    );
    // And some of them near a substation with demand headroom.
    let pos: BTreeMap<String, (f64, f64)> = rows("os/osopenuprn_202501.csv", true)
        .iter()
        .map(|r| {
            (
                r[0].to_string(),
                (r[3].parse().expect("lat"), r[4].parse().expect("lon")),
            )
        })
        .collect();
    let subs: Vec<(f64, f64)> = rows("grid/network_opportunity_map_headroom.csv", true)
        .iter()
        .filter(|r| &r[2] == "Secondary" && r[11].parse::<f64>().expect("headroom") > 0.05)
        .map(|r| (r[6].parse().expect("lat"), r[7].parse().expect("lon")))
        .collect();
    let near = poor.iter().filter(|x| {
        let p = pos[**x];
        subs.iter()
            .any(|s| ((s.0 - p.0) * 111_000.0).hypot((s.1 - p.1) * 68_000.0) < 200.0)
    });
    assert!(near.count() > 0);
}

#[test]
fn naptan_and_gtfs_agree() {
    let n = "transport/naptan/Stops.csv";
    let h = headers(n);
    assert_eq!(h.len(), 43);
    assert_eq!((h[0].as_str(), h[42].as_str()), ("ATCOCode", "Status"));
    let d = District::build(5_000, 1);
    let mut atco = BTreeSet::new();
    for r in rows(n, true) {
        atco.insert(r[0].to_string());
        assert!(r[0].starts_with("430") || r[0].starts_with("9100"));
        assert!(["BCT", "RLY"].contains(&&r[31]));
        assert!(["N", "NE", "E", "SE", "S", "SW", "W", "NW", ""].contains(&&r[16]));
        assert_eq!(&r[42], "active");
        if &r[31] == "BCT" {
            assert_eq!(r[0].len(), 11);
            let p = geo::Pt::new(r[27].parse().expect("E"), r[28].parse().expect("N"));
            if d.extent.contains(p) {
                let road = d
                    .streets
                    .iter()
                    .filter(|s| s.name == r[10])
                    .map(|s| s.distance_to(p))
                    .fold(f64::INFINITY, f64::min);
                assert!(
                    road < 12.0,
                    "stop {} lies on {} ({road:.1} m)",
                    &r[0],
                    &r[10]
                );
            }
        }
    }
    let g = "transport/gtfs";
    assert_eq!(
        headers(&format!("{g}/agency.txt"))
            .last()
            .map(String::as_str),
        Some("agency_noc")
    );
    let stops: BTreeSet<String> = col(&format!("{g}/stops.txt"), "stop_id")
        .into_iter()
        .collect();
    assert_eq!(stops, atco, "every ATCOCode is a GTFS stop_id and back");
    let routes: BTreeSet<String> = col(&format!("{g}/routes.txt"), "route_short_name")
        .into_iter()
        .collect();
    for r in ["60", "X2", "11A", "11C", "37"] {
        assert!(routes.contains(r));
    }
    let trips: BTreeSet<String> = col(&format!("{g}/trips.txt"), "trip_id")
        .into_iter()
        .collect();
    let shapes: BTreeSet<String> = col(&format!("{g}/shapes.txt"), "shape_id")
        .into_iter()
        .collect();
    assert!(
        col(&format!("{g}/trips.txt"), "shape_id")
            .iter()
            .all(|s| shapes.contains(s))
    );
    let services: BTreeSet<String> = col(&format!("{g}/calendar.txt"), "service_id")
        .into_iter()
        .collect();
    assert!(
        col(&format!("{g}/trips.txt"), "service_id")
            .iter()
            .all(|s| services.contains(s))
    );
    let mut last: BTreeMap<String, (u32, String)> = BTreeMap::new();
    for r in rows(&format!("{g}/stop_times.txt"), true) {
        assert!(trips.contains(&r[0]) && stops.contains(&r[3]));
        assert_eq!(r[1].len(), 8);
        let seq: u32 = r[4].parse().expect("seq");
        if let Some((s, t)) = last.get(&r[0]) {
            assert_eq!(seq, s + 1);
            assert!(r[1] >= *t.as_str(), "times do not go backwards");
        }
        last.insert(r[0].to_string(), (seq, r[1].to_string()));
    }
    assert_eq!(last.len(), trips.len(), "every trip has stop times");
}

#[test]
fn dft_layouts() {
    let raw = headers("transport/dft/dft_traffic_counts_raw_counts.csv");
    assert_eq!(raw.len(), 35);
    assert_eq!(
        (raw[0].as_str(), raw[4].as_str(), raw[34].as_str()),
        ("Count_point_id", "hour", "All_motor_vehicles")
    );
    let aadf = headers("transport/dft/dft_traffic_counts_aadf.csv");
    assert_eq!(aadf.len(), 34);
    assert_eq!(
        (aadf[19].as_str(), aadf[20].as_str()),
        ("Estimation_method", "Estimation_method_detailed")
    );
    for r in rows("transport/dft/dft_traffic_counts_raw_counts.csv", true) {
        assert!(["N", "S", "E", "W", "C"].contains(&&r[1]));
        assert!((7..=18).contains(&r[4].parse::<u32>().expect("hour")));
        assert!(["A45", "A41", "B4146"].contains(&&r[11]));
        assert!(["PA", "MB"].contains(&&r[12]));
        assert!(r[3].ends_with(" 00:00:00"));
        let v: Vec<i64> = (22..35).map(|i| r[i].parse().expect("count")).collect();
        assert_eq!(
            v[12],
            v[1] + v[2] + v[3] + v[4] + v[11],
            "All_motor_vehicles adds up"
        );
        assert_eq!(v[11], v[5..11].iter().sum::<i64>(), "All_HGVs adds up");
    }
    for r in rows("transport/dft/dft_traffic_counts_aadf.csv", true) {
        assert!(["Counted", "Estimated"].contains(&&r[19]));
    }
}

/// Class and property names defined by the CGMES 2.4.15 RDFS files whose names start with one of `prefixes`.
fn schema_terms(prefixes: &[&str]) -> Option<BTreeSet<String>> {
    let dir = shared().join("cgmes/rdfs-cgmes-2.4.15");
    let Ok(entries) = fs::read_dir(&dir) else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CGMES RDFS folder {} is missing in CI", dir.display());
        }
        eprintln!("SKIPPED: {} not found", dir.display());
        return None;
    };
    let mut terms = BTreeSet::new();
    for e in entries {
        let p = e.expect("entry").path();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if !prefixes.iter().any(|x| name.starts_with(x)) {
            continue;
        }
        let text = fs::read_to_string(&p).expect("rdfs");
        for part in text.split("rdf:about=\"#").skip(1) {
            terms.insert(part.split('"').next().unwrap_or("").to_string());
        }
    }
    Some(terms)
}

#[test]
fn cgmes_terms_exist_in_the_2_4_15_schema() {
    for (profile, rdfs) in [
        ("EQ", &["EquipmentProfileCore"][..]),
        ("TP", &["TopologyProfile"]),
        ("SSH", &["SteadyStateHypothesis"]),
        ("GL", &["GeographicalLocation"]),
    ] {
        let text = fs::read_to_string(teed().join(format!("grid/cgmes/TEED_SYN_{profile}.xml")))
            .expect("xml");
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(text.contains("<md:FullModel rdf:about=\"urn:uuid:"));
        assert!(text.contains("xmlns:cim=\"http://iec.ch/TC57/2013/CIM-schema-cim16#\""));
        let Some(terms) = schema_terms(rdfs) else {
            return;
        };
        let mut used = BTreeSet::new();
        for part in text.split("<cim:").skip(1) {
            used.insert(part.split([' ', '>', '/']).next().unwrap_or("").to_string());
        }
        for part in text.split("CIM-schema-cim16#").skip(1) {
            let v = part.split('"').next().unwrap_or("");
            if !v.is_empty() {
                used.insert(v.to_string());
            }
        }
        let missing: Vec<&String> = used.iter().filter(|t| !terms.contains(*t)).collect();
        assert!(
            missing.is_empty(),
            "{profile}: not in the 2.4.15 RDFS: {missing:?}"
        );
    }
}

#[test]
fn cgmes_references_resolve_and_network_is_sane() {
    let eq = fs::read_to_string(teed().join("grid/cgmes/TEED_SYN_EQ.xml")).expect("eq");
    let ids: BTreeSet<&str> = eq
        .split("rdf:ID=\"_")
        .skip(1)
        .map(|p| p.split('"').next().unwrap_or(""))
        .collect();
    let tp = fs::read_to_string(teed().join("grid/cgmes/TEED_SYN_TP.xml")).expect("tp");
    let tp_ids: BTreeSet<&str> = tp
        .split("rdf:ID=\"_")
        .skip(1)
        .map(|p| p.split('"').next().unwrap_or(""))
        .collect();
    for (name, doc) in [("EQ", &eq), ("TP", &tp)] {
        for p in doc.split("rdf:resource=\"#_").skip(1) {
            let r = p.split('"').next().unwrap_or("");
            assert!(
                ids.contains(r) || tp_ids.contains(r),
                "{name}: dangling #{r}"
            );
        }
    }
    for f in ["SSH", "GL"] {
        let doc =
            fs::read_to_string(teed().join(format!("grid/cgmes/TEED_SYN_{f}.xml"))).expect("doc");
        for p in doc.split("rdf:about=\"#_").skip(1) {
            assert!(
                ids.contains(p.split('"').next().unwrap_or("")),
                "{f}: about unknown id"
            );
        }
    }
    let count = |c: &str| eq.matches(&format!("<cim:{c} rdf:ID")).count();
    assert!(count("Substation") >= 30);
    assert!(count("Line") >= 6 && count("Breaker") >= 6 && count("ACLineSegment") >= 30);
    assert!(
        count("PowerTransformer") >= 30
            && count("EnergyConsumer") >= 25
            && count("SynchronousMachine") == 2
    );
    assert!(
        eq.contains("<cim:Switch.normalOpen>true</cim:Switch.normalOpen>"),
        "a normally-open point"
    );
    assert!(eq.contains("<cim:PowerTransformerEnd.ratedS>"));
    let hr = headers("grid/network_opportunity_map_headroom.csv");
    assert_eq!(
        hr[..9],
        [
            "substationID",
            "name",
            "type",
            "primary",
            "BSP",
            "GSP",
            "latitude",
            "longitude",
            "area"
        ]
    );
    for r in rows("grid/network_opportunity_map_headroom.csv", true) {
        assert!(
            ids.contains(&&r[0]),
            "headroom substationID is a CGMES Substation mRID"
        );
    }
}

#[test]
fn ifc4_step_file_carries_uprn() {
    let dir = teed().join("ifc");
    let file = fs::read_dir(&dir)
        .expect("ifc dir")
        .next()
        .expect("one file")
        .expect("entry")
        .path();
    let text = fs::read_to_string(&file).expect("ifc");
    assert!(text.starts_with("ISO-10303-21;\nHEADER;"));
    assert!(text.contains("FILE_SCHEMA(('IFC4'));"));
    assert!(text.trim_end().ends_with("END-ISO-10303-21;"));
    let data = text.split("DATA;\n").nth(1).expect("data");
    let mut max = 0;
    for line in data.lines().take_while(|l| *l != "ENDSEC;") {
        let (id, body) = line.split_once('=').expect("entity");
        let n: usize = id.trim_start_matches('#').parse().expect("id");
        assert_eq!(n, max + 1);
        max = n;
        assert!(body.ends_with(';'));
        assert_eq!(
            body.matches('(').count(),
            body.matches(')').count(),
            "{line}"
        );
        assert_eq!(body.matches('\'').count() % 2, 0);
    }
    for r in data.split('#').skip(1) {
        let n: String = r.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = n.parse::<usize>() {
            assert!(n <= max, "reference #{n} resolves");
        }
    }
    let uprn = file
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("uprn-"))
        .expect("name");
    assert!(text.contains(&format!(
        "IFCPROPERTYSINGLEVALUE('UPRN',$,IFCIDENTIFIER('{uprn}'),$)"
    )));
    assert!(uprns().contains(uprn));
    assert!(text.contains("IFCMAPCONVERSION(") && text.contains("'EPSG:27700'"));
}

fn all_files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(root).expect("rel").to_path_buf(),
                    fs::read(&p).expect("read"),
                );
            }
        }
    }
    out
}

#[test]
fn same_seed_same_bytes_different_seed_differs() {
    let gen_ = |seed| {
        let dir = tempfile::tempdir().expect("tmp");
        let s = generate(
            &SynthConfig {
                out_dir: dir.path().into(),
                scale: Scale::Locations(1_500),
                seed,
            },
            &|_| {},
        )
        .expect("gen");
        assert!(s.files.iter().all(|f| f.1 > 0));
        all_files(dir.path())
    };
    let (a, b, c) = (gen_(7), gen_(7), gen_(8));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{} differs between runs", k.display());
    }
    let differing = a.iter().filter(|(k, v)| c.get(*k) != Some(*v)).count();
    assert!(
        differing > a.len() / 2,
        "a different seed changes the files"
    );
}

#[test]
fn committed_example_is_reproducible() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/teed/district");
    assert!(committed.is_dir(), "examples/teed/district is committed");
    let fresh = all_files(teed());
    let old = all_files(&committed);
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        old.keys().collect::<Vec<_>>(),
        "same file list"
    );
    for (k, v) in &fresh {
        assert!(
            v == &old[k],
            "{} differs from the committed copy: regenerate with `cargo run --release -p twingraph-synth --example synth -- examples/teed/district teed 1`",
            k.display()
        );
    }
}

#[test]
fn larger_scale_grows_the_box() {
    let d = District::build(20_000, 3);
    assert!(d.extent.x1 - d.extent.x0 >= 1_900.0);
    assert!(d.extent.contains(geo::CENTRE));
    assert!(
        (19_000..21_000).contains(&d.locations.len()),
        "{}",
        d.locations.len()
    );
    assert!(d.network.primaries.len() >= 2);
}

fn day(s: &str) -> i64 {
    let p: Vec<i64> = s[..10]
        .split('-')
        .map(|x| x.parse().expect("date"))
        .collect();
    assert_eq!(s.as_bytes()[4], b'-');
    assert!((1..=12).contains(&p[1]) && (1..=31).contains(&p[2]), "{s}");
    twingraph_synth::civic::days_from_civil(p[0], p[1], p[2])
}

fn datetime_ok(s: &str) -> i64 {
    assert_eq!(s.len(), 19, "{s}");
    assert_eq!(&s[10..11], "T");
    let hm: Vec<u32> = s[11..]
        .split(':')
        .map(|x| x.parse().expect("time"))
        .collect();
    assert!(hm[0] < 24 && hm[1] < 60 && hm[2] < 60);
    day(s)
}

#[test]
fn planning_sites_and_investment_layouts() {
    use twingraph_synth::civic::{INVESTMENT_HEADER, PLANNING_HEADER, SITES_HEADER};
    let s = "planning/brownfield_land_register.csv";
    assert_eq!(headers(s), SITES_HEADER);
    assert_eq!(SITES_HEADER[2], "SiteReference");
    let mut sites = BTreeSet::new();
    for r in rows(s, true) {
        assert!(sites.insert(r[2].to_string()), "unique site reference");
        assert_eq!(&r[5], "OSGB36");
        let p = geo::Pt::new(r[6].parse().expect("GeoX"), r[7].parse().expect("GeoY"));
        assert!(geo::TEED.grow(50.0).contains(p));
        assert!(r[8].parse::<f64>().expect("ha") > 0.0);
        assert!(
            ["permissioned", "not permissioned", "pending decision"].contains(&&r[11]),
            "{}",
            &r[11]
        );
        assert_eq!(r[11] == *"permissioned", !r[13].is_empty());
        if !r[13].is_empty() {
            day(&r[13]);
        }
        day(&r[18]);
        day(&r[19]);
    }
    assert!(sites.len() >= 8, "{}", sites.len());
    let p = "planning/planning_applications.csv";
    assert_eq!(headers(p), PLANNING_HEADER);
    let u = uprns();
    let pcs = postcodes();
    let mut on_sites = 0;
    let mut refs = BTreeSet::new();
    let mut last_recv: Option<(String, i64)> = None;
    for r in rows(p, true) {
        let parts: Vec<&str> = r[0].split('/').collect();
        assert!(
            parts.len() == 3 && parts[0].len() == 4 && parts[1].len() == 5 && parts[2] == "PA",
            "{}",
            &r[0]
        );
        assert!(refs.insert(r[0].to_string()), "unique reference");
        assert!(u.contains(&r[4]), "application UPRN in Open UPRN");
        // Land and garage sites have no postcode; every other address has one.
        assert!((r[6].is_empty() && !r[3].is_empty()) || pcs.contains(&pcd7(&r[6])));
        assert!(r[7].starts_with("E05"));
        if !r[3].is_empty() {
            assert!(sites.contains(&r[3]));
            on_sites += 1;
        } else {
            assert_eq!(&r[15], "Individual");
        }
        let recv = day(&r[10]);
        assert!(day(&r[11]) >= recv);
        assert_eq!(&r[10][..4], parts[0], "reference year is the year received");
        if let Some((y, d0)) = &last_recv
            && y == parts[0]
        {
            assert!(recv >= *d0, "references run in order of receipt");
        }
        last_recv = Some((parts[0].to_string(), recv));
        match &r[14] {
            "Decided" => {
                assert!(
                    ["Approve", "Approve - Conditions", "Refuse", "Withdrawn"].contains(&&r[12])
                );
                assert!(day(&r[13]) > recv);
            }
            "Pending Consideration" => assert!(r[12].is_empty() && r[13].is_empty()),
            other => panic!("status {other}"),
        }
    }
    assert!(on_sites >= sites.len(), "every site has an application");
    let i = "planning/investment_opportunities.csv";
    assert_eq!(headers(i), INVESTMENT_HEADER);
    let ri = rows(i, true);
    assert!(!ri.is_empty());
    for r in ri {
        assert!(sites.contains(&r[1]), "opportunity on a site");
        r[6].parse::<u64>().expect("GBP");
        r[7].parse::<u32>().expect("jobs");
        assert!(["Open", "Under offer", "Closed"].contains(&&r[8]));
        if !r[10].is_empty() {
            assert!(refs.contains(&r[10]));
        }
    }
}

#[test]
fn engagement_layouts_are_pseudonymous_and_joined() {
    use twingraph_synth::civic::{
        CONSULTATION_HEADER, FEEDBACK_HEADER, PROPOSAL_HEADER, VOTE_HEADER,
    };
    let d = District::build(5_000, 1);
    let usrns: BTreeMap<String, String> = d
        .streets
        .iter()
        .map(|s| (s.usrn.to_string(), s.name.clone()))
        .collect();
    assert_eq!(headers("engagement/proposals.csv"), PROPOSAL_HEADER);
    let sites: BTreeSet<String> = col("planning/brownfield_land_register.csv", "SiteReference")
        .into_iter()
        .collect();
    let mut props = BTreeSet::new();
    for r in rows("engagement/proposals.csv", true) {
        props.insert(r[0].to_string());
        assert!(
            ["Transport", "Energy", "Environment", "Regeneration"].contains(&&r[3]),
            "{}",
            &r[3]
        );
        if r[4].is_empty() {
            assert_eq!(
                usrns.get(&r[5]),
                Some(&r[6].to_string()),
                "USRN names its street"
            );
        } else {
            assert!(sites.contains(&r[4]));
        }
        day(&r[8]);
    }
    assert!(props.len() >= 6);
    assert_eq!(headers("engagement/consultations.csv"), CONSULTATION_HEADER);
    let mut cons: BTreeMap<String, (String, i64, i64, usize)> = BTreeMap::new();
    for r in rows("engagement/consultations.csv", true) {
        assert!(props.contains(&r[1]));
        let (o, c) = (day(&r[4]), day(&r[5]));
        assert!(c > o);
        assert!(["Open", "Closed"].contains(&&r[6]));
        cons.insert(
            r[0].to_string(),
            (r[1].to_string(), o, c, r[7].parse().expect("responses")),
        );
    }
    assert_eq!(headers("engagement/feedback.csv"), FEEDBACK_HEADER);
    let anon = |p: &str| {
        p.strip_prefix("anon-")
            .is_some_and(|h| h.len() == 12 && h.chars().all(|c| c.is_ascii_hexdigit()))
    };
    let mut responses: BTreeMap<String, usize> = BTreeMap::new();
    for r in rows("engagement/feedback.csv", true) {
        let c = &cons[&r[1]];
        assert!(anon(&r[2]), "pseudonymous {}", &r[2]);
        assert!(r[3].starts_with('B') && r[3].contains(' ') && r[3].len() <= 6);
        let t = datetime_ok(&r[4]);
        assert!(t >= c.1 && t <= c.2, "feedback within the consultation");
        assert!(["Support", "Neutral", "Object"].contains(&&r[5]));
        *responses.entry(r[1].to_string()).or_default() += 1;
    }
    for (k, c) in &cons {
        assert_eq!(
            responses.get(k).copied().unwrap_or(0),
            c.3,
            "responses count"
        );
    }
    assert_eq!(headers("engagement/votes.csv"), VOTE_HEADER);
    let mut once = BTreeSet::new();
    for r in rows("engagement/votes.csv", true) {
        let c = &cons[&r[2]];
        assert_eq!(
            c.0,
            r[1].to_string(),
            "vote's proposal is its consultation's"
        );
        assert!(anon(&r[3]));
        assert!(["For", "Against", "Abstain"].contains(&&r[4]));
        let t = datetime_ok(&r[5]);
        assert!(t >= c.1 && t <= c.2);
        assert!(
            once.insert((r[2].to_string(), r[3].to_string())),
            "one vote each"
        );
    }
    assert!(once.len() > 100);
}

#[test]
fn works_clash_and_outages_name_substations() {
    use twingraph_synth::civic::{OUTAGE_HEADER, WORKS_HEADER, iso_week};
    let d = District::build(5_000, 1);
    let w = "streetworks/planned_works.csv";
    assert_eq!(headers(w), WORKS_HEADER);
    let mut week: BTreeMap<(String, (i64, i64)), BTreeSet<String>> = BTreeMap::new();
    let mut by_ref: BTreeMap<String, (String, i64)> = BTreeMap::new();
    for r in rows(w, true) {
        assert!(["Minor", "Standard", "Major"].contains(&&r[4]));
        assert!(["Utility", "Highway Authority"].contains(&&r[2]));
        assert!(
            [
                "Road closure",
                "Lane closure",
                "Two-way signals",
                "Multi-way signals",
                "Give and take",
                "No carriageway incursion"
            ]
            .contains(&&r[6])
        );
        let st = d
            .streets
            .iter()
            .find(|s| s.usrn.to_string() == r[8])
            .expect("USRN of a street");
        assert_eq!(st.name, r[7].to_string());
        let p = geo::Pt::new(r[9].parse().expect("E"), r[10].parse().expect("N"));
        assert!(st.distance_to(p) < 40.0, "works lie on their street");
        let (s, e) = (day(&r[11]), day(&r[12]));
        assert!(e >= s);
        assert!(["Planned", "In progress", "Completed"].contains(&&r[13]));
        assert!(
            by_ref
                .insert(r[0].to_string(), (r[8].to_string(), s))
                .is_none()
        );
        week.entry((r[8].to_string(), iso_week(s)))
            .or_default()
            .insert(r[0].to_string());
    }
    let clashes = week.values().filter(|v| v.len() >= 2).count();
    assert!(
        clashes >= 5,
        "works clash on a street in the same ISO week: {clashes}"
    );
    let o = "grid/planned_outages.csv";
    assert_eq!(headers(o), OUTAGE_HEADER);
    let subs: BTreeMap<String, String> = rows("grid/network_opportunity_map_headroom.csv", true)
        .iter()
        .filter(|r| &r[2] == "Secondary")
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    let ro = rows(o, true);
    assert!(ro.len() >= 6);
    for r in ro {
        assert_eq!(
            subs.get(&r[1]),
            Some(&r[2].to_string()),
            "outage names a CGMES secondary substation"
        );
        let sec = d
            .network
            .secondaries
            .iter()
            .position(|s| s.name == r[2])
            .expect("secondary");
        let fed = d
            .locations
            .iter()
            .filter(|l| l.secondary == Some(sec))
            .count();
        assert_eq!(r[9].parse::<usize>().expect("uprns"), fed);
        assert!(fed > 0);
        let (s, e) = (datetime_ok(&r[7]), datetime_ok(&r[8]));
        assert_eq!(s, e, "same-day outage");
        assert!(r[8] > r[7]);
        assert!(["Planned", "Completed"].contains(&&r[12]));
        let (usrn, start) = &by_ref[&r[13]];
        assert_eq!((usrn.as_str(), *start), (&r[6], s), "the DNO's works");
    }
}

#[test]
fn ev_charge_point_registry_layout() {
    use twingraph_synth::civic::EV_HEADER;
    let f = "transport/ev/national-charge-point-registry.csv";
    let h = headers(f);
    assert_eq!(h, EV_HEADER);
    assert_eq!(
        (h[0].as_str(), h[3].as_str()),
        ("chargeDeviceID", "latitude")
    );
    let pcs = postcodes();
    let rs = rows(f, true);
    assert!(rs.len() >= 20);
    let mut ids = BTreeSet::new();
    let mut dc = 0;
    for r in &rs {
        assert!(r[0].len() == 32 && r[0].chars().all(|c| c.is_ascii_hexdigit()));
        assert!(ids.insert(r[0].to_string()));
        let (lat, lon): (f64, f64) = (r[3].parse().expect("lat"), r[4].parse().expect("lon"));
        assert!((52.45..52.47).contains(&lat) && (-1.85..-1.83).contains(&lon));
        assert!(pcs.contains(&pcd7(&r[11])));
        assert_eq!(&r[12], "GB");
        for b in [18, 19, 20, 22] {
            assert!(["true", "false"].contains(&&r[b]));
        }
        assert!(["On-street", "Service station", "Workplace car park"].contains(&&r[21]));
        assert_eq!(r[20] == *"true", r[21] == *"On-street");
        for c in [23, 32] {
            let t = &r[c + 1];
            assert!(
                [
                    "Type 2 Mennekes (IEC62196)",
                    "Type 2 Combo (IEC62196) DC",
                    "JEVS G105 (CHAdeMO) DC"
                ]
                .contains(&t)
            );
            let kw: f64 = r[c + 2].parse().expect("kW");
            r[c + 3].parse::<u32>().expect("A");
            r[c + 4].parse::<u32>().expect("V");
            let method = &r[c + 5];
            let mode = &r[c + 6];
            if t.ends_with(" DC") {
                assert_eq!((method, mode), ("DC", "4"));
                assert!(kw >= 50.0);
                dc += 1;
            } else {
                assert!(["Single Phase AC", "Three Phase AC"].contains(&method));
                assert_eq!(mode, "3");
                assert!(kw <= 22.0);
            }
        }
    }
    assert!(dc > 0, "the TEP rapid hub");
}

#[test]
fn desnz_conversion_factors_flat_file_layout() {
    use twingraph_synth::stats::{FACTOR_YEARS, FACTORS_HEADER};
    for y in FACTOR_YEARS {
        let f = format!("stats/desnz/ghg-conversion-factors-{y}-flat-file.csv");
        let h = headers(&f);
        assert_eq!(h[..9], FACTORS_HEADER);
        assert_eq!(h[9], format!("GHG Conversion Factor {y}"));
        let rs = rows(&f, true);
        let mut total = BTreeMap::new();
        let mut parts: BTreeMap<String, f64> = BTreeMap::new();
        for r in &rs {
            let id: Vec<&str> = r[0].split('_').collect();
            assert_eq!(id.len(), 5, "ID like 11_100_1000_6_1: {}", &r[0]);
            assert!(id.iter().all(|p| p.parse::<u32>().is_ok()));
            assert!(["Scope 1", "Scope 2", "Scope 3"].contains(&&r[1]));
            let v: f64 = r[9].parse().expect("factor");
            let stem = id[..4].join("_");
            match &r[8] {
                "kg CO2e" => {
                    total.insert(stem, v);
                }
                "kg CO2e of CO2 per unit"
                | "kg CO2e of CH4 per unit"
                | "kg CO2e of N2O per unit" => *parts.entry(stem).or_default() += v,
                other => panic!("GHG/Unit {other}"),
            }
        }
        assert_eq!(total.len(), parts.len());
        for (k, t) in &total {
            assert!((parts[k] - t).abs() < 1e-9, "{k}: gases add up");
        }
        let elec = rs
            .iter()
            .find(|r| {
                &r[1] == "Scope 2"
                    && &r[2] == "UK electricity"
                    && &r[3] == "Electricity generated"
                    && &r[4] == "Electricity: UK"
                    && &r[7] == "kWh"
                    && &r[8] == "kg CO2e"
            })
            .expect("electricity path");
        let want = match y {
            2023 => 0.20707,
            2024 => 0.20705,
            _ => 0.177,
        };
        assert_eq!(elec[9].parse::<f64>().expect("f"), want);
        assert!(rs.iter().any(|r| &r[2] == "Transmission and distribution"
            && &r[3] == "T&D- UK electricity"
            && &r[1] == "Scope 3"));
    }
}

#[test]
fn desnz_local_authority_ghg_full_dataset_layout() {
    use twingraph_synth::stats::LA_GHG_HEADER;
    let f = "stats/desnz/2005-23-uk-local-authority-ghg-emissions.csv";
    assert_eq!(headers(f), LA_GHG_HEADER);
    assert_eq!(
        LA_GHG_HEADER[12],
        "Emissions within the scope of influence of LAs (kt CO2e)"
    );
    let sectors = [
        "Agriculture",
        "Commercial",
        "Domestic",
        "Industry",
        "LULUCF",
        "Public Sector",
        "Transport",
        "Waste",
    ];
    let mut bham_years = BTreeSet::new();
    let mut las = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut pop: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut bham_sectors = BTreeSet::new();
    for r in rows(f, true) {
        assert_eq!(
            (&r[0], &r[1], &r[2], &r[3]),
            ("England", "E92000001", "West Midlands", "E12000005")
        );
        assert!(r[6].starts_with("E0800002") || r[6] == *"E08000030" || r[6] == *"E08000031");
        las.insert(r[6].to_string());
        let y: i64 = r[7].parse().expect("year");
        assert!((2005..=2023).contains(&y));
        assert!(sectors.contains(&&r[8]), "{}", &r[8]);
        assert!(["CO2", "CH4", "N2O"].contains(&&r[10]));
        let t: f64 = r[11].parse().expect("territorial");
        let s: f64 = r[12].parse().expect("scope");
        assert!(s == t || s == 0.0);
        if &r[8] != "LULUCF" {
            assert!(t >= 0.0);
        }
        assert!(
            seen.insert((r[6].to_string(), y, r[9].to_string(), r[10].to_string())),
            "one row per LA, year, sub-sector and gas"
        );
        let e = pop
            .entry((r[6].to_string(), r[7].to_string()))
            .or_insert_with(|| r[13].to_string());
        assert_eq!(e, &r[13], "one population per LA-year");
        r[14].parse::<f64>().expect("area");
        if &r[6] == "E08000025" {
            assert_eq!(&r[5], "Birmingham");
            bham_years.insert(y);
            bham_sectors.insert(r[8].to_string());
        }
    }
    assert_eq!(bham_years, (2005..=2023).collect());
    assert_eq!(bham_sectors.len(), sectors.len());
    assert_eq!(las.len(), 7, "Birmingham and six neighbours");
    assert!(seen.iter().any(|k| k.2 == "Large Industrial Installations"));
}
