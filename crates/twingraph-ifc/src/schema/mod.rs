//! The IFC schemas: entity names in their proper case, supertypes and attribute names.
//!
//! The tables (`ifc2x3.txt`, `ifc4.txt`, `ifc4x3.txt`) list each entity with its supertype
//! and its own explicit attributes; they were generated from the EXPRESS schemas bundled
//! with IfcOpenShell by `tests/python/gen_schema.py`. Attributes are found by name, so the
//! mapping does not depend on positions that differ between schema versions.

pub mod types;

use std::collections::HashMap;
use std::sync::LazyLock;

/// The schema versions the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SchemaVersion {
    /// IFC2X3 (TC1).
    Ifc2x3,
    /// IFC4 (ADD2 TC1).
    Ifc4,
    /// IFC4X3 (ADD2); IFC4X1 and IFC4X2 files are read with it too.
    Ifc4x3,
}

impl SchemaVersion {
    /// The version named by a `FILE_SCHEMA` entry (case-insensitive, with or without an
    /// addendum or corrigendum suffix such as `IFC2X3_TC1` or `IFC4X3_ADD2`).
    pub fn from_name(name: &str) -> Option<Self> {
        let n = name.trim().to_ascii_uppercase();
        let base = n.split('_').next().unwrap_or_default();
        match base {
            "IFC2X3" => Some(Self::Ifc2x3),
            "IFC4" => Some(Self::Ifc4),
            "IFC4X1" | "IFC4X2" | "IFC4X3" => Some(Self::Ifc4x3),
            _ => None,
        }
    }

    /// The canonical name (`IFC2X3`, `IFC4`, `IFC4X3`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Ifc2x3 => "IFC2X3",
            Self::Ifc4 => "IFC4",
            Self::Ifc4x3 => "IFC4X3",
        }
    }

    /// The loaded schema tables of this version.
    pub fn schema(self) -> &'static Schema {
        static IFC2X3: LazyLock<Schema> =
            LazyLock::new(|| Schema::parse(SchemaVersion::Ifc2x3, include_str!("ifc2x3.txt")));
        static IFC4: LazyLock<Schema> =
            LazyLock::new(|| Schema::parse(SchemaVersion::Ifc4, include_str!("ifc4.txt")));
        static IFC4X3: LazyLock<Schema> =
            LazyLock::new(|| Schema::parse(SchemaVersion::Ifc4x3, include_str!("ifc4x3.txt")));
        match self {
            Self::Ifc2x3 => &IFC2X3,
            Self::Ifc4 => &IFC4,
            Self::Ifc4x3 => &IFC4X3,
        }
    }
}

/// An entity of a schema, by index.
pub type EntityIdx = usize;

/// One schema's entities.
#[derive(Debug)]
pub struct Schema {
    /// Which version.
    pub version: SchemaVersion,
    names: Vec<String>,
    by_upper: HashMap<String, EntityIdx>,
    supertype: Vec<Option<EntityIdx>>,
    /// All explicit attributes, inherited ones first.
    attrs: Vec<Vec<String>>,
}

impl Schema {
    fn parse(version: SchemaVersion, text: &str) -> Self {
        let rows: Vec<(&str, &str, &str)> = text
            .lines()
            .filter_map(|l| {
                let mut it = l.split(' ');
                Some((it.next()?, it.next()?, it.next()?))
            })
            .collect();
        let names: Vec<String> = rows.iter().map(|r| r.0.to_owned()).collect();
        let by_name: HashMap<&str, usize> =
            rows.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
        let supertype: Vec<Option<usize>> =
            rows.iter().map(|r| by_name.get(r.1).copied()).collect();
        let mut attrs = Vec::with_capacity(rows.len());
        for i in 0..rows.len() {
            let mut chain = vec![i];
            while let Some(s) = supertype[*chain.last().unwrap_or(&i)] {
                if chain.contains(&s) {
                    break;
                }
                chain.push(s);
            }
            let mut all = Vec::new();
            for &c in chain.iter().rev() {
                if rows[c].2 != "-" {
                    all.extend(rows[c].2.split(',').map(str::to_owned));
                }
            }
            attrs.push(all);
        }
        let by_upper = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_ascii_uppercase(), i))
            .collect();
        Self {
            version,
            names,
            by_upper,
            supertype,
            attrs,
        }
    }

    /// The entity with this (upper-case) STEP keyword.
    pub fn lookup(&self, keyword: &str) -> Option<EntityIdx> {
        self.by_upper.get(keyword).copied()
    }

    /// The entity's name in its proper case (`IfcWallStandardCase`).
    pub fn name(&self, e: EntityIdx) -> &str {
        &self.names[e]
    }

    /// The supertype of an entity.
    pub fn supertype(&self, e: EntityIdx) -> Option<EntityIdx> {
        self.supertype[e]
    }

    /// Whether `e` is `ancestor` or one of its subtypes.
    pub fn is_a(&self, e: EntityIdx, ancestor: &str) -> bool {
        let mut cur = Some(e);
        while let Some(c) = cur {
            if self.names[c] == ancestor {
                return true;
            }
            cur = self.supertype[c];
        }
        false
    }

    /// The position of the named attribute (inherited attributes counted).
    pub fn attr_index(&self, e: EntityIdx, attr: &str) -> Option<usize> {
        self.attrs[e].iter().position(|a| a == attr)
    }

    /// All explicit attribute names of an entity, inherited ones first.
    pub fn attributes(&self, e: EntityIdx) -> &[String] {
        &self.attrs[e]
    }

    /// The entity that declares attribute number `i` of `e`.
    pub fn declaring_entity(&self, e: EntityIdx, i: usize) -> Option<EntityIdx> {
        let mut cur = Some(e);
        let mut found = None;
        while let Some(c) = cur {
            if self.attrs[c].len() > i {
                found = Some(c);
            } else {
                break;
            }
            cur = self.supertype[c];
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let s = SchemaVersion::Ifc4.schema();
        let site = s.lookup("IFCSITE").unwrap();
        assert_eq!(s.name(site), "IfcSite");
        assert_eq!(s.attr_index(site, "RefLatitude"), Some(9));
        assert_eq!(s.attr_index(site, "GlobalId"), Some(0));
        let wall = s.lookup("IFCWALLSTANDARDCASE").unwrap();
        assert!(s.is_a(wall, "IfcElement"));
        assert_eq!(s.name(s.declaring_entity(wall, 2).unwrap()), "IfcRoot");
        let s2 = SchemaVersion::Ifc2x3.schema();
        let agg = s2.lookup("IFCRELAGGREGATES").unwrap();
        assert_eq!(s2.attr_index(agg, "RelatedObjects"), Some(5));
        assert_eq!(
            SchemaVersion::from_name("ifc4x3_add2"),
            Some(SchemaVersion::Ifc4x3)
        );
        assert_eq!(SchemaVersion::from_name("IFC5"), None);
    }
}
