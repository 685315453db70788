//! `twingraph demo` loads the TEED example (the hand-written sample and the district folder
//! through the mappings and adapters) into a temporary store and serves it within a minute.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Distinct values of column `name` of a CSV file with a header row (quoted fields may hold
/// commas; the district files have no quoted newlines).
fn distinct(path: &Path, name: &str) -> HashSet<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let split = |line: &str| {
        let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        fields
    };
    let mut lines = text.lines();
    let header = split(lines.next().unwrap());
    let i = header.iter().position(|h| h == name).unwrap();
    lines.map(|l| split(l)[i].clone()).collect()
}

#[test]
fn demo_serves_the_teed_example() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .args(["demo", "--bind", &format!("127.0.0.1:{port}")])
        .env_remove("TWINGRAPH_STORE")
        .env_remove("TWINGRAPH_CONFIG")
        .stderr(Stdio::from(log.reopen().unwrap()))
        .spawn()
        .unwrap();
    let start = Instant::now();
    let answer = loop {
        let out = Command::new("curl")
            .args(["-sf", "-G", &format!("{base}/sparql"), "-H", "Accept: text/tab-separated-values", "--data-urlencode"])
            .arg("query=PREFIX bldg: <https://w3id.org/twingraph/def/building#> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a bldg:Dwelling } }")
            .output()
            .unwrap();
        if out.status.success() {
            break String::from_utf8(out.stdout).unwrap();
        }
        if start.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!(
                "the demo did not answer within 60 s:\n{}",
                std::fs::read_to_string(log.path()).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let get = |args: &[&str]| {
        let out = Command::new("curl").arg("-sf").args(args).output().unwrap();
        assert!(out.status.success(), "curl {args:?} failed");
        String::from_utf8(out.stdout).unwrap()
    };
    // The grid came in through the CIM adapter and the outage rules are materialised: every
    // one of the 44 switches of the district grid that is normally closed and supplied
    // cuts off something (207 pairs; tests/grid_queries.rs checks the sets themselves).
    let outage = get(&[
        "-G",
        &format!("{base}/sparql"),
        "-H",
        "Accept: text/tab-separated-values",
        "--data-urlencode",
        "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e <https://w3id.org/twingraph/def/grid#losesSupplyIfOpened> ?s } }",
    ]);
    // The named queries are served from the repository's queries/.
    let catalogue = get(&[&format!("{base}/api/queries")]);
    let ready = start.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    let printed = std::fs::read_to_string(log.path()).unwrap();
    eprintln!(
        "demo answered after {:.1} s; it printed: {}",
        ready.as_secs_f64(),
        printed
            .lines()
            .filter(|l| l.starts_with("loaded and validated") || l.starts_with("ready in"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    // Dwellings: one per distinct UPRN of the district's EPC certificates (mapped by
    // mappings/epc) and the hand-written ones of the sample, which the district does not have.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let epc = distinct(
        &root.join("examples/teed/district/epc/domestic-E08000025-Birmingham/certificates.csv"),
        "UPRN",
    );
    let sample = std::fs::read_to_string(root.join("examples/teed/teed-sample.ttl")).unwrap();
    let hand_written: HashSet<&str> = sample
        .lines()
        .filter(|l| l.contains(" a bldg:Dwelling"))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(hand_written.len(), 4);
    assert!(
        hand_written
            .iter()
            .all(|d| !epc.contains(d.trim_start_matches("id:uprn\\/")))
    );
    assert_eq!(answer, format!("?n\n{}\n", epc.len() + hand_written.len()));
    assert!(printed.contains("epc-certificates"), "{printed}");
    assert!(printed.contains("cgmes"), "{printed}");
    assert_eq!(outage, "?n\n207\n");
    assert!(
        catalogue.contains("\"grid-outage-if-switch-opens\""),
        "{catalogue}"
    );
}
