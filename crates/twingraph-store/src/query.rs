//! SPARQL query and update execution with dataset options and cancellation.

use crate::error::StoreError;
use crate::store::TwinStore;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use std::fmt;

/// Options of a query, mirroring the SPARQL 1.1 Protocol parameters.
#[derive(Clone, Default)]
pub struct QueryOptions {
    /// Base IRI for relative IRIs in the query.
    pub base_iri: Option<String>,
    /// `default-graph-uri` values: when non-empty, these graphs (merged) form the default graph,
    /// overriding any `FROM` in the query.
    pub default_graphs: Vec<NamedNode>,
    /// `named-graph-uri` values: when non-empty, only these graphs are visible to `GRAPH`,
    /// overriding any `FROM NAMED` in the query.
    pub named_graphs: Vec<NamedNode>,
    /// Use the union of all named graphs as the default graph (when no dataset is given).
    pub union_default_graph: bool,
    /// Token to cancel evaluation (the server cancels it when the time limit passes).
    pub cancellation: Option<CancellationToken>,
}

/// Options of an update, mirroring the SPARQL 1.1 Protocol parameters.
#[derive(Clone, Default)]
pub struct UpdateOptions {
    /// Base IRI for relative IRIs in the update.
    pub base_iri: Option<String>,
    /// `using-graph-uri` values: the default graph of every operation's `WHERE`.
    pub using_graphs: Vec<NamedNode>,
    /// `using-named-graph-uri` values: the named graphs of every operation's `WHERE`.
    pub using_named_graphs: Vec<NamedNode>,
    /// Token to cancel evaluation.
    pub cancellation: Option<CancellationToken>,
}

impl fmt::Debug for QueryOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryOptions")
            .field("base_iri", &self.base_iri)
            .field("default_graphs", &self.default_graphs)
            .field("named_graphs", &self.named_graphs)
            .field("union_default_graph", &self.union_default_graph)
            .field("cancellable", &self.cancellation.is_some())
            .finish()
    }
}

impl fmt::Debug for UpdateOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateOptions")
            .field("base_iri", &self.base_iri)
            .field("using_graphs", &self.using_graphs)
            .field("using_named_graphs", &self.using_named_graphs)
            .field("cancellable", &self.cancellation.is_some())
            .finish()
    }
}

/// The SPARQL evaluator every query and update of TwinGraph starts from: oxigraph's, with the
/// GeoSPARQL functions of `twingraph-geo` (`geof:distance`, `geof:sfWithin`, `geof:buffer`…
/// on CRS84, EPSG:4326 and British National Grid literals) registered. Without oxigraph's
/// `http-client` feature, SERVICE calls to remote endpoints fail cleanly.
pub fn sparql_evaluator() -> SparqlEvaluator {
    twingraph_geo::evaluator()
}

fn evaluator(
    base_iri: Option<&String>,
    cancellation: Option<&CancellationToken>,
) -> Result<SparqlEvaluator, StoreError> {
    let mut evaluator = sparql_evaluator();
    if let Some(base) = base_iri {
        evaluator = evaluator
            .with_base_iri(base.clone())
            .map_err(|e| StoreError::InvalidIri {
                iri: base.clone(),
                message: e.to_string(),
            })?;
    }
    if let Some(token) = cancellation {
        evaluator = evaluator.with_cancellation_token(token.clone());
    }
    Ok(evaluator)
}

impl TwinStore {
    /// Parses and evaluates a SPARQL query. Results are streamed lazily from the store.
    pub fn query(
        &self,
        query: &str,
        options: &QueryOptions,
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut prepared = evaluator(options.base_iri.as_ref(), options.cancellation.as_ref())?
            .parse_query(query)?;
        let dataset = prepared.dataset_mut();
        if !options.default_graphs.is_empty() || !options.named_graphs.is_empty() {
            dataset.set_default_graph(
                options
                    .default_graphs
                    .iter()
                    .cloned()
                    .map(GraphName::NamedNode)
                    .collect(),
            );
            dataset.set_available_named_graphs(
                options
                    .named_graphs
                    .iter()
                    .cloned()
                    .map(NamedOrBlankNode::NamedNode)
                    .collect(),
            );
        } else if options.union_default_graph && dataset.is_default_dataset() {
            dataset.set_default_graph_as_union();
        }
        prepared
            .on_store(self.inner())
            .execute()
            .map_err(cancelled_or)
    }

    /// Parses and evaluates a SPARQL update as one transaction.
    pub fn update(&self, update: &str, options: &UpdateOptions) -> Result<(), StoreError> {
        let mut prepared = evaluator(options.base_iri.as_ref(), options.cancellation.as_ref())?
            .parse_update(update)?;
        if !options.using_graphs.is_empty() || !options.using_named_graphs.is_empty() {
            for dataset in prepared.using_datasets_mut() {
                dataset.set_default_graph(
                    options
                        .using_graphs
                        .iter()
                        .cloned()
                        .map(GraphName::NamedNode)
                        .collect(),
                );
                dataset.set_available_named_graphs(
                    options
                        .using_named_graphs
                        .iter()
                        .cloned()
                        .map(NamedOrBlankNode::NamedNode)
                        .collect(),
                );
            }
        }
        prepared
            .on_store(self.inner())
            .execute()
            .map_err(|e| match e {
                oxigraph::sparql::UpdateEvaluationError::Unexpected(inner)
                    if matches!(
                        inner.downcast_ref::<oxigraph::sparql::QueryEvaluationError>(),
                        Some(oxigraph::sparql::QueryEvaluationError::Cancelled)
                    ) =>
                {
                    StoreError::Cancelled
                }
                e => StoreError::UpdateEvaluation(e),
            })
    }
}

/// Maps oxigraph's cancellation error to [`StoreError::Cancelled`].
pub(crate) fn cancelled_or(e: oxigraph::sparql::QueryEvaluationError) -> StoreError {
    if matches!(e, oxigraph::sparql::QueryEvaluationError::Cancelled) {
        StoreError::Cancelled
    } else {
        StoreError::Evaluation(e)
    }
}
