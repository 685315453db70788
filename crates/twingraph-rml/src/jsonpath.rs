//! A JSONPath subset: `$`, `@`, `.key`, `['key']`, `["key"]`, `[n]` (negative from the end),
//! `[*]`, `.*`, `[a,b]` unions, `[start:end]` slices and `..` (recursive descent).
//! A path that does not start with `$` or `@` is relative to the current record (`Name` is
//! `$.Name`), as in legacy RML mappings.

use crate::error::RmlError;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Selector {
    Name(String),
    Index(i64),
    Wildcard,
    Slice(Option<i64>, Option<i64>),
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Child selection (one or more selectors: a union).
    Child(Vec<Selector>),
    /// Recursive descent followed by the selectors.
    Descendant(Vec<Selector>),
}

/// A compiled JSONPath expression.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPath {
    steps: Vec<Step>,
}

impl JsonPath {
    /// Parses an expression (strictly: trailing garbage such as `$.a[*]]` is an error).
    pub fn parse(expr: &str) -> Result<Self, RmlError> {
        let err = |m: &str| RmlError::expr(expr, format!("invalid JSONPath: {m}"));
        let chars: Vec<char> = expr.trim().chars().collect();
        let mut i = 0;
        let mut steps = Vec::new();
        if chars.first().is_some_and(|c| *c == '$' || *c == '@') {
            i = 1;
        } else if !chars.is_empty() {
            // Relative legacy reference: a bare name (possibly followed by more steps).
            let (name, next) = read_name(&chars, 0);
            if name.is_empty() {
                return Err(err("expected '$' or a name"));
            }
            steps.push(Step::Child(vec![Selector::Name(name)]));
            i = next;
        }
        while i < chars.len() {
            match chars[i] {
                '.' => {
                    let descendant = chars.get(i + 1) == Some(&'.');
                    i += if descendant { 2 } else { 1 };
                    let sels = if chars.get(i) == Some(&'*') {
                        i += 1;
                        vec![Selector::Wildcard]
                    } else if chars.get(i) == Some(&'[') && descendant {
                        let (sels, next) = parse_bracket(&chars, i).map_err(|m| err(&m))?;
                        i = next;
                        sels
                    } else {
                        let (name, next) = read_name(&chars, i);
                        if name.is_empty() {
                            return Err(err("expected a name after '.'"));
                        }
                        i = next;
                        vec![Selector::Name(name)]
                    };
                    steps.push(if descendant {
                        Step::Descendant(sels)
                    } else {
                        Step::Child(sels)
                    });
                }
                '[' => {
                    let (sels, next) = parse_bracket(&chars, i).map_err(|m| err(&m))?;
                    i = next;
                    steps.push(Step::Child(sels));
                }
                c => return Err(err(&format!("unexpected character {c:?}"))),
            }
        }
        Ok(Self { steps })
    }

    /// The values the path selects in `root`, in document order.
    pub fn select<'a>(&self, root: &'a Value) -> Vec<&'a Value> {
        let mut current = vec![root];
        for step in &self.steps {
            let mut next = Vec::new();
            match step {
                Step::Child(sels) => {
                    for v in &current {
                        apply(sels, v, &mut next);
                    }
                }
                Step::Descendant(sels) => {
                    for v in &current {
                        descend(sels, v, &mut next);
                    }
                }
            }
            current = next;
        }
        current
    }
}

fn read_name(chars: &[char], mut i: usize) -> (String, usize) {
    let mut name = String::new();
    while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
        name.push(chars[i]);
        i += 1;
    }
    (name, i)
}

fn parse_bracket(chars: &[char], start: usize) -> Result<(Vec<Selector>, usize), String> {
    let mut i = start + 1;
    let mut sels = Vec::new();
    loop {
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        match chars.get(i) {
            None => return Err("unterminated '['".into()),
            Some('*') => {
                sels.push(Selector::Wildcard);
                i += 1;
            }
            Some(q @ ('\'' | '"')) => {
                let q = *q;
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => return Err("unterminated string".into()),
                        Some('\\') => {
                            if let Some(c) = chars.get(i + 1) {
                                s.push(*c);
                            }
                            i += 2;
                        }
                        Some(c) if *c == q => {
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            s.push(*c);
                            i += 1;
                        }
                    }
                }
                sels.push(Selector::Name(s));
            }
            Some(c) if c.is_ascii_digit() || *c == '-' || *c == ':' => {
                let mut num = String::new();
                while let Some(c) = chars.get(i) {
                    if c.is_ascii_digit() || *c == '-' || *c == ':' {
                        num.push(*c);
                        i += 1;
                    } else {
                        break;
                    }
                }
                let parse = |s: &str| -> Result<Option<i64>, String> {
                    if s.is_empty() {
                        Ok(None)
                    } else {
                        s.parse().map(Some).map_err(|_| format!("bad index {s:?}"))
                    }
                };
                if let Some((a, b)) = num.split_once(':') {
                    sels.push(Selector::Slice(parse(a)?, parse(b)?));
                } else {
                    sels.push(Selector::Index(parse(&num)?.unwrap_or(0)));
                }
            }
            Some(c) => return Err(format!("unexpected character {c:?} in brackets")),
        }
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        match chars.get(i) {
            Some(',') => i += 1,
            Some(']') => return Ok((sels, i + 1)),
            _ => return Err("expected ',' or ']'".into()),
        }
    }
}

fn apply<'a>(sels: &[Selector], v: &'a Value, out: &mut Vec<&'a Value>) {
    for sel in sels {
        match (sel, v) {
            (Selector::Name(n), Value::Object(m)) => {
                if let Some(x) = m.get(n) {
                    out.push(x);
                }
            }
            (Selector::Wildcard, Value::Object(m)) => out.extend(m.values()),
            (Selector::Wildcard, Value::Array(a)) => out.extend(a.iter()),
            (Selector::Index(n), Value::Array(a)) => {
                let idx = if *n < 0 { a.len() as i64 + n } else { *n };
                if idx >= 0 {
                    if let Some(x) = a.get(idx as usize) {
                        out.push(x);
                    }
                }
            }
            (Selector::Slice(s, e), Value::Array(a)) => {
                let len = a.len() as i64;
                let norm = |x: i64| if x < 0 { (len + x).max(0) } else { x.min(len) };
                let s = norm(s.unwrap_or(0));
                let e = norm(e.unwrap_or(len));
                if s < e {
                    out.extend(&a[s as usize..e as usize]);
                }
            }
            _ => {}
        }
    }
}

fn descend<'a>(sels: &[Selector], v: &'a Value, out: &mut Vec<&'a Value>) {
    apply(sels, v, out);
    match v {
        Value::Object(m) => m.values().for_each(|c| descend(sels, c, out)),
        Value::Array(a) => a.iter().for_each(|c| descend(sels, c, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects() {
        let v: Value =
            serde_json::from_str(r#"{"a":[{"b":1,"c d":2},{"b":3}],"x":{"b":4}}"#).unwrap();
        let s = |p: &str| {
            JsonPath::parse(p)
                .unwrap()
                .select(&v)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(s("$.a[*].b"), vec![Value::from(1), Value::from(3)]);
        assert_eq!(s("$.a[0]['c d']"), vec![Value::from(2)]);
        assert_eq!(s("$.a[-1].b"), vec![Value::from(3)]);
        assert_eq!(s("$..b").len(), 3);
        assert_eq!(s("x.b"), vec![Value::from(4)]);
        assert!(JsonPath::parse("$.students[*]]").is_err());
        assert!(JsonPath::parse("$.a[").is_err());
    }
}
