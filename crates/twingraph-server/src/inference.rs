//! Inference kept up to date by the server: with [`ServerConfig::rules`](crate::ServerConfig::rules)
//! the live graphs are materialised at start into one inferred graph, and after every
//! successful write (SPARQL update, Graph Store write) the change of the live data is
//! computed and the derived triples are maintained incrementally (DRed) before the response
//! is sent, so a client reads its own inferences. `GET /explain` shows how a derived triple
//! was obtained.
//!
//! The change is found by comparing the live triples with those of the previous run (one scan
//! of the store, no rule evaluation); the rule work is proportional to the change.

use crate::error::ApiError;
use crate::protocol::Params;
use crate::sparql::into_response;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;
use twingraph_rules::{Engine, Materialisation, RuleSet};
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser};
use twingraph_store::oxigraph::model::{GraphName, NamedNode, Quad, Term, Triple};
use twingraph_store::{StoreError, TwinStore, inferred_graph, is_live_graph};

/// The server's rule sets and their maintained materialisation.
pub(crate) enum Reasoner {
    /// No rules configured.
    Unconfigured,
    /// Rules read at start; the state is built on the first refresh.
    Ready(Box<Maintained>),
    /// The rule files could not be read or checked; `serve` refuses to start.
    Failed(String),
}

/// Rules, the inferred graph and the state kept between refreshes.
pub(crate) struct Maintained {
    rules: RuleSet,
    graph: NamedNode,
    /// `file:` URLs of the rule files, recorded as used by each derivation.
    files: Vec<NamedNode>,
    state: Mutex<Option<Snapshot>>,
}

struct Snapshot {
    materialisation: Materialisation,
    base: HashSet<Triple>,
    derived: HashSet<Triple>,
}

/// What one refresh did.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Refresh {
    pub(crate) added: usize,
    pub(crate) removed: usize,
    pub(crate) derived: usize,
    pub(crate) incremental: bool,
}

impl Reasoner {
    /// Reads and checks the rule files (merged into one rule set).
    pub(crate) fn load(files: &[PathBuf]) -> Self {
        if files.is_empty() {
            return Self::Unconfigured;
        }
        let mut sets = Vec::new();
        for file in files {
            let text = match std::fs::read_to_string(file) {
                Ok(text) => text,
                Err(e) => return Self::Failed(format!("cannot read {}: {e}", file.display())),
            };
            let base = std::path::absolute(file)
                .ok()
                .map(|p| format!("file://{}", p.display()));
            match RuleSet::parse(&text, base.as_deref()) {
                Ok(set) => sets.push(set),
                Err(e) => return Self::Failed(format!("{}: {e}", file.display())),
            }
        }
        let rules = if sets.len() == 1 {
            sets.pop().expect("one rule set")
        } else {
            match RuleSet::merge(&sets) {
                Ok(rules) => rules,
                Err(e) => return Self::Failed(format!("the rule sets together: {e}")),
            }
        };
        let names: Vec<String> = files
            .iter()
            .map(|p| {
                p.file_stem()
                    .map_or_else(|| "rules".to_owned(), |s| s.to_string_lossy().into_owned())
            })
            .collect();
        let urls = files
            .iter()
            .filter_map(|file| std::path::absolute(file).ok())
            .filter_map(|abs| NamedNode::new(format!("file://{}", abs.display())).ok())
            .collect();
        Self::Ready(Box::new(Maintained {
            rules,
            files: urls,
            graph: inferred_graph(&names.join("+")),
            state: Mutex::new(None),
        }))
    }

    /// Brings the inferred graph up to date with the live graphs (blocking; call it from a
    /// blocking task). Does nothing without rules.
    pub(crate) fn refresh(&self, store: &TwinStore) -> Result<Option<Refresh>, ApiError> {
        let Self::Ready(m) = self else {
            return Ok(None);
        };
        m.refresh(store).map(Some)
    }

    fn maintained(&self) -> Result<&Maintained, ApiError> {
        match self {
            Self::Ready(m) => Ok(m),
            Self::Unconfigured => Err(ApiError::not_found(
                "no rules are configured: start the server with --rules <file.srl>…",
            )),
            Self::Failed(e) => Err(ApiError::internal(e.clone())),
        }
    }
}

impl Maintained {
    fn refresh(&self, store: &TwinStore) -> Result<Refresh, ApiError> {
        let mut live = HashSet::new();
        for quad in store.inner().iter() {
            let quad = quad.map_err(|e| ApiError::internal(e.to_string()))?;
            if is_live_graph(quad.graph_name.as_ref()) {
                live.insert(Triple::from(quad));
            }
        }
        let mut guard = self
            .state
            .lock()
            .map_err(|_| ApiError::internal("the inference state is poisoned"))?;
        let rule_error =
            |e: twingraph_rules::RuleError| ApiError::internal(format!("inference failed: {e}"));
        let (refresh, old_derived) = match guard.take() {
            None => {
                let materialisation = Engine::new()
                    .with_explanations(true)
                    .start(&self.rules, live.iter().cloned())
                    .map_err(rule_error)?;
                let refresh = Refresh {
                    added: live.len(),
                    removed: 0,
                    derived: 0,
                    incremental: false,
                };
                *guard = Some(Snapshot {
                    materialisation,
                    base: live,
                    derived: HashSet::new(),
                });
                (refresh, HashSet::new())
            }
            Some(mut state) => {
                let added: Vec<Triple> = live.difference(&state.base).cloned().collect();
                let removed: Vec<Triple> = state.base.difference(&live).cloned().collect();
                let refresh = Refresh {
                    added: added.len(),
                    removed: removed.len(),
                    derived: 0,
                    incremental: state.materialisation.is_incremental(),
                };
                if !added.is_empty() || !removed.is_empty() {
                    state
                        .materialisation
                        .update(added, removed)
                        .map_err(rule_error)?;
                }
                state.base = live;
                let old = std::mem::take(&mut state.derived);
                *guard = Some(state);
                (refresh, old)
            }
        };
        let state = guard.as_mut().expect("state set above");
        let derived: HashSet<Triple> = state.materialisation.derived().into_iter().collect();
        let graph = GraphName::NamedNode(self.graph.clone());
        let mut tx = store
            .inner()
            .start_transaction()
            .map_err(|e| ApiError::from(StoreError::from(e)))?;
        if old_derived.is_empty() {
            tx.clear_graph(self.graph.as_ref())
                .map_err(|e| ApiError::internal(e.to_string()))?;
        }
        for t in old_derived.difference(&derived) {
            tx.remove(&t.clone().in_graph(graph.clone()));
        }
        for t in derived.difference(&old_derived) {
            tx.insert(&Quad::new(
                t.subject.clone(),
                t.predicate.clone(),
                t.object.clone(),
                graph.clone(),
            ));
        }
        tx.commit().map_err(|e| ApiError::internal(e.to_string()))?;
        if refresh.added > 0 || refresh.removed > 0 {
            let inputs = live_graphs(store)?;
            store.record_derivation(&self.graph, &inputs, &self.files)?;
        }
        let refresh = Refresh {
            derived: derived.len(),
            ..refresh
        };
        state.derived = derived;
        tracing::info!(
            graph = %self.graph,
            added = refresh.added,
            removed = refresh.removed,
            derived = refresh.derived,
            incremental = refresh.incremental,
            "inferred graph maintained"
        );
        Ok(refresh)
    }
}

/// The live named graphs of the store (inputs of the inference).
fn live_graphs(store: &TwinStore) -> Result<Vec<GraphName>, ApiError> {
    let mut graphs = Vec::new();
    for g in store.inner().named_graphs() {
        let g = GraphName::from(g.map_err(|e| ApiError::internal(e.to_string()))?);
        if is_live_graph(g.as_ref()) {
            graphs.push(g);
        }
    }
    Ok(graphs)
}

/// Refreshes the inference after a successful write, if rules are configured.
pub(crate) async fn after_write(state: &AppState) -> Result<(), ApiError> {
    if matches!(*state.reasoner, Reasoner::Unconfigured) {
        return Ok(());
    }
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.reasoner.refresh(&state.store))
        .await
        .map_err(|e| ApiError::internal(format!("inference task failed: {e}")))??;
    Ok(())
}

/// `GET /explain?triple=<s> <p> <o>`: the rule and premises that derived a triple, as JSON,
/// recursively through derived premises.
pub(crate) async fn explain(State(state): State<AppState>, request: Request) -> Response {
    into_response(explain_route(state, request).await)
}

async fn explain_route(state: AppState, request: Request) -> Result<Response, ApiError> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return Err(ApiError::method_not_allowed(
            request.method().as_str(),
            "GET, HEAD",
        ));
    }
    let params = Params::from_uri(request.uri())?;
    params.check_known(&["triple"], "/explain")?;
    let text = params
        .single("triple")?
        .ok_or_else(|| ApiError::bad_request("give the triple: /explain?triple=<s> <p> <o>"))?;
    let triple = parse_triple(text)?;
    let maintained = state.reasoner.maintained()?;
    let guard = maintained
        .state
        .lock()
        .map_err(|_| ApiError::internal("the inference state is poisoned"))?;
    let Some(current) = guard.as_ref() else {
        return Err(ApiError::not_found("the inference has not run yet"));
    };
    let mut seen = HashSet::new();
    let Some(tree) = explain_tree(
        &current.materialisation,
        &maintained.rules,
        &triple,
        0,
        &mut seen,
    ) else {
        return Err(ApiError::not_found(format!(
            "{triple} is not derived by the server's rules (it is base data or not entailed)"
        )));
    };
    let mut response = serde_json::to_string_pretty(&tree)
        .unwrap_or_default()
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Ok(response)
}

fn parse_triple(text: &str) -> Result<Triple, ApiError> {
    let line = if text.trim_end().ends_with('.') {
        text.to_owned()
    } else {
        format!("{text} .")
    };
    let quad = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(line.as_bytes())
        .next()
        .ok_or_else(|| ApiError::bad_request("empty triple"))?
        .map_err(|e| ApiError::bad_request(format!("invalid N-Triples triple: {e}")))?;
    Ok(Triple::from(quad))
}

fn term_text(t: &Term) -> String {
    t.to_string()
}

fn explain_tree(
    m: &Materialisation,
    rules: &RuleSet,
    triple: &Triple,
    depth: usize,
    seen: &mut HashSet<Triple>,
) -> Option<serde_json::Value> {
    let e = m.explain(triple)?;
    let rule = e.rule.map(|r| {
        let line = rules.rules().get(r).map(|rule| rule.line);
        serde_json::json!({ "index": r + 1, "line": line })
    });
    let first_visit = seen.insert(triple.clone());
    let premises: Vec<serde_json::Value> = e
        .premises
        .iter()
        .map(|p| {
            let derived = if first_visit && depth < 32 {
                explain_tree(m, rules, p, depth + 1, seen)
            } else {
                None
            };
            derived.unwrap_or_else(
                || serde_json::json!({ "triple": format!("{p}"), "base": m.explain(p).is_none() }),
            )
        })
        .collect();
    Some(serde_json::json!({
        "triple": format!("{} {} {}", triple.subject, triple.predicate, term_text(&triple.object)),
        "rule": rule,
        "premises": premises,
    }))
}
