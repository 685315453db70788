//! A streaming reader of CIM/XML (IEC 61970-552): the RDF/XML subset that CIM tools
//! write, plus what generic RDF/XML parsers reject or get wrong in it.
//!
//! * `rdf:ID="_X"`, `rdf:about="#_X"` and `rdf:resource="#_X"` all name the object
//!   `urn:uuid:X` (the leading `_` of the mRID is dropped, case kept), as the TriG
//!   conversions of the ENTSO-E conformity models do; absolute IRIs are kept as written.
//! * The `md:FullModel` / `dm:DifferenceModel` header is returned apart, with the line of
//!   each header property (for error messages).
//! * `dm:forwardDifferences`, `dm:reverseDifferences` and `dm:preconditions` (with
//!   `parseType="Statements"`, qualified or not) are collected as separate triple sets.
//! * Element names, typed node elements, property attributes, `rdf:resource`,
//!   `rdf:nodeID`, `rdf:datatype`, `xml:lang`, `rdf:parseType="Resource"` and nested node
//!   elements follow RDF/XML. `rdf:parseType="Literal"`/`"Collection"` and `rdf:li` are
//!   rejected as unsupported, with their position.

use crate::error::{CimError, Position};
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use std::collections::HashMap;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The IRI of a CIM object identifier (`rdf:ID` value, or a `#` reference without the
/// `#`): `urn:uuid:` followed by the identifier without its leading `_`.
pub fn mrid_iri(id: &str) -> String {
    format!("urn:uuid:{}", id.strip_prefix('_').unwrap_or(id))
}

/// In TriG-compatible mode, the plain name of an enumeration value IRI of the CIM or
/// extension schema (`…CIM-schema-cim16#PhaseCode.ABC` → `ABC`).
fn enum_name(iri: &str) -> Option<&str> {
    use crate::profile::{CIM16, CIM100, ENTSOE, EU};
    let fragment = [CIM16, CIM100, ENTSOE, EU]
        .iter()
        .find_map(|ns| iri.strip_prefix(ns))?;
    fragment.split_once('.').map(|(_, v)| v)
}

/// The model header of a file.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// The model IRI (`rdf:about` of the header).
    pub model: NamedNode,
    /// `dm:DifferenceModel` rather than `md:FullModel`.
    pub difference: bool,
    /// The line of the header element.
    pub line: u64,
    /// The header's own triples (without its `rdf:type`, and without the differences).
    pub triples: Vec<Triple>,
    /// Every header property: local name in the `md:` namespace (e.g.
    /// `Model.DependentOn`), object, line.
    pub props: Vec<(String, Term, u64)>,
}

impl Header {
    pub fn values(&self, local: &str) -> impl Iterator<Item = (&Term, u64)> {
        self.props
            .iter()
            .filter(move |(l, _, _)| l == local)
            .map(|(_, t, line)| (t, *line))
    }

    pub fn first_string(&self, local: &str) -> Option<String> {
        self.values(local).next().map(|(t, _)| match t {
            Term::Literal(l) => l.value().to_owned(),
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        })
    }
}

/// One parsed CIM/XML document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    pub header: Option<Header>,
    pub body: Vec<Triple>,
    pub forward: Vec<Triple>,
    pub reverse: Vec<Triple>,
    pub preconditions: Vec<Triple>,
    /// Namespaces declared with `xmlns`.
    pub namespaces: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Body,
    Header,
    Forward,
    Reverse,
    Preconditions,
    /// Left out (objects of non-CIM classes in TriG-compatible mode).
    Discard,
}

// The stack holds a handful of frames (its depth is the XML nesting), so boxing the
// large variant would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
enum Frame {
    /// Before `rdf:RDF`.
    Document,
    /// Inside `rdf:RDF`.
    Root,
    /// Inside a node element.
    Node {
        subject: NamedOrBlankNode,
        target: Target,
    },
    /// Inside a property element.
    Property {
        subject: NamedOrBlankNode,
        predicate: NamedNode,
        target: Target,
        /// Byte offset of the start tag.
        offset: usize,
        resource: Option<Term>,
        datatype: Option<NamedNode>,
        lang: Option<String>,
        text: String,
        nested: Option<NamedOrBlankNode>,
    },
    /// Inside `rdf:parseType="Resource"` property: a node whose subject is a blank node,
    /// and whose end also ends the property.
    ResourceProperty {
        subject: NamedOrBlankNode,
        target: Target,
    },
    /// Inside `dm:forwardDifferences` etc.: node elements expected.
    Statements { target: Target },
}

/// Line counting from byte offsets, moving forward.
struct Lines<'a> {
    data: &'a [u8],
    pos: usize,
    line: u64,
    line_start: usize,
}

impl<'a> Lines<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self {
            data,
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn at(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.data.len());
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
            self.line_start = 0;
        }
        for (i, b) in self.data[self.pos..offset].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.pos + i + 1;
            }
        }
        self.pos = offset;
        let column = String::from_utf8_lossy(&self.data[self.line_start..offset])
            .chars()
            .count() as u64
            + 1;
        Position {
            line: self.line,
            column,
        }
    }
}

struct Parser<'a> {
    file: &'a str,
    lines: Lines<'a>,
    stack: Vec<(Frame, String)>,
    doc: Document,
    blank_nodes: HashMap<String, BlankNode>,
    /// Byte offset of the event being handled.
    offset: usize,
    seen_root: bool,
    /// TriG-compatible mode (see `Flavour::TrigCompatible`).
    compat: bool,
    /// Class and property IRIs already built and checked.
    iris: HashMap<String, NamedNode>,
    key: String,
}

/// Parses one CIM/XML document held in memory. `file` is used in error messages.
pub(crate) fn parse(file: &str, data: &[u8], compat: bool) -> Result<Document, CimError> {
    let mut reader = NsReader::from_reader(data);
    reader.config_mut().check_end_names = true;
    let mut parser = Parser {
        file,
        lines: Lines::new(data),
        stack: vec![(Frame::Document, String::new())],
        doc: Document::default(),
        blank_nodes: HashMap::new(),
        offset: 0,
        seen_root: false,
        compat,
        iris: HashMap::new(),
        key: String::new(),
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        parser.offset = reader.buffer_position() as usize;
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position() as usize;
                return Err(parser.error_at(at, format!("malformed XML: {e}")));
            }
        };
        match event {
            Event::Start(e) => parser.start(&reader, &e)?,
            Event::Empty(e) => {
                parser.start(&reader, &e)?;
                parser.end()?;
            }
            Event::End(_) => parser.end()?,
            Event::Text(t) => {
                let text = t
                    .unescape()
                    .map_err(|e| parser.error(format!("malformed XML text: {e}")))?;
                parser.text(&text)?;
            }
            Event::CData(t) => {
                let text = std::str::from_utf8(&t)
                    .map_err(|e| parser.error(format!("CDATA is not UTF-8: {e}")))?
                    .to_owned();
                parser.text(&text)?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if parser.stack.len() > 1 {
        let open = parser.stack.last().map(|(_, n)| n.clone());
        return Err(CimError::Syntax {
            file: file.to_owned(),
            position: parser.lines.at(data.len()),
            element: open.clone(),
            message: format!(
                "unexpected end of file: <{}> is not closed",
                open.unwrap_or_default()
            ),
        });
    }
    if !parser.seen_root {
        return Err(CimError::Syntax {
            file: file.to_owned(),
            position: parser.lines.at(data.len()),
            element: None,
            message: "no <rdf:RDF> element: not a CIM/XML file".to_owned(),
        });
    }
    Ok(parser.doc)
}

impl Parser<'_> {
    fn error_at(&mut self, offset: usize, message: String) -> CimError {
        CimError::Syntax {
            file: self.file.to_owned(),
            position: self.lines.at(offset),
            element: self
                .stack
                .last()
                .map(|(_, n)| n.clone())
                .filter(|n| !n.is_empty()),
            message,
        }
    }

    fn error_in(&mut self, element: &str, message: String) -> CimError {
        CimError::Syntax {
            file: self.file.to_owned(),
            position: self.lines.at(self.offset),
            element: Some(element.to_owned()),
            message,
        }
    }

    fn error(&mut self, message: String) -> CimError {
        self.error_at(self.offset, message)
    }

    /// The IRI `ns` + `local` of a class or property, checked once.
    fn term_iri(&mut self, ns: &str, local: &str) -> Result<NamedNode, CimError> {
        self.key.clear();
        self.key.push_str(ns);
        self.key.push_str(local);
        if let Some(n) = self.iris.get(self.key.as_str()) {
            return Ok(n.clone());
        }
        let key = self.key.clone();
        let n = NamedNode::new(key.as_str())
            .map_err(|err| self.error(format!("invalid IRI <{key}>: {err}")))?;
        self.iris.insert(key, n.clone());
        Ok(n)
    }

    /// The IRI of an mRID (`_X` → `urn:uuid:X`).
    fn mrid(&mut self, id: &str, written: &str) -> Result<NamedNode, CimError> {
        let iri = mrid_iri(id);
        let bare = iri.strip_prefix("urn:uuid:").unwrap_or_default();
        if !bare.is_empty()
            && bare
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
        {
            return Ok(NamedNode::new_unchecked(iri));
        }
        NamedNode::new(iri.as_str())
            .map_err(|e| self.error(format!("invalid IRI <{iri}> from \"{written}\": {e}")))
    }

    fn blank(&mut self, id: &str) -> BlankNode {
        self.blank_nodes.entry(id.to_owned()).or_default().clone()
    }

    /// Resolves a reference (`rdf:about`, `rdf:resource`).
    fn reference(&mut self, value: &str) -> Result<NamedNode, CimError> {
        let iri = if let Some(id) = value.strip_prefix('#') {
            return self.mrid(id, value);
        } else if !value.contains(':') {
            return self.mrid(value, value);
        } else {
            value.to_owned()
        };
        NamedNode::new(iri.as_str())
            .map_err(|e| self.error(format!("invalid IRI <{iri}> from \"{value}\": {e}")))
    }

    /// Adds a triple; `offset` is the byte offset of its element (for header lines).
    fn emit(&mut self, target: Target, triple: Triple, offset: usize) {
        match target {
            Target::Body => self.doc.body.push(triple),
            Target::Forward => self.doc.forward.push(triple),
            Target::Reverse => self.doc.reverse.push(triple),
            Target::Preconditions => self.doc.preconditions.push(triple),
            Target::Discard => {}
            Target::Header => {
                let line = self.lines.at(offset).line;
                if let Some(h) = &mut self.doc.header {
                    if let Some(local) = triple.predicate.as_str().strip_prefix(crate::profile::MD)
                    {
                        h.props
                            .push((local.to_owned(), triple.object.clone(), line));
                    }
                    h.triples.push(triple);
                }
            }
        }
    }

    fn start(&mut self, reader: &NsReader<&[u8]>, e: &BytesStart<'_>) -> Result<(), CimError> {
        let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
        let (ns, local) = reader.resolve_element(e.name());
        let local = String::from_utf8_lossy(local.as_ref()).into_owned();
        let ns = match ns {
            ResolveResult::Bound(ns) => String::from_utf8_lossy(ns.as_ref()).into_owned(),
            ResolveResult::Unbound => {
                if matches!(self.stack.last(), Some((Frame::Document, _))) {
                    return Err(self.error(format!(
                        "the root element is <{qname}>, not <rdf:RDF>: not a CIM/XML file"
                    )));
                }
                return Err(self.error(format!("element <{qname}> has no namespace")));
            }
            ResolveResult::Unknown(p) => {
                return Err(self.error(format!(
                    "element <{qname}>: undeclared namespace prefix \"{}\"",
                    String::from_utf8_lossy(&p)
                )));
            }
        };
        // Attributes: namespace declarations, then the rest resolved.
        let mut attrs: Vec<(Option<String>, String, String)> = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| self.error(format!("malformed attribute: {err}")))?;
            let key = a.key;
            let raw_key = String::from_utf8_lossy(key.as_ref()).into_owned();
            let value = a
                .unescape_value()
                .map_err(|err| self.error(format!("malformed attribute {raw_key}: {err}")))?
                .into_owned();
            if raw_key == "xmlns" || raw_key.starts_with("xmlns:") {
                self.doc.namespaces.push(value);
                continue;
            }
            let (ans, alocal) = reader.resolve_attribute(key);
            let alocal = String::from_utf8_lossy(alocal.as_ref()).into_owned();
            let ans = match ans {
                ResolveResult::Bound(n) => Some(String::from_utf8_lossy(n.as_ref()).into_owned()),
                ResolveResult::Unbound => None,
                ResolveResult::Unknown(_) => {
                    if raw_key.starts_with("xml:") {
                        Some(XML.to_owned())
                    } else {
                        return Err(self.error(format!(
                            "attribute {raw_key} of <{qname}>: undeclared namespace prefix"
                        )));
                    }
                }
            };
            attrs.push((ans, alocal, value));
        }
        let attr = |name: &str| -> Option<&str> {
            attrs
                .iter()
                .find(|(n, l, _)| l == name && (n.as_deref() == Some(RDF) || n.is_none()))
                .map(|(_, _, v)| v.as_str())
        };
        let is_rdf = ns == RDF;
        let parent = self.stack.last().map(|(f, _)| f);
        match parent {
            Some(Frame::Document) => {
                if !(is_rdf && local == "RDF") {
                    return Err(self.error(format!(
                        "the root element is <{qname}>, not <rdf:RDF>: not a CIM/XML file"
                    )));
                }
                self.seen_root = true;
                self.stack.push((Frame::Root, qname));
            }
            Some(Frame::Root) | Some(Frame::Statements { .. }) | Some(Frame::Property { .. }) => {
                // A node element.
                let target = match parent {
                    Some(Frame::Statements { target }) => *target,
                    Some(Frame::Property { target, .. }) => *target,
                    _ => Target::Body,
                };
                let subject: NamedOrBlankNode = if let Some(id) = attr("ID") {
                    let id = id.to_owned();
                    self.mrid(&id, &id)?.into()
                } else if let Some(about) = attr("about") {
                    let about = about.to_owned();
                    self.reference(&about)?.into()
                } else if let Some(node_id) = attr("nodeID") {
                    let node_id = node_id.to_owned();
                    self.blank(&node_id).into()
                } else {
                    BlankNode::default().into()
                };
                let line = self.offset;
                let header_kind = match (ns.as_str(), local.as_str()) {
                    (crate::profile::MD, "FullModel") => Some(false),
                    (crate::profile::DM, "DifferenceModel") => Some(true),
                    _ => None,
                };
                if let Some(Frame::Property { nested, .. }) = self.stack.last_mut().map(|(f, _)| f)
                {
                    if nested.is_some() {
                        return Err(self.error(format!(
                            "<{qname}>: a property element may hold only one node element"
                        )));
                    }
                    *nested = Some(subject.clone());
                }
                let target = if let (Some(difference), Target::Body) = (header_kind, target) {
                    if let Some(h) = &self.doc.header {
                        let first = h.model.clone();
                        return Err(self.error(format!(
                            "a second model header <{qname}> (the file already declares <{}>)",
                            first.as_str()
                        )));
                    }
                    let NamedOrBlankNode::NamedNode(model) = subject.clone() else {
                        return Err(self.error(format!(
                            "<{qname}> has no rdf:about: the model header must name the model"
                        )));
                    };
                    let line = self.lines.at(line).line;
                    self.doc.header = Some(Header {
                        model,
                        difference,
                        line,
                        triples: Vec::new(),
                        props: Vec::new(),
                    });
                    Target::Header
                } else if self.compat
                    && !(is_rdf && local == "Description")
                    && ns != crate::profile::CIM16
                    && ns != crate::profile::CIM100
                {
                    Target::Discard
                } else {
                    if !(is_rdf && local == "Description") {
                        let class = self.term_iri(&ns, &local)?;
                        self.emit(
                            target,
                            Triple::new(subject.clone(), NamedNode::new_unchecked(RDF_TYPE), class),
                            line,
                        );
                    }
                    target
                };
                // Property attributes.
                for (ans, alocal, value) in &attrs {
                    let Some(ans) = ans else { continue };
                    if ans == RDF || ans == XML {
                        continue;
                    }
                    let p = self.term_iri(ans, alocal)?;
                    self.emit(
                        target,
                        Triple::new(
                            subject.clone(),
                            p,
                            Literal::new_simple_literal(value.clone()),
                        ),
                        line,
                    );
                }
                self.stack.push((Frame::Node { subject, target }, qname));
            }
            Some(Frame::Node { subject, target })
            | Some(Frame::ResourceProperty { subject, target }) => {
                // A property element.
                let subject = subject.clone();
                let target = *target;
                if is_rdf && local == "li" {
                    return Err(self.error("rdf:li is not supported in CIM/XML".to_owned()));
                }
                let predicate = self.term_iri(&ns, &local)?;
                let line = self.offset;
                if target == Target::Header && ns == crate::profile::DM {
                    // `dm:forwardDifferences` as written by 2.4.15 tools, or
                    // `dm:DifferenceModel.forwardDifferences` as the 3.0 header RDFS names it.
                    let name = local.strip_prefix("DifferenceModel.").unwrap_or(&local);
                    let statements = match name {
                        "forwardDifferences" => Some(Target::Forward),
                        "reverseDifferences" => Some(Target::Reverse),
                        "preconditions" => Some(Target::Preconditions),
                        _ => None,
                    };
                    if let Some(t) = statements {
                        self.stack.push((Frame::Statements { target: t }, qname));
                        return Ok(());
                    }
                }
                match attr("parseType") {
                    None => {}
                    Some("Resource") => {
                        let node = BlankNode::default();
                        self.emit(target, Triple::new(subject, predicate, node.clone()), line);
                        self.stack.push((
                            Frame::ResourceProperty {
                                subject: node.into(),
                                target,
                            },
                            qname,
                        ));
                        return Ok(());
                    }
                    Some(other) => {
                        return Err(self.error(format!(
                            "<{qname}>: rdf:parseType=\"{other}\" is not supported here"
                        )));
                    }
                }
                let resource = if let Some(r) = attr("resource") {
                    let r = r.to_owned();
                    Some(Term::from(self.reference(&r)?))
                } else if let Some(n) = attr("nodeID") {
                    let n = n.to_owned();
                    Some(Term::from(self.blank(&n)))
                } else {
                    None
                };
                let datatype = match attr("datatype") {
                    Some(d) => Some(NamedNode::new(d).map_err(|err| {
                        self.error(format!("invalid rdf:datatype \"{d}\": {err}"))
                    })?),
                    None => None,
                };
                let lang = attrs
                    .iter()
                    .find(|(n, l, _)| n.as_deref() == Some(XML) && l == "lang")
                    .map(|(_, _, v)| v.clone())
                    .filter(|v| !v.is_empty());
                self.stack.push((
                    Frame::Property {
                        subject,
                        predicate,
                        target,
                        offset: line,
                        resource,
                        datatype,
                        lang,
                        text: String::new(),
                        nested: None,
                    },
                    qname,
                ));
            }
            None => return Err(self.error("element after the end of the document".to_owned())),
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), CimError> {
        let Some((frame, name)) = self.stack.pop() else {
            return Err(self.error("unexpected end tag".to_owned()));
        };
        if let Frame::Property {
            subject,
            predicate,
            target,
            offset: line,
            resource,
            datatype,
            lang,
            text,
            nested,
        } = frame
        {
            let object: Term = if let Some(n) = nested {
                if resource.is_some() {
                    return Err(
                        self.error_in(&name, "rdf:resource and a nested node element".to_owned())
                    );
                }
                n.into()
            } else if let Some(r) = resource {
                if !text.trim().is_empty() {
                    return Err(
                        self.error_in(&name, format!("rdf:resource and text \"{}\"", text.trim()))
                    );
                }
                match r {
                    Term::NamedNode(n) if self.compat => match enum_name(n.as_str()) {
                        Some(value) => Literal::new_simple_literal(value).into(),
                        None => n.into(),
                    },
                    r => r,
                }
            } else if let Some(d) = datatype {
                Literal::new_typed_literal(text, d).into()
            } else if let Some(l) = lang {
                Literal::new_language_tagged_literal(text, &l)
                    .map_err(|err| {
                        self.error_in(&name, format!("invalid xml:lang \"{l}\": {err}"))
                    })?
                    .into()
            } else {
                Literal::new_simple_literal(text).into()
            };
            self.emit(target, Triple::new(subject, predicate, object), line);
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), CimError> {
        match self.stack.last_mut() {
            Some((
                Frame::Property {
                    text: buf, nested, ..
                },
                _,
            )) => {
                if nested.is_some() && !text.trim().is_empty() {
                    return Err(self.error(format!(
                        "text \"{}\" beside a nested node element",
                        text.trim()
                    )));
                }
                buf.push_str(text);
                Ok(())
            }
            _ if text.trim().is_empty() => Ok(()),
            _ => {
                let shown: String = text.trim().chars().take(40).collect();
                Err(self.error(format!("unexpected text \"{shown}\"")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:cim="http://iec.ch/TC57/2013/CIM-schema-cim16#" xmlns:md="http://iec.ch/TC57/61970-552/ModelDescription/1#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <md:FullModel rdf:about="urn:uuid:m1">
    <md:Model.profile>http://entsoe.eu/CIM/EquipmentCore/3/1</md:Model.profile>
  </md:FullModel>
"##;

    #[test]
    fn ids_and_references() {
        let xml = format!(
            "{HEAD}<cim:Breaker rdf:ID=\"_B1\"><cim:IdentifiedObject.name>b &amp; c</cim:IdentifiedObject.name><cim:Equipment.EquipmentContainer rdf:resource=\"#_VL\"/></cim:Breaker>\n<rdf:Description rdf:about=\"#_B1\"><cim:Switch.normalOpen>false</cim:Switch.normalOpen></rdf:Description></rdf:RDF>"
        );
        let doc = parse("t.xml", xml.as_bytes(), false).unwrap();
        let h = doc.header.unwrap();
        assert_eq!(h.model.as_str(), "urn:uuid:m1");
        assert_eq!(h.props.len(), 1);
        assert_eq!(h.props[0].2, 4);
        let s: Vec<String> = doc.body.iter().map(|t| t.to_string()).collect();
        assert_eq!(
            s,
            vec![
                "<urn:uuid:B1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://iec.ch/TC57/2013/CIM-schema-cim16#Breaker>",
                "<urn:uuid:B1> <http://iec.ch/TC57/2013/CIM-schema-cim16#IdentifiedObject.name> \"b & c\"",
                "<urn:uuid:B1> <http://iec.ch/TC57/2013/CIM-schema-cim16#Equipment.EquipmentContainer> <urn:uuid:VL>",
                "<urn:uuid:B1> <http://iec.ch/TC57/2013/CIM-schema-cim16#Switch.normalOpen> \"false\"",
            ]
        );
    }

    #[test]
    fn malformed_position() {
        let xml =
            format!("{HEAD}<cim:Breaker rdf:ID=\"_B1\">\n<cim:IdentifiedObject.name>x</cim:Other>");
        let err = parse("bad.xml", xml.as_bytes(), false)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bad.xml:7:"), "{err}");
    }

    #[test]
    fn byte_order_mark_and_crlf() {
        let xml = format!(
            "\u{feff}{}<cim:Breaker rdf:ID=\"_B1\"/>\r\n</rdf:RDF>",
            HEAD.replace('\n', "\r\n")
        );
        let doc = parse("bom.xml", xml.as_bytes(), false).unwrap();
        assert_eq!(doc.body.len(), 1);
        assert_eq!(doc.header.unwrap().props[0].2, 4);
    }

    #[test]
    fn unclosed() {
        let xml = format!("{HEAD}<cim:Breaker rdf:ID=\"_B1\">\n");
        let err = parse("bad.xml", xml.as_bytes(), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("cim:Breaker"), "{err}");
    }
}
