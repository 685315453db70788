//! The alignment CONSTRUCT mappings of `mappings/cim/` run over the MicroGrid (read with
//! the default flavour) in an in-memory oxigraph store, union default graph.

mod common;

use common::{cgmes_dir, xml_files};
use oxigraph::model::{Graph, NamedNodeRef, TermRef, TripleRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use twingraph_cim::{CimOptions, read_files};

const GRID: &str = "https://w3id.org/twingraph/def/grid#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn mappings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../mappings/cim")
}

fn construct(store: &Store, file: &str) -> Graph {
    let path = mappings_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut prepared = SparqlEvaluator::new()
        .parse_query(&text)
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Graph(triples) = prepared.on_store(store).execute().unwrap() else {
        panic!("{file} is not a CONSTRUCT")
    };
    let mut g = Graph::new();
    for t in triples {
        g.insert(&t.unwrap());
    }
    g
}

fn count_typed(g: &Graph, class: &str) -> usize {
    g.subjects_for_predicate_object(
        NamedNodeRef::new_unchecked(RDF_TYPE),
        NamedNodeRef::new_unchecked(class),
    )
    .count()
}

fn objects(g: &Graph, predicate: &str) -> Vec<String> {
    let mut v: Vec<String> = g
        .iter()
        .filter(|t: &TripleRef<'_>| t.predicate.as_str() == predicate)
        .map(|t| match t.object {
            TermRef::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_mapping_parses() {
    let mut n = 0;
    for e in std::fs::read_dir(mappings_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "rq") {
            let text = std::fs::read_to_string(&p).unwrap();
            let parsed = SparqlEvaluator::new().parse_query(&text);
            assert!(parsed.is_ok(), "{}: {:?}", p.display(), parsed.err());
            n += 1;
        }
    }
    assert_eq!(n, 9);
}

#[test]
fn microgrid_alignment_counts() {
    let Some(root) = cgmes_dir() else {
        println!("SKIPPED: shared data not found");
        return;
    };
    let mut files = Vec::new();
    for d in ["BE_v2", "NL_v2", "BD_v2"] {
        files.extend(xml_files(
            &root.join("microgrid/cimxml/BaseCase_BC").join(d),
        ));
    }
    let import = read_files(&files, &CimOptions::default()).unwrap();
    let store = Store::new().unwrap();
    for q in &import.quads {
        store.insert(q).unwrap();
    }

    let subs = construct(&store, "substations.rq");
    assert_eq!(count_typed(&subs, &format!("{GRID}Substation")), 3);
    let kv = objects(&subs, &format!("{GRID}voltageKV"));
    assert_eq!(kv.len(), 3, "{kv:?}");

    let vls = construct(&store, "voltage-levels.rq");
    assert_eq!(
        count_typed(&vls, "http://iec.ch/TC57/CIM100#VoltageLevel"),
        10
    );

    let lines = construct(&store, "lines.rq");
    let n_lines = count_typed(&lines, &format!("{GRID}Line"));
    assert_eq!(n_lines, 12);
    assert_eq!(objects(&lines, &format!("{GRID}voltageKV")).len(), n_lines);

    let tr = construct(&store, "transformers.rq");
    assert_eq!(count_typed(&tr, &format!("{GRID}Transformer")), 7);
    let rated_s = objects(&tr, "http://iec.ch/TC57/CIM100#PowerTransformerEnd.ratedS");
    assert_eq!(rated_s.len(), 15, "{rated_s:?}");

    let sw = construct(&store, "switches.rq");
    assert_eq!(count_typed(&sw, &format!("{GRID}Switch")), 1);
    assert_eq!(
        objects(&sw, "http://iec.ch/TC57/CIM100#Switch.normalOpen"),
        vec!["false"]
    );
    assert_eq!(
        objects(&sw, "http://iec.ch/TC57/CIM100#Switch.open"),
        vec!["false"]
    );

    let ec = construct(&store, "energy-consumers.rq");
    assert_eq!(count_typed(&ec, &format!("{GRID}EnergyConsumer")), 6);

    let gu = construct(&store, "generating-units.rq");
    assert_eq!(
        count_typed(&gu, "https://w3id.org/twingraph/def/energy#GenerationAsset"),
        5
    );
    assert_eq!(
        objects(
            &gu,
            "https://w3id.org/twingraph/def/energy#exportCapacityMW"
        )
        .len(),
        5
    );

    let geo = construct(&store, "locations.rq");
    let wkt = objects(&geo, "http://www.opengis.net/ont/geosparql#asWKT");
    assert_eq!(wkt.len(), 15, "{wkt:?}");
    assert!(
        wkt.iter()
            .all(|w| w.starts_with("POINT(") || w.starts_with("LINESTRING(")),
        "{wkt:?}"
    );
    assert!(wkt.iter().any(|w| w.starts_with("LINESTRING(")), "{wkt:?}");
    assert!(
        wkt.contains(&"POINT(4.30089 50.8038)".to_owned()),
        "{wkt:?}"
    );
    // the same through the library function, all mappings at once
    let all = twingraph_cim::align(&import.quads, &[mappings_dir()]).unwrap();
    let total: usize = [&subs, &vls, &lines, &tr, &sw, &ec, &gu, &geo]
        .iter()
        .map(|g| g.len())
        .sum();
    assert!(
        all.len() <= total && all.len() >= geo.len() + sw.len(),
        "{}",
        all.len()
    );
    let err = twingraph_cim::align(&import.quads, &[root.join("microgrid/trig/README.md")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("README.md"), "{err}");
    // the same through the library function, all mappings at once
    let all = twingraph_cim::align(&import.quads, &[mappings_dir()]).unwrap();
    let total: usize = [&subs, &vls, &lines, &tr, &sw, &ec, &gu, &geo]
        .iter()
        .map(|g| g.len())
        .sum();
    assert!(
        all.len() <= total && all.len() >= geo.len() + sw.len(),
        "{}",
        all.len()
    );
    let err = twingraph_cim::align(&import.quads, &[root.join("microgrid/trig/README.md")])
        .unwrap_err()
        .to_string();
    assert!(err.contains("README.md"), "{err}");
    println!(
        "mappings over MicroGrid BE+NL+BD: {} substation, {} voltage-level, {} line, {} transformer, {} switch, {} consumer, {} generation, {} location triples",
        subs.len(),
        vls.len(),
        lines.len(),
        tr.len(),
        sw.len(),
        ec.len(),
        gu.len(),
        geo.len()
    );
}
