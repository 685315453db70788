//! `/def/`: the ontology reference with content negotiation, so that the ontology IRIs
//! dereference. `https://w3id.org/twingraph/def/energy#X` redirects to `/def/energy`, which
//! answers the HTML page to browsers and the module's RDF to RDF clients (Turtle,
//! N-Triples, RDF/XML, JSON-LD by `Accept`; `406` when none fits). `/def/` is the index;
//! `/def/{module}.html` and `/def/{module}.ttl` are the files `twingraph ontology docs` writes.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::path::Path;
use twingraph_store::oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use twingraph_store::oxigraph::model::Graph;
use twingraph_vocab::{Docs, Ontology};

/// The ontology reference, rendered once when the router is built.
pub(crate) enum DefSite {
    /// No ontology folder configured.
    Unconfigured,
    /// The folder could not be loaded; the message says why.
    Failed(String),
    /// Ready to serve.
    Ready {
        /// The HTML pages and Turtle copies.
        docs: Docs,
        /// Each module's triples, for the other RDF syntaxes.
        graphs: BTreeMap<String, Graph>,
    },
}

impl DefSite {
    /// Loads and renders the ontology in `dir` (if any).
    pub(crate) fn load(dir: Option<&Path>) -> Self {
        let Some(dir) = dir else {
            return Self::Unconfigured;
        };
        match Ontology::load_dir(dir) {
            Ok(ontology) => {
                let docs = ontology.docs();
                tracing::info!(
                    dir = %dir.display(),
                    modules = docs.modules(),
                    terms = docs.terms(),
                    "serving the ontology reference at /def/"
                );
                let graphs = ontology
                    .files()
                    .iter()
                    .map(|f| (f.module.clone(), f.graph.clone()))
                    .collect();
                Self::Ready { docs, graphs }
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot load the ontology; /def/ will answer 500");
                Self::Failed(format!("the ontology could not be loaded: {e}"))
            }
        }
    }
}

/// What `/def/{module}` can answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Representation {
    Html,
    Rdf(RdfFormat),
}

fn json_ld() -> RdfFormat {
    RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    }
}

const CANDIDATES: [(&str, &str); 5] = [
    ("text/html", "text/html; charset=utf-8"),
    ("text/turtle", "text/turtle; charset=utf-8"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/ld+json", "application/ld+json"),
];

fn representation(index: usize) -> Representation {
    match index {
        0 => Representation::Html,
        1 => Representation::Rdf(RdfFormat::Turtle),
        2 => Representation::Rdf(RdfFormat::NTriples),
        3 => Representation::Rdf(RdfFormat::RdfXml),
        _ => Representation::Rdf(json_ld()),
    }
}

/// The candidate index a media type names, with aliases.
fn candidate_of(essence: &str) -> Option<usize> {
    match essence {
        "text/html" | "application/xhtml+xml" => Some(0),
        "text/turtle" | "application/x-turtle" => Some(1),
        "application/n-triples" => Some(2),
        "application/rdf+xml" => Some(3),
        "application/ld+json" | "application/json" => Some(4),
        _ => None,
    }
}

/// Picks a representation from `Accept` (q-values; exact beats `type/*` beats `*/*`);
/// HTML without a usable header. `None` means `406`.
fn negotiate(accept: Option<&str>) -> Option<Representation> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Some(Representation::Html);
    };
    let ranges: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let essence = parts.next()?.trim().to_ascii_lowercase();
            if !essence.contains('/') {
                return None;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((essence, q))
        })
        .collect();
    if ranges.is_empty() {
        return Some(Representation::Html);
    }
    let mut best: Option<(f32, usize)> = None;
    for (index, (media, _)) in CANDIDATES.iter().enumerate() {
        let main = media.split('/').next().unwrap_or_default();
        let mut matched: Option<(u8, f32)> = None;
        for (essence, q) in &ranges {
            let specificity = if essence == "*/*" {
                1
            } else if essence.strip_suffix("/*") == Some(main) {
                2
            } else if candidate_of(essence) == Some(index) {
                3
            } else {
                continue;
            };
            if matched.is_none_or(|(s, _)| specificity > s) {
                matched = Some((specificity, *q));
            }
        }
        if let Some((_, q)) = matched {
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, index));
            }
        }
    }
    best.map(|(_, i)| representation(i))
}

fn respond(content_type: &'static str, body: impl Into<axum::body::Body>, vary: bool) -> Response {
    let mut response = Response::new(body.into());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if vary {
        headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    }
    response
}

/// `/def`, `/def/` and everything below.
pub(crate) async fn def(State(state): State<AppState>, request: Request) -> Response {
    match answer(&state, &request) {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

fn answer(state: &AppState, request: &Request) -> Result<Response, ApiError> {
    match *request.method() {
        Method::GET | Method::HEAD => {}
        ref m => return Err(ApiError::method_not_allowed(m.as_str(), "GET, HEAD")),
    }
    let (docs, graphs) = match state.def.as_ref() {
        DefSite::Unconfigured => {
            return Err(ApiError::not_found(
                "no ontology is configured on this server (set --ontology-dir or server.ontology_dir)",
            ));
        }
        DefSite::Failed(message) => {
            return Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                message.clone(),
            ));
        }
        DefSite::Ready { docs, graphs } => (docs, graphs),
    };
    let path = request.uri().path();
    if path == "/def" {
        let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
        response
            .headers_mut()
            .insert(header::LOCATION, HeaderValue::from_static("/def/"));
        return Ok(response);
    }
    let rest = path.strip_prefix("/def/").unwrap_or_default();
    let rest = if rest.is_empty() { "index.html" } else { rest };
    if let Some(page) = docs.page(rest) {
        return Ok(respond(page.media_type, page.content.clone(), false));
    }
    let Some(graph) = graphs.get(rest) else {
        return Err(ApiError::not_found(format!(
            "no ontology module `{rest}`; see /def/ for the modules"
        )));
    };
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    let Some(chosen) = negotiate(accept) else {
        return Err(ApiError::not_acceptable(format!(
            "none of the media types in `Accept: {}` can represent an ontology module; available: {}",
            accept.unwrap_or_default(),
            CANDIDATES
                .iter()
                .map(|(m, _)| *m)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    match chosen {
        Representation::Html => {
            let page = docs
                .page(&format!("{rest}.html"))
                .ok_or_else(|| ApiError::internal("missing HTML page"))?;
            Ok(respond(CANDIDATES[0].1, page.content.clone(), true))
        }
        Representation::Rdf(RdfFormat::Turtle) => {
            let page = docs
                .page(&format!("{rest}.ttl"))
                .ok_or_else(|| ApiError::internal("missing Turtle file"))?;
            Ok(respond(CANDIDATES[1].1, page.content.clone(), true))
        }
        Representation::Rdf(format) => {
            let mut serializer = RdfSerializer::from_format(format).for_writer(Vec::new());
            for triple in graph.iter() {
                serializer
                    .serialize_triple(triple)
                    .map_err(|e| ApiError::internal(format!("cannot serialise: {e}")))?;
            }
            let bytes = serializer
                .finish()
                .map_err(|e| ApiError::internal(format!("cannot serialise: {e}")))?;
            let content_type = CANDIDATES
                .iter()
                .find(|(m, _)| *m == format.media_type())
                .map_or("application/octet-stream", |(_, c)| *c);
            Ok(respond(content_type, bytes, true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation() {
        assert_eq!(negotiate(None), Some(Representation::Html));
        assert_eq!(negotiate(Some("*/*")), Some(Representation::Html));
        assert_eq!(
            negotiate(Some("text/turtle")),
            Some(Representation::Rdf(RdfFormat::Turtle))
        );
        assert_eq!(
            negotiate(Some("text/html;q=0.5, application/rdf+xml")),
            Some(Representation::Rdf(RdfFormat::RdfXml))
        );
        assert_eq!(
            negotiate(Some("application/ld+json")),
            Some(Representation::Rdf(json_ld()))
        );
        assert_eq!(negotiate(Some("image/png")), None);
        assert_eq!(negotiate(Some("text/turtle;q=0")), None);
    }
}
