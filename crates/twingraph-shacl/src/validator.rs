//! The validation driver.

use crate::ShaclError;
use crate::constraints::evaluate;
use crate::report::{ValidationReport, ValidationResult};
use crate::shapes::{Shape, Shapes};
use crate::targets::{Target, focus_nodes};
use crate::util::push_unique;
use oxigraph::model::{Graph, Term};
use oxigraph::store::Store;
use std::cell::{OnceCell, RefCell};

const MAX_DEPTH: usize = 64;

/// Validation context: the shapes, the data graph and, built on first use, the SPARQL store.
pub(crate) struct Ctx<'a> {
    pub shapes: &'a Shapes,
    pub data: &'a Graph,
    store: OnceCell<Result<Store, String>>,
    failure: RefCell<Option<ShaclError>>,
}

impl<'a> Ctx<'a> {
    fn new(shapes: &'a Shapes, data: &'a Graph) -> Self {
        Self {
            shapes,
            data,
            store: OnceCell::new(),
            failure: RefCell::new(None),
        }
    }

    /// The in-memory store holding the data graph (and the shapes graph when a query uses
    /// `$shapesGraph`), built once per validation, on first use.
    pub fn store(&self) -> Result<&Store, ShaclError> {
        self.store
            .get_or_init(|| {
                crate::sparql::build_store(self.data, self.shapes.shapes_graph.as_ref())
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| ShaclError::Store(e.clone()))
    }

    /// Records a validation failure (the first one is reported).
    pub fn fail(&self, e: ShaclError) {
        self.failure.borrow_mut().get_or_insert(e);
    }

    /// Validates `focus` against `shape`, appending results to `out`.
    pub fn validate_shape(
        &self,
        shape: &Shape,
        focus: &Term,
        depth: usize,
        out: &mut Vec<ValidationResult>,
    ) {
        if shape.deactivated || depth > MAX_DEPTH {
            return;
        }
        let values = match &shape.path {
            Some(p) => p.eval(self.data, focus),
            None => vec![focus.clone()],
        };
        for c in &shape.constraints {
            evaluate(c, self, shape, focus, &values, depth, out);
        }
    }

    /// Whether `node` conforms to the shape `shape_id`.
    pub fn conforms(&self, shape_id: &Term, node: &Term, depth: usize) -> bool {
        let Some(shape) = self.shapes.get(shape_id) else {
            return true;
        };
        let mut out = Vec::new();
        self.validate_shape(shape, node, depth + 1, &mut out);
        out.is_empty()
    }

    /// The focus nodes of `shape`, including those of SPARQL-based targets.
    fn focus_nodes(&self, shape: &Shape) -> Vec<Term> {
        let mut out = focus_nodes(&shape.targets, self.data);
        for t in &shape.targets {
            if let Target::Sparql(q) = t {
                let bindings = crate::sparql::standard_bindings(q, &shape.id);
                if let Some(rows) = crate::sparql::constraint::run(self, q, &bindings) {
                    for mut row in rows {
                        if let Some(this) = row.remove("this") {
                            push_unique(&mut out, this);
                        }
                    }
                }
            }
        }
        out
    }
}

/// Validates `data` against `shapes`.
///
/// A validation failure (a SPARQL query that cannot be evaluated or reports `?failure`) does
/// not stop validation; the report then lists it in [`ValidationReport::failure`] and does not
/// conform. Use [`try_validate`] to get it as an error instead.
pub fn validate(shapes: &Shapes, data: &Graph) -> ValidationReport {
    let (results, failure) = run(shapes, data);
    ValidationReport::new(results, failure.map(|e| e.to_string()))
}

/// Validates `data` against `shapes`, returning an error on a validation failure.
pub fn try_validate(shapes: &Shapes, data: &Graph) -> Result<ValidationReport, ShaclError> {
    match run(shapes, data) {
        (_, Some(e)) => Err(e),
        (results, None) => Ok(ValidationReport::new(results, None)),
    }
}

fn run(shapes: &Shapes, data: &Graph) -> (Vec<ValidationResult>, Option<ShaclError>) {
    let cx = Ctx::new(shapes, data);
    let mut results: Vec<ValidationResult> = Vec::new();
    for shape in &shapes.shapes {
        if shape.deactivated || shape.targets.is_empty() {
            continue;
        }
        for focus in cx.focus_nodes(shape) {
            cx.validate_shape(shape, &focus, 0, &mut results);
        }
    }
    (results, cx.failure.into_inner())
}
