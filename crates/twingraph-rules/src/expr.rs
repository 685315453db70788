//! FILTER/SET expressions: conversion from spargebra and an evaluator over RDF terms.
//!
//! Own evaluator (not oxigraph's SPARQL engine): expressions are evaluated per body solution
//! on interned terms, so a round trip through a SPARQL query would cost far more than the
//! evaluation. It covers the SPARQL 1.1 operators and the common built-in functions (string,
//! numeric, term tests, casts to XSD types); an unsupported function is an evaluation error.

use crate::ast::VarId;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{BlankNode, Literal, NamedNode, Term};
use oxsdatatypes::{Boolean, Decimal, Double, Float, Integer};
use spargebra::algebra::{Expression, Function};
use std::cmp::Ordering;
use std::str::FromStr;

/// A compiled expression whose variables are indexes in the rule's variable table.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A constant term.
    Const(Term),
    /// A variable.
    Var(VarId),
    /// `||`.
    Or(Box<Expr>, Box<Expr>),
    /// `&&`.
    And(Box<Expr>, Box<Expr>),
    /// `!`.
    Not(Box<Expr>),
    /// `=`.
    Equal(Box<Expr>, Box<Expr>),
    /// `sameTerm`.
    SameTerm(Box<Expr>, Box<Expr>),
    /// `<`, `<=`, `>`, `>=` as the wanted orderings.
    Compare(Box<Expr>, Box<Expr>, CompareOp),
    /// `IN (…)`.
    In(Box<Expr>, Vec<Expr>),
    /// `+`, `-`, `*`, `/`.
    Arith(Box<Expr>, Box<Expr>, ArithOp),
    /// Unary `-`.
    Neg(Box<Expr>),
    /// Unary `+`.
    Plus(Box<Expr>),
    /// `BOUND(?v)`.
    Bound(VarId),
    /// `IF(c, a, b)`.
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `COALESCE(…)`.
    Coalesce(Vec<Expr>),
    /// A built-in or cast function call.
    Call(Function, Vec<Expr>),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl Expr {
    /// Converts a spargebra expression; `var` maps a variable name to its id.
    pub(crate) fn from_sparql(
        e: &Expression,
        var: &mut dyn FnMut(&str) -> VarId,
    ) -> Result<Self, String> {
        let b = |e: &Expression, var: &mut dyn FnMut(&str) -> VarId| -> Result<Box<Expr>, String> {
            Ok(Box::new(Self::from_sparql(e, var)?))
        };
        Ok(match e {
            Expression::NamedNode(n) => Self::Const(n.clone().into()),
            Expression::Literal(l) => Self::Const(l.clone().into()),
            Expression::Variable(v) => Self::Var(var(v.as_str())),
            Expression::Or(a, c) => Self::Or(b(a, var)?, b(c, var)?),
            Expression::And(a, c) => Self::And(b(a, var)?, b(c, var)?),
            Expression::Equal(a, c) => Self::Equal(b(a, var)?, b(c, var)?),
            Expression::SameTerm(a, c) => Self::SameTerm(b(a, var)?, b(c, var)?),
            Expression::Greater(a, c) => Self::Compare(b(a, var)?, b(c, var)?, CompareOp::Gt),
            Expression::GreaterOrEqual(a, c) => {
                Self::Compare(b(a, var)?, b(c, var)?, CompareOp::Ge)
            }
            Expression::Less(a, c) => Self::Compare(b(a, var)?, b(c, var)?, CompareOp::Lt),
            Expression::LessOrEqual(a, c) => Self::Compare(b(a, var)?, b(c, var)?, CompareOp::Le),
            Expression::In(a, list) => Self::In(
                b(a, var)?,
                list.iter()
                    .map(|x| Self::from_sparql(x, var))
                    .collect::<Result<_, _>>()?,
            ),
            Expression::Add(a, c) => Self::Arith(b(a, var)?, b(c, var)?, ArithOp::Add),
            Expression::Subtract(a, c) => Self::Arith(b(a, var)?, b(c, var)?, ArithOp::Sub),
            Expression::Multiply(a, c) => Self::Arith(b(a, var)?, b(c, var)?, ArithOp::Mul),
            Expression::Divide(a, c) => Self::Arith(b(a, var)?, b(c, var)?, ArithOp::Div),
            Expression::UnaryPlus(a) => Self::Plus(b(a, var)?),
            Expression::UnaryMinus(a) => Self::Neg(b(a, var)?),
            Expression::Not(a) => Self::Not(b(a, var)?),
            Expression::Exists(_) => {
                return Err("EXISTS is not allowed in rule expressions; use NOT { … }".to_owned());
            }
            Expression::Bound(v) => Self::Bound(var(v.as_str())),
            Expression::If(a, c, d) => Self::If(b(a, var)?, b(c, var)?, b(d, var)?),
            Expression::Coalesce(list) => Self::Coalesce(
                list.iter()
                    .map(|x| Self::from_sparql(x, var))
                    .collect::<Result<_, _>>()?,
            ),
            Expression::FunctionCall(f, args) => Self::Call(
                f.clone(),
                args.iter()
                    .map(|x| Self::from_sparql(x, var))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }

    /// Adds the variables used to `out`.
    pub fn vars(&self, out: &mut Vec<VarId>) {
        match self {
            Self::Const(_) => {}
            Self::Var(v) | Self::Bound(v) => out.push(*v),
            Self::Or(a, b)
            | Self::And(a, b)
            | Self::Equal(a, b)
            | Self::SameTerm(a, b)
            | Self::Compare(a, b, _)
            | Self::Arith(a, b, _) => {
                a.vars(out);
                b.vars(out);
            }
            Self::Not(a) | Self::Neg(a) | Self::Plus(a) => a.vars(out),
            Self::In(a, l) => {
                a.vars(out);
                l.iter().for_each(|x| x.vars(out));
            }
            Self::If(a, b, c) => {
                a.vars(out);
                b.vars(out);
                c.vars(out);
            }
            Self::Coalesce(l) | Self::Call(_, l) => l.iter().for_each(|x| x.vars(out)),
        }
    }

    /// Evaluates; `None` is an evaluation error (or an unbound variable).
    pub fn eval<'t>(&self, get: &dyn Fn(VarId) -> Option<&'t Term>) -> Option<Term> {
        match self {
            Self::Const(t) => Some(t.clone()),
            Self::Var(v) => get(*v).cloned(),
            Self::Bound(v) => Some(bool_lit(get(*v).is_some())),
            Self::Or(a, b) => match (a.ebv(get), b.ebv(get)) {
                (Some(true), _) | (_, Some(true)) => Some(bool_lit(true)),
                (Some(false), Some(false)) => Some(bool_lit(false)),
                _ => None,
            },
            Self::And(a, b) => match (a.ebv(get), b.ebv(get)) {
                (Some(false), _) | (_, Some(false)) => Some(bool_lit(false)),
                (Some(true), Some(true)) => Some(bool_lit(true)),
                _ => None,
            },
            Self::Not(a) => a.ebv(get).map(|x| bool_lit(!x)),
            Self::Equal(a, b) => equal(&a.eval(get)?, &b.eval(get)?).map(bool_lit),
            Self::SameTerm(a, b) => Some(bool_lit(a.eval(get)? == b.eval(get)?)),
            Self::Compare(a, b, op) => {
                let ord = compare(&a.eval(get)?, &b.eval(get)?)?;
                Some(bool_lit(match op {
                    CompareOp::Lt => ord == Ordering::Less,
                    CompareOp::Le => ord != Ordering::Greater,
                    CompareOp::Gt => ord == Ordering::Greater,
                    CompareOp::Ge => ord != Ordering::Less,
                }))
            }
            Self::In(a, list) => {
                let x = a.eval(get)?;
                let mut error = false;
                for item in list {
                    match item.eval(get).and_then(|y| equal(&x, &y)) {
                        Some(true) => return Some(bool_lit(true)),
                        Some(false) => {}
                        None => error = true,
                    }
                }
                if error { None } else { Some(bool_lit(false)) }
            }
            Self::Arith(a, b, op) => {
                let (x, y) = (Num::of(&a.eval(get)?)?, Num::of(&b.eval(get)?)?);
                Num::arith(x, y, *op).map(Num::into_term)
            }
            Self::Neg(a) => Num::of(&a.eval(get)?)?.neg().map(Num::into_term),
            Self::Plus(a) => Some(Num::of(&a.eval(get)?)?.into_term()),
            Self::If(c, a, b) => {
                if c.ebv(get)? {
                    a.eval(get)
                } else {
                    b.eval(get)
                }
            }
            Self::Coalesce(list) => list.iter().find_map(|x| x.eval(get)),
            Self::Call(f, args) => call(f, args, get),
        }
    }

    /// Effective boolean value.
    pub fn ebv<'t>(&self, get: &dyn Fn(VarId) -> Option<&'t Term>) -> Option<bool> {
        ebv(&self.eval(get)?)
    }
}

fn bool_lit(b: bool) -> Term {
    Literal::from(b).into()
}

fn ebv(t: &Term) -> Option<bool> {
    let Term::Literal(l) = t else { return None };
    let dt = l.datatype();
    if dt == xsd::BOOLEAN {
        return Boolean::from_str(l.value()).ok().map(bool::from);
    }
    if dt == xsd::STRING || l.language().is_some() {
        return Some(!l.value().is_empty());
    }
    match Num::of(t)? {
        Num::I(i) => Some(i != Integer::from(0)),
        Num::D(d) => Some(d != Decimal::from(0)),
        Num::F(f) => Some(!(f.is_nan() || f == Float::from(0.0_f32))),
        Num::Db(d) => Some(!(d.is_nan() || d == Double::from(0.0))),
    }
}

/// A numeric value with XSD type promotion.
#[derive(Clone, Copy, Debug)]
enum Num {
    I(Integer),
    D(Decimal),
    F(Float),
    Db(Double),
}

const INTEGER_TYPES: &[&str] = &[
    "integer",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "positiveInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
];

impl Num {
    fn of(t: &Term) -> Option<Self> {
        let Term::Literal(l) = t else { return None };
        let dt = l.datatype().as_str();
        let local = dt.strip_prefix("http://www.w3.org/2001/XMLSchema#")?;
        let v = l.value();
        match local {
            "decimal" => Decimal::from_str(v).ok().map(Self::D),
            "double" => Double::from_str(v).ok().map(Self::Db),
            "float" => Float::from_str(v).ok().map(Self::F),
            l if INTEGER_TYPES.contains(&l) => Integer::from_str(v).ok().map(Self::I),
            _ => None,
        }
    }

    fn rank(self) -> u8 {
        match self {
            Self::I(_) => 0,
            Self::D(_) => 1,
            Self::F(_) => 2,
            Self::Db(_) => 3,
        }
    }

    fn to_rank(self, r: u8) -> Option<Self> {
        Some(match (self, r) {
            (x, r) if x.rank() == r => x,
            (Self::I(i), 1) => Self::D(Decimal::from(i)),
            (Self::I(i), 2) => Self::F(Float::from(i)),
            (Self::I(i), 3) => Self::Db(Double::from(i)),
            (Self::D(d), 2) => Self::F(Float::from(d)),
            (Self::D(d), 3) => Self::Db(Double::from(d)),
            (Self::F(f), 3) => Self::Db(Double::from(f)),
            _ => return None,
        })
    }

    fn arith(a: Self, b: Self, op: ArithOp) -> Option<Self> {
        let mut r = a.rank().max(b.rank());
        if op == ArithOp::Div && r == 0 {
            r = 1;
        }
        Some(match (a.to_rank(r)?, b.to_rank(r)?) {
            (Self::I(x), Self::I(y)) => Self::I(match op {
                ArithOp::Add => x.checked_add(y)?,
                ArithOp::Sub => x.checked_sub(y)?,
                ArithOp::Mul => x.checked_mul(y)?,
                ArithOp::Div => return None,
            }),
            (Self::D(x), Self::D(y)) => Self::D(match op {
                ArithOp::Add => x.checked_add(y)?,
                ArithOp::Sub => x.checked_sub(y)?,
                ArithOp::Mul => x.checked_mul(y)?,
                ArithOp::Div => x.checked_div(y)?,
            }),
            (Self::F(x), Self::F(y)) => Self::F(match op {
                ArithOp::Add => x + y,
                ArithOp::Sub => x - y,
                ArithOp::Mul => x * y,
                ArithOp::Div => x / y,
            }),
            (Self::Db(x), Self::Db(y)) => Self::Db(match op {
                ArithOp::Add => x + y,
                ArithOp::Sub => x - y,
                ArithOp::Mul => x * y,
                ArithOp::Div => x / y,
            }),
            _ => return None,
        })
    }

    fn neg(self) -> Option<Self> {
        Some(match self {
            Self::I(i) => Self::I(i.checked_neg()?),
            Self::D(d) => Self::D(d.checked_neg()?),
            Self::F(f) => Self::F(-f),
            Self::Db(d) => Self::Db(-d),
        })
    }

    fn cmp(a: Self, b: Self) -> Option<Ordering> {
        let r = a.rank().max(b.rank());
        match (a.to_rank(r)?, b.to_rank(r)?) {
            (Self::I(x), Self::I(y)) => Some(x.cmp(&y)),
            (Self::D(x), Self::D(y)) => Some(x.cmp(&y)),
            (Self::F(x), Self::F(y)) => x.partial_cmp(&y),
            (Self::Db(x), Self::Db(y)) => x.partial_cmp(&y),
            _ => None,
        }
    }

    fn into_term(self) -> Term {
        match self {
            Self::I(i) => Literal::new_typed_literal(i.to_string(), xsd::INTEGER),
            Self::D(d) => Literal::new_typed_literal(d.to_string(), xsd::DECIMAL),
            Self::F(f) => Literal::new_typed_literal(f.to_string(), xsd::FLOAT),
            Self::Db(d) => Literal::new_typed_literal(d.to_string(), xsd::DOUBLE),
        }
        .into()
    }
}

fn is_string(l: &Literal) -> bool {
    l.datatype() == xsd::STRING && l.language().is_none()
}

/// RDFterm-equal with value comparison for known literal types; `None` is a type error.
fn equal(a: &Term, b: &Term) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    match (a, b) {
        (Term::Literal(x), Term::Literal(y)) => {
            if let (Some(m), Some(n)) = (Num::of(a), Num::of(b)) {
                return Num::cmp(m, n).map(|o| o == Ordering::Equal);
            }
            if (is_string(x) && is_string(y)) || x.language().is_some() || y.language().is_some() {
                return Some(false);
            }
            if x.datatype() == y.datatype() {
                if x.datatype() == xsd::BOOLEAN {
                    return Some(ebv(a)? == ebv(b)?);
                }
                if let Some(o) = compare(a, b) {
                    return Some(o == Ordering::Equal);
                }
            }
            if known_type(x) && known_type(y) {
                Some(false)
            } else {
                None
            }
        }
        _ => Some(false),
    }
}

fn known_type(l: &Literal) -> bool {
    l.language().is_some()
        || l.datatype()
            .as_str()
            .starts_with("http://www.w3.org/2001/XMLSchema#")
}

fn compare(a: &Term, b: &Term) -> Option<Ordering> {
    if let (Some(x), Some(y)) = (Num::of(a), Num::of(b)) {
        return Num::cmp(x, y);
    }
    let (Term::Literal(x), Term::Literal(y)) = (a, b) else {
        return None;
    };
    if is_string(x) && is_string(y) {
        return Some(x.value().cmp(y.value()));
    }
    if x.datatype() != y.datatype() || x.language().is_some() {
        return None;
    }
    let dt = x.datatype();
    if dt == xsd::BOOLEAN {
        return Some(ebv(a)?.cmp(&ebv(b)?));
    }
    if dt == xsd::DATE_TIME {
        let (p, q) = (
            oxsdatatypes::DateTime::from_str(x.value()).ok()?,
            oxsdatatypes::DateTime::from_str(y.value()).ok()?,
        );
        return p.partial_cmp(&q);
    }
    if dt == xsd::DATE {
        let (p, q) = (
            oxsdatatypes::Date::from_str(x.value()).ok()?,
            oxsdatatypes::Date::from_str(y.value()).ok()?,
        );
        return p.partial_cmp(&q);
    }
    None
}

fn string_arg(t: &Term) -> Option<&Literal> {
    match t {
        Term::Literal(l) if l.datatype() == xsd::STRING || l.language().is_some() => Some(l),
        _ => None,
    }
}

/// A string result keeping the language tag of `like` (for UCASE, SUBSTR, …).
fn string_like(value: String, like: &Literal) -> Term {
    match like.language() {
        Some(lang) => Literal::new_language_tagged_literal_unchecked(value, lang).into(),
        None => Literal::new_simple_literal(value).into(),
    }
}

fn call<'t>(f: &Function, args: &[Expr], get: &dyn Fn(VarId) -> Option<&'t Term>) -> Option<Term> {
    let arg = |i: usize| args.get(i)?.eval(get);
    match f {
        Function::IsIri => Some(bool_lit(matches!(arg(0)?, Term::NamedNode(_)))),
        Function::IsBlank => Some(bool_lit(matches!(arg(0)?, Term::BlankNode(_)))),
        Function::IsLiteral => Some(bool_lit(matches!(arg(0)?, Term::Literal(_)))),
        Function::IsNumeric => Some(bool_lit(Num::of(&arg(0)?).is_some())),
        Function::Str => match arg(0)? {
            Term::NamedNode(n) => Some(Literal::new_simple_literal(n.as_str()).into()),
            Term::Literal(l) => Some(Literal::new_simple_literal(l.value()).into()),
            _ => None,
        },
        Function::Lang => match arg(0)? {
            Term::Literal(l) => {
                Some(Literal::new_simple_literal(l.language().unwrap_or("")).into())
            }
            _ => None,
        },
        Function::Datatype => match arg(0)? {
            Term::Literal(l) => Some(l.datatype().into_owned().into()),
            _ => None,
        },
        Function::LangMatches => {
            let (tag, range) = (arg(0)?, arg(1)?);
            let (Term::Literal(tag), Term::Literal(range)) = (&tag, &range) else {
                return None;
            };
            let (tag, range) = (
                tag.value().to_ascii_lowercase(),
                range.value().to_ascii_lowercase(),
            );
            Some(bool_lit(if range == "*" {
                !tag.is_empty()
            } else {
                tag == range || tag.starts_with(&format!("{range}-"))
            }))
        }
        Function::Iri => match arg(0)? {
            Term::NamedNode(n) => Some(n.into()),
            Term::Literal(l) if is_string(&l) => NamedNode::new(l.value()).ok().map(Into::into),
            _ => None,
        },
        Function::BNode => match args.first() {
            None => Some(BlankNode::default().into()),
            Some(_) => None,
        },
        Function::StrLen => {
            let t = arg(0)?;
            let l = string_arg(&t)?;
            Some(Literal::from(l.value().chars().count() as i64).into())
        }
        Function::UCase | Function::LCase => {
            let t = arg(0)?;
            let l = string_arg(&t)?;
            let v = if matches!(f, Function::UCase) {
                l.value().to_uppercase()
            } else {
                l.value().to_lowercase()
            };
            Some(string_like(v, l))
        }
        Function::Contains
        | Function::StrStarts
        | Function::StrEnds
        | Function::StrBefore
        | Function::StrAfter => {
            let (a, b) = (arg(0)?, arg(1)?);
            let (x, y) = (string_arg(&a)?, string_arg(&b)?);
            let (x, y) = (x.value(), y.value());
            Some(match f {
                Function::Contains => bool_lit(x.contains(y)),
                Function::StrStarts => bool_lit(x.starts_with(y)),
                Function::StrEnds => bool_lit(x.ends_with(y)),
                Function::StrBefore => {
                    Literal::new_simple_literal(x.find(y).map_or("", |i| &x[..i])).into()
                }
                _ => {
                    Literal::new_simple_literal(x.find(y).map_or("", |i| &x[i + y.len()..])).into()
                }
            })
        }
        Function::Concat => {
            let mut s = String::new();
            for a in args {
                let t = a.eval(get)?;
                s.push_str(string_arg(&t)?.value());
            }
            Some(Literal::new_simple_literal(s).into())
        }
        Function::SubStr => {
            let t = arg(0)?;
            let l = string_arg(&t)?;
            let start = num_to_i64(&arg(1)?)?;
            let chars: Vec<char> = l.value().chars().collect();
            let from = (start - 1).max(0) as usize;
            let to = match args.get(2) {
                Some(len) => {
                    let len = num_to_i64(&len.eval(get)?)?;
                    ((start - 1 + len).max(0) as usize).min(chars.len())
                }
                None => chars.len(),
            };
            let v: String = chars
                .get(from.min(to)..to)
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            Some(string_like(v, l))
        }
        Function::Regex | Function::Replace => {
            let t = arg(0)?;
            let text = string_arg(&t)?;
            let pattern = arg(1)?;
            let pattern = string_arg(&pattern)?.value().to_owned();
            let flag_index = if matches!(f, Function::Regex) { 2 } else { 3 };
            let flags = match args.get(flag_index) {
                Some(e) => e
                    .eval(get)
                    .and_then(|t| string_arg(&t).map(|l| l.value().to_owned()))?,
                None => String::new(),
            };
            let mut b = regex::RegexBuilder::new(&pattern);
            for c in flags.chars() {
                match c {
                    'i' => b.case_insensitive(true),
                    's' => b.dot_matches_new_line(true),
                    'm' => b.multi_line(true),
                    'x' => b.ignore_whitespace(true),
                    _ => return None,
                };
            }
            let re = b.build().ok()?;
            if matches!(f, Function::Regex) {
                Some(bool_lit(re.is_match(text.value())))
            } else {
                let rep = arg(2)?;
                let rep = string_arg(&rep)?.value().replace("$", "$$");
                let rep = regex_replacement(&rep);
                Some(string_like(
                    re.replace_all(text.value(), rep.as_str()).into_owned(),
                    text,
                ))
            }
        }
        Function::Abs | Function::Ceil | Function::Floor | Function::Round => {
            let n = Num::of(&arg(0)?)?;
            Some(
                match (f, n) {
                    (_, Num::I(i)) => Num::I(if matches!(f, Function::Abs) {
                        i.checked_abs()?
                    } else {
                        i
                    }),
                    (Function::Abs, Num::D(d)) => Num::D(d.checked_abs()?),
                    (Function::Ceil, Num::D(d)) => Num::D(d.checked_ceil()?),
                    (Function::Floor, Num::D(d)) => Num::D(d.checked_floor()?),
                    (Function::Round, Num::D(d)) => Num::D(d.checked_round()?),
                    (Function::Abs, Num::Db(d)) => Num::Db(d.abs()),
                    (Function::Ceil, Num::Db(d)) => Num::Db(d.ceil()),
                    (Function::Floor, Num::Db(d)) => Num::Db(d.floor()),
                    (Function::Round, Num::Db(d)) => Num::Db(d.round()),
                    (Function::Abs, Num::F(x)) => Num::F(x.abs()),
                    (Function::Ceil, Num::F(x)) => Num::F(x.ceil()),
                    (Function::Floor, Num::F(x)) => Num::F(x.floor()),
                    (_, Num::F(x)) => Num::F(x.round()),
                    _ => return None,
                }
                .into_term(),
            )
        }
        Function::StrDt => {
            let (v, dt) = (arg(0)?, arg(1)?);
            let (Term::Literal(v), Term::NamedNode(dt)) = (&v, dt) else {
                return None;
            };
            is_string(v).then(|| Literal::new_typed_literal(v.value(), dt).into())
        }
        Function::StrLang => {
            let (v, lang) = (arg(0)?, arg(1)?);
            let (Term::Literal(v), Term::Literal(lang)) = (&v, &lang) else {
                return None;
            };
            if !is_string(v) {
                return None;
            }
            Literal::new_language_tagged_literal(v.value(), lang.value())
                .ok()
                .map(Into::into)
        }
        Function::Custom(name) => cast(name, &arg(0)?),
        _ => None,
    }
}

fn regex_replacement(rep: &str) -> String {
    // SPARQL uses $1; the regex crate uses ${1}. Escaped "$$" from above are kept as literal $.
    let mut out = String::new();
    let mut chars = rep.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek() == Some(&'$') {
            chars.next();
            if chars.peek().is_some_and(char::is_ascii_digit) {
                out.push_str("${");
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    out.push(d);
                    chars.next();
                }
                out.push('}');
            } else {
                out.push_str("$$");
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn num_to_i64(t: &Term) -> Option<i64> {
    match Num::of(t)? {
        Num::I(i) => Some(i64::from(i)),
        Num::D(d) => Some(i64::from(Integer::try_from(d.checked_round()?).ok()?)),
        Num::F(f) => Some(f32::from(f.round()) as i64),
        Num::Db(d) => Some(f64::from(d.round()) as i64),
    }
}

/// XSD constructor functions (`xsd:integer(?x)` …).
fn cast(dt: &NamedNode, t: &Term) -> Option<Term> {
    let local = dt
        .as_str()
        .strip_prefix("http://www.w3.org/2001/XMLSchema#")?;
    let lexical = match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) if local == "string" => n.as_str().to_owned(),
        _ => return None,
    };
    let n = Num::of(t);
    let lit =
        |v: String| -> Option<Term> { Some(Literal::new_typed_literal(v, dt.clone()).into()) };
    match local {
        "string" => lit(lexical),
        "boolean" => match n {
            Some(n) => lit(ebv(&n.into_term())?.to_string()),
            None => lit(bool::from(Boolean::from_str(&lexical).ok()?).to_string()),
        },
        "integer" => match n {
            Some(Num::I(i)) => lit(i.to_string()),
            Some(Num::D(d)) => lit(Integer::try_from(d).ok()?.to_string()),
            Some(Num::F(f)) => lit(Integer::try_from(f).ok()?.to_string()),
            Some(Num::Db(d)) => lit(Integer::try_from(d).ok()?.to_string()),
            None => lit(Integer::from_str(lexical.trim()).ok()?.to_string()),
        },
        "decimal" => match n {
            Some(Num::I(i)) => lit(Decimal::from(i).to_string()),
            Some(Num::D(d)) => lit(d.to_string()),
            Some(Num::F(f)) => lit(Decimal::try_from(f).ok()?.to_string()),
            Some(Num::Db(d)) => lit(Decimal::try_from(d).ok()?.to_string()),
            None => lit(Decimal::from_str(lexical.trim()).ok()?.to_string()),
        },
        "double" => match n {
            Some(x) => lit(match x.to_rank(3)? {
                Num::Db(d) => d.to_string(),
                _ => return None,
            }),
            None => lit(Double::from_str(lexical.trim()).ok()?.to_string()),
        },
        "float" => match n {
            Some(Num::Db(d)) => lit(Float::from(d).to_string()),
            Some(x) => lit(match x.to_rank(2)? {
                Num::F(f) => f.to_string(),
                _ => return None,
            }),
            None => lit(Float::from_str(lexical.trim()).ok()?.to_string()),
        },
        "dateTime" => lit(oxsdatatypes::DateTime::from_str(lexical.trim())
            .ok()?
            .to_string()),
        "date" => lit(oxsdatatypes::Date::from_str(lexical.trim())
            .ok()?
            .to_string()),
        _ => None,
    }
}
