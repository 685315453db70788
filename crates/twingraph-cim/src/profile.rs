//! CGMES versions and profiles, recognised from namespaces and `md:Model.profile` URIs.

/// The CIM namespace of CGMES 2.4.15.
pub const CIM16: &str = "http://iec.ch/TC57/2013/CIM-schema-cim16#";
/// The CIM namespace of CGMES 3.0.
pub const CIM100: &str = "http://iec.ch/TC57/CIM100#";
/// The model description (header) namespace.
pub const MD: &str = "http://iec.ch/TC57/61970-552/ModelDescription/1#";
/// The difference model namespace.
pub const DM: &str = "http://iec.ch/TC57/61970-552/DifferenceModel/1#";
/// The ENTSO-E extension namespace of CGMES 2.4.15.
pub const ENTSOE: &str = "http://entsoe.eu/CIM/SchemaExtension/3/1#";
/// The European extension namespace of CGMES 3.0.
pub const EU: &str = "http://iec.ch/TC57/CIM100-European#";

/// The CIM version of a file, from the CIM namespace it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CimVersion {
    /// CGMES 2.4.15 (CIM 16, `http://iec.ch/TC57/2013/CIM-schema-cim16#`).
    Cgmes2_4_15,
    /// CGMES 3.0 (CIM 17, `http://iec.ch/TC57/CIM100#`).
    Cgmes3_0,
}

impl CimVersion {
    /// The version of a CIM namespace, `None` for a namespace that is not a CIM schema.
    /// `Err` for a CIM schema namespace of an unsupported version (e.g. cim14).
    pub fn of_namespace(ns: &str) -> Option<Result<Self, ()>> {
        match ns {
            CIM16 => Some(Ok(Self::Cgmes2_4_15)),
            CIM100 => Some(Ok(Self::Cgmes3_0)),
            _ if ns.starts_with("http://iec.ch/TC57/") && ns.contains("CIM-schema-cim") => {
                Some(Err(()))
            }
            _ if ns
                .strip_prefix("http://iec.ch/TC57/CIM")
                .and_then(|r| r.strip_suffix('#'))
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) =>
            {
                Some(Err(()))
            }
            _ => None,
        }
    }

    /// The CIM namespace.
    pub fn namespace(self) -> &'static str {
        match self {
            Self::Cgmes2_4_15 => CIM16,
            Self::Cgmes3_0 => CIM100,
        }
    }

    /// `CGMES 2.4.15` or `CGMES 3.0`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Cgmes2_4_15 => "CGMES 2.4.15",
            Self::Cgmes3_0 => "CGMES 3.0",
        }
    }
}

impl std::fmt::Display for CimVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// A CGMES profile (instance file kind). The EQ sub-profiles (short circuit, operation)
/// count as [`Profile::Eq`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Profile {
    /// Equipment (core, operation, short circuit).
    Eq,
    /// Topology.
    Tp,
    /// Steady state hypothesis.
    Ssh,
    /// State variables.
    Sv,
    /// Diagram layout.
    Dl,
    /// Geographical location.
    Gl,
    /// Dynamics.
    Dy,
    /// Equipment boundary.
    EqBd,
    /// Topology boundary (CGMES 2.4.15).
    TpBd,
    /// A profile URI this reader does not know (only with
    /// [`CimOptions::allow_unknown_profiles`](crate::CimOptions::allow_unknown_profiles)).
    Other,
}

/// Known profile URIs (2.4.15 and 3.0), matched as substrings so that the
/// concatenated `…DifferenceModel/1http://entsoe.eu/CIM/EquipmentCore/3/1` written by some
/// tools is still recognised. Longer names first.
const PROFILE_URIS: &[(&str, Profile)] = &[
    // CGMES 2.4.15
    ("entsoe.eu/CIM/EquipmentBoundaryOperation/", Profile::EqBd),
    ("entsoe.eu/CIM/EquipmentBoundary/", Profile::EqBd),
    ("entsoe.eu/CIM/TopologyBoundary/", Profile::TpBd),
    ("entsoe.eu/CIM/EquipmentCore/", Profile::Eq),
    ("entsoe.eu/CIM/EquipmentOperation/", Profile::Eq),
    ("entsoe.eu/CIM/EquipmentShortCircuit/", Profile::Eq),
    ("entsoe.eu/CIM/Topology/", Profile::Tp),
    ("entsoe.eu/CIM/SteadyStateHypothesis/", Profile::Ssh),
    ("entsoe.eu/CIM/StateVariables/", Profile::Sv),
    ("entsoe.eu/CIM/DiagramLayout/", Profile::Dl),
    ("entsoe.eu/CIM/GeographicalLocation/", Profile::Gl),
    ("entsoe.eu/CIM/Dynamics/", Profile::Dy),
    // CGMES 3.0
    ("iec.ch/TC57/ns/CIM/EquipmentBoundary-EU/", Profile::EqBd),
    ("iec.ch/TC57/ns/CIM/CoreEquipment-EU/", Profile::Eq),
    ("iec.ch/TC57/ns/CIM/Operation-EU/", Profile::Eq),
    ("iec.ch/TC57/ns/CIM/ShortCircuit-EU/", Profile::Eq),
    ("iec.ch/TC57/ns/CIM/Topology-EU/", Profile::Tp),
    ("iec.ch/TC57/ns/CIM/SteadyStateHypothesis-EU/", Profile::Ssh),
    ("iec.ch/TC57/ns/CIM/StateVariables-EU/", Profile::Sv),
    ("iec.ch/TC57/ns/CIM/DiagramLayout-EU/", Profile::Dl),
    ("iec.ch/TC57/ns/CIM/GeographicalLocation-EU/", Profile::Gl),
    ("iec.ch/TC57/ns/CIM/Dynamics-EU/", Profile::Dy),
];

impl Profile {
    /// The profile of a `md:Model.profile` URI, `None` when unknown.
    pub fn of_uri(uri: &str) -> Option<Self> {
        PROFILE_URIS
            .iter()
            .find(|(needle, _)| uri.contains(needle))
            .map(|(_, p)| *p)
    }

    /// The primary profile of a model with these profile URIs: the first known one in
    /// the order EQ_BD, TP_BD, EQ, TP, SSH, SV, DL, GL, DY.
    pub fn primary(profiles: &[Self]) -> Self {
        const ORDER: [Profile; 9] = [
            Profile::EqBd,
            Profile::TpBd,
            Profile::Eq,
            Profile::Tp,
            Profile::Ssh,
            Profile::Sv,
            Profile::Dl,
            Profile::Gl,
            Profile::Dy,
        ];
        ORDER
            .into_iter()
            .find(|p| profiles.contains(p))
            .unwrap_or(Profile::Other)
    }

    /// The short name: `EQ`, `TP`, `SSH`, `SV`, `DL`, `GL`, `DY`, `EQ_BD`, `TP_BD`, `other`.
    pub fn short_name(self) -> &'static str {
        match self {
            Self::Eq => "EQ",
            Self::Tp => "TP",
            Self::Ssh => "SSH",
            Self::Sv => "SV",
            Self::Dl => "DL",
            Self::Gl => "GL",
            Self::Dy => "DY",
            Self::EqBd => "EQ_BD",
            Self::TpBd => "TP_BD",
            Self::Other => "other",
        }
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.short_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles() {
        assert_eq!(
            Profile::of_uri("http://entsoe.eu/CIM/EquipmentCore/3/1"),
            Some(Profile::Eq)
        );
        assert_eq!(
            Profile::of_uri(
                "http://iec.ch/TC57/61970-552/DifferenceModel/1http://entsoe.eu/CIM/Topology/4/1"
            ),
            Some(Profile::Tp)
        );
        assert_eq!(
            Profile::of_uri("http://entsoe.eu/CIM/TopologyBoundary/3/1"),
            Some(Profile::TpBd)
        );
        assert_eq!(
            Profile::of_uri("http://iec.ch/TC57/ns/CIM/CoreEquipment-EU/3.0"),
            Some(Profile::Eq)
        );
        assert_eq!(Profile::of_uri("http://example.org/x"), None);
        assert_eq!(
            Profile::primary(&[Profile::Eq, Profile::EqBd]),
            Profile::EqBd
        );
    }

    #[test]
    fn versions() {
        assert_eq!(
            CimVersion::of_namespace(CIM16),
            Some(Ok(CimVersion::Cgmes2_4_15))
        );
        assert_eq!(
            CimVersion::of_namespace(CIM100),
            Some(Ok(CimVersion::Cgmes3_0))
        );
        assert_eq!(
            CimVersion::of_namespace("http://iec.ch/TC57/2009/CIM-schema-cim14#"),
            Some(Err(()))
        );
        assert_eq!(CimVersion::of_namespace(MD), None);
        assert_eq!(CimVersion::of_namespace(ENTSOE), None);
        assert_eq!(CimVersion::of_namespace(EU), None);
        assert_eq!(
            CimVersion::of_namespace("http://iec.ch/TC57/CIM101#"),
            Some(Err(()))
        );
    }
}
