//! The district model: streets, addressable locations, dwellings, postcodes
//! and the electricity network, built once from the seed and then written
//! out by the format modules.

use std::collections::BTreeMap;

use crate::geo::{self, Extent, Pt};
use crate::prng::Rng;

/// The character of a street, which sets its dwelling mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Character {
    /// Industrial estate road.
    Industrial,
    /// A main road with shops and flats over them.
    MainRoad,
    /// Pre-1900 red-brick terraces.
    Victorian,
    /// 1900–1929 terraces.
    Edwardian,
    /// 1930s semis.
    InterWar,
    /// Post-war council flats and maisonettes.
    CouncilFlats,
    /// Later infill.
    Modern,
}

/// A street (real or synthetic).
#[derive(Clone, Debug)]
pub struct Street {
    /// Street name.
    pub name: String,
    /// Road number (`A45`) or empty.
    pub number: String,
    /// `A Road`, `B Road` or `Unclassified`.
    pub class: &'static str,
    /// USRN (8 digits).
    pub usrn: u64,
    /// OS TOID number of the named road (after `osgb`).
    pub toid: u64,
    /// Polyline.
    pub points: Vec<Pt>,
    /// Character.
    pub character: Character,
    /// True for the real roads of the note.
    pub real: bool,
}

impl Street {
    /// Length in metres.
    pub fn length(&self) -> f64 {
        self.points.windows(2).map(|w| w[0].dist(w[1])).sum()
    }
    /// Point and unit direction at distance `t` along the street.
    pub fn at(&self, t: f64) -> (Pt, (f64, f64)) {
        let mut left = t.max(0.0);
        for w in self.points.windows(2) {
            let l = w[0].dist(w[1]);
            if left <= l || std::ptr::eq(w, self.points.windows(2).last().unwrap_or(w)) {
                let f = if l > 0.0 { (left / l).min(1.0) } else { 0.0 };
                let d = if l > 0.0 {
                    ((w[1].x - w[0].x) / l, (w[1].y - w[0].y) / l)
                } else {
                    (1.0, 0.0)
                };
                return (Pt::new(w[0].x + d.0 * l * f, w[0].y + d.1 * l * f), d);
            }
            left -= l;
        }
        (self.points[0], (1.0, 0.0))
    }
    /// Distance from `p` to the polyline.
    pub fn distance_to(&self, p: Pt) -> f64 {
        self.points
            .windows(2)
            .map(|w| seg_dist(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min)
    }
}

fn seg_dist(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let l2 = dx * dx + dy * dy;
    let t = if l2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / l2).clamp(0.0, 1.0)
    };
    p.dist(Pt::new(a.x + t * dx, a.y + t * dy))
}

/// Main heating fuel class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fuel {
    /// Mains gas boiler.
    Gas,
    /// Electric storage or room heaters.
    Electric,
    /// Community scheme (council blocks).
    Community,
    /// Solid fuel / other.
    Other,
}

/// Tenure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tenure {
    /// Owner-occupied.
    Owner,
    /// Private rented.
    PrivateRent,
    /// Social rented.
    Social,
}

/// A dwelling's physical and social attributes.
#[derive(Clone, Debug)]
pub struct Dwelling {
    /// Location index.
    pub location: usize,
    /// `House`, `Flat`, `Maisonette`, `Bungalow`.
    pub property_type: &'static str,
    /// `Mid-Terrace`, `End-Terrace`, `Semi-Detached`, `Detached`, …
    pub built_form: &'static str,
    /// Year built.
    pub year_built: u16,
    /// Floor area m².
    pub floor_area: f64,
    /// Habitable rooms.
    pub rooms: u8,
    /// Floor level for flats (0 = ground), 0 for houses.
    pub floor_level: u8,
    /// Storeys in the block (flats) or house.
    pub storeys: u8,
    /// Fuel.
    pub fuel: Fuel,
    /// Tenure.
    pub tenure: Tenure,
    /// Owned by the city council.
    pub council: bool,
    /// Solid (true) or cavity wall.
    pub solid_wall: bool,
    /// Wall insulated by 2009.
    pub wall_insulated: bool,
    /// Loft insulation in mm (0 for none / not applicable).
    pub loft_mm: u16,
    /// SAP score in 2009 before later improvements.
    pub base_sap: f64,
    /// Register building reference number.
    pub brn: u64,
    /// Archetype label for the council stock list.
    pub archetype: &'static str,
}

/// What an addressable location is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A dwelling (index into `District::dwellings`).
    Dwelling(usize),
    /// A business or public building; `landmark` names a real site.
    NonDomestic {
        /// Landmark key.
        landmark: Option<&'static str>,
    },
    /// A block's parent shell.
    ParentShell,
    /// A secondary substation site (index into `Network::secondaries`).
    Substation(usize),
    /// Other (garages, land, street furniture).
    Other,
}

/// An addressable location (one UPRN).
#[derive(Clone, Debug)]
pub struct Location {
    /// UPRN.
    pub uprn: u64,
    /// Position.
    pub p: Pt,
    /// Street index.
    pub street: usize,
    /// What it is.
    pub kind: Kind,
    /// Secondary addressable object (`Flat 3`).
    pub sao: String,
    /// Primary addressable object (number or building name).
    pub pao: String,
    /// Organisation or building name.
    pub name: String,
    /// Postcode index.
    pub postcode: Option<usize>,
    /// Secondary substation feeding it.
    pub secondary: Option<usize>,
}

/// A postcode unit.
#[derive(Clone, Debug)]
pub struct Postcode {
    /// `B11 2BA`.
    pub code: String,
    /// Mean position of its delivery points.
    pub p: Pt,
    /// Number of delivery points.
    pub count: u32,
    /// Street index of its first point.
    pub street: usize,
}

/// A secondary (11 kV / 400 V) substation.
#[derive(Clone, Debug)]
pub struct Secondary {
    /// Name (synthetic).
    pub name: String,
    /// Position.
    pub p: Pt,
    /// UPRN of its site.
    pub uprn: u64,
    /// Transformer rating kVA.
    pub rating_kva: u32,
    /// Peak demand kW (after diversity).
    pub peak_kw: f64,
    /// Connected dwellings.
    pub dwellings: u32,
    /// Connected non-domestic premises.
    pub non_domestic: u32,
    /// Primary index.
    pub primary: usize,
    /// Feeder index (global).
    pub feeder: usize,
}

/// A primary (33 / 11 kV) substation.
#[derive(Clone, Debug)]
pub struct Primary {
    /// Name (synthetic).
    pub name: String,
    /// Position.
    pub p: Pt,
    /// Total firm capacity MVA (two transformers).
    pub rating_mva: f64,
}

/// An 11 kV feeder: the chain of secondaries it supplies, in order.
#[derive(Clone, Debug)]
pub struct Feeder {
    /// Name.
    pub name: String,
    /// Primary index.
    pub primary: usize,
    /// Secondaries in order from the primary.
    pub chain: Vec<usize>,
}

/// The electricity network.
#[derive(Clone, Debug, Default)]
pub struct Network {
    /// Primaries.
    pub primaries: Vec<Primary>,
    /// Secondaries.
    pub secondaries: Vec<Secondary>,
    /// Feeders.
    pub feeders: Vec<Feeder>,
    /// Normally-open ties between feeder ends (secondary a, secondary b).
    pub open_points: Vec<(usize, usize)>,
}

/// The whole district.
pub struct District {
    /// Extent.
    pub extent: Extent,
    /// Streets (the real roads first).
    pub streets: Vec<Street>,
    /// Locations.
    pub locations: Vec<Location>,
    /// Dwellings.
    pub dwellings: Vec<Dwelling>,
    /// Postcodes.
    pub postcodes: Vec<Postcode>,
    /// Network.
    pub network: Network,
}

const PREFIXES: &[&str] = &[
    "Alder",
    "Ashfield",
    "Aston",
    "Beech",
    "Blakeland",
    "Bramley",
    "Brook",
    "Cedar",
    "Chester",
    "Clifton",
    "Colebank",
    "Dovedale",
    "Elm",
    "Evelyn",
    "Fairfield",
    "Forest",
    "Gladstone",
    "Grange",
    "Greenwood",
    "Hampton",
    "Harbury",
    "Hawthorn",
    "Hazel",
    "Highfield",
    "Holly",
    "Ivy",
    "Kenilworth",
    "Kingswood",
    "Laburnum",
    "Larch",
    "Linden",
    "Malvern",
    "Maple",
    "Medina",
    "Millfield",
    "Newbury",
    "Norton",
    "Oakfield",
    "Olton",
    "Orchard",
    "Oxford",
    "Pershore",
    "Poplar",
    "Priory",
    "Ragley",
    "Redhill",
    "Rosebery",
    "Rowan",
    "Ryland",
    "Sandon",
    "Severn",
    "Shirley",
    "Stanley",
    "Stockfield",
    "Sycamore",
    "Tennyson",
    "Tiverton",
    "Trafalgar",
    "Victoria",
    "Walford",
    "Warren",
    "Wellington",
    "Westley",
    "Willow",
    "Wolseley",
    "Woodlands",
    "Wyndhurst",
    "Yew",
];
const SUFFIXES: &[&str] = &[
    "Road", "Street", "Grove", "Avenue", "Close", "Crescent", "Lane", "Drive",
];
const BLOCK_NAMES: &[&str] = &["House", "Court", "Point", "Tower"];
const BUSINESS: &[&str] = &[
    "Metals",
    "Wire Works",
    "Timber",
    "Recycling",
    "Motor Engineers",
    "Food Distribution",
    "Fabrications",
    "Plastics",
    "Logistics",
    "Tool Hire",
    "Castings",
    "Joinery",
];

pub(crate) fn clip_to(ext: &Extent, pts: &[Pt]) -> Vec<Pt> {
    // Extend both ends far enough, then keep the longest run inside.
    let mut v: Vec<Pt> = pts.to_vec();
    let far = (ext.x1 - ext.x0 + ext.y1 - ext.y0) * 2.0;
    let ext_end = |a: Pt, b: Pt| {
        let l = a.dist(b).max(1e-9);
        Pt::new(b.x + (b.x - a.x) / l * far, b.y + (b.y - a.y) / l * far)
    };
    let n = v.len();
    let first = ext_end(v[1], v[0]);
    let last = ext_end(v[n - 2], v[n - 1]);
    v.insert(0, first);
    v.push(last);
    let mut runs: Vec<Vec<Pt>> = vec![];
    let mut cur: Vec<Pt> = vec![];
    for w in v.windows(2) {
        if let Some((a, b)) = clip_segment(ext, w[0], w[1]) {
            if cur.last().is_none_or(|l: &Pt| l.dist(a) > 1e-6) {
                if cur.len() > 1 {
                    runs.push(std::mem::take(&mut cur));
                }
                cur = vec![a];
            }
            cur.push(b);
        }
    }
    if cur.len() > 1 {
        runs.push(cur);
    }
    let len = |r: &Vec<Pt>| r.windows(2).map(|w| w[0].dist(w[1])).sum::<f64>();
    runs.into_iter()
        .max_by(|a, b| len(a).total_cmp(&len(b)))
        .unwrap_or_default()
}

fn clip_segment(e: &Extent, a: Pt, b: Pt) -> Option<(Pt, Pt)> {
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    for (p, q) in [
        (-dx, a.x - e.x0),
        (dx, e.x1 - a.x),
        (-dy, a.y - e.y0),
        (dy, e.y1 - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 < t1).then(|| {
        (
            Pt::new(a.x + t0 * dx, a.y + t0 * dy),
            Pt::new(a.x + t1 * dx, a.y + t1 * dy),
        )
    })
}

/// The extent for a number of locations: the TEED box, grown around its
/// centre at constant density for larger scales.
pub fn extent_for(locations: u64) -> Extent {
    let side = (1000.0 * (locations as f64 / 5000.0).sqrt())
        .max(1000.0)
        .round();
    Extent {
        x0: geo::CENTRE.x - side / 2.0,
        y0: geo::CENTRE.y - side / 2.0,
        x1: geo::CENTRE.x + side / 2.0,
        y1: geo::CENTRE.y + side / 2.0,
    }
}

const INDUSTRIAL: Extent = Extent {
    x0: 410_560.0,
    y0: 284_340.0,
    x1: 411_380.0,
    y1: 284_990.0,
};

fn is_industrial(ext: &Extent, p: Pt, block: f64) -> bool {
    if INDUSTRIAL.contains(p) {
        return true;
    }
    // Beyond TEED: scattered synthetic industrial blocks (about 1 in 9).
    !geo::TEED.grow(300.0).contains(p) && ext.contains(p) && {
        let h =
            ((p.x / block).floor() as i64 * 31 + (p.y / block).floor() as i64 * 17).rem_euclid(9);
        h == 4
    }
}

impl District {
    /// Build the district for `n` locations from `seed`.
    pub fn build(n: u64, seed: u64) -> District {
        let root = Rng::new(seed);
        let extent = extent_for(n);
        let mut d = District {
            extent,
            streets: vec![],
            locations: vec![],
            dwellings: vec![],
            postcodes: vec![],
            network: Network::default(),
        };
        d.make_streets(&mut root.fork("streets"));
        d.place_locations(n as usize, &mut root.fork("locations"));
        d.make_network(&mut root.fork("network"));
        d.assign_postcodes(&mut root.fork("postcodes"));
        d.assign_uprns(&mut root.fork("uprns"));
        d
    }

    fn make_streets(&mut self, rng: &mut Rng) {
        let ext = self.extent;
        let mut usrn = 27_010_000u64 + rng.below(5_000);
        let mut toid = 4_000_000_003_400_000u64 + rng.below(100_000);
        for r in geo::REAL_ROADS {
            let pts: Vec<Pt> = r.points.iter().map(|&(x, y)| Pt::new(x, y)).collect();
            // Main roads run on to the extent's edge; local streets keep their length.
            let pts = if r.number.is_empty() {
                let inside: Vec<Pt> = pts
                    .iter()
                    .copied()
                    .filter(|p| ext.grow(200.0).contains(*p))
                    .collect();
                if inside.len() < 2 {
                    continue;
                }
                inside
            } else {
                clip_to(&ext, &pts)
            };
            if pts.len() < 2 {
                continue;
            }
            usrn += 1 + rng.below(40);
            toid += 1 + rng.below(500);
            self.streets.push(Street {
                name: r.name.into(),
                number: r.number.into(),
                class: r.class,
                usrn,
                toid,
                points: pts,
                character: if r.number.is_empty() {
                    Character::Industrial
                } else {
                    Character::MainRoad
                },
                real: true,
            });
        }
        let block = 250.0;
        let nx = ((ext.x1 - ext.x0) / block).ceil() as i64;
        let ny = ((ext.y1 - ext.y0) / block).ceil() as i64;
        let mut name_i = rng.below(PREFIXES.len() as u64) as usize;
        for by in 0..ny {
            for bx in 0..nx {
                let c = Pt::new(
                    ext.x0 + (bx as f64 + 0.5) * block,
                    ext.y0 + (by as f64 + 0.5) * block,
                );
                let industrial = is_industrial(&ext, c, block);
                let character = if industrial {
                    Character::Industrial
                } else {
                    let r = c.dist(geo::CENTRE) / 1000.0;
                    // Terraces near the core, semis and later stock further out.
                    let w = [
                        20.0,
                        40.0 - r.min(4.0) * 3.0,
                        22.0 + r.min(4.0) * 3.0,
                        12.0,
                        8.0,
                    ];
                    [
                        Character::Victorian,
                        Character::Edwardian,
                        Character::InterWar,
                        Character::CouncilFlats,
                        Character::Modern,
                    ][rng.weighted(&w)]
                };
                let count = if industrial { 1 } else { 3 };
                let horizontal = rng.chance(0.5);
                let angle: f64 = rng.range_f(-0.14, 0.14);
                for k in 0..count {
                    let off =
                        (k as f64 - (count as f64 - 1.0) / 2.0) * 80.0 + rng.range_f(-6.0, 6.0);
                    let half = rng.range_f(100.0, 120.0);
                    let (ux, uy) = if horizontal {
                        (angle.cos(), angle.sin())
                    } else {
                        (-angle.sin(), angle.cos())
                    };
                    let (nxv, nyv) = (-uy, ux);
                    let m = Pt::new(c.x + nxv * off, c.y + nyv * off);
                    let a = Pt::new(m.x - ux * half, m.y - uy * half);
                    let b = Pt::new(m.x + ux * half, m.y + uy * half);
                    let pts = clip_to(&ext, &[a, b]);
                    if pts.len() < 2 {
                        continue;
                    }
                    let p = PREFIXES[name_i % PREFIXES.len()];
                    let s = SUFFIXES[(name_i / PREFIXES.len() + name_i) % SUFFIXES.len()];
                    name_i += 1 + rng.below(3) as usize;
                    usrn += 1 + rng.below(40);
                    toid += 1 + rng.below(500);
                    self.streets.push(Street {
                        name: format!("{p} {s}"),
                        number: String::new(),
                        class: "Unclassified",
                        usrn,
                        toid,
                        points: pts,
                        character,
                        real: false,
                    });
                }
            }
        }
    }

    fn push_loc(
        &mut self,
        p: Pt,
        street: usize,
        kind: Kind,
        sao: String,
        pao: String,
        name: String,
    ) -> usize {
        self.locations.push(Location {
            uprn: 0,
            p,
            street,
            kind,
            sao,
            pao,
            name,
            postcode: None,
            secondary: None,
        });
        self.locations.len() - 1
    }

    fn place_locations(&mut self, n: usize, rng: &mut Rng) {
        // Real sites first.
        for lm in geo::LANDMARKS {
            let p = Pt::new(lm.at.0, lm.at.1);
            if !self.extent.contains(p) {
                continue;
            }
            let s = self
                .streets
                .iter()
                .position(|s| s.name == lm.street)
                .unwrap_or(0);
            self.push_loc(
                p,
                s,
                Kind::NonDomestic {
                    landmark: Some(lm.key),
                },
                String::new(),
                String::new(),
                lm.name.into(),
            );
        }
        let n_dw = (n as f64 * 0.62).round() as usize;
        let n_nd = (n as f64 * 0.08).round() as usize;
        // Dwellings along residential streets (90 %) and main roads (10 %).
        let res: Vec<usize> = (0..self.streets.len())
            .filter(|&i| !matches!(self.streets[i].character, Character::Industrial))
            .collect();
        let weight = |s: &Street| {
            s.length()
                * if s.character == Character::MainRoad {
                    0.35
                } else {
                    1.0
                }
        };
        let total: f64 = res.iter().map(|&i| weight(&self.streets[i])).sum();
        let mut placed = 0usize;
        for (j, &si) in res.iter().enumerate() {
            let want = if j + 1 == res.len() {
                n_dw.saturating_sub(placed)
            } else {
                ((n_dw as f64) * weight(&self.streets[si]) / total).round() as usize
            };
            let want = want.min(n_dw.saturating_sub(placed));
            placed += self.fill_street(si, want, rng);
        }
        // Businesses on industrial streets and main roads.
        let biz: Vec<usize> = (0..self.streets.len())
            .filter(|&i| {
                matches!(
                    self.streets[i].character,
                    Character::Industrial | Character::MainRoad
                )
            })
            .collect();
        let n_nd = n_nd.saturating_sub(self.locations.len());
        let mut counters: BTreeMap<usize, u32> = BTreeMap::new();
        for k in 0..n_nd {
            let si = biz[k % biz.len()];
            let s = &self.streets[si];
            let t = rng.range_f(0.0, s.length());
            let side = if rng.chance(0.5) { 1.0 } else { -1.0 };
            let (p, (dx, dy)) = s.at(t);
            let p = Pt::new(p.x - dy * 14.0 * side, p.y + dx * 14.0 * side);
            let c = counters.entry(si).or_insert(0);
            *c += 1;
            let name = format!("{} {}", rng.pick(PREFIXES), rng.pick(BUSINESS));
            let pao = if s.character == Character::Industrial {
                format!("Unit {}", *c)
            } else {
                format!("{}", 2 * *c + 300)
            };
            self.push_loc(
                p,
                si,
                Kind::NonDomestic { landmark: None },
                String::new(),
                pao,
                format!("{name} Ltd"),
            );
        }
        // Parent shells already added; top up with "Other" (garages, land).
        while self.locations.len() < n.saturating_sub(n / 110) {
            let si = rng.below(self.streets.len() as u64) as usize;
            let s = &self.streets[si];
            let (p, (dx, dy)) = s.at(rng.range_f(0.0, s.length()));
            let p = Pt::new(p.x - dy * 20.0, p.y + dx * 20.0);
            let what = if rng.chance(0.6) { "Garages" } else { "Land" };
            let sname = s.name.clone();
            self.push_loc(
                p,
                si,
                Kind::Other,
                String::new(),
                format!("{what} adjacent to {sname}"),
                String::new(),
            );
        }
    }

    /// Place `want` dwellings on street `si`; returns how many were placed.
    fn fill_street(&mut self, si: usize, want: usize, rng: &mut Rng) -> usize {
        if want == 0 {
            return 0;
        }
        let street = self.streets[si].clone();
        let len = street.length();
        let mut placed = 0;
        let mut side_num = [1u32, 2u32];
        // Build a list of "buildings": (dwellings in it, kind).
        #[derive(Clone, Copy)]
        enum B {
            House(&'static str),
            Conversion,
            Block(u8),
        }
        let mut buildings: Vec<B> = vec![];
        let mut left = want;
        let mut run = 0u32;
        let mut run_len = rng.range_i(6, 12) as u32;
        while left > 0 {
            let b = match street.character {
                Character::Victorian | Character::Edwardian | Character::MainRoad => {
                    if rng.chance(0.09) && left >= 2 {
                        B::Conversion
                    } else {
                        run += 1;
                        if run >= run_len {
                            run = 0;
                            run_len = rng.range_i(6, 12) as u32;
                        }
                        B::House(if run == 0 || run == 1 {
                            "End-Terrace"
                        } else if rng.chance(0.04) {
                            "Enclosed Mid-Terrace"
                        } else {
                            "Mid-Terrace"
                        })
                    }
                }
                Character::InterWar => {
                    let r = rng.f64();
                    B::House(if r < 0.06 {
                        "Detached"
                    } else if r < 0.2 {
                        "End-Terrace"
                    } else {
                        "Semi-Detached"
                    })
                }
                Character::CouncilFlats => {
                    if rng.chance(0.75) {
                        B::Block(rng.range_i(12, 24) as u8)
                    } else {
                        B::House(if rng.chance(0.5) {
                            "End-Terrace"
                        } else {
                            "Mid-Terrace"
                        })
                    }
                }
                Character::Modern | Character::Industrial => {
                    let r = rng.f64();
                    if r < 0.2 {
                        B::Block(rng.range_i(6, 12) as u8)
                    } else {
                        const FORMS: [&str; 5] = [
                            "Semi-Detached",
                            "Semi-Detached",
                            "Mid-Terrace",
                            "End-Terrace",
                            "Detached",
                        ];
                        B::House(FORMS[rng.below(5) as usize])
                    }
                }
            };
            let k = match b {
                B::House(_) => 1,
                B::Conversion => 2,
                B::Block(k) => k as usize,
            };
            let k = k.min(left);
            left -= k;
            buildings.push(match b {
                B::Block(_) => B::Block(k as u8),
                B::Conversion if k < 2 => B::House("Mid-Terrace"),
                other => other,
            });
        }
        let per_side = buildings.len().div_ceil(2) as f64;
        let step = len / (per_side + 1.0);
        for (i, b) in buildings.iter().enumerate() {
            let side = i % 2;
            let t = step * ((i / 2) as f64 + 1.0) + rng.range_f(-0.15, 0.15) * step;
            let (p, (dx, dy)) = street.at(t);
            let sg = if side == 0 { 1.0 } else { -1.0 };
            let off = rng.range_f(7.0, 11.0) + if matches!(b, B::Block(_)) { 12.0 } else { 0.0 };
            let p = Pt::new(p.x - dy * off * sg, p.y + dx * off * sg);
            let num = side_num[side];
            side_num[side] += 2;
            match *b {
                B::House(form) => {
                    self.add_dwelling(
                        p,
                        si,
                        "House",
                        form,
                        String::new(),
                        num.to_string(),
                        0,
                        2,
                        street.character,
                        rng,
                    );
                    placed += 1;
                }
                B::Conversion => {
                    for f in 1..=2u8 {
                        self.add_dwelling(
                            p,
                            si,
                            "Flat",
                            "Mid-Terrace",
                            format!("Flat {f}"),
                            num.to_string(),
                            f - 1,
                            2,
                            street.character,
                            rng,
                        );
                        placed += 1;
                    }
                }
                B::Block(k) => {
                    let block = format!("{} {}", rng.pick(PREFIXES), rng.pick(BLOCK_NAMES));
                    let storeys = rng.range_i(3, 4) as u8;
                    let per_floor = (k as u32).div_ceil(storeys as u32).max(1);
                    self.push_loc(
                        p,
                        si,
                        Kind::ParentShell,
                        String::new(),
                        format!("{num} {block}"),
                        block.clone(),
                    );
                    let maisonettes =
                        street.character == Character::CouncilFlats && rng.chance(0.3);
                    for f in 0..k {
                        let floor = (f as u32 / per_floor) as u8;
                        let pt = if maisonettes { "Maisonette" } else { "Flat" };
                        self.add_dwelling(
                            p,
                            si,
                            pt,
                            "",
                            format!("Flat {}", f + 1),
                            format!("{num} {block}"),
                            floor,
                            storeys,
                            street.character,
                            rng,
                        );
                        placed += 1;
                    }
                }
            }
        }
        placed
    }

    #[allow(clippy::too_many_arguments)]
    fn add_dwelling(
        &mut self,
        p: Pt,
        si: usize,
        ptype: &'static str,
        form: &'static str,
        sao: String,
        pao: String,
        floor: u8,
        storeys: u8,
        ch: Character,
        rng: &mut Rng,
    ) {
        let year: u16 = match ch {
            Character::Victorian => rng.range_i(1860, 1899) as u16,
            Character::Edwardian | Character::MainRoad => rng.range_i(1900, 1929) as u16,
            Character::InterWar => rng.range_i(1930, 1949) as u16,
            Character::CouncilFlats => rng.range_i(1952, 1975) as u16,
            _ => rng.range_i(1976, 2022) as u16,
        };
        let flat = ptype != "House";
        let form = if flat && form.is_empty() {
            *rng.pick(&[
                "Mid-Terrace",
                "End-Terrace",
                "Enclosed Mid-Terrace",
                "Semi-Detached",
            ])
        } else {
            form
        };
        let council = match ch {
            Character::CouncilFlats => rng.chance(0.9),
            Character::Modern => rng.chance(0.1),
            Character::InterWar => rng.chance(0.12),
            _ => rng.chance(0.05),
        };
        let tenure = if council || rng.chance(0.06) {
            Tenure::Social
        } else if rng.chance(if flat { 0.55 } else { 0.33 }) {
            Tenure::PrivateRent
        } else {
            Tenure::Owner
        };
        let fuel = if ch == Character::CouncilFlats && flat && rng.chance(0.25) {
            Fuel::Community
        } else if rng.chance(if flat { 0.22 } else { 0.07 }) {
            Fuel::Electric
        } else if rng.chance(0.015) {
            Fuel::Other
        } else {
            Fuel::Gas
        };
        let solid = year < 1930;
        let wall_insulated = if solid {
            rng.chance(0.06)
        } else {
            year >= 1976 || rng.chance(0.45)
        };
        let loft_mm = if flat && floor + 1 < storeys {
            0
        } else {
            *rng.pick(&[0u16, 50, 100, 100, 150, 200, 270, 270])
        };
        let area = match (ptype, form) {
            ("House", "Detached") => rng.range_f(95.0, 140.0),
            ("House", "Semi-Detached") => rng.range_f(75.0, 100.0),
            ("House", _) => rng.range_f(62.0, 92.0),
            _ => rng.range_f(38.0, 72.0),
        };
        let rooms = (area / 17.0).round().clamp(1.0, 8.0) as u8;
        let mut sap = match year {
            ..1900 => 47.0,
            1900..1930 => 50.0,
            1930..1950 => 54.0,
            1950..1976 => 58.0,
            1976..2003 => 66.0,
            2003..2012 => 76.0,
            _ => 82.0,
        };
        sap += match form {
            "Mid-Terrace" | "Enclosed Mid-Terrace" => 3.0,
            "End-Terrace" => 0.0,
            "Semi-Detached" => -1.0,
            _ => -5.0,
        };
        if flat {
            sap += 4.0;
        }
        sap += match fuel {
            Fuel::Gas => 0.0,
            Fuel::Electric => -15.0,
            Fuel::Community => -2.0,
            Fuel::Other => -12.0,
        };
        if wall_insulated {
            sap += 4.0;
        }
        if loft_mm == 0 && !(flat && floor + 1 < storeys) {
            sap -= 4.0;
        }
        sap += rng.normal(0.0, 6.5);
        let archetype = match (ch, ptype) {
            (Character::Victorian, "House") => "Pre-1919 solid-wall terrace",
            (Character::Edwardian | Character::MainRoad, "House") => "Pre-1919 solid-wall terrace",
            (Character::InterWar, "House") => "Inter-war cavity semi",
            (Character::CouncilFlats, "House") => "Post-war system-built house",
            (Character::CouncilFlats, _) => "Post-war low-rise council flats",
            (_, "House") => "Post-1976 house",
            _ => "Converted or purpose-built flat",
        };
        let di = self.dwellings.len();
        let loc = self.push_loc(p, si, Kind::Dwelling(di), sao, pao, String::new());
        self.dwellings.push(Dwelling {
            location: loc,
            property_type: ptype,
            built_form: form,
            year_built: year,
            floor_area: (area * 10.0).round() / 10.0,
            rooms,
            floor_level: floor,
            storeys,
            fuel,
            tenure,
            council,
            solid_wall: solid,
            wall_insulated,
            loft_mm,
            base_sap: sap.clamp(1.0, 95.0),
            brn: 1_000_000_000 + rng.below(8_999_999_999),
            archetype,
        });
    }

    fn make_network(&mut self, rng: &mut Rng) {
        // Secondaries: one per cell holding about 90 premises.
        let ext = self.extent;
        let area = (ext.x1 - ext.x0) * (ext.y1 - ext.y0);
        let premises: Vec<usize> = (0..self.locations.len())
            .filter(|&i| {
                matches!(
                    self.locations[i].kind,
                    Kind::Dwelling(_) | Kind::NonDomestic { .. }
                )
            })
            .collect();
        let cell = (area * 90.0 / premises.len().max(1) as f64).sqrt();
        let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
        for &i in &premises {
            let p = self.locations[i].p;
            cells
                .entry((
                    ((p.x - ext.x0) / cell) as i64,
                    ((p.y - ext.y0) / cell) as i64,
                ))
                .or_default()
                .push(i);
        }
        let mut secs: Vec<Secondary> = vec![];
        for ((cx, cy), members) in &cells {
            let si = secs.len();
            let (mut dw, mut nd) = (0u32, 0u32);
            for &m in members {
                self.locations[m].secondary = Some(si);
                match self.locations[m].kind {
                    Kind::Dwelling(_) => dw += 1,
                    _ => nd += 1,
                }
            }
            let mx =
                members.iter().map(|&m| self.locations[m].p.x).sum::<f64>() / members.len() as f64;
            let my =
                members.iter().map(|&m| self.locations[m].p.y).sum::<f64>() / members.len() as f64;
            let peak =
                f64::from(dw) * rng.range_f(1.1, 1.6) + f64::from(nd) * rng.range_f(6.0, 14.0);
            // Ratings: most have headroom; about one in six is tight or over.
            let need = peak / 0.95;
            let ratings = [200u32, 315, 500, 800, 1000, 1500];
            let mut rating = *ratings
                .iter()
                .find(|&&r| f64::from(r) >= need * rng.range_f(1.0, 1.6))
                .unwrap_or(&1500);
            if rng.chance(0.16) {
                rating = *ratings
                    .iter()
                    .rev()
                    .find(|&&r| f64::from(r) < need)
                    .unwrap_or(&200);
            }
            secs.push(Secondary {
                name: format!("SYN-SS {:03}{:03} {}", cx, cy, rng.pick(PREFIXES)),
                p: Pt::new(mx + rng.range_f(-15.0, 15.0), my + rng.range_f(-15.0, 15.0)),
                uprn: 0,
                rating_kva: rating,
                peak_kw: (peak * 10.0).round() / 10.0,
                dwellings: dw,
                non_domestic: nd,
                primary: 0,
                feeder: 0,
            });
        }
        // Each secondary site is an addressable location too.
        for (i, s) in secs.iter().enumerate() {
            let si = self
                .streets
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.distance_to(s.p).total_cmp(&b.1.distance_to(s.p)))
                .map(|(i, _)| i)
                .unwrap_or(0);
            let name = s.name.clone();
            self.push_loc(
                s.p,
                si,
                Kind::Substation(i),
                String::new(),
                format!("Electricity Substation {name}"),
                name,
            );
        }
        // Primaries: the Tyseley one by the canal, more on a grid beyond.
        let n_p = secs.len().div_ceil(40).max(1);
        let mut prims = vec![Primary {
            name: "SYN Tyseley Primary 33/11kV".into(),
            p: Pt::new(410_560.0, 284_760.0),
            rating_mva: 30.0,
        }];
        let g = (n_p as f64).sqrt().ceil() as usize;
        let (w, h) = ((ext.x1 - ext.x0) / g as f64, (ext.y1 - ext.y0) / g as f64);
        'outer: for gy in 0..g {
            for gx in 0..g {
                if prims.len() >= n_p {
                    break 'outer;
                }
                let p = Pt::new(
                    ext.x0 + (gx as f64 + 0.5) * w,
                    ext.y0 + (gy as f64 + 0.5) * h,
                );
                if p.dist(prims[0].p) < w * 0.7 {
                    continue;
                }
                prims.push(Primary {
                    name: format!("SYN {} Primary 33/11kV", rng.pick(PREFIXES)),
                    p,
                    rating_mva: *rng.pick(&[24.0, 30.0, 40.0]),
                });
            }
        }
        for s in secs.iter_mut() {
            s.primary = (0..prims.len())
                .min_by(|&a, &b| prims[a].p.dist(s.p).total_cmp(&prims[b].p.dist(s.p)))
                .unwrap_or(0);
        }
        let mut feeders = vec![];
        let mut open = vec![];
        for (pi, pr) in prims.iter().enumerate() {
            let mut mine: Vec<usize> = (0..secs.len()).filter(|&s| secs[s].primary == pi).collect();
            if mine.is_empty() {
                continue;
            }
            mine.sort_by(|&a, &b| {
                let ang = |s: usize| (secs[s].p.y - pr.p.y).atan2(secs[s].p.x - pr.p.x);
                ang(a).total_cmp(&ang(b))
            });
            let nf = mine.len().div_ceil(5).clamp(1, 10);
            let per = mine.len().div_ceil(nf);
            let first_feeder = feeders.len();
            for (k, chunk) in mine.chunks(per).enumerate() {
                let mut chain = chunk.to_vec();
                chain.sort_by(|&a, &b| secs[a].p.dist(pr.p).total_cmp(&secs[b].p.dist(pr.p)));
                let fi = feeders.len();
                for &s in &chain {
                    secs[s].feeder = fi;
                }
                feeders.push(Feeder {
                    name: format!("{} F{}", pr.name.trim_end_matches(" 33/11kV"), k + 1),
                    primary: pi,
                    chain,
                });
            }
            // Ring pairs of feeders with a normally-open point at their far ends.
            let mut k = first_feeder;
            while k + 1 < feeders.len() {
                let (a, b) = (&feeders[k].chain, &feeders[k + 1].chain);
                open.push((*a.last().unwrap_or(&a[0]), *b.last().unwrap_or(&b[0])));
                k += 2;
            }
        }
        self.network = Network {
            primaries: prims,
            secondaries: secs,
            feeders,
            open_points: open,
        };
    }

    fn assign_postcodes(&mut self, rng: &mut Rng) {
        const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
        // Delivery points grouped by street and side, in order along the street.
        let mut by_street: BTreeMap<(usize, bool), Vec<(f64, usize)>> = BTreeMap::new();
        for (i, l) in self.locations.iter().enumerate() {
            if !matches!(l.kind, Kind::Dwelling(_) | Kind::NonDomestic { .. }) {
                continue;
            }
            let s = &self.streets[l.street];
            // Position along and side of the street.
            let (a, b) = (s.points[0], s.points[s.points.len() - 1]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let along = (l.p.x - a.x) * dx + (l.p.y - a.y) * dy;
            let side = (l.p.y - a.y) * dx - (l.p.x - a.x) * dy > 0.0;
            by_street
                .entry((l.street, side))
                .or_default()
                .push((along, i));
        }
        let mut used: BTreeMap<String, u32> = BTreeMap::new(); // sector -> next unit index
        let mut digits_used: BTreeMap<&'static str, Vec<u8>> = BTreeMap::new();
        let mut cell_sector: BTreeMap<(i64, i64, &'static str), String> = BTreeMap::new();
        let mut spare = 0usize;
        // The ERF keeps its real postcode.
        let mut fixed: BTreeMap<usize, &'static str> = BTreeMap::new();
        for (i, l) in self.locations.iter().enumerate() {
            if let Kind::NonDomestic { landmark: Some(k) } = l.kind
                && let Some(lm) = geo::LANDMARKS.iter().find(|m| m.key == k)
                && let Some(pc) = lm.postcode
            {
                fixed.insert(i, pc);
            }
        }
        for pc in fixed.values() {
            let p = self.postcodes.len();
            self.postcodes.push(Postcode {
                code: (*pc).into(),
                p: Pt::new(0.0, 0.0),
                count: 0,
                street: 0,
            });
            for (&i, c) in &fixed {
                if c == pc {
                    self.locations[i].postcode = Some(p);
                }
            }
        }
        let reserved: Vec<String> = fixed.values().map(|s| s.to_string()).collect();
        for (_, mut pts) in by_street {
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut i = 0;
            while i < pts.len() {
                let mut size = rng.range_i(10, 25) as usize;
                // Never split a block (same position) across postcodes.
                while i + size < pts.len()
                    && self.locations[pts[i + size].1].p == self.locations[pts[i + size - 1].1].p
                {
                    size += 1;
                }
                let group: Vec<usize> = pts[i..(i + size).min(pts.len())]
                    .iter()
                    .map(|x| x.1)
                    .filter(|x| self.locations[*x].postcode.is_none())
                    .collect();
                i += size;
                if group.is_empty() {
                    continue;
                }
                let p0 = self.locations[group[0]].p;
                let (district, prefs) = geo::sector_hint(p0);
                let key = (
                    (p0.x / 1000.0).floor() as i64,
                    (p0.y / 1000.0).floor() as i64,
                    district,
                );
                let code = loop {
                    let sector = cell_sector
                        .entry(key)
                        .or_insert_with(|| {
                            let used_d = digits_used.entry(district).or_default();
                            let digit = prefs
                                .iter()
                                .copied()
                                .find(|d| !used_d.contains(d))
                                .or_else(|| (0..10).find(|d| !used_d.contains(d)));
                            match digit {
                                Some(d) => {
                                    used_d.push(d);
                                    format!("{district} {d}")
                                }
                                None => {
                                    spare += 1;
                                    format!(
                                        "{} {}",
                                        geo::SPARE_DISTRICTS
                                            [(spare / 10) % geo::SPARE_DISTRICTS.len()],
                                        spare % 10
                                    )
                                }
                            }
                        })
                        .clone();
                    let next = used.entry(sector.clone()).or_insert(0);
                    if *next as usize >= LETTERS.len() * LETTERS.len() {
                        // Full: give the cell a fresh sector.
                        cell_sector.remove(&key);
                        digits_used.entry(district).or_default();
                        let all: Vec<u8> = (0..10).collect();
                        let ud = digits_used.get_mut(district).map(|v| v.len()).unwrap_or(0);
                        if ud >= all.len() {
                            spare += 1;
                            cell_sector.insert(
                                key,
                                format!(
                                    "{} {}",
                                    geo::SPARE_DISTRICTS[(spare / 10) % geo::SPARE_DISTRICTS.len()],
                                    spare % 10
                                ),
                            );
                        }
                        continue;
                    }
                    let k = *next as usize;
                    *next += 1;
                    let c = format!(
                        "{}{}{}",
                        sector,
                        LETTERS[k / LETTERS.len()] as char,
                        LETTERS[k % LETTERS.len()] as char
                    );
                    if reserved.contains(&c) {
                        continue;
                    }
                    break c;
                };
                let pi = self.postcodes.len();
                self.postcodes.push(Postcode {
                    code,
                    p: p0,
                    count: 0,
                    street: self.locations[group[0]].street,
                });
                for g in group {
                    self.locations[g].postcode = Some(pi);
                }
            }
        }
        // Means and counts.
        let mut sums = vec![(0.0f64, 0.0f64, 0u32, usize::MAX); self.postcodes.len()];
        for l in &self.locations {
            if let Some(p) = l.postcode {
                sums[p].0 += l.p.x;
                sums[p].1 += l.p.y;
                sums[p].2 += 1;
                if sums[p].3 == usize::MAX {
                    sums[p].3 = l.street;
                }
            }
        }
        for (pc, s) in self.postcodes.iter_mut().zip(sums) {
            if s.2 > 0 {
                pc.p = Pt::new(
                    (s.0 / f64::from(s.2)).round(),
                    (s.1 / f64::from(s.2)).round(),
                );
                pc.count = s.2;
                pc.street = s.3;
            }
        }
    }

    fn assign_uprns(&mut self, rng: &mut Rng) {
        // Older stock in the 1000700… series, newer premises in 10023….
        let mut old = 100_070_000_000u64 + rng.below(400_000);
        let mut new = 10_023_000_000u64 + rng.below(400_000);
        for l in self.locations.iter_mut() {
            let newer = match l.kind {
                Kind::Dwelling(d) => self.dwellings[d].year_built >= 1995,
                Kind::Other | Kind::Substation(_) => true,
                _ => false,
            };
            if newer {
                new += 1 + rng.below(6);
                l.uprn = new;
            } else {
                old += 1 + rng.below(6);
                l.uprn = old;
            }
            if let Kind::Substation(s) = l.kind {
                self.network.secondaries[s].uprn = l.uprn;
            }
        }
    }

    /// The full single-line address of a location: `Flat 2, 14 Alder Road`.
    pub fn address_line(&self, l: &Location) -> String {
        let street = &self.streets[l.street].name;
        let mut parts = vec![];
        if !l.name.is_empty() && !matches!(l.kind, Kind::ParentShell) {
            parts.push(l.name.clone());
        }
        if !l.sao.is_empty() {
            parts.push(l.sao.clone());
        }
        if l.pao.is_empty() {
            parts.push(street.clone());
        } else if l.pao.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            parts.push(format!("{} {street}", l.pao));
        } else {
            parts.push(l.pao.clone());
            parts.push(street.clone());
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teed_model_is_consistent() {
        let d = District::build(5_000, 1);
        assert!(
            d.locations.len() >= 4_900 && d.locations.len() <= 5_100,
            "{}",
            d.locations.len()
        );
        let mut u: Vec<u64> = d.locations.iter().map(|l| l.uprn).collect();
        u.sort();
        u.dedup();
        assert_eq!(u.len(), d.locations.len(), "UPRNs unique");
        assert!(
            (2_900..3_300).contains(&d.dwellings.len()),
            "{}",
            d.dwellings.len()
        );
        for l in &d.locations {
            assert!(d.extent.grow(40.0).contains(l.p));
        }
        let erf = d
            .locations
            .iter()
            .find(|l| l.name.contains("Energy Recovery"))
            .expect("ERF");
        assert_eq!(d.postcodes[erf.postcode.expect("pc")].code, "B11 2BA");
        let mut codes: Vec<&str> = d.postcodes.iter().map(|p| p.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), d.postcodes.len(), "postcodes unique");
        assert!(
            d.streets.iter().any(|s| s.number == "A45")
                && d.streets.iter().any(|s| s.number == "B4146")
        );
        assert!(
            (25..60).contains(&d.network.secondaries.len()),
            "{}",
            d.network.secondaries.len()
        );
        assert_eq!(d.network.primaries.len(), 1);
        assert!((6..=10).contains(&d.network.feeders.len()));
    }
}
