#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod api;
mod config;
mod def;
mod describe;
mod error;
mod gsp;
mod inference;
mod landing;
mod metrics;
mod multipart;
mod negotiate;
mod protocol;
mod sparql;
mod state;
mod validate;

pub use api::check_queries_dir;
pub use config::ServerConfig;
pub use error::ServerError;

use axum::Router;
use axum::routing::any;
use state::AppState;
use std::future::Future;
use std::sync::Arc;
use tower_http::LatencyUnit;
use tower_http::cors::CorsLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;
use twingraph_store::TwinStore;

/// Name of the response header set when a result was cut at
/// [`ServerConfig::max_result_rows`]; its value is the limit.
pub const TRUNCATED_HEADER: &str = sparql::TRUNCATED_HEADER;

/// Builds the HTTP application serving `store` (for tests and for embedding in another
/// server); [`serve`] wraps it with a listener.
///
/// Routes: `/` (landing page), `/sparql`, `/query`, `/update` (SPARQL 1.1 Protocol and
/// Service Description), `/store` (Graph Store Protocol; `/store/<path>` addresses the graph
/// named by the request URL), `/validate` (SHACL validation with [`ServerConfig::shapes`]),
/// `/explain` (derivations of inferred triples with [`ServerConfig::rules`]),
/// `/health`, `/metrics`, `/def/` (the ontology reference of
/// [`ServerConfig::ontology_dir`], with content negotiation), and `/api/queries`,
/// `/api/queries/{name}`, `/api/openapi.json` (the named queries of
/// [`ServerConfig::queries_dir`]).
pub fn router(store: TwinStore, config: &ServerConfig) -> Router {
    let state = AppState {
        store,
        config: Arc::new(config.clone()),
        metrics: Arc::new(metrics::Metrics::new()),
        def: Arc::new(def::DefSite::load(config.ontology_dir.as_deref())),
        shapes: Arc::new(validate::ShapesState::load(&config.shapes)),
        reasoner: Arc::new(inference::Reasoner::load(&config.rules)),
    };
    match &*state.reasoner {
        inference::Reasoner::Failed(e) => tracing::error!(error = %e, "rules not loaded"),
        reasoner => {
            if let Err(e) = reasoner.refresh(&state.store) {
                tracing::error!(error = %e.message, "initial inference failed");
            }
        }
    }
    let app = Router::new()
        .route("/", any(landing::landing))
        .route("/sparql", any(sparql::sparql))
        .route("/query", any(sparql::query))
        .route("/update", any(sparql::update))
        .route("/store", any(gsp::store))
        .route("/store/{*graph}", any(gsp::store))
        .route("/validate", any(validate::handle))
        .route("/explain", any(inference::explain))
        .route("/health", any(landing::health))
        .route("/metrics", any(metrics::handle))
        .route("/def", any(def::def))
        .route("/def/", any(def::def))
        .route("/def/{*path}", any(def::def))
        .merge(api::routes(config))
        .fallback(landing::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                )
                .on_failure(DefaultOnFailure::new().level(Level::WARN)),
        )
        .with_state(state);
    if config.cors {
        app.layer(CorsLayer::permissive())
    } else {
        app
    }
}

/// Listens on [`ServerConfig::bind`] and serves `store` until `shutdown` completes, then
/// stops accepting connections and waits for the requests in flight.
pub async fn serve(
    store: TwinStore,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    if let validate::ShapesState::Failed(message) = validate::ShapesState::load(&config.shapes) {
        return Err(ServerError::Shapes(message));
    }
    if let inference::Reasoner::Failed(message) = inference::Reasoner::load(&config.rules) {
        return Err(ServerError::Rules(message));
    }
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|source| ServerError::Bind {
            addr: config.bind,
            source,
        })?;
    let addr = listener.local_addr().unwrap_or(config.bind);
    tracing::info!(
        url = %format!("http://{addr}/"),
        sparql = %format!("http://{addr}/sparql"),
        read_only = config.read_only || store.is_read_only(),
        query_timeout_seconds = config.query_timeout.map_or(0.0, |t| t.as_secs_f64()),
        max_body_bytes = config.max_body_bytes,
        max_result_rows = config.max_result_rows.unwrap_or(0),
        cors = config.cors,
        union_default_graph = config.union_default_graph,
        shapes_files = config.shapes.len(),
        validate_uploads = config.validate_uploads,
        rule_files = config.rules.len(),
        "TwinGraph server listening (limits: 0 = none)"
    );
    let app = router(store, &config);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServerError::Serve)?;
    tracing::info!("TwinGraph server stopped");
    Ok(())
}
