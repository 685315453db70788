//! Parser of the SRL text syntax: `PREFIX`/`BASE`, `DATA { … }` and
//! `RULE [name] { head } WHERE [DATA] { body }` with triple patterns (Turtle/SPARQL terms,
//! sequence and inverse paths, RDF 1.2 reification, annotations and triple terms), `FILTER`,
//! `SET ( ?v := expr )`, `BIND ( expr AS ?v )` and `NOT [DATA] { … }`.
//!
//! Expressions are handed to spargebra (wrapped as `SELECT * WHERE { FILTER(…) }` with the
//! rule set's prefixes and base) and converted to [`Expr`].

mod lexer;

use crate::ast::{Atom, Element, Node, PathPattern, Rule, RuleSetAst, VarId, VarInfo, VarKind};
use crate::error::RuleError;
use crate::expr::Expr;
use lexer::{Tok, Token};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxiri::Iri;
use std::collections::HashMap;

pub(crate) use lexer::line_col;

/// Parses an SRL document. `base` is the base IRI for relative IRIs (overridden by `BASE`).
pub(crate) fn parse(text: &str, base: Option<&str>) -> Result<RuleSetAst, RuleError> {
    let toks = lexer::tokenize(text)?;
    let base = match base {
        Some(b) => Some(Iri::parse(b.to_owned()).map_err(|e| RuleError::Syntax {
            line: 1,
            column: 1,
            message: format!("bad base IRI <{b}>: {e}"),
        })?),
        None => None,
    };
    let mut p = Parser {
        text,
        toks,
        i: 0,
        prefixes: HashMap::new(),
        base,
        data_bnodes: HashMap::new(),
        out: RuleSetAst::default(),
        ctx: RuleCtx::default(),
        mode: Mode::Data,
    };
    p.document()?;
    Ok(p.out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Head,
    Body,
    Data,
}

#[derive(Default)]
struct RuleCtx {
    vars: Vec<VarInfo>,
    named: HashMap<String, VarId>,
    head_labels: HashMap<String, VarId>,
    body_labels: HashMap<String, VarId>,
}

impl RuleCtx {
    fn var(&mut self, name: &str) -> VarId {
        if let Some(v) = self.named.get(name) {
            return *v;
        }
        let id = self.fresh(name.to_owned(), VarKind::Named);
        self.named.insert(name.to_owned(), id);
        id
    }

    fn fresh(&mut self, name: String, kind: VarKind) -> VarId {
        self.vars.push(VarInfo { name, kind });
        self.vars.len() - 1
    }
}

/// A parsed property path.
enum Path {
    Link(Node),
    Inv(Box<Path>),
    Seq(Vec<Path>),
    Other(String),
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    i: usize,
    prefixes: HashMap<String, String>,
    base: Option<Iri<String>>,
    data_bnodes: HashMap<String, BlankNode>,
    out: RuleSetAst,
    ctx: RuleCtx,
    mode: Mode,
}

impl Parser<'_> {
    // ---- token helpers ----

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }

    fn peek2(&self) -> Option<&Tok> {
        self.toks.get(self.i + 1).map(|t| &t.tok)
    }

    fn err_here(&self, message: impl Into<String>) -> RuleError {
        let (line, column) = match self.toks.get(self.i) {
            Some(t) => (t.line, t.col),
            None => line_col(self.text, self.text.len()),
        };
        let found = match self.toks.get(self.i) {
            Some(t) => format!(" (found '{}')", &self.text[t.start..t.end]),
            None => " (found end of input)".to_owned(),
        };
        RuleError::Syntax {
            line,
            column,
            message: format!("{}{found}", message.into()),
        }
    }

    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(q)) if *q == p)
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(x)) if x.eq_ignore_ascii_case(w))
    }

    fn expect_punct(&mut self, p: &str) -> Result<(), RuleError> {
        if self.is_punct(p) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err_here(format!("expected '{p}'")))
        }
    }

    fn line(&self) -> usize {
        self.toks.get(self.i).map_or(1, |t| t.line)
    }

    // ---- document ----

    fn document(&mut self) -> Result<(), RuleError> {
        while self.i < self.toks.len() {
            if self.is_word("PREFIX") {
                self.i += 1;
                let Some(Tok::PName(prefix, local)) = self.peek().cloned() else {
                    return Err(self.err_here("expected a prefix name like 'ex:'"));
                };
                if !local.is_empty() {
                    return Err(self.err_here("expected a prefix name like 'ex:'"));
                }
                self.i += 1;
                let Some(Tok::Iri(iri)) = self.peek().cloned() else {
                    return Err(self.err_here("expected an IRI"));
                };
                let iri = self.resolve(&iri)?;
                self.i += 1;
                self.prefixes.insert(prefix, iri.into_inner());
            } else if self.is_word("BASE") {
                self.i += 1;
                let Some(Tok::Iri(iri)) = self.peek().cloned() else {
                    return Err(self.err_here("expected an IRI"));
                };
                let iri = self.resolve(&iri)?;
                self.i += 1;
                self.base = Some(Iri::parse_unchecked(iri.into_inner()));
            } else if self.is_word("DATA") {
                self.i += 1;
                self.data_block()?;
            } else if self.is_word("RULE") {
                self.rule()?;
            } else {
                return Err(self.err_here("expected PREFIX, BASE, DATA or RULE"));
            }
        }
        Ok(())
    }

    fn data_block(&mut self) -> Result<(), RuleError> {
        self.mode = Mode::Data;
        self.ctx = RuleCtx::default();
        self.expect_punct("{")?;
        let mut elems = Vec::new();
        self.triples_until_close(&mut elems)?;
        self.expect_punct("}")?;
        for e in elems {
            let Element::Atom(a) = e else { continue };
            let triple =
                ground_triple(&a).ok_or_else(|| self.err_here("DATA triple is not ground"))?;
            self.out.data.push(triple);
        }
        Ok(())
    }

    fn rule(&mut self) -> Result<(), RuleError> {
        let line = self.line();
        self.i += 1; // RULE
        self.ctx = RuleCtx::default();
        let name = match self.peek().cloned() {
            Some(Tok::Iri(_) | Tok::PName(..)) => match self.iri_term()? {
                Term::NamedNode(n) => Some(n),
                _ => None,
            },
            _ => None,
        };
        self.mode = Mode::Head;
        self.expect_punct("{")?;
        let mut head_elems = Vec::new();
        self.triples_until_close(&mut head_elems)?;
        self.expect_punct("}")?;
        if !self.is_word("WHERE") {
            return Err(self.err_here("expected WHERE"));
        }
        self.i += 1;
        let base_only = if self.is_word("DATA") {
            self.i += 1;
            true
        } else {
            false
        };
        self.mode = Mode::Body;
        let body = self.group()?;
        let head = head_elems
            .into_iter()
            .filter_map(|e| match e {
                Element::Atom(a) => Some(a),
                _ => None,
            })
            .collect();
        let ctx = std::mem::take(&mut self.ctx);
        self.out.rules.push(Rule {
            index: self.out.rules.len(),
            line,
            name,
            head,
            body,
            base_only,
            vars: ctx.vars,
        });
        Ok(())
    }

    /// `{ elements }` of a body.
    fn group(&mut self) -> Result<Vec<Element>, RuleError> {
        self.expect_punct("{")?;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.err_here("expected '}'")),
                Some(Tok::Punct("}")) => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(Tok::Word(w)) if w.eq_ignore_ascii_case("FILTER") => {
                    self.i += 1;
                    let e = self.filter_expr()?;
                    out.push(Element::Filter(e));
                }
                Some(Tok::Word(w)) if w.eq_ignore_ascii_case("SET") => {
                    self.i += 1;
                    let (v, e) = self.set_clause()?;
                    out.push(Element::Set(v, e));
                }
                Some(Tok::Word(w)) if w.eq_ignore_ascii_case("BIND") => {
                    self.i += 1;
                    let (v, e) = self.bind_clause()?;
                    out.push(Element::Set(v, e));
                }
                Some(Tok::Word(w)) if w.eq_ignore_ascii_case("NOT") => {
                    self.i += 1;
                    let base_only = if self.is_word("DATA") {
                        self.i += 1;
                        true
                    } else {
                        false
                    };
                    let body = self.group()?;
                    out.push(Element::Not { body, base_only });
                }
                _ => {
                    if !self.triples_same_subject(&mut out)? {
                        return Err(
                            self.err_here("expected a triple pattern, FILTER, SET, NOT or '}'")
                        );
                    }
                    if !self.is_punct(".") {
                        continue;
                    }
                }
            }
            if self.is_punct(".") {
                self.i += 1;
                if self.is_punct(".") {
                    return Err(self.err_here("unexpected '.'"));
                }
            }
        }
    }

    /// Triples separated by '.' up to (not including) `}`.
    fn triples_until_close(&mut self, out: &mut Vec<Element>) -> Result<(), RuleError> {
        loop {
            if self.is_punct("}") {
                return Ok(());
            }
            if !self.triples_same_subject(out)? {
                return Err(self.err_here("expected a triple or '}'"));
            }
            if self.is_punct(".") {
                self.i += 1;
            } else if !self.is_punct("}") {
                return Err(self.err_here("expected '.' or '}'"));
            }
        }
    }

    // ---- triples ----

    /// Parses one `subject predicate-object-list`; returns false when the next token cannot
    /// start a triple.
    fn triples_same_subject(&mut self, out: &mut Vec<Element>) -> Result<bool, RuleError> {
        let subject = match self.peek() {
            Some(Tok::Punct("[")) => {
                let node = self.blank_property_list(out)?;
                if self.starts_verb() {
                    self.property_list(&node, out)?;
                }
                return Ok(true);
            }
            Some(Tok::Punct("(")) => {
                let node = self.collection(out)?;
                self.property_list(&node, out)?;
                return Ok(true);
            }
            Some(Tok::Punct("<<")) => {
                let node = self.reified_triple(out)?;
                if self.starts_verb() {
                    self.property_list(&node, out)?;
                }
                return Ok(true);
            }
            Some(Tok::Punct("<<(")) => {
                return Err(self.err_here("a triple term cannot be a subject"));
            }
            Some(Tok::Word(w)) if w == "a" => {
                return Err(self.err_here("'a' cannot be a subject"));
            }
            Some(
                Tok::Var(_)
                | Tok::Iri(_)
                | Tok::PName(..)
                | Tok::BNode(_)
                | Tok::Str(_)
                | Tok::Integer(_)
                | Tok::Decimal(_)
                | Tok::Double(_),
            ) => self.term(out)?,
            Some(Tok::Word(w)) if w == "true" || w == "false" => self.term(out)?,
            _ => return Ok(false),
        };
        if self.mode != Mode::Body && matches!(subject, Node::Term(Term::Literal(_))) {
            return Err(self.err_here("a literal cannot be a subject"));
        }
        self.property_list(&subject, out)?;
        Ok(true)
    }

    fn starts_verb(&self) -> bool {
        match self.peek() {
            Some(Tok::Var(_) | Tok::Iri(_) | Tok::PName(..)) => true,
            Some(Tok::Word(w)) => w == "a",
            Some(Tok::Punct(p)) => self.mode == Mode::Body && matches!(*p, "^" | "!" | "("),
            _ => false,
        }
    }

    fn property_list(&mut self, subject: &Node, out: &mut Vec<Element>) -> Result<(), RuleError> {
        if !self.starts_verb() {
            return Err(self.err_here("expected a predicate"));
        }
        loop {
            let path = self.verb()?;
            loop {
                let object = self.object(out)?;
                self.emit_path(subject.clone(), &path, object.clone(), out);
                if self.is_punct("~") || self.is_punct("{|") {
                    self.annotations(subject, &path, &object, out)?;
                }
                if self.is_punct(",") {
                    self.i += 1;
                } else {
                    break;
                }
            }
            // ';' separators, possibly repeated, possibly trailing.
            let mut had_semicolon = false;
            while self.is_punct(";") {
                self.i += 1;
                had_semicolon = true;
            }
            if !had_semicolon || !self.starts_verb() {
                return Ok(());
            }
        }
    }

    /// `~ reifier? {| annotation |}*` after an object.
    fn annotations(
        &mut self,
        subject: &Node,
        path: &Path,
        object: &Node,
        out: &mut Vec<Element>,
    ) -> Result<(), RuleError> {
        let Path::Link(p) = path else {
            return Err(self.err_here("annotations need a simple predicate"));
        };
        let triple_term = Node::TripleTerm(Box::new([subject.clone(), p.clone(), object.clone()]));
        let mut reifier: Option<Node> = None;
        loop {
            if self.is_punct("~") {
                self.i += 1;
                let r = match self.peek() {
                    Some(Tok::Var(_) | Tok::Iri(_) | Tok::PName(..) | Tok::BNode(_)) => {
                        self.term(out)?
                    }
                    _ => self.fresh_blank(),
                };
                self.emit(r.clone(), reifies(), triple_term.clone(), out);
                reifier = Some(r);
            } else if self.is_punct("{|") {
                self.i += 1;
                if self.is_punct("|}") {
                    return Err(self.err_here("empty annotation block"));
                }
                let r = match reifier.clone() {
                    Some(r) => r,
                    None => {
                        let r = self.fresh_blank();
                        self.emit(r.clone(), reifies(), triple_term.clone(), out);
                        r
                    }
                };
                self.property_list(&r, out)?;
                self.expect_punct("|}")?;
                reifier = None;
            } else {
                return Ok(());
            }
        }
    }

    fn verb(&mut self) -> Result<Path, RuleError> {
        if self.mode != Mode::Body {
            return Ok(Path::Link(match self.peek() {
                Some(Tok::Word(w)) if w == "a" => {
                    self.i += 1;
                    Node::Term(rdf::TYPE.into_owned().into())
                }
                Some(Tok::Var(_)) => self.var_node()?,
                Some(Tok::Iri(_) | Tok::PName(..)) => Node::Term(self.iri_term()?),
                _ => return Err(self.err_here("expected a predicate (IRI, variable or 'a')")),
            }));
        }
        if matches!(self.peek(), Some(Tok::Var(_))) {
            return Ok(Path::Link(self.var_node()?));
        }
        self.path_alt()
    }

    fn path_alt(&mut self) -> Result<Path, RuleError> {
        let start = self.toks.get(self.i).map_or(0, |t| t.start);
        let first = self.path_seq()?;
        if !self.is_punct("|") {
            return Ok(first);
        }
        while self.is_punct("|") {
            self.i += 1;
            self.path_seq()?;
        }
        Ok(Path::Other(self.source_from(start)))
    }

    fn source_from(&self, start: usize) -> String {
        let end = self
            .toks
            .get(self.i.saturating_sub(1))
            .map_or(start, |t| t.end);
        self.text[start..end.max(start)].to_owned()
    }

    fn path_seq(&mut self) -> Result<Path, RuleError> {
        let mut steps = vec![self.path_elt()?];
        while self.is_punct("/") {
            self.i += 1;
            steps.push(self.path_elt()?);
        }
        Ok(if steps.len() == 1 {
            steps.pop().unwrap_or(Path::Other(String::new()))
        } else {
            Path::Seq(steps)
        })
    }

    fn path_elt(&mut self) -> Result<Path, RuleError> {
        let start = self.toks.get(self.i).map_or(0, |t| t.start);
        let inverse = if self.is_punct("^") {
            self.i += 1;
            true
        } else {
            false
        };
        let primary = match self.peek() {
            Some(Tok::Word(w)) if w == "a" => {
                self.i += 1;
                Path::Link(Node::Term(rdf::TYPE.into_owned().into()))
            }
            Some(Tok::Iri(_) | Tok::PName(..)) => Path::Link(Node::Term(self.iri_term()?)),
            Some(Tok::Punct("!")) => {
                self.i += 1;
                if self.is_punct("(") {
                    self.i += 1;
                    while !self.is_punct(")") {
                        if self.is_punct("^") || self.is_punct("|") || self.is_word("a") {
                            self.i += 1;
                        } else {
                            self.iri_term()?;
                        }
                    }
                    self.i += 1;
                } else {
                    if self.is_punct("^") {
                        self.i += 1;
                    }
                    if self.is_word("a") {
                        self.i += 1;
                    } else {
                        self.iri_term()?;
                    }
                }
                Path::Other(self.source_from(start))
            }
            Some(Tok::Punct("(")) => {
                self.i += 1;
                let inner = self.path_alt()?;
                self.expect_punct(")")?;
                inner
            }
            _ => return Err(self.err_here("expected a predicate or property path")),
        };
        let primary = if matches!(self.peek(), Some(Tok::Punct("*" | "+" | "?"))) {
            self.i += 1;
            Path::Other(self.source_from(start))
        } else {
            primary
        };
        Ok(if inverse {
            match primary {
                Path::Other(_) => Path::Other(self.source_from(start)),
                p => Path::Inv(Box::new(p)),
            }
        } else {
            primary
        })
    }

    fn emit_path(&mut self, s: Node, path: &Path, o: Node, out: &mut Vec<Element>) {
        match path {
            Path::Link(p) => self.emit(s, p.clone(), o, out),
            Path::Inv(inner) => self.emit_path(o, inner, s, out),
            Path::Seq(steps) => {
                let mut current = s;
                for (k, step) in steps.iter().enumerate() {
                    let next = if k + 1 == steps.len() {
                        o.clone()
                    } else {
                        let id = self.ctx.vars.len();
                        Node::Var(self.ctx.fresh(format!("_:path{id}"), VarKind::Hidden))
                    };
                    self.emit_path(current, step, next.clone(), out);
                    current = next;
                }
            }
            Path::Other(text) => out.push(Element::Path(PathPattern {
                s,
                path: text.clone(),
                o,
            })),
        }
    }

    fn emit(&mut self, s: Node, p: Node, o: Node, out: &mut Vec<Element>) {
        out.push(Element::Atom(Atom { s, p, o }));
    }

    fn object(&mut self, out: &mut Vec<Element>) -> Result<Node, RuleError> {
        match self.peek() {
            Some(Tok::Punct("[")) => self.blank_property_list(out),
            Some(Tok::Punct("(")) => self.collection(out),
            Some(Tok::Punct("<<")) => self.reified_triple(out),
            Some(Tok::Punct("<<(")) => self.triple_term(out),
            Some(Tok::Word(w)) if w == "a" => Err(self.err_here("'a' cannot be an object")),
            _ => self.term(out),
        }
    }

    fn fresh_blank(&mut self) -> Node {
        match self.mode {
            Mode::Data => Node::Term(BlankNode::default().into()),
            Mode::Head => {
                let id = self.ctx.vars.len();
                Node::Var(self.ctx.fresh(format!("[]#{id}"), VarKind::HeadBlank))
            }
            Mode::Body => {
                let id = self.ctx.vars.len();
                Node::Var(self.ctx.fresh(format!("[]#{id}"), VarKind::BodyBlank))
            }
        }
    }

    fn blank_property_list(&mut self, out: &mut Vec<Element>) -> Result<Node, RuleError> {
        self.expect_punct("[")?;
        let node = self.fresh_blank();
        if !self.is_punct("]") {
            self.property_list(&node, out)?;
        }
        self.expect_punct("]")?;
        Ok(node)
    }

    fn collection(&mut self, out: &mut Vec<Element>) -> Result<Node, RuleError> {
        self.expect_punct("(")?;
        let mut items = Vec::new();
        while !self.is_punct(")") {
            if self.peek().is_none() {
                return Err(self.err_here("expected ')'"));
            }
            items.push(self.object(out)?);
        }
        self.i += 1;
        let mut head = Node::Term(rdf::NIL.into_owned().into());
        for item in items.into_iter().rev() {
            let cell = self.fresh_blank();
            self.emit(
                cell.clone(),
                Node::Term(rdf::FIRST.into_owned().into()),
                item,
                out,
            );
            self.emit(
                cell.clone(),
                Node::Term(rdf::REST.into_owned().into()),
                head,
                out,
            );
            head = cell;
        }
        Ok(head)
    }

    /// `<< s p o [~ r] >>`: a reifier node with its `rdf:reifies` triple.
    fn reified_triple(&mut self, out: &mut Vec<Element>) -> Result<Node, RuleError> {
        self.expect_punct("<<")?;
        let (s, p, o) = self.inner_triple(out)?;
        let reifier = if self.is_punct("~") {
            self.i += 1;
            match self.peek() {
                Some(Tok::Var(_) | Tok::Iri(_) | Tok::PName(..) | Tok::BNode(_)) => {
                    self.term(out)?
                }
                _ => self.fresh_blank(),
            }
        } else {
            self.fresh_blank()
        };
        self.expect_punct(">>")?;
        let tt = Node::TripleTerm(Box::new([s, p, o]));
        self.emit(reifier.clone(), reifies(), tt, out);
        Ok(reifier)
    }

    fn triple_term(&mut self, out: &mut Vec<Element>) -> Result<Node, RuleError> {
        self.expect_punct("<<(")?;
        let (s, p, o) = self.inner_triple(out)?;
        self.expect_punct(")>>")?;
        Ok(Node::TripleTerm(Box::new([s, p, o])))
    }

    fn inner_triple(&mut self, out: &mut Vec<Element>) -> Result<(Node, Node, Node), RuleError> {
        let s = match self.peek() {
            Some(Tok::Punct("<<")) => self.reified_triple(out)?,
            Some(Tok::Punct("[")) if matches!(self.peek2(), Some(Tok::Punct("]"))) => {
                self.i += 2;
                self.fresh_blank()
            }
            Some(Tok::Var(_) | Tok::Iri(_) | Tok::PName(..) | Tok::BNode(_)) => self.term(out)?,
            _ => return Err(self.err_here("expected the subject of a triple term")),
        };
        let p = match self.peek() {
            Some(Tok::Word(w)) if w == "a" => {
                self.i += 1;
                Node::Term(rdf::TYPE.into_owned().into())
            }
            Some(Tok::Var(_)) => self.var_node()?,
            Some(Tok::Iri(_) | Tok::PName(..)) => Node::Term(self.iri_term()?),
            _ => return Err(self.err_here("expected the predicate of a triple term")),
        };
        let o = match self.peek() {
            Some(Tok::Punct("<<")) => self.reified_triple(out)?,
            Some(Tok::Punct("<<(")) => self.triple_term(out)?,
            Some(Tok::Punct("[")) if matches!(self.peek2(), Some(Tok::Punct("]"))) => {
                self.i += 2;
                self.fresh_blank()
            }
            _ => self.term(out)?,
        };
        Ok((s, p, o))
    }

    fn var_node(&mut self) -> Result<Node, RuleError> {
        let Some(Tok::Var(name)) = self.peek().cloned() else {
            return Err(self.err_here("expected a variable"));
        };
        if self.mode == Mode::Data {
            return Err(self.err_here("variables are not allowed in DATA"));
        }
        self.i += 1;
        Ok(Node::Var(self.ctx.var(&name)))
    }

    /// A single RDF term or variable (no blank-node property lists or collections).
    fn term(&mut self, out: &mut Vec<Element>) -> Result<Node, RuleError> {
        let _ = out;
        let Some(tok) = self.peek().cloned() else {
            return Err(self.err_here("expected a term"));
        };
        match tok {
            Tok::Var(_) => self.var_node(),
            Tok::Iri(_) | Tok::PName(..) => Ok(Node::Term(self.iri_term()?)),
            Tok::BNode(label) => {
                self.i += 1;
                Ok(match self.mode {
                    Mode::Data => {
                        Node::Term(self.data_bnodes.entry(label).or_default().clone().into())
                    }
                    Mode::Head => {
                        if let Some(v) = self.ctx.head_labels.get(&label) {
                            Node::Var(*v)
                        } else {
                            let v = self.ctx.fresh(format!("_:{label}"), VarKind::HeadBlank);
                            self.ctx.head_labels.insert(label, v);
                            Node::Var(v)
                        }
                    }
                    Mode::Body => {
                        if let Some(v) = self.ctx.body_labels.get(&label) {
                            Node::Var(*v)
                        } else {
                            let v = self.ctx.fresh(format!("_:{label}"), VarKind::BodyBlank);
                            self.ctx.body_labels.insert(label, v);
                            Node::Var(v)
                        }
                    }
                })
            }
            Tok::Str(value) => {
                self.i += 1;
                match self.peek().cloned() {
                    Some(Tok::LangTag(tag)) => {
                        self.i += 1;
                        if tag.contains("--") {
                            return Ok(Node::Unrepresentable(format!("\"{value}\"@{tag}")));
                        }
                        Literal::new_language_tagged_literal(value, tag)
                            .map(|l| Node::Term(l.into()))
                            .map_err(|e| self.err_here(e.to_string()))
                    }
                    Some(Tok::Punct("^^")) => {
                        self.i += 1;
                        match self.iri_term()? {
                            Term::NamedNode(dt) => {
                                Ok(Node::Term(Literal::new_typed_literal(value, dt).into()))
                            }
                            _ => Err(self.err_here("expected a datatype IRI")),
                        }
                    }
                    _ => Ok(Node::Term(Literal::new_simple_literal(value).into())),
                }
            }
            Tok::Integer(v) => {
                self.i += 1;
                Ok(Node::Term(
                    Literal::new_typed_literal(v, xsd::INTEGER).into(),
                ))
            }
            Tok::Decimal(v) => {
                self.i += 1;
                Ok(Node::Term(
                    Literal::new_typed_literal(v, xsd::DECIMAL).into(),
                ))
            }
            Tok::Double(v) => {
                self.i += 1;
                Ok(Node::Term(
                    Literal::new_typed_literal(v, xsd::DOUBLE).into(),
                ))
            }
            Tok::Word(w) if w == "true" || w == "false" => {
                self.i += 1;
                Ok(Node::Term(
                    Literal::new_typed_literal(w, xsd::BOOLEAN).into(),
                ))
            }
            _ => Err(self.err_here("expected an RDF term or variable")),
        }
    }

    fn iri_term(&mut self) -> Result<Term, RuleError> {
        match self.peek().cloned() {
            Some(Tok::Iri(iri)) => {
                let n = self.resolve(&iri)?;
                self.i += 1;
                Ok(NamedNode::new_unchecked(n.into_inner()).into())
            }
            Some(Tok::PName(prefix, local)) => {
                let Some(ns) = self.prefixes.get(&prefix) else {
                    return Err(self.err_here(format!("undefined prefix '{prefix}:'")));
                };
                let iri = format!("{ns}{local}");
                let n = NamedNode::new(iri).map_err(|e| self.err_here(e.to_string()))?;
                self.i += 1;
                Ok(n.into())
            }
            _ => Err(self.err_here("expected an IRI")),
        }
    }

    fn resolve(&self, iri: &str) -> Result<Iri<String>, RuleError> {
        let r = match &self.base {
            Some(base) => base.resolve(iri),
            None => Iri::parse(iri.to_owned()),
        };
        r.map_err(|e| self.err_here(format!("bad IRI <{iri}>: {e}")))
    }

    // ---- expressions ----

    /// Index just past the `)` matching the `(` at token `open`.
    fn matching_paren(&self, open: usize) -> Result<usize, RuleError> {
        let mut depth = 0usize;
        for (k, t) in self.toks.iter().enumerate().skip(open) {
            match t.tok {
                Tok::Punct("(") => depth += 1,
                Tok::Punct(")") => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(k);
                    }
                }
                Tok::Punct("{" | "}") => break,
                _ => {}
            }
        }
        Err(RuleError::Syntax {
            line: self.toks[open].line,
            column: self.toks[open].col,
            message: "unbalanced parentheses".to_owned(),
        })
    }

    fn filter_expr(&mut self) -> Result<Expr, RuleError> {
        let start = self.i;
        let open = match self.peek() {
            Some(Tok::Punct("(")) => self.i,
            Some(Tok::Word(_) | Tok::Iri(_) | Tok::PName(..))
                if matches!(self.peek2(), Some(Tok::Punct("("))) =>
            {
                self.i + 1
            }
            _ => return Err(self.err_here("expected '(' or a function call after FILTER")),
        };
        let close = self.matching_paren(open)?;
        let text = &self.text[self.toks[start].start..self.toks[close].end];
        let e = self.expression(text, start)?;
        self.i = close + 1;
        Ok(e)
    }

    fn set_clause(&mut self) -> Result<(VarId, Expr), RuleError> {
        let open = self.i;
        self.expect_punct("(")?;
        let close = self.matching_paren(open)?;
        let Some(Tok::Var(name)) = self.peek().cloned() else {
            return Err(self.err_here("expected a variable after SET ("));
        };
        self.i += 1;
        self.expect_punct(":=")?;
        if self.i >= close {
            return Err(self.err_here("expected an expression"));
        }
        let text = &self.text[self.toks[self.i].start..self.toks[close - 1].end];
        let e = self.expression(text, self.i)?;
        self.i = close + 1;
        Ok((self.ctx.var(&name), e))
    }

    fn bind_clause(&mut self) -> Result<(VarId, Expr), RuleError> {
        let open = self.i;
        self.expect_punct("(")?;
        let close = self.matching_paren(open)?;
        let as_pos = (open..close)
            .rev()
            .find(|k| matches!(&self.toks[*k].tok, Tok::Word(w) if w.eq_ignore_ascii_case("AS")))
            .ok_or_else(|| self.err_here("expected AS in BIND"))?;
        let Some(Tok::Var(name)) = self.toks.get(as_pos + 1).map(|t| t.tok.clone()) else {
            return Err(self.err_here("expected a variable after AS"));
        };
        if as_pos + 2 != close || as_pos <= self.i {
            return Err(self.err_here("malformed BIND"));
        }
        let text = &self.text[self.toks[self.i].start..self.toks[as_pos - 1].end];
        let e = self.expression(text, self.i)?;
        self.i = close + 1;
        Ok((self.ctx.var(&name), e))
    }

    fn expression(&mut self, text: &str, at: usize) -> Result<Expr, RuleError> {
        let mut parser = spargebra::SparqlParser::new();
        if let Some(base) = &self.base {
            parser = parser
                .with_base_iri(base.as_str())
                .map_err(|e| self.err_at(at, e.to_string()))?;
        }
        for (p, ns) in &self.prefixes {
            parser = parser
                .with_prefix(p, ns)
                .map_err(|e| self.err_at(at, e.to_string()))?;
        }
        let query = parser
            .parse_query(&format!("SELECT * WHERE {{ FILTER({text}) }}"))
            .map_err(|e| self.err_at(at, format!("bad expression '{text}': {e}")))?;
        let spargebra::Query::Select { pattern, .. } = query else {
            return Err(self.err_at(at, "bad expression"));
        };
        let expr = find_filter(&pattern).ok_or_else(|| self.err_at(at, "bad expression"))?;
        Expr::from_sparql(expr, &mut |name| self.ctx.var(name)).map_err(|m| self.err_at(at, m))
    }

    fn err_at(&self, at: usize, message: impl Into<String>) -> RuleError {
        let t = &self.toks[at.min(self.toks.len() - 1)];
        RuleError::Syntax {
            line: t.line,
            column: t.col,
            message: message.into(),
        }
    }
}

fn find_filter(p: &spargebra::algebra::GraphPattern) -> Option<&spargebra::algebra::Expression> {
    use spargebra::algebra::GraphPattern;
    match p {
        GraphPattern::Filter { expr, .. } => Some(expr),
        GraphPattern::Project { inner, .. } | GraphPattern::Distinct { inner } => {
            find_filter(inner)
        }
        _ => None,
    }
}

fn ground_triple(a: &Atom) -> Option<Triple> {
    let (Node::Term(s), Node::Term(Term::NamedNode(p)), Node::Term(o)) = (&a.s, &a.p, &a.o) else {
        return None;
    };
    let s: NamedOrBlankNode = match s {
        Term::NamedNode(n) => n.clone().into(),
        Term::BlankNode(b) => b.clone().into(),
        _ => return None,
    };
    Some(Triple::new(s, p.clone(), o.clone()))
}

/// `rdf:reifies` (the oxrdf constant needs the `rdf-12` feature).
fn reifies() -> Node {
    Node::Term(
        NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies").into(),
    )
}
