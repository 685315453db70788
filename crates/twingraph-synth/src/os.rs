//! Ordnance Survey and ONS address products: OS Open UPRN, Code-Point Open,
//! OS Open Names, ONSPD-style rows and the UPRN → USRN linked identifiers.

use std::collections::BTreeMap;

use crate::SynthError;
use crate::geo::{self, Pt};
use crate::model::{District, Kind};
use crate::out::{Out, quoted};

/// OS Open UPRN release file.
pub const UPRN_FILE: &str = "os/osopenuprn_202501.csv";
/// The Open UPRN header.
pub const UPRN_HEADER: [&str; 5] = [
    "UPRN",
    "X_COORDINATE",
    "Y_COORDINATE",
    "LATITUDE",
    "LONGITUDE",
];
/// Code-Point Open short and long headers.
pub const CPO_SHORT: [&str; 10] = ["PC", "PQ", "EA", "NO", "CY", "RH", "LH", "CC", "DC", "WC"];
/// Long names.
pub const CPO_LONG: [&str; 10] = [
    "Postcode",
    "Positional_quality_indicator",
    "Eastings",
    "Northings",
    "Country_code",
    "NHS_regional_HA_code",
    "NHS_HA_code",
    "Admin_county_code",
    "Admin_district_code",
    "Admin_ward_code",
];
/// OS Open Names columns (34).
pub const NAMES_HEADER: [&str; 34] = [
    "ID",
    "NAMES_URI",
    "NAME1",
    "NAME1_LANG",
    "NAME2",
    "NAME2_LANG",
    "TYPE",
    "LOCAL_TYPE",
    "GEOMETRY_X",
    "GEOMETRY_Y",
    "MOST_DETAIL_VIEW_RES",
    "LEAST_DETAIL_VIEW_RES",
    "MBR_XMIN",
    "MBR_YMIN",
    "MBR_XMAX",
    "MBR_YMAX",
    "POSTCODE_DISTRICT",
    "POSTCODE_DISTRICT_URI",
    "POPULATED_PLACE",
    "POPULATED_PLACE_URI",
    "POPULATED_PLACE_TYPE",
    "DISTRICT_BOROUGH",
    "DISTRICT_BOROUGH_URI",
    "DISTRICT_BOROUGH_TYPE",
    "COUNTY_UNITARY",
    "COUNTY_UNITARY_URI",
    "COUNTY_UNITARY_TYPE",
    "REGION",
    "REGION_URI",
    "COUNTRY",
    "COUNTRY_URI",
    "RELATED_SPATIAL_OBJECT",
    "SAME_AS_DBPEDIA",
    "SAME_AS_GEONAMES",
];
/// The ONSPD header (as in the real sample).
pub const ONSPD_HEADER: [&str; 52] = [
    "pcd7",
    "pcd8",
    "pcds",
    "dointr",
    "doterm",
    "oscty",
    "ced",
    "oslaua",
    "osward",
    "parish",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oshlthau",
    "nhser",
    "ctry",
    "rgn",
    "streg",
    "pcon",
    "eer",
    "teclec",
    "ttwa",
    "pct",
    "itl",
    "statsward",
    "oa01",
    "casward",
    "npark",
    "lsoa01",
    "msoa01",
    "ur01ind",
    "oac01",
    "oa11",
    "lsoa11",
    "msoa11",
    "wz11",
    "sicbl",
    "bua11",
    "ru11ind",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "calncv",
    "icb",
    "oa21",
    "lsoa21",
    "msoa21",
];
/// LIDS relationship header.
pub const LIDS_HEADER: [&str; 8] = [
    "CORRELATION_ID",
    "IDENTIFIER_1",
    "VERSION_NUMBER_1",
    "VERSION_DATE_1",
    "IDENTIFIER_2",
    "VERSION_NUMBER_2",
    "VERSION_DATE_2",
    "CONFIDENCE",
];

/// NHS region / ICB codes used in Code-Point (best-knowledge values).
pub const NHS_REGION: &str = "E40000008";
/// ICB.
pub const NHS_ICB: &str = "E54000055";

const OS_ID: &str = "http://data.ordnancesurvey.co.uk/id/";
const ADMINGEO: &str = "http://data.ordnancesurvey.co.uk/ontology/admingeo/";
// Synthetic placeholders for admin-unit URIs whose real ids were not found.
const BIRMINGHAM_URI: &str = "http://data.ordnancesurvey.co.uk/id/7000000000999025";
const WEST_MIDLANDS_COUNTY_URI: &str = "http://data.ordnancesurvey.co.uk/id/7000000000999011";
const WEST_MIDLANDS_REGION_URI: &str = "http://data.ordnancesurvey.co.uk/id/7000000000999005";

/// A postcode in the 7-character form (`B9  5AA`, `B11 2BA`).
pub fn pcd7(pc: &str) -> String {
    let (o, i) = pc.split_once(' ').unwrap_or((pc, ""));
    if o.len() + i.len() >= 7 {
        format!("{o}{i}")
    } else {
        format!("{o:<4}{i}")
    }
}

/// The 8-character form (`B11  2BA`).
pub fn pcd8(pc: &str) -> String {
    let (o, i) = pc.split_once(' ').unwrap_or((pc, ""));
    format!("{o:<4} {i}")
}

/// Write the OS / ONS files.
pub fn write(d: &District, out: &mut Out) -> Result<(), SynthError> {
    write_uprn(d, out)?;
    write_codepoint(d, out)?;
    write_names(d, out)?;
    write_onspd(d, out)?;
    write_lids(d, out)
}

fn write_uprn(d: &District, out: &mut Out) -> Result<(), SynthError> {
    let mut idx: Vec<usize> = (0..d.locations.len()).collect();
    idx.sort_by_key(|&i| d.locations[i].uprn);
    out.file(UPRN_FILE, false, |f| {
        f.header(&UPRN_HEADER)?;
        for i in idx {
            let l = &d.locations[i];
            let (lat, lon) = geo::bng_to_wgs84(l.p);
            f.line(&format!(
                "{},{:.2},{:.2},{:.7},{:.7}",
                l.uprn, l.p.x, l.p.y, lat, lon
            ))?;
        }
        Ok(())
    })
}

fn sorted_postcodes(d: &District) -> Vec<usize> {
    let mut v: Vec<usize> = (0..d.postcodes.len())
        .filter(|&i| d.postcodes[i].count > 0)
        .collect();
    v.sort_by(|&a, &b| pcd7(&d.postcodes[a].code).cmp(&pcd7(&d.postcodes[b].code)));
    v
}

fn write_codepoint(d: &District, out: &mut Out) -> Result<(), SynthError> {
    out.file(
        "os/codepo_gb/Doc/Code-Point_Open_Column_Headers.csv",
        true,
        |f| {
            f.line(&CPO_SHORT.join(","))?;
            f.line(&CPO_LONG.join(","))
        },
    )?;
    let pcs = sorted_postcodes(d);
    out.file("os/codepo_gb/Data/CSV/b.csv", true, |f| {
        for i in pcs {
            let pc = &d.postcodes[i];
            let (ward, _) = geo::ward_at(pc.p);
            f.line(&format!(
                "{},10,{},{},{},{},{},{},{},{}",
                quoted(&pcd7(&pc.code)),
                pc.p.x as i64,
                pc.p.y as i64,
                quoted(geo::COUNTRY),
                quoted(NHS_REGION),
                quoted(NHS_ICB),
                quoted(""),
                quoted(geo::LAD),
                quoted(&ward)
            ))?;
        }
        Ok(())
    })
}

fn nearest_place(p: Pt) -> (&'static str, String) {
    let i = geo::nearest_place(p);
    (
        geo::PLACES[i].0,
        format!("{OS_ID}4000000099{:06}", 900_001 + i),
    )
}

fn names_tail() -> String {
    format!(
        "Birmingham,{BIRMINGHAM_URI},{ADMINGEO}MetropolitanDistrict,West Midlands,{WEST_MIDLANDS_COUNTY_URI},{ADMINGEO}MetropolitanDistrict,West Midlands,{WEST_MIDLANDS_REGION_URI},England,{OS_ID}country/england"
    )
}

fn write_names(d: &District, out: &mut Out) -> Result<(), SynthError> {
    let mut tiles: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let tail = names_tail();
    let place_cols = |p: Pt| {
        let (name, uri) = nearest_place(p);
        format!(
            "{name},{uri},http://www.ordnancesurvey.co.uk/xml/codelists/localtype.xml#suburbanArea"
        )
    };
    let district_of = |p: Pt| {
        d.postcodes
            .iter()
            .filter(|pc| pc.count > 0)
            .min_by(|a, b| a.p.dist(p).total_cmp(&b.p.dist(p)))
            .map(|pc| pc.code.split(' ').next().unwrap_or("B11").to_string())
            .unwrap_or_else(|| "B11".into())
    };
    // Populated places.
    for (i, (name, local, at)) in geo::PLACES.iter().enumerate() {
        let p = Pt::new(at.0, at.1);
        if !d.extent.contains(p) {
            continue;
        }
        let id = 4_000_000_099_900_001u64 + i as u64;
        let pd = district_of(p);
        tiles.entry(geo::tile_10km(p)).or_default().push(format!(
            "osgb{id},{OS_ID}{id},{name},,,,populatedPlace,{local},{:.3},{:.3},3000,25000,{:.3},{:.3},{:.3},{:.3},{pd},{OS_ID}postcodedistrict/{pd},,,,{tail},,,",
            p.x, p.y, p.x - 400.0, p.y - 400.0, p.x + 400.0, p.y + 400.0
        ));
    }
    // Named and numbered roads.
    let mut numbered: BTreeMap<&str, Vec<Pt>> = BTreeMap::new();
    for s in &d.streets {
        let (mid, _) = s.at(s.length() / 2.0);
        let (x0, y0, x1, y1) = s
            .points
            .iter()
            .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, p| {
                (a.0.min(p.x), a.1.min(p.y), a.2.max(p.x), a.3.max(p.y))
            });
        let pd = district_of(mid);
        tiles.entry(geo::tile_10km(mid)).or_default().push(format!(
            "osgb{},{OS_ID}{},{},,,,transportNetwork,Named Road,{:.3},{:.3},{},20000,{x0:.3},{y0:.3},{x1:.3},{y1:.3},{pd},{OS_ID}postcodedistrict/{pd},{},{tail},,,",
            s.toid,
            s.toid,
            crate::out::field(&s.name),
            mid.x,
            mid.y,
            if s.real { 3000 } else { 1000 },
            place_cols(mid)
        ));
        if !s.number.is_empty() {
            numbered
                .entry(s.number.as_str())
                .or_default()
                .extend(s.points.iter().copied());
        }
    }
    for (k, (num, pts)) in numbered.iter().enumerate() {
        let mid = pts[pts.len() / 2];
        let (x0, y0, x1, y1) = pts
            .iter()
            .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |a, p| {
                (a.0.min(p.x), a.1.min(p.y), a.2.max(p.x), a.3.max(p.y))
            });
        let id = 4_000_000_099_800_001u64 + k as u64;
        let pd = district_of(mid);
        tiles.entry(geo::tile_10km(mid)).or_default().push(format!(
            "osgb{id},{OS_ID}{id},{num},,,,transportNetwork,Numbered Road,{:.3},{:.3},68000,1000000,{x0:.3},{y0:.3},{x1:.3},{y1:.3},{pd},{OS_ID}postcodedistrict/{pd},,,,{tail},,,",
            mid.x, mid.y
        ));
    }
    // The River Cole and the stations.
    for (k, w) in geo::WATERWAYS
        .iter()
        .filter(|w| w.class == "River")
        .enumerate()
    {
        let pts: Vec<Pt> = w
            .points
            .iter()
            .map(|&(x, y)| Pt::new(x, y))
            .filter(|p| d.extent.grow(500.0).contains(*p))
            .collect();
        if pts.is_empty() {
            continue;
        }
        let mid = pts[pts.len() / 2];
        let id = 4_000_000_099_700_001u64 + k as u64;
        let pd = district_of(mid);
        tiles.entry(geo::tile_10km(mid)).or_default().push(format!(
            "osgb{id},{OS_ID}{id},{},,,,hydrography,River,{:.3},{:.3},5000,25000,{:.3},{:.3},{:.3},{:.3},{pd},{OS_ID}postcodedistrict/{pd},{},{tail},,,",
            w.name, mid.x, mid.y, pts[0].x.min(mid.x), pts[0].y.min(mid.y), pts[pts.len() - 1].x.max(mid.x), pts[pts.len() - 1].y.max(mid.y), place_cols(mid)
        ));
    }
    for (k, st) in geo::STATIONS.iter().enumerate() {
        let p = geo::wgs84_to_bng(st.wgs84.0, st.wgs84.1);
        if !d.extent.grow(500.0).contains(p) {
            continue;
        }
        let id = 4_000_000_099_600_001u64 + k as u64;
        let pd = district_of(p);
        let name = st.name.trim_end_matches(" Rail Station");
        tiles.entry(geo::tile_10km(p)).or_default().push(format!(
            "osgb{id},{OS_ID}{id},{name} Station,,,,transportNetwork,Railway Station,{:.3},{:.3},2000,25000,{:.3},{:.3},{:.3},{:.3},{pd},{OS_ID}postcodedistrict/{pd},{},{tail},,,",
            p.x, p.y, p.x - 60.0, p.y - 60.0, p.x + 60.0, p.y + 60.0, place_cols(p)
        ));
    }
    // Postcodes.
    for i in sorted_postcodes(d) {
        let pc = &d.postcodes[i];
        let compact = pc.code.replace(' ', "");
        tiles.entry(geo::tile_10km(pc.p)).or_default().push(format!(
            "{compact},{OS_ID}postcodeunit/{compact},{},,,,other,Postcode,{:.3},{:.3},3500,18000,,,,,,,{},{tail},,,",
            pc.code, pc.p.x, pc.p.y, place_cols(pc.p)
        ));
    }
    out.file(
        "os/opname_csv_gb/DOC/OS_Open_Names_Header.csv",
        false,
        |f| f.line(&NAMES_HEADER.join(",")),
    )?;
    for (tile, rows) in tiles {
        out.file(&format!("os/opname_csv_gb/DATA/{tile}.csv"), false, |f| {
            f.raw("\u{feff}")?;
            for r in &rows {
                f.line(r)?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn write_onspd(d: &District, out: &mut Out) -> Result<(), SynthError> {
    let pcs = sorted_postcodes(d);
    out.file("os/onspd/ONSPD_SYN_2025_UK_B.csv", false, |f| {
        f.header(&ONSPD_HEADER)?;
        for (k, i) in pcs.into_iter().enumerate() {
            let pc = &d.postcodes[i];
            let (ward, _) = geo::ward_at(pc.p);
            let (oa, lsoa, msoa) = geo::stat_geos(pc.p);
            let (lat, lon) = geo::bng_to_wgs84(pc.p);
            let dointr = ["198001", "199606", "200012", "201105"][k % 4];
            let usertype = if pc.count <= 25 { 0 } else { 1 };
            let imd = 900 + (pc.p.x as i64 * 7 + pc.p.y as i64 * 13).rem_euclid(4000);
            f.line(&format!(
                "{},{},{},{dointr},,E99999999,E99999999,{},{ward},E43999999,{usertype},{},{:07},1,E18999999,{NHS_REGION},{},{},0,{},E15000005,E24999999,E30999999,E16999999,E06999999,99ZZ00,E00999999,99ZZZZ,E99999999,E01999999,E02999999,5,9Z9,E00999999,E01999999,E02999999,E33999999,E38999999,E34999999,5,C1,{:.6},{:.6},E37999999,,E23000014,{imd},E56999999,{NHS_ICB},{oa},{lsoa},{msoa}",
                pcd7(&pc.code),
                pcd8(&pc.code),
                pc.code,
                geo::LAD,
                pc.p.x as i64,
                pc.p.y as i64,
                geo::COUNTRY,
                geo::REGION,
                geo::PCON_PLACEHOLDER,
                lat,
                lon
            ))?;
        }
        Ok(())
    })
}

fn write_lids(d: &District, out: &mut Out) -> Result<(), SynthError> {
    let mut idx: Vec<usize> = (0..d.locations.len()).collect();
    idx.sort_by_key(|&i| d.locations[i].uprn);
    out.file("os/lids/BLPU_UPRN_Street_USRN_11.csv", false, |f| {
        f.header(&LIDS_HEADER)?;
        for i in idx {
            let l = &d.locations[i];
            if matches!(l.kind, Kind::Other) && l.pao.starts_with("Land") {
                continue; // land parcels are not linked to a street here
            }
            let u = l.uprn;
            let s = d.streets[l.street].usrn;
            f.line(&format!(
                "{:08X}-{:04X}-4{:03X}-8{:03X}-{:012X},{u},,20250108,{s},,20250108,8",
                u as u32,
                (u >> 32) as u16,
                s % 0xfff,
                (u ^ s) % 0xfff,
                u.wrapping_mul(s) & 0xffff_ffff_ffff
            ))?;
        }
        Ok(())
    })
}
