//! The optional ifcOWL output (`--ifcowl`): the whole file as an ifcOWL graph, following the
//! conventions of IFCtoRDF (the reference converter of the ifcOWL ontology).
//!
//! - Ontology: IFC2X3 files use `http://www.buildingsmart-tech.org/ifcOWL/IFC2X3_TC1#`,
//!   IFC4 files `http://www.buildingsmart-tech.org/ifcOWL/IFC4_ADD2#` (the ontologies in
//!   `../shared/data/ifc/ifcowl/`), IFC4X1/IFC4X2/IFC4X3 files
//!   `https://w3id.org/ifc/IFC4X3_ADD2#`.
//! - Instances: `#123=IFCWALL(…)` is `inst:IfcWall_123`, `rdf:type ifc:IfcWall`, where
//!   `inst:` is `{base}ifc/{project-slug}/ifcowl/`; that IRI is also declared an
//!   `owl:Ontology` that `owl:imports` the ifcOWL ontology, as IFCtoRDF does.
//! - Attributes: every explicit attribute that is not `$` or `*` becomes the property
//!   `ifc:{attribute with a lower-case first letter}_{declaring entity}`
//!   (`ifc:name_IfcRoot`). References point to the instance. Defined types are wrapped:
//!   `inst:IfcLabel_123_2 a ifc:IfcLabel; express:hasString "…"`, with `hasDouble`
//!   (REAL, NUMBER), `hasInteger`, `hasBoolean`, `hasLogical` (`express:TRUE`, `FALSE`,
//!   `UNKNOWN`) and `hasHexBinary`; attributes of a simple EXPRESS type use the EXPRESS
//!   class (`express:BOOLEAN`). Enumeration values are the ontology's individuals
//!   (`ifc:NOTDEFINED`). LIST and ARRAY values are `list:OWLList` chains of nodes typed
//!   `ifc:{item type}_List` (`_List_List` for lists of lists) with `list:hasContents` and
//!   `list:hasNext`; defined types that are lists (`IfcCompoundPlaneAngleMeasure`) are
//!   chains typed with the defined type; SET and BAG values are repeated property values;
//!   set-valued defined types (`IfcPropertySetDefinitionSet`) use `express:hasSet`.
//! - Wrapper and list node IRIs are deterministic: `inst:{class}_{instance}_{attribute
//!   index}[_{position}…]`, where IFCtoRDF uses hashes.
//!
//! Not written, as in IFCtoRDF: inverse and derived attributes. Instances of types the
//! schema does not define and complex (multi-part) instances are skipped with a warning.

use super::{Ctx, iri};
use crate::error::IfcError;
use crate::schema::types::{Simple, Ty, Types};
use crate::schema::{EntityIdx, SchemaVersion};
use crate::step::{Entity, Value};
use oxigraph::model::{Literal, NamedNode, Term, Triple};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use twingraph_vocab::ns as tg;

/// The EXPRESS ontology.
pub const EXPRESS: &str = "https://w3id.org/express#";
/// The list ontology of ifcOWL.
pub const LIST: &str = "https://w3id.org/list#";

/// The ifcOWL namespace of a schema version.
pub fn namespace(version: SchemaVersion) -> &'static str {
    match version {
        SchemaVersion::Ifc2x3 => "http://www.buildingsmart-tech.org/ifcOWL/IFC2X3_TC1#",
        SchemaVersion::Ifc4 => "http://www.buildingsmart-tech.org/ifcOWL/IFC4_ADD2#",
        SchemaVersion::Ifc4x3 => "https://w3id.org/ifc/IFC4X3_ADD2#",
    }
}

/// The instance namespace (`inst:`) of an import.
pub fn instance_base(ctx: &Ctx<'_>) -> Result<String, IfcError> {
    let probe = twingraph_vocab::mint(&ctx.opts.base_iri, &format!("{}/ifcowl", ctx.id_kind), "x")
        .map_err(|e| IfcError::Options(e.to_string()))?;
    let s = probe.as_str();
    Ok(s[..s.len() - 1].to_owned())
}

type Attrs = Rc<[(NamedNode, Option<Ty>)]>;

struct Writer<'w> {
    types: &'static Types,
    ns: &'static str,
    inst: String,
    out: Vec<Triple>,
    attrs: HashMap<EntityIdx, Attrs>,
    rdf_type: NamedNode,
    has_contents: NamedNode,
    has_next: NamedNode,
    /// Values whose kind does not fit their declared type (not written).
    misfits: usize,
    first_misfit: Option<String>,
    ctx: &'w Ctx<'w>,
}

/// Writes the ifcOWL graph of the file.
pub fn write(ctx: &mut Ctx<'_>) -> Result<(), IfcError> {
    let inst = instance_base(ctx)?;
    let version = ctx.schema.version;
    let (out, skipped, extra, misfits, first_misfit) = {
        let mut w = Writer {
            types: Types::of(version),
            ns: namespace(version),
            inst,
            out: Vec::with_capacity(ctx.data.entities.len() * 8),
            attrs: HashMap::new(),
            rdf_type: NamedNode::new_unchecked(tg::RDF_TYPE),
            has_contents: iri(LIST, "hasContents"),
            has_next: iri(LIST, "hasNext"),
            misfits: 0,
            first_misfit: None,
            ctx,
        };
        let ontology = NamedNode::new_unchecked(w.inst.clone());
        w.triple(
            ontology.clone(),
            w.rdf_type.clone(),
            iri(tg::OWL, "Ontology").into(),
        );
        w.triple(
            ontology,
            iri(tg::OWL, "imports"),
            NamedNode::new_unchecked(w.ns.trim_end_matches('#')).into(),
        );
        let (mut skipped, mut extra) = (0usize, 0usize);
        for e in &ctx.data.entities {
            match ctx.entity_of(e) {
                Some(t) => extra += w.entity(e, t),
                None => skipped += 1,
            }
        }
        (w.out, skipped, extra, w.misfits, w.first_misfit)
    };
    if skipped > 0 {
        ctx.warn(format!(
            "ifcOWL: {skipped} instance(s) of types the {} schema does not define, or complex instances, are not written",
            version.name()
        ));
    }
    if extra > 0 {
        ctx.warn(format!(
            "ifcOWL: {extra} instance(s) have more parameters than their entity has attributes: the extra ones are not written"
        ));
    }
    if misfits > 0 {
        ctx.warn(format!(
            "ifcOWL: {misfits} value(s) do not fit their declared type and are not written (first: {})",
            first_misfit.unwrap_or_default()
        ));
    }
    ctx.summary.ifcowl_triples = out.len();
    ctx.out.extend(out);
    Ok(())
}

impl Writer<'_> {
    fn triple(&mut self, s: NamedNode, p: NamedNode, o: Term) {
        self.out.push(Triple::new(s, p, o));
    }

    fn ifc(&self, local: &str) -> NamedNode {
        iri(self.ns, local)
    }

    fn node(&self, class_local: &str, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{class_local}_{path}", self.inst))
    }

    fn instance(&self, id: u64) -> NamedNode {
        let class = match self.ctx.data.get(id) {
            Some(e) => self.ctx.class_name(e).to_owned(),
            None => "Unknown".to_owned(),
        };
        NamedNode::new_unchecked(format!("{}{class}_{id}", self.inst))
    }

    /// Counts a value that is not written; `what` describes the first one.
    fn misfit(&mut self, what: impl FnOnce() -> String) {
        self.misfits += 1;
        if self.first_misfit.is_none() {
            self.first_misfit = Some(what());
        }
    }

    /// The properties and declared types of an entity's attributes, in STEP order.
    fn attributes(&mut self, t: EntityIdx) -> Attrs {
        if let Some(a) = self.attrs.get(&t) {
            return a.clone();
        }
        let schema = self.ctx.schema;
        let names = schema.attributes(t);
        let mut v = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let decl = schema
                .declaring_entity(t, i)
                .map_or_else(|| schema.name(t), |d| schema.name(d));
            let mut local = String::with_capacity(name.len() + decl.len() + 1);
            let mut chars = name.chars();
            if let Some(c) = chars.next() {
                local.extend(c.to_lowercase());
            }
            local.push_str(chars.as_str());
            local.push('_');
            local.push_str(decl);
            v.push((self.ifc(&local), self.types.attribute(decl, name).cloned()));
        }
        let a: Attrs = v.into();
        self.attrs.insert(t, a.clone());
        a
    }

    /// Writes one instance; returns 1 when it has parameters beyond its attributes.
    fn entity(&mut self, e: &Entity, t: EntityIdx) -> usize {
        let class = self.ctx.schema.name(t);
        let s = NamedNode::new_unchecked(format!("{}{class}_{}", self.inst, e.id));
        self.triple(s.clone(), self.rdf_type.clone(), self.ifc(class).into());
        let attrs = self.attributes(t);
        for (i, v) in e.args.iter().enumerate() {
            let Some((p, ty)) = attrs.get(i) else {
                return 1;
            };
            if matches!(v, Value::Null | Value::Derived) {
                continue;
            }
            let path = format!("{}_{i}", e.id);
            for o in self.values(ty.as_ref(), v, &path) {
                self.triple(s.clone(), p.clone(), o);
            }
        }
        0
    }

    /// The RDF values of a STEP value of a declared type (several for a SET).
    fn values(&mut self, ty: Option<&Ty>, v: &Value, path: &str) -> Vec<Term> {
        match v {
            Value::Null | Value::Derived => Vec::new(),
            Value::Ref(id) => vec![self.instance(*id).into()],
            Value::Typed(kw, inner) => {
                let keyword = self.ctx.data.interner.name(*kw);
                match self.types.defined(keyword) {
                    Some((name, _)) => self.defined(name, inner, path).into_iter().collect(),
                    None => {
                        let keyword = keyword.to_owned();
                        self.misfit(|| {
                            format!("{keyword}(…) is not a defined type, at {}", at(path))
                        });
                        Vec::new()
                    }
                }
            }
            _ => match ty {
                Some(Ty::Set(inner)) if matches!(v, Value::List(_)) => {
                    let mut out = Vec::new();
                    let mut seen = HashSet::new();
                    for (j, item) in v.items().iter().enumerate() {
                        for o in self.values(Some(inner), item, &format!("{path}_{j}")) {
                            // A SET is a set: `(#1,#1)` is one value.
                            if seen.insert(o.clone()) {
                                out.push(o);
                            }
                        }
                    }
                    out
                }
                Some(Ty::List(inner)) if matches!(v, Value::List(_)) => {
                    let (ns, local) = list_class(self.ns, inner);
                    let class = iri(ns, &local);
                    self.list(&class, &local, inner, v.items(), path)
                        .into_iter()
                        .collect()
                }
                Some(Ty::Defined(name)) => self.defined(name, v, path).into_iter().collect(),
                Some(Ty::Enum(name))
                    if v.as_enum().is_some_and(|x| self.types.is_item(name, x)) =>
                {
                    vec![self.ifc(v.as_enum().unwrap_or_default()).into()]
                }
                Some(Ty::Simple(s)) => {
                    let class = iri(EXPRESS, s.name());
                    self.wrapper(&class, s.name(), *s, v, path)
                        .into_iter()
                        .collect()
                }
                _ => {
                    self.misfit(|| {
                        format!("{v:?} where {} is expected, at {}", expected(ty), at(path))
                    });
                    Vec::new()
                }
            },
        }
    }

    /// A value of the defined type `name`, typed with it.
    fn defined(&mut self, name: &str, v: &Value, path: &str) -> Option<Term> {
        let types = self.types;
        let mut base = types.defined(&name.to_ascii_uppercase()).map(|(_, t)| t);
        while let Some(Ty::Defined(next)) = base {
            base = types.defined(&next.to_ascii_uppercase()).map(|(_, t)| t);
        }
        let class = self.ifc(name);
        match base {
            Some(Ty::Simple(s)) => self.wrapper(&class, name, *s, v, path),
            Some(Ty::List(inner)) if matches!(v, Value::List(_)) => {
                self.list(&class, name, inner, v.items(), path)
            }
            Some(Ty::Set(inner)) if matches!(v, Value::List(_)) => {
                let node = self.node(name, path);
                self.triple(node.clone(), self.rdf_type.clone(), class.into());
                let has_set = iri(EXPRESS, "hasSet");
                for (j, item) in v.items().iter().enumerate() {
                    for o in self.values(Some(inner), item, &format!("{path}_{j}")) {
                        self.triple(node.clone(), has_set.clone(), o);
                    }
                }
                Some(node.into())
            }
            _ => {
                self.misfit(|| format!("{v:?} where {name} is expected, at {}", at(path)));
                None
            }
        }
    }

    /// A chain of list nodes typed `class`; returns its head (nothing for an empty list).
    fn list(
        &mut self,
        class: &NamedNode,
        class_local: &str,
        inner: &Ty,
        items: &[Value],
        path: &str,
    ) -> Option<Term> {
        let nodes: Vec<NamedNode> = (0..items.len())
            .map(|j| self.node(class_local, &format!("{path}_{j}")))
            .collect();
        for (j, item) in items.iter().enumerate() {
            let node = nodes[j].clone();
            self.triple(node.clone(), self.rdf_type.clone(), class.clone().into());
            for o in self.values(Some(inner), item, &format!("{path}_{j}")) {
                self.triple(node.clone(), self.has_contents.clone(), o);
            }
            if let Some(next) = nodes.get(j + 1) {
                self.triple(node, self.has_next.clone(), next.clone().into());
            }
        }
        nodes.into_iter().next().map(Into::into)
    }

    /// A wrapper node `class` with the literal of a simple value.
    fn wrapper(
        &mut self,
        class: &NamedNode,
        class_local: &str,
        s: Simple,
        v: &Value,
        path: &str,
    ) -> Option<Term> {
        let v = match v {
            Value::Typed(_, inner) => inner.as_ref(),
            v => v,
        };
        let xsd = |t: &str| iri(tg::XSD, t);
        let (p, o): (&str, Term) = match (s, v) {
            (Simple::String, Value::String(x)) => {
                ("hasString", Literal::new_simple_literal(&**x).into())
            }
            (Simple::Real | Simple::Number, Value::Real(_) | Value::Integer(_)) => (
                "hasDouble",
                super::double(v.as_f64().unwrap_or_default()).into(),
            ),
            (Simple::Integer, Value::Integer(i)) => (
                "hasInteger",
                Literal::new_typed_literal(i.to_string(), xsd("integer")).into(),
            ),
            (Simple::Boolean, Value::Enum(b)) if matches!(&**b, "T" | "F") => (
                "hasBoolean",
                Literal::new_typed_literal(
                    if &**b == "T" { "true" } else { "false" },
                    xsd("boolean"),
                )
                .into(),
            ),
            (Simple::Logical, Value::Enum(b)) if matches!(&**b, "T" | "F" | "U") => {
                let individual = match &**b {
                    "T" => "TRUE",
                    "F" => "FALSE",
                    _ => "UNKNOWN",
                };
                ("hasLogical", iri(EXPRESS, individual).into())
            }
            (Simple::Binary, Value::Binary(h)) => match hex_binary(h) {
                Some(h) => (
                    "hasHexBinary",
                    Literal::new_typed_literal(h, xsd("hexBinary")).into(),
                ),
                None => {
                    self.misfit(|| format!("binary {h:?} is not whole bytes, at {}", at(path)));
                    return None;
                }
            },
            _ => {
                self.misfit(|| format!("{v:?} where {} is expected, at {}", s.name(), at(path)));
                return None;
            }
        };
        let node = self.node(class_local, path);
        self.triple(node.clone(), self.rdf_type.clone(), class.clone().into());
        self.triple(node.clone(), iri(EXPRESS, p), o);
        Some(node.into())
    }
}

/// `#24 parameter 1` (`[2]` per list position) from a value path `24_0_2`.
fn at(path: &str) -> String {
    let mut parts = path.split('_');
    let id = parts.next().unwrap_or_default();
    let param = parts
        .next()
        .and_then(|p| p.parse::<usize>().ok())
        .map_or(0, |p| p + 1);
    let mut s = format!("#{id} parameter {param}");
    for p in parts {
        s.push_str(&format!("[{p}]"));
    }
    s
}

/// The declared type, for messages.
fn expected(ty: Option<&Ty>) -> String {
    match ty {
        Some(Ty::Entity(n) | Ty::Select(n) | Ty::Defined(n) | Ty::Enum(n)) => n.clone(),
        Some(Ty::Simple(s)) => s.name().to_owned(),
        Some(Ty::List(i)) => format!("LIST OF {}", expected(Some(i))),
        Some(Ty::Set(i)) => format!("SET OF {}", expected(Some(i))),
        None => "nothing (no such attribute)".to_owned(),
    }
}

/// The ifcOWL list class of items of type `inner`: `ifc:IfcLengthMeasure_List`,
/// `ifc:IfcLengthMeasure_List_List`, `express:INTEGER_List`.
fn list_class(ns: &'static str, inner: &Ty) -> (&'static str, String) {
    match inner {
        Ty::Entity(n) | Ty::Select(n) | Ty::Defined(n) | Ty::Enum(n) => (ns, format!("{n}_List")),
        Ty::Simple(s) => (EXPRESS, format!("{}_List", s.name())),
        Ty::List(i) | Ty::Set(i) => {
            let (ns, local) = list_class(ns, i);
            (ns, format!("{local}_List"))
        }
    }
}

/// The `xsd:hexBinary` form of a STEP binary (`"0ABCD"`: a first digit counting the unused
/// high bits, then hexadecimal digits); `None` unless it is whole bytes.
fn hex_binary(h: &str) -> Option<String> {
    let digits = h.strip_prefix('0').unwrap_or(h);
    (digits.len().is_multiple_of(2) && digits.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| digits.to_ascii_uppercase())
}
