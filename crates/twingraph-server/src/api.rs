//! The named-query REST API: the use-case queries of the configured queries folder
//! ([`crate::ServerConfig::queries_dir`]), listed at `/api/queries`, run with typed
//! parameters at `/api/queries/{name}`, and described by an OpenAPI document at
//! `/api/openapi.json`.
//!
//! Parameters are validated against their declared type and bound with oxigraph's
//! `substitute_variable` (as initial bindings of the query's variables): they are never
//! spliced into the SPARQL text, so a value cannot change what the query does. Evaluation
//! goes through the same time limit, cancellation and row limit as `/sparql`. Results are
//! SPARQL JSON (default), XML, CSV or TSV (or, for `CONSTRUCT`/`DESCRIBE`, the RDF syntaxes),
//! by `Accept` or `?format=`, and for `SELECT` also GeoJSON (`application/geo+json`,
//! `format=geojson`): a `FeatureCollection` with one feature per row, the geometry from the
//! row's first `geo:wktLiteral` value (see [`wkt`]) and the other variables as properties.

mod catalog;
mod openapi;
mod wkt;

pub(crate) use catalog::Catalog;

use crate::config::ServerConfig;
use crate::error::ApiError;
use crate::negotiate::{self, Kind};
use crate::protocol::{self, MediaType, Params};
use crate::sparql::{self, TRUNCATED_HEADER};
use crate::state::AppState;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::response::Response;
use axum::routing::any;
use catalog::{NamedQuery, Param, ParamType};
use serde_json::{Map, Value, json};
use std::io::Write;
use std::sync::Arc;
use twingraph_store::oxigraph::model::vocab::geosparql;
use twingraph_store::oxigraph::model::{Term, Variable};
use twingraph_store::oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter,
};
use twingraph_store::{ResultFormat, StoreError, write_results};

/// Methods of the list and the OpenAPI document.
const READ_ALLOW: &str = "GET, HEAD, OPTIONS";
/// The XML Schema namespace.
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// Media types that ask for GeoJSON.
const GEOJSON_TYPES: [&str; 2] = ["application/geo+json", "application/vnd.geo+json"];

/// Checks the `*.rq` files of `dir` as the server loads them: the number of queries that
/// load, or one message per file that does not (naming the file and, where it applies, the
/// header line). For tests and CI checks of a queries folder.
pub fn check_queries_dir(dir: &std::path::Path) -> Result<usize, Vec<String>> {
    let (catalog, problems) = Catalog::load_checked(dir);
    if problems.is_empty() {
        Ok(catalog.queries.len())
    } else {
        Err(problems)
    }
}

/// The `/api/…` routes, with the queries of `config.queries_dir` loaded once.
pub(crate) fn routes(config: &ServerConfig) -> Router<AppState> {
    let catalog = Arc::new(Catalog::load(config.queries_dir.as_deref()));
    let list_catalog = Arc::clone(&catalog);
    let doc_catalog = Arc::clone(&catalog);
    Router::new()
        .route(
            "/api/queries",
            any(move |request: Request| {
                let catalog = Arc::clone(&list_catalog);
                async move { sparql::into_response(list(&catalog, &request)) }
            }),
        )
        .route(
            "/api/queries/{name}",
            any(
                move |State(state): State<AppState>, Path(name): Path<String>, request: Request| {
                    let catalog = Arc::clone(&catalog);
                    async move { sparql::into_response(run(state, &catalog, &name, request).await) }
                },
            ),
        )
        .route(
            "/api/openapi.json",
            any(move |request: Request| {
                let catalog = Arc::clone(&doc_catalog);
                async move {
                    if request.method() == Method::OPTIONS {
                        return sparql::options_response(READ_ALLOW);
                    }
                    sparql::into_response(
                        read_only_method(&request)
                            .map(|()| json_response(&openapi::document(&catalog))),
                    )
                }
            }),
        )
}

fn read_only_method(request: &Request) -> Result<(), ApiError> {
    match *request.method() {
        Method::GET | Method::HEAD => Ok(()),
        ref m => Err(ApiError::method_not_allowed(m.as_str(), READ_ALLOW)),
    }
}

fn json_response(value: &Value) -> Response {
    let mut body = serde_json::to_vec_pretty(value).unwrap_or_default();
    body.push(b'\n');
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// `GET /api/queries`.
fn list(catalog: &Catalog, request: &Request) -> Result<Response, ApiError> {
    if request.method() == Method::OPTIONS {
        return Ok(sparql::options_response(READ_ALLOW));
    }
    read_only_method(request)?;
    let entries: Vec<Value> = catalog.queries.values().map(query_json).collect();
    Ok(json_response(&Value::Array(entries)))
}

/// A query's entry in the listing.
fn query_json(q: &NamedQuery) -> Value {
    json!({
        "name": q.name,
        "title": q.title,
        "use_case": q.use_case,
        "description": q.description,
        "returns": q.returns,
        "result": match q.kind {
            Kind::Solutions => "solutions",
            Kind::Boolean => "boolean",
            Kind::Graph | Kind::Dataset => "graph",
        },
        "url": format!("/api/queries/{}", q.name),
        "parameters": q.params.iter().map(param_json).collect::<Vec<_>>(),
    })
}

fn param_json(p: &Param) -> Value {
    json!({
        "name": p.name,
        "type": p.ty.name(),
        "required": p.required,
        "default": p.default.as_ref().map_or(Value::Null, |(_, term)| default_json(p.ty, term)),
        "description": p.description,
    })
}

/// A default value as typed JSON: a number for integers and decimals, a boolean for booleans,
/// else the string.
pub(crate) fn default_json(ty: ParamType, term: &Term) -> Value {
    let text = match term {
        Term::NamedNode(n) => n.as_str(),
        Term::Literal(l) => l.value(),
        other => return Value::String(other.to_string()),
    };
    match ty {
        ParamType::Integer => text
            .parse::<i64>()
            .map_or_else(|_| text.into(), Value::from),
        ParamType::Decimal => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| text.into(), Value::Number),
        ParamType::Boolean => Value::Bool(text == "true"),
        _ => text.into(),
    }
}

/// What the client gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Sparql(ResultFormat),
    GeoJson,
}

fn geojson_for(kind: Kind) -> Result<Output, ApiError> {
    if kind == Kind::Solutions {
        Ok(Output::GeoJson)
    } else {
        Err(ApiError::not_acceptable(
            "GeoJSON is only available for SELECT queries",
        ))
    }
}

/// `format` wins over `Accept`. GeoJSON is chosen when `Accept` lists it with a quality no
/// lower than any other specific media type (wildcards do not count), or when nothing else
/// in `Accept` can be served.
fn choose_output(
    kind: Kind,
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<Output, ApiError> {
    if let Some(f) = format.map(str::trim).filter(|f| !f.is_empty()) {
        let lower = f.to_ascii_lowercase();
        if lower == "geojson" || GEOJSON_TYPES.contains(&lower.as_str()) {
            return geojson_for(kind);
        }
        return negotiate::choose(kind, None, Some(f)).map(Output::Sparql);
    }
    let mut geo_q = 0.0f32;
    let mut other_q = 0.0f32;
    for item in accept.unwrap_or_default().split(',') {
        let Some(media) = MediaType::parse(item) else {
            continue;
        };
        let q = media
            .param("q")
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if GEOJSON_TYPES.contains(&media.essence.as_str()) {
            geo_q = geo_q.max(q);
        } else if !media.essence.ends_with("/*") {
            other_q = other_q.max(q);
        }
    }
    if kind == Kind::Solutions && geo_q > 0.0 && geo_q >= other_q {
        return Ok(Output::GeoJson);
    }
    match negotiate::choose(kind, accept, None) {
        Ok(format) => Ok(Output::Sparql(format)),
        Err(_) if kind == Kind::Solutions && geo_q > 0.0 => Ok(Output::GeoJson),
        Err(e) => Err(e),
    }
}

/// Reads the parameters of a request: the query string, plus for `POST` a form or a JSON
/// object.
async fn request_params(
    state: &AppState,
    parts: &axum::http::request::Parts,
    body: Body,
) -> Result<Params, ApiError> {
    let mut params = Params::from_uri(&parts.uri)?;
    if parts.method != Method::POST {
        return Ok(params);
    }
    let bytes = protocol::read_body(body, &parts.headers, state.config.max_body_bytes).await?;
    let content_type = protocol::content_type(&parts.headers)?;
    match content_type.as_ref().map(|m| m.essence.as_str()) {
        None if bytes.is_empty() => (),
        Some("application/x-www-form-urlencoded") => {
            if let Some(m) = &content_type {
                m.require_utf8()?;
            }
            params.extend(Params::parse(&bytes)?);
        }
        Some("application/json") => {
            let value: Value = serde_json::from_slice(&bytes)
                .map_err(|e| ApiError::bad_request(format!("the JSON body is not valid: {e}")))?;
            let Value::Object(map) = value else {
                return Err(ApiError::bad_request(
                    "the JSON body must be an object of parameter names to values",
                ));
            };
            for (key, value) in map {
                let value = match value {
                    Value::Null => continue,
                    Value::String(s) => s,
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Array(_) | Value::Object(_) => {
                        return Err(ApiError::bad_request(format!(
                            "parameter `{key}`: give a single string, number or boolean"
                        )));
                    }
                };
                params.0.push((key, value));
            }
        }
        other => {
            return Err(ApiError::unsupported_media_type(format!(
                "{}: send the parameters as application/x-www-form-urlencoded or application/json",
                other.map_or_else(
                    || "missing Content-Type".to_owned(),
                    |t| format!("unsupported Content-Type {t}")
                )
            )));
        }
    }
    Ok(params)
}

/// Validates the parameters and turns them into the terms to bind: unknown or repeated
/// parameters, missing required ones and values not of the declared type are `400`s naming
/// the parameter. Absent parameters take their default, or stay unbound.
fn bindings(query: &NamedQuery, params: &Params) -> Result<Vec<(Variable, Term)>, ApiError> {
    if let Some((key, _)) = params.0.iter().find(|(k, _)| {
        !catalog::RESERVED.contains(&k.as_str()) && !query.params.iter().any(|p| p.name == *k)
    }) {
        let accepted: Vec<&str> = query
            .params
            .iter()
            .map(|p| p.name.as_str())
            .chain(catalog::RESERVED)
            .collect();
        return Err(ApiError::bad_request(format!(
            "unknown parameter `{key}` for query `{}`; accepted parameters: {}",
            query.name,
            accepted.join(", ")
        )));
    }
    let mut out = Vec::new();
    for p in &query.params {
        let value = params
            .single(&p.name)?
            .filter(|v| p.ty == ParamType::String || !v.trim().is_empty());
        let term = match (value, &p.default) {
            (Some(v), _) => p.ty.parse(v).map_err(|e| {
                ApiError::bad_request(format!("parameter `{}` ({}): {e}", p.name, p.ty.name()))
            })?,
            (None, Some((_, term))) => term.clone(),
            (None, None) if p.required => {
                return Err(ApiError::bad_request(format!(
                    "missing required parameter `{}` ({}){}",
                    p.name,
                    p.ty.name(),
                    if p.description.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", p.description)
                    }
                )));
            }
            (None, None) => continue,
        };
        out.push((p.variable.clone(), term));
    }
    Ok(out)
}

fn evaluation_error(e: QueryEvaluationError) -> ApiError {
    match e {
        QueryEvaluationError::Cancelled => StoreError::Cancelled.into(),
        e => StoreError::Evaluation(e).into(),
    }
}

/// `GET|POST /api/queries/{name}`.
async fn run(
    state: AppState,
    catalog: &Catalog,
    name: &str,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    match parts.method {
        Method::OPTIONS => return Ok(sparql::options_response(sparql::ALLOW)),
        Method::GET | Method::HEAD | Method::POST => (),
        ref other => return Err(ApiError::method_not_allowed(other.as_str(), sparql::ALLOW)),
    }
    let query = catalog.queries.get(name).ok_or_else(|| {
        ApiError::not_found(format!(
            "no named query `{name}`; GET /api/queries lists them"
        ))
    })?;
    let params = request_params(&state, &parts, body).await?;
    let accept = protocol::accept(&parts.headers);
    let output = choose_output(query.kind, accept.as_deref(), params.single("format")?)?;
    let bindings = bindings(query, &params)?;
    let token = CancellationToken::new();
    let evaluation_token = token.clone();
    let text = query.text.clone();
    let union = state.config.union_default_graph;
    let max_rows = state.config.max_result_rows;
    let store = state.store.clone();
    let (buffer, truncated) = sparql::run_blocking(&state, token, "named query", move || {
        let mut prepared = twingraph_store::sparql_evaluator()
            .with_cancellation_token(evaluation_token)
            .parse_query(&text)
            .map_err(|e| ApiError::internal(format!("the named query no longer parses: {e}")))?;
        if union && prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (variable, term) in bindings {
            prepared = prepared.substitute_variable(variable, term);
        }
        let results = prepared
            .on_store(store.inner())
            .execute()
            .map_err(evaluation_error)?;
        match (output, results) {
            (Output::Sparql(format), results) => {
                let (buffer, summary) = write_results(results, format, Vec::new(), max_rows)?;
                Ok((buffer, summary.truncated))
            }
            (Output::GeoJson, QueryResults::Solutions(solutions)) => {
                write_geojson(solutions, max_rows)
            }
            (Output::GeoJson, _) => Err(ApiError::not_acceptable(
                "GeoJSON is only available for SELECT queries",
            )),
        }
    })
    .await?;
    let mut response = match output {
        Output::Sparql(format) => sparql::ok_response(format, buffer),
        Output::GeoJson => {
            let mut response = Response::new(Body::from(buffer));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json"),
            );
            headers.insert(header::VARY, HeaderValue::from_static("accept"));
            response
        }
    };
    if let Some(max) = max_rows.filter(|_| truncated) {
        tracing::warn!(
            query = name,
            max_rows = max,
            "named query result truncated at max_result_rows"
        );
        response
            .headers_mut()
            .insert(TRUNCATED_HEADER, HeaderValue::from(max));
    }
    Ok(response)
}

fn io_error(e: std::io::Error) -> ApiError {
    ApiError::internal(format!("cannot write the GeoJSON: {e}"))
}

/// Writes solutions as a GeoJSON `FeatureCollection`; the flag tells whether `max_rows` cut
/// it.
fn write_geojson(
    solutions: QuerySolutionIter<'_>,
    max_rows: Option<u64>,
) -> Result<(Vec<u8>, bool), ApiError> {
    let variables = solutions.variables().to_vec();
    let mut out = Vec::new();
    out.extend_from_slice(b"{\"type\":\"FeatureCollection\",\"features\":[");
    let mut rows = 0u64;
    let mut truncated = false;
    for solution in solutions {
        if max_rows.is_some_and(|m| rows >= m) {
            truncated = true;
            break;
        }
        let solution = solution.map_err(evaluation_error)?;
        let geometry_literal = solution.iter().find_map(|(variable, term)| match term {
            Term::Literal(l) if l.datatype() == geosparql::WKT_LITERAL => Some((variable, l)),
            _ => None,
        });
        let mut geometry = Value::Null;
        let mut crs = None;
        let mut geometry_variable = None;
        if let Some((variable, literal)) = geometry_literal {
            if let Ok(parsed) = wkt::parse(literal.value()) {
                let (g, note) = parsed.to_geojson();
                geometry = g;
                crs = note.map(str::to_owned);
                geometry_variable = Some(variable.clone());
            }
        }
        let mut properties = Map::new();
        for variable in &variables {
            if Some(variable) == geometry_variable.as_ref() {
                continue;
            }
            properties.insert(
                variable.as_str().to_owned(),
                solution.get(variable).map_or(Value::Null, property_json),
            );
        }
        let mut feature = Map::new();
        feature.insert("type".into(), "Feature".into());
        feature.insert("geometry".into(), geometry);
        feature.insert("properties".into(), Value::Object(properties));
        if let Some(iri) = crs {
            // RFC 7946 has no `crs` member; this is the 2008 form, as a foreign member, for
            // coordinates that could not be converted to WGS84.
            feature.insert(
                "crs".into(),
                json!({"type": "name", "properties": {"name": iri}}),
            );
        }
        if rows > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &Value::Object(feature))
            .map_err(|e| ApiError::internal(format!("cannot write the GeoJSON: {e}")))?;
        rows += 1;
    }
    out.write_all(b"]}\n").map_err(io_error)?;
    Ok((out, truncated))
}

/// A term as a GeoJSON property: numbers and booleans as JSON ones, the rest as strings
/// (IRIs, lexical forms, `_:id` for blank nodes).
fn property_json(term: &Term) -> Value {
    match term {
        Term::NamedNode(n) => n.as_str().into(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()).into(),
        Term::Literal(l) => {
            let datatype = l.datatype().as_str();
            let local = datatype.strip_prefix(XSD);
            let value = l.value();
            match local {
                Some(
                    "integer" | "int" | "long" | "short" | "byte" | "nonNegativeInteger"
                    | "positiveInteger" | "negativeInteger" | "nonPositiveInteger" | "unsignedLong"
                    | "unsignedInt" | "unsignedShort" | "unsignedByte",
                ) => value
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| value.into()),
                Some("decimal" | "double" | "float") => value
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| value.into(), Value::Number),
                Some("boolean") => Value::Bool(value == "true" || value == "1"),
                _ => value.into(),
            }
        }
        #[allow(unreachable_patterns)]
        other => other.to_string().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_choice() {
        let s = Kind::Solutions;
        assert_eq!(
            choose_output(s, Some("application/geo+json"), None).unwrap(),
            Output::GeoJson
        );
        assert_eq!(
            choose_output(s, Some("text/csv;q=0.5, application/geo+json"), None).unwrap(),
            Output::GeoJson
        );
        assert!(matches!(
            choose_output(s, Some("text/csv, application/geo+json;q=0.5"), None).unwrap(),
            Output::Sparql(_)
        ));
        assert_eq!(
            choose_output(s, Some("text/html, application/geo+json;q=0.1"), None).unwrap(),
            Output::GeoJson
        );
        assert_eq!(
            choose_output(s, None, Some("geojson")).unwrap(),
            Output::GeoJson
        );
        assert!(matches!(
            choose_output(s, None, None).unwrap(),
            Output::Sparql(_)
        ));
        assert!(choose_output(Kind::Boolean, None, Some("geojson")).is_err());
    }
}
