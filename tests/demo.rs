//! `twingraph demo` loads the bundled TEED example into a temporary store and serves it.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn demo_serves_the_teed_example() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .args(["demo", "--bind", &format!("127.0.0.1:{port}")])
        .env_remove("TWINGRAPH_STORE")
        .env_remove("TWINGRAPH_CONFIG")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let answer = loop {
        let out = Command::new("curl")
            .args(["-sf", "-G", &format!("{base}/sparql"), "-H", "Accept: text/tab-separated-values", "--data-urlencode"])
            .arg("query=PREFIX bldg: <https://w3id.org/twingraph/def/building#> SELECT (COUNT(?d) AS ?n) WHERE { GRAPH ?g { ?d a bldg:Dwelling } }")
            .output()
            .unwrap();
        if out.status.success() {
            break String::from_utf8(out.stdout).unwrap();
        }
        if start.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("the demo did not answer within 60 s");
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
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(answer, "?n\n4\n");
    assert_eq!(outage, "?n\n207\n");
    assert!(
        catalogue.contains("\"grid-outage-if-switch-opens\""),
        "{catalogue}"
    );
}
