//! The typed mapping model and its parser (RML-Core `http://w3id.org/rml/`, legacy RML
//! `http://semweb.mmlab.be/ns/rml#` with R2RML `http://www.w3.org/ns/r2rml#` and the `ql:`
//! reference formulations).

use crate::error::RmlError;
use crate::functions::Function;
use crate::jsonpath::JsonPath;
use crate::template::{TemplatePart, parse_template};
use crate::xpath::XPath;
use oxrdf::{Graph, Literal, NamedNode, NamedOrBlankNode, Term, TermRef, Triple};
use std::collections::HashMap;
use std::path::Path;

/// The RML-Core namespace.
pub const RML: &str = "http://w3id.org/rml/";
const R2RML: &str = "http://www.w3.org/ns/r2rml#";
const RML_LEGACY: &str = "http://semweb.mmlab.be/ns/rml#";
const QL: &str = "http://semweb.mmlab.be/ns/ql#";
const CSVW: &str = "http://www.w3.org/ns/csvw#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// A whole mapping document: its triples maps.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The triples maps, sorted by their node name.
    pub triples_maps: Vec<TriplesMap>,
    /// The mapping document's base IRI (`@base`), the last fallback for relative IRIs.
    pub document_base: Option<String>,
    /// True when the document uses the legacy RML / R2RML vocabularies. Legacy semantics
    /// then apply: JSON values are plain literals (no natural datatypes).
    pub legacy: bool,
}

/// A triples map: a logical source, a subject map and predicate-object maps.
#[derive(Debug, Clone)]
pub struct TriplesMap {
    /// The mapping node, as N-Triples (`<http://…/TriplesMap1>` or `_:b0`).
    pub name: String,
    /// Where the records come from.
    pub logical_source: LogicalSource,
    /// How subjects are generated.
    pub subject_map: SubjectMap,
    /// The predicate-object maps.
    pub predicate_object_maps: Vec<PredicateObjectMap>,
    /// `rml:baseIRI` of this triples map, overriding the run's base IRI.
    pub base_iri: Option<String>,
}

/// How references are written and records iterated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceFormulation {
    /// CSV with a header row: references are column names.
    Csv,
    /// JSON: iterator and references are JSONPath.
    JsonPath,
    /// XML: iterator and references are XPath.
    XPath,
}

/// Against which folder a relative source path resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathRoot {
    /// The mapping file's folder (the default).
    MappingDirectory,
    /// The process's working directory.
    CurrentWorkingDirectory,
}

/// A file source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// The path as written in the mapping (also the name `--source name=path` overrides).
    pub path: String,
    /// What the path is relative to.
    pub root: PathRoot,
    /// CSV field delimiter (`csvw:delimiter`, default `,`).
    pub delimiter: u8,
    /// Values that stand for "no value" (`rml:null`, `csvw:null`).
    pub nulls: Vec<String>,
    /// Declared character encoding of a CSV source (`csvw:encoding`, `rml:encoding`): UTF-8
    /// (default), UTF-16 (also detected from a byte-order mark) or ISO-8859-1/Windows-1252.
    pub encoding: Option<String>,
}

/// A logical source.
#[derive(Debug, Clone)]
pub struct LogicalSource {
    /// The data file.
    pub source: Source,
    /// How to read it.
    pub reference_formulation: ReferenceFormulation,
    /// The iterator expression (JSONPath / XPath), if any.
    pub iterator: Option<String>,
    pub(crate) compiled_iterator: Option<Expr>,
}

impl PartialEq for LogicalSource {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
            && self.reference_formulation == other.reference_formulation
            && self.iterator == other.iterator
    }
}

/// A compiled reference expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Column(String),
    Json(JsonPath),
    Xml(XPath),
}

/// A reference (`rml:reference`, or a `{…}` part of a template).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The expression as written.
    pub text: String,
    pub(crate) expr: Expr,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Literal text.
    Text(String),
    /// A reference whose values are inserted (percent-encoded for IRIs).
    Reference(Reference),
}

/// What a term map generates its value from.
#[derive(Debug, Clone, PartialEq)]
pub enum TermMapValue {
    /// `rml:constant` (and the `rml:subject`/`predicate`/`object`/`graph` shortcuts).
    Constant(Term),
    /// `rml:reference`.
    Reference(Reference),
    /// `rml:template`.
    Template(Vec<Segment>),
    /// No expression, term type blank node: a fresh blank node per record.
    FreshBlankNode,
    /// `rml:functionExecution` of a built-in function (see [`crate::functions`]).
    Function(FunctionCall),
}

/// A call of a built-in function.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionCall {
    /// The function.
    pub function: Function,
    /// `(parameter IRI, input value map)`, sorted by parameter IRI.
    pub inputs: Vec<(String, TermMap)>,
}

/// The kind of term a term map generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermType {
    /// `rml:IRI` (IRI-safe percent-encoding of template values).
    Iri,
    /// `rml:URI` (URI-safe percent-encoding: non-ASCII is encoded too).
    Uri,
    /// `rml:UnsafeIRI` (no encoding, no validation).
    UnsafeIri,
    /// `rml:BlankNode`.
    BlankNode,
    /// `rml:Literal`.
    Literal,
}

/// A term map.
#[derive(Debug, Clone, PartialEq)]
pub struct TermMap {
    /// The mapping node, for messages.
    pub node: String,
    /// The expression.
    pub value: TermMapValue,
    /// The term type (explicit or the default for its position).
    pub term_type: TermType,
    /// Language map (`rml:language` is a constant one).
    pub language: Option<Box<TermMap>>,
    /// Datatype map (`rml:datatype` is a constant one).
    pub datatype: Option<Box<TermMap>>,
}

/// The subject map of a triples map.
#[derive(Debug, Clone)]
pub struct SubjectMap {
    /// How the subject is generated.
    pub term: TermMap,
    /// `rml:class` values.
    pub classes: Vec<NamedNode>,
    /// Graph maps applying to every triple of the triples map.
    pub graphs: Vec<TermMap>,
}

/// A predicate-object map.
#[derive(Debug, Clone)]
pub struct PredicateObjectMap {
    /// Predicate maps.
    pub predicates: Vec<TermMap>,
    /// Object maps.
    pub objects: Vec<ObjectMap>,
    /// Graph maps.
    pub graphs: Vec<TermMap>,
}

/// An object map: a term map or a referencing object map.
#[derive(Debug, Clone)]
pub enum ObjectMap {
    /// A plain term map.
    Term(TermMap),
    /// A referencing object map (objects are subjects of another triples map).
    Ref(RefObjectMap),
}

/// A referencing object map.
#[derive(Debug, Clone)]
pub struct RefObjectMap {
    /// Index of the parent triples map in [`Mapping::triples_maps`].
    pub parent: usize,
    /// Join conditions (none: the parent is evaluated on the same record).
    pub joins: Vec<JoinCondition>,
}

/// A join condition: child and parent expressions whose values must be equal.
#[derive(Debug, Clone)]
pub struct JoinCondition {
    /// Evaluated on the child record.
    pub child: TermMap,
    /// Evaluated on the parent record.
    pub parent: TermMap,
}

fn is_legacy(iri: &str) -> bool {
    [R2RML, RML_LEGACY, QL].iter().any(|ns| iri.starts_with(ns))
}

fn normalise_iri(iri: &str) -> String {
    for ns in [R2RML, RML_LEGACY, QL] {
        if let Some(local) = iri.strip_prefix(ns) {
            let local = match local {
                "column" => "reference",
                "SQL2008" => "SQL2008",
                l => l,
            };
            return format!("{RML}{local}");
        }
    }
    iri.to_owned()
}

fn normalise_term(t: Term) -> Term {
    match t {
        Term::NamedNode(n) => Term::NamedNode(NamedNode::new_unchecked(normalise_iri(n.as_str()))),
        t => t,
    }
}

struct Reader {
    graph: Graph,
    legacy: bool,
}

fn show(t: TermRef<'_>) -> String {
    t.to_string()
}

impl Reader {
    fn rml(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{RML}{local}"))
    }

    fn objects<'a>(&'a self, s: TermRef<'a>, local: &str) -> Vec<TermRef<'a>> {
        let subject: oxrdf::NamedOrBlankNodeRef<'a> = match s {
            TermRef::NamedNode(n) => n.into(),
            TermRef::BlankNode(b) => b.into(),
            _ => return Vec::new(),
        };
        let p = Self::rml(local);
        let mut v: Vec<TermRef<'a>> = self
            .graph
            .objects_for_subject_predicate(subject, &p)
            .collect();
        v.sort_by_key(|t| t.to_string());
        v
    }

    fn one<'a>(&'a self, s: TermRef<'a>, local: &str) -> Result<Option<TermRef<'a>>, RmlError> {
        let v = self.objects(s, local);
        if v.len() > 1 {
            return Err(RmlError::invalid(
                show(s),
                format!("more than one rml:{local}"),
            ));
        }
        Ok(v.into_iter().next())
    }

    fn string(&self, s: TermRef<'_>, local: &str) -> Result<Option<String>, RmlError> {
        match self.one(s, local)? {
            None => Ok(None),
            Some(TermRef::Literal(l)) => Ok(Some(l.value().to_owned())),
            Some(o) => Err(RmlError::invalid(
                show(s),
                format!("rml:{local} must be a string literal, found {o}"),
            )),
        }
    }

    fn has_type(&self, s: TermRef<'_>, ty: &str) -> bool {
        let Ok(subject) = NamedOrBlankNode::try_from(s.into_owned()) else {
            return false;
        };
        self.graph.contains(&Triple::new(
            subject,
            NamedNode::new_unchecked(RDF_TYPE),
            NamedNode::new_unchecked(ty),
        ))
    }
}

/// The parts of a mapping a parent expression needs while parsing children.
struct Ctx<'a> {
    reader: &'a Reader,
    rf: ReferenceFormulation,
    /// The triples map being read, to name blank-node term maps in messages.
    tm: &'a str,
}

/// Checks a language tag: well-formed BCP47 and a primary language subtag of 2–3 letters
/// (or `i`/`x`): 4–8-letter primary subtags are reserved or unregistered.
pub(crate) fn check_language(tag: &str) -> Result<(), String> {
    if Literal::new_language_tagged_literal("x", tag).is_err() {
        return Err(format!("{tag:?} is not a valid BCP47 language tag"));
    }
    let primary = tag.split('-').next().unwrap_or_default();
    if !(matches!(primary.len(), 2 | 3)
        || primary.eq_ignore_ascii_case("i")
        || primary.eq_ignore_ascii_case("x"))
    {
        return Err(format!(
            "{tag:?} is not a valid language tag (primary language subtag {primary:?} is not 2 or 3 letters)"
        ));
    }
    Ok(())
}

fn compile_reference(text: &str, rf: ReferenceFormulation) -> Result<Reference, RmlError> {
    let expr = match rf {
        ReferenceFormulation::Csv => Expr::Column(text.to_owned()),
        ReferenceFormulation::JsonPath => Expr::Json(JsonPath::parse(text)?),
        ReferenceFormulation::XPath => Expr::Xml(XPath::parse(text)?),
    };
    Ok(Reference {
        text: text.to_owned(),
        expr,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Subject,
    Predicate,
    Object,
    Graph,
    Language,
    Datatype,
    Join,
}

impl Role {
    fn describe(self) -> &'static str {
        match self {
            Role::Subject => "subject map",
            Role::Predicate => "predicate map",
            Role::Object => "object map",
            Role::Graph => "graph map",
            Role::Language => "language map",
            Role::Datatype => "datatype map",
            Role::Join => "join condition map",
        }
    }
}

impl Ctx<'_> {
    fn term_map(&self, node: TermRef<'_>, role: Role) -> Result<TermMap, RmlError> {
        let r = self.reader;
        let name = match node {
            TermRef::BlankNode(_) => format!("{} {}", self.tm, role.describe()),
            n => show(n),
        };
        let constant = r.objects(node, "constant");
        let reference = r.string(node, "reference")?;
        let template = r.string(node, "template")?;
        if !r.objects(node, "gather").is_empty() {
            return Err(RmlError::invalid(
                &name,
                "rml:gather (collections and containers) is not supported",
            ));
        }
        let function = r.one(node, "functionExecution")?;
        let n_expr = usize::from(!constant.is_empty())
            + usize::from(reference.is_some())
            + usize::from(template.is_some())
            + usize::from(function.is_some());
        if n_expr > 1 || constant.len() > 1 {
            return Err(RmlError::invalid(
                &name,
                "a term map must have exactly one of rml:constant, rml:reference, rml:template, rml:functionExecution",
            ));
        }
        let explicit_type = match r.one(node, "termType")? {
            None => None,
            Some(TermRef::NamedNode(n)) => Some(match n.as_str().strip_prefix(RML) {
                Some("IRI") => TermType::Iri,
                Some("URI") => TermType::Uri,
                Some("UnsafeIRI") => TermType::UnsafeIri,
                Some("BlankNode") => TermType::BlankNode,
                Some("Literal") => TermType::Literal,
                _ => {
                    return Err(RmlError::invalid(
                        &name,
                        format!("unknown rml:termType {n}"),
                    ));
                }
            }),
            Some(o) => {
                return Err(RmlError::invalid(
                    &name,
                    format!("rml:termType must be an IRI, found {o}"),
                ));
            }
        };
        // Language and datatype.
        let mut language = None;
        if let Some(lang) = r.string(node, "language")? {
            if let Err(m) = check_language(&lang) {
                return Err(RmlError::invalid(&name, format!("rml:language: {m}")));
            }
            language = Some(Box::new(TermMap {
                node: name.clone(),
                value: TermMapValue::Constant(Literal::new_simple_literal(lang).into()),
                term_type: TermType::Literal,
                language: None,
                datatype: None,
            }));
        }
        if let Some(lm) = r.one(node, "languageMap")? {
            if language.is_some() {
                return Err(RmlError::invalid(
                    &name,
                    "both rml:language and rml:languageMap",
                ));
            }
            language = Some(Box::new(self.term_map(lm, Role::Language)?));
        }
        let mut datatype = None;
        if let Some(dt) = r.one(node, "datatype")? {
            let TermRef::NamedNode(dt) = dt else {
                return Err(RmlError::invalid(&name, "rml:datatype must be an IRI"));
            };
            datatype = Some(Box::new(TermMap {
                node: name.clone(),
                value: TermMapValue::Constant(dt.into_owned().into()),
                term_type: TermType::Iri,
                language: None,
                datatype: None,
            }));
        }
        if let Some(dm) = r.one(node, "datatypeMap")? {
            if datatype.is_some() {
                return Err(RmlError::invalid(
                    &name,
                    "both rml:datatype and rml:datatypeMap",
                ));
            }
            datatype = Some(Box::new(self.term_map(dm, Role::Datatype)?));
        }
        if language.is_some() && datatype.is_some() {
            return Err(RmlError::invalid(
                &name,
                "a term map cannot have both a language and a datatype",
            ));
        }
        let value = if let Some(c) = constant.first() {
            let c = c.into_owned();
            if matches!(c, Term::BlankNode(_)) {
                return Err(RmlError::invalid(
                    &name,
                    "rml:constant cannot be a blank node",
                ));
            }
            TermMapValue::Constant(c)
        } else if let Some(reference) = &reference {
            TermMapValue::Reference(compile_reference(reference, self.rf)?)
        } else if let Some(template) = &template {
            let parts = parse_template(template)?;
            let mut segs = Vec::with_capacity(parts.len());
            for p in parts {
                segs.push(match p {
                    TemplatePart::Text(t) => Segment::Text(t),
                    TemplatePart::Reference(r) => {
                        Segment::Reference(compile_reference(&r, self.rf)?)
                    }
                });
            }
            TermMapValue::Template(segs)
        } else if let Some(fe) = function {
            TermMapValue::Function(self.function_call(fe)?)
        } else if explicit_type == Some(TermType::BlankNode) {
            TermMapValue::FreshBlankNode
        } else {
            return Err(RmlError::invalid(
                &name,
                "term map without rml:constant, rml:reference or rml:template",
            ));
        };
        let default_type = match (&value, role) {
            (TermMapValue::Constant(Term::Literal(_)), _) => TermType::Literal,
            (TermMapValue::Constant(_), _) => TermType::Iri,
            (_, Role::Language | Role::Join) => TermType::Literal,
            (TermMapValue::Reference(_) | TermMapValue::Function(_), Role::Object) => {
                TermType::Literal
            }
            (_, Role::Object) if language.is_some() || datatype.is_some() => TermType::Literal,
            _ => TermType::Iri,
        };
        let term_type = explicit_type.unwrap_or(default_type);
        if let TermMapValue::Constant(c) = &value {
            let ok = match c {
                Term::Literal(_) => term_type == TermType::Literal,
                Term::NamedNode(_) => {
                    matches!(
                        term_type,
                        TermType::Iri | TermType::Uri | TermType::UnsafeIri
                    )
                }
                _ => false,
            };
            if !ok {
                return Err(RmlError::invalid(
                    &name,
                    format!("rml:constant {c} does not match the term type {term_type:?}"),
                ));
            }
        }
        let bad = match role {
            Role::Subject => term_type == TermType::Literal,
            Role::Predicate | Role::Datatype => !matches!(
                term_type,
                TermType::Iri | TermType::Uri | TermType::UnsafeIri
            ),
            Role::Graph => term_type == TermType::Literal && !r.legacy,
            Role::Language => term_type != TermType::Literal,
            Role::Object | Role::Join => false,
        };
        if bad {
            return Err(RmlError::invalid(
                &name,
                format!(
                    "term type {term_type:?} is not allowed for a {}",
                    role.describe()
                ),
            ));
        }
        if (language.is_some() || datatype.is_some()) && term_type != TermType::Literal {
            return Err(RmlError::invalid(
                &name,
                "rml:language/rml:datatype need term type rml:Literal",
            ));
        }
        Ok(TermMap {
            node: name,
            value,
            term_type,
            language,
            datatype,
        })
    }

    fn function_call(&self, fe: TermRef<'_>) -> Result<FunctionCall, RmlError> {
        let r = self.reader;
        let name = match fe {
            TermRef::BlankNode(_) => format!("{} rml:functionExecution", self.tm),
            n => show(n),
        };
        let function = match r.one(fe, "function")? {
            Some(TermRef::NamedNode(f)) => Function::from_iri(f.as_str()).ok_or_else(|| {
                RmlError::invalid(
                    &name,
                    format!("unknown function {f} (see the built-in functions in the README)"),
                )
            })?,
            Some(o) => {
                return Err(RmlError::invalid(
                    &name,
                    format!("rml:function must be an IRI, found {o}"),
                ));
            }
            None => {
                return Err(RmlError::invalid(
                    &name,
                    "rml:functionExecution without rml:function",
                ));
            }
        };
        let mut inputs = Vec::new();
        for input in r.objects(fe, "input") {
            let param = match r.one(input, "parameter")? {
                Some(TermRef::NamedNode(p)) => p.as_str().to_owned(),
                _ => {
                    return Err(RmlError::invalid(
                        &name,
                        "rml:input needs an IRI rml:parameter",
                    ));
                }
            };
            let map = if let Some(m) = r.one(input, "inputValueMap")? {
                self.term_map(m, Role::Join)?
            } else if let Some(c) = r.one(input, "inputValue")? {
                TermMap {
                    node: name.clone(),
                    value: TermMapValue::Constant(c.into_owned()),
                    term_type: if matches!(c, TermRef::Literal(_)) {
                        TermType::Literal
                    } else {
                        TermType::Iri
                    },
                    language: None,
                    datatype: None,
                }
            } else {
                return Err(RmlError::invalid(
                    &name,
                    format!("input {param} needs rml:inputValueMap or rml:inputValue"),
                ));
            };
            inputs.push((param, map));
        }
        inputs.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(FunctionCall { function, inputs })
    }

    /// Term maps given by `map_prop` nodes plus constant shortcut `shortcut` values.
    fn maps(
        &self,
        node: TermRef<'_>,
        map_prop: &str,
        shortcut: &str,
        role: Role,
    ) -> Result<Vec<TermMap>, RmlError> {
        let mut out = Vec::new();
        for m in self.reader.objects(node, map_prop) {
            out.push(self.term_map(m, role)?);
        }
        for c in self.reader.objects(node, shortcut) {
            if matches!(c, TermRef::BlankNode(_)) && self.reader.legacy {
                out.push(self.term_map(c, role)?);
                continue;
            }
            if matches!(c, TermRef::BlankNode(_)) {
                return Err(RmlError::invalid(
                    show(node),
                    format!("rml:{shortcut} cannot be a blank node"),
                ));
            }
            if role != Role::Object && !matches!(c, TermRef::NamedNode(_)) {
                return Err(RmlError::invalid(
                    show(node),
                    format!("rml:{shortcut} must be an IRI, found {c}"),
                ));
            }
            out.push(TermMap {
                node: show(node),
                value: TermMapValue::Constant(c.into_owned()),
                term_type: if matches!(c, TermRef::Literal(_)) {
                    TermType::Literal
                } else {
                    TermType::Iri
                },
                language: None,
                datatype: None,
            });
        }
        Ok(out)
    }
}

fn parse_logical_source(r: &Reader, tm: TermRef<'_>) -> Result<LogicalSource, RmlError> {
    if r.one(tm, "logicalTable")?.is_some() {
        return Err(RmlError::invalid(
            show(tm),
            "R2RML logical tables (databases) are not supported",
        ));
    }
    let Some(ls) = r.one(tm, "logicalSource")? else {
        return Err(RmlError::invalid(
            show(tm),
            "triples map without rml:logicalSource",
        ));
    };
    let ls_name = show(ls);
    let Some(src) = r.one(ls, "source")? else {
        return Err(RmlError::invalid(
            &ls_name,
            "logical source without rml:source",
        ));
    };
    let mut root = PathRoot::MappingDirectory;
    let mut delimiter = b',';
    let mut nulls: Vec<String> = Vec::new();
    let mut encoding = None;
    let path = match src {
        TermRef::Literal(l) => l.value().to_owned(),
        TermRef::NamedNode(n)
            if r.objects(src, "path").is_empty() && !r.has_type(src, &format!("{CSVW}Table")) =>
        {
            let s = n.as_str();
            s.strip_prefix("file://").unwrap_or(s).to_owned()
        }
        _ => {
            let csvw_url = NamedNode::new_unchecked(format!("{CSVW}url"));
            let subject = NamedOrBlankNode::try_from(src.into_owned())
                .map_err(|_| RmlError::invalid(&ls_name, "invalid rml:source"))?;
            let url = r
                .graph
                .object_for_subject_predicate(&subject, &csvw_url)
                .and_then(|t| match t {
                    TermRef::Literal(l) => Some(l.value().to_owned()),
                    TermRef::NamedNode(n) => Some(n.as_str().to_owned()),
                    _ => None,
                });
            let dialect = NamedNode::new_unchecked(format!("{CSVW}dialect"));
            if let Some(d) = r.graph.object_for_subject_predicate(&subject, &dialect) {
                if let Ok(ds) = NamedOrBlankNode::try_from(d.into_owned()) {
                    let delim = NamedNode::new_unchecked(format!("{CSVW}delimiter"));
                    if let Some(TermRef::Literal(l)) =
                        r.graph.object_for_subject_predicate(&ds, &delim)
                    {
                        let v = l.value();
                        let v = if v == "\\t" { "\t" } else { v };
                        if v.len() != 1 {
                            return Err(RmlError::invalid(
                                &ls_name,
                                format!("csvw:delimiter {v:?} must be one byte"),
                            ));
                        }
                        delimiter = v.as_bytes()[0];
                    }
                }
            }
            let csvw_encoding = NamedNode::new_unchecked(format!("{CSVW}encoding"));
            if let Some(TermRef::Literal(l)) = r
                .graph
                .object_for_subject_predicate(&subject, &csvw_encoding)
            {
                encoding = Some(l.value().to_owned());
            }
            match r.one(src, "encoding")? {
                Some(TermRef::NamedNode(n)) => {
                    encoding = Some(
                        n.as_str()
                            .strip_prefix(RML)
                            .unwrap_or(n.as_str())
                            .to_owned(),
                    );
                }
                Some(TermRef::Literal(l)) => encoding = Some(l.value().to_owned()),
                _ => {}
            }
            let csvw_null = NamedNode::new_unchecked(format!("{CSVW}null"));
            for n in r.graph.objects_for_subject_predicate(&subject, &csvw_null) {
                if let TermRef::Literal(l) = n {
                    nulls.push(l.value().to_owned());
                }
            }
            if let Some(root_t) = r.one(src, "root")? {
                root = match root_t {
                    TermRef::NamedNode(n) if n.as_str() == format!("{RML}MappingDirectory") => {
                        PathRoot::MappingDirectory
                    }
                    TermRef::NamedNode(n)
                        if n.as_str() == format!("{RML}CurrentWorkingDirectory") =>
                    {
                        PathRoot::CurrentWorkingDirectory
                    }
                    o => {
                        return Err(RmlError::invalid(
                            show(src),
                            format!("unsupported rml:root {o}"),
                        ));
                    }
                };
            }
            match (r.string(src, "path")?, url) {
                (Some(p), _) => p,
                (None, Some(u)) => u.strip_prefix("file://").unwrap_or(&u).to_owned(),
                (None, None) => {
                    return Err(RmlError::invalid(
                        show(src),
                        "unsupported source: expected rml:path, csvw:url or a file name (databases and SPARQL endpoints are not supported)",
                    ));
                }
            }
        }
    };
    for n in r
        .objects(ls, "null")
        .into_iter()
        .chain(r.objects(src, "null"))
    {
        if let TermRef::Literal(l) = n {
            nulls.push(l.value().to_owned());
        }
    }
    let rf = match r.one(ls, "referenceFormulation")? {
        Some(TermRef::NamedNode(n)) => match n.as_str().strip_prefix(RML) {
            Some("CSV") => ReferenceFormulation::Csv,
            Some("JSONPath") => ReferenceFormulation::JsonPath,
            Some("XPath") => ReferenceFormulation::XPath,
            _ => {
                return Err(RmlError::invalid(
                    &ls_name,
                    format!("unsupported rml:referenceFormulation {n}"),
                ));
            }
        },
        Some(o) => {
            return Err(RmlError::invalid(
                &ls_name,
                format!("invalid rml:referenceFormulation {o}"),
            ));
        }
        None => {
            let lower = path.to_ascii_lowercase();
            if lower.ends_with(".json") {
                ReferenceFormulation::JsonPath
            } else if lower.ends_with(".xml") {
                ReferenceFormulation::XPath
            } else if lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt")
            {
                if lower.ends_with(".tsv") {
                    delimiter = b'\t';
                }
                ReferenceFormulation::Csv
            } else {
                return Err(RmlError::invalid(
                    &ls_name,
                    "no rml:referenceFormulation and the source's extension does not tell",
                ));
            }
        }
    };
    let iterator = r.string(ls, "iterator")?;
    let compiled_iterator = match (&iterator, rf) {
        (Some(it), ReferenceFormulation::JsonPath) => Some(Expr::Json(JsonPath::parse(it)?)),
        (Some(it), ReferenceFormulation::XPath) => Some(Expr::Xml(XPath::parse(it)?)),
        (None, ReferenceFormulation::JsonPath) => Some(Expr::Json(JsonPath::parse("$")?)),
        (None, ReferenceFormulation::XPath) => {
            return Err(RmlError::invalid(
                &ls_name,
                "an XPath logical source needs rml:iterator",
            ));
        }
        (_, ReferenceFormulation::Csv) => None,
    };
    Ok(LogicalSource {
        source: Source {
            path,
            root,
            delimiter,
            nulls,
            encoding,
        },
        reference_formulation: rf,
        iterator,
        compiled_iterator,
    })
}

impl Mapping {
    /// Reads a mapping file (Turtle); relative IRIs in it resolve against its `@base`, else the
    /// file's `file:` URL.
    pub fn from_path(path: &Path) -> Result<Self, RmlError> {
        let text = std::fs::read_to_string(path).map_err(|source| RmlError::Io {
            path: path.to_owned(),
            source,
        })?;
        // Relative IRIs in the mapping (`<#TriplesMap1>`) resolve against the file's URL
        // unless the document sets @base.
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let mut url = String::from("file://");
        for seg in abs.to_string_lossy().split('/').filter(|s| !s.is_empty()) {
            url.push('/');
            crate::template::iri_safe(seg, &mut url);
        }
        Self::from_turtle(&text, Some(&url)).map_err(|e| match e {
            RmlError::Syntax(m) => RmlError::Syntax(format!("{}:{m}", path.display())),
            e => e,
        })
    }

    /// Parses a mapping from Turtle text; `base` resolves relative IRIs in the text (the
    /// document's own `@base` wins, and becomes [`Mapping::document_base`]).
    pub fn from_turtle(text: &str, base: Option<&str>) -> Result<Self, RmlError> {
        let mut parser = oxttl::TurtleParser::new();
        if let Some(b) = base {
            parser = parser
                .with_base_iri(b)
                .map_err(|e| RmlError::Syntax(format!("invalid base IRI {b}: {e}")))?;
        }
        let mut graph = Graph::new();
        let mut legacy = false;
        let mut triples = parser.for_slice(text.as_bytes());
        for t in triples.by_ref() {
            let t = t.map_err(|e| {
                let loc = e.location();
                RmlError::Syntax(format!(
                    "{}:{}: {}",
                    loc.start.line + 1,
                    loc.start.column + 1,
                    e.message()
                ))
            })?;
            legacy |= is_legacy(t.predicate.as_str())
                || matches!(&t.object, Term::NamedNode(n) if is_legacy(n.as_str()));
            let p = NamedNode::new_unchecked(normalise_iri(t.predicate.as_str()));
            graph.insert(&Triple::new(t.subject, p, normalise_term(t.object)));
        }
        let document_base = triples
            .base_iri()
            .filter(|b| Some(*b) != base)
            .map(str::to_owned);
        let mut mapping = Self::from_graph(graph, legacy)?;
        mapping.document_base = document_base;
        Ok(mapping)
    }

    /// Interprets an RDF graph (RML-Core vocabulary; legacy vocabularies must already be
    /// rewritten, as [`Mapping::from_turtle`] does) as a mapping.
    fn from_graph(graph: Graph, legacy: bool) -> Result<Self, RmlError> {
        let r = Reader { graph, legacy };
        // Triples map nodes: typed rml:TriplesMap or having a logical source/table.
        let mut nodes: Vec<Term> = Vec::new();
        let ty = NamedNode::new_unchecked(RDF_TYPE);
        let tm_class = Reader::rml("TriplesMap");
        for s in r.graph.subjects_for_predicate_object(&ty, &tm_class) {
            nodes.push(s.into_owned().into());
        }
        for p in ["logicalSource", "logicalTable"] {
            let pn = Reader::rml(p);
            for t in r.graph.triples_for_predicate(&pn) {
                let s: Term = t.subject.into_owned().into();
                if !nodes.contains(&s) {
                    nodes.push(s);
                }
            }
        }
        nodes.sort_by_key(|n| n.to_string());
        let index: HashMap<Term, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        let mut sources = Vec::with_capacity(nodes.len());
        for n in &nodes {
            sources.push(parse_logical_source(&r, n.as_ref())?);
        }
        let mut triples_maps = Vec::with_capacity(nodes.len());
        for (i, n) in nodes.iter().enumerate() {
            let node = n.as_ref();
            let name = show(node);
            let ls = sources[i].clone();
            let ctx = Ctx {
                reader: &r,
                rf: ls.reference_formulation,
                tm: &name,
            };
            // Subject map.
            let mut subject_nodes = r.objects(node, "subjectMap");
            let shortcut = r.objects(node, "subject");
            if subject_nodes.len() + shortcut.len() > 1 {
                return Err(RmlError::invalid(
                    &name,
                    "a triples map must have exactly one subject map, found several",
                ));
            }
            let subject_map = if let Some(sm) = subject_nodes.pop() {
                let term = ctx.term_map(sm, Role::Subject)?;
                let mut classes = Vec::new();
                for c in r.objects(sm, "class") {
                    match c {
                        TermRef::NamedNode(c) => classes.push(c.into_owned()),
                        o => {
                            return Err(RmlError::invalid(
                                show(sm),
                                format!("rml:class must be an IRI, found {o}"),
                            ));
                        }
                    }
                }
                SubjectMap {
                    term,
                    classes,
                    graphs: ctx.maps(sm, "graphMap", "graph", Role::Graph)?,
                }
            } else if let Some(c) = shortcut.first() {
                let TermRef::NamedNode(c) = c else {
                    return Err(RmlError::invalid(&name, "rml:subject must be an IRI"));
                };
                SubjectMap {
                    term: TermMap {
                        node: name.clone(),
                        value: TermMapValue::Constant(c.into_owned().into()),
                        term_type: TermType::Iri,
                        language: None,
                        datatype: None,
                    },
                    classes: Vec::new(),
                    graphs: Vec::new(),
                }
            } else {
                return Err(RmlError::invalid(
                    &name,
                    "triples map without a subject map (rml:subjectMap)",
                ));
            };
            let mut poms = Vec::new();
            for pom in r.objects(node, "predicateObjectMap") {
                let predicates = ctx.maps(pom, "predicateMap", "predicate", Role::Predicate)?;
                if predicates.is_empty() {
                    return Err(RmlError::invalid(
                        show(pom),
                        "predicate-object map without a predicate",
                    ));
                }
                let mut objects = Vec::new();
                for om in r.objects(pom, "objectMap") {
                    if let Some(parent) = r.one(om, "parentTriplesMap")? {
                        let Some(&pi) = index.get(&parent.into_owned()) else {
                            return Err(RmlError::invalid(
                                show(om),
                                format!("rml:parentTriplesMap {parent} is not a triples map"),
                            ));
                        };
                        let pctx = Ctx {
                            reader: &r,
                            rf: sources[pi].reference_formulation,
                            tm: &name,
                        };
                        let mut joins = Vec::new();
                        for jc in r.objects(om, "joinCondition") {
                            let child = match (r.string(jc, "child")?, r.one(jc, "childMap")?) {
                                (Some(c), None) => {
                                    ref_map(&show(jc), &c, ls.reference_formulation)?
                                }
                                (None, Some(m)) => ctx.term_map(m, Role::Join)?,
                                _ => {
                                    return Err(RmlError::invalid(
                                        show(jc),
                                        "a join condition needs exactly one rml:child or rml:childMap",
                                    ));
                                }
                            };
                            let parent = match (r.string(jc, "parent")?, r.one(jc, "parentMap")?) {
                                (Some(c), None) => ref_map(&show(jc), &c, pctx.rf)?,
                                (None, Some(m)) => pctx.term_map(m, Role::Join)?,
                                _ => {
                                    return Err(RmlError::invalid(
                                        show(jc),
                                        "a join condition needs exactly one rml:parent or rml:parentMap",
                                    ));
                                }
                            };
                            joins.push(JoinCondition { child, parent });
                        }
                        if joins.is_empty() && sources[pi] != ls {
                            return Err(RmlError::invalid(
                                show(om),
                                "a referencing object map whose parent has another logical source needs rml:joinCondition",
                            ));
                        }
                        objects.push(ObjectMap::Ref(RefObjectMap { parent: pi, joins }));
                    } else {
                        objects.push(ObjectMap::Term(ctx.term_map(om, Role::Object)?));
                    }
                }
                for o in ctx.maps(pom, "__none__", "object", Role::Object)? {
                    objects.push(ObjectMap::Term(o));
                }
                if objects.is_empty() {
                    return Err(RmlError::invalid(
                        show(pom),
                        "predicate-object map without an object",
                    ));
                }
                poms.push(PredicateObjectMap {
                    predicates,
                    objects,
                    graphs: ctx.maps(pom, "graphMap", "graph", Role::Graph)?,
                });
            }
            let base_iri = match r.one(node, "baseIRI")? {
                None => None,
                Some(TermRef::NamedNode(n)) => Some(n.as_str().to_owned()),
                Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
                Some(o) => {
                    return Err(RmlError::invalid(&name, format!("invalid rml:baseIRI {o}")));
                }
            };
            triples_maps.push(TriplesMap {
                name,
                logical_source: ls,
                subject_map,
                predicate_object_maps: poms,
                base_iri,
            });
        }
        if triples_maps.is_empty() {
            return Err(RmlError::invalid("mapping", "no triples map found"));
        }
        Ok(Self {
            triples_maps,
            document_base: None,
            legacy,
        })
    }
}

fn ref_map(node: &str, reference: &str, rf: ReferenceFormulation) -> Result<TermMap, RmlError> {
    Ok(TermMap {
        node: node.to_owned(),
        value: TermMapValue::Reference(compile_reference(reference, rf)?),
        term_type: TermType::Literal,
        language: None,
        datatype: None,
    })
}
