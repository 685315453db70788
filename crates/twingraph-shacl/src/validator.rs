//! The validation driver.

use crate::constraints::evaluate;
use crate::report::{ValidationReport, ValidationResult};
use crate::shapes::{Shape, Shapes};
use crate::targets::focus_nodes;
use oxigraph::model::{Graph, Term};

const MAX_DEPTH: usize = 64;

/// Validation context: the shapes and the data graph.
pub(crate) struct Ctx<'a> {
    pub shapes: &'a Shapes,
    pub data: &'a Graph,
}

impl Ctx<'_> {
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
}

/// Validates `data` against `shapes`.
pub fn validate(shapes: &Shapes, data: &Graph) -> ValidationReport {
    let cx = Ctx { shapes, data };
    let mut results: Vec<ValidationResult> = Vec::new();
    for shape in &shapes.shapes {
        if shape.deactivated || shape.targets.is_empty() {
            continue;
        }
        for focus in focus_nodes(&shape.targets, data) {
            cx.validate_shape(shape, &focus, 0, &mut results);
        }
    }
    ValidationReport::new(results)
}
