//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store`.
//!
//! * Indirect graph identification: `/store?graph=<iri>` or `/store?default`.
//! * Direct graph identification: `/store/<anything>` is the graph whose IRI is the request
//!   URL itself, `http://<Host>/store/<anything>` (query string excluded, path kept
//!   percent-encoded as sent), e.g. `PUT /store/person/1.ttl` on host `www.example` writes
//!   the graph `<http://www.example/store/person/1.ttl>`.
//!
//! Writes go through [`TwinStore::load_reader`](twingraph_store::TwinStore::load_reader), so
//! they are atomic and recorded in the provenance graph. `POST` also takes a
//! `multipart/form-data` body, one RDF document per part, all merged into the graph. Without
//! a graph, `GET /store` returns the whole dataset (TriG or N-Quads) and `POST /store` either
//! adds a quad document (N-Quads, TriG) to the dataset or, for a triple document, creates a
//! new graph `http://<Host>/store/post-…` and answers `201 Created` with that IRI in
//! `Location` (it can be read back directly at that URL or with `?graph=`).
//!
//! With [`ServerConfig::validate_uploads`](crate::ServerConfig::validate_uploads), a write
//! whose data violates the configured shapes is stored in the quarantine graph of its target
//! (named in the `X-TwinGraph-Quarantine` header) and answered `422` with the report.

use crate::error::ApiError;
use crate::multipart;
use crate::negotiate::{self, Kind};
use crate::protocol::{self, Params};
use crate::sparql::{into_response, ok_response, options_response};
use crate::state::AppState;
use crate::validate;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use std::sync::atomic::{AtomicU64, Ordering};
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::oxigraph::model::{Graph, GraphName, NamedNode};
use twingraph_store::{LoadOptions, ResultFormat, SourceDescription};

const ALLOW: &str = "GET, HEAD, PUT, POST, DELETE, OPTIONS";

/// Response header naming the quarantine graph of a write rejected by the upload gate.
pub(crate) const QUARANTINE_HEADER: &str = "x-twingraph-quarantine";

/// The path of the graph store itself; paths below it identify graphs directly.
pub(crate) const STORE_PATH: &str = "/store";

/// The graph a request is about.
enum Target {
    /// `?default`.
    Default,
    /// `?graph=<iri>`, or the request URL under `/store/`.
    Named(NamedNode),
    /// No parameter: the whole graph store.
    Dataset,
}

impl Target {
    fn from_params(params: &Params) -> Result<Self, ApiError> {
        params.check_known(&["graph", "default", "format", "output"], "the graph store")?;
        match (params.single("graph")?, params.has("default")) {
            (Some(_), true) => Err(ApiError::bad_request(
                "give either `graph` or `default`, not both",
            )),
            (Some(iri), false) => Ok(Self::Named(protocol::parse_iri(iri, "graph")?)),
            (None, true) => {
                if params.single("default")?.is_some_and(|v| !v.is_empty()) {
                    return Err(ApiError::bad_request("`default` takes no value"));
                }
                Ok(Self::Default)
            }
            (None, false) => Ok(Self::Dataset),
        }
    }

    /// Direct graph identification: the graph named by the request URL.
    fn direct(
        params: &Params,
        headers: &HeaderMap,
        uri: &Uri,
        fallback_host: &str,
    ) -> Result<Self, ApiError> {
        params.check_known(
            &protocol::FORMAT_KEYS,
            "a graph identified by its URL (use /store?graph=<iri> or /store?default for indirect identification)",
        )?;
        Ok(Self::Named(protocol::request_url(
            headers,
            uri,
            fallback_host,
        )?))
    }

    fn graph_name(&self) -> Option<GraphName> {
        match self {
            Self::Default => Some(GraphName::DefaultGraph),
            Self::Named(n) => Some(n.clone().into()),
            Self::Dataset => None,
        }
    }
}

/// `/store` and `/store/*`.
pub(crate) async fn store(State(state): State<AppState>, request: Request) -> Response {
    into_response(handle(state, request).await)
}

async fn handle(state: AppState, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    if !matches!(
        method,
        Method::GET | Method::HEAD | Method::PUT | Method::POST | Method::DELETE | Method::OPTIONS
    ) {
        return Err(ApiError::method_not_allowed(method.as_str(), ALLOW));
    }
    if method == Method::OPTIONS {
        return Ok(options_response(ALLOW));
    }
    let params = Params::from_uri(&parts.uri)?;
    let target = if parts.uri.path() == STORE_PATH {
        Target::from_params(&params)?
    } else {
        Target::direct(&params, &parts.headers, &parts.uri, &state.fallback_host())?
    };
    match method {
        Method::GET | Method::HEAD => {
            let accept = protocol::accept(&parts.headers);
            get(&state, target, accept.as_deref(), params.format()).await
        }
        _ => {
            if state.read_only() {
                return Err(ApiError::forbidden(
                    "this server is read-only: writes are refused",
                ));
            }
            let format = if method == Method::DELETE {
                None
            } else {
                body_format(&parts.headers)?
            };
            let body =
                protocol::read_body(body, &parts.headers, state.config.max_body_bytes).await?;
            let base = protocol::endpoint_url(&parts.headers, &parts.uri, &state.fallback_host());
            let accept = protocol::accept(&parts.headers);
            let result = write(&state, &method, target, format, body, base.as_str(), accept).await;
            state.metrics.store_changed();
            if result.is_ok() {
                crate::inference::after_write(&state).await?;
            }
            result
        }
    }
}

async fn get(
    state: &AppState,
    target: Target,
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<Response, ApiError> {
    let kind = if matches!(target, Target::Dataset) {
        Kind::Dataset
    } else {
        Kind::Graph
    };
    let chosen = negotiate::choose(kind, accept, format)?;
    let ResultFormat::Rdf(rdf_format) = chosen else {
        return Err(ApiError::internal("non-RDF graph format"));
    };
    let store = state.store.clone();
    let buffer = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, ApiError> {
        let graph = target.graph_name();
        if let Some(g) = &graph {
            if !store.contains_graph(g)? {
                return Err(ApiError::not_found(format!("graph {g} does not exist")));
            }
        }
        Ok(store.dump(Vec::new(), rdf_format, graph.as_ref())?)
    })
    .await
    .map_err(|e| ApiError::internal(format!("graph store task failed: {e}")))??;
    Ok(ok_response(chosen, buffer))
}

/// The syntax of a write request's body.
enum BodyFormat {
    /// One RDF document.
    Rdf(RdfFormat),
    /// `multipart/form-data` (or `multipart/mixed`) with this boundary: one RDF document per
    /// part.
    Multipart(String),
}

/// The syntax of a request body, from its `Content-Type`.
fn body_format(headers: &HeaderMap) -> Result<Option<BodyFormat>, ApiError> {
    let supported = "text/turtle, application/n-triples, application/rdf+xml, application/ld+json, text/n3, application/n-quads, application/trig or (POST) multipart/form-data";
    let Some(media) = protocol::content_type(headers)? else {
        return Ok(None);
    };
    if matches!(
        media.essence.as_str(),
        "multipart/form-data" | "multipart/mixed"
    ) {
        let boundary = media.param("boundary").unwrap_or_default().to_owned();
        return Ok(Some(BodyFormat::Multipart(boundary)));
    }
    media.require_utf8()?;
    RdfFormat::from_media_type(&media.essence)
        .map(|f| match f {
            RdfFormat::JsonLd { .. } => RdfFormat::JsonLd {
                profile: twingraph_store::oxigraph::io::JsonLdProfileSet::empty(),
            },
            f => f,
        })
        .map(|f| Some(BodyFormat::Rdf(f)))
        .ok_or_else(|| {
            ApiError::unsupported_media_type(format!(
                "unsupported Content-Type {}: send {supported}",
                media.essence
            ))
        })
}

/// A fresh graph IRI for `POST` to the graph store at `store_url`: a URL below it, so the
/// new graph can be read back directly at its IRI.
fn new_graph_iri(store_url: &str) -> NamedNode {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let id = format!("post-{nanos:x}-{:x}-{n:x}", std::process::id());
    NamedNode::new(format!("{}/{id}", store_url.trim_end_matches('/')))
        .unwrap_or_else(|_| NamedNode::new_unchecked(format!("urn:twingraph:graph:{id}")))
}

async fn write(
    state: &AppState,
    method: &Method,
    target: Target,
    format: Option<BodyFormat>,
    body: Bytes,
    request_url: &str,
    accept: Option<String>,
) -> Result<Response, ApiError> {
    if *method == Method::DELETE {
        let Some(graph) = target.graph_name() else {
            return Err(ApiError::bad_request(
                "DELETE needs `?graph=<iri>` or `?default`",
            ));
        };
        let store = state.store.clone();
        let existed = tokio::task::spawn_blocking(move || store.drop_graph(&graph))
            .await
            .map_err(|e| ApiError::internal(format!("graph store task failed: {e}")))??;
        return if existed {
            Ok(StatusCode::NO_CONTENT.into_response())
        } else {
            Err(ApiError::not_found("the graph does not exist"))
        };
    }
    let format = format.ok_or_else(|| {
        ApiError::unsupported_media_type("missing Content-Type: give the RDF syntax of the body")
    })?;
    let replace = *method == Method::PUT;
    let quads = match &format {
        BodyFormat::Rdf(f) => f.supports_datasets(),
        BodyFormat::Multipart(_) if replace => {
            return Err(ApiError::unsupported_media_type(
                "multipart bodies are for POST: PUT a single RDF document",
            ));
        }
        BodyFormat::Multipart(_) => false,
    };
    let (graph, created_location) = match target {
        Target::Dataset if replace => {
            return Err(ApiError::bad_request(
                "PUT needs `?graph=<iri>`, `?default` or a graph URL under /store/",
            ));
        }
        Target::Dataset if quads => (GraphName::DefaultGraph, None),
        Target::Dataset => {
            let iri = new_graph_iri(request_url);
            (iri.clone().into(), Some(iri))
        }
        Target::Default | Target::Named(_) if quads => {
            return Err(ApiError::unsupported_media_type(
                "a quad document holds several graphs: send a single graph (Turtle, N-Triples, RDF/XML, JSON-LD) to a graph, or POST quads to /store without parameters",
            ));
        }
        t => (t.graph_name().unwrap_or(GraphName::DefaultGraph), None),
    };
    let base_iri = match &graph {
        GraphName::NamedNode(n) => n.as_str().to_owned(),
        _ => request_url.to_owned(),
    };
    let source = SourceDescription::named(if replace { "HTTP PUT" } else { "HTTP POST" });
    let gate = state.config.validate_uploads.then(|| state.shapes.clone());
    let store = state.store.clone();
    let (created, rejected) = tokio::task::spawn_blocking(move || -> Result<_, ApiError> {
        let (format, body) = match format {
            BodyFormat::Rdf(f) => (f, body),
            BodyFormat::Multipart(boundary) => (
                RdfFormat::NTriples,
                Bytes::from(multipart::to_ntriples(&body, &boundary, &base_iri)?),
            ),
        };
        // The upload gate: a write with violations goes to quarantine, not the live graph.
        let rejected = match &gate {
            Some(shapes) => {
                let mut data = Graph::new();
                validate::parse_into_with_base(format, &body, &base_iri, &mut data)
                    .map_err(|e| ApiError::bad_request(format!("invalid RDF body: {e}")))?;
                let report = twingraph_shacl::validate(shapes.get()?, &data);
                validate::has_violations(&report).then_some(report)
            }
            None => None,
        };
        let options = LoadOptions {
            format: Some(format),
            graph: Some(graph.clone()),
            base_iri: Some(base_iri),
            replace,
            quarantine: rejected.is_some(),
            ..LoadOptions::default()
        };
        let target = if rejected.is_some() {
            twingraph_store::quarantine_graph(&graph)
        } else {
            graph.clone()
        };
        let existed = store.contains_graph(&target)?;
        let report = store.load_reader(&body[..], &source, &options, |_| ())?;
        match &target {
            // An empty PUT or POST still creates the (empty) graph.
            GraphName::NamedNode(n) if report.triples() == 0 => {
                store
                    .inner()
                    .insert_named_graph(n)
                    .map_err(|e| ApiError::internal(e.to_string()))?;
            }
            _ => (),
        }
        Ok((!existed, rejected.map(|r| (r, target))))
    })
    .await
    .map_err(|e| ApiError::internal(format!("graph store task failed: {e}")))??;
    if let Some((report, quarantine)) = rejected {
        let rdf = if validate::wants_json(accept.as_deref(), None) {
            None
        } else {
            Some(negotiate::choose(Kind::Graph, accept.as_deref(), None)?)
        };
        let mut response =
            validate::report_response(&report, rdf, StatusCode::UNPROCESSABLE_ENTITY)?;
        if let GraphName::NamedNode(n) = &quarantine
            && let Ok(value) = HeaderValue::from_str(n.as_str())
        {
            response.headers_mut().insert(QUARANTINE_HEADER, value);
        }
        return Ok(response);
    }
    if let Some(iri) = created_location {
        let mut response = (StatusCode::CREATED, format!("{iri}\n")).into_response();
        if let Ok(location) = HeaderValue::from_str(iri.as_str()) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        return Ok(response);
    }
    Ok(if created {
        StatusCode::CREATED.into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    })
}
