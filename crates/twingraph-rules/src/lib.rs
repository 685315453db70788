//! SHACL 1.2 Rules / SPARQL 1.2 RL ("SRL") for TwinGraph: a parser of the rule text syntax
//! (`RULE { head } WHERE { body }`, `DATA`, `FILTER`, `SET`, `NOT`), well-formedness and
//! stratification checks with typed errors naming the rule and the variable, and a stratified
//! semi-naive forward-chaining engine on interned ids that returns the inference graph (derived
//! triples not in the base data) with counters and optional explanations.
//!
//! ```
//! use twingraph_rules::{Engine, RuleSet};
//! use oxigraph::model::{NamedNode, Triple};
//! let rules = RuleSet::parse(
//!     "PREFIX : <http://example/>\nRULE { ?x a :Asset } WHERE { ?x a :Breaker }",
//!     None,
//! )
//! .unwrap();
//! let n = |s: &str| NamedNode::new(format!("http://example/{s}")).unwrap();
//! let rdf_type = NamedNode::new("http://www.w3.org/1999/02/22-rdf-syntax-ns#type").unwrap();
//! let base = vec![Triple::new(n("b1"), rdf_type.clone(), n("Breaker"))];
//! let inf = Engine::new().materialise(&rules, base).unwrap();
//! assert_eq!(inf.derived, vec![Triple::new(n("b1"), rdf_type, n("Asset"))]);
//! ```
#![deny(missing_docs)]

pub mod ast;
mod check;
mod engine;
pub mod error;
pub mod expr;
mod parse;
mod strata;

pub use engine::{Engine, Explanation, Inference, Materialisation, Stats};
pub use error::RuleError;

use ast::{Element, RuleSetAst};

/// A parsed, well-formed and stratified rule set, ready for [`Engine::materialise`].
#[derive(Debug, Clone)]
pub struct RuleSet {
    ast: RuleSetAst,
    strata: Vec<Vec<usize>>,
}

impl RuleSet {
    /// Parses SRL text, then checks well-formedness and stratification (the full
    /// `rules check`). `base` resolves relative IRIs (until a `BASE` declaration).
    pub fn parse(text: &str, base: Option<&str>) -> Result<Self, RuleError> {
        let ast = Self::parse_syntax(text, base)?;
        Self::from_ast(ast)
    }

    /// Parses only (grammar, prefixes, IRIs, expressions): no well-formedness or
    /// stratification check.
    pub fn parse_syntax(text: &str, base: Option<&str>) -> Result<RuleSetAst, RuleError> {
        parse::parse(text, base)
    }

    /// Checks a parsed rule set: well-formedness of every rule, then stratification.
    pub fn from_ast(ast: RuleSetAst) -> Result<Self, RuleError> {
        Self::check_well_formed(&ast)?;
        let strata = strata::stratify(&ast.rules)?;
        Ok(Self { ast, strata })
    }

    /// Checks only the well-formedness conditions of every rule.
    pub fn check_well_formed(ast: &RuleSetAst) -> Result<(), RuleError> {
        ast.rules.iter().try_for_each(check::check_rule)
    }

    /// Concatenates rule sets (e.g. several `--rules` files) into one and re-checks it.
    pub fn merge(sets: &[RuleSet]) -> Result<Self, RuleError> {
        let mut ast = RuleSetAst::default();
        for s in sets {
            for r in &s.ast.rules {
                let mut r = r.clone();
                r.index = ast.rules.len();
                ast.rules.push(r);
            }
            ast.data.extend(s.ast.data.iter().cloned());
        }
        Self::from_ast(ast)
    }

    /// The syntax tree (rules and `DATA` triples).
    pub fn ast(&self) -> &RuleSetAst {
        &self.ast
    }

    /// The rules.
    pub fn rules(&self) -> &[ast::Rule] {
        &self.ast.rules
    }

    /// The strata: 0-based rule indexes, evaluated lowest first.
    pub fn strata(&self) -> &[Vec<usize>] {
        &self.strata
    }

    /// Whether some rule reads the base graph only (`WHERE DATA`, `NOT DATA`).
    fn uses_base_only(&self) -> bool {
        fn any(body: &[Element]) -> bool {
            body.iter().any(|e| match e {
                Element::Not { body, base_only } => *base_only || any(body),
                _ => false,
            })
        }
        self.ast.rules.iter().any(|r| r.base_only || any(&r.body))
    }
}
