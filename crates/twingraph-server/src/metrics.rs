//! Prometheus metrics (OpenMetrics text format at `/metrics`).
//!
//! * `twingraph_http_requests_total{route,method,status}`: requests answered;
//! * `twingraph_http_request_duration_seconds{route}`: latency histogram;
//! * `twingraph_query_timeouts_total`: queries and updates cancelled by the time limit;
//! * `twingraph_store_quads`, `twingraph_store_named_graphs`,
//!   `twingraph_store_default_graph_triples`: store size;
//! * `twingraph_store_stats_age_seconds`: age of those size figures.
//!
//! Counting quads reads the whole store, so the size figures are cached: the first scrape
//! computes them, later scrapes answer at once from the cache and start a background
//! recount when the figures are older than 60 s, or older than 5 s after a write.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::Mutex;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

/// Size figures are recounted when older than this.
const STATS_MAX_AGE: Duration = Duration::from_secs(60);
/// …or when older than this after a write.
const STATS_MIN_AGE_AFTER_WRITE: Duration = Duration::from_secs(5);

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Default)]
struct StatsCache {
    computed_at: Option<Instant>,
    dirty: bool,
    refreshing: bool,
}

/// The server's metrics registry and cached store figures.
pub(crate) struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    timeouts: Counter,
    quads: Gauge,
    named_graphs: Gauge,
    default_triples: Gauge,
    disk_bytes: Gauge,
    stats_age: Gauge<f64, AtomicU64>,
    cache: Mutex<StatsCache>,
}

fn latency_histogram() -> Histogram {
    // 1 ms … ~33 s
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

impl Metrics {
    pub(crate) fn new() -> Self {
        let mut registry = Registry::with_prefix("twingraph");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        let timeouts = Counter::default();
        let quads = Gauge::default();
        let named_graphs = Gauge::default();
        let default_triples = Gauge::default();
        let disk_bytes = Gauge::default();
        let stats_age = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route, method and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency, by route",
            latency.clone(),
        );
        registry.register(
            "query_timeouts",
            "Queries and updates cancelled by the time limit",
            timeouts.clone(),
        );
        registry.register(
            "store_quads",
            "Quads in the store (cached, see stats_age)",
            quads.clone(),
        );
        registry.register(
            "store_named_graphs",
            "Named graphs in the store (cached)",
            named_graphs.clone(),
        );
        registry.register(
            "store_default_graph_triples",
            "Triples in the default graph (cached)",
            default_triples.clone(),
        );
        registry.register(
            "store_disk_bytes",
            "Bytes used by the store directory on disk (cached; 0 in memory)",
            disk_bytes.clone(),
        );
        registry.register(
            "store_stats_age_seconds",
            "Age of the cached store size figures",
            stats_age.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            timeouts,
            quads,
            named_graphs,
            default_triples,
            disk_bytes,
            stats_age,
            cache: Mutex::new(StatsCache::default()),
        }
    }

    /// Counts a cancelled query or update.
    pub(crate) fn timeout(&self) {
        self.timeouts.inc();
    }

    /// Notes that the store changed, so the size figures get recounted soon.
    pub(crate) fn store_changed(&self) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.dirty = true;
        }
    }

    fn observe(&self, route: &str, method: &Method, status: u16, elapsed: Duration) {
        let method = match *method {
            Method::GET
            | Method::HEAD
            | Method::POST
            | Method::PUT
            | Method::DELETE
            | Method::OPTIONS
            | Method::PATCH => method.as_str().to_owned(),
            _ => "other".to_owned(),
        };
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_owned(),
                method,
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_owned(),
            })
            .observe(elapsed.as_secs_f64());
    }
}

/// The route label of a path: one of the known routes, or `other`.
fn route_label(path: &str) -> &'static str {
    match path {
        "/" => "/",
        "/sparql" => "/sparql",
        "/query" => "/query",
        "/update" => "/update",
        "/store" => "/store",
        p if p.starts_with("/store/") => "/store",
        "/health" => "/health",
        "/metrics" => "/metrics",
        "/validate" => "/validate",
        "/explain" => "/explain",
        "/def" => "/def",
        p if p.starts_with("/def/") => "/def",
        p if p.starts_with("/api/") => "/api",
        _ => "other",
    }
}

/// Middleware counting every request and its latency.
pub(crate) async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = route_label(request.uri().path());
    let method = request.method().clone();
    let start = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .observe(route, &method, response.status().as_u16(), start.elapsed());
    response
}

enum Refresh {
    No,
    Wait,
    Background,
}

/// Recounts the store figures on a blocking thread and stores them in the gauges.
async fn refresh(state: AppState) {
    let store = state.store.clone();
    let result = tokio::task::spawn_blocking(move || store.stats()).await;
    let metrics = &state.metrics;
    match result {
        Ok(Ok(stats)) => {
            metrics
                .quads
                .set(i64::try_from(stats.quads).unwrap_or(i64::MAX));
            metrics
                .named_graphs
                .set(i64::try_from(stats.named_graphs).unwrap_or(i64::MAX));
            metrics
                .default_triples
                .set(i64::try_from(stats.default_graph_triples).unwrap_or(i64::MAX));
            metrics
                .disk_bytes
                .set(i64::try_from(stats.disk_bytes.unwrap_or(0)).unwrap_or(i64::MAX));
        }
        Ok(Err(e)) => tracing::warn!(error = %e, "cannot count the store for /metrics"),
        Err(e) => tracing::warn!(error = %e, "store count task failed"),
    }
    if let Ok(mut cache) = metrics.cache.lock() {
        cache.computed_at = Some(Instant::now());
        cache.refreshing = false;
    }
}

/// `GET /metrics`.
pub(crate) async fn handle(State(state): State<AppState>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return crate::error::ApiError::method_not_allowed(request.method().as_str(), "GET, HEAD")
            .into_response();
    }
    let decision = match state.metrics.cache.lock() {
        Ok(mut cache) => {
            let decision = match cache.computed_at {
                _ if cache.refreshing => Refresh::No,
                None => Refresh::Wait,
                Some(t) if t.elapsed() > STATS_MAX_AGE => Refresh::Background,
                Some(t) if cache.dirty && t.elapsed() > STATS_MIN_AGE_AFTER_WRITE => {
                    Refresh::Background
                }
                Some(_) => Refresh::No,
            };
            if !matches!(decision, Refresh::No) {
                cache.refreshing = true;
                cache.dirty = false;
            }
            decision
        }
        Err(_) => Refresh::No,
    };
    match decision {
        Refresh::Wait => refresh(state.clone()).await,
        Refresh::Background => {
            tokio::spawn(refresh(state.clone()));
        }
        Refresh::No => (),
    }
    let metrics = &state.metrics;
    if let Some(t) = metrics.cache.lock().ok().and_then(|c| c.computed_at) {
        metrics.stats_age.set(t.elapsed().as_secs_f64());
    }
    let mut text = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut text, &metrics.registry) {
        return crate::error::ApiError::internal(format!("cannot encode metrics: {e}"))
            .into_response();
    }
    let mut response = text.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    response
}
