//! Runs the alignment CONSTRUCT mappings (`mappings/cim/*.rq`) over imported quads, in
//! an in-memory oxigraph store whose default graph is the union of the model graphs.

use crate::error::CimError;
use oxigraph::model::{Quad, Triple};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The `.rq` files of a folder, sorted; a file stands for itself.
pub fn mapping_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CimError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|source| CimError::Io {
                file: p.display().to_string(),
                source,
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "rq" || x == "sparql"))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Runs every CONSTRUCT mapping (files, or folders of `.rq` files) over the quads and
/// returns the union of their results, without duplicates, in mapping order. Any
/// mapping that does not parse, is not a CONSTRUCT, or fails is an error naming the file.
pub fn align(quads: &[Quad], mappings: &[PathBuf]) -> Result<Vec<Triple>, CimError> {
    let store = Store::new().map_err(|e| mapping_error(Path::new("(store)"), e))?;
    for q in quads {
        store
            .insert(q)
            .map_err(|e| mapping_error(Path::new("(store)"), e))?;
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for file in mapping_files(mappings)? {
        let text = std::fs::read_to_string(&file).map_err(|source| CimError::Io {
            file: file.display().to_string(),
            source,
        })?;
        let mut prepared = SparqlEvaluator::new()
            .parse_query(&text)
            .map_err(|e| mapping_error(&file, e))?;
        prepared.dataset_mut().set_default_graph_as_union();
        let results = prepared
            .on_store(&store)
            .execute()
            .map_err(|e| mapping_error(&file, e))?;
        let QueryResults::Graph(triples) = results else {
            return Err(mapping_error(&file, "not a CONSTRUCT query"));
        };
        for t in triples {
            let t = t.map_err(|e| mapping_error(&file, e))?;
            if seen.insert(t.clone()) {
                out.push(t);
            }
        }
    }
    Ok(out)
}

fn mapping_error(file: &Path, e: impl std::fmt::Display) -> CimError {
    CimError::Mapping {
        file: file.display().to_string(),
        message: e.to_string(),
    }
}
