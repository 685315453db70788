//! A small XML tree (read with quick-xml) and an XPath subset over it: absolute (`/a/b`) and
//! relative (`b/c`) location paths, `//` (descendant-or-self), `*`, `.`, `..`, `@attr`,
//! `text()`, and predicates `[n]`, `[last()]`, `[@a='v']`, `[name='v']`, `[@a]`, `[name]`.
//! Names match the qualified name as written in the document, or its local name when the step
//! has no prefix.

use crate::error::RmlError;
use quick_xml::events::Event;

#[derive(Debug)]
enum Child {
    Elem(usize),
    Text(String),
}

#[derive(Debug)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Child>,
    parent: Option<usize>,
}

/// A parsed XML document. Node 0 is the (virtual) document node.
#[derive(Debug)]
pub struct XmlDoc {
    elems: Vec<Elem>,
}

/// An item an XPath expression selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XItem<'a> {
    /// An element (by index into the document).
    Elem(usize),
    /// An attribute or text value.
    Str(&'a str),
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

impl XmlDoc {
    /// Parses a document; errors carry the byte position.
    pub fn parse(text: &str, name: &str) -> Result<Self, RmlError> {
        let mut reader = quick_xml::Reader::from_str(text);
        let mut elems = vec![Elem {
            name: String::new(),
            attrs: Vec::new(),
            children: Vec::new(),
            parent: None,
        }];
        let mut stack = vec![0usize];
        let err = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| {
            let pos = reader.buffer_position() as usize;
            let before = &text.as_bytes()[..pos.min(text.len())];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let col = pos
                - before
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |p| p + 1)
                + 1;
            RmlError::source(name, format!("{line}:{col}: invalid XML: {e}"))
        };
        loop {
            let ev = reader.read_event().map_err(|e| err(&reader, &e))?;
            match ev {
                Event::Start(ref s) | Event::Empty(ref s) => {
                    let qname = String::from_utf8_lossy(s.name().as_ref()).into_owned();
                    let mut attrs = Vec::new();
                    for a in s.attributes() {
                        let a = a.map_err(|e| err(&reader, &e))?;
                        let v = a
                            .unescape_value()
                            .map_err(|e| err(&reader, &e))?
                            .into_owned();
                        attrs.push((String::from_utf8_lossy(a.key.as_ref()).into_owned(), v));
                    }
                    let parent = *stack.last().unwrap_or(&0);
                    let id = elems.len();
                    elems.push(Elem {
                        name: qname,
                        attrs,
                        children: Vec::new(),
                        parent: Some(parent),
                    });
                    elems[parent].children.push(Child::Elem(id));
                    if matches!(ev, Event::Start(_)) {
                        stack.push(id);
                    }
                }
                Event::End(_) => {
                    if stack.len() <= 1 {
                        return Err(err(&reader, &"unbalanced end tag"));
                    }
                    stack.pop();
                }
                Event::Text(t) => {
                    let t = t.unescape().map_err(|e| err(&reader, &e))?;
                    let parent = *stack.last().unwrap_or(&0);
                    if parent != 0 {
                        elems[parent].children.push(Child::Text(t.into_owned()));
                    }
                }
                Event::CData(t) => {
                    let parent = *stack.last().unwrap_or(&0);
                    elems[parent]
                        .children
                        .push(Child::Text(String::from_utf8_lossy(&t).into_owned()));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if stack.len() != 1 {
            return Err(RmlError::source(name, "invalid XML: unclosed element"));
        }
        Ok(Self { elems })
    }

    /// The string value of an element: the concatenation of its descendant text.
    pub fn string_value(&self, id: usize) -> String {
        let mut s = String::new();
        self.collect_text(id, &mut s);
        s
    }

    fn collect_text(&self, id: usize, out: &mut String) {
        for c in &self.elems[id].children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Elem(e) => self.collect_text(*e, out),
            }
        }
    }

    fn child_elems(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        self.elems[id].children.iter().filter_map(|c| match c {
            Child::Elem(e) => Some(*e),
            Child::Text(_) => None,
        })
    }

    fn descendants_or_self(&self, id: usize, out: &mut Vec<usize>) {
        out.push(id);
        for c in self.child_elems(id).collect::<Vec<_>>() {
            self.descendants_or_self(c, out);
        }
    }

    fn name_matches(&self, id: usize, test: &str) -> bool {
        if id == 0 {
            return false;
        }
        let n = &self.elems[id].name;
        test == "*" || n == test || (!test.contains(':') && local(n) == test)
    }

    fn attr(&self, id: usize, test: &str) -> Option<&str> {
        self.elems[id]
            .attrs
            .iter()
            .find(|(k, _)| k == test || (!test.contains(':') && local(k) == test))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Pred {
    Index(usize),
    Last,
    AttrEq(String, String),
    ChildEq(String, String),
    HasAttr(String),
    HasChild(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Axis {
    Child(String),
    DescendantOrSelf,
    SelfNode,
    Parent,
    Attr(String),
    Text,
}

#[derive(Debug, Clone, PartialEq)]
struct XStep {
    axis: Axis,
    preds: Vec<Pred>,
}

/// A compiled XPath (subset) expression.
#[derive(Debug, Clone, PartialEq)]
pub struct XPath {
    absolute: bool,
    steps: Vec<XStep>,
}

impl XPath {
    /// Parses an expression.
    pub fn parse(expr: &str) -> Result<Self, RmlError> {
        let err = |m: String| RmlError::expr(expr, format!("invalid XPath: {m}"));
        let s = expr.trim();
        if s.is_empty() {
            return Err(err("empty expression".into()));
        }
        let absolute = s.starts_with('/');
        let mut steps = Vec::new();
        let mut rest = s;
        if absolute {
            if let Some(r) = rest.strip_prefix("//") {
                steps.push(XStep {
                    axis: Axis::DescendantOrSelf,
                    preds: vec![],
                });
                rest = r;
            } else {
                rest = &rest[1..];
            }
        }
        // Split on '/' outside brackets and quotes.
        let mut raw_steps = Vec::new();
        let mut depth = 0;
        let mut quote: Option<char> = None;
        let mut start = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '\'' | '"' if quote == Some(c) => quote = None,
                '\'' | '"' if quote.is_none() => quote = Some(c),
                '[' if quote.is_none() => depth += 1,
                ']' if quote.is_none() => depth -= 1,
                '/' if quote.is_none() && depth == 0 => {
                    raw_steps.push(&rest[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        if depth != 0 || quote.is_some() {
            return Err(err("unbalanced brackets or quotes".into()));
        }
        raw_steps.push(&rest[start..]);
        for raw in raw_steps {
            let raw = raw.trim();
            if raw.is_empty() {
                // from "a//b"
                steps.push(XStep {
                    axis: Axis::DescendantOrSelf,
                    preds: vec![],
                });
                continue;
            }
            let (head, preds_str) = match raw.find('[') {
                Some(p) => (&raw[..p], &raw[p..]),
                None => (raw, ""),
            };
            let axis = match head {
                "." => Axis::SelfNode,
                ".." => Axis::Parent,
                "text()" => Axis::Text,
                "node()" => Axis::Child("*".into()),
                h if h.starts_with('@') => Axis::Attr(h[1..].to_owned()),
                h if h.starts_with("attribute::") => Axis::Attr(h[11..].to_owned()),
                h if h.starts_with("child::") => Axis::Child(h[7..].to_owned()),
                h => {
                    if h.chars()
                        .any(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '*')))
                    {
                        return Err(err(format!("unsupported step {h:?}")));
                    }
                    Axis::Child(h.to_owned())
                }
            };
            let mut preds = Vec::new();
            let mut p = preds_str;
            while !p.is_empty() {
                let Some(inner_end) = p.find(']') else {
                    return Err(err("unterminated predicate".into()));
                };
                let inner = p[1..inner_end].trim();
                preds.push(
                    parse_pred(inner)
                        .ok_or_else(|| err(format!("unsupported predicate [{inner}]")))?,
                );
                p = p[inner_end + 1..].trim_start();
                if !p.is_empty() && !p.starts_with('[') {
                    return Err(err(format!("unexpected {p:?}")));
                }
            }
            steps.push(XStep { axis, preds });
        }
        Ok(Self { absolute, steps })
    }

    /// Evaluates the path from `context` (an element index; absolute paths start at the
    /// document node).
    pub fn select<'a>(&self, doc: &'a XmlDoc, context: usize) -> Vec<XItem<'a>> {
        let mut current: Vec<XItem<'a>> =
            vec![XItem::Elem(if self.absolute { 0 } else { context })];
        for step in &self.steps {
            let mut next: Vec<XItem<'a>> = Vec::new();
            for item in &current {
                let XItem::Elem(id) = *item else { continue };
                let mut sel: Vec<XItem<'a>> = match &step.axis {
                    Axis::Child(test) => doc
                        .child_elems(id)
                        .filter(|c| doc.name_matches(*c, test))
                        .map(XItem::Elem)
                        .collect(),
                    Axis::DescendantOrSelf => {
                        let mut v = Vec::new();
                        doc.descendants_or_self(id, &mut v);
                        v.into_iter().map(XItem::Elem).collect()
                    }
                    Axis::SelfNode => vec![XItem::Elem(id)],
                    Axis::Parent => doc.elems[id].parent.map(XItem::Elem).into_iter().collect(),
                    Axis::Attr(name) => {
                        if name == "*" {
                            doc.elems[id]
                                .attrs
                                .iter()
                                .map(|(_, v)| XItem::Str(v.as_str()))
                                .collect()
                        } else {
                            doc.attr(id, name).map(XItem::Str).into_iter().collect()
                        }
                    }
                    Axis::Text => doc.elems[id]
                        .children
                        .iter()
                        .filter_map(|c| match c {
                            Child::Text(t) => Some(XItem::Str(t.as_str())),
                            Child::Elem(_) => None,
                        })
                        .collect(),
                };
                for pred in &step.preds {
                    sel = filter(doc, sel, pred);
                }
                for s in sel {
                    if !next.contains(&s) || matches!(s, XItem::Str(_)) {
                        next.push(s);
                    }
                }
            }
            current = next;
        }
        current
    }
}

fn unquote(s: &str) -> Option<String> {
    let s = s.trim();
    let q = s.chars().next()?;
    if (q == '\'' || q == '"') && s.len() >= 2 && s.ends_with(q) {
        Some(s[1..s.len() - 1].to_owned())
    } else {
        None
    }
}

fn parse_pred(inner: &str) -> Option<Pred> {
    if let Ok(n) = inner.parse::<usize>() {
        return (n >= 1).then_some(Pred::Index(n));
    }
    if inner == "last()" {
        return Some(Pred::Last);
    }
    if let Some((l, r)) = inner.split_once('=') {
        let l = l.trim();
        let v = unquote(r)?;
        return Some(match l.strip_prefix('@') {
            Some(a) => Pred::AttrEq(a.to_owned(), v),
            None => Pred::ChildEq(l.to_owned(), v),
        });
    }
    Some(match inner.strip_prefix('@') {
        Some(a) => Pred::HasAttr(a.to_owned()),
        None => Pred::HasChild(inner.to_owned()),
    })
}

fn filter<'a>(doc: &'a XmlDoc, items: Vec<XItem<'a>>, pred: &Pred) -> Vec<XItem<'a>> {
    match pred {
        Pred::Index(n) => items.get(n - 1).copied().into_iter().collect(),
        Pred::Last => items.last().copied().into_iter().collect(),
        _ => items
            .into_iter()
            .filter(|it| {
                let XItem::Elem(id) = *it else { return false };
                match pred {
                    Pred::AttrEq(a, v) => doc.attr(id, a) == Some(v.as_str()),
                    Pred::HasAttr(a) => doc.attr(id, a).is_some(),
                    Pred::ChildEq(c, v) => doc
                        .child_elems(id)
                        .any(|ch| doc.name_matches(ch, c) && doc.string_value(ch) == *v),
                    Pred::HasChild(c) => doc.child_elems(id).any(|ch| doc.name_matches(ch, c)),
                    Pred::Index(_) | Pred::Last => true,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects() {
        let doc = XmlDoc::parse(
            r#"<?xml version="1.0"?><r><s id="1"><n>A &amp; B</n></s><s id="2"><n>C</n></s></r>"#,
            "t",
        )
        .unwrap();
        let it = XPath::parse("/r/s").unwrap().select(&doc, 0);
        assert_eq!(it.len(), 2);
        let XItem::Elem(first) = it[0] else { panic!() };
        let n = XPath::parse("n").unwrap().select(&doc, first);
        let XItem::Elem(n0) = n[0] else { panic!() };
        assert_eq!(doc.string_value(n0), "A & B");
        assert_eq!(
            XPath::parse("@id").unwrap().select(&doc, first),
            vec![XItem::Str("1")]
        );
        assert_eq!(
            XPath::parse("/r/s[@id='2']").unwrap().select(&doc, 0).len(),
            1
        );
        assert_eq!(XPath::parse("//n").unwrap().select(&doc, 0).len(), 2);
        assert_eq!(
            XPath::parse("/r/s[2]/n/text()").unwrap().select(&doc, 0),
            vec![XItem::Str("C")]
        );
    }
}
