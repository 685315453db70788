//! String templates (`"http://example.com/{ID}/{Name}"`) and IRI-safe percent-encoding.

use crate::error::RmlError;

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    /// Text copied as is (escapes `\{`, `\}`, `\\` already resolved).
    Text(String),
    /// A reference (between `{` and `}`), evaluated against the record.
    Reference(String),
}

/// Parses a template: `{` … `}` delimit references; `\{`, `\}` and `\\` are escapes (also
/// inside references). Unbalanced or nested braces, empty references and a dangling or
/// unknown backslash escape are errors.
pub fn parse_template(template: &str) -> Result<Vec<TemplatePart>, RmlError> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut in_ref = false;
    let mut chars = template.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('{' | '}' | '\\')) => current.push(e),
                Some(other) => {
                    return Err(RmlError::expr(
                        template,
                        format!("invalid escape sequence \\{other} in template"),
                    ));
                }
                None => {
                    return Err(RmlError::expr(template, "template ends with a backslash"));
                }
            },
            '{' => {
                if in_ref {
                    return Err(RmlError::expr(
                        template,
                        "unescaped '{' inside a template reference",
                    ));
                }
                if !current.is_empty() {
                    parts.push(TemplatePart::Text(std::mem::take(&mut current)));
                }
                in_ref = true;
            }
            '}' => {
                if !in_ref {
                    return Err(RmlError::expr(
                        template,
                        "unescaped '}' outside a template reference",
                    ));
                }
                if current.is_empty() {
                    return Err(RmlError::expr(template, "empty reference {} in template"));
                }
                parts.push(TemplatePart::Reference(std::mem::take(&mut current)));
                in_ref = false;
            }
            c => current.push(c),
        }
    }
    if in_ref {
        return Err(RmlError::expr(template, "unterminated '{' in template"));
    }
    if !current.is_empty() {
        parts.push(TemplatePart::Text(current));
    }
    Ok(parts)
}

fn is_ucschar(c: char) -> bool {
    matches!(c as u32,
        0xA0..=0xD7FF
        | 0xF900..=0xFDCF
        | 0xFDF0..=0xFFEF
        | 0x10000..=0x1FFFD
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD
        | 0x40000..=0x4FFFD
        | 0x50000..=0x5FFFD
        | 0x60000..=0x6FFFD
        | 0x70000..=0x7FFFD
        | 0x80000..=0x8FFFD
        | 0x90000..=0x9FFFD
        | 0xA0000..=0xAFFFD
        | 0xB0000..=0xBFFFD
        | 0xC0000..=0xCFFFD
        | 0xD0000..=0xDFFFD
        | 0xE1000..=0xEFFFD)
}

fn push_encoded(out: &mut String, c: char) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        out.push('%');
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
}

/// The IRI-safe form of a value (R2RML §7.3, RML-Core): every character that is not
/// `iunreserved` (ASCII letters, digits, `-._~` and the non-ASCII `ucschar`) is
/// percent-encoded as UTF-8 with upper-case hex digits.
pub fn iri_safe(value: &str, out: &mut String) {
    for c in value.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') || is_ucschar(c) {
            out.push(c);
        } else {
            push_encoded(out, c);
        }
    }
}

/// The URI-safe form of a value (`rml:URI` term type): only ASCII `unreserved` characters are
/// kept, everything else (including non-ASCII) is percent-encoded.
pub fn uri_safe(value: &str, out: &mut String) {
    for c in value.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~') {
            out.push(c);
        } else {
            push_encoded(out, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_escapes() {
        let p = parse_template(r"\{\{ {$['ISO 3166']} \}\}").unwrap();
        assert_eq!(
            p,
            vec![
                TemplatePart::Text("{{ ".into()),
                TemplatePart::Reference("$['ISO 3166']".into()),
                TemplatePart::Text(" }}".into())
            ]
        );
        let p = parse_template(r"http://ex/{$['\{Name\}']}").unwrap();
        assert_eq!(p[1], TemplatePart::Reference("$['{Name}']".into()));
    }

    #[test]
    fn rejects_bad_templates() {
        for t in ["{{Name}}", "{Name", "Name}", "{}", r"{\\{Name\\}}", r"a\b"] {
            assert!(parse_template(t).is_err(), "{t}");
        }
    }

    #[test]
    fn encodes() {
        let mut s = String::new();
        iri_safe("Zoë Krüger/(x),", &mut s);
        assert_eq!(s, "Zoë%20Krüger%2F%28x%29%2C");
        let mut s = String::new();
        uri_safe("Zoë", &mut s);
        assert_eq!(s, "Zo%C3%AB");
    }
}
