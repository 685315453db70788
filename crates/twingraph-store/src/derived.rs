//! Provenance of derived graphs (inference results): what they were derived from, and the
//! governance they inherit — the strictest access level of the inputs (Closed > Restricted >
//! Open) and the inputs' licence when they all share one.

use crate::META_GRAPH;
use crate::error::StoreError;
use crate::provenance::{GOV, iri};
use crate::store::TwinStore;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, Quad, Term};
use oxsdatatypes::DateTime;

const PROV: &str = "http://www.w3.org/ns/prov#";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const DCAT: &str = "http://www.w3.org/ns/dcat#";
/// Access levels from the least to the most restrictive.
const ACCESS_ORDER: [&str; 3] = ["Open", "Restricted", "Closed"];

impl TwinStore {
    /// Atomically replaces the description of the derived graph `graph` in the metadata graph:
    /// a `prov:Activity` that `prov:used` the `inputs` graphs and the `used` resources (e.g.
    /// rule files) and `prov:generated` the graph; the graph as a `dcat:Dataset` with the
    /// strictest `gov:accessLevel` of the inputs and their `dcterms:license` when they agree
    /// on one (none is recorded when they differ: a person must decide).
    pub fn record_derivation(
        &self,
        graph: &NamedNode,
        inputs: &[GraphName],
        used: &[NamedNode],
    ) -> Result<(), StoreError> {
        let meta = NamedNode::new_unchecked(META_GRAPH);
        let meta_ref = GraphNameRef::NamedNode(meta.as_ref());
        let access_p = iri(GOV, "accessLevel");
        let licence_p = iri(DCTERMS, "license");
        let mut strictest: Option<(usize, NamedNode)> = None;
        let mut licences: Vec<Term> = Vec::new();
        for input in inputs {
            let GraphName::NamedNode(g) = input else {
                continue;
            };
            for quad in self.inner().quads_for_pattern(
                Some(g.into()),
                Some(access_p.as_ref()),
                None,
                Some(meta_ref),
            ) {
                if let Term::NamedNode(level) = quad?.object {
                    let rank = ACCESS_ORDER
                        .iter()
                        .position(|name| level.as_str().ends_with(&format!("#{name}")))
                        .unwrap_or(ACCESS_ORDER.len());
                    if strictest.as_ref().is_none_or(|(r, _)| rank > *r) {
                        strictest = Some((rank, level));
                    }
                }
            }
            for quad in self.inner().quads_for_pattern(
                Some(g.into()),
                Some(licence_p.as_ref()),
                None,
                Some(meta_ref),
            ) {
                let licence = quad?.object;
                if !licences.contains(&licence) {
                    licences.push(licence);
                }
            }
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let activity = NamedNode::new_unchecked(format!("urn:twingraph:derivation:{nanos:x}"));
        let m = GraphName::NamedNode(meta.clone());
        let now = Literal::new_typed_literal(DateTime::now().to_string(), xsd::DATE_TIME);
        let mut quads = vec![
            Quad::new(
                activity.clone(),
                rdf::TYPE,
                iri(PROV, "Activity"),
                m.clone(),
            ),
            Quad::new(
                activity.clone(),
                iri(PROV, "generated"),
                graph.clone(),
                m.clone(),
            ),
            Quad::new(activity.clone(), iri(PROV, "endedAtTime"), now, m.clone()),
            Quad::new(graph.clone(), rdf::TYPE, iri(DCAT, "Dataset"), m.clone()),
            Quad::new(
                graph.clone(),
                iri(PROV, "wasGeneratedBy"),
                activity.clone(),
                m.clone(),
            ),
        ];
        for input in inputs {
            if let GraphName::NamedNode(n) = input {
                quads.push(Quad::new(
                    activity.clone(),
                    iri(PROV, "used"),
                    n.clone(),
                    m.clone(),
                ));
                quads.push(Quad::new(
                    graph.clone(),
                    iri(PROV, "wasDerivedFrom"),
                    n.clone(),
                    m.clone(),
                ));
            }
        }
        for u in used {
            quads.push(Quad::new(
                activity.clone(),
                iri(PROV, "used"),
                u.clone(),
                m.clone(),
            ));
        }
        if let Some((_, level)) = strictest {
            quads.push(Quad::new(graph.clone(), access_p.clone(), level, m.clone()));
        }
        if let [licence] = licences.as_slice() {
            quads.push(Quad::new(
                graph.clone(),
                licence_p.clone(),
                licence.clone(),
                m.clone(),
            ));
        }
        let mut tx = self.inner().start_transaction()?;
        let old: Vec<Quad> = tx
            .quads_for_pattern(Some(graph.as_ref().into()), None, None, Some(meta_ref))
            .collect::<Result<_, _>>()?;
        for q in &old {
            tx.remove(q);
        }
        tx.extend(&quads);
        tx.commit()?;
        Ok(())
    }
}
