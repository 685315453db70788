//! Parses one record into an entity instance, a header entity or a section keyword.

use super::lexer::Record;
use super::strings;
use super::value::{Entity, Interner, Value};
use crate::error::{IfcError, Position};

/// What a record holds.
#[derive(Debug)]
pub enum Parsed {
    /// A bare keyword such as `HEADER`, `DATA`, `ENDSEC`, `ISO-10303-21`.
    Keyword(String),
    /// A header entity `NAME(args)` (no instance number).
    Header(String, Vec<Value>),
    /// A data instance `#n=…`.
    Instance(Entity),
}

const MAX_DEPTH: usize = 64;

struct Parser<'r, 'a> {
    rec: &'r Record<'a>,
    b: &'a [u8],
    pos: usize,
    entity: Option<u64>,
}

/// Parses a record.
pub fn parse(rec: &Record<'_>, interner: &mut Interner) -> Result<Parsed, IfcError> {
    let mut p = Parser {
        rec,
        b: rec.bytes,
        pos: rec.start,
        entity: None,
    };
    p.skip_ws();
    if p.peek() == Some(b'#') {
        p.pos += 1;
        let id = p.integer_id()?;
        p.entity = Some(id);
        p.skip_ws();
        p.expect(b'=')?;
        p.skip_ws();
        let (type_id, args) = if p.peek() == Some(b'(') {
            p.pos += 1;
            let mut parts = Vec::new();
            loop {
                p.skip_ws();
                if p.peek() == Some(b')') {
                    p.pos += 1;
                    break;
                }
                let name = p.keyword()?;
                let t = interner.intern(name);
                p.skip_ws();
                let args = p.list(interner, 0)?;
                parts.push(Value::Typed(t, Box::new(Value::List(args))));
            }
            (Interner::COMPLEX, parts)
        } else {
            let name = p.keyword()?;
            let t = interner.intern(name);
            p.skip_ws();
            (t, p.list(interner, 0)?)
        };
        p.end()?;
        return Ok(Parsed::Instance(Entity {
            id,
            type_id,
            args,
            line: rec.line,
        }));
    }
    let name = String::from_utf8_lossy(p.keyword()?).into_owned();
    p.skip_ws();
    if p.peek() == Some(b'(') {
        let args = p.list(interner, 0)?;
        p.end()?;
        Ok(Parsed::Header(name, args))
    } else {
        p.end()?;
        Ok(Parsed::Keyword(name))
    }
}

impl Parser<'_, '_> {
    fn at(&self, offset: usize) -> Position {
        self.rec.position(offset, self.entity)
    }

    fn syntax(&self, message: impl Into<String>) -> IfcError {
        IfcError::Syntax {
            at: self.at(self.pos),
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Result<(), IfcError> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(format!("expected `{}`{}", c as char, self.found())))
        }
    }

    fn found(&self) -> String {
        match self.peek() {
            Some(c) if c.is_ascii_graphic() => format!(", found `{}`", c as char),
            Some(c) => format!(", found byte 0x{c:02X}"),
            None => ", found the end of the record".into(),
        }
    }

    fn end(&mut self) -> Result<(), IfcError> {
        self.skip_ws();
        if self.pos < self.b.len() {
            Err(self.syntax(format!("unexpected text after the record{}", self.found())))
        } else {
            Ok(())
        }
    }

    fn integer_id(&mut self) -> Result<u64, IfcError> {
        let start = self.pos;
        let mut v: u64 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(c - b'0')))
                .ok_or_else(|| self.syntax("instance number too large"))?;
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.syntax(format!("expected an instance number{}", self.found())));
        }
        Ok(v)
    }

    fn keyword(&mut self) -> Result<&[u8], IfcError> {
        let start = self.pos;
        if self.peek() == Some(b'!') {
            self.pos += 1;
        }
        match self.peek() {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => self.pos += 1,
            _ => return Err(self.syntax(format!("expected a keyword{}", self.found()))),
        }
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' {
                self.pos += 1;
            } else {
                break;
            }
        }
        Ok(&self.b[start..self.pos])
    }

    /// `( value, value, … )`, the opening parenthesis next.
    fn list(&mut self, interner: &mut Interner, depth: usize) -> Result<Vec<Value>, IfcError> {
        if depth > MAX_DEPTH {
            return Err(self.syntax("lists nested too deeply"));
        }
        self.expect(b'(')?;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b')') {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            self.skip_ws();
            items.push(self.value(interner, depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    return Ok(items);
                }
                _ => return Err(self.syntax(format!("expected `,` or `)`{}", self.found()))),
            }
        }
    }

    fn value(&mut self, interner: &mut Interner, depth: usize) -> Result<Value, IfcError> {
        match self.peek() {
            Some(b'$') => {
                self.pos += 1;
                Ok(Value::Null)
            }
            Some(b'*') => {
                self.pos += 1;
                Ok(Value::Derived)
            }
            Some(b'#') => {
                self.pos += 1;
                Ok(Value::Ref(self.integer_id()?))
            }
            Some(b'\'') => self.string(),
            Some(b'"') => {
                let start = self.pos + 1;
                let end = start
                    + self.b[start..]
                        .iter()
                        .position(|&c| c == b'"')
                        .ok_or_else(|| self.syntax("unterminated binary"))?;
                let digits = &self.b[start..end];
                if digits.is_empty() || !digits.iter().all(u8::is_ascii_hexdigit) {
                    return Err(self.syntax("a binary must be hexadecimal digits"));
                }
                self.pos = end + 1;
                Ok(Value::Binary(
                    String::from_utf8_lossy(digits)
                        .into_owned()
                        .into_boxed_str(),
                ))
            }
            Some(b'.') => {
                let start = self.pos + 1;
                let mut end = start;
                while let Some(c) = self.b.get(end) {
                    if c.is_ascii_alphanumeric() || *c == b'_' {
                        end += 1;
                    } else {
                        break;
                    }
                }
                if end == start || self.b.get(end) != Some(&b'.') {
                    self.pos = end;
                    return Err(self.syntax("an enumeration must be `.NAME.`"));
                }
                self.pos = end + 1;
                Ok(Value::Enum(
                    String::from_utf8_lossy(&self.b[start..end])
                        .into_owned()
                        .into_boxed_str(),
                ))
            }
            Some(b'(') => Ok(Value::List(self.list(interner, depth + 1)?)),
            Some(b'-' | b'+' | b'0'..=b'9') => self.number(),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' || c == b'!' => {
                let name = self.keyword()?;
                let t = interner.intern(name);
                self.skip_ws();
                self.expect(b'(')?;
                self.skip_ws();
                let inner = self.value(interner, depth + 1)?;
                self.skip_ws();
                self.expect(b')')?;
                Ok(Value::Typed(t, Box::new(inner)))
            }
            _ => Err(self.syntax(format!("expected a value{}", self.found()))),
        }
    }

    fn string(&mut self) -> Result<Value, IfcError> {
        let start = self.pos + 1;
        let mut i = start;
        loop {
            match self.b.get(i) {
                Some(b'\'') if self.b.get(i + 1) == Some(&b'\'') => i += 2,
                Some(b'\'') => break,
                Some(_) => i += 1,
                None => return Err(self.syntax("unterminated string")),
            }
        }
        let raw = &self.b[start..i];
        self.pos = i + 1;
        match strings::decode(raw) {
            Ok(s) => Ok(Value::String(s.into_boxed_str())),
            Err(e) => {
                let at = self.at(start + e.offset);
                Err(if e.encoding {
                    IfcError::Encoding {
                        at,
                        message: e.message,
                    }
                } else {
                    IfcError::BadEscape {
                        at,
                        message: e.message,
                    }
                })
            }
        }
    }

    fn number(&mut self) -> Result<Value, IfcError> {
        let start = self.pos;
        let mut real = false;
        if let Some(b'-' | b'+') = self.peek() {
            self.pos += 1;
        }
        while let Some(c) = self.peek() {
            match c {
                b'0'..=b'9' => {}
                b'.' | b'E' | b'e' => real = true,
                b'-' | b'+' if matches!(self.b[self.pos - 1], b'E' | b'e') => {}
                _ => break,
            }
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.b[start..self.pos]).unwrap_or_default();
        let bad = |p: &Self| p.syntax(format!("invalid number `{text}`"));
        if real {
            text.parse::<f64>().map(Value::Real).map_err(|_| bad(self))
        } else {
            text.parse::<i64>()
                .map(Value::Integer)
                .or_else(|_| text.parse::<f64>().map(Value::Real))
                .map_err(|_| bad(self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::step::lexer::RecordReader;

    fn one(text: &str) -> Result<(Parsed, Interner), IfcError> {
        let mut r = RecordReader::new(text.as_bytes());
        let rec = r.next_record("x")?.unwrap();
        let mut i = Interner::default();
        let p = parse(&rec, &mut i)?;
        Ok((p, i))
    }

    #[test]
    fn parses_all_value_kinds() {
        let (p, i) = one(
            "#12 = IFCX('a''b\\X\\E9', #3, $, *, .T., .ELEMENT., IFCLABEL('x'), ((1,2),()), -12, 1.E-5, -0.5, 3., \"0FA\", 2.5E+3);",
        )
        .unwrap();
        let Parsed::Instance(e) = p else { panic!() };
        assert_eq!(e.id, 12);
        assert_eq!(i.name(e.type_id), "IFCX");
        let label = i.get("IFCLABEL").unwrap();
        assert_eq!(
            e.args,
            vec![
                Value::String("a'bé".into()),
                Value::Ref(3),
                Value::Null,
                Value::Derived,
                Value::Enum("T".into()),
                Value::Enum("ELEMENT".into()),
                Value::Typed(label, Box::new(Value::String("x".into()))),
                Value::List(vec![
                    Value::List(vec![Value::Integer(1), Value::Integer(2)]),
                    Value::List(vec![])
                ]),
                Value::Integer(-12),
                Value::Real(1e-5),
                Value::Real(-0.5),
                Value::Real(3.0),
                Value::Binary("0FA".into()),
                Value::Real(2500.0),
            ]
        );
    }

    #[test]
    fn parses_header_keyword_and_complex() {
        let (p, _) = one("FILE_SCHEMA(('IFC4'));").unwrap();
        assert!(matches!(p, Parsed::Header(n, _) if n == "FILE_SCHEMA"));
        let (p, _) = one("END-ISO-10303-21;").unwrap();
        assert!(matches!(p, Parsed::Keyword(n) if n == "END-ISO-10303-21"));
        let (p, _) = one("#5=(A(1)B((2,3)));").unwrap();
        let Parsed::Instance(e) = p else { panic!() };
        assert_eq!(e.type_id, Interner::COMPLEX);
        assert_eq!(e.args.len(), 2);
    }

    #[test]
    fn reports_positions() {
        let err = one("\n#7=IFCX(1,\n  'a\\Q\\b');").unwrap_err();
        match err {
            IfcError::BadEscape { at, .. } => {
                assert_eq!((at.line, at.column, at.entity), (3, 5, Some(7)));
            }
            e => panic!("{e:?}"),
        }
        let err = one("#7=IFCX(1 2);").unwrap_err();
        assert!(matches!(err, IfcError::Syntax { at, .. } if at.column == 11));
    }
}
