//! Helpers shared by the integration tests.
#![allow(dead_code)]

use oxigraph::model::{Term, Triple};
use std::path::PathBuf;
use twingraph_ifc::{IfcImport, ImportOptions};

/// The staged IFC samples, or `None` (and a SKIPPED line) when absent.
pub fn samples() -> Option<PathBuf> {
    let dir = std::env::var_os("TWINGRAPH_IFC_SAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ifc/samples")
        });
    if dir.is_dir() {
        Some(dir)
    } else {
        // Straight to the process's stderr: libtest captures print!/eprint! of passing
        // tests, and a skip must be visible.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: no IFC samples at {} (set TWINGRAPH_IFC_SAMPLES)",
            dir.display()
        );
        None
    }
}

/// The repository's `examples/teed/district/ifc`.
pub fn district() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/teed/district/ifc")
}

/// Imports a file with default options.
pub fn import(path: &std::path::Path) -> IfcImport {
    import_with(path, &ImportOptions::default())
}

/// Imports a file.
pub fn import_with(path: &std::path::Path, opts: &ImportOptions) -> IfcImport {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    twingraph_ifc::read(std::io::BufReader::new(f), opts)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The objects of `subject predicate ?o`, where the subject IRI ends with `subject_end`.
pub fn objects<'a>(triples: &'a [Triple], subject_end: &str, predicate: &str) -> Vec<&'a Term> {
    triples
        .iter()
        .filter(|t| t.subject.to_string().ends_with(&format!("{subject_end}>")))
        .filter(|t| t.predicate.as_str() == predicate)
        .map(|t| &t.object)
        .collect()
}

/// The lexical value of the single literal `subject predicate ?o`.
pub fn value(triples: &[Triple], subject_end: &str, predicate: &str) -> String {
    let o = objects(triples, subject_end, predicate);
    assert_eq!(o.len(), 1, "{subject_end} {predicate}: {o:?}");
    match o[0] {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const NUMERIC: &str = "http://qudt.org/schema/qudt/numericValue";
pub const UNIT: &str = "http://qudt.org/schema/qudt/unit";
pub const WKT: &str = "http://www.opengis.net/ont/geosparql#asWKT";
