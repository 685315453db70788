//! SPARQL-based constraint components (`sh:ConstraintComponent`), SHACL §6.

use super::constraint::{result, run};
use super::{Answer, Solution, SparqlQuery, exec, fill_message, parse_query};
use crate::ShaclError;
use crate::path::Path;
use crate::report::ValidationResult;
use crate::shapes::Shape;
use crate::util::{is_true, object, objects, subjects};
use crate::validator::Ctx;
use crate::vocab::{rdf, rdfs, sh};
use oxigraph::model::{Graph, NamedNode, Term, Variable};

/// A constraint component declared in the shapes graph.
#[derive(Debug)]
pub(crate) struct Component {
    iri: NamedNode,
    params: Vec<Param>,
    validator: Option<Term>,
    node_validator: Option<Term>,
    property_validator: Option<Term>,
}

#[derive(Debug)]
struct Param {
    path: NamedNode,
    name: String,
    optional: bool,
}

/// One use of a component by a shape: the validator query and the parameter values.
#[derive(Debug)]
pub(crate) struct ComponentConstraint {
    component: NamedNode,
    query: SparqlQuery,
    ask: bool,
    params: Vec<(Variable, Term)>,
    messages: Vec<Term>,
}

/// The local name of a parameter path, i.e. its pre-bound variable name.
fn local_name(iri: &NamedNode) -> &str {
    iri.as_str().rsplit(['#', '/', ':']).next().unwrap_or("")
}

fn bad(node: &Term, message: &str) -> ShaclError {
    ShaclError::Sparql {
        node: node.to_string(),
        message: message.into(),
    }
}

/// Every instance of `sh:ConstraintComponent` (or of a subclass of it) in `g`.
pub(crate) fn find(g: &Graph) -> Result<Vec<Component>, ShaclError> {
    let mut classes = vec![Term::from(sh::CONSTRAINT_COMPONENT)];
    let mut i = 0;
    while i < classes.len() {
        for sub in subjects(g, rdfs::SUB_CLASS_OF, &classes[i].clone()) {
            if !classes.contains(&sub) {
                classes.push(sub);
            }
        }
        i += 1;
    }
    let mut out: Vec<Component> = Vec::new();
    for class in &classes {
        for c in subjects(g, rdf::TYPE, class) {
            let Term::NamedNode(iri) = &c else {
                return Err(bad(&c, "a constraint component must be an IRI"));
            };
            if out.iter().any(|o| &o.iri == iri) {
                continue;
            }
            let mut params = Vec::new();
            for p in objects(g, &c, sh::PARAMETER) {
                let Some(Term::NamedNode(path)) = object(g, &p, sh::PATH) else {
                    return Err(bad(&p, "a parameter needs an IRI sh:path"));
                };
                let name = local_name(&path).to_string();
                if name.is_empty()
                    || !name.chars().all(|ch| ch.is_alphanumeric() || ch == '_')
                    || ["this", "shapesGraph", "currentShape", "value"].contains(&name.as_str())
                {
                    return Err(bad(
                        &p,
                        "the parameter's local name is not a usable variable",
                    ));
                }
                params.push(Param {
                    optional: is_true(g, &p, sh::OPTIONAL),
                    path,
                    name,
                });
            }
            out.push(Component {
                iri: iri.clone(),
                params,
                validator: object(g, &c, sh::VALIDATOR),
                node_validator: object(g, &c, sh::NODE_VALIDATOR),
                property_validator: object(g, &c, sh::PROPERTY_VALIDATOR),
            });
        }
    }
    Ok(out)
}

/// The constraints that shape `id` declares through the components `comps`.
pub(crate) fn parse(
    g: &Graph,
    comps: &[Component],
    id: &Term,
    path: Option<&Path>,
) -> Result<Vec<ComponentConstraint>, ShaclError> {
    let mut out = Vec::new();
    for comp in comps {
        let values: Vec<Vec<Term>> = comp
            .params
            .iter()
            .map(|p| objects(g, id, p.path.as_ref()))
            .collect();
        if comp
            .params
            .iter()
            .zip(&values)
            .any(|(p, v)| !p.optional && v.is_empty())
            || values.iter().all(Vec::is_empty)
        {
            continue;
        }
        let validator = match path {
            Some(_) => comp.property_validator.as_ref(),
            None => comp.node_validator.as_ref(),
        }
        .or(comp.validator.as_ref());
        let Some(v) = validator else { continue };
        let (ask, text) = match (object(g, v, sh::ASK), object(g, v, sh::SELECT)) {
            (Some(Term::Literal(q)), None) => (true, q.value().to_string()),
            (None, Some(Term::Literal(q))) => (false, q.value().to_string()),
            _ => return Err(bad(v, "a validator needs one literal sh:ask or sh:select")),
        };
        let mut prebound: Vec<&str> = vec!["this"];
        if ask {
            prebound.push("value");
        }
        prebound.extend(comp.params.iter().map(|p| p.name.as_str()));
        let query = parse_query(g, v, &text, path, &prebound)?;
        let mut messages = objects(g, v, sh::MESSAGE);
        if messages.is_empty() {
            messages = objects(g, &Term::from(comp.iri.clone()), sh::MESSAGE);
        }
        // One constraint per combination of parameter values.
        let mut combos: Vec<Vec<(Variable, Term)>> = vec![Vec::new()];
        for (p, vals) in comp.params.iter().zip(&values) {
            if vals.is_empty() {
                continue;
            }
            let var = Variable::new_unchecked(p.name.clone());
            let mut next = Vec::with_capacity(combos.len() * vals.len());
            for c in &combos {
                for val in vals {
                    let mut c = c.clone();
                    c.push((var.clone(), val.clone()));
                    next.push(c);
                }
            }
            combos = next;
        }
        for params in combos {
            out.push(ComponentConstraint {
                component: comp.iri.clone(),
                query: query.clone(),
                ask,
                params,
                messages: messages.clone(),
            });
        }
    }
    Ok(out)
}

/// Evaluates one component constraint for a focus node and its value nodes.
pub(crate) fn evaluate(
    c: &ComponentConstraint,
    cx: &Ctx<'_>,
    shape: &Shape,
    focus: &Term,
    values: &[Term],
    out: &mut Vec<ValidationResult>,
) {
    let mut bindings = super::standard_bindings(&c.query, &shape.id);
    bindings.push((Variable::new_unchecked("this"), focus.clone()));
    bindings.extend(c.params.iter().cloned());
    if !c.ask {
        let Some(solutions) = run(cx, &c.query, &bindings) else {
            return;
        };
        for s in solutions {
            if super::is_failure(&s) {
                cx.fail(ShaclError::Failure {
                    node: c.query.node.to_string(),
                    reason: format!("?failure is true for focus node {focus}"),
                });
                continue;
            }
            out.push(result(
                shape,
                focus,
                &s,
                &c.messages,
                c.component.clone(),
                None,
            ));
        }
        return;
    }
    let store = match cx.store() {
        Ok(s) => s,
        Err(e) => return cx.fail(e),
    };
    for v in values {
        let mut b = bindings.clone();
        b.push((Variable::new_unchecked("value"), v.clone()));
        match exec(store, &c.query, &b) {
            Ok(Answer::Boolean(true)) => {}
            Ok(Answer::Boolean(false)) => {
                let s: Solution = b
                    .iter()
                    .map(|(k, t)| (k.as_str().to_string(), t.clone()))
                    .collect();
                let mut r = result(shape, focus, &s, &c.messages, c.component.clone(), None);
                r.value = Some(v.clone());
                r.result_path = shape.path.clone();
                if c.messages.is_empty() && shape.messages.is_empty() {
                    r.messages = vec![fill_message(
                        &oxigraph::model::Literal::new_simple_literal(format!(
                            "{{$value}} does not satisfy {}",
                            c.component
                        ))
                        .into(),
                        &s,
                    )];
                }
                out.push(r);
            }
            Ok(Answer::Solutions(_)) => {
                return cx.fail(bad(&c.query.node, "sh:ask must be an ASK query"));
            }
            Err(e) => return cx.fail(e),
        }
    }
}
