//! Units from `IfcUnitAssignment` as QUDT units, SI prefixes included.

use crate::step::{Data, Entity, Value};
use std::collections::HashMap;

/// The QUDT unit namespace.
pub const QUDT_UNIT: &str = "http://qudt.org/vocab/unit/";
/// The QUDT quantity-kind namespace.
pub const QUDT_KIND: &str = "http://qudt.org/vocab/quantitykind/";

/// The QUDT unit local name of an `IfcSIUnit` (`.MILLI.`, `.METRE.` → `MilliM`).
pub fn si_unit(prefix: Option<&str>, name: &str) -> Option<String> {
    let base = match name {
        "METRE" => "M",
        "SQUARE_METRE" => "M2",
        "CUBIC_METRE" => "M3",
        "GRAM" => "GM",
        "SECOND" => "SEC",
        "RADIAN" => "RAD",
        "STERADIAN" => "SR",
        "KELVIN" => "K",
        "DEGREE_CELSIUS" => "DEG_C",
        "WATT" => "W",
        "JOULE" => "J",
        "PASCAL" => "PA",
        "NEWTON" => "N",
        "HERTZ" => "HZ",
        "VOLT" => "V",
        "AMPERE" => "A",
        "OHM" => "OHM",
        "LUMEN" => "LM",
        "LUX" => "LUX",
        "CANDELA" => "CD",
        "MOLE" => "MOL",
        _ => return None,
    };
    let prefix = match prefix {
        None => "",
        Some("EXA") => "Exa",
        Some("PETA") => "Peta",
        Some("TERA") => "Tera",
        Some("GIGA") => "Giga",
        Some("MEGA") => "Mega",
        Some("KILO") => "Kilo",
        Some("HECTO") => "Hecto",
        Some("DECA") => "Deca",
        Some("DECI") => "Deci",
        Some("CENTI") => "Centi",
        Some("MILLI") => "Milli",
        Some("MICRO") => "Micro",
        Some("NANO") => "Nano",
        Some("PICO") => "Pico",
        Some(_) => return None,
    };
    Some(format!("{prefix}{base}"))
}

/// The QUDT unit of an `IfcConversionBasedUnit`, by its name (`DEGREE`, `FOOT` …).
pub fn conversion_unit(name: &str) -> Option<&'static str> {
    Some(match name.trim().to_ascii_uppercase().as_str() {
        "DEGREE" | "DEGREES" => "DEG",
        "FOOT" => "FT",
        "INCH" => "IN",
        "YARD" => "YD",
        "MILE" => "MI",
        "SQUARE FOOT" | "SQUARE_FOOT" => "FT2",
        "SQUARE INCH" | "SQUARE_INCH" => "IN2",
        "CUBIC FOOT" | "CUBIC_FOOT" => "FT3",
        "CUBIC INCH" | "CUBIC_INCH" => "IN3",
        "POUND" => "LB",
        "GALLON UK" => "GAL_UK",
        "GALLON US" => "GAL_US",
        "LITRE" => "L",
        "YEAR" => "YR",
        "DAY" => "DAY",
        "HOUR" => "HR",
        "MINUTE" => "MIN",
        _ => return None,
    })
}

/// The SI unit assumed for a unit type when the file assigns none.
fn default_unit(unit_type: &str) -> Option<&'static str> {
    Some(match unit_type {
        "LENGTHUNIT" => "M",
        "AREAUNIT" => "M2",
        "VOLUMEUNIT" => "M3",
        "MASSUNIT" => "KiloGM",
        "TIMEUNIT" => "SEC",
        "PLANEANGLEUNIT" => "RAD",
        "THERMODYNAMICTEMPERATUREUNIT" => "K",
        "POWERUNIT" => "W",
        "ENERGYUNIT" => "J",
        "PRESSUREUNIT" => "PA",
        "THERMALTRANSMITTANCEUNIT" => "W-PER-M2-K",
        "THERMALCONDUCTANCEUNIT" => "W-PER-M-K",
        "MASSDENSITYUNIT" => "KiloGM-PER-M3",
        "SPECIFICHEATCAPACITYUNIT" => "J-PER-KiloGM-K",
        "HEATFLUXDENSITYUNIT" => "W-PER-M2",
        "LINEARVELOCITYUNIT" => "M-PER-SEC",
        "VOLUMETRICFLOWRATEUNIT" => "M3-PER-SEC",
        "ELECTRICCURRENTUNIT" => "A",
        "ELECTRICVOLTAGEUNIT" => "V",
        "FREQUENCYUNIT" => "HZ",
        "ILLUMINANCEUNIT" => "LUX",
        "LUMINOUSFLUXUNIT" => "LM",
        _ => return None,
    })
}

/// The unit type and QUDT quantity kind of a measure type (`IfcAreaMeasure` →
/// `AREAUNIT`, `Area`).
pub fn measure_kind(measure: &str) -> Option<(&'static str, &'static str)> {
    Some(match measure.to_ascii_uppercase().as_str() {
        "IFCLENGTHMEASURE" | "IFCPOSITIVELENGTHMEASURE" | "IFCNONNEGATIVELENGTHMEASURE" => {
            ("LENGTHUNIT", "Length")
        }
        "IFCAREAMEASURE" => ("AREAUNIT", "Area"),
        "IFCVOLUMEMEASURE" => ("VOLUMEUNIT", "Volume"),
        "IFCMASSMEASURE" => ("MASSUNIT", "Mass"),
        "IFCTIMEMEASURE" => ("TIMEUNIT", "Time"),
        "IFCPLANEANGLEMEASURE" | "IFCPOSITIVEPLANEANGLEMEASURE" => ("PLANEANGLEUNIT", "PlaneAngle"),
        "IFCTHERMODYNAMICTEMPERATUREMEASURE" => ("THERMODYNAMICTEMPERATUREUNIT", "Temperature"),
        "IFCPOWERMEASURE" => ("POWERUNIT", "Power"),
        "IFCENERGYMEASURE" => ("ENERGYUNIT", "Energy"),
        "IFCPRESSUREMEASURE" => ("PRESSUREUNIT", "Pressure"),
        "IFCTHERMALTRANSMITTANCEMEASURE" => ("THERMALTRANSMITTANCEUNIT", "ThermalTransmittance"),
        "IFCTHERMALCONDUCTIVITYMEASURE" => ("THERMALCONDUCTANCEUNIT", "ThermalConductivity"),
        "IFCMASSDENSITYMEASURE" => ("MASSDENSITYUNIT", "Density"),
        "IFCLINEARVELOCITYMEASURE" => ("LINEARVELOCITYUNIT", "LinearVelocity"),
        "IFCVOLUMETRICFLOWRATEMEASURE" => ("VOLUMETRICFLOWRATEUNIT", "VolumeFlowRate"),
        "IFCELECTRICCURRENTMEASURE" => ("ELECTRICCURRENTUNIT", "ElectricCurrent"),
        "IFCELECTRICVOLTAGEMEASURE" => ("ELECTRICVOLTAGEUNIT", "Voltage"),
        "IFCFREQUENCYMEASURE" => ("FREQUENCYUNIT", "Frequency"),
        "IFCILLUMINANCEMEASURE" => ("ILLUMINANCEUNIT", "Illuminance"),
        "IFCLUMINOUSFLUXMEASURE" => ("LUMINOUSFLUXUNIT", "LuminousFlux"),
        _ => return None,
    })
}

/// The QUDT unit (local name) of a unit instance (`IfcSIUnit`, `IfcConversionBasedUnit`,
/// `IfcDerivedUnit`, `IfcContextDependentUnit`), with its unit type.
pub fn unit_of(data: &Data, e: &Entity) -> Option<(String, String)> {
    let ty = data.type_name(e);
    let unit_type = e.args.get(1).and_then(Value::as_enum).map(str::to_owned);
    match ty {
        "IFCSIUNIT" => {
            let prefix = e.args.get(2).and_then(Value::as_enum);
            let name = e.args.get(3).and_then(Value::as_enum)?;
            Some((unit_type?, si_unit(prefix, name)?))
        }
        "IFCCONVERSIONBASEDUNIT" | "IFCCONVERSIONBASEDUNITWITHOFFSET" => {
            let name = e.args.get(2).and_then(Value::as_str)?;
            Some((unit_type?, conversion_unit(name)?.to_owned()))
        }
        "IFCDERIVEDUNIT" => {
            let t = e.args.get(1).and_then(Value::as_enum)?;
            Some((t.to_owned(), default_unit(t)?.to_owned()))
        }
        _ => None,
    }
}

/// The project's units: unit type (`LENGTHUNIT`) → QUDT unit local name.
#[derive(Debug, Default, Clone)]
pub struct Units {
    by_type: HashMap<String, String>,
    /// Units of the assignment that have no QUDT equivalent here (unit type, name).
    pub unmapped: Vec<String>,
}

impl Units {
    /// Reads an `IfcUnitAssignment`.
    pub fn from_assignment(data: &Data, assignment: &Entity) -> Self {
        let mut units = Self::default();
        for r in assignment
            .args
            .first()
            .map(Value::items)
            .unwrap_or_default()
        {
            let Some(u) = r.as_ref_id().and_then(|id| data.get(id)) else {
                continue;
            };
            match unit_of(data, u) {
                Some((t, q)) => {
                    units.by_type.insert(t, q);
                }
                None if data.type_name(u) != "IFCMONETARYUNIT" => {
                    let t = u.args.get(1).and_then(Value::as_enum).unwrap_or("?");
                    units
                        .unmapped
                        .push(format!("#{} {} {t}", u.id, data.type_name(u)));
                }
                None => {}
            }
        }
        units
    }

    /// The QUDT unit of a unit type: the assigned one, else the SI unit.
    pub fn get(&self, unit_type: &str) -> Option<&str> {
        self.by_type
            .get(unit_type)
            .map(String::as_str)
            .or_else(|| default_unit(unit_type))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn si_prefixes() {
        assert_eq!(si_unit(Some("MILLI"), "METRE").as_deref(), Some("MilliM"));
        assert_eq!(si_unit(None, "SQUARE_METRE").as_deref(), Some("M2"));
        assert_eq!(si_unit(Some("KILO"), "GRAM").as_deref(), Some("KiloGM"));
        assert_eq!(
            si_unit(Some("CENTI"), "CUBIC_METRE").as_deref(),
            Some("CentiM3")
        );
        assert_eq!(si_unit(None, "FURLONG"), None);
        assert_eq!(conversion_unit("degree"), Some("DEG"));
        assert_eq!(measure_kind("IfcAreaMeasure"), Some(("AREAUNIT", "Area")));
    }
}
