//! `twingraph load-dir`: the TEED district folder through the RML mappings and the IFC and CIM
//! adapters into a store in one commit, each source in its own graph with its licence and
//! access level; counts checked against the raw files; a broken district loads nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn district(path: &str) -> PathBuf {
    root().join("examples/teed/district").join(path)
}

fn twingraph(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .current_dir(root())
        .env_remove("TWINGRAPH_CONFIG")
        .output()
        .expect("run twingraph")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The single value of a one-row, one-column SELECT.
fn count(store: &Path, query: &str) -> usize {
    let out = twingraph(store, &["query", query, "--format", "tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let value = text.lines().nth(1).expect("one row");
    value
        .split('^')
        .next()
        .unwrap()
        .trim_matches('"')
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {value}"))
}

/// Subjects typed `class` in `graph`.
fn typed(store: &Path, graph: &str, class: &str) -> usize {
    count(
        store,
        &format!(
            "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s a <{class}> }} }}"
        ),
    )
}

/// Records of a CSV file with a header row (RFC 4180: quoted fields may hold commas, quotes
/// and newlines).
fn csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    let header = records.remove(0);
    (header, records)
}

/// The values of column `name` in every record.
fn column(path: &Path, name: &str) -> Vec<String> {
    let (header, records) = csv(path);
    let i = header.iter().position(|h| h == name).expect(name);
    records.into_iter().map(|r| r[i].clone()).collect()
}

/// Objects of class `class` (`<cim:Class rdf:ID=`) in a CIM/XML file.
fn cim_objects(path: &Path, class: &str) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .matches(&format!("<cim:{class} rdf:ID="))
        .count()
}

/// The triple count the summary line of `source` gives, and its first graph.
fn summary_line(err: &str, source: &str) -> (usize, String) {
    let line = err
        .lines()
        .find(|l| l.split_whitespace().next() == Some(source))
        .unwrap_or_else(|| panic!("no summary line for {source}: {err}"));
    let mut words = line.split_whitespace().skip(1);
    let n = words.next().unwrap().parse().unwrap();
    assert_eq!(words.next(), Some("triples"), "{line}");
    assert_eq!(words.next(), Some("in"), "{line}");
    let graph = words.next().unwrap().trim_end_matches(',');
    (n, graph.trim_matches(['<', '>']).to_owned())
}

const GRAPH: &str = "urn:twingraph:graph:";
const PLACE: &str = "https://w3id.org/twingraph/def/place#";
const ENERGY: &str = "https://w3id.org/twingraph/def/energy#";
const BLDG: &str = "https://w3id.org/twingraph/def/building#";
const GRID: &str = "https://w3id.org/twingraph/def/grid#";
const GTFS: &str = "http://vocab.gtfs.org/terms#";
const OGL: &str = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
const ACCESS: &str = "https://w3id.org/twingraph/def/vocab/access-level#";

#[test]
fn loads_the_teed_district_with_exact_counts_per_source_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = twingraph(
        &store,
        &[
            "load-dir",
            "examples/teed/district",
            "--licence",
            "cc-by-4.0",
            "--access",
            "open",
            "--rules",
            "ontology/rules/epc.srl",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("sources into 13 graphs in one commit"),
        "{err}"
    );
    assert!(err.contains("inferred "), "{err}");

    // Every source's summary line gives the triples of its graph in the store.
    let sources = [
        "os-open-uprn",
        "codepoint-open",
        "epc-certificates",
        "epc-recommendations",
        "epc-addresses",
        "naptan",
        "gtfs",
        "ifc",
    ];
    let mut total = 0;
    for source in sources {
        let (n, graph) = summary_line(&err, source);
        let stored = count(
            &store,
            &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
        );
        assert_eq!(stored, n, "{source} in <{graph}>");
        total += n;
    }
    let (cgmes, _) = summary_line(&err, "cgmes");
    total += cgmes;
    assert!(
        err.contains(&format!("total: {total} triples from 9 sources")),
        "{err}"
    );

    // OS Open UPRN: one addressable location per row, 8 triples each (mapping README).
    let uprns = column(&district("os/osopenuprn_202501.csv"), "UPRN");
    let uprn_graph = format!("{GRAPH}os-open-uprn.rml.ttl");
    assert_eq!(
        typed(&store, &uprn_graph, &format!("{PLACE}AddressableLocation")),
        uprns.len()
    );
    assert_eq!(summary_line(&err, "os-open-uprn").0, 8 * uprns.len());

    // Code-Point Open: one postcode unit per row of the area files (no header row).
    let postcodes = std::fs::read_to_string(district("os/codepo_gb/Data/CSV/b.csv"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(
        typed(
            &store,
            &format!("{GRAPH}codepoint-open.rml.ttl"),
            "http://data.ordnancesurvey.co.uk/ontology/postcode/PostcodeUnit"
        ),
        postcodes
    );

    // EPC: one certificate per row, one dwelling per distinct UPRN, one measure per
    // certificate and improvement item, and one address per dwelling in the restricted graph.
    let epc = district("epc/domestic-E08000025-Birmingham");
    let certificates = column(&epc.join("certificates.csv"), "LMK_KEY");
    let dwellings: HashSet<String> = column(&epc.join("certificates.csv"), "UPRN")
        .into_iter()
        .collect();
    let certificates_graph = format!("{GRAPH}epc-certificates.rml.ttl");
    assert_eq!(
        typed(
            &store,
            &certificates_graph,
            &format!("{ENERGY}EnergyPerformanceCertificate")
        ),
        certificates.len()
    );
    assert_eq!(
        typed(&store, &certificates_graph, &format!("{BLDG}Dwelling")),
        dwellings.len()
    );
    let recommendations = epc.join("recommendations.csv");
    let measures: HashSet<(String, String)> = column(&recommendations, "LMK_KEY")
        .into_iter()
        .zip(column(&recommendations, "IMPROVEMENT_ITEM"))
        .collect();
    assert_eq!(
        typed(
            &store,
            &format!("{GRAPH}epc-recommendations.rml.ttl"),
            &format!("{ENERGY}RetrofitMeasure")
        ),
        measures.len()
    );
    let addresses_graph = format!("{GRAPH}epc-addresses.rml.ttl");
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE {{ GRAPH <{addresses_graph}> {{ ?l <{PLACE}hasAddress> ?a }} }}"
            )
        ),
        dwellings.len()
    );

    // NaPTAN stops and the GTFS feed.
    assert_eq!(
        typed(
            &store,
            &format!("{GRAPH}naptan-stops.rml.ttl"),
            "https://w3id.org/twingraph/def/transport#StopPoint"
        ),
        column(&district("transport/naptan/Stops.csv"), "ATCOCode").len()
    );
    let gtfs_graph = format!("{GRAPH}gtfs.rml.ttl");
    assert_eq!(
        typed(&store, &gtfs_graph, &format!("{GTFS}StopTime")),
        column(&district("transport/gtfs/stop_times.txt"), "trip_id").len()
    );
    assert_eq!(
        typed(&store, &gtfs_graph, &format!("{GTFS}Trip")),
        column(&district("transport/gtfs/trips.txt"), "trip_id").len()
    );

    // The IFC model: its storeys, as the IFC adapter reads them.
    let ifc = district("ifc/uprn-100070040310.ifc");
    let import = twingraph_ifc::read(
        std::io::BufReader::new(std::fs::File::open(&ifc).unwrap()),
        &twingraph_ifc::ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(import.summary.storeys, 2);
    assert_eq!(
        typed(
            &store,
            &format!("{GRAPH}uprn-100070040310.ifc"),
            "https://w3id.org/bot#Storey"
        ),
        import.summary.storeys
    );

    // The CGMES grid: substations, consumers and switches of the EQ file, aligned.
    let eq = district("grid/cgmes/TEED_SYN_EQ.xml");
    let aligned = format!("{GRAPH}cim-aligned");
    assert_eq!(
        typed(&store, &aligned, &format!("{GRID}Substation")),
        cim_objects(&eq, "Substation")
    );
    assert_eq!(
        typed(&store, &aligned, &format!("{GRID}EnergyConsumer")),
        cim_objects(&eq, "EnergyConsumer")
    );
    assert_eq!(
        typed(&store, &aligned, &format!("{GRID}Switch")),
        [
            "Switch",
            "Breaker",
            "Disconnector",
            "LoadBreakSwitch",
            "Fuse",
            "GroundDisconnector",
            "Jumper"
        ]
        .iter()
        .map(|c| cim_objects(&eq, c))
        .sum::<usize>()
    );
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"urn:uuid:\")) }"
        ),
        4,
        "one graph per CGMES model"
    );

    // Licence and access level per source graph, as the mapping READMEs state them (the
    // IFC model and the grid take --licence and --access), and the source files' provenance.
    let governance = |graph: &str| {
        let out = twingraph(
            &store,
            &[
                "query",
                &format!(
                    "SELECT ?l ?a WHERE {{ GRAPH <urn:twingraph:graph:meta> {{ <{graph}> \
                     <http://purl.org/dc/terms/license> ?l ; \
                     <https://w3id.org/twingraph/def/governance#accessLevel> ?a }} }}"
                ),
                "--format",
                "tsv",
            ],
        );
        String::from_utf8(out.stdout).unwrap()
    };
    for graph in [
        uprn_graph.as_str(),
        &certificates_graph,
        &gtfs_graph,
        &format!("{GRAPH}naptan-stops.rml.ttl"),
    ] {
        assert_eq!(
            governance(graph),
            format!("?l\t?a\n<{OGL}>\t<{ACCESS}Open>\n"),
            "{graph}"
        );
    }
    assert_eq!(
        governance(&addresses_graph),
        format!(
            "?l\t?a\n<https://w3id.org/twingraph/def/governance#RoyalMailAddressTerms>\t<{ACCESS}Restricted>\n"
        )
    );
    assert_eq!(
        governance(&aligned),
        format!("?l\t?a\n<https://creativecommons.org/licenses/by/4.0/>\t<{ACCESS}Open>\n")
    );
    assert_eq!(
        count(
            &store,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <urn:twingraph:graph:meta> {{ \
                 ?act <http://www.w3.org/ns/prov#generated> <{uprn_graph}> ; \
                 <http://www.w3.org/ns/prov#used> ?d . ?d <http://purl.org/dc/terms/title> \"osopenuprn_202501.csv\" }} }}"
            )
        ),
        1
    );

    // --rules materialised the EPC rules over the loaded graphs.
    assert!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:twingraph:inferred:epc> { ?s ?p ?o } }"
        ) > 0
    );
}

#[test]
fn a_broken_district_exits_2_naming_the_file_and_leaves_the_store_empty() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("district");
    std::fs::create_dir_all(broken.join("os")).unwrap();
    std::fs::create_dir_all(broken.join("transport/naptan")).unwrap();
    std::fs::create_dir_all(broken.join("ifc")).unwrap();
    std::fs::copy(
        district("transport/naptan/Stops.csv"),
        broken.join("transport/naptan/Stops.csv"),
    )
    .unwrap();
    std::fs::copy(
        district("ifc/uprn-100070040310.ifc"),
        broken.join("ifc/uprn-100070040310.ifc"),
    )
    .unwrap();
    // The second record (line 3) gets an easting that is not a number.
    let text = std::fs::read_to_string(district("os/osopenuprn_202501.csv")).unwrap();
    let corrupted: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 2 {
                let mut fields: Vec<&str> = line.split(',').collect();
                fields[1] = "not-a-number";
                fields.join(",")
            } else {
                line.to_owned()
            }
        })
        .collect();
    std::fs::write(
        broken.join("os/osopenuprn_202501.csv"),
        corrupted.join("\n") + "\n",
    )
    .unwrap();

    let store = dir.path().join("store");
    let mappings = root().join("mappings");
    let out = twingraph(
        &store,
        &[
            "load-dir",
            broken.to_str().unwrap(),
            "--mappings",
            mappings.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("osopenuprn_202501.csv:3"), "{err}");
    assert!(err.contains("not-a-number"), "{err}");
    let all = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }";
    assert_eq!(count(&store, all), 0, "nothing was loaded");

    // Without the broken file the rest loads, each source in its graph.
    std::fs::remove_file(broken.join("os/osopenuprn_202501.csv")).unwrap();
    let out = twingraph(
        &store,
        &[
            "load-dir",
            broken.to_str().unwrap(),
            "--mappings",
            mappings.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("from 2 sources into 2 graphs"),
        "{}",
        stderr(&out)
    );

    // A folder without any known source, and a missing folder, are bad input too.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = twingraph(&store, &["load-dir", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no known source"), "{}", stderr(&out));
    let out = twingraph(&store, &["load-dir", "no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/folder"), "{}", stderr(&out));
}
