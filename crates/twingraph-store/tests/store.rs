//! Behaviour of the store crate on real inputs: atomic loads, provenance, queries, results.

use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::QueryResultsFormat;
use sha2::{Digest, Sha256};
use std::io::Write;
use twingraph_store::{
    LoadError, LoadOptions, META_GRAPH, QueryOptions, ResultFormat, SourceDescription, StoreError,
    TwinStore, UpdateOptions, write_results,
};

const TTL: &str = "@prefix ex: <http://example.org/> .\nex:a ex:p 1 , 2 .\nex:b ex:p \"x\"@en .\n";

fn named(iri: &str) -> GraphName {
    GraphName::NamedNode(NamedNode::new(iri).unwrap())
}

fn ttl_into(graph: &str) -> LoadOptions {
    LoadOptions {
        format: Some(RdfFormat::Turtle),
        graph: Some(named(graph)),
        ..LoadOptions::default()
    }
}

fn count(store: &TwinStore, query: &str) -> u64 {
    match store.query(query, &QueryOptions::default()).unwrap() {
        QueryResults::Solutions(mut s) => {
            let solution = s.next().unwrap().unwrap();
            match solution.get("n") {
                Some(oxigraph::model::Term::Literal(l)) => l.value().parse().unwrap(),
                other => panic!("unexpected {other:?}"),
            }
        }
        _ => panic!("not a SELECT"),
    }
}

fn graph_size(store: &TwinStore, graph: &str) -> u64 {
    count(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
    )
}

#[test]
fn load_writes_one_graph_and_provenance() {
    let store = TwinStore::in_memory().unwrap();
    let report = store
        .load_reader(
            TTL.as_bytes(),
            &SourceDescription::named("sample.ttl"),
            &ttl_into("http://example.org/g"),
            |_| (),
        )
        .unwrap();
    assert_eq!(report.triples(), 3);
    assert_eq!(report.record.bytes, TTL.len() as u64);
    let expected_hash: String = Sha256::digest(TTL.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(report.record.sha256, expected_hash);
    assert_eq!(graph_size(&store, "http://example.org/g"), 3);
    // Nothing in the default graph.
    assert_eq!(store.stats().unwrap().default_graph_triples, 0);

    let graphs = store.graphs().unwrap();
    let g = graphs
        .iter()
        .find(|g| g.name == "http://example.org/g")
        .unwrap();
    assert_eq!(g.triples, 3);
    assert_eq!(g.loads.len(), 1);
    assert_eq!(g.loads[0].sha256, expected_hash);
    assert_eq!(g.loads[0].triples, 3);
    assert_eq!(g.loads[0].source, "sample.ttl");
    assert!(graphs.iter().any(|g| g.name == META_GRAPH));

    // The provenance is queryable with PROV-O / DCAT / SPDX terms.
    let n = count(
        &store,
        &format!(
            "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcat: <http://www.w3.org/ns/dcat#>
             PREFIX spdx: <http://spdx.org/rdf/terms#>
             SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{META_GRAPH}> {{
               ?load a prov:Activity ; prov:generated <http://example.org/g> ;
                     prov:startedAtTime ?start ; prov:endedAtTime ?end ; prov:used ?dist .
               ?dist a dcat:Distribution ; spdx:checksum/spdx:checksumValue ?sha .
               FILTER(STR(?sha) = \"{expected_hash}\" && ?end >= ?start)
             }} }}"
        ),
    );
    assert_eq!(n, 1);
}

#[test]
fn malformed_input_names_line_and_column_and_loads_nothing() {
    let store = TwinStore::in_memory().unwrap();
    store
        .load_reader(
            TTL.as_bytes(),
            &SourceDescription::named("good.ttl"),
            &ttl_into("http://example.org/g"),
            |_| (),
        )
        .unwrap();
    let before = store.stats().unwrap();
    // Many valid triples, then a syntax error on line 5003.
    let mut bad = String::from("@prefix ex: <http://example.org/> .\n");
    for i in 0..5000 {
        bad.push_str(&format!("ex:s{i} ex:p {i} .\n"));
    }
    bad.push_str("ex:ok ex:p 1 .\nex:broken ex:p \"unterminated .\n");
    let err = store
        .load_reader(
            bad.as_bytes(),
            &SourceDescription::named("bad.ttl"),
            &ttl_into("http://example.org/g2"),
            |_| (),
        )
        .unwrap_err();
    let message = err.to_string();
    assert!(
        matches!(
            err,
            LoadError::Syntax {
                position: Some((5003, _)),
                ..
            }
        ),
        "{message}"
    );
    assert!(message.starts_with("bad.ttl:5003:"), "{message}");
    assert!(message.contains("nothing was loaded"), "{message}");
    assert_eq!(
        store.stats().unwrap(),
        before,
        "a failed load must leave the store unchanged"
    );
    assert_eq!(graph_size(&store, "http://example.org/g2"), 0);
}

#[test]
fn failed_replace_keeps_the_old_graph() {
    let store = TwinStore::in_memory().unwrap();
    let g = "http://example.org/g";
    store
        .load_reader(
            TTL.as_bytes(),
            &SourceDescription::named("v1.ttl"),
            &ttl_into(g),
            |_| (),
        )
        .unwrap();
    let replace = LoadOptions {
        replace: true,
        ..ttl_into(g)
    };
    let err = store
        .load_reader(
            &b"<http://example.org/x> <http://example.org/p> ."[..],
            &SourceDescription::named("v2.ttl"),
            &replace,
            |_| (),
        )
        .unwrap_err();
    assert!(matches!(err, LoadError::Syntax { .. }), "{err}");
    assert_eq!(graph_size(&store, g), 3);
    // A good replacement swaps the content in one step.
    store
        .load_reader(
            &b"<http://example.org/x> <http://example.org/p> 9 ."[..],
            &SourceDescription::named("v3.ttl"),
            &replace,
            |_| (),
        )
        .unwrap();
    assert_eq!(graph_size(&store, g), 1);
    let loads = &store
        .graphs()
        .unwrap()
        .into_iter()
        .find(|i| i.name == g)
        .unwrap()
        .loads;
    assert_eq!(
        loads.iter().map(|l| l.mode.as_str()).collect::<Vec<_>>(),
        ["append", "replace"]
    );
}

#[test]
fn multi_file_load_is_all_or_nothing_on_disk_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.ttl");
    let bad = dir.path().join("bad.nt");
    std::fs::File::create(&good)
        .unwrap()
        .write_all(TTL.as_bytes())
        .unwrap();
    std::fs::File::create(&bad)
        .unwrap()
        .write_all(b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n<http://example.org/s> <http://example.org/p> oops .\n")
        .unwrap();
    let data = dir.path().join("store");
    {
        let store = TwinStore::open(&data).unwrap();
        let err = store
            .load_files(
                &[good.as_path(), bad.as_path()],
                &LoadOptions::default(),
                |_| (),
            )
            .unwrap_err();
        assert!(err.to_string().starts_with("bad.nt:2:"), "{err}");
        assert_eq!(
            store.stats().unwrap().quads,
            0,
            "the good file must not be loaded either"
        );
        let reports = store
            .load_files(&[good.as_path()], &LoadOptions::default(), |_| ())
            .unwrap();
        assert_eq!(
            reports[0].graph(),
            &LoadOptions::graph_for_source("good.ttl")
        );
        assert_eq!(
            reports[0].record.source_url.as_deref(),
            Some(format!("file://{}", good.display()).as_str())
        );
    }
    // Reopen: the data survived.
    let store = TwinStore::open(&data).unwrap();
    assert_eq!(graph_size(&store, "urn:twingraph:graph:good.ttl"), 3);
}

#[test]
fn unknown_extension_is_a_clear_error() {
    let store = TwinStore::in_memory().unwrap();
    let err = store
        .load_file(
            std::path::Path::new("data.xlsx"),
            &LoadOptions::default(),
            |_| (),
        )
        .unwrap_err();
    assert!(matches!(err, LoadError::UnknownFormat(_)), "{err}");
}

#[test]
fn dataset_options_select_graphs() {
    let store = TwinStore::in_memory().unwrap();
    store
        .load_reader(
            TTL.as_bytes(),
            &SourceDescription::named("a"),
            &ttl_into("http://example.org/a"),
            |_| (),
        )
        .unwrap();
    store
        .load_reader(
            &b"<http://example.org/c> <http://example.org/p> 3 ."[..],
            &SourceDescription::named("b"),
            &ttl_into("http://example.org/b"),
            |_| (),
        )
        .unwrap();
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }";
    let run = |options: QueryOptions| match store.query(q, &options).unwrap() {
        QueryResults::Solutions(mut s) => s.next().unwrap().unwrap().get("n").unwrap().to_string(),
        _ => unreachable!(),
    };
    let int = |n: u32| format!("\"{n}\"^^<http://www.w3.org/2001/XMLSchema#integer>");
    assert_eq!(run(QueryOptions::default()), int(0));
    assert_eq!(
        run(QueryOptions {
            union_default_graph: true,
            ..Default::default()
        }),
        int(4)
    );
    assert_eq!(
        run(QueryOptions {
            default_graphs: vec![NamedNode::new("http://example.org/b").unwrap()],
            ..Default::default()
        }),
        int(1)
    );
}

#[test]
fn update_and_cancellation() {
    let store = TwinStore::in_memory().unwrap();
    store
        .update("INSERT DATA { GRAPH <http://example.org/u> { <http://example.org/s> <http://example.org/p> 1 } }", &UpdateOptions::default())
        .unwrap();
    assert_eq!(graph_size(&store, "http://example.org/u"), 1);
    let err = store
        .update("INSERT DATA { oops }", &UpdateOptions::default())
        .unwrap_err();
    assert!(matches!(err, StoreError::Syntax(_)), "{err}");

    let token = oxigraph::sparql::CancellationToken::new();
    token.cancel();
    let options = QueryOptions {
        cancellation: Some(token),
        ..Default::default()
    };
    let result = store
        .query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", &options)
        .and_then(|r| {
            write_results(
                r,
                ResultFormat::Results(QueryResultsFormat::Json),
                Vec::new(),
                None,
            )
        });
    assert!(
        matches!(result, Err(StoreError::Cancelled)),
        "{:?}",
        result.err()
    );
}

#[test]
fn results_in_every_format_and_row_limit() {
    let store = TwinStore::in_memory().unwrap();
    store
        .load_reader(
            TTL.as_bytes(),
            &SourceDescription::named("a"),
            &ttl_into("http://example.org/graph/results"),
            |_| (),
        )
        .unwrap();
    let select = "SELECT ?o WHERE { GRAPH ?g { <http://example.org/a> ?p ?o } } ORDER BY ?o";
    for (name, needle) in [
        ("json", "\"bindings\""),
        ("xml", "<sparql"),
        ("csv", "o\r\n1\r\n2"),
        ("tsv", "?o\n1\n2"),
    ] {
        let format = ResultFormat::from_name(name).unwrap();
        let (out, summary) = write_results(
            store.query(select, &QueryOptions::default()).unwrap(),
            format,
            Vec::new(),
            None,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(needle), "{name}: {text}");
        assert_eq!(summary.rows, 2);
    }
    let (_, summary) = write_results(
        store.query(select, &QueryOptions::default()).unwrap(),
        ResultFormat::from_name("json").unwrap(),
        Vec::new(),
        Some(1),
    )
    .unwrap();
    assert!(summary.truncated);
    assert_eq!(summary.rows, 1);
    let construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <urn:twingraph:graph:meta>) }";
    let (out, summary) = write_results(
        store.query(construct, &QueryOptions::default()).unwrap(),
        ResultFormat::from_name("nt").unwrap(),
        Vec::new(),
        None,
    )
    .unwrap();
    assert_eq!(summary.rows, 3);
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 3);
    let err = write_results(
        store.query(construct, &QueryOptions::default()).unwrap(),
        ResultFormat::from_name("csv").unwrap(),
        Vec::new(),
        None,
    )
    .unwrap_err();
    assert!(matches!(err, StoreError::UnsupportedFormat(_)));
}

#[test]
fn drop_graph_and_dump() {
    let store = TwinStore::in_memory().unwrap();
    store
        .load_reader(
            TTL.as_bytes(),
            &SourceDescription::named("a"),
            &ttl_into("http://example.org/a"),
            |_| (),
        )
        .unwrap();
    let out = store
        .dump(
            Vec::new(),
            RdfFormat::NTriples,
            Some(&named("http://example.org/a")),
        )
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 3);
    assert!(
        store.dump(Vec::new(), RdfFormat::Turtle, None).is_err(),
        "Turtle cannot hold a dataset"
    );
    assert!(store.drop_graph(&named("http://example.org/a")).unwrap());
    assert!(!store.drop_graph(&named("http://example.org/a")).unwrap());
    assert!(
        !store
            .contains_graph(&named("http://example.org/a"))
            .unwrap()
    );
}

/// An N-Triples file large enough to be split, with blank nodes used across the split.
fn split_file(dir: &std::path::Path, error_at_line: Option<usize>) -> std::path::PathBuf {
    let mut text = String::from("_:shared <http://example.org/p> \"start\" .\n");
    for i in 2..=3000 {
        if Some(i) == error_at_line {
            text.push_str("<http://example.org/broken> <http://example.org/p> .\n");
        } else {
            text.push_str(&format!(
                "<http://example.org/s{i}> <http://example.org/p> \"value number {i}\" .\n"
            ));
        }
    }
    text.push_str("_:shared <http://example.org/p2> \"end\" .\n");
    let path = dir.join(if error_at_line.is_some() {
        "bad.nt"
    } else {
        "split.nt"
    });
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn parallel_parsing_keeps_blank_nodes_and_reports_true_positions() {
    let dir = tempfile::tempdir().unwrap();
    let path = split_file(dir.path(), None);
    assert!(
        std::fs::metadata(&path).unwrap().len() > 2 * 16384,
        "must be split"
    );
    let store = TwinStore::open(dir.path().join("store")).unwrap();
    let parallel = LoadOptions {
        parse_threads: Some(2),
        ..LoadOptions::default()
            .with_graph("http://example.org/split")
            .unwrap()
    };
    let report = store.load_file(&path, &parallel, |_| ()).unwrap();
    assert_eq!(report.triples(), 3001);
    let expected_hash: String = Sha256::digest(std::fs::read(&path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(report.record.sha256, expected_hash);
    assert_eq!(graph_size(&store, "http://example.org/split"), 3001);
    let joined = "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH <http://example.org/split> {
        ?b <http://example.org/p> \"start\" ; <http://example.org/p2> \"end\" } }";
    assert_eq!(
        count(&store, joined),
        1,
        "the blank node used in both pieces must stay one node"
    );
    // A second load of the same file gets fresh blank nodes (no merge across loads).
    store.load_file(&path, &parallel, |_| ()).unwrap();
    assert_eq!(count(&store, joined), 2);

    let before = store.stats().unwrap();
    let bad = split_file(dir.path(), Some(2500));
    let err = store.load_file(&bad, &parallel, |_| ()).unwrap_err();
    assert!(err.to_string().starts_with("bad.nt:2500:"), "{err}");
    let after = store.stats().unwrap();
    // (The on-disk size moves with RocksDB's own log; the content must not.)
    assert_eq!(
        (after.quads, after.named_graphs),
        (before.quads, before.named_graphs),
        "nothing may be loaded"
    );
}
