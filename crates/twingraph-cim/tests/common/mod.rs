//! Shared helpers of the integration tests: where the shared data is, the TriG oracles
//! with their SPARQL Update difference models, and dataset comparison.
#![allow(dead_code)]

use oxigraph::io::RdfFormat;
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, GraphNameRef, NamedNodeRef, Quad};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::Store;
use std::path::{Path, PathBuf};

/// The shared data folder (`…/shared/data`), if present: `$TWINGRAPH_SHARED_DATA` when
/// set (and only it), else `../../../shared/data` from the crate, else `/work/shared/data`.
pub fn data_dir() -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Ok(d) = std::env::var("TWINGRAPH_SHARED_DATA") {
        let d = PathBuf::from(d);
        return d.join("cgmes").is_dir().then_some(d);
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    candidates.push(PathBuf::from("/work/shared/data"));
    candidates.into_iter().find(|c| c.join("cgmes").is_dir())
}

/// The `cgmes` folder of the shared data.
pub fn cgmes_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("cgmes"))
}

/// The `.xml` files of a folder (sorted), or the file itself.
pub fn xml_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    }
}

/// The oracle's SPARQL Update files are not quite SPARQL: `WITH <g> DELETE {…} INSERT {…}`
/// without the mandatory `WHERE`, an empty one with only `WITH <g>`, and every subject of
/// an `rdf:Description` in the CIM/XML typed `rdf:type rdf:Description` (a conversion
/// artefact: `rdf:Description` is RDF/XML syntax, not a class). This makes the update
/// valid (adds `WHERE {}`, skips the empty one); the artefact triples are removed from the
/// result by [`oracle`].
///
/// The files also declare `BASE <http://iec.ch/TC57/2013/CIM-schema-cim16#>` and write CIM
/// terms as relative IRIs (`<Terminal.ConnectivityNode>`); by RFC 3986 these resolve to
/// `http://iec.ch/TC57/2013/Terminal.ConnectivityNode` (the fragment and last segment of
/// the base are dropped), not to the CIM namespace the converter meant, so every relative
/// IRI is rewritten to the CIM namespace first.
pub fn fix_update(text: &str) -> Option<String> {
    if !text.contains("DELETE") && !text.contains("INSERT") {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 1024);
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('>') {
            Some(j) if !after[..j].contains(':') && !after[..j].contains(char::is_whitespace) => {
                out.push_str("<http://iec.ch/TC57/2013/CIM-schema-cim16#");
                out.push_str(&after[..=j]);
                rest = &after[j + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if !out.contains("WHERE") {
        out.push_str("\nWHERE {}\n");
    }
    Some(out)
}

/// The oracle dataset: TriG files loaded, then SPARQL Updates applied in order, then the
/// `rdf:type rdf:Description` artefacts removed.
pub fn oracle(trig: &[PathBuf], updates: &[PathBuf]) -> Dataset {
    let store = Store::new().unwrap();
    for t in trig {
        let data = std::fs::read(t).unwrap();
        store
            .load_from_slice(RdfFormat::TriG, &data)
            .unwrap_or_else(|e| panic!("{}: {e}", t.display()));
    }
    for u in updates {
        let text = std::fs::read_to_string(u).unwrap();
        if let Some(q) = fix_update(&text) {
            SparqlEvaluator::new()
                .parse_update(q.as_str())
                .unwrap_or_else(|e| panic!("{}: {e}", u.display()))
                .on_store(&store)
                .execute()
                .unwrap_or_else(|e| panic!("{}: {e}", u.display()));
        }
    }
    let description =
        NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#Description");
    let rdf_type = NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let mut ds = Dataset::new();
    for q in store.iter() {
        let q = q.unwrap();
        if q.predicate.as_ref() == rdf_type && q.object.as_ref() == description.into() {
            continue;
        }
        ds.insert(&q);
    }
    ds
}

/// The dataset of quads.
pub fn dataset(quads: &[Quad]) -> Dataset {
    let mut ds = Dataset::new();
    for q in quads {
        ds.insert(q);
    }
    ds
}

/// Compares two datasets up to blank node renaming; `Err` lists differences.
pub fn compare(mut got: Dataset, mut expected: Dataset) -> Result<(), String> {
    got.canonicalize(CanonicalizationAlgorithm::Unstable);
    expected.canonicalize(CanonicalizationAlgorithm::Unstable);
    if got == expected {
        return Ok(());
    }
    let mut msg = format!(
        "not isomorphic: got {} quads, oracle {} quads\n",
        got.len(),
        expected.len()
    );
    let extra: Vec<String> = got
        .iter()
        .filter(|q| !expected.contains(*q))
        .take(8)
        .map(|q| format!("  + {q}"))
        .collect();
    let missing: Vec<String> = expected
        .iter()
        .filter(|q| !got.contains(*q))
        .take(8)
        .map(|q| format!("  - {q}"))
        .collect();
    msg.push_str("only in ours:\n");
    msg.push_str(&extra.join("\n"));
    msg.push_str("\nonly in the oracle:\n");
    msg.push_str(&missing.join("\n"));
    Err(msg)
}

/// Graph names of a dataset.
pub fn graph_names(ds: &Dataset) -> Vec<String> {
    let mut v: Vec<String> = ds
        .iter()
        .filter_map(|q| match q.graph_name {
            GraphNameRef::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    v.sort();
    v.dedup();
    v
}
