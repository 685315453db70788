//! Literal datatypes from the CGMES RDFS (`cims:dataType`), for
//! [`CimOptions::typed_literals`](crate::CimOptions::typed_literals).
//!
//! An attribute's `cims:dataType` is either a primitive (`Float`, `Boolean`, `Integer`,
//! `DateTime`, `Date`, `Decimal`, `Duration`, `Time`, `MonthDay`, `String`) or a
//! `CIMDatatype` (e.g. `Resistance`) whose `.value` attribute has a primitive type. Both
//! the CGMES 2.4.15 (`*RDFSAugmented*.rdf`) and the 3.0 (`RDFS2020`) files work.

use crate::error::CimError;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const CIMS_DATATYPE: &str = "http://iec.ch/TC57/1999/rdf-schema-extensions-19990926#dataType";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Property IRI → XSD datatype, read from CGMES RDFS files.
#[derive(Debug, Clone, Default)]
pub struct Datatypes {
    map: HashMap<String, NamedNode>,
}

fn primitive(local: &str) -> Option<&'static str> {
    Some(match local {
        "Float" => "float",
        "Boolean" => "boolean",
        "Integer" => "integer",
        "DateTime" => "dateTime",
        "Date" => "date",
        "Decimal" => "decimal",
        "Duration" => "duration",
        "Time" => "time",
        "MonthDay" => "gMonthDay",
        "String" => "string",
        _ => return None,
    })
}

impl Datatypes {
    /// Reads RDFS files; a directory stands for the `.rdf` files in it (not recursive).
    pub fn load(paths: &[PathBuf]) -> Result<Self, CimError> {
        let mut files = Vec::new();
        for p in paths {
            if p.is_dir() {
                let entries = std::fs::read_dir(p).map_err(|source| CimError::Io {
                    file: p.display().to_string(),
                    source,
                })?;
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|f| f.extension().is_some_and(|x| x.eq_ignore_ascii_case("rdf")))
                    .collect();
                found.sort();
                if found.is_empty() {
                    return Err(CimError::Schema {
                        file: p.display().to_string(),
                        message: "no .rdf file in this folder".to_owned(),
                    });
                }
                files.extend(found);
            } else {
                files.push(p.clone());
            }
        }
        let mut declared: HashMap<String, String> = HashMap::new();
        for f in &files {
            let data = std::fs::read(f).map_err(|source| CimError::Io {
                file: f.display().to_string(),
                source,
            })?;
            Self::collect(f, &data, &mut declared)?;
        }
        Ok(Self::resolve(&declared))
    }

    /// Reads RDFS from memory (RDF/XML); `name` is used in error messages.
    pub fn from_rdfxml(name: &str, data: &[u8]) -> Result<Self, CimError> {
        let mut declared = HashMap::new();
        Self::collect(Path::new(name), data, &mut declared)?;
        Ok(Self::resolve(&declared))
    }

    fn collect(
        file: &Path,
        data: &[u8],
        declared: &mut HashMap<String, String>,
    ) -> Result<(), CimError> {
        let parser = RdfParser::from_format(RdfFormat::RdfXml)
            .with_base_iri("http://iec.ch/TC57/CIM100")
            .map_err(|e| CimError::Schema {
                file: file.display().to_string(),
                message: e.to_string(),
            })?;
        for q in parser.for_slice(data) {
            let q = q.map_err(|e| CimError::Schema {
                file: file.display().to_string(),
                message: e.to_string(),
            })?;
            if q.predicate.as_str() == CIMS_DATATYPE {
                if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (q.subject, q.object)
                {
                    declared.insert(s.into_string(), o.into_string());
                }
            }
        }
        Ok(())
    }

    fn resolve(declared: &HashMap<String, String>) -> Self {
        let mut map = HashMap::new();
        for (property, dt) in declared {
            let mut current = dt.clone();
            for _ in 0..8 {
                let local = current.rsplit(['#', '/']).next().unwrap_or_default();
                if let Some(x) = primitive(local) {
                    if x != "string" {
                        map.insert(
                            property.clone(),
                            NamedNode::new_unchecked(format!("{XSD}{x}")),
                        );
                    }
                    break;
                }
                match declared.get(&format!("{current}.value")) {
                    Some(next) => current = next.clone(),
                    None => break,
                }
            }
        }
        Self { map }
    }

    /// The datatype of a property, `None` for strings and unknown properties.
    pub fn get(&self, property: &str) -> Option<&NamedNode> {
        self.map.get(property)
    }

    /// How many properties get a datatype.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No datatypes at all.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
