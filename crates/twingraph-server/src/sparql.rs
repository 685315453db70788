//! The SPARQL 1.1 Protocol endpoints `/sparql` (queries and updates), `/query` and `/update`.
//!
//! Queries and updates are evaluated on blocking threads. With a time limit, the handler
//! waits at most that long, then cancels the evaluation through oxigraph's
//! `CancellationToken` and answers `503`. Results are serialised inside the blocking task
//! into a buffer, so evaluation errors become proper error responses and `max_result_rows`
//! can be announced in a header.

use crate::describe::{Operations, service_description};
use crate::error::ApiError;
use crate::negotiate::{self, Kind};
use crate::protocol::{self, FORMAT_KEYS, Params};
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use twingraph_store::oxigraph::io::RdfSerializer;
use twingraph_store::oxigraph::model::NamedNode;
use twingraph_store::oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use twingraph_store::{QueryOptions, ResultFormat, UpdateOptions, write_results};

/// Methods accepted by the protocol endpoints.
pub(crate) const ALLOW: &str = "GET, HEAD, POST, OPTIONS";
/// Header announcing that a result was cut at `max_result_rows`.
pub(crate) const TRUNCATED_HEADER: &str = "x-twingraph-results-truncated";

/// `/sparql`: queries and updates.
pub(crate) async fn sparql(State(state): State<AppState>, request: Request) -> Response {
    into_response(handle(state, request, Operations::Both).await)
}

/// `/query`: queries only.
pub(crate) async fn query(State(state): State<AppState>, request: Request) -> Response {
    into_response(handle(state, request, Operations::QueryOnly).await)
}

/// `/update`: updates only.
pub(crate) async fn update(State(state): State<AppState>, request: Request) -> Response {
    into_response(handle(state, request, Operations::UpdateOnly).await)
}

pub(crate) fn into_response(result: Result<Response, ApiError>) -> Response {
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `204` listing the allowed methods, for `OPTIONS`.
pub(crate) fn options_response(allow: &'static str) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// What a protocol request asks for.
enum Operation {
    Query { text: String, params: Params },
    Update { text: String, params: Params },
    Describe { params: Params },
}

async fn handle(
    state: AppState,
    request: Request,
    operations: Operations,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    match parts.method {
        Method::OPTIONS => return Ok(options_response(ALLOW)),
        Method::GET | Method::HEAD | Method::POST => (),
        ref other => return Err(ApiError::method_not_allowed(other.as_str(), ALLOW)),
    }
    let endpoint = protocol::endpoint_url(&parts.headers, &parts.uri, &state.fallback_host());
    let params = Params::from_uri(&parts.uri)?;
    let operation = if parts.method == Method::POST {
        let body = protocol::read_body(body, &parts.headers, state.config.max_body_bytes).await?;
        parse_post(&parts.headers, params, &body, operations)?
    } else {
        parse_get(params, operations)?
    };
    let accept = protocol::accept(&parts.headers);
    match operation {
        Operation::Query { text, params } => {
            run_query(&state, text, &params, accept, &endpoint).await
        }
        Operation::Update { text, params } => run_update(&state, text, &params, &endpoint).await,
        Operation::Describe { params } => {
            describe(&state, &params, accept.as_deref(), &endpoint, operations).await
        }
    }
}

fn parse_get(params: Params, operations: Operations) -> Result<Operation, ApiError> {
    if params.has("update") {
        return Err(ApiError::bad_request(
            "SPARQL updates must be sent with POST (application/sparql-update or a form)",
        ));
    }
    if params.has("query") {
        return from_params(params, operations);
    }
    if params
        .0
        .iter()
        .all(|(k, _)| FORMAT_KEYS.contains(&k.as_str()))
    {
        return Ok(Operation::Describe { params });
    }
    Err(ApiError::bad_request(
        "missing `query` parameter (GET without parameters returns the service description)",
    ))
}

fn parse_post(
    headers: &HeaderMap,
    mut params: Params,
    body: &Bytes,
    operations: Operations,
) -> Result<Operation, ApiError> {
    let accepted = match operations {
        Operations::Both => {
            "application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"
        }
        Operations::QueryOnly => "application/sparql-query or application/x-www-form-urlencoded",
        Operations::UpdateOnly => "application/sparql-update or application/x-www-form-urlencoded",
    };
    let Some(content_type) = protocol::content_type(headers)? else {
        return Err(ApiError::unsupported_media_type(format!(
            "missing Content-Type: send {accepted}"
        )));
    };
    let direct = |kind: &str| -> Result<String, ApiError> {
        content_type.require_utf8()?;
        if params.has("query") || params.has("update") {
            return Err(ApiError::bad_request(format!(
                "a direct POST of a SPARQL {kind} must not also have `query` or `update` parameters"
            )));
        }
        String::from_utf8(body.to_vec()).map_err(|e| {
            ApiError::bad_request(format!("the SPARQL {kind} is not valid UTF-8: {e}"))
        })
    };
    match content_type.essence.as_str() {
        "application/x-www-form-urlencoded" => {
            content_type.require_utf8()?;
            params.extend(Params::parse(body)?);
            from_params(params, operations)
        }
        "application/sparql-query" if operations.queries() => Ok(Operation::Query {
            text: direct("query")?,
            params,
        }),
        "application/sparql-update" if operations.updates() => Ok(Operation::Update {
            text: direct("update")?,
            params,
        }),
        other => Err(ApiError::unsupported_media_type(format!(
            "unsupported Content-Type {other}: send {accepted}"
        ))),
    }
}

fn from_params(params: Params, operations: Operations) -> Result<Operation, ApiError> {
    match (params.single("query")?, params.single("update")?) {
        (Some(_), Some(_)) => Err(ApiError::bad_request(
            "a request cannot carry both `query` and `update`",
        )),
        (Some(q), None) if operations.queries() => Ok(Operation::Query {
            text: q.to_owned(),
            params,
        }),
        (None, Some(u)) if operations.updates() => Ok(Operation::Update {
            text: u.to_owned(),
            params,
        }),
        (Some(_), None) => Err(ApiError::bad_request(
            "this endpoint only accepts updates: send queries to /query or /sparql",
        )),
        (None, Some(_)) => Err(ApiError::bad_request(
            "this endpoint only accepts queries: send updates to /update or /sparql",
        )),
        (None, None) => Err(ApiError::bad_request(match operations {
            Operations::Both => "missing `query` or `update` parameter",
            Operations::QueryOnly => "missing `query` parameter",
            Operations::UpdateOnly => "missing `update` parameter",
        })),
    }
}

/// Cancels evaluation when dropped, e.g. when the client goes away mid-query.
struct CancelOnDrop(CancellationToken);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Runs `work` on a blocking thread under the configured time limit, cancelling `token`
/// when the limit passes (or when the caller is dropped).
pub(crate) async fn run_blocking<T: Send + 'static>(
    state: &AppState,
    token: CancellationToken,
    what: &str,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let guard = CancelOnDrop(token);
    let handle = tokio::task::spawn_blocking(work);
    let limit = state.config.query_timeout;
    let joined = match limit {
        Some(limit) => match tokio::time::timeout(limit, handle).await {
            Ok(joined) => joined,
            Err(_) => {
                guard.0.cancel();
                state.metrics.timeout();
                tracing::warn!(
                    limit_seconds = limit.as_secs_f64(),
                    "{what} cancelled: time limit reached"
                );
                return Err(ApiError::timeout(limit));
            }
        },
        None => handle.await,
    };
    drop(guard);
    let result = joined.map_err(|e| ApiError::internal(format!("{what} task failed: {e}")))?;
    match (result, limit) {
        (Err(e), Some(limit)) if e.status == StatusCode::SERVICE_UNAVAILABLE => {
            Err(ApiError::timeout(limit))
        }
        (result, _) => result,
    }
}

async fn run_query(
    state: &AppState,
    text: String,
    params: &Params,
    accept: Option<String>,
    endpoint: &NamedNode,
) -> Result<Response, ApiError> {
    params.check_known(
        &[
            "query",
            "default-graph-uri",
            "named-graph-uri",
            "format",
            "output",
            "results",
        ],
        "a query",
    )?;
    let token = CancellationToken::new();
    let options = QueryOptions {
        base_iri: Some(endpoint.as_str().to_owned()),
        default_graphs: params.iris("default-graph-uri")?,
        named_graphs: params.iris("named-graph-uri")?,
        union_default_graph: state.config.union_default_graph,
        cancellation: Some(token.clone()),
    };
    let format_param = params.format().map(str::to_owned);
    let max_rows = state.config.max_result_rows;
    let store = state.store.clone();
    let (format, buffer, summary) = run_blocking(state, token, "query", move || {
        let results = store.query(&text, &options)?;
        let kind = match &results {
            QueryResults::Solutions(_) => Kind::Solutions,
            QueryResults::Boolean(_) => Kind::Boolean,
            QueryResults::Graph(_) => Kind::Graph,
        };
        let format = negotiate::choose(kind, accept.as_deref(), format_param.as_deref())?;
        let (buffer, summary) = write_results(results, format, Vec::new(), max_rows)?;
        Ok((format, buffer, summary))
    })
    .await?;
    let mut response = ok_response(format, buffer);
    if let Some(max) = max_rows.filter(|_| summary.truncated) {
        tracing::warn!(max_rows = max, "query result truncated at max_result_rows");
        response
            .headers_mut()
            .insert(TRUNCATED_HEADER, HeaderValue::from(max));
    }
    Ok(response)
}

/// A `200` response with a negotiated body.
pub(crate) fn ok_response(format: ResultFormat, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(negotiate::content_type(format)),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept"));
    response
}

async fn run_update(
    state: &AppState,
    text: String,
    params: &Params,
    endpoint: &NamedNode,
) -> Result<Response, ApiError> {
    if state.read_only() {
        return Err(ApiError::forbidden(
            "this server is read-only: updates are refused",
        ));
    }
    params.check_known(
        &[
            "update",
            "using-graph-uri",
            "using-named-graph-uri",
            "format",
            "output",
            "results",
        ],
        "an update",
    )?;
    let using_graphs = params.iris("using-graph-uri")?;
    let using_named_graphs = params.iris("using-named-graph-uri")?;
    if !using_graphs.is_empty() || !using_named_graphs.is_empty() {
        // SPARQL 1.1 Protocol §2.2.3: the parameters and USING/WITH must not be combined.
        let prepared = SparqlEvaluator::new()
            .with_base_iri(endpoint.as_str())
            .map_err(|e| ApiError::internal(e.to_string()))?
            .parse_update(&text)
            .map_err(|e| ApiError::bad_request(format!("SPARQL syntax error: {e}")))?;
        if prepared.using_datasets().any(|d| !d.is_default_dataset()) {
            return Err(ApiError::bad_request(
                "using-graph-uri and using-named-graph-uri cannot be combined with USING or WITH in the update",
            ));
        }
    }
    let token = CancellationToken::new();
    let options = UpdateOptions {
        base_iri: Some(endpoint.as_str().to_owned()),
        using_graphs,
        using_named_graphs,
        cancellation: Some(token.clone()),
    };
    let store = state.store.clone();
    let result = run_blocking(state, token, "update", move || {
        store.update(&text, &options).map_err(ApiError::from)
    })
    .await;
    state.metrics.store_changed();
    result?;
    crate::inference::after_write(state).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn describe(
    state: &AppState,
    params: &Params,
    accept: Option<&str>,
    endpoint: &NamedNode,
    operations: Operations,
) -> Result<Response, ApiError> {
    let format = match negotiate::choose(Kind::Graph, accept, params.format())? {
        ResultFormat::Rdf(f) => f,
        ResultFormat::Results(_) => {
            return Err(ApiError::internal("non-RDF service description format"));
        }
    };
    let store = state.store.clone();
    let endpoint = endpoint.clone();
    let read_only = state.read_only();
    let union = state.config.union_default_graph;
    let buffer = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, ApiError> {
        let graph = service_description(&endpoint, operations, read_only, union, store.inner());
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in [
            ("sd", "http://www.w3.org/ns/sparql-service-description#"),
            ("formats", "http://www.w3.org/ns/formats/"),
        ] {
            serializer = serializer
                .with_prefix(prefix, iri)
                .map_err(|e| ApiError::internal(e.to_string()))?;
        }
        let mut writer = serializer.for_writer(Vec::new());
        for triple in &graph {
            writer
                .serialize_triple(triple)
                .map_err(|e| ApiError::internal(e.to_string()))?;
        }
        writer
            .finish()
            .map_err(|e| ApiError::internal(e.to_string()))
    })
    .await
    .map_err(|e| ApiError::internal(format!("service description task failed: {e}")))??;
    Ok(ok_response(ResultFormat::Rdf(format), buffer))
}
