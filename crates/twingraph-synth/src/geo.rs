//! Geography: British National Grid ⇄ WGS84, the TEED extent and the real
//! places, roads and codes of Tyseley / East Birmingham (see the source-formats
//! note, Part 2), plus the synthetic administrative lookups used beyond them.

use std::f64::consts::PI;

/// A point in British National Grid metres (EPSG:27700).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pt {
    /// Easting.
    pub x: f64,
    /// Northing.
    pub y: f64,
}

impl Pt {
    /// A point.
    pub const fn new(x: f64, y: f64) -> Self {
        Pt { x, y }
    }

    /// Euclidean distance.
    pub fn dist(self, o: Pt) -> f64 {
        ((self.x - o.x).powi(2) + (self.y - o.y).powi(2)).sqrt()
    }
}

/// British National Grid (OSGB36 Transverse Mercator) → WGS84 latitude and
/// longitude in degrees, accurate to a few metres (Helmert, not OSTN15).
/// The conversion lives in [`twingraph_geo::bng`]; this keeps the generator's `Pt` form.
pub fn bng_to_wgs84(p: Pt) -> (f64, f64) {
    twingraph_geo::bng::bng_to_wgs84(p.x, p.y)
}

/// WGS84 latitude/longitude in degrees → British National Grid
/// (see [`twingraph_geo::bng::wgs84_to_bng`]).
pub fn wgs84_to_bng(lat_deg: f64, lon_deg: f64) -> Pt {
    let (x, y) = twingraph_geo::bng::wgs84_to_bng(lat_deg, lon_deg);
    Pt::new(x, y)
}

/// The OS 10 km grid tile name (e.g. `SP18`) of a point.
pub fn tile_10km(p: Pt) -> String {
    let e100 = (p.x / 100_000.0).floor() as i64;
    let n100 = (p.y / 100_000.0).floor() as i64;
    let mut l1 = (19 - n100) - (19 - n100) % 5 + (e100 + 10) / 5;
    let mut l2 = (19 - n100) * 5 % 25 + e100 % 5;
    if l1 > 7 {
        l1 += 1;
    }
    if l2 > 7 {
        l2 += 1;
    }
    let letters = [(b'A' + l1 as u8) as char, (b'A' + l2 as u8) as char];
    format!(
        "{}{}{}{}",
        letters[0],
        letters[1],
        ((p.x as i64) % 100_000) / 10_000,
        ((p.y as i64) % 100_000) / 10_000
    )
}

/// An axis-aligned box in BNG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// Minimum easting.
    pub x0: f64,
    /// Minimum northing.
    pub y0: f64,
    /// Maximum easting.
    pub x1: f64,
    /// Maximum northing.
    pub y1: f64,
}

impl Extent {
    /// Whether `p` lies inside.
    pub fn contains(&self, p: Pt) -> bool {
        p.x >= self.x0 && p.x <= self.x1 && p.y >= self.y0 && p.y <= self.y1
    }
    /// The box grown by `m` metres on every side.
    pub fn grow(&self, m: f64) -> Extent {
        Extent {
            x0: self.x0 - m,
            y0: self.y0 - m,
            x1: self.x1 + m,
            y1: self.y1 + m,
        }
    }
}

/// The TEED extent (100 ha): E 410 450–411 450, N 284 150–285 150.
pub const TEED: Extent = Extent {
    x0: 410_450.0,
    y0: 284_150.0,
    x1: 411_450.0,
    y1: 285_150.0,
};

/// The centre of the TEED box (the extent grows around it at larger scales).
pub const CENTRE: Pt = Pt::new(410_950.0, 284_650.0);

/// Birmingham local authority (ONS LAD).
pub const LAD: &str = "E08000025";
/// West Midlands region.
pub const REGION: &str = "E12000005";
/// England.
pub const COUNTRY: &str = "E92000001";
/// Placeholder Westminster constituency (the real one was not found).
pub const PCON_PLACEHOLDER: &str = "E14999999";
/// Placeholder constituency label.
pub const PCON_LABEL_PLACEHOLDER: &str = "Birmingham, Synthetic Constituency";

/// A ward: ONS code and name.
pub type Ward = (&'static str, &'static str);

/// Tyseley & Hay Mills, the principal TEED ward.
pub const WARD_TYSELEY: Ward = ("E05011182", "Tyseley & Hay Mills");
const NEIGHBOUR_WARDS: [Ward; 8] = [
    ("E05011169", "South Yardley"),    // E
    ("E05011169", "South Yardley"),    // NE
    ("E05011127", "Bordesley Green"),  // N
    ("E05011167", "Small Heath"),      // NW
    ("E05011171", "Sparkhill"),        // W
    ("E05011171", "Sparkhill"),        // SW
    ("E05011140", "Hall Green North"), // S
    ("E05011118", "Acocks Green"),     // SE
];

fn octant(p: Pt) -> usize {
    let a = (p.y - CENTRE.y).atan2(p.x - CENTRE.x);
    (((a + PI / 8.0).rem_euclid(2.0 * PI)) / (PI / 4.0)) as usize % 8
}

fn ring_km(p: Pt) -> f64 {
    (p.x - CENTRE.x).abs().max((p.y - CENTRE.y).abs()) / 1000.0
}

fn cell_hash(p: Pt, size: f64, salt: u64) -> u64 {
    let cx = (p.x / size).floor() as i64 as u64;
    let cy = (p.y / size).floor() as i64 as u64;
    let mut z =
        cx.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ cy.wrapping_mul(0xc2b2_ae3d_27d4_eb4f) ^ salt;
    z = (z ^ (z >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z ^ (z >> 29)
}

/// The ward of a point: Tyseley & Hay Mills inside TEED (and up to 1.5 km
/// out), the real neighbouring wards by direction up to 3 km, and beyond
/// that a Birmingham ward code from the real range E05011118–E05011186
/// chosen per 2 km cell (synthetic assignment, named "Birmingham ward …").
pub fn ward_at(p: Pt) -> (String, String) {
    let r = ring_km(p);
    if r <= 1.5 || TEED.contains(p) {
        return (WARD_TYSELEY.0.into(), WARD_TYSELEY.1.into());
    }
    if r <= 3.0 {
        let w = NEIGHBOUR_WARDS[octant(p)];
        return (w.0.into(), w.1.into());
    }
    let n = 11118 + cell_hash(p, 2000.0, 17) % 69;
    (format!("E0501{n}"), format!("Birmingham ward E0501{n}"))
}

/// Synthetic statistical geographies per cell: (OA, LSOA, MSOA) codes in the
/// obviously synthetic ranges E009…, E019…, E029….
pub fn stat_geos(p: Pt) -> (String, String, String) {
    let idx = |size: f64| {
        let cx = ((p.x - CENTRE.x) / size + 500.0).floor() as i64;
        let cy = ((p.y - CENTRE.y) / size + 500.0).floor() as i64;
        (cx * 1000 + cy).rem_euclid(100_000)
    };
    (
        format!("E009{:05}", idx(100.0)),
        format!("E019{:05}", idx(350.0)),
        format!("E029{:05}", idx(1200.0)),
    )
}

/// The postcode district and preferred sector digits of a point: the real
/// TEED sectors (B11 2, B10 0, B25 8) inside the box, and by direction and
/// distance the real neighbouring districts beyond it.
pub fn sector_hint(p: Pt) -> (&'static str, &'static [u8]) {
    if TEED.contains(p) {
        if p.y > 284_950.0 {
            return ("B10", &[0]);
        }
        if p.x > 411_250.0 {
            return ("B25", &[8]);
        }
        return ("B11", &[2]);
    }
    let r = ring_km(p);
    let near = r < 2.5;
    match (octant(p), near) {
        (0, true) | (1, true) => ("B25", &[8, 7]),
        (0, false) => ("B26", &[1, 2, 3]),
        (1, false) => ("B33", &[8, 9, 0]),
        (2, true) => ("B10", &[0, 9]),
        (2, false) => ("B9", &[5, 4]),
        (3, true) => ("B10", &[9, 0]),
        (3, false) => ("B7", &[4, 5]),
        (4, true) => ("B11", &[1, 4]),
        (4, false) => ("B12", &[0, 8, 9]),
        (5, true) => ("B11", &[3, 4]),
        (5, false) => ("B13", &[8, 9, 0]),
        (6, true) => ("B28", &[8, 9]),
        (6, false) => ("B28", &[0, 9]),
        (7, true) => ("B27", &[6, 7]),
        _ => ("B26", &[3, 2]),
    }
}

/// Spare Birmingham postcode districts for sectors that fill up.
pub const SPARE_DISTRICTS: [&str; 12] = [
    "B8", "B34", "B36", "B14", "B29", "B30", "B31", "B32", "B16", "B17", "B18", "B21",
];

/// A real road or watercourse used as the spine of the model.
pub struct RealLine {
    /// Name (`Coventry Road`).
    pub name: &'static str,
    /// Road number (`A45`), empty when unnumbered.
    pub number: &'static str,
    /// `A Road`, `B Road`, `Unclassified` or `River` / `Canal`.
    pub class: &'static str,
    /// Approximate polyline in BNG (hand-placed from the real map; ±50 m).
    pub points: &'static [(f64, f64)],
}

/// The real main roads and streets of TEED (geometry approximate, names real).
pub const REAL_ROADS: &[RealLine] = &[
    RealLine {
        name: "Coventry Road",
        number: "A45",
        class: "A Road",
        points: &[
            (410_300.0, 285_230.0),
            (410_900.0, 285_120.0),
            (411_450.0, 285_020.0),
            (412_100.0, 284_800.0),
        ],
    },
    RealLine {
        name: "Warwick Road",
        number: "A41",
        class: "A Road",
        points: &[
            (409_900.0, 284_900.0),
            (410_450.0, 284_430.0),
            (410_800.0, 284_160.0),
            (411_050.0, 283_960.0),
            (412_200.0, 282_900.0),
        ],
    },
    RealLine {
        name: "Wharfdale Road",
        number: "B4146",
        class: "B Road",
        points: &[
            (411_000.0, 284_020.0),
            (411_080.0, 284_300.0),
            (411_160.0, 284_560.0),
            (411_300.0, 284_800.0),
        ],
    },
    RealLine {
        name: "James Road",
        number: "",
        class: "Unclassified",
        points: &[
            (410_560.0, 284_560.0),
            (410_700.0, 284_640.0),
            (410_880.0, 284_700.0),
            (411_100.0, 284_660.0),
        ],
    },
    RealLine {
        name: "Golden Hillock Road",
        number: "",
        class: "Unclassified",
        points: &[
            (410_520.0, 285_180.0),
            (410_500.0, 284_900.0),
            (410_470.0, 284_620.0),
        ],
    },
    RealLine {
        name: "Redfern Road",
        number: "",
        class: "Unclassified",
        points: &[
            (411_120.0, 284_420.0),
            (411_300.0, 284_480.0),
            (411_430.0, 284_560.0),
        ],
    },
    RealLine {
        name: "Kings Road",
        number: "",
        class: "Unclassified",
        points: &[
            (410_650.0, 284_300.0),
            (410_900.0, 284_320.0),
            (411_080.0, 284_300.0),
        ],
    },
    RealLine {
        name: "Seeleys Road",
        number: "",
        class: "Unclassified",
        points: &[
            (410_760.0, 284_860.0),
            (410_980.0, 284_900.0),
            (411_150.0, 284_950.0),
        ],
    },
    RealLine {
        name: "Reddings Lane",
        number: "",
        class: "Unclassified",
        points: &[
            (411_200.0, 284_180.0),
            (411_300.0, 284_330.0),
            (411_400.0, 284_420.0),
        ],
    },
    RealLine {
        name: "Fordrough Lane",
        number: "",
        class: "Unclassified",
        points: &[
            (411_250.0, 285_000.0),
            (411_300.0, 284_850.0),
            (411_380.0, 284_700.0),
        ],
    },
];

/// The River Cole (SW → NE through Hay Mills) and the Grand Union Canal.
pub const WATERWAYS: &[RealLine] = &[
    RealLine {
        name: "River Cole",
        number: "",
        class: "River",
        points: &[
            (410_900.0, 283_700.0),
            (411_050.0, 284_150.0),
            (411_250.0, 284_650.0),
            (411_420.0, 285_000.0),
            (411_900.0, 285_500.0),
        ],
    },
    RealLine {
        name: "Grand Union Canal",
        number: "",
        class: "Canal",
        points: &[
            (410_200.0, 285_400.0),
            (410_500.0, 284_950.0),
            (410_640.0, 284_720.0),
            (410_800.0, 284_450.0),
            (411_000.0, 284_100.0),
        ],
    },
];

/// A real named site.
pub struct Landmark {
    /// Short key.
    pub key: &'static str,
    /// Name.
    pub name: &'static str,
    /// Street (one of [`REAL_ROADS`]).
    pub street: &'static str,
    /// Position (BNG).
    pub at: (f64, f64),
    /// Fixed postcode when it is a confirmed fact.
    pub postcode: Option<&'static str>,
}

/// The real sites of TEED.
pub const LANDMARKS: &[Landmark] = &[
    Landmark {
        key: "erf",
        name: "Tyseley Energy Recovery Facility",
        street: "James Road",
        at: (410_704.0, 284_662.0),
        postcode: Some("B11 2BA"),
    },
    Landmark {
        key: "tep",
        name: "Tyseley Energy Park",
        street: "Fordrough Lane",
        at: (411_300.0, 284_900.0),
        postcode: None,
    },
    Landmark {
        key: "biomass",
        name: "Tyseley Energy Park Biomass Power Plant",
        street: "Fordrough Lane",
        at: (411_330.0, 284_860.0),
        postcode: None,
    },
    Landmark {
        key: "beic",
        name: "Birmingham Energy Innovation Centre",
        street: "Fordrough Lane",
        at: (411_260.0, 284_930.0),
        postcode: None,
    },
    Landmark {
        key: "wh",
        name: "Webster & Horsfall",
        street: "Fordrough Lane",
        at: (411_350.0, 284_780.0),
        postcode: None,
    },
    Landmark {
        key: "tmd",
        name: "Tyseley Traction Maintenance Depot",
        street: "Kings Road",
        at: (410_860.0, 284_330.0),
        postcode: None,
    },
    Landmark {
        key: "loco",
        name: "Tyseley Locomotive Works",
        street: "Warwick Road",
        at: (410_700.0, 284_230.0),
        postcode: None,
    },
];

/// A railway station (real CRS codes; ATCO codes are synthetic `9100…`).
pub struct Station {
    /// Name.
    pub name: &'static str,
    /// CRS code.
    pub crs: &'static str,
    /// Synthetic but well-formed ATCO code (the real TIPLOC was not found).
    pub atco: &'static str,
    /// WGS84 position (lat, lon), from the cited articles.
    pub wgs84: (f64, f64),
    /// Street of the entrance.
    pub street: &'static str,
}

/// Tyseley and neighbouring stations.
pub const STATIONS: &[Station] = &[
    Station {
        name: "Tyseley Rail Station",
        crs: "TYS",
        atco: "9100TYSELEY",
        wgs84: (52.454, -1.839),
        street: "Warwick Road",
    },
    Station {
        name: "Spring Road Rail Station",
        crs: "SRI",
        atco: "9100SPRINGRD",
        wgs84: (52.444371, -1.836156),
        street: "Spring Road",
    },
    Station {
        name: "Acocks Green Rail Station",
        crs: "ACG",
        atco: "9100ACOCKSG",
        wgs84: (52.4493, -1.8189),
        street: "Warwick Road",
    },
    Station {
        name: "Small Heath Rail Station",
        crs: "SMA",
        atco: "9100SMALLHTH",
        wgs84: (52.4638, -1.8594),
        street: "Golden Hillock Road",
    },
];

/// Real populated places around TEED (point positions approximate).
pub const PLACES: &[(&str, &str, (f64, f64))] = &[
    ("Tyseley", "Suburban Area", (410_950.0, 284_300.0)),
    ("Hay Mills", "Suburban Area", (411_600.0, 285_000.0)),
    ("Small Heath", "Suburban Area", (409_800.0, 285_700.0)),
    ("Sparkhill", "Suburban Area", (409_500.0, 284_200.0)),
    ("Acocks Green", "Suburban Area", (412_300.0, 283_100.0)),
    ("Greet", "Suburban Area", (409_900.0, 284_700.0)),
    ("Yardley", "Suburban Area", (413_300.0, 285_600.0)),
    ("Bordesley Green", "Suburban Area", (410_600.0, 286_500.0)),
    ("Hall Green", "Suburban Area", (410_900.0, 281_600.0)),
];

/// Index in [`PLACES`] of the place nearest to `p`.
pub fn nearest_place(p: Pt) -> usize {
    PLACES
        .iter()
        .enumerate()
        .min_by(|a, b| {
            Pt::new(a.1.2.0, a.1.2.1)
                .dist(p)
                .total_cmp(&Pt::new(b.1.2.0, b.1.2.1).dist(p))
        })
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_points_convert_within_5m() {
        // The note's own computed points (Part 2, rows 8 and 15).
        let c = wgs84_to_bng(52.46, -1.84);
        assert!(c.dist(Pt::new(410_968.0, 284_684.0)) < 5.0, "{c:?}");
        let t = wgs84_to_bng(52.454, -1.839);
        assert!(t.dist(Pt::new(411_038.0, 284_017.0)) < 5.0, "{t:?}");
        let (lat, lon) = bng_to_wgs84(Pt::new(410_968.0, 284_684.0));
        assert!(
            (lat - 52.46).abs() < 5e-5 && (lon + 1.84).abs() < 8e-5,
            "{lat} {lon}"
        );
    }

    #[test]
    fn round_trip_is_sub_millimetre() {
        for p in [TEED.x0, TEED.x1]
            .iter()
            .flat_map(|x| [Pt::new(*x, TEED.y0), Pt::new(*x, TEED.y1)])
        {
            let (la, lo) = bng_to_wgs84(p);
            assert!(wgs84_to_bng(la, lo).dist(p) < 0.01);
        }
    }

    #[test]
    fn tiles_and_admin() {
        assert_eq!(tile_10km(CENTRE), "SP18");
        assert_eq!(tile_10km(Pt::new(331_719.8, 1_019_258.3)), "HY31");
        assert_eq!(tile_10km(Pt::new(530_000.0, 180_000.0)), "TQ38");
        assert_eq!(ward_at(CENTRE).0, "E05011182");
        assert_eq!(sector_hint(Pt::new(410_704.0, 284_662.0)).0, "B11");
        let (oa, lsoa, msoa) = stat_geos(CENTRE);
        assert!(oa.starts_with("E009") && lsoa.starts_with("E019") && msoa.starts_with("E029"));
        assert_eq!(lsoa.len(), 9);
    }
}
