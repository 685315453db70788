//! `/api/openapi.json`: an OpenAPI 3.0 description of the named-query API, with one path per
//! loaded query and its typed parameters, plus the basics of `/sparql`.

use super::catalog::{Catalog, NamedQuery, Param, ParamType};
use super::default_json;
use crate::negotiate::Kind;
use serde_json::{Map, Value, json};

/// The JSON Schema of a parameter type.
fn schema(ty: ParamType) -> Value {
    match ty {
        ParamType::Iri => json!({"type": "string", "format": "uri"}),
        ParamType::String => json!({"type": "string"}),
        ParamType::Integer => json!({"type": "integer", "format": "int64"}),
        ParamType::Decimal => json!({"type": "number"}),
        ParamType::Boolean => json!({"type": "boolean"}),
        ParamType::Date => json!({"type": "string", "format": "date"}),
        ParamType::DateTime => json!({"type": "string", "format": "date-time"}),
        ParamType::Wkt => json!({
            "type": "string",
            "description": "WKT geometry (geo:wktLiteral), optionally preceded by a CRS IRI in angle brackets; CRS84 (longitude latitude) by default",
            "example": "POINT(-1.8386 52.4676)"
        }),
    }
}

fn param_schema(p: &Param) -> Value {
    let mut s = schema(p.ty);
    if let (Some((_, term)), Value::Object(map)) = (&p.default, &mut s) {
        map.insert("default".into(), default_json(p.ty, term));
    }
    s
}

fn format_parameter(kind: Kind) -> Value {
    let formats: &[&str] = match kind {
        Kind::Solutions => &["json", "xml", "csv", "tsv", "geojson"],
        Kind::Boolean => &["json", "xml", "csv", "tsv"],
        Kind::Graph | Kind::Dataset => &["ttl", "nt", "rdf", "jsonld", "nq", "trig", "n3"],
    };
    json!({
        "name": "format",
        "in": "query",
        "required": false,
        "description": "Result format; overrides the Accept header. Also accepts a media type.",
        "schema": {"type": "string", "enum": formats}
    })
}

fn responses(kind: Kind) -> Value {
    let mut content = Map::new();
    match kind {
        Kind::Solutions | Kind::Boolean => {
            content.insert(
                "application/sparql-results+json".into(),
                json!({"schema": {"$ref": "#/components/schemas/SparqlResults"}}),
            );
            for t in [
                "application/sparql-results+xml",
                "text/csv",
                "text/tab-separated-values",
            ] {
                content.insert(t.into(), json!({"schema": {"type": "string"}}));
            }
            if kind == Kind::Solutions {
                content.insert(
                    "application/geo+json".into(),
                    json!({"schema": {"$ref": "#/components/schemas/FeatureCollection"}}),
                );
            }
        }
        Kind::Graph | Kind::Dataset => {
            for t in [
                "text/turtle",
                "application/n-triples",
                "application/rdf+xml",
                "application/ld+json",
            ] {
                content.insert(t.into(), json!({"schema": {"type": "string"}}));
            }
        }
    }
    json!({
        "200": {
            "description": "The results. Header X-TwinGraph-Results-Truncated (the limit) when the server's row limit cut them.",
            "content": content
        },
        "400": {"$ref": "#/components/responses/BadRequest"},
        "406": {"$ref": "#/components/responses/NotAcceptable"},
        "503": {"$ref": "#/components/responses/Timeout"}
    })
}

fn operation(q: &NamedQuery, method: &str) -> Value {
    let mut description = q.description.clone();
    if !q.returns.is_empty() {
        description.push_str("\n\nReturns: ");
        description.push_str(&q.returns);
    }
    let mut op = json!({
        "operationId": format!("{method}_{}", q.name.replace(['-', '.'], "_")),
        "summary": q.title,
        "description": description,
        "tags": [format!("use case {}", q.use_case)],
        "x-use-case": q.use_case,
        "responses": responses(q.kind),
    });
    let Value::Object(map) = &mut op else {
        return op;
    };
    if method == "get" {
        let mut parameters: Vec<Value> = q
            .params
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "in": "query",
                    "required": p.required,
                    "description": description_of(p),
                    "schema": param_schema(p),
                })
            })
            .collect();
        parameters.push(format_parameter(q.kind));
        map.insert("parameters".into(), Value::Array(parameters));
    } else {
        let properties: Map<String, Value> = q
            .params
            .iter()
            .map(|p| {
                let mut s = param_schema(p);
                if let Value::Object(m) = &mut s {
                    m.insert("description".into(), description_of(p).into());
                }
                (p.name.clone(), s)
            })
            .collect();
        let required: Vec<&str> = q
            .params
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name.as_str())
            .collect();
        let mut body_schema = json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            body_schema["required"] = json!(required);
        }
        map.insert(
            "parameters".into(),
            Value::Array(vec![format_parameter(q.kind)]),
        );
        map.insert(
            "requestBody".into(),
            json!({
                "required": !required.is_empty(),
                "content": {
                    "application/json": {"schema": body_schema},
                    "application/x-www-form-urlencoded": {"schema": body_schema}
                }
            }),
        );
    }
    op
}

fn description_of(p: &Param) -> String {
    if p.description.is_empty() {
        format!("Type {}.", p.ty.name())
    } else {
        format!("{} (type {})", p.description, p.ty.name())
    }
}

/// The OpenAPI document.
pub(crate) fn document(catalog: &Catalog) -> Value {
    let mut paths = Map::new();
    paths.insert(
        "/api/queries".into(),
        json!({
            "get": {
                "operationId": "listQueries",
                "summary": "The named use-case queries and their parameters",
                "responses": {
                    "200": {
                        "description": "One entry per query, sorted by name",
                        "content": {"application/json": {"schema": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/NamedQuery"}
                        }}}
                    }
                }
            }
        }),
    );
    for q in catalog.queries.values() {
        paths.insert(
            format!("/api/queries/{}", q.name),
            json!({"get": operation(q, "get"), "post": operation(q, "post")}),
        );
    }
    paths.insert(
        "/api/openapi.json".into(),
        json!({"get": {
            "operationId": "openapi",
            "summary": "This document",
            "responses": {"200": {"description": "OpenAPI 3.0 document", "content": {"application/json": {}}}}
        }}),
    );
    paths.insert(
        "/sparql".into(),
        json!({
            "get": {
                "operationId": "sparqlQuery",
                "summary": "SPARQL 1.1 Protocol query (without `query`: the service description)",
                "parameters": [
                    {"name": "query", "in": "query", "required": false, "schema": {"type": "string"}, "description": "SPARQL 1.1 query"},
                    {"name": "default-graph-uri", "in": "query", "required": false, "schema": {"type": "array", "items": {"type": "string", "format": "uri"}}, "explode": true},
                    {"name": "named-graph-uri", "in": "query", "required": false, "schema": {"type": "array", "items": {"type": "string", "format": "uri"}}, "explode": true},
                    {"name": "format", "in": "query", "required": false, "schema": {"type": "string"}, "description": "json, xml, csv, tsv, ttl, nt, nq, trig, rdf, jsonld or a media type; overrides Accept"}
                ],
                "responses": {
                    "200": {"description": "Query results (SPARQL JSON/XML/CSV/TSV or an RDF syntax, by Accept)"},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "503": {"$ref": "#/components/responses/Timeout"}
                }
            },
            "post": {
                "operationId": "sparqlQueryOrUpdate",
                "summary": "SPARQL 1.1 Protocol query or update",
                "requestBody": {"required": true, "content": {
                    "application/sparql-query": {"schema": {"type": "string"}},
                    "application/sparql-update": {"schema": {"type": "string"}},
                    "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"}
                    }}}
                }},
                "responses": {
                    "200": {"description": "Query results"},
                    "204": {"description": "Update applied"},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "403": {"description": "Updates refused: the server is read-only"},
                    "503": {"$ref": "#/components/responses/Timeout"}
                }
            }
        }),
    );
    let text_error = |d: &str| json!({"description": d, "content": {"text/plain": {"schema": {"type": "string"}}}});
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "TwinGraph named-query API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The use-case queries of the city digital twin as REST operations with typed parameters (bound as RDF terms, never spliced into the SPARQL text), and the SPARQL 1.1 endpoint."
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {
                "NamedQuery": {
                    "type": "object",
                    "required": ["name", "title", "use_case", "description", "parameters"],
                    "properties": {
                        "name": {"type": "string"},
                        "title": {"type": "string"},
                        "use_case": {"type": "integer", "minimum": 1, "maximum": 11},
                        "description": {"type": "string"},
                        "returns": {"type": "string"},
                        "result": {"type": "string", "enum": ["solutions", "boolean", "graph"]},
                        "url": {"type": "string"},
                        "parameters": {"type": "array", "items": {"$ref": "#/components/schemas/Parameter"}}
                    }
                },
                "Parameter": {
                    "type": "object",
                    "required": ["name", "type", "required", "default", "description"],
                    "properties": {
                        "name": {"type": "string"},
                        "type": {"type": "string", "enum": ["iri", "string", "integer", "decimal", "boolean", "date", "datetime", "wkt"]},
                        "required": {"type": "boolean"},
                        "default": {"nullable": true},
                        "description": {"type": "string"}
                    }
                },
                "SparqlResults": {
                    "type": "object",
                    "description": "SPARQL 1.1 Query Results JSON Format",
                    "properties": {
                        "head": {"type": "object", "properties": {"vars": {"type": "array", "items": {"type": "string"}}}},
                        "results": {"type": "object", "properties": {"bindings": {"type": "array", "items": {"type": "object"}}}},
                        "boolean": {"type": "boolean"}
                    }
                },
                "FeatureCollection": {
                    "type": "object",
                    "description": "GeoJSON (RFC 7946): one feature per row; geometry from the row's first geo:wktLiteral (WGS84 longitude/latitude; EPSG:27700 converted), null when none; the other variables as properties",
                    "properties": {
                        "type": {"type": "string", "enum": ["FeatureCollection"]},
                        "features": {"type": "array", "items": {"type": "object", "properties": {
                            "type": {"type": "string", "enum": ["Feature"]},
                            "geometry": {"type": "object", "nullable": true},
                            "properties": {"type": "object"}
                        }}}
                    }
                }
            },
            "responses": {
                "BadRequest": text_error("A parameter is missing, unknown or not of its type (the message names it)"),
                "NotAcceptable": text_error("No acceptable result format"),
                "Timeout": text_error("The query passed the server's time limit and was cancelled")
            }
        }
    })
}
