//! The abstract syntax of a parsed rule set.

use crate::expr::Expr;
use oxigraph::model::{NamedNode, Term, Triple};

/// Index of a variable in its rule's variable table ([`Rule::vars`]).
pub type VarId = usize;

/// What a rule variable stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    /// A `?name` variable.
    Named,
    /// A blank node of the body (`[]`, `_:b`): an anonymous variable.
    BodyBlank,
    /// A blank node of the head: a fresh blank node per body solution.
    HeadBlank,
    /// A variable introduced by desugaring (property-path steps, reifiers).
    Hidden,
}

/// One entry of a rule's variable table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarInfo {
    /// Name as written (without `?`), or a generated name.
    pub name: String,
    /// Kind of variable.
    pub kind: VarKind,
}

/// A position of a triple pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A variable (or blank node) of the rule.
    Var(VarId),
    /// A constant RDF term.
    Term(Term),
    /// An RDF 1.2 triple term `<<( s p o )>>`.
    TripleTerm(Box<[Node; 3]>),
    /// A term this build cannot represent (e.g. a directional language string); the text.
    Unrepresentable(String),
}

/// A triple pattern (body) or template (head).
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    /// Subject.
    pub s: Node,
    /// Predicate.
    pub p: Node,
    /// Object.
    pub o: Node,
}

/// A property path that is not a plain predicate (kept for diagnostics; not evaluated).
#[derive(Debug, Clone, PartialEq)]
pub struct PathPattern {
    /// Subject.
    pub s: Node,
    /// The path as written.
    pub path: String,
    /// Object.
    pub o: Node,
}

/// An element of a rule body.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// A triple pattern.
    Atom(Atom),
    /// A property path other than sequences and inverses (`*`, `+`, `?`, `|`, `!`).
    Path(PathPattern),
    /// `FILTER ( expr )`.
    Filter(Expr),
    /// `SET ( ?var := expr )` (or `BIND ( expr AS ?var )`).
    Set(VarId, Expr),
    /// `NOT { … }` (negation as failure); `NOT DATA { … }` matches the base graph only.
    Not {
        /// The negated elements.
        body: Vec<Element>,
        /// `NOT DATA`: matched against the base data graph only.
        base_only: bool,
    },
}

/// One `RULE { head } WHERE { body }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// 0-based position among the rules of the rule set.
    pub index: usize,
    /// Line where `RULE` is.
    pub line: usize,
    /// Optional rule name (`RULE :name { … }`).
    pub name: Option<NamedNode>,
    /// The head templates.
    pub head: Vec<Atom>,
    /// The body elements in written order.
    pub body: Vec<Element>,
    /// `WHERE DATA { … }`: the whole body matches the base data graph only.
    pub base_only: bool,
    /// The variable table.
    pub vars: Vec<VarInfo>,
}

impl Rule {
    /// 1-based number used in messages.
    pub fn number(&self) -> usize {
        self.index + 1
    }

    /// A label for messages: the name when given, else `rule <n> (line <l>)`.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) => format!("rule {} {n} (line {})", self.number(), self.line),
            None => format!("rule {} (line {})", self.number(), self.line),
        }
    }

    /// The display name (`?x`, `[]`) of a variable.
    pub fn var_name(&self, v: VarId) -> String {
        let info = &self.vars[v];
        match info.kind {
            VarKind::Named => format!("?{}", info.name),
            _ => info.name.clone(),
        }
    }
}

/// A parsed rule set: the rules and the triples of its `DATA` blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleSetAst {
    /// Rules in written order.
    pub rules: Vec<Rule>,
    /// Triples of all `DATA { … }` blocks (they belong to the inference graph).
    pub data: Vec<Triple>,
}
