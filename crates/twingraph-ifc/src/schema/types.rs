//! The declared types of attributes and defined types, which the ifcOWL writer needs to
//! know how to wrap a value (`IfcLabel` → `express:hasString`, `LIST OF IfcLengthMeasure`
//! → an `IfcLengthMeasure_List`).
//!
//! The tables (`ifc2x3_types.txt`, `ifc4_types.txt`, `ifc4x3_types.txt`) were generated
//! from the EXPRESS schemas bundled with IfcOpenShell by `tests/python/gen_ifcowl.py`, which
//! also checks that every ifcOWL name derived from them exists in the published IFC2X3_TC1
//! and IFC4_ADD2 ontologies (0 missing of 4,343 and 5,116).

use super::SchemaVersion;
use std::collections::HashMap;
use std::sync::LazyLock;

/// An EXPRESS simple type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simple {
    /// STRING.
    String,
    /// REAL.
    Real,
    /// INTEGER.
    Integer,
    /// NUMBER.
    Number,
    /// BOOLEAN.
    Boolean,
    /// LOGICAL.
    Logical,
    /// BINARY.
    Binary,
}

impl Simple {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "STRING" => Self::String,
            "REAL" => Self::Real,
            "INTEGER" => Self::Integer,
            "NUMBER" => Self::Number,
            "BOOLEAN" => Self::Boolean,
            "LOGICAL" => Self::Logical,
            "BINARY" => Self::Binary,
            _ => return None,
        })
    }

    /// The EXPRESS name (`REAL`), which is also the local name of its class in the
    /// EXPRESS ontology (`express:REAL`).
    pub fn name(self) -> &'static str {
        match self {
            Self::String => "STRING",
            Self::Real => "REAL",
            Self::Integer => "INTEGER",
            Self::Number => "NUMBER",
            Self::Boolean => "BOOLEAN",
            Self::Logical => "LOGICAL",
            Self::Binary => "BINARY",
        }
    }
}

/// A declared type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// An entity.
    Entity(String),
    /// A select type.
    Select(String),
    /// A defined type (`IfcLabel`).
    Defined(String),
    /// An enumeration.
    Enum(String),
    /// A simple type.
    Simple(Simple),
    /// LIST or ARRAY: ordered.
    List(Box<Ty>),
    /// SET or BAG: unordered.
    Set(Box<Ty>),
}

impl Ty {
    fn parse(s: &str) -> Option<Self> {
        if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            return Some(Self::List(Box::new(Self::parse(inner)?)));
        }
        if let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            return Some(Self::Set(Box::new(Self::parse(inner)?)));
        }
        if let Some((kind, name)) = s.split_once(':') {
            let name = name.to_owned();
            return Some(match kind {
                "E" => Self::Entity(name),
                "S" => Self::Select(name),
                "T" => Self::Defined(name),
                "N" => Self::Enum(name),
                _ => return None,
            });
        }
        Simple::parse(s).map(Self::Simple)
    }
}

/// The type tables of one schema.
#[derive(Debug, Default)]
pub struct Types {
    /// `(declaring entity, attribute)` → declared type.
    attrs: HashMap<(String, String), Ty>,
    /// Upper-case defined type keyword (`IFCLABEL`) → name and underlying type.
    defined: HashMap<String, (String, Ty)>,
    /// Enumeration → its items.
    enums: HashMap<String, Vec<String>>,
}

impl Types {
    fn parse(text: &str) -> Self {
        let mut t = Self::default();
        for line in text.lines() {
            let mut it = line.split(' ');
            match (it.next(), it.next(), it.next(), it.next()) {
                (Some("A"), Some(e), Some(a), Some(ty)) => {
                    if let Some(ty) = Ty::parse(ty) {
                        t.attrs.insert((e.to_owned(), a.to_owned()), ty);
                    }
                }
                (Some("D"), Some(name), Some(ty), None) => {
                    if let Some(ty) = Ty::parse(ty) {
                        t.defined
                            .insert(name.to_ascii_uppercase(), (name.to_owned(), ty));
                    }
                }
                (Some("N"), Some(name), Some(items), None) => {
                    t.enums.insert(
                        name.to_owned(),
                        items.split(',').map(str::to_owned).collect(),
                    );
                }
                _ => {}
            }
        }
        t
    }

    /// The tables of a schema version.
    pub fn of(version: SchemaVersion) -> &'static Self {
        static IFC2X3: LazyLock<Types> =
            LazyLock::new(|| Types::parse(include_str!("ifc2x3_types.txt")));
        static IFC4: LazyLock<Types> =
            LazyLock::new(|| Types::parse(include_str!("ifc4_types.txt")));
        static IFC4X3: LazyLock<Types> =
            LazyLock::new(|| Types::parse(include_str!("ifc4x3_types.txt")));
        match version {
            SchemaVersion::Ifc2x3 => &IFC2X3,
            SchemaVersion::Ifc4 => &IFC4,
            SchemaVersion::Ifc4x3 => &IFC4X3,
        }
    }

    /// The declared type of attribute `attr` declared by `entity`.
    pub fn attribute(&self, entity: &str, attr: &str) -> Option<&Ty> {
        self.attrs.get(&(entity.to_owned(), attr.to_owned()))
    }

    /// Whether `item` is an item of the enumeration `name`.
    pub fn is_item(&self, name: &str, item: &str) -> bool {
        self.enums
            .get(name)
            .is_some_and(|items| items.iter().any(|i| i == item))
    }

    /// The name and underlying type of a defined type, by its STEP keyword (`IFCLABEL`).
    pub fn defined(&self, keyword: &str) -> Option<(&str, &Ty)> {
        self.defined.get(keyword).map(|(n, t)| (n.as_str(), t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let t = Types::of(SchemaVersion::Ifc4);
        assert_eq!(
            t.attribute("IfcRoot", "Name"),
            Some(&Ty::Defined("IfcLabel".into()))
        );
        assert_eq!(
            t.attribute("IfcCartesianPointList3D", "CoordList"),
            Some(&Ty::List(Box::new(Ty::List(Box::new(Ty::Defined(
                "IfcLengthMeasure".into()
            ))))))
        );
        assert_eq!(
            t.defined("IFCCOMPOUNDPLANEANGLEMEASURE"),
            Some((
                "IfcCompoundPlaneAngleMeasure",
                &Ty::List(Box::new(Ty::Simple(Simple::Integer)))
            ))
        );
        let t2 = Types::of(SchemaVersion::Ifc2x3);
        assert_eq!(
            t2.attribute("IfcEdgeCurve", "SameSense"),
            Some(&Ty::Simple(Simple::Boolean))
        );
        assert!(
            Types::of(SchemaVersion::Ifc4x3)
                .defined("IFCLABEL")
                .is_some()
        );
    }
}
