//! IFC to BOT + TwinGraph ontology mapping over a parsed STEP file.
//!
//! [`spatial`] types the spatial structure and the elements and links them; [`properties`]
//! turns property sets and element quantities into literals and QUDT quantity values;
//! [`place`] adds the site's location, postal addresses and the UPRN link; [`ifcowl`]
//! writes the optional ifcOWL graph.

pub mod ifcowl;
pub mod ns;
pub mod place;
pub mod properties;
pub mod spatial;

use crate::ImportOptions;
use crate::error::IfcError;
use crate::schema::{EntityIdx, Schema};
use crate::step::{Data, Entity, Value};
use crate::summary::Summary;
use crate::units::Units;
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::HashMap;
use twingraph_vocab::ns as tg;

/// What an IFC class becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `IfcSite` → `bot:Site`.
    Site,
    /// `IfcBuilding` → `bot:Building`, `bldg:Building`.
    Building,
    /// `IfcBuildingStorey` → `bot:Storey`.
    Storey,
    /// `IfcSpace` → `bot:Space`.
    Space,
    /// `IfcElement` subtypes except `IfcFeatureElement` (openings …) → `bot:Element`.
    Element,
    /// Anything else of the schema (not mapped on its own).
    Other,
    /// A type keyword the schema does not define (skipped with a warning).
    Unknown,
}

/// The mapping state.
pub struct Ctx<'a> {
    /// The instances.
    pub data: &'a Data,
    /// The file's schema.
    pub schema: &'static Schema,
    /// Per interned type keyword: its schema entity.
    pub types: Vec<Option<EntityIdx>>,
    /// Per interned type keyword: what it maps to.
    pub kinds: Vec<Kind>,
    /// The options.
    pub opts: &'a ImportOptions,
    /// `ifc/{project-slug}`: the kind under which GlobalIds are minted.
    pub id_kind: String,
    /// The project's units.
    pub units: Units,
    /// The IRIs of the mapped objects, by instance number.
    pub iris: HashMap<u64, NamedNode>,
    /// The triples written so far.
    pub out: Vec<Triple>,
    /// The summary being filled.
    pub summary: Summary,
}

/// A named node from a constant namespace and local name.
pub fn iri(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

/// A plain `xsd:string` literal.
pub fn string(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

/// An `xsd:double` literal.
pub fn double(v: f64) -> Literal {
    Literal::new_typed_literal(format!("{v}"), iri(tg::XSD, "double"))
}

impl<'a> Ctx<'a> {
    /// Writes a triple.
    pub fn emit(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.out.push(Triple::new(s, p, o));
    }

    /// Writes `s rdf:type class`.
    pub fn emit_type(&mut self, s: &NamedNode, class: NamedNode) {
        self.emit(s.clone(), NamedNode::new_unchecked(tg::RDF_TYPE), class);
    }

    /// Records a warning.
    pub fn warn(&mut self, message: String) {
        self.summary.warnings.push(message);
    }

    /// The schema entity of an instance.
    pub fn entity_of(&self, e: &Entity) -> Option<EntityIdx> {
        self.types.get(e.type_id as usize).copied().flatten()
    }

    /// The kind of an instance.
    pub fn kind(&self, e: &Entity) -> Kind {
        self.kinds
            .get(e.type_id as usize)
            .copied()
            .unwrap_or(Kind::Unknown)
    }

    /// Whether an instance is of the named class or a subtype.
    pub fn is_a(&self, e: &Entity, class: &str) -> bool {
        self.entity_of(e)
            .is_some_and(|t| self.schema.is_a(t, class))
    }

    /// The value of a named attribute of an instance (`$` and `*` included).
    pub fn attr<'e>(&self, e: &'e Entity, name: &str) -> Option<&'e Value> {
        let t = self.entity_of(e)?;
        e.args.get(self.schema.attr_index(t, name)?)
    }

    /// A string attribute, when present and not empty.
    pub fn attr_str<'e>(&self, e: &'e Entity, name: &str) -> Option<&'e str> {
        self.attr(e, name)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// The instance a reference attribute points to.
    pub fn attr_ref(&self, e: &Entity, name: &str) -> Option<&'a Entity> {
        let id = self.attr(e, name)?.as_ref_id()?;
        self.data.get(id)
    }

    /// The instances a list-of-references attribute points to (a single reference too).
    pub fn attr_refs(&self, e: &Entity, name: &str) -> Vec<&'a Entity> {
        let data = self.data;
        match self.attr(e, name) {
            Some(Value::Ref(id)) => data.get(*id).into_iter().collect(),
            Some(v) => v
                .items()
                .iter()
                .filter_map(|i| i.as_ref_id().and_then(|id| data.get(id)))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The proper-case class name of an instance (`IfcWallStandardCase`).
    pub fn class_name(&self, e: &Entity) -> &str {
        match self.entity_of(e) {
            Some(t) => self.schema.name(t),
            None => self.data.type_name(e),
        }
    }

    /// Mints the IRI of an object keyed by its GlobalId.
    pub fn mint(&self, global_id: &str) -> Result<NamedNode, IfcError> {
        twingraph_vocab::mint(&self.opts.base_iri, &self.id_kind, global_id)
            .map_err(|e| IfcError::Options(e.to_string()))
    }
}

/// Classifies every type keyword the file uses.
pub fn classify(data: &Data, schema: &Schema) -> (Vec<Option<EntityIdx>>, Vec<Kind>) {
    let n = data.interner.len();
    let mut types = Vec::with_capacity(n);
    let mut kinds = Vec::with_capacity(n);
    for id in 0..n {
        let t = schema.lookup(data.interner.name(id as u32));
        let kind = match t {
            None => Kind::Unknown,
            Some(t) if schema.is_a(t, "IfcSite") => Kind::Site,
            Some(t) if schema.is_a(t, "IfcBuilding") => Kind::Building,
            Some(t) if schema.is_a(t, "IfcBuildingStorey") => Kind::Storey,
            Some(t) if schema.is_a(t, "IfcSpace") => Kind::Space,
            Some(t) if schema.is_a(t, "IfcElement") && !schema.is_a(t, "IfcFeatureElement") => {
                Kind::Element
            }
            Some(_) => Kind::Other,
        };
        types.push(t);
        kinds.push(kind);
    }
    (types, kinds)
}

/// The project slug: the caller's, else the UUID encoded by the `IfcProject` GlobalId.
pub fn project_slug(ctx_data: &Data, opts: &ImportOptions) -> Result<String, IfcError> {
    if let Some(slug) = &opts.project_slug {
        let ok = !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(IfcError::Options(format!(
                "the project slug `{slug}` must be a-z, 0-9 and `-`"
            )));
        }
        return Ok(slug.clone());
    }
    let project = ctx_data
        .entities
        .iter()
        .find(|e| ctx_data.type_name(e) == "IFCPROJECT");
    Ok(project
        .and_then(|p| p.args.first())
        .and_then(Value::as_str)
        .and_then(guid_to_uuid)
        .unwrap_or_else(|| "no-project".to_owned()))
}

/// Decodes a 22-character IFC GlobalId (IFC base-64) to a lower-case UUID.
pub fn guid_to_uuid(gid: &str) -> Option<String> {
    const CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$";
    let b = gid.as_bytes();
    if b.len() != 22 {
        return None;
    }
    let mut n: u128 = 0;
    for &c in b {
        let v = CHARS.iter().position(|&x| x == c)? as u128;
        n = n.checked_mul(64)?.checked_add(v)?;
    }
    let h = format!("{n:032x}");
    if h.len() != 32 {
        return None;
    }
    Some(format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    ))
}

#[cfg(test)]
mod tests {
    use super::guid_to_uuid;

    #[test]
    fn decodes_global_ids() {
        // Expected values from ifcopenshell.guid.expand.
        assert_eq!(
            guid_to_uuid("0000000000000000000000").as_deref(),
            Some("00000000-0000-0000-0000-000000000000")
        );
        assert_eq!(
            guid_to_uuid("2Iicv0RnfAVPda6Sg4SE78").as_deref(),
            Some("92b26e40-6f1a-4a7d-99e4-19ca8470e1c8")
        );
        assert_eq!(
            guid_to_uuid("3$$$$$$$$$$$$$$$$$$$$$").as_deref(),
            Some("ffffffff-ffff-ffff-ffff-ffffffffffff")
        );
        assert_eq!(guid_to_uuid("short"), None);
    }
}
