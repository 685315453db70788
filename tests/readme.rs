//! The README's `curl` examples, run verbatim against `twingraph serve` on the default address.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn curl_lines() -> Vec<String> {
    let readme = include_str!("../README.md");
    readme
        .lines()
        .filter(|l| l.starts_with("curl "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn readme_curl_examples_work_verbatim() {
    let lines = curl_lines();
    assert!(lines.len() >= 5, "the README lost its curl examples");
    let dir = tempfile::tempdir().unwrap();
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_twingraph"))
            .args([
                "--store",
                dir.path().to_str().unwrap(),
                "serve",
                "--bind",
                "127.0.0.1:7878",
            ])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let start = Instant::now();
    while Command::new("curl")
        .args(["-sf", "http://127.0.0.1:7878/health"])
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "server did not start on 127.0.0.1:7878 (port busy?)"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let run = |line: &str| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("{line} -sS -w '\\n%{{http_code}}'"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let (body, code) = stdout.rsplit_once('\n').unwrap();
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (body.to_owned(), code.parse::<u16>().unwrap())
    };
    let outputs: Vec<(String, u16)> = lines.iter().map(|l| run(l)).collect();
    for ((_, code), line) in outputs.iter().zip(&lines) {
        assert!((200..300).contains(code), "{line} answered {code}");
    }
    assert_eq!(outputs[1].0, "s,mw\r\nhttp://example.org/erf,25\r\n");
    assert!(outputs[3].0.contains("<http://example.org/tep> <http://example.org/exportMW> \"10\"^^<http://www.w3.org/2001/XMLSchema#integer> ."), "{}", outputs[3].0);
    // After the DELETE the graph is gone.
    let (_, code) = run("curl 'http://127.0.0.1:7878/store?graph=http://example.org/g/sites'");
    assert_eq!(code, 404);
    drop(server);
}
