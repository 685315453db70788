//! Namespace constants: the TwinGraph ontology modules and the W3C terms the checks and the
//! documentation read.

/// Everything under this prefix is ours and must be declared in `ontology/`.
pub const DEF: &str = "https://w3id.org/twingraph/def/";
/// The default instance base of a deployment (see the IRI policy in `ontology/README.md`).
pub const DEFAULT_INSTANCE_BASE: &str = "https://w3id.org/twingraph/id/";
/// Namespace of the SKOS code lists: `{VOCAB}{scheme}#`.
pub const VOCAB: &str = "https://w3id.org/twingraph/def/vocab/";
/// Namespace of the alignment files: `{ALIGNMENTS}{target}`.
pub const ALIGNMENTS: &str = "https://w3id.org/twingraph/def/alignments/";

/// `core#` (prefix `tg:`).
pub const CORE: &str = "https://w3id.org/twingraph/def/core#";
/// `place#` (prefix `place:`).
pub const PLACE: &str = "https://w3id.org/twingraph/def/place#";
/// `building#` (prefix `bldg:`).
pub const BUILDING: &str = "https://w3id.org/twingraph/def/building#";
/// `energy#` (prefix `energy:`).
pub const ENERGY: &str = "https://w3id.org/twingraph/def/energy#";
/// `grid#` (prefix `grid:`).
pub const GRID: &str = "https://w3id.org/twingraph/def/grid#";
/// `transport#` (prefix `tr:`).
pub const TRANSPORT: &str = "https://w3id.org/twingraph/def/transport#";
/// `emissions#` (prefix `em:`).
pub const EMISSIONS: &str = "https://w3id.org/twingraph/def/emissions#";
/// `planning#` (prefix `plan:`).
pub const PLANNING: &str = "https://w3id.org/twingraph/def/planning#";
/// `engagement#` (prefix `eng:`).
pub const ENGAGEMENT: &str = "https://w3id.org/twingraph/def/engagement#";
/// `operations#` (prefix `ops:`).
pub const OPERATIONS: &str = "https://w3id.org/twingraph/def/operations#";
/// `governance#` (prefix `gov:`).
pub const GOVERNANCE: &str = "https://w3id.org/twingraph/def/governance#";

/// The eleven modules as (conventional prefix, module name, namespace).
pub const MODULES: [(&str, &str, &str); 11] = [
    ("tg", "core", CORE),
    ("place", "place", PLACE),
    ("bldg", "building", BUILDING),
    ("energy", "energy", ENERGY),
    ("grid", "grid", GRID),
    ("tr", "transport", TRANSPORT),
    ("em", "emissions", EMISSIONS),
    ("plan", "planning", PLANNING),
    ("eng", "engagement", ENGAGEMENT),
    ("ops", "operations", OPERATIONS),
    ("gov", "governance", GOVERNANCE),
];

/// Whether `iri` is in the TwinGraph ontology namespace.
pub fn is_ours(iri: &str) -> bool {
    iri.starts_with(DEF)
}

/// The module path of one of our IRIs (`energy`, `vocab/fuel`, `alignments/bot`) and the
/// local name after `#` (empty for the ontology itself).
pub fn split(iri: &str) -> Option<(&str, &str)> {
    let rest = iri.strip_prefix(DEF)?;
    Some(match rest.split_once('#') {
        Some((module, local)) => (module, local),
        None => (rest, ""),
    })
}

/// `rdf:` namespace.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// `rdfs:` namespace.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// `owl:` namespace.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// `skos:` namespace.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// `dcterms:` namespace.
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
/// `xsd:` namespace.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// `rdf:type`.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// `rdfs:label`.
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
/// `rdfs:subClassOf`.
pub const RDFS_SUBCLASSOF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
/// `rdfs:subPropertyOf`.
pub const RDFS_SUBPROPERTYOF: &str = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf";
/// `rdfs:domain`.
pub const RDFS_DOMAIN: &str = "http://www.w3.org/2000/01/rdf-schema#domain";
/// `rdfs:range`.
pub const RDFS_RANGE: &str = "http://www.w3.org/2000/01/rdf-schema#range";
/// `rdfs:Class`.
pub const RDFS_CLASS: &str = "http://www.w3.org/2000/01/rdf-schema#Class";
/// `owl:Ontology`.
pub const OWL_ONTOLOGY: &str = "http://www.w3.org/2002/07/owl#Ontology";
/// `owl:Class`.
pub const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
/// `owl:ObjectProperty`.
pub const OWL_OBJECT_PROPERTY: &str = "http://www.w3.org/2002/07/owl#ObjectProperty";
/// `owl:DatatypeProperty`.
pub const OWL_DATATYPE_PROPERTY: &str = "http://www.w3.org/2002/07/owl#DatatypeProperty";
/// `owl:AnnotationProperty`.
pub const OWL_ANNOTATION_PROPERTY: &str = "http://www.w3.org/2002/07/owl#AnnotationProperty";
/// `owl:NamedIndividual`.
pub const OWL_NAMED_INDIVIDUAL: &str = "http://www.w3.org/2002/07/owl#NamedIndividual";
/// `owl:versionIRI`.
pub const OWL_VERSION_IRI: &str = "http://www.w3.org/2002/07/owl#versionIRI";
/// `owl:versionInfo`.
pub const OWL_VERSION_INFO: &str = "http://www.w3.org/2002/07/owl#versionInfo";
/// `owl:imports`.
pub const OWL_IMPORTS: &str = "http://www.w3.org/2002/07/owl#imports";
/// `owl:equivalentClass`.
pub const OWL_EQUIVALENT_CLASS: &str = "http://www.w3.org/2002/07/owl#equivalentClass";
/// `owl:inverseOf`.
pub const OWL_INVERSE_OF: &str = "http://www.w3.org/2002/07/owl#inverseOf";
/// `skos:Concept`.
pub const SKOS_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#Concept";
/// `skos:ConceptScheme`.
pub const SKOS_CONCEPT_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#ConceptScheme";
/// `skos:definition`.
pub const SKOS_DEFINITION: &str = "http://www.w3.org/2004/02/skos/core#definition";
/// `skos:prefLabel`.
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
/// `skos:notation`.
pub const SKOS_NOTATION: &str = "http://www.w3.org/2004/02/skos/core#notation";
/// `skos:inScheme`.
pub const SKOS_IN_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#inScheme";
/// `skos:broader`.
pub const SKOS_BROADER: &str = "http://www.w3.org/2004/02/skos/core#broader";
/// `dcterms:title`.
pub const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";
/// `dcterms:description`.
pub const DCTERMS_DESCRIPTION: &str = "http://purl.org/dc/terms/description";
/// `dcterms:license`.
pub const DCTERMS_LICENSE: &str = "http://purl.org/dc/terms/license";

/// Prefixes used to show IRIs compactly in the documentation: ours first, then common ones.
pub const WELL_KNOWN_PREFIXES: &[(&str, &str)] = &[
    ("tg", CORE),
    ("place", PLACE),
    ("bldg", BUILDING),
    ("energy", ENERGY),
    ("grid", GRID),
    ("tr", TRANSPORT),
    ("em", EMISSIONS),
    ("plan", PLANNING),
    ("eng", ENGAGEMENT),
    ("ops", OPERATIONS),
    ("gov", GOVERNANCE),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dcterms", DCTERMS),
    ("geo", "http://www.opengis.net/ont/geosparql#"),
    ("sosa", "http://www.w3.org/ns/sosa/"),
    ("ssn", "http://www.w3.org/ns/ssn/"),
    ("qudt", "http://qudt.org/schema/qudt/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("odrl", "http://www.w3.org/ns/odrl/2/"),
    ("dpv", "https://w3id.org/dpv#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("time", "http://www.w3.org/2006/time#"),
    ("qb", "http://purl.org/linked-data/cube#"),
    ("bot", "https://w3id.org/bot#"),
    ("schema", "https://schema.org/"),
    ("locn", "http://www.w3.org/ns/locn#"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("gtfs", "http://vocab.gtfs.org/terms#"),
];

/// `iri` as `prefix:local` when it starts with a well-known namespace and the rest is a
/// plain local name.
pub fn compact(iri: &str) -> Option<String> {
    WELL_KNOWN_PREFIXES.iter().find_map(|(prefix, ns)| {
        let local = iri.strip_prefix(ns)?;
        local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            .then(|| format!("{prefix}:{local}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_and_split() {
        for (_, module, ns) in MODULES {
            assert_eq!(ns, format!("{DEF}{module}#"));
        }
        assert_eq!(
            split("https://w3id.org/twingraph/def/energy#EpcCertificate"),
            Some(("energy", "EpcCertificate"))
        );
        assert_eq!(
            split("https://w3id.org/twingraph/def/vocab/fuel#Waste"),
            Some(("vocab/fuel", "Waste"))
        );
        assert_eq!(
            split("https://w3id.org/twingraph/def/alignments/bot"),
            Some(("alignments/bot", ""))
        );
        assert_eq!(split("http://example.org/x"), None);
        assert_eq!(
            compact(&format!("{ENERGY}Meter")).as_deref(),
            Some("energy:Meter")
        );
        assert_eq!(compact("http://example.org/x"), None);
    }
}
