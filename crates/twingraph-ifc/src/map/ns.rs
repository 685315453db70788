//! Namespaces of the terms the mapping writes (ours come from `twingraph_vocab::ns`).

/// Building Topology Ontology.
pub const BOT: &str = "https://w3id.org/bot#";
/// ifcOWL IFC4 ADD2 TC1: the namespace of the IFC class of every mapped object (the one
/// `ontology/alignments/ifcowl.ttl` aligns to BOT), whatever the file's schema.
pub const IFC: &str = "https://standards.buildingsmart.org/IFC/DEV/IFC4/ADD2_TC1/OWL#";
/// QUDT schema.
pub const QUDT: &str = "http://qudt.org/schema/qudt/";
/// GeoSPARQL.
pub const GEO: &str = "http://www.opengis.net/ont/geosparql#";
/// ISA Core Location.
pub const LOCN: &str = "http://www.w3.org/ns/locn#";
/// The LBD property namespace (IFCtoLBD "level 1" properties: `props:isExternal true`).
pub const PROPS: &str = "https://w3id.org/props#";
/// EPSG CRS IRIs for WKT literals.
pub const EPSG: &str = "http://www.opengis.net/def/crs/EPSG/0/";
