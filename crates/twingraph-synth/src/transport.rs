//! Transport: NaPTAN `Stops.csv`, a GTFS feed (BODS flavour, with
//! `agency_noc`) and DfT raw counts and AADF files.

use std::fmt::Write as _;

use crate::SynthError;
use crate::geo::{self, Pt};
use crate::model::{District, clip_to};
use crate::out::{Out, field};
use crate::prng::Rng;

/// NaPTAN Stops.csv columns (43).
pub const NAPTAN_HEADER: [&str; 43] = [
    "ATCOCode",
    "NaptanCode",
    "PlateCode",
    "CleardownCode",
    "CommonName",
    "CommonNameLang",
    "ShortCommonName",
    "ShortCommonNameLang",
    "Landmark",
    "LandmarkLang",
    "Street",
    "StreetLang",
    "Crossing",
    "CrossingLang",
    "Indicator",
    "IndicatorLang",
    "Bearing",
    "NptgLocalityCode",
    "LocalityName",
    "ParentLocalityName",
    "GrandParentLocalityName",
    "Town",
    "TownLang",
    "Suburb",
    "SuburbLang",
    "LocalityCentre",
    "GridType",
    "Easting",
    "Northing",
    "Longitude",
    "Latitude",
    "StopType",
    "BusStopType",
    "TimingStatus",
    "DefaultWaitTime",
    "Notes",
    "NotesLang",
    "AdministrativeAreaCode",
    "CreationDateTime",
    "ModificationDateTime",
    "RevisionNumber",
    "Modification",
    "Status",
];
/// DfT raw counts columns (35).
pub const RAW_HEADER: [&str; 35] = [
    "Count_point_id",
    "Direction_of_travel",
    "Year",
    "Count_date",
    "hour",
    "Region_id",
    "Region_name",
    "Region_ons_code",
    "Local_authority_id",
    "Local_authority_name",
    "Local_authority_code",
    "Road_name",
    "Road_category",
    "Road_type",
    "Start_junction_road_name",
    "End_junction_road_name",
    "Easting",
    "Northing",
    "Latitude",
    "Longitude",
    "Link_length_km",
    "Link_length_miles",
    "Pedal_cycles",
    "Two_wheeled_motor_vehicles",
    "Cars_and_taxis",
    "Buses_and_coaches",
    "LGVs",
    "HGVs_2_rigid_axle",
    "HGVs_3_rigid_axle",
    "HGVs_4_or_more_rigid_axle",
    "HGVs_3_or_4_articulated_axle",
    "HGVs_5_articulated_axle",
    "HGVs_6_articulated_axle",
    "All_HGVs",
    "All_motor_vehicles",
];
/// DfT AADF columns (34).
pub const AADF_HEADER: [&str; 34] = [
    "Count_point_id",
    "Year",
    "Region_id",
    "Region_name",
    "Region_ons_code",
    "Local_authority_id",
    "Local_authority_name",
    "Local_authority_code",
    "Road_name",
    "Road_category",
    "Road_type",
    "Start_junction_road_name",
    "End_junction_road_name",
    "Easting",
    "Northing",
    "Latitude",
    "Longitude",
    "Link_length_km",
    "Link_length_miles",
    "Estimation_method",
    "Estimation_method_detailed",
    "Pedal_cycles",
    "Two_wheeled_motor_vehicles",
    "Cars_and_taxis",
    "Buses_and_coaches",
    "LGVs",
    "HGVs_2_rigid_axle",
    "HGVs_3_rigid_axle",
    "HGVs_4_or_more_rigid_axle",
    "HGVs_3_or_4_articulated_axle",
    "HGVs_5_articulated_axle",
    "HGVs_6_articulated_axle",
    "All_HGVs",
    "All_motor_vehicles",
];
/// Placeholder DfT local-authority id (the real one was not found).
pub const DFT_LA_ID_PLACEHOLDER: &str = "999";

/// A bus stop.
pub struct Stop {
    /// ATCO code (= GTFS stop_id).
    pub atco: String,
    /// NaPTAN code.
    pub naptan: String,
    /// Name.
    pub name: String,
    /// Road it is on.
    pub road: &'static str,
    /// Street name.
    pub street: &'static str,
    /// Position.
    pub p: Pt,
    /// Compass bearing of travel.
    pub bearing: &'static str,
    /// Indicator.
    pub indicator: &'static str,
    /// Distance along the road line.
    pub along: f64,
    /// Travelling in the line's direction.
    pub forward: bool,
}

fn line_of(number: &str, ext: &geo::Extent) -> Vec<Pt> {
    geo::REAL_ROADS
        .iter()
        .find(|r| r.number == number)
        .map(|r| {
            clip_to(
                &ext.grow(1500.0),
                &r.points
                    .iter()
                    .map(|&(x, y)| Pt::new(x, y))
                    .collect::<Vec<_>>(),
            )
        })
        .unwrap_or_default()
}

fn at(line: &[Pt], t: f64) -> (Pt, (f64, f64)) {
    let mut left = t;
    for w in line.windows(2) {
        let l = w[0].dist(w[1]);
        if left <= l {
            let d = ((w[1].x - w[0].x) / l, (w[1].y - w[0].y) / l);
            return (Pt::new(w[0].x + d.0 * left, w[0].y + d.1 * left), d);
        }
        left -= l;
    }
    let n = line.len();
    let l = line[n - 2].dist(line[n - 1]).max(1e-9);
    (
        line[n - 1],
        (
            (line[n - 1].x - line[n - 2].x) / l,
            (line[n - 1].y - line[n - 2].y) / l,
        ),
    )
}

fn closest(a: &[Pt], b: &[Pt]) -> (f64, f64) {
    let (la, lb) = (len(a), len(b));
    let mut best = (f64::INFINITY, 0.0, 0.0);
    let mut ta = 0.0;
    while ta <= la {
        let pa = at(a, ta).0;
        let mut tb = 0.0;
        while tb <= lb {
            let dd = pa.dist(at(b, tb).0);
            if dd < best.0 {
                best = (dd, ta, tb);
            }
            tb += 20.0;
        }
        ta += 20.0;
    }
    (best.1, best.2)
}

fn sub_line(line: &[Pt], t0: f64, t1: f64) -> Vec<Pt> {
    let mut v = vec![at(line, t0).0];
    let mut acc = 0.0;
    for w in line.windows(2) {
        acc += w[0].dist(w[1]);
        if acc > t0 && acc < t1 {
            v.push(w[1]);
        }
    }
    v.push(at(line, t1).0);
    v
}

fn len(line: &[Pt]) -> f64 {
    line.windows(2).map(|w| w[0].dist(w[1])).sum()
}

fn bearing(dx: f64, dy: f64) -> &'static str {
    let a = dx.atan2(dy).to_degrees().rem_euclid(360.0);
    ["N", "NE", "E", "SE", "S", "SW", "W", "NW"][((a + 22.5) / 45.0) as usize % 8]
}

/// The stops on the three real main roads, both directions.
pub fn stops(d: &District) -> Vec<Stop> {
    let mut v = vec![];
    let mut n = 0u32;
    for (road, street) in [
        ("A45", "Coventry Road"),
        ("A41", "Warwick Road"),
        ("B4146", "Wharfdale Road"),
    ] {
        let line = line_of(road, &d.extent);
        if line.len() < 2 {
            continue;
        }
        let l = len(&line);
        let count = (l / 320.0).floor().max(1.0) as usize;
        for k in 0..count {
            let t = (k as f64 + 0.5) * l / count as f64;
            let (p, (dx, dy)) = at(&line, t);
            let cross = d
                .streets
                .iter()
                .filter(|s| s.name != street)
                .min_by(|a, b| a.distance_to(p).total_cmp(&b.distance_to(p)))
                .map(|s| s.name.clone())
                .unwrap_or_else(|| street.into());
            for forward in [true, false] {
                n += 1;
                let sg = if forward { 1.0 } else { -1.0 };
                // Nearside (left-hand traffic): offset to the left of travel.
                let q = Pt::new(p.x + dy * 8.0 * sg, p.y - dx * 8.0 * sg);
                let q = Pt::new((q.x * 10.0).round() / 10.0, (q.y * 10.0).round() / 10.0);
                let b = if forward {
                    bearing(dx, dy)
                } else {
                    bearing(-dx, -dy)
                };
                let letters: Vec<u8> = b"abcdefghjkmnpqrstvwxyz".to_vec();
                let code: String = (0..5)
                    .map(|i| letters[((n as usize) / 22usize.pow(i)) % 22] as char)
                    .collect();
                v.push(Stop {
                    atco: format!("43000{:06}", 990_000 + n),
                    naptan: format!("bhm{code}"),
                    name: cross.clone(),
                    road,
                    street,
                    p: q,
                    bearing: b,
                    indicator: ["opp", "adj", "nr", "Stop A", "Stop B"][(n as usize) % 5],
                    along: t,
                    forward,
                });
            }
        }
    }
    v
}

/// Write NaPTAN, GTFS and DfT files.
pub fn write(d: &District, rng: &mut Rng, out: &mut Out) -> Result<(), SynthError> {
    let stops = stops(d);
    write_naptan(d, &stops, out)?;
    write_gtfs(d, &stops, &mut rng.fork("gtfs"), out)?;
    write_dft(d, &mut rng.fork("dft"), out)
}

fn locality(p: Pt) -> (&'static str, String) {
    let i = geo::nearest_place(p);
    (geo::PLACES[i].0, format!("E09990{:02}", i + 1))
}

fn write_naptan(d: &District, stops: &[Stop], out: &mut Out) -> Result<(), SynthError> {
    out.file("transport/naptan/Stops.csv", false, |f| {
        f.header(&NAPTAN_HEADER)?;
        for s in stops {
            let (lat, lon) = geo::bng_to_wgs84(s.p);
            let (loc, code) = locality(s.p);
            f.line(&format!(
                "{},{},,,{},,,,,,{},,,,{},,{},{code},{loc},Birmingham,,,,,,false,UKOS,{},{},{lon:.6},{lat:.6},BCT,MKD,OTH,,,,082,2015-03-02T00:00:00,2024-11-18T09:30:00,3,revise,active",
                s.atco, s.naptan, field(&s.name), s.street, s.indicator, s.bearing, s.p.x.round(), s.p.y.round()
            ))?;
        }
        for st in geo::STATIONS {
            let p = geo::wgs84_to_bng(st.wgs84.0, st.wgs84.1);
            if !d.extent.grow(1500.0).contains(p) {
                continue;
            }
            let (loc, code) = locality(p);
            f.line(&format!(
                "{},,,,{},,,,,,{},,,,,,,{code},{loc},Birmingham,,,,,,false,UKOS,{},{},{:.6},{:.6},RLY,,,,,,110,2004-11-01T00:00:00,2024-11-18T09:30:00,2,revise,active",
                st.atco, st.name, st.street, p.x.round(), p.y.round(), st.wgs84.1, st.wgs84.0
            ))?;
        }
        Ok(())
    })
}

struct Route {
    id: &'static str,
    short: &'static str,
    long: &'static str,
    /// Legs: (road, forward), followed in order.
    legs: &'static [(&'static str, bool)],
    headsign: (&'static str, &'static str),
    headway_min: u32,
    limited: bool,
    both_ways: bool,
}

const ROUTES: &[Route] = &[
    Route {
        id: "NXWM-60",
        short: "60",
        long: "Birmingham - Cranes Park via Coventry Road",
        legs: &[("A45", true)],
        headsign: ("Cranes Park", "Birmingham"),
        headway_min: 10,
        limited: false,
        both_ways: true,
    },
    Route {
        id: "NXWM-X2",
        short: "X2",
        long: "Birmingham - Solihull via Small Heath Highway",
        legs: &[("A45", true)],
        headsign: ("Solihull", "Birmingham"),
        headway_min: 20,
        limited: true,
        both_ways: true,
    },
    Route {
        id: "NXWM-37",
        short: "37",
        long: "Birmingham - Solihull via Warwick Road, Tyseley and Acocks Green",
        legs: &[("A41", true)],
        headsign: ("Solihull", "Birmingham"),
        headway_min: 15,
        limited: false,
        both_ways: true,
    },
    Route {
        id: "NXWM-11A",
        short: "11A",
        long: "Outer Circle (anticlockwise)",
        legs: &[("A41", false), ("B4146", true), ("A45", true)],
        headsign: ("Outer Circle via Hay Mills", ""),
        headway_min: 12,
        limited: false,
        both_ways: false,
    },
    Route {
        id: "NXWM-11C",
        short: "11C",
        long: "Outer Circle (clockwise)",
        legs: &[("A45", false), ("B4146", false), ("A41", true)],
        headsign: ("Outer Circle via Tyseley", ""),
        headway_min: 12,
        limited: false,
        both_ways: false,
    },
];

fn hms(s: u32) -> String {
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn write_gtfs(
    d: &District,
    stops: &[Stop],
    rng: &mut Rng,
    out: &mut Out,
) -> Result<(), SynthError> {
    let dir = "transport/gtfs";
    out.file(&format!("{dir}/agency.txt"), false, |f| {
        f.line("agency_id,agency_name,agency_url,agency_timezone,agency_lang,agency_phone,agency_noc")?;
        f.line("OP9001,National Express West Midlands,https://www.traveline.info,Europe/London,EN,,TNXB")
    })?;
    out.file(&format!("{dir}/feed_info.txt"), false, |f| {
        f.line("feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date,feed_version")?;
        f.line("TwinGraph synthetic TEED feed,https://github.com/twingraph/twingraph,en,20250106,20250629,synthetic-1")
    })?;
    out.file(&format!("{dir}/stops.txt"), false, |f| {
        f.line("stop_id,stop_code,stop_name,stop_lat,stop_lon,wheelchair_boarding,location_type,parent_station,platform_code")?;
        for s in stops {
            let (lat, lon) = geo::bng_to_wgs84(s.p);
            f.line(&format!("{},{},{} ({}),{lat:.6},{lon:.6},1,0,,", s.atco, s.naptan, field(&s.name), s.indicator))?;
        }
        for st in geo::STATIONS {
            let p = geo::wgs84_to_bng(st.wgs84.0, st.wgs84.1);
            if d.extent.grow(1500.0).contains(p) {
                f.line(&format!("{},,{},{:.6},{:.6},1,1,,", st.atco, st.name, st.wgs84.0, st.wgs84.1))?;
            }
        }
        Ok(())
    })?;
    out.file(&format!("{dir}/routes.txt"), false, |f| {
        f.line("route_id,agency_id,route_short_name,route_long_name,route_type")?;
        for r in ROUTES {
            f.line(&format!("{},OP9001,{},{},3", r.id, r.short, field(r.long)))?;
        }
        Ok(())
    })?;
    out.file(&format!("{dir}/calendar.txt"), false, |f| {
        f.line("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date")?;
        f.line("WK,1,1,1,1,1,0,0,20250106,20250629")?;
        f.line("SA,0,0,0,0,0,1,0,20250106,20250629")?;
        f.line("SU,0,0,0,0,0,0,1,20250106,20250629")
    })?;
    out.file(&format!("{dir}/calendar_dates.txt"), false, |f| {
        f.line("service_id,date,exception_type")?;
        for day in ["20250418", "20250421", "20250505", "20250526"] {
            f.line(&format!("WK,{day},2"))?;
            f.line(&format!("SU,{day},1"))?;
        }
        Ok(())
    })?;
    // Patterns: ordered stops and shape for each route direction.
    let mut shapes = String::new();
    let mut trips = String::new();
    let mut times = String::new();
    let (mut n_shape_pts, mut n_trips, mut n_times) = (0u64, 0u64, 0u64);
    for r in ROUTES {
        let dirs: &[bool] = if r.both_ways { &[true, false] } else { &[true] };
        for &outbound in dirs {
            let mut legs: Vec<(&str, bool)> = r.legs.to_vec();
            if !outbound {
                legs.reverse();
                for l in legs.iter_mut() {
                    l.1 = !l.1;
                }
            }
            // Oriented leg lines, trimmed where consecutive legs meet.
            let mut lines: Vec<(&str, bool, Vec<Pt>, f64, f64)> = vec![];
            for (road, fwd) in legs {
                let mut line = line_of(road, &d.extent);
                if line.len() < 2 {
                    continue;
                }
                if !fwd {
                    line.reverse();
                }
                let l = len(&line);
                lines.push((road, fwd, line, 0.0, l));
            }
            for k in 1..lines.len() {
                let (ta, tb) = closest(&lines[k - 1].2, &lines[k].2);
                lines[k - 1].4 = ta;
                lines[k].3 = tb;
            }
            let mut pattern: Vec<(&Stop, f64)> = vec![];
            let mut shape: Vec<Pt> = vec![];
            for (road, fwd, line, t0, t1) in &lines {
                let total = len(line);
                let mut on: Vec<(&Stop, f64)> = stops
                    .iter()
                    .filter(|s| s.road == *road && s.forward == *fwd)
                    .map(|s| (s, if *fwd { s.along } else { total - s.along }))
                    .filter(|(_, a)| *a >= *t0 && *a <= *t1)
                    .collect();
                on.sort_by(|a, b| a.1.total_cmp(&b.1));
                let base = len(&shape);
                for (k, (s, a)) in on.iter().enumerate() {
                    if r.limited && k % 2 == 1 {
                        continue;
                    }
                    pattern.push((s, base + a - t0));
                }
                shape.extend(sub_line(line, *t0, *t1));
            }
            if pattern.len() < 2 {
                continue;
            }
            let shape_id = format!("{}-{}", r.id, if outbound { "O" } else { "I" });
            let mut dist = 0.0;
            for (k, p) in shape.iter().enumerate() {
                if k > 0 {
                    dist += shape[k - 1].dist(*p);
                }
                let (lat, lon) = geo::bng_to_wgs84(*p);
                let _ = writeln!(shapes, "{shape_id},{lat:.6},{lon:.6},{},{:.1}", k + 1, dist);
                n_shape_pts += 1;
            }
            for (service, mult, first, last) in [
                ("WK", 1.0, 6 * 3600, 23 * 3600 + 1800),
                ("SA", 1.25, 6 * 3600 + 1800, 23 * 3600),
                ("SU", 2.0, 8 * 3600, 23 * 3600),
            ] {
                let headway = (f64::from(r.headway_min) * 60.0 * mult) as u32;
                let mut start = first + (rng.below(u64::from(headway / 60)) as u32) * 60;
                let mut k = 0;
                while start <= last {
                    k += 1;
                    let trip_id = format!("{shape_id}-{service}-{k:03}");
                    let head = if outbound { r.headsign.0 } else { r.headsign.1 };
                    let _ = writeln!(
                        trips,
                        "{},{service},{trip_id},{},{},{shape_id},1,VJ{:04},{}",
                        r.id,
                        field(head),
                        format_args!("{}-{service}-{}", r.short, k % 8 + 1),
                        k,
                        if outbound { 0 } else { 1 }
                    );
                    // Peak (07–09, 16–18) runs slower.
                    let peak = (7 * 3600..9 * 3600).contains(&start)
                        || (16 * 3600..18 * 3600).contains(&start);
                    let speed = if peak { 4.0 } else { 5.0 }; // m/s
                    for (seq, (s, along)) in pattern.iter().enumerate() {
                        let t = start + ((along - pattern[0].1) / speed) as u32 + seq as u32 * 20;
                        let t = t / 60 * 60;
                        let tp = if seq == 0 || seq + 1 == pattern.len() {
                            1
                        } else {
                            0
                        };
                        let _ = writeln!(
                            times,
                            "{trip_id},{},{},{},{},,0,0,{:.1},{tp}",
                            hms(t),
                            hms(t),
                            s.atco,
                            seq + 1,
                            along - pattern[0].1
                        );
                        n_times += 1;
                    }
                    n_trips += 1;
                    let h = if service == "WK" && !(7 * 3600..19 * 3600).contains(&start) {
                        headway * 3 / 2
                    } else {
                        headway
                    };
                    start += h;
                }
            }
        }
    }
    out.file(&format!("{dir}/shapes.txt"), false, |f| {
        f.raw("shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence,shape_dist_traveled\n")?;
        f.raw(&shapes)?;
        f.rows = n_shape_pts;
        Ok(())
    })?;
    out.file(&format!("{dir}/trips.txt"), false, |f| {
        f.raw("route_id,service_id,trip_id,trip_headsign,block_id,shape_id,wheelchair_accessible,vehicle_journey_code,direction_id\n")?;
        f.raw(&trips)?;
        f.rows = n_trips;
        Ok(())
    })?;
    out.file(&format!("{dir}/stop_times.txt"), false, |f| {
        f.raw("trip_id,arrival_time,departure_time,stop_id,stop_sequence,stop_headsign,pickup_type,drop_off_type,shape_dist_traveled,timepoint\n")?;
        f.raw(&times)?;
        f.rows = n_times;
        Ok(())
    })
}

fn write_dft(d: &District, rng: &mut Rng, out: &mut Out) -> Result<(), SynthError> {
    struct Cp {
        id: u32,
        road: &'static str,
        cat: &'static str,
        typ: &'static str,
        p: Pt,
        dirs: [&'static str; 2],
        aadf: f64,
        start: String,
        end: String,
        link_km: f64,
    }
    let mut cps = vec![];
    for (road, cat, typ, base) in [
        ("A45", "PA", "Major", 31_000.0),
        ("A41", "PA", "Major", 21_000.0),
        ("B4146", "MB", "Minor", 8_500.0),
    ] {
        let line: Vec<Pt> = d
            .streets
            .iter()
            .filter(|s| s.number == road)
            .flat_map(|s| s.points.clone())
            .collect();
        if line.len() < 2 {
            continue;
        }
        let l = len(&line);
        let n = (l / 900.0).ceil().max(1.0) as usize;
        for k in 0..n {
            let (p, (dx, dy)) = at(&line, (k as f64 + 0.5) * l / n as f64);
            let dirs = if dx.abs() > dy.abs() {
                ["E", "W"]
            } else {
                ["N", "S"]
            };
            let others: Vec<&str> = d
                .streets
                .iter()
                .filter(|s| s.number != road)
                .filter(|s| s.distance_to(p) < 600.0)
                .map(|s| s.name.as_str())
                .collect();
            let start = others
                .first()
                .map(|s| s.to_string())
                .unwrap_or_else(|| "LA Boundary".into());
            let end = others
                .last()
                .map(|s| s.to_string())
                .unwrap_or_else(|| "LA Boundary".into());
            cps.push(Cp {
                id: 990_001 + cps.len() as u32,
                road,
                cat,
                typ,
                p: Pt::new(p.x.round(), p.y.round()),
                dirs,
                aadf: base * rng.range_f(0.85, 1.15),
                start,
                end,
                link_km: ((l / n as f64) / 100.0).round() / 10.0,
            });
        }
    }
    // Hourly share of the daily flow, 07–18.
    const HOURS: [f64; 12] = [
        0.072, 0.078, 0.062, 0.058, 0.060, 0.061, 0.062, 0.066, 0.074, 0.080, 0.078, 0.066,
    ];
    const YEAR_F: [(i64, f64); 6] = [
        (2019, 1.0),
        (2020, 0.78),
        (2021, 0.9),
        (2022, 0.96),
        (2023, 0.98),
        (2024, 0.99),
    ];
    let split = |total: f64, rng: &mut Rng| -> [i64; 12] {
        let r = |f: f64, rng: &mut Rng| (total * f * rng.range_f(0.85, 1.15)).round() as i64;
        let pedal = r(0.008, rng);
        let two = r(0.009, rng);
        let cars = r(0.785, rng);
        let bus = r(0.012, rng);
        let lgv = r(0.15, rng);
        let h = [
            r(0.018, rng),
            r(0.004, rng),
            r(0.004, rng),
            r(0.003, rng),
            r(0.003, rng),
            r(0.008, rng),
        ];
        let hgv: i64 = h.iter().sum();
        [
            pedal, two, cars, bus, lgv, h[0], h[1], h[2], h[3], h[4], h[5], hgv,
        ]
    };
    let common = |cp: &Cp| {
        let (lat, lon) = geo::bng_to_wgs84(cp.p);
        (
            format!(
                "10,West Midlands,{},{DFT_LA_ID_PLACEHOLDER},Birmingham,{},{},{},{},{},{}",
                geo::REGION,
                geo::LAD,
                cp.road,
                cp.cat,
                cp.typ,
                field(&cp.start),
                field(&cp.end)
            ),
            format!(
                "{},{},{lat:.6},{lon:.6},{:.1},{:.2}",
                cp.p.x,
                cp.p.y,
                cp.link_km,
                cp.link_km * 0.621_371
            ),
        )
    };
    let mut raw = String::new();
    let mut aadf = String::new();
    let (mut n_raw, mut n_aadf) = (0u64, 0u64);
    for cp in &cps {
        let (mid, pos) = common(cp);
        for (year, yf) in YEAR_F {
            let counted = (year + i64::from(cp.id)) % 2 == 1 && year != 2020;
            let daily = cp.aadf * yf;
            if counted {
                let month = rng.range_i(3, 10);
                let day = rng.range_i(2, 27);
                for dir in cp.dirs {
                    for (h, share) in HOURS.iter().enumerate() {
                        let v = split(daily / 2.0 * share, rng);
                        let motor: i64 = v[1] + v[2] + v[3] + v[4] + v[11];
                        let _ = writeln!(
                            raw,
                            "{},{dir},{year},{year}-{month:02}-{day:02} 00:00:00,{},{mid},{pos},{},{motor}",
                            cp.id,
                            h + 7,
                            v.iter()
                                .map(|x| x.to_string())
                                .collect::<Vec<_>>()
                                .join(",")
                        );
                        n_raw += 1;
                    }
                }
            }
            let v = split(daily, rng);
            let motor: i64 = v[1] + v[2] + v[3] + v[4] + v[11];
            let (m, md) = if counted {
                ("Counted", "Manual count")
            } else {
                (
                    "Estimated",
                    "Estimated using previous year's AADF on this link",
                )
            };
            let _ = writeln!(
                aadf,
                "{},{year},{mid},{pos},{m},{},{},{motor}",
                cp.id,
                field(md),
                v.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            );
            n_aadf += 1;
        }
    }
    out.file(
        "transport/dft/dft_traffic_counts_raw_counts.csv",
        false,
        |f| {
            f.header(&RAW_HEADER)?;
            f.raw(&raw)?;
            f.rows = n_raw;
            Ok(())
        },
    )?;
    out.file("transport/dft/dft_traffic_counts_aadf.csv", false, |f| {
        f.header(&AADF_HEADER)?;
        f.raw(&aadf)?;
        f.rows = n_aadf;
        Ok(())
    })
}
