//! Reads IFC building models (ISO 10303-21 STEP files) into the twin's RDF graph.
//!
//! [`step`] is a streaming STEP reader with typed, positioned errors; [`read`] maps an
//! IFC2X3, IFC4 or IFC4X3 file to BOT and the TwinGraph ontology (sites, buildings,
//! storeys, spaces, elements with their IFC class, property sets and quantities with QUDT
//! units, the site's GeoSPARQL point, postal addresses and the UPRN link) and returns all
//! triples at once, or an error and nothing. See the crate's README for the full mapping.
#![deny(missing_docs)]

pub mod error;
pub mod geo;
pub mod map;
pub mod schema;
pub mod step;
mod summary;
pub mod units;

pub use error::{IfcError, Position};
pub use schema::SchemaVersion;
pub use summary::Summary;

use oxigraph::model::Triple;
use std::collections::HashSet;
use std::io::BufRead;

/// How to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The deployment's instance base, ending with `/` (default
    /// `https://w3id.org/twingraph/id/`).
    pub base_iri: String,
    /// The UPRN of the building(s) of the model, when the caller knows it; it wins over a
    /// `UPRN` property in the file.
    pub uprn: Option<String>,
    /// The project slug of the IRIs `{base}ifc/{slug}/{GlobalId}`; default: the UUID that
    /// the `IfcProject` GlobalId encodes.
    pub project_slug: Option<String>,
    /// Also write the ifcOWL graph of the whole file (see [`map::ifcowl`]).
    pub ifcowl: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            base_iri: twingraph_vocab::ns::DEFAULT_INSTANCE_BASE.to_owned(),
            uprn: None,
            project_slug: None,
            ifcowl: false,
        }
    }
}

/// The result of an import: every triple, and what was read and written.
#[derive(Debug, Clone)]
pub struct IfcImport {
    /// The triples, without duplicates, in a deterministic order.
    pub triples: Vec<Triple>,
    /// The summary.
    pub summary: Summary,
}

/// Reads an IFC file and maps it. Nothing is returned unless the whole file is read and
/// mapped: any error (syntax, truncation, unknown schema, dangling reference, bad escape,
/// encoding, bad option) is returned with its line, column and entity number.
pub fn read<R: BufRead>(input: R, options: &ImportOptions) -> Result<IfcImport, IfcError> {
    let mut reader = step::StepReader::new(input);
    let header = reader.header()?;
    let (written, version) = schema_of(&header)?;
    if let Some(u) = &options.uprn {
        twingraph_vocab::IdKind::Uprn
            .normalise(u)
            .map_err(|e| IfcError::Options(e.to_string()))?;
    }
    let data = reader.data()?;
    map_data(&data, written, version, options)
}

/// The schema of a header: the name as written and the version to read it with.
pub fn schema_of(header: &step::Header) -> Result<(String, SchemaVersion), IfcError> {
    let Some(name) = header.schemas.first() else {
        return Err(IfcError::Header {
            at: header.schema_at,
            message: "FILE_SCHEMA names no schema".into(),
        });
    };
    match SchemaVersion::from_name(name) {
        Some(v) => Ok((name.clone(), v)),
        None => Err(IfcError::UnknownSchema {
            at: header.schema_at,
            schema: name.clone(),
        }),
    }
}

/// Maps already-read data (see [`read`]).
pub fn map_data(
    data: &step::Data,
    schema_name: String,
    version: SchemaVersion,
    options: &ImportOptions,
) -> Result<IfcImport, IfcError> {
    let schema = version.schema();
    let (types, kinds) = map::classify(data, schema);
    let slug = map::project_slug(data, options)?;
    let mut summary = Summary::new(schema_name, version);
    summary.bytes = data.bytes;
    summary.entities = data.entities.len();
    summary.project_slug = slug.clone();
    let mut ctx = map::Ctx {
        data,
        schema,
        types,
        kinds,
        opts: options,
        id_kind: format!("ifc/{slug}"),
        units: Default::default(),
        iris: Default::default(),
        out: Vec::new(),
        summary,
    };
    ctx.units = project_units(&ctx);
    for u in ctx.units.unmapped.clone() {
        ctx.warn(format!(
            "unit {u} has no QUDT equivalent here: its values get no unit"
        ));
    }
    // Fail early on a bad base IRI.
    ctx.mint("x")?;
    map::spatial::objects(&mut ctx)?;
    map::spatial::relations(&mut ctx);
    let uprns = map::properties::property_sets(&mut ctx);
    let links = map::place::uprn_links(&mut ctx, &uprns)?;
    let uprn_of = |id: u64| links.iter().find(|(b, _)| *b == id).map(|(_, l)| l.clone());
    map::place::addresses(&mut ctx, &uprn_of);
    map::place::site_locations(&mut ctx);
    let mut seen = HashSet::with_capacity(ctx.out.len());
    let mut triples = Vec::with_capacity(ctx.out.len());
    for t in std::mem::take(&mut ctx.out) {
        if !seen.contains(&t) {
            seen.insert(t.clone());
            triples.push(t);
        }
    }
    if options.ifcowl {
        // Free of duplicates by construction (one subject per instance or value path), and
        // disjoint from the mapping's subjects: appended without the set above.
        map::ifcowl::write(&mut ctx)?;
        triples.append(&mut ctx.out);
    }
    let mut summary = ctx.summary;
    summary.triples = triples.len();
    Ok(IfcImport { triples, summary })
}

fn project_units(ctx: &map::Ctx<'_>) -> units::Units {
    let data = ctx.data;
    let assignment = data
        .entities
        .iter()
        .find(|e| data.type_name(e) == "IFCPROJECT")
        .and_then(|p| ctx.attr_ref(p, "UnitsInContext"))
        .or_else(|| {
            data.entities
                .iter()
                .find(|e| data.type_name(e) == "IFCUNITASSIGNMENT")
        });
    assignment
        .map(|a| units::Units::from_assignment(data, a))
        .unwrap_or_default()
}
