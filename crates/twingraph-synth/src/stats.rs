//! DESNZ statistics in their published CSV layouts: the GHG conversion
//! factors flat file (one per year) and the UK local-authority GHG emissions
//! "full dataset" (Birmingham and its West Midlands neighbours).

use crate::SynthError;
use crate::out::Out;
use crate::prng::Rng;

/// The flat-file header up to the year column.
pub const FACTORS_HEADER: [&str; 9] = [
    "ID",
    "Scope",
    "Level 1",
    "Level 2",
    "Level 3",
    "Level 4",
    "Column Text",
    "UOM",
    "GHG/Unit",
];

/// The LA GHG emissions full-dataset header (2023-onwards editions).
pub const LA_GHG_HEADER: [&str; 15] = [
    "Country",
    "Country Code",
    "Region",
    "Region Code",
    "Second Tier Authority",
    "Local Authority",
    "Local Authority Code",
    "Calendar Year",
    "LA GHG Sector",
    "LA GHG Sub-sector",
    "Greenhouse gas",
    "Territorial emissions (kt CO2e)",
    "Emissions within the scope of influence of LAs (kt CO2e)",
    "Mid-year Population (thousands)",
    "Area (km2)",
];

/// The conversion-factor years written.
pub const FACTOR_YEARS: [i64; 3] = [2023, 2024, 2025];

/// (ID stem, scope, levels 1–4, column text, UOM, total kg CO2e per unit
/// for 2023/2024/2025, CH4 share, N2O share).
type Factor = (
    &'static str,
    &'static str,
    [&'static str; 4],
    &'static str,
    &'static str,
    [f64; 3],
    f64,
    f64,
);

const FACTORS: &[Factor] = &[
    (
        "1_10_100_1",
        "Scope 1",
        ["Fuels", "Gaseous fuels", "Natural gas", ""],
        "Gross CV",
        "kWh (Gross CV)",
        [0.18293, 0.18290, 0.18296],
        0.0014,
        0.0005,
    ),
    (
        "1_10_100_2",
        "Scope 1",
        ["Fuels", "Gaseous fuels", "Natural gas", ""],
        "",
        "cubic metres",
        [2.04542, 2.04480, 2.04600],
        0.0014,
        0.0005,
    ),
    (
        "1_10_110_1",
        "Scope 1",
        ["Fuels", "Gaseous fuels", "LPG", ""],
        "Gross CV",
        "kWh (Gross CV)",
        [0.21449, 0.21450, 0.21440],
        0.0006,
        0.0008,
    ),
    (
        "1_20_200_1",
        "Scope 1",
        ["Fuels", "Liquid fuels", "Burning oil", ""],
        "Gross CV",
        "kWh (Gross CV)",
        [0.24677, 0.24680, 0.24670],
        0.0021,
        0.0022,
    ),
    (
        "1_20_210_1",
        "Scope 1",
        [
            "Fuels",
            "Liquid fuels",
            "Diesel (average biofuel blend)",
            "",
        ],
        "",
        "litres",
        [2.51279, 2.51210, 2.50700],
        0.0001,
        0.0120,
    ),
    (
        "1_20_220_1",
        "Scope 1",
        [
            "Fuels",
            "Liquid fuels",
            "Petrol (average biofuel blend)",
            "",
        ],
        "",
        "litres",
        [2.16185, 2.16300, 2.15900],
        0.0035,
        0.0030,
    ),
    (
        "1_30_300_1",
        "Scope 1",
        ["Bioenergy", "Biomass", "Wood chips", ""],
        "",
        "kWh",
        [0.01074, 0.01074, 0.01053],
        0.3500,
        0.3000,
    ),
    (
        "11_100_1000_6",
        "Scope 2",
        [
            "UK electricity",
            "Electricity generated",
            "Electricity: UK",
            "",
        ],
        "",
        "kWh",
        [0.20707, 0.20705, 0.17700],
        0.0044,
        0.0057,
    ),
    (
        "12_110_1100_6",
        "Scope 3",
        [
            "Transmission and distribution",
            "T&D- UK electricity",
            "Electricity: UK",
            "",
        ],
        "",
        "kWh",
        [0.01830, 0.01792, 0.01540],
        0.0044,
        0.0057,
    ),
    (
        "13_120_1200_1",
        "Scope 3",
        ["Water supply", "Water supply", "Water supply", ""],
        "",
        "cubic metres",
        [0.17700, 0.15311, 0.15100],
        0.0,
        0.0,
    ),
    (
        "13_130_1300_1",
        "Scope 3",
        ["Water treatment", "Water treatment", "Water treatment", ""],
        "",
        "cubic metres",
        [0.17257, 0.18574, 0.18600],
        0.0,
        0.0,
    ),
    (
        "14_140_1400_3",
        "Scope 3",
        [
            "Business travel- land",
            "Cars (by size)",
            "Average car",
            "Diesel",
        ],
        "",
        "km",
        [0.16984, 0.16843, 0.16200],
        0.0001,
        0.0098,
    ),
    (
        "14_140_1400_4",
        "Scope 3",
        [
            "Business travel- land",
            "Cars (by size)",
            "Average car",
            "Petrol",
        ],
        "",
        "km",
        [0.16272, 0.16370, 0.16100],
        0.0030,
        0.0028,
    ),
    (
        "14_140_1400_5",
        "Scope 3",
        [
            "Business travel- land",
            "Cars (by size)",
            "Average car",
            "Battery Electric Vehicle",
        ],
        "",
        "km",
        [0.04670, 0.04900, 0.04200],
        0.0044,
        0.0057,
    ),
    (
        "14_150_1500_1",
        "Scope 3",
        ["Business travel- land", "Bus", "Local bus (not London)", ""],
        "",
        "passenger.km",
        [0.11849, 0.12525, 0.12200],
        0.0002,
        0.0060,
    ),
    (
        "14_160_1600_1",
        "Scope 3",
        ["Business travel- land", "Rail", "National rail", ""],
        "",
        "passenger.km",
        [0.03546, 0.03549, 0.03500],
        0.0010,
        0.0090,
    ),
    (
        "15_170_1700_1",
        "Scope 3",
        [
            "Waste disposal",
            "Refuse",
            "Household residual waste",
            "Combustion",
        ],
        "",
        "tonnes",
        [21.28019, 21.31700, 21.30000],
        0.0500,
        0.4000,
    ),
    (
        "15_170_1700_2",
        "Scope 3",
        [
            "Waste disposal",
            "Refuse",
            "Household residual waste",
            "Landfill",
        ],
        "",
        "tonnes",
        [497.04598, 520.33480, 520.00000],
        0.9900,
        0.0,
    ),
];

fn f5(v: f64) -> String {
    let s = format!("{v:.5}");
    let s = s.trim_end_matches('0');
    s.trim_end_matches('.').to_string()
}

/// Local authorities written: (name, code, population 2023 thousands,
/// area km², relative size of its emissions).
const LAS: &[(&str, &str, f64, f64, f64)] = &[
    ("Birmingham", "E08000025", 1166.0, 267.8, 1.0),
    ("Coventry", "E08000026", 360.7, 98.6, 0.31),
    ("Dudley", "E08000027", 325.0, 97.9, 0.30),
    ("Sandwell", "E08000028", 344.0, 85.6, 0.33),
    ("Solihull", "E08000029", 218.0, 178.3, 0.24),
    ("Walsall", "E08000030", 288.0, 104.0, 0.26),
    ("Wolverhampton", "E08000031", 265.0, 69.4, 0.23),
];

/// (sector, sub-sector, Birmingham 2005 territorial kt CO2e, yearly trend,
/// in the LAs' scope of influence, CH4 share, N2O share).
const SUBSECTORS: &[(&str, &str, f64, f64, bool, f64, f64)] = &[
    (
        "Industry",
        "Industry Electricity",
        620.0,
        -0.060,
        true,
        0.004,
        0.006,
    ),
    (
        "Industry",
        "Industry Gas",
        330.0,
        -0.020,
        true,
        0.002,
        0.002,
    ),
    (
        "Industry",
        "Large Industrial Installations",
        310.0,
        -0.015,
        false,
        0.001,
        0.004,
    ),
    (
        "Industry",
        "Industry 'Other Fuels'",
        140.0,
        -0.030,
        true,
        0.004,
        0.006,
    ),
    (
        "Commercial",
        "Commercial Electricity",
        720.0,
        -0.060,
        true,
        0.004,
        0.006,
    ),
    (
        "Commercial",
        "Commercial Gas",
        190.0,
        -0.015,
        true,
        0.002,
        0.002,
    ),
    (
        "Commercial",
        "Commercial 'Other Fuels'",
        30.0,
        -0.020,
        true,
        0.004,
        0.006,
    ),
    (
        "Public Sector",
        "Public Sector Electricity",
        240.0,
        -0.060,
        true,
        0.004,
        0.006,
    ),
    (
        "Public Sector",
        "Public Sector Gas",
        150.0,
        -0.020,
        true,
        0.002,
        0.002,
    ),
    (
        "Public Sector",
        "Public Sector 'Other Fuels'",
        12.0,
        -0.030,
        true,
        0.004,
        0.006,
    ),
    (
        "Domestic",
        "Domestic Electricity",
        980.0,
        -0.055,
        true,
        0.004,
        0.006,
    ),
    (
        "Domestic",
        "Domestic Gas",
        1250.0,
        -0.018,
        true,
        0.002,
        0.002,
    ),
    (
        "Domestic",
        "Domestic 'Other Fuels'",
        45.0,
        -0.025,
        true,
        0.060,
        0.010,
    ),
    (
        "Transport",
        "Road Transport (A roads)",
        620.0,
        -0.008,
        true,
        0.002,
        0.010,
    ),
    (
        "Transport",
        "Road Transport (Motorways)",
        300.0,
        -0.004,
        false,
        0.002,
        0.010,
    ),
    (
        "Transport",
        "Road Transport (Minor roads)",
        520.0,
        -0.010,
        true,
        0.002,
        0.010,
    ),
    (
        "Transport",
        "Diesel Railways",
        22.0,
        -0.010,
        false,
        0.001,
        0.012,
    ),
    (
        "Transport",
        "Transport 'Other'",
        18.0,
        -0.010,
        true,
        0.002,
        0.010,
    ),
    ("Waste", "Landfill", 110.0, -0.040, true, 0.990, 0.0),
    (
        "Waste",
        "Waste Management 'Other'",
        35.0,
        -0.010,
        true,
        0.400,
        0.250,
    ),
    (
        "Agriculture",
        "Agriculture Electricity",
        1.5,
        -0.050,
        true,
        0.004,
        0.006,
    ),
    (
        "Agriculture",
        "Agriculture Livestock",
        2.0,
        -0.010,
        true,
        0.800,
        0.100,
    ),
    (
        "Agriculture",
        "Agriculture Soils",
        1.0,
        -0.010,
        true,
        0.0,
        1.0,
    ),
    ("LULUCF", "Forestland", -6.0, 0.005, true, 0.0, 0.0),
    ("LULUCF", "Grassland", -4.0, 0.010, true, 0.0, 0.02),
    ("LULUCF", "Settlements", 14.0, -0.005, true, 0.0, 0.03),
    (
        "LULUCF",
        "Harvested Wood Products",
        -1.5,
        0.0,
        true,
        0.0,
        0.0,
    ),
];

/// First and last years of the LA dataset; neighbours are written for the
/// last five years only.
pub const LA_YEARS: (i64, i64) = (2005, 2023);

/// Write the DESNZ files.
pub fn write(rng: &mut Rng, out: &mut Out) -> Result<(), SynthError> {
    for (yi, year) in FACTOR_YEARS.iter().enumerate() {
        out.file(
            &format!("stats/desnz/ghg-conversion-factors-{year}-flat-file.csv"),
            false,
            |f| {
                let mut h: Vec<String> = FACTORS_HEADER.iter().map(|s| s.to_string()).collect();
                h.push(format!("GHG Conversion Factor {year}"));
                f.header(&h)?;
                for (id, scope, lv, col, uom, tot, ch4, n2o) in FACTORS {
                    let total = tot[yi];
                    // Components are rounded to 5 dp and CO2 takes the rest,
                    // so the three gases add up to the total exactly.
                    let c = (total * ch4 * 1e5).round() / 1e5;
                    let n = (total * n2o * 1e5).round() / 1e5;
                    let co2 = ((total - c - n) * 1e5).round() / 1e5;
                    for (k, (unit, v)) in [
                        ("kg CO2e", total),
                        ("kg CO2e of CO2 per unit", co2),
                        ("kg CO2e of CH4 per unit", c),
                        ("kg CO2e of N2O per unit", n),
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        f.row(&[
                            format!("{id}_{}", k + 1),
                            scope.to_string(),
                            lv[0].into(),
                            lv[1].into(),
                            lv[2].into(),
                            lv[3].into(),
                            col.to_string(),
                            uom.to_string(),
                            unit.into(),
                            f5(v),
                        ])?;
                    }
                }
                Ok(())
            },
        )?;
    }
    out.file(
        "stats/desnz/2005-23-uk-local-authority-ghg-emissions.csv",
        false,
        |f| {
            f.header(&LA_GHG_HEADER)?;
            for &(la, code, pop, area, size) in LAS {
                let mut r = rng.fork(code);
                let first = if code == "E08000025" {
                    LA_YEARS.0
                } else {
                    LA_YEARS.1 - 4
                };
                let noise: Vec<f64> = SUBSECTORS.iter().map(|_| r.range_f(0.8, 1.2)).collect();
                for year in first..=LA_YEARS.1 {
                    let t = (year - LA_YEARS.0) as f64;
                    let p = pop * (1.0 - 0.006 * (LA_YEARS.1 - year) as f64);
                    for (k, (sector, sub, base, trend, scope, ch4, n2o)) in
                        SUBSECTORS.iter().enumerate()
                    {
                        // A smooth trend, a 2020 dip for transport and
                        // commercial, and year-to-year jitter.
                        let dip = if year == 2020 && ["Transport", "Commercial"].contains(sector) {
                            0.82
                        } else {
                            1.0
                        };
                        let total = base
                            * size
                            * noise[k]
                            * (1.0 + trend).powf(t)
                            * dip
                            * r.range_f(0.97, 1.03);
                        let shares = [(1.0 - ch4 - n2o).max(0.0), *ch4, *n2o];
                        for (gas, sh) in ["CO2", "CH4", "N2O"].iter().zip(shares) {
                            if sh == 0.0 {
                                continue;
                            }
                            let v = total * sh;
                            f.row(&[
                                "England".to_string(),
                                "E92000001".into(),
                                "West Midlands".into(),
                                "E12000005".into(),
                                "West Midlands".into(),
                                la.into(),
                                code.into(),
                                year.to_string(),
                                sector.to_string(),
                                sub.to_string(),
                                gas.to_string(),
                                format!("{v:.3}"),
                                if *scope {
                                    format!("{v:.3}")
                                } else {
                                    "0.000".into()
                                },
                                format!("{p:.1}"),
                                format!("{area:.1}"),
                            ])?;
                        }
                    }
                }
            }
            Ok(())
        },
    )
}
