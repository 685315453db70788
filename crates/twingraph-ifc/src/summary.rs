//! What an import read and wrote.

use crate::schema::SchemaVersion;
use std::collections::BTreeMap;
use std::fmt;

/// The summary of one import.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The `FILE_SCHEMA` name as written (`IFC2X3`, `IFC4X3_ADD2` …).
    pub schema: String,
    /// The schema tables used.
    pub version: SchemaVersion,
    /// Bytes read.
    pub bytes: u64,
    /// Entity instances read.
    pub entities: usize,
    /// The project slug used in the IRIs (`{base}ifc/{slug}/{GlobalId}`).
    pub project_slug: String,
    /// `IfcSite` instances mapped.
    pub sites: usize,
    /// `IfcBuilding` instances mapped.
    pub buildings: usize,
    /// `IfcBuildingStorey` instances mapped.
    pub storeys: usize,
    /// `IfcSpace` instances mapped.
    pub spaces: usize,
    /// Elements mapped (`IfcElement` subtypes except `IfcFeatureElement`).
    pub elements: usize,
    /// Elements by IFC class (`IfcWallStandardCase` → 12).
    pub elements_by_class: BTreeMap<String, usize>,
    /// BOT containment and decomposition links written.
    pub relations: usize,
    /// Property values written as `props:` literals.
    pub properties: usize,
    /// Quantity values written (`tg:quantity`).
    pub quantities: usize,
    /// Properties of kinds not mapped (bounded, list, table, complex values).
    pub properties_skipped: usize,
    /// Postal addresses written.
    pub addresses: usize,
    /// Whether a site got a point geometry.
    pub located: bool,
    /// UPRNs linked.
    pub uprns: Vec<String>,
    /// Instances of types the schema does not define (skipped).
    pub skipped_unknown: usize,
    /// Triples in the output.
    pub triples: usize,
    /// Of them, triples of the ifcOWL graph (`--ifcowl`; 0 without).
    pub ifcowl_triples: usize,
    /// Everything skipped or doubtful, one line each.
    pub warnings: Vec<String>,
}

impl Summary {
    pub(crate) fn new(schema: String, version: SchemaVersion) -> Self {
        Self {
            schema,
            version,
            bytes: 0,
            entities: 0,
            project_slug: String::new(),
            sites: 0,
            buildings: 0,
            storeys: 0,
            spaces: 0,
            elements: 0,
            elements_by_class: BTreeMap::new(),
            relations: 0,
            properties: 0,
            quantities: 0,
            properties_skipped: 0,
            addresses: 0,
            located: false,
            uprns: Vec::new(),
            skipped_unknown: 0,
            triples: 0,
            ifcowl_triples: 0,
            warnings: Vec::new(),
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "schema {} ({} entities, {} bytes), project {}",
            self.schema, self.entities, self.bytes, self.project_slug
        )?;
        writeln!(
            f,
            "sites {}, buildings {}, storeys {}, spaces {}, elements {}",
            self.sites, self.buildings, self.storeys, self.spaces, self.elements
        )?;
        for (class, n) in &self.elements_by_class {
            writeln!(f, "  {class}: {n}")?;
        }
        writeln!(
            f,
            "properties {}, quantities {}, addresses {}, UPRNs [{}], triples {}, warnings {}",
            self.properties,
            self.quantities,
            self.addresses,
            self.uprns.join(", "),
            self.triples,
            self.warnings.len()
        )?;
        if self.ifcowl_triples > 0 {
            writeln!(f, "ifcOWL triples {}", self.ifcowl_triples)?;
        }
        Ok(())
    }
}
