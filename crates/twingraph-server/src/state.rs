//! State shared by the handlers.

use crate::config::ServerConfig;
use crate::metrics::Metrics;
use std::sync::Arc;
use twingraph_store::TwinStore;

/// What every handler gets: the store, the settings and the metrics.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) store: TwinStore,
    pub(crate) config: Arc<ServerConfig>,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) def: Arc<crate::def::DefSite>,
    pub(crate) shapes: Arc<crate::validate::ShapesState>,
    pub(crate) reasoner: Arc<crate::inference::Reasoner>,
}

impl AppState {
    /// Whether writes are refused (by configuration or because the store is read-only).
    pub(crate) fn read_only(&self) -> bool {
        self.config.read_only || self.store.is_read_only()
    }

    /// Host used in URLs when the request's `Host` header is unusable.
    pub(crate) fn fallback_host(&self) -> String {
        self.config.bind.to_string()
    }
}
