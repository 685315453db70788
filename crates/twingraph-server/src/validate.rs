//! SHACL validation over HTTP at `/validate`, and the upload gate of the Graph Store.
//!
//! * `GET /validate[?graph=<iri>…][&default]` validates stored graphs (all live graphs when
//!   none is named: every graph but the metadata, quarantine and report graphs).
//! * `POST /validate` with an RDF body validates that body without storing it.
//!
//! The shapes are the files of [`ServerConfig::shapes`](crate::ServerConfig::shapes), read
//! once at start. The answer is the `sh:ValidationReport` in the negotiated RDF syntax
//! (Turtle by default), or a JSON summary with `Accept: application/json` or `?format=json`;
//! the `X-TwinGraph-Conforms` header says `true` or `false` either way.

use crate::error::ApiError;
use crate::negotiate::{self, Kind};
use crate::protocol::{self, Params};
use crate::sparql::{into_response, ok_response, options_response};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use twingraph_shacl::{Shapes, ValidationReport, validate};
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use twingraph_store::oxigraph::model::{Graph, GraphName, Term, Triple};
use twingraph_store::{ResultFormat, TwinStore, is_live_graph};

const ALLOW: &str = "GET, HEAD, POST, OPTIONS";
/// Response header carrying whether the data conforms.
pub(crate) const CONFORMS_HEADER: &str = "x-twingraph-conforms";

/// The shapes the server validates with.
pub(crate) enum ShapesState {
    /// No shapes configured: `/validate` answers `404`.
    Unconfigured,
    /// Shapes read at start.
    Ready(Box<Shapes>),
    /// The shapes files could not be read; `serve` refuses to start, `/validate` answers `500`.
    Failed(String),
}

impl ShapesState {
    /// Reads and merges the shapes files.
    pub(crate) fn load(files: &[std::path::PathBuf]) -> Self {
        if files.is_empty() {
            return Self::Unconfigured;
        }
        let mut graph = Graph::new();
        for file in files {
            if let Err(e) = read_file(file, &mut graph) {
                return Self::Failed(e);
            }
        }
        match Shapes::from_graph(&graph) {
            Ok(shapes) => {
                for warning in shapes.unsupported() {
                    tracing::warn!(%warning, "shapes feature not evaluated");
                }
                tracing::info!(
                    files = files.len(),
                    shapes = shapes.len(),
                    "SHACL shapes loaded"
                );
                Self::Ready(Box::new(shapes))
            }
            Err(e) => Self::Failed(format!("invalid shapes graph: {e}")),
        }
    }

    /// The shapes, or the error a request gets.
    pub(crate) fn get(&self) -> Result<&Shapes, ApiError> {
        match self {
            Self::Ready(shapes) => Ok(shapes),
            Self::Unconfigured => Err(ApiError::not_found(
                "no SHACL shapes are configured: start the server with --shapes <file>…",
            )),
            Self::Failed(e) => Err(ApiError::internal(e.clone())),
        }
    }
}

fn read_file(path: &Path, graph: &mut Graph) -> Result<(), String> {
    let format = twingraph_store::format_from_path(path).map_err(|e| e.to_string())?;
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_into(format, &text, graph).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses an RDF document into `graph` (graph names of quad formats are dropped); syntax
/// errors carry their line and column.
pub(crate) fn parse_into(format: RdfFormat, data: &[u8], graph: &mut Graph) -> Result<(), String> {
    parse_with(RdfParser::from_format(format), data, graph)
}

/// [`parse_into`] resolving relative IRIs against `base`.
pub(crate) fn parse_into_with_base(
    format: RdfFormat,
    data: &[u8],
    base: &str,
    graph: &mut Graph,
) -> Result<(), String> {
    let parser = RdfParser::from_format(format)
        .with_base_iri(base)
        .map_err(|e| e.to_string())?;
    parse_with(parser, data, graph)
}

fn parse_with(parser: RdfParser, data: &[u8], graph: &mut Graph) -> Result<(), String> {
    for quad in parser.for_slice(data) {
        let quad = quad.map_err(|e| match e.location() {
            Some(l) => format!(
                "line {}, column {}: {e}",
                l.start.line + 1,
                l.start.column + 1
            ),
            None => e.to_string(),
        })?;
        graph.insert(&Triple::from(quad));
    }
    Ok(())
}

/// The union of the selected graphs (all live graphs when `selected` is empty).
fn stored_data(store: &TwinStore, selected: &[GraphName]) -> Result<Graph, ApiError> {
    for g in selected {
        if !store.contains_graph(g)? {
            return Err(ApiError::not_found(format!("graph {g} does not exist")));
        }
    }
    let mut data = Graph::new();
    for quad in store.inner().iter() {
        let quad = quad.map_err(|e| ApiError::internal(e.to_string()))?;
        let keep = if selected.is_empty() {
            is_live_graph(quad.graph_name.as_ref())
        } else {
            selected.contains(&quad.graph_name)
        };
        if keep {
            data.insert(&Triple::from(quad));
        }
    }
    Ok(data)
}

/// `/validate`.
pub(crate) async fn handle(State(state): State<AppState>, request: Request) -> Response {
    into_response(route(state, request).await)
}

async fn route(state: AppState, request: Request) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let params = Params::from_uri(&parts.uri)?;
    params.check_known(&["graph", "default", "format", "output"], "/validate")?;
    let accept = protocol::accept(&parts.headers);
    let json = wants_json(accept.as_deref(), params.format());
    let rdf = if json {
        None
    } else {
        Some(negotiate::choose(
            Kind::Graph,
            accept.as_deref(),
            params.format(),
        )?)
    };
    state.shapes.get()?;
    let report = match parts.method {
        Method::OPTIONS => return Ok(options_response(ALLOW)),
        Method::GET | Method::HEAD => {
            let mut selected: Vec<GraphName> =
                params.iris("graph")?.into_iter().map(Into::into).collect();
            if params.has("default") {
                selected.push(GraphName::DefaultGraph);
            }
            let state = state.clone();
            tokio::task::spawn_blocking(move || -> Result<ValidationReport, ApiError> {
                let data = stored_data(&state.store, &selected)?;
                Ok(validate(state.shapes.get()?, &data))
            })
            .await
            .map_err(|e| ApiError::internal(format!("validation task failed: {e}")))??
        }
        Method::POST => {
            let media = protocol::content_type(&parts.headers)?.ok_or_else(|| {
                ApiError::unsupported_media_type(
                    "missing Content-Type: give the RDF syntax of the body",
                )
            })?;
            let format = RdfFormat::from_media_type(&media.essence).ok_or_else(|| {
                ApiError::unsupported_media_type(format!(
                    "unsupported Content-Type {}: send an RDF syntax",
                    media.essence
                ))
            })?;
            let body =
                protocol::read_body(body, &parts.headers, state.config.max_body_bytes).await?;
            let state = state.clone();
            tokio::task::spawn_blocking(move || -> Result<ValidationReport, ApiError> {
                let mut data = Graph::new();
                parse_into(format, &body, &mut data)
                    .map_err(|e| ApiError::bad_request(format!("invalid RDF body: {e}")))?;
                Ok(validate(state.shapes.get()?, &data))
            })
            .await
            .map_err(|e| ApiError::internal(format!("validation task failed: {e}")))??
        }
        ref other => return Err(ApiError::method_not_allowed(other.as_str(), ALLOW)),
    };
    report_response(&report, rdf, StatusCode::OK)
}

/// Whether a report has a result of severity `sh:Violation` (warnings and infos pass).
pub(crate) fn has_violations(report: &ValidationReport) -> bool {
    report
        .results()
        .iter()
        .any(|r| r.severity.as_str() == "http://www.w3.org/ns/shacl#Violation")
}

/// Whether the client asked for the JSON summary rather than RDF.
pub(crate) fn wants_json(accept: Option<&str>, format: Option<&str>) -> bool {
    match format {
        Some(f) => f == "json" || f == "application/json",
        None => accept.is_some_and(|a| {
            a.split(',')
                .next()
                .is_some_and(|first| first.trim().starts_with("application/json"))
        }),
    }
}

/// The report as RDF (`Some(format)`) or as the JSON summary (`None`), with the conformance
/// header.
pub(crate) fn report_response(
    report: &ValidationReport,
    rdf: Option<ResultFormat>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let mut response = match rdf {
        Some(format @ ResultFormat::Rdf(rdf_format)) => {
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format == RdfFormat::Turtle {
                serializer = serializer
                    .with_prefix("sh", "http://www.w3.org/ns/shacl#")
                    .map_err(|e| ApiError::internal(e.to_string()))?;
            }
            let mut writer = serializer.for_writer(Vec::new());
            for triple in report.to_graph().iter() {
                writer
                    .serialize_triple(triple)
                    .map_err(|e| ApiError::internal(e.to_string()))?;
            }
            let body = writer
                .finish()
                .map_err(|e| ApiError::internal(e.to_string()))?;
            ok_response(format, body)
        }
        _ => {
            let mut response = (
                StatusCode::OK,
                serde_json::to_string_pretty(&summary(report)).unwrap_or_default(),
            )
                .into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
    };
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONFORMS_HEADER,
        HeaderValue::from_static(if report.conforms() { "true" } else { "false" }),
    );
    Ok(response)
}

/// The JSON summary: `conforms`, counts by severity and one object per result.
fn summary(report: &ValidationReport) -> serde_json::Value {
    let text = |t: &Term| match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    };
    let local = |iri: &str| iri.rsplit(['#', '/']).next().unwrap_or(iri).to_owned();
    let mut by_severity = serde_json::Map::new();
    let results: Vec<serde_json::Value> = report
        .results()
        .iter()
        .map(|r| {
            let severity = local(r.severity.as_str());
            let n = by_severity
                .entry(severity.clone())
                .or_insert(serde_json::Value::from(0));
            *n = serde_json::Value::from(n.as_u64().unwrap_or(0) + 1);
            serde_json::json!({
                "focusNode": text(&r.focus_node),
                "path": r.result_path.as_ref().map(ToString::to_string),
                "value": r.value.as_ref().map(text),
                "severity": severity,
                "sourceShape": text(&r.source_shape),
                "sourceConstraintComponent": r.source_constraint_component.as_str(),
                "messages": r.messages.iter().map(text).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "conforms": report.conforms(),
        "failure": report.failure(),
        "results": results.len(),
        "bySeverity": by_severity,
        "details": results,
    })
}
