//! EPC domestic `certificates.csv` and `recommendations.csv` (the classic
//! 92-column opendatacommunities bulk layout) and the council housing-stock
//! list.

use crate::SynthError;
use crate::geo;
use crate::model::{District, Dwelling, Fuel, Tenure};
use crate::out::{Out, field};
use crate::prng::Rng;

/// The 92 certificate columns, in order.
pub const CERT_HEADER: [&str; 92] = [
    "LMK_KEY",
    "ADDRESS1",
    "ADDRESS2",
    "ADDRESS3",
    "POSTCODE",
    "BUILDING_REFERENCE_NUMBER",
    "CURRENT_ENERGY_RATING",
    "POTENTIAL_ENERGY_RATING",
    "CURRENT_ENERGY_EFFICIENCY",
    "POTENTIAL_ENERGY_EFFICIENCY",
    "PROPERTY_TYPE",
    "BUILT_FORM",
    "INSPECTION_DATE",
    "LOCAL_AUTHORITY",
    "CONSTITUENCY",
    "COUNTY",
    "LODGEMENT_DATE",
    "TRANSACTION_TYPE",
    "ENVIRONMENT_IMPACT_CURRENT",
    "ENVIRONMENT_IMPACT_POTENTIAL",
    "ENERGY_CONSUMPTION_CURRENT",
    "ENERGY_CONSUMPTION_POTENTIAL",
    "CO2_EMISSIONS_CURRENT",
    "CO2_EMISS_CURR_PER_FLOOR_AREA",
    "CO2_EMISSIONS_POTENTIAL",
    "LIGHTING_COST_CURRENT",
    "LIGHTING_COST_POTENTIAL",
    "HEATING_COST_CURRENT",
    "HEATING_COST_POTENTIAL",
    "HOT_WATER_COST_CURRENT",
    "HOT_WATER_COST_POTENTIAL",
    "TOTAL_FLOOR_AREA",
    "ENERGY_TARIFF",
    "MAINS_GAS_FLAG",
    "FLOOR_LEVEL",
    "FLAT_TOP_STOREY",
    "FLAT_STOREY_COUNT",
    "MAIN_HEATING_CONTROLS",
    "MULTI_GLAZE_PROPORTION",
    "GLAZED_TYPE",
    "GLAZED_AREA",
    "EXTENSION_COUNT",
    "NUMBER_HABITABLE_ROOMS",
    "NUMBER_HEATED_ROOMS",
    "LOW_ENERGY_LIGHTING",
    "NUMBER_OPEN_FIREPLACES",
    "HOTWATER_DESCRIPTION",
    "HOT_WATER_ENERGY_EFF",
    "HOT_WATER_ENV_EFF",
    "FLOOR_DESCRIPTION",
    "FLOOR_ENERGY_EFF",
    "FLOOR_ENV_EFF",
    "WINDOWS_DESCRIPTION",
    "WINDOWS_ENERGY_EFF",
    "WINDOWS_ENV_EFF",
    "WALLS_DESCRIPTION",
    "WALLS_ENERGY_EFF",
    "WALLS_ENV_EFF",
    "SECONDHEAT_DESCRIPTION",
    "SHEATING_ENERGY_EFF",
    "SHEATING_ENV_EFF",
    "ROOF_DESCRIPTION",
    "ROOF_ENERGY_EFF",
    "ROOF_ENV_EFF",
    "MAINHEAT_DESCRIPTION",
    "MAINHEAT_ENERGY_EFF",
    "MAINHEAT_ENV_EFF",
    "MAINHEATCONT_DESCRIPTION",
    "MAINHEATC_ENERGY_EFF",
    "MAINHEATC_ENV_EFF",
    "LIGHTING_DESCRIPTION",
    "LIGHTING_ENERGY_EFF",
    "LIGHTING_ENV_EFF",
    "MAIN_FUEL",
    "WIND_TURBINE_COUNT",
    "HEAT_LOSS_CORRIDOR",
    "UNHEATED_CORRIDOR_LENGTH",
    "FLOOR_HEIGHT",
    "PHOTO_SUPPLY",
    "SOLAR_WATER_HEATING_FLAG",
    "MECHANICAL_VENTILATION",
    "ADDRESS",
    "LOCAL_AUTHORITY_LABEL",
    "CONSTITUENCY_LABEL",
    "POSTTOWN",
    "CONSTRUCTION_AGE_BAND",
    "LODGEMENT_DATETIME",
    "TENURE",
    "FIXED_LIGHTING_OUTLETS_COUNT",
    "LOW_ENERGY_FIXED_LIGHT_COUNT",
    "UPRN",
    "UPRN_SOURCE",
];

/// The recommendations columns.
pub const REC_HEADER: [&str; 7] = [
    "LMK_KEY",
    "IMPROVEMENT_ITEM",
    "IMPROVEMENT_SUMMARY_TEXT",
    "IMPROVEMENT_DESCR_TEXT",
    "IMPROVEMENT_ID",
    "IMPROVEMENT_ID_TEXT",
    "INDICATIVE_COST",
];

/// The council housing-stock list columns (a council layout, not a national standard).
pub const STOCK_HEADER: [&str; 14] = [
    "UPRN",
    "PROPERTY_REFERENCE",
    "ADDRESS",
    "POSTCODE",
    "WARD_CODE",
    "TENURE",
    "ARCHETYPE",
    "PROPERTY_TYPE",
    "BUILT_FORM",
    "BEDROOMS",
    "CONSTRUCTION_YEAR",
    "LAST_MAINTENANCE_DATE",
    "LAST_MAINTENANCE_TYPE",
    "NEXT_PLANNED_WORKS",
];

/// SAP score → band (A 92+, B 81–91, C 69–80, D 55–68, E 39–54, F 21–38, G 1–20).
pub fn band(sap: i64) -> &'static str {
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

fn age_band(y: u16) -> &'static str {
    match y {
        ..1900 => "England and Wales: before 1900",
        1900..1930 => "England and Wales: 1900-1929",
        1930..1950 => "England and Wales: 1930-1949",
        1950..1967 => "England and Wales: 1950-1966",
        1967..1976 => "England and Wales: 1967-1975",
        1976..1983 => "England and Wales: 1976-1982",
        1983..1991 => "England and Wales: 1983-1990",
        1991..1996 => "England and Wales: 1991-1995",
        1996..2003 => "England and Wales: 1996-2002",
        2003..2007 => "England and Wales: 2003-2006",
        2007..2012 => "England and Wales: 2007-2011",
        _ => "England and Wales: 2012 onwards",
    }
}

fn eff(score: f64) -> &'static str {
    match score {
        s if s >= 4.5 => "Very Good",
        s if s >= 3.5 => "Good",
        s if s >= 2.5 => "Average",
        s if s >= 1.5 => "Poor",
        _ => "Very Poor",
    }
}

struct Rec {
    id: &'static str,
    summary: &'static str,
    descr: &'static str,
    label: &'static str,
    cost: &'static str,
    gain: f64,
}

const LOFT: Rec = Rec {
    id: "5",
    summary: "Increase loft insulation to 270 mm",
    descr: "Increase loft insulation to 270 mm",
    label: "Increase loft insulation to 270 mm",
    cost: "£100 - £350",
    gain: 3.0,
};
const CAVITY: Rec = Rec {
    id: "6",
    summary: "Cavity wall insulation",
    descr: "Cavity wall insulation",
    label: "Cavity wall insulation",
    cost: "£500 - £1,500",
    gain: 5.0,
};
const SOLID: Rec = Rec {
    id: "7",
    summary: "Internal or external wall insulation",
    descr: "Internal or external wall insulation",
    label: "Internal or external wall insulation",
    cost: "£4,000 - £14,000",
    gain: 9.0,
};
const FLOOR: Rec = Rec {
    id: "57",
    summary: "Floor insulation (suspended floor)",
    descr: "Floor insulation (suspended floor)",
    label: "Floor insulation (suspended floor)",
    cost: "£800 - £1,200",
    gain: 3.0,
};
const BOILER: Rec = Rec {
    id: "20",
    summary: "Replace boiler with new condensing boiler",
    descr: "Replace boiler with new condensing boiler",
    label: "Replace boiler with new condensing boiler",
    cost: "£2,200 - £3,000",
    gain: 6.0,
};
const CONTROLS: Rec = Rec {
    id: "13",
    summary: "Heating controls (room thermostat and TRVs)",
    descr: "Heating controls (room thermostat and TRVs)",
    label: "Heating controls (room thermostat and TRVs)",
    cost: "£350 - £450",
    gain: 2.0,
};
const STORAGE: Rec = Rec {
    id: "49",
    summary: "High heat retention storage heaters",
    descr: "High heat retention storage heaters",
    label: "High heat retention storage heaters",
    cost: "£1,200 - £1,800",
    gain: 8.0,
};
const LIGHTS: Rec = Rec {
    id: "35",
    summary: "Low energy lighting for all fixed outlets",
    descr: "Low energy lighting for all fixed outlets",
    label: "Low energy lighting for all fixed outlets",
    cost: "£20",
    gain: 1.0,
};
const SOLAR_PV: Rec = Rec {
    id: "34",
    summary: "Solar photovoltaic panels, 2.5 kWp",
    descr: "Solar photovoltaic panels, 2.5 kWp",
    label: "Solar photovoltaic panels, 2.5 kWp",
    cost: "£3,500 - £5,500",
    gain: 10.0,
};
const GLAZING: Rec = Rec {
    id: "8",
    summary: "Replace single glazed windows with low-E double glazed windows",
    descr: "Replace single glazed windows with low-E double glazed windows",
    label: "Replace single glazed windows with low-E double glazed windows",
    cost: "£3,300 - £6,500",
    gain: 3.0,
};

/// Certificates of each dwelling over the years: year, SAP and state.
struct Cert {
    year: i64,
    month: i64,
    day: i64,
    sap: f64,
    loft_mm: u16,
    wall_ins: bool,
    double_glazed: bool,
    low_energy_pct: i64,
    new_boiler: bool,
}

fn history(dw: &Dwelling, rng: &mut Rng) -> Vec<Cert> {
    let n = match rng.f64() {
        r if r < 0.38 => 0,
        r if r < 0.76 => 1,
        r if r < 0.93 => 2,
        _ => 3,
    };
    // Council stock is surveyed more often.
    let n = if dw.council && n == 0 && rng.chance(0.5) {
        1
    } else {
        n
    };
    let mut years: Vec<i64> = (0..n).map(|_| rng.range_i(2009, 2024)).collect();
    if dw.year_built >= 2009 {
        years.push(i64::from(dw.year_built).min(2024));
    }
    years.sort();
    years.dedup();
    let mut state = Cert {
        year: 2009,
        month: 1,
        day: 1,
        sap: dw.base_sap,
        loft_mm: dw.loft_mm,
        wall_ins: dw.wall_insulated,
        double_glazed: rng.chance(0.7),
        low_energy_pct: rng.range_i(0, 40),
        new_boiler: rng.chance(0.4),
    };
    let mut out = vec![];
    let mut last = 2009;
    for y in years {
        // Improvements between certificates.
        let gap = (y - last) as f64;
        state.sap += gap * rng.range_f(0.1, 0.6);
        if state.loft_mm > 0 && state.loft_mm < 270 && rng.chance(0.05 * gap) {
            state.loft_mm = 270;
            state.sap += 3.0;
        }
        if !state.wall_ins && !dw.solid_wall && rng.chance(0.06 * gap) {
            state.wall_ins = true;
            state.sap += 5.0;
        }
        if !state.new_boiler && dw.fuel == Fuel::Gas && rng.chance(0.06 * gap) {
            state.new_boiler = true;
            state.sap += 6.0;
        }
        if !state.double_glazed && rng.chance(0.05 * gap) {
            state.double_glazed = true;
            state.sap += 2.0;
        }
        state.low_energy_pct = (state.low_energy_pct + (gap * 6.0) as i64).min(100);
        last = y;
        out.push(Cert {
            year: y,
            month: rng.range_i(1, 12),
            day: rng.range_i(1, 28),
            sap: state.sap.clamp(1.0, 99.0),
            ..state
        });
    }
    out
}

/// Write the EPC files and the council stock list.
pub fn write(d: &District, rng: &mut Rng, out: &mut Out) -> Result<(), SynthError> {
    let mut certs: Vec<(usize, Cert)> = vec![];
    for (i, dw) in d.dwellings.iter().enumerate() {
        for c in history(dw, rng) {
            certs.push((i, c));
        }
    }
    certs.sort_by_key(|(i, c)| (c.year, c.month, c.day, *i));
    let mut recs: Vec<String> = vec![];
    let mut last_cert: Vec<Option<(String, i64)>> = vec![None; d.dwellings.len()];
    let rows_rng = &mut rng.fork("rows");
    out.file(
        "epc/domestic-E08000025-Birmingham/certificates.csv",
        false,
        |f| {
            f.header(&CERT_HEADER)?;
            for (k, (di, c)) in certs.iter().enumerate() {
                let lmk = format!(
                    "1{:011}{:019}",
                    k + 1,
                    rows_rng.next_u64() % 10_000_000_000_000_000_000
                );
                let (row, rr, sap) = cert_row(d, &d.dwellings[*di], c, &lmk, rows_rng);
                f.line(&row)?;
                recs.extend(rr);
                last_cert[*di] = Some((band(sap).to_string(), c.year));
            }
            Ok(())
        },
    )?;
    out.file(
        "epc/domestic-E08000025-Birmingham/recommendations.csv",
        false,
        |f| {
            f.header(&REC_HEADER)?;
            for r in &recs {
                f.line(r)?;
            }
            Ok(())
        },
    )?;
    let stock_rng = &mut rng.fork("stock");
    let mut council: Vec<usize> = (0..d.dwellings.len())
        .filter(|&i| d.dwellings[i].council)
        .collect();
    council.sort_by_key(|&i| d.locations[d.dwellings[i].location].uprn);
    out.file("council/birmingham_housing_stock.csv", false, |f| {
        f.header(&STOCK_HEADER)?;
        for i in council {
            let dw = &d.dwellings[i];
            let l = &d.locations[dw.location];
            let pc = l.postcode.map(|p| d.postcodes[p].code.as_str()).unwrap_or("");
            let (ward, _) = geo::ward_at(l.p);
            let y = stock_rng.range_i(2012, 2024);
            let what = stock_rng.pick(&["Kitchen replacement", "Boiler replacement", "Roof repair", "Window replacement", "Electrical rewire", "Damp treatment", "Gas safety check"]);
            let next = stock_rng.pick(&["", "", "Loft insulation top-up", "External wall insulation", "Boiler replacement", "Window replacement"]);
            f.line(&format!(
                "{},BCC{:07},{},{},{ward},Council rented,{},{},{},{},{},{y}-{:02}-{:02},{what},{next}",
                l.uprn,
                i + 1,
                field(&d.address_line(l)),
                pc,
                dw.archetype,
                dw.property_type,
                dw.built_form,
                (dw.rooms.saturating_sub(2)).max(1),
                dw.year_built,
                stock_rng.range_i(1, 12),
                stock_rng.range_i(1, 28)
            ))?;
        }
        Ok(())
    })
}

fn fmt1(v: f64) -> String {
    format!("{v:.1}")
}

fn cert_row(
    d: &District,
    dw: &Dwelling,
    c: &Cert,
    lmk: &str,
    rng: &mut Rng,
) -> (String, Vec<String>, i64) {
    let l = &d.locations[dw.location];
    let street = &d.streets[l.street].name;
    let pc = l
        .postcode
        .map(|p| d.postcodes[p].code.clone())
        .unwrap_or_default();
    let flat = dw.property_type != "House";
    let sap = c.sap.round() as i64;
    // Recommendations.
    let mut list: Vec<&Rec> = vec![];
    let has_loft = !(flat && dw.floor_level + 1 < dw.storeys);
    if has_loft && c.loft_mm < 270 {
        list.push(&LOFT);
    }
    if !c.wall_ins {
        list.push(if dw.solid_wall { &SOLID } else { &CAVITY });
    }
    if dw.solid_wall && (!flat || dw.floor_level == 0) {
        list.push(&FLOOR);
    }
    match dw.fuel {
        Fuel::Gas if !c.new_boiler => {
            list.push(&CONTROLS);
            list.push(&BOILER);
        }
        Fuel::Electric => list.push(&STORAGE),
        _ => {}
    }
    if !c.double_glazed {
        list.push(&GLAZING);
    }
    if c.low_energy_pct < 100 {
        list.push(&LIGHTS);
    }
    if !flat && rng.chance(0.6) {
        list.push(&SOLAR_PV);
    }
    let potential =
        ((c.sap + list.iter().map(|r| r.gain).sum::<f64>()).round() as i64).clamp(sap, 99);
    let recs: Vec<String> = list
        .iter()
        .enumerate()
        .map(|(k, r)| {
            format!(
                "{lmk},{},{},{},{},{},{}",
                k + 1,
                field(r.summary),
                field(r.descr),
                r.id,
                field(r.label),
                field(r.cost)
            )
        })
        .collect();
    let area = dw.floor_area;
    let cons = (560.0 - 4.6 * c.sap).max(40.0).round();
    let cons_pot = (560.0 - 4.6 * potential as f64).max(30.0).round();
    let factor = if matches!(dw.fuel, Fuel::Electric) {
        0.35
    } else {
        0.2
    };
    let co2_pa = cons * factor;
    let co2 = co2_pa * area / 1000.0;
    let co2_pot = cons_pot * 0.2 * area / 1000.0;
    let ei = (c.sap - if dw.fuel == Fuel::Electric { 12.0 } else { 4.0 })
        .round()
        .clamp(1.0, 100.0) as i64;
    let ei_pot = (potential - 3).clamp(ei, 100);
    let heat = (area * (110.0 - c.sap).max(5.0) * 0.16).round();
    let heat_pot = (area * (110.0 - potential as f64).max(5.0) * 0.16).round();
    let light = (area * 0.9 - c.low_energy_pct as f64 * 0.2)
        .max(30.0)
        .round();
    let hw = (if dw.fuel == Fuel::Electric {
        260.0
    } else {
        110.0
    } + rng.range_f(-15.0, 25.0))
    .round();
    let (mainheat, fuel, mh_eff, tariff, gas_flag) = match dw.fuel {
        Fuel::Gas => (
            "Boiler and radiators, mains gas",
            "mains gas (not community)",
            if c.new_boiler { 4.0 } else { 3.0 },
            "Single",
            "Y",
        ),
        Fuel::Electric => {
            if flat {
                (
                    "Electric storage heaters",
                    "electricity (not community)",
                    2.0,
                    "dual",
                    "N",
                )
            } else {
                (
                    "Room heaters, electric",
                    "electricity (not community)",
                    1.0,
                    "Single",
                    "N",
                )
            }
        }
        Fuel::Community => (
            "Community scheme",
            "mains gas (community)",
            3.0,
            "Single",
            "Y",
        ),
        Fuel::Other => (
            "Room heaters, coal",
            "house coal (not community)",
            1.0,
            "Single",
            "N",
        ),
    };
    let (tariff, gas_flag) = if rng.chance(0.03) {
        ("Unknown", "")
    } else {
        (tariff, gas_flag)
    };
    let walls = match (dw.solid_wall, c.wall_ins) {
        (true, false) => ("Solid brick, as built, no insulation (assumed)", 1.0),
        (true, true) => ("Solid brick, with internal insulation", 4.0),
        (false, false) => ("Cavity wall, as built, no insulation (assumed)", 2.0),
        (false, true) if dw.year_built >= 1976 => {
            ("Cavity wall, as built, insulated (assumed)", 4.0)
        }
        (false, true) => ("Cavity wall, filled cavity", 3.0),
    };
    let roof = if !has_loft {
        ("(another dwelling above)", None)
    } else {
        match c.loft_mm {
            0 => ("Pitched, no insulation (assumed)", Some(1.0)),
            mm if mm >= 250 => (
                if mm >= 270 {
                    "Pitched, 270 mm loft insulation"
                } else {
                    "Pitched, 250 mm loft insulation"
                },
                Some(4.0),
            ),
            100 => ("Pitched, 100 mm loft insulation", Some(3.0)),
            150 => ("Pitched, 150 mm loft insulation", Some(3.0)),
            200 => ("Pitched, 200 mm loft insulation", Some(4.0)),
            _ => ("Pitched, 50 mm loft insulation", Some(2.0)),
        }
    };
    let roof_desc = roof.0.to_string();
    let floor = if flat && dw.floor_level > 0 {
        ("(another dwelling below)", "N/A")
    } else if dw.solid_wall {
        ("Suspended, no insulation (assumed)", "N/A")
    } else if dw.year_built >= 1996 {
        ("Solid, insulated (assumed)", "N/A")
    } else {
        ("Solid, no insulation (assumed)", "N/A")
    };
    let (windows, win_eff, glazed_type, multi) = if c.double_glazed {
        (
            "Fully double glazed",
            3.0,
            "double glazing installed during or after 2002",
            "100.0",
        )
    } else {
        ("Single glazed", 1.0, "single glazing", "0.0")
    };
    let light_eff = match c.low_energy_pct {
        75.. => 5.0,
        50..=74 => 4.0,
        25..=49 => 3.0,
        10..=24 => 2.0,
        _ => 1.0,
    };
    let outlets = (dw.rooms as i64 + 3).max(4);
    let low_outlets = outlets * c.low_energy_pct / 100;
    let tenure = match dw.tenure {
        Tenure::Owner => ["owner-occupied", "Owner-occupied"][(c.year >= 2018) as usize],
        Tenure::PrivateRent => ["rental (private)", "Rented (private)"][(c.year >= 2018) as usize],
        Tenure::Social => ["rental (social)", "Rented (social)"][(c.year >= 2018) as usize],
    };
    let transaction = if dw.year_built as i64 == c.year {
        "new dwelling"
    } else {
        match dw.tenure {
            Tenure::Owner => *rng.pick(&[
                "marketed sale",
                "marketed sale",
                "non marketed sale",
                "assessment for green deal",
                "ECO assessment",
            ]),
            Tenure::PrivateRent => {
                *rng.pick(&["rental (private)", "rental (private)", "marketed sale"])
            }
            Tenure::Social => *rng.pick(&[
                "rental (social)",
                "rental (social)",
                "Stock condition survey",
                "ECO assessment",
            ]),
        }
    };
    let (address1, address2) = if !l.sao.is_empty() {
        (format!("{}, {}", l.sao, l.pao), street.clone())
    } else {
        (format!("{} {street}", l.pao), String::new())
    };
    let address3 = String::new();
    let address = [address1.as_str(), address2.as_str(), address3.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let inspection = format!("{}-{:02}-{:02}", c.year, c.month, c.day);
    let lodge_day = (c.day + rng.range_i(0, 3)).min(28);
    let lodgement = format!("{}-{:02}-{:02}", c.year, c.month, lodge_day);
    let lodgement_ts = format!(
        "{lodgement} {:02}:{:02}:{:02}",
        rng.range_i(8, 18),
        rng.range_i(0, 59),
        rng.range_i(0, 59)
    );
    let floor_level = if !flat {
        String::new()
    } else if rng.chance(0.04) {
        "NODATA!".into()
    } else if dw.floor_level == 0 {
        "Ground".into()
    } else {
        format!("{:02}", dw.floor_level)
    };
    let top = if flat {
        if dw.floor_level + 1 >= dw.storeys {
            "Y"
        } else {
            "N"
        }
    } else {
        ""
    };
    let storeys = if flat {
        dw.storeys.to_string()
    } else {
        String::new()
    };
    let glazed_area = if rng.chance(0.02) {
        "NO DATA!"
    } else {
        "Normal"
    };
    let age = if rng.chance(0.01) {
        "NO DATA!"
    } else {
        age_band(dw.year_built)
    };
    let secondheat = if dw.fuel == Fuel::Gas && rng.chance(0.15) {
        "Room heaters, electric"
    } else {
        "None"
    };
    let (hot_water, hw_eff) = match dw.fuel {
        Fuel::Electric => ("Electric immersion, off-peak", 2.0),
        _ => ("From main system", 4.0),
    };
    let controls = if c.new_boiler || dw.fuel != Fuel::Gas {
        ("Programmer, room thermostat and TRVs", 4.0, "2106")
    } else {
        ("Programmer and room thermostat", 3.0, "2104")
    };
    let fields: Vec<String> = vec![
        lmk.to_string(),
        address1,
        address2,
        address3,
        pc,
        dw.brn.to_string(),
        band(sap).into(),
        band(potential).into(),
        sap.to_string(),
        potential.to_string(),
        dw.property_type.into(),
        dw.built_form.into(),
        inspection,
        geo::LAD.into(),
        geo::PCON_PLACEHOLDER.into(),
        String::new(),
        lodgement,
        transaction.into(),
        ei.to_string(),
        ei_pot.to_string(),
        format!("{cons:.0}"),
        format!("{cons_pot:.0}"),
        fmt1(co2),
        format!("{co2_pa:.0}"),
        fmt1(co2_pot),
        format!("{light:.0}"),
        format!("{:.0}", (light * 0.6).round()),
        format!("{heat:.0}"),
        format!("{heat_pot:.0}"),
        format!("{hw:.0}"),
        format!("{:.0}", (hw * 0.75).round()),
        fmt1(area),
        tariff.into(),
        gas_flag.into(),
        floor_level,
        top.into(),
        storeys,
        controls.2.into(),
        multi.into(),
        glazed_type.into(),
        glazed_area.into(),
        format!("{}.0", if flat { 0 } else { rng.range_i(0, 2) }),
        dw.rooms.to_string(),
        dw.rooms.to_string(),
        c.low_energy_pct.to_string(),
        (if dw.solid_wall && rng.chance(0.1) {
            1
        } else {
            0
        })
        .to_string(),
        hot_water.into(),
        eff(hw_eff).into(),
        eff(hw_eff).into(),
        floor.0.into(),
        floor.1.into(),
        floor.1.into(),
        windows.into(),
        eff(win_eff).into(),
        eff(win_eff).into(),
        walls.0.into(),
        eff(walls.1).into(),
        eff(walls.1).into(),
        secondheat.into(),
        "N/A".into(),
        "N/A".into(),
        roof_desc,
        roof.1.map(eff).unwrap_or("N/A").into(),
        roof.1.map(eff).unwrap_or("N/A").into(),
        mainheat.into(),
        eff(mh_eff).into(),
        eff(if dw.fuel == Fuel::Electric {
            1.0
        } else {
            mh_eff
        })
        .into(),
        controls.0.into(),
        eff(controls.1).into(),
        eff(controls.1).into(),
        format!(
            "Low energy lighting in {}% of fixed outlets",
            c.low_energy_pct
        ),
        eff(light_eff).into(),
        eff(light_eff).into(),
        fuel.into(),
        "0".into(),
        if flat {
            "no corridor".into()
        } else {
            String::new()
        },
        String::new(),
        format!("{:.2}", if dw.year_built < 1930 { 2.6 } else { 2.4 }),
        "0".into(),
        "N".into(),
        "natural".into(),
        address,
        "Birmingham".into(),
        geo::PCON_LABEL_PLACEHOLDER.into(),
        "BIRMINGHAM".into(),
        age.into(),
        lodgement_ts,
        tenure.into(),
        outlets.to_string(),
        low_outlets.to_string(),
        l.uprn.to_string(),
        (if rng.chance(0.8) {
            "Address Matched"
        } else {
            "Energy Assessor"
        })
        .into(),
    ];
    let line = fields
        .iter()
        .map(|f| field(f).into_owned())
        .collect::<Vec<_>>()
        .join(",");
    (line, recs, sap)
}
