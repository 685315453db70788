//! Civic and operational files: development sites (brownfield-register
//! style), planning applications, investment opportunities, proposals with
//! consultations, feedback and pseudonymous votes, planned street works,
//! planned electricity outages and EV charge points.
//!
//! The source note gives no published layout for these, so each file uses a
//! documented CSV layout (column names after the nearest public dataset,
//! best-knowledge), described in the README written beside the output.

use std::collections::BTreeMap;

use crate::SynthError;
use crate::geo::{self, Pt};
use crate::model::{District, Kind};
use crate::out::Out;
use crate::prng::Rng;

/// Brownfield land register columns (DLUHC data standard, best-knowledge).
pub const SITES_HEADER: [&str; 20] = [
    "OrganisationURI",
    "OrganisationLabel",
    "SiteReference",
    "SiteNameAddress",
    "SiteplanURL",
    "CoordinateReferenceSystem",
    "GeoX",
    "GeoY",
    "Hectares",
    "OwnershipStatus",
    "Deliverable",
    "PlanningStatus",
    "PermissionType",
    "PermissionDate",
    "PlanningHistory",
    "MinNetDwellings",
    "DevelopmentDescription",
    "Notes",
    "FirstAddedDate",
    "LastUpdatedDate",
];

/// Planning applications (a documented layout).
pub const PLANNING_HEADER: [&str; 16] = [
    "reference",
    "application_type",
    "proposal",
    "site_reference",
    "uprn",
    "site_address",
    "postcode",
    "ward_code",
    "easting",
    "northing",
    "received_date",
    "valid_date",
    "decision",
    "decision_date",
    "status",
    "applicant_type",
];

/// Investment opportunities on sites (a documented layout).
pub const INVESTMENT_HEADER: [&str; 12] = [
    "opportunity_id",
    "site_reference",
    "title",
    "sector",
    "opportunity_type",
    "hectares",
    "investment_gbp",
    "jobs_estimate",
    "status",
    "published_date",
    "planning_reference",
    "contact",
];

/// Proposals.
pub const PROPOSAL_HEADER: [&str; 9] = [
    "proposal_id",
    "title",
    "description",
    "category",
    "site_reference",
    "usrn",
    "street_name",
    "proposed_by",
    "created_date",
];
/// Consultations on proposals.
pub const CONSULTATION_HEADER: [&str; 8] = [
    "consultation_id",
    "proposal_id",
    "title",
    "channel",
    "opens",
    "closes",
    "status",
    "responses",
];
/// Free-text feedback (pseudonymous participants).
pub const FEEDBACK_HEADER: [&str; 8] = [
    "feedback_id",
    "consultation_id",
    "participant",
    "postcode_sector",
    "submitted",
    "stance",
    "theme",
    "comment",
];
/// Votes on proposals (pseudonymous participants).
pub const VOTE_HEADER: [&str; 6] = [
    "vote_id",
    "proposal_id",
    "consultation_id",
    "participant",
    "vote",
    "cast_at",
];
/// Planned road and utility works (Street Manager style, best-knowledge).
pub const WORKS_HEADER: [&str; 15] = [
    "work_reference_number",
    "promoter_organisation",
    "promoter_type",
    "highway_authority",
    "work_category",
    "activity_type",
    "traffic_management_type",
    "street_name",
    "usrn",
    "easting",
    "northing",
    "proposed_start_date",
    "proposed_end_date",
    "work_status",
    "description",
];
/// Planned electricity outages.
pub const OUTAGE_HEADER: [&str; 14] = [
    "outage_reference",
    "substation_id",
    "substation_name",
    "primary_substation",
    "feeder",
    "street_name",
    "usrn",
    "planned_start",
    "planned_end",
    "affected_uprns",
    "affected_customers",
    "reason",
    "status",
    "work_reference_number",
];
/// National Chargepoint Registry export columns (a subset, best-knowledge).
pub const EV_HEADER: [&str; 40] = [
    "chargeDeviceID",
    "reference",
    "name",
    "latitude",
    "longitude",
    "buildingName",
    "buildingNumber",
    "thoroughfare",
    "street",
    "town",
    "county",
    "postcode",
    "countryCode",
    "deviceOwnerName",
    "deviceNetworks",
    "dateCreated",
    "dateUpdated",
    "chargeDeviceStatus",
    "paymentRequired",
    "subscriptionRequired",
    "onStreetFlag",
    "locationType",
    "access24Hours",
    "connector1ID",
    "connector1Type",
    "connector1RatedOutputKW",
    "connector1OutputCurrent",
    "connector1RatedVoltage",
    "connector1ChargeMethod",
    "connector1ChargeMode",
    "connector1TetheredCable",
    "connector1Status",
    "connector2ID",
    "connector2Type",
    "connector2RatedOutputKW",
    "connector2OutputCurrent",
    "connector2RatedVoltage",
    "connector2ChargeMethod",
    "connector2ChargeMode",
    "connector2Status",
];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// ISO 8601 (year, week) of a day number.
pub fn iso_week(z: i64) -> (i64, i64) {
    let wd = (z + 3).rem_euclid(7); // Monday = 0
    let thursday = z - wd + 3;
    let (y, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
    (y, week)
}

fn date(z: i64) -> String {
    let (y, m, d) = civil_from_days(z);
    format!("{y:04}-{m:02}-{d:02}")
}

fn datetime(z: i64, minutes: i64) -> String {
    format!("{}T{:02}:{:02}:00", date(z), minutes / 60, minutes % 60)
}

fn hex(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    while s.len() < n {
        s.push_str(&format!("{:016x}", rng.next_u64()));
    }
    s.truncate(n);
    s
}

fn row(f: &mut crate::out::FileW, v: Vec<String>) -> Result<(), SynthError> {
    f.row(&v)
}

struct Site {
    reference: String,
    loc: usize,
    name: String,
    hectares: f64,
    status: &'static str,
    permission: Option<(String, String)>,
}

/// Write the civic files; `subs` are the CGMES substations (mRID, name,
/// position) with the secondaries first, in network order.
pub fn write(
    d: &District,
    subs: &[(String, String, Pt)],
    rng: &mut Rng,
    out: &mut Out,
) -> Result<(), SynthError> {
    let n = d.locations.len();
    let day0 = days_from_civil(2025, 1, 6);
    // --- Sites: landmark and industrial non-domestic premises.
    let mut srng = rng.fork("sites");
    let mut cand: Vec<usize> = d
        .locations
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            matches!(l.kind, Kind::NonDomestic { landmark: None } | Kind::Other)
                && d.streets[l.street].character == crate::model::Character::Industrial
        })
        .map(|(i, _)| i)
        .collect();
    let tep = d.locations.iter().position(|l| {
        matches!(
            l.kind,
            Kind::NonDomestic {
                landmark: Some("tep")
            }
        )
    });
    cand.extend(tep);
    let n_sites = (n / 250).clamp(8, 2_000);
    let mut picked: Vec<usize> = cand
        .iter()
        .copied()
        .filter(|&i| {
            matches!(
                d.locations[i].kind,
                Kind::NonDomestic {
                    landmark: Some("tep")
                }
            )
        })
        .collect();
    let target = n_sites.min(cand.len());
    while picked.len() < target && !cand.is_empty() {
        let k = srng.below(cand.len() as u64) as usize;
        let i = cand.swap_remove(k);
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.sort_by_key(|&i| d.locations[i].uprn);
    let mut sites: Vec<Site> = vec![];
    for (k, &li) in picked.iter().enumerate() {
        let status = *srng.pick(&[
            "not permissioned",
            "not permissioned",
            "permissioned",
            "pending decision",
        ]);
        sites.push(Site {
            reference: format!("BCC-SYN-BLR-{:04}", k + 1),
            loc: li,
            name: d.address_line(&d.locations[li]),
            hectares: (srng.range_f(0.15, 4.5) * 100.0).round() / 100.0,
            status,
            permission: None,
        });
    }
    // --- Planning applications.
    let mut prng = rng.fork("planning");
    let mut apps: Vec<Vec<String>> = vec![];
    let mut seq = BTreeMap::<i64, u32>::new();
    let mut app_ref = |y: i64, r: &mut Rng| {
        let s = seq.entry(y).or_insert_with(|| 100 + r.below(400) as u32);
        *s += 1 + r.below(30) as u32;
        format!("{y}/{:05}/PA", s)
    };
    const SITE_TYPES: &[(&str, &str)] = &[
        (
            "Full Planning",
            "Erection of a general industrial (Use Class B2) unit with ancillary offices and parking",
        ),
        (
            "Full Planning",
            "Installation of roof-mounted solar photovoltaic panels and battery storage",
        ),
        (
            "Prior Approval",
            "Demolition of existing industrial buildings",
        ),
        (
            "Change of Use",
            "Change of use from storage and distribution (B8) to vehicle repairs (B2)",
        ),
        (
            "Outline",
            "Outline application for a low-carbon energy centre with access from the public highway",
        ),
        (
            "Advertisement Consent",
            "Display of illuminated fascia signage",
        ),
    ];
    const HOUSE_TYPES: &[(&str, &str)] = &[
        ("Householder", "Erection of single storey rear extension"),
        (
            "Householder",
            "Installation of external wall insulation and render",
        ),
        ("Householder", "Installation of an air source heat pump"),
        (
            "Householder",
            "Erection of a dormer window to rear roof slope",
        ),
        (
            "Lawful Development Certificate",
            "Loft conversion with rear dormer",
        ),
    ];
    let decide = |r: &mut Rng, recv: i64| -> (String, String, String) {
        let today = days_from_civil(2025, 6, 30);
        let dd = recv + r.range_i(40, 130);
        if dd > today {
            return ("".into(), "".into(), "Pending Consideration".into());
        }
        let dec = *r.pick(&[
            "Approve - Conditions",
            "Approve - Conditions",
            "Approve - Conditions",
            "Approve",
            "Refuse",
            "Withdrawn",
        ]);
        (dec.into(), date(dd), "Decided".into())
    };
    for s in sites.iter_mut() {
        let l = &d.locations[s.loc];
        for _ in 0..prng.range_i(1, 3) {
            let recv = days_from_civil(2019, 1, 1) + prng.range_i(0, 6 * 365 + 150);
            let (ty, what) = *prng.pick(SITE_TYPES);
            let (y, _, _) = civil_from_days(recv);
            let reference = app_ref(y, &mut prng);
            let (dec, dd, status) = decide(&mut prng, recv);
            if dec.starts_with("Approve") {
                s.permission = Some((reference.clone(), dd.clone()));
            }
            apps.push(app_row(
                d,
                l,
                &reference,
                ty,
                what,
                &s.reference,
                recv,
                &dec,
                &dd,
                &status,
                "Company",
                &mut prng,
            ));
        }
    }
    let dwell: Vec<usize> = (0..n)
        .filter(|&i| matches!(d.locations[i].kind, Kind::Dwelling(_)))
        .collect();
    for _ in 0..(n / 100).max(10) {
        let l = &d.locations[*prng.pick(&dwell)];
        let recv = days_from_civil(2019, 1, 1) + prng.range_i(0, 6 * 365 + 150);
        let (ty, what) = *prng.pick(HOUSE_TYPES);
        let (y, _, _) = civil_from_days(recv);
        let reference = app_ref(y, &mut prng);
        let (dec, dd, status) = decide(&mut prng, recv);
        apps.push(app_row(
            d,
            l,
            &reference,
            ty,
            what,
            "",
            recv,
            &dec,
            &dd,
            &status,
            "Individual",
            &mut prng,
        ));
    }
    // Reference numbers run in order of receipt within each year.
    // Per year: the references given out, and (received date, reference).
    type YearRefs = (Vec<String>, Vec<(String, String)>);
    let mut by_year: BTreeMap<String, YearRefs> = BTreeMap::new();
    for a in &apps {
        let e = by_year.entry(a[0][..4].to_string()).or_default();
        e.0.push(a[0].clone());
        e.1.push((a[10].clone(), a[0].clone()));
    }
    let mut renumber: BTreeMap<String, String> = BTreeMap::new();
    for (_, (mut refs, mut recv)) in by_year {
        refs.sort();
        recv.sort();
        for (new_ref, (_, old_ref)) in refs.into_iter().zip(recv) {
            renumber.insert(old_ref, new_ref);
        }
    }
    for a in apps.iter_mut() {
        a[0] = renumber[&a[0]].clone();
    }
    for s in sites.iter_mut() {
        if let Some(p) = s.permission.as_mut() {
            p.0 = renumber[&p.0].clone();
        }
    }
    apps.sort_by(|a, b| a[0].cmp(&b[0]));
    out.file("planning/brownfield_land_register.csv", false, |f| {
        f.header(&SITES_HEADER)?;
        for s in &sites {
            let l = &d.locations[s.loc];
            let (perm_ty, perm_date, status) = match &s.permission {
                Some((_, dt)) => ("full planning permission", dt.clone(), "permissioned"),
                None => ("", String::new(), if s.status == "permissioned" { "not permissioned" } else { s.status }),
            };
            let history = s.permission.as_ref().map(|p| format!("https://synthetic.invalid/planning/{}", p.0)).unwrap_or_default();
            row(f, vec![
                "http://opendatacommunities.org/id/metropolitan-district-council/birmingham".into(),
                "Birmingham City Council".into(),
                s.reference.clone(),
                s.name.clone(),
                String::new(),
                "OSGB36".into(),
                format!("{:.0}", l.p.x),
                format!("{:.0}", l.p.y),
                format!("{:.2}", s.hectares),
                (*srng.pick(&["owned by a public authority", "not owned by a public authority", "not owned by a public authority", "mixed ownership"])).into(),
                (if srng.chance(0.6) { "yes" } else { "" }).into(),
                status.into(),
                perm_ty.into(),
                perm_date,
                history,
                "0".into(),
                "Employment-led redevelopment within the Tyseley Environmental Enterprise District".into(),
                "SYNTHETIC record".into(),
                "2017-12-31".into(),
                date(days_from_civil(2023, 1, 1) + srng.range_i(0, 700)),
            ])?;
        }
        Ok(())
    })?;
    out.file("planning/planning_applications.csv", false, |f| {
        f.header(&PLANNING_HEADER)?;
        for a in &apps {
            f.row(a)?;
        }
        Ok(())
    })?;
    // --- Investment opportunities on about half the sites.
    let mut irng = rng.fork("invest");
    out.file("planning/investment_opportunities.csv", false, |f| {
        f.header(&INVESTMENT_HEADER)?;
        let mut k = 0;
        for s in &sites {
            let landmark = matches!(
                d.locations[s.loc].kind,
                Kind::NonDomestic { landmark: Some(_) }
            );
            if !landmark && !irng.chance(0.5) {
                continue;
            }
            k += 1;
            let (sector, ty, title) = *irng.pick(&[
                (
                    "Energy",
                    "Joint venture",
                    "Low-carbon energy centre and heat network",
                ),
                (
                    "Energy",
                    "Development site",
                    "Hydrogen and EV refuelling hub expansion",
                ),
                (
                    "Advanced manufacturing",
                    "Development site",
                    "Industrial units for clean-tech manufacturing",
                ),
                (
                    "Circular economy",
                    "Development site",
                    "Materials recovery and remanufacturing facility",
                ),
                (
                    "Logistics",
                    "Land disposal",
                    "Zero-emission last-mile logistics depot",
                ),
                (
                    "Energy",
                    "Private wire",
                    "Solar canopy and battery storage on a brownfield plot",
                ),
            ]);
            let per_ha = irng.range_f(1.2, 6.0);
            row(
                f,
                vec![
                    format!("SYN-INV-{k:04}"),
                    s.reference.clone(),
                    format!("{title} ({})", s.name),
                    sector.into(),
                    ty.into(),
                    format!("{:.2}", s.hectares),
                    format!("{:.0}", (s.hectares * per_ha * 1e6 / 1e4).round() * 1e4),
                    format!("{:.0}", (s.hectares * irng.range_f(20.0, 90.0)).round()),
                    (*irng.pick(&["Open", "Open", "Under offer", "Closed"])).into(),
                    date(days_from_civil(2022, 1, 1) + irng.range_i(0, 1200)),
                    s.permission
                        .as_ref()
                        .map(|p| p.0.clone())
                        .unwrap_or_default(),
                    "invest@synthetic.invalid".into(),
                ],
            )?;
        }
        Ok(())
    })?;
    // --- Proposals, consultations, feedback, votes.
    write_engagement(d, &sites, &mut rng.fork("engage"), out)?;
    // --- Works and outages.
    write_works(d, subs, day0, &mut rng.fork("works"), out)?;
    // --- EV charge points.
    write_ev(d, &mut rng.fork("ev"), out)
}

#[allow(clippy::too_many_arguments)]
fn app_row(
    d: &District,
    l: &crate::model::Location,
    reference: &str,
    ty: &str,
    what: &str,
    site: &str,
    recv: i64,
    dec: &str,
    dd: &str,
    status: &str,
    applicant: &str,
    r: &mut Rng,
) -> Vec<String> {
    vec![
        reference.into(),
        ty.into(),
        what.into(),
        site.into(),
        l.uprn.to_string(),
        d.address_line(l),
        l.postcode
            .map(|p| d.postcodes[p].code.clone())
            .unwrap_or_default(),
        geo::ward_at(l.p).0,
        format!("{:.0}", l.p.x),
        format!("{:.0}", l.p.y),
        date(recv),
        date(recv + r.range_i(0, 14)),
        dec.into(),
        dd.into(),
        status.into(),
        applicant.into(),
    ]
}

fn write_engagement(
    d: &District,
    sites: &[Site],
    rng: &mut Rng,
    out: &mut Out,
) -> Result<(), SynthError> {
    let n = d.locations.len();
    let n_prop = (n / 600).clamp(6, 300);
    let people: Vec<(String, String)> = (0..(n / 8).max(200))
        .map(|_| {
            let l = &d.locations[rng.below(n as u64) as usize];
            let sector = l
                .postcode
                .map(|p| {
                    let c = &d.postcodes[p].code;
                    c[..c.len() - 2].to_string()
                })
                .unwrap_or_else(|| "B11 2".into());
            (format!("anon-{}", hex(rng, 12)), sector)
        })
        .collect();
    let mut props = vec![];
    let mut cons = vec![];
    let mut fb = vec![];
    let mut votes = vec![];
    const IDEAS: &[(&str, &str, &str)] = &[
        (
            "Transport",
            "Protected cycle lane on {s}",
            "Segregated cycle track linking homes to the Tyseley Energy Park",
        ),
        (
            "Energy",
            "Community solar on {s}",
            "Roof-top solar on council blocks with a community benefit fund",
        ),
        (
            "Environment",
            "Street trees and rain gardens on {s}",
            "Sustainable drainage and shade planting",
        ),
        (
            "Transport",
            "School street closure on {s}",
            "Timed closure to motor traffic at school run times",
        ),
        (
            "Energy",
            "Heat network extension along {s}",
            "Low-carbon heat from the energy recovery facility to homes",
        ),
        (
            "Regeneration",
            "Reuse of {site}",
            "A community maker space and training centre on a vacant site",
        ),
        (
            "Environment",
            "River Cole greenway improvements near {s}",
            "Path resurfacing, lighting and habitat works",
        ),
    ];
    for k in 0..n_prop {
        let (cat, title, desc) = *rng.pick(IDEAS);
        let st = &d.streets[rng.below(d.streets.len() as u64) as usize];
        let site = if title.contains("{site}") {
            Some(rng.pick(sites))
        } else {
            None
        };
        let pid = format!("SYN-PROP-{:04}", k + 1);
        let created = days_from_civil(2023, 1, 1) + rng.range_i(0, 800);
        props.push(vec![
            pid.clone(),
            title
                .replace("{s}", &st.name)
                .replace("{site}", &site.map(|s| s.name.clone()).unwrap_or_default()),
            desc.into(),
            cat.into(),
            site.map(|s| s.reference.clone()).unwrap_or_default(),
            if site.is_some() {
                String::new()
            } else {
                st.usrn.to_string()
            },
            if site.is_some() {
                String::new()
            } else {
                st.name.clone()
            },
            (*rng.pick(&[
                "Birmingham City Council",
                "Community group",
                "Resident",
                "Tyseley Energy Park",
            ]))
            .into(),
            date(created),
        ]);
        for c in 0..rng.range_i(1, 2) {
            let cid = format!("SYN-CONS-{:04}-{}", k + 1, c + 1);
            let opens = created + 14 + c * 120 + rng.range_i(0, 30);
            let closes = opens + *rng.pick(&[28, 42, 56]);
            let status = if closes < days_from_civil(2025, 6, 30) {
                "Closed"
            } else {
                "Open"
            };
            let nf = rng.range_i(8, 40) as usize;
            cons.push(vec![
                cid.clone(),
                pid.clone(),
                format!("Have your say (round {})", c + 1),
                (*rng.pick(&[
                    "Online survey",
                    "Drop-in event",
                    "Online survey and drop-in",
                ]))
                .into(),
                date(opens),
                date(closes),
                status.into(),
                nf.to_string(),
            ]);
            let support = rng.range_f(0.3, 0.85);
            for _ in 0..nf {
                let (who, sector) = rng.pick(&people).clone();
                let r = rng.f64();
                let stance = if r < support {
                    "Support"
                } else if r < support + 0.1 {
                    "Neutral"
                } else {
                    "Object"
                };
                let (theme, comment) = *rng.pick(&[
                    ("Parking", "Worried about losing parking outside my house"),
                    (
                        "Air quality",
                        "Anything that cuts traffic fumes near the school is welcome",
                    ),
                    ("Cost", "Who pays for the upkeep once it is built?"),
                    ("Safety", "Please add lighting, the street is dark at night"),
                    ("Jobs", "Good if local people get the jobs"),
                    ("Bills", "Will this lower our energy bills?"),
                    (
                        "Disruption",
                        "Please avoid doing the works in the school holidays, the road is busy",
                    ),
                ]);
                fb.push(vec![
                    String::new(),
                    cid.clone(),
                    who,
                    sector,
                    datetime(
                        opens + rng.range_i(0, closes - opens),
                        rng.range_i(7 * 60, 22 * 60),
                    ),
                    stance.into(),
                    theme.into(),
                    comment.into(),
                ]);
            }
            for _ in 0..rng.range_i(15, 120) {
                let (who, _) = rng.pick(&people).clone();
                let r = rng.f64();
                let v = if r < support {
                    "For"
                } else if r < support + 0.07 {
                    "Abstain"
                } else {
                    "Against"
                };
                votes.push(vec![
                    String::new(),
                    pid.clone(),
                    cid.clone(),
                    who,
                    v.into(),
                    datetime(
                        opens + rng.range_i(0, closes - opens),
                        rng.range_i(7 * 60, 23 * 60),
                    ),
                ]);
            }
        }
    }
    // One vote per participant per consultation (the last one counts).
    let mut seen = std::collections::BTreeSet::new();
    votes.retain(|v| seen.insert((v[2].clone(), v[3].clone())));
    for (i, f) in fb.iter_mut().enumerate() {
        f[0] = format!("SYN-FB-{:06}", i + 1);
    }
    for (i, v) in votes.iter_mut().enumerate() {
        v[0] = format!("SYN-VOTE-{:06}", i + 1);
    }
    for (name, header, rows) in [
        ("engagement/proposals.csv", &PROPOSAL_HEADER[..], &props),
        (
            "engagement/consultations.csv",
            &CONSULTATION_HEADER[..],
            &cons,
        ),
        ("engagement/feedback.csv", &FEEDBACK_HEADER[..], &fb),
        ("engagement/votes.csv", &VOTE_HEADER[..], &votes),
    ] {
        out.file(name, false, |f| {
            f.header(header)?;
            for r in rows {
                f.row(r)?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn write_works(
    d: &District,
    subs: &[(String, String, Pt)],
    day0: i64,
    rng: &mut Rng,
    out: &mut Out,
) -> Result<(), SynthError> {
    let n = d.locations.len();
    const PROMOTERS: &[(&str, &str, &str, &str)] = &[
        (
            "SYN Cadent Gas",
            "Utility",
            "Gas main replacement",
            "Replacement of low-pressure gas main",
        ),
        (
            "SYN South Staffs Water",
            "Utility",
            "Water main repair",
            "Repair of water main and service pipe",
        ),
        (
            "SYN Openreach",
            "Utility",
            "Telecoms",
            "New ducts and fibre cabinet",
        ),
        (
            "SYN Virgin Media",
            "Utility",
            "Telecoms",
            "Footway box installation",
        ),
        (
            "SYN Birmingham Highways",
            "Highway Authority",
            "Resurfacing",
            "Carriageway resurfacing",
        ),
        (
            "SYN Birmingham Highways",
            "Highway Authority",
            "Street lighting",
            "Column replacement",
        ),
    ];
    const DNO: &str = "SYN National Grid Electricity Distribution";
    let tm = [
        "Road closure",
        "Lane closure",
        "Two-way signals",
        "Multi-way signals",
        "Give and take",
        "No carriageway incursion",
    ];
    let mut works: Vec<(i64, Vec<String>)> = vec![];
    let mut wref = 0u32;
    let mut next_ref = |org: &str, r: &mut Rng| {
        wref += 1;
        let code: String = org
            .split(' ')
            .nth(1)
            .unwrap_or("X")
            .chars()
            .take(2)
            .collect();
        format!(
            "{}{:08}-{:02}",
            code.to_ascii_uppercase(),
            10_000_000 + wref * 37 + r.below(30) as u32,
            1
        )
    };
    let push = |works: &mut Vec<(i64, Vec<String>)>,
                r: &mut Rng,
                si: usize,
                p: Pt,
                start: i64,
                promoter: (&str, &str, &str, &str),
                wr: String| {
        let st = &d.streets[si];
        let cat = *r.pick(&["Minor", "Minor", "Standard", "Standard", "Major"]);
        let dur = match cat {
            "Minor" => r.range_i(1, 3),
            "Standard" => r.range_i(4, 10),
            _ => r.range_i(11, 40),
        };
        let status = if start + dur < days_from_civil(2025, 6, 30) {
            "Completed"
        } else if start <= days_from_civil(2025, 6, 30) {
            "In progress"
        } else {
            "Planned"
        };
        works.push((
            start,
            vec![
                wr,
                promoter.0.into(),
                promoter.1.into(),
                "Birmingham City Council".into(),
                cat.into(),
                promoter.2.into(),
                (*r.pick(&tm)).into(),
                st.name.clone(),
                st.usrn.to_string(),
                format!("{:.0}", p.x),
                format!("{:.0}", p.y),
                date(start),
                date(start + dur),
                status.into(),
                format!("{} on {}", promoter.3, st.name),
            ],
        ));
    };
    let n_works = (n / 70).max(40);
    for _ in 0..n_works {
        let si = rng.below(d.streets.len() as u64) as usize;
        let st = &d.streets[si];
        let (p, _) = st.at(rng.range_f(0.0, st.length()));
        let start = day0 + rng.range_i(0, 540);
        let pr = *rng.pick(PROMOTERS);
        let wr = next_ref(pr.0, rng);
        push(&mut works, rng, si, p, start, pr, wr);
        // About one in four is shadowed by another promoter's works on the
        // same street in the same ISO week: a clash.
        if rng.chance(0.25) {
            let (p2, _) = st.at(rng.range_f(0.0, st.length()));
            let monday = start - (start + 3).rem_euclid(7);
            let s2 = monday + rng.range_i(0, 4);
            let pr2 = *rng.pick(PROMOTERS);
            let wr = next_ref(pr2.0, rng);
            push(&mut works, rng, si, p2, s2, pr2, wr);
        }
    }
    // Planned outages at secondary substations, each with the DNO's works.
    let net = &d.network;
    let mut street_of = vec![0usize; net.secondaries.len()];
    let mut fed = vec![0u32; net.secondaries.len()];
    for l in &d.locations {
        if let Kind::Substation(s) = l.kind {
            street_of[s] = l.street;
        }
        if let Some(s) = l.secondary {
            fed[s] += 1;
        }
    }
    let mut outages = vec![];
    let n_out = (net.secondaries.len() / 2).clamp(6, 2_000);
    let mut chosen: Vec<usize> = (0..net.secondaries.len()).collect();
    for k in 0..n_out.min(chosen.len()) {
        let j = k + rng.below((chosen.len() - k) as u64) as usize;
        chosen.swap(k, j);
    }
    chosen.truncate(n_out);
    chosen.sort();
    for (k, &s) in chosen.iter().enumerate() {
        let sec = &net.secondaries[s];
        let si = street_of[s];
        let st = &d.streets[si];
        let start = day0 + rng.range_i(0, 540);
        let start = start - (start + 3).rem_euclid(7) + rng.range_i(0, 4); // a weekday
        let from = rng.range_i(8, 10) * 60 + *rng.pick(&[0, 30]);
        let hours = rng.range_i(3, 8);
        let (reason, works_desc) = *rng.pick(&[
            (
                "Transformer replacement",
                "Replacement of ground-mounted distribution transformer",
            ),
            ("Switchgear maintenance", "Ring main unit maintenance"),
            ("Cable jointing", "11 kV cable diversion and jointing"),
            (
                "LV network reinforcement",
                "LV cable reinforcement for low-carbon technologies",
            ),
        ]);
        let wr = next_ref(DNO, rng);
        push(
            &mut works,
            rng,
            si,
            sec.p,
            start,
            (DNO, "Utility", "Electricity", works_desc),
            wr.clone(),
        );
        let status = if start < days_from_civil(2025, 6, 30) {
            "Completed"
        } else {
            "Planned"
        };
        outages.push(vec![
            format!("SYN-PO-{:05}", k + 1),
            subs[s].0.clone(),
            sec.name.clone(),
            net.primaries[sec.primary].name.clone(),
            net.feeders[sec.feeder].name.clone(),
            st.name.clone(),
            st.usrn.to_string(),
            datetime(start, from),
            datetime(start, from + hours * 60),
            fed[s].to_string(),
            (sec.dwellings + sec.non_domestic).to_string(),
            reason.into(),
            status.into(),
            wr,
        ]);
    }
    works.sort_by(|a, b| (a.0, &a.1[0]).cmp(&(b.0, &b.1[0])));
    out.file("streetworks/planned_works.csv", false, |f| {
        f.header(&WORKS_HEADER)?;
        for (_, w) in &works {
            f.row(w)?;
        }
        Ok(())
    })?;
    out.file("grid/planned_outages.csv", false, |f| {
        f.header(&OUTAGE_HEADER)?;
        for o in &outages {
            f.row(o)?;
        }
        Ok(())
    })
}

fn write_ev(d: &District, rng: &mut Rng, out: &mut Out) -> Result<(), SynthError> {
    let n = d.locations.len();
    let mut devices: Vec<(usize, &'static str)> = vec![];
    for (i, l) in d.locations.iter().enumerate() {
        if matches!(
            l.kind,
            Kind::NonDomestic {
                landmark: Some("tep")
            }
        ) {
            for _ in 0..4 {
                devices.push((i, "hub"));
            }
        }
    }
    let dwell: Vec<usize> = (0..n)
        .filter(|&i| matches!(d.locations[i].kind, Kind::Dwelling(_)))
        .collect();
    let nondom: Vec<usize> = (0..n)
        .filter(|&i| matches!(d.locations[i].kind, Kind::NonDomestic { landmark: None }))
        .collect();
    for _ in 0..(n / 200).max(10) {
        devices.push((*rng.pick(&dwell), "street"));
    }
    for _ in 0..(n / 600).max(4) {
        if !nondom.is_empty() {
            devices.push((*rng.pick(&nondom), "work"));
        }
    }
    out.file(
        "transport/ev/national-charge-point-registry.csv",
        false,
        |f| {
            f.header(&EV_HEADER)?;
            for (k, &(li, kind)) in devices.iter().enumerate() {
                let l = &d.locations[li];
                // Street chargers stand at the kerb a few metres from the door.
                let p = Pt::new(
                    l.p.x + rng.range_f(-4.0, 4.0),
                    l.p.y + rng.range_f(-4.0, 4.0),
                );
                let (lat, lon) = geo::bng_to_wgs84(p);
                let st = &d.streets[l.street];
                let pc = l
                    .postcode
                    .map(|p| d.postcodes[p].code.clone())
                    .unwrap_or_default();
                let created = days_from_civil(2016, 1, 1) + rng.range_i(0, 8 * 365);
                let (owner, network, name, loc_type, on_street) = match kind {
                    "hub" => (
                        "SYN Tyseley Energy Park",
                        "SYN Rapid Network",
                        format!("Tyseley Energy Park rapid hub {}", k + 1),
                        "Service station",
                        "false",
                    ),
                    "street" => (
                        "Birmingham City Council",
                        "SYN City Charge",
                        format!("{} on-street {}", st.name, k + 1),
                        "On-street",
                        "true",
                    ),
                    _ => (
                        "SYN Workplace Charging",
                        "SYN Destination Network",
                        format!("{} workplace {}", st.name, k + 1),
                        "Workplace car park",
                        "false",
                    ),
                };
                let c1: [String; 9] = if kind == "hub" {
                    [
                        "1".into(),
                        "Type 2 Combo (IEC62196) DC".into(),
                        (*rng.pick(&["50", "150"])).into(),
                        "200".into(),
                        "400".into(),
                        "DC".into(),
                        "4".into(),
                        "true".into(),
                        "In service".into(),
                    ]
                } else if kind == "street" {
                    [
                        "1".into(),
                        "Type 2 Mennekes (IEC62196)".into(),
                        (*rng.pick(&["3.7", "7", "7"])).into(),
                        (*rng.pick(&["16", "32"])).into(),
                        "230".into(),
                        "Single Phase AC".into(),
                        "3".into(),
                        "false".into(),
                        "In service".into(),
                    ]
                } else {
                    [
                        "1".into(),
                        "Type 2 Mennekes (IEC62196)".into(),
                        "22".into(),
                        "32".into(),
                        "400".into(),
                        "Three Phase AC".into(),
                        "3".into(),
                        "false".into(),
                        "In service".into(),
                    ]
                };
                let c2: [String; 8] = if kind == "hub" {
                    [
                        "2".into(),
                        "JEVS G105 (CHAdeMO) DC".into(),
                        "50".into(),
                        "125".into(),
                        "400".into(),
                        "DC".into(),
                        "4".into(),
                        "In service".into(),
                    ]
                } else {
                    [
                        "2".into(),
                        "Type 2 Mennekes (IEC62196)".into(),
                        c1[2].clone(),
                        c1[3].clone(),
                        c1[4].clone(),
                        c1[5].clone(),
                        "3".into(),
                        (*rng.pick(&["In service", "In service", "Out of service"])).into(),
                    ]
                };
                let mut v = vec![
                    hex(rng, 32),
                    format!("SYN{:06}", k + 1),
                    name,
                    format!("{lat:.6}"),
                    format!("{lon:.6}"),
                    if kind == "hub" {
                        l.name.clone()
                    } else {
                        String::new()
                    },
                    if l.pao.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                        l.pao.clone()
                    } else {
                        String::new()
                    },
                    String::new(),
                    st.name.clone(),
                    "Birmingham".into(),
                    "West Midlands".into(),
                    pc,
                    "GB".into(),
                    owner.into(),
                    network.into(),
                    format!("{} 09:00:00", date(created)),
                    format!("{} 12:00:00", date(created + rng.range_i(0, 400))),
                    "In service".into(),
                    (if kind == "street" { "false" } else { "true" }).into(),
                    (if kind == "hub" { "true" } else { "false" }).into(),
                    on_street.into(),
                    loc_type.into(),
                    (if kind == "work" { "false" } else { "true" }).into(),
                ];
                v.extend(c1);
                v.extend(c2);
                f.row(&v)?;
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_iso_weeks() {
        for z in -1000..30_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(iso_week(days_from_civil(2025, 1, 6)), (2025, 2));
        assert_eq!(iso_week(days_from_civil(2024, 12, 30)), (2025, 1));
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
    }
}
