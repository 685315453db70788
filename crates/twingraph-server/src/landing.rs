//! The landing page at `/` and the health check at `/health`.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::response::{Html, IntoResponse, Response};

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>TwinGraph</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
code{background:#f2f2f2;padding:0 .2em}textarea{width:100%;font-family:monospace}</style></head>
<body>
<h1>TwinGraph</h1>
<p>A knowledge-graph engine for city digital twins. Endpoints:</p>
<ul>
<li><a href="/sparql"><code>/sparql</code></a>: SPARQL 1.1 query and update (GET without parameters: service description)</li>
<li><a href="/query"><code>/query</code></a>: SPARQL queries only</li>
<li><code>/update</code>: SPARQL updates only (POST)</li>
<li><code>/store?graph=&lt;iri&gt;</code> or <code>/store?default</code>: SPARQL 1.1 Graph Store Protocol (<a href="/store">whole dataset</a>); <code>/store/&lt;path&gt;</code>: the graph named by that URL</li>
<li><a href="/api/queries"><code>/api/queries</code></a>: the named use-case queries, run with typed parameters (<code>/api/queries/{name}?param=…</code>; SPARQL JSON, CSV or GeoJSON); described by <a href="/api/openapi.json"><code>/api/openapi.json</code></a></li>
<li><a href="/def/"><code>/def/</code></a>: the ontology reference (HTML for browsers; Turtle, N-Triples, RDF/XML or JSON-LD by <code>Accept</code>), where the ontology IRIs dereference</li>
<li><a href="/health"><code>/health</code></a>: health check</li>
<li><a href="/metrics"><code>/metrics</code></a>: Prometheus metrics</li>
</ul>
<form action="/sparql" method="get">
<textarea name="query" rows="6">SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g</textarea>
<p><label>Format <select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option><option>ttl</option></select></label>
<button type="submit">Run query</button></p>
</form>
</body>
</html>
"#;

fn only_get(request: &Request) -> Result<(), ApiError> {
    match *request.method() {
        Method::GET | Method::HEAD => Ok(()),
        ref m => Err(ApiError::method_not_allowed(m.as_str(), "GET, HEAD")),
    }
}

/// `/`.
pub(crate) async fn landing(request: Request) -> Response {
    match only_get(&request) {
        Ok(()) => Html(PAGE).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `/health`: answers without touching the store.
pub(crate) async fn health(request: Request) -> Response {
    match only_get(&request) {
        Ok(()) => {
            let mut response = "{\"status\":\"ok\"}\n".into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(e) => e.into_response(),
    }
}

/// Any other path.
pub(crate) async fn not_found(request: Request) -> Response {
    ApiError::not_found(format!(
        "no such resource: {}; see / for the endpoints",
        request.uri().path()
    ))
    .into_response()
}
