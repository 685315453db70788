//! Decoding of STEP string literals to Unicode (ISO 10303-21 §6.4.3).
//!
//! `''` is a quote; `\\` a backslash; `\X\hh` the ISO 8859-1 character `hh`;
//! `\X2\hhhh…\X0\` UTF-16 code units; `\X4\hhhhhhhh…\X0\` code points; `\S\c` the
//! character `c` + 128 of the current code page, chosen with `\PA\`…`\PI\` (ISO 8859-1 to
//! 8859-9; only part A, ISO 8859-1, maps exactly, the others are read as 8859-1 too).
//! Line breaks inside strings are not part of the value. Raw bytes above 127 are accepted
//! when they are valid UTF-8.

/// Why a string could not be decoded: the byte offset inside the string and a message;
/// `encoding` tells an invalid UTF-8 byte sequence from a bad escape.
#[derive(Debug)]
pub struct StringError {
    /// Offset inside the raw string (after the opening quote).
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// Whether this is an encoding (not an escape) problem.
    pub encoding: bool,
}

fn err(offset: usize, message: impl Into<String>) -> StringError {
    StringError {
        offset,
        message: message.into(),
        encoding: false,
    }
}

fn hex(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'F' => Some(u32::from(b - b'A' + 10)),
        b'a'..=b'f' => Some(u32::from(b - b'a' + 10)),
        _ => None,
    }
}

fn hex_n(raw: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = raw.get(at..at + n)?;
    s.iter().try_fold(0u32, |acc, &b| Some(acc * 16 + hex(b)?))
}

/// Decodes the raw bytes between the quotes of a string literal.
pub fn decode(raw: &[u8]) -> Result<String, StringError> {
    if !raw
        .iter()
        .any(|&b| matches!(b, b'\\' | b'\'' | b'\n' | b'\r'))
    {
        return match std::str::from_utf8(raw) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => Err(StringError {
                offset: e.valid_up_to(),
                message: "a byte sequence is not valid UTF-8".into(),
                encoding: true,
            }),
        };
    }
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    let mut plain_from = 0;
    let flush = |out: &mut String, from: usize, to: usize| -> Result<(), StringError> {
        match std::str::from_utf8(&raw[from..to]) {
            Ok(s) => {
                out.push_str(s);
                Ok(())
            }
            Err(e) => Err(StringError {
                offset: from + e.valid_up_to(),
                message: "a byte sequence is not valid UTF-8".into(),
                encoding: true,
            }),
        }
    };
    while i < raw.len() {
        match raw[i] {
            b'\'' => {
                flush(&mut out, plain_from, i)?;
                // The record splitter guarantees quotes come in pairs here.
                out.push('\'');
                i += 2;
                plain_from = i;
            }
            b'\n' | b'\r' => {
                flush(&mut out, plain_from, i)?;
                i += 1;
                plain_from = i;
            }
            b'\\' => {
                flush(&mut out, plain_from, i)?;
                i = escape(raw, i, &mut out)?;
                plain_from = i;
            }
            _ => i += 1,
        }
    }
    flush(&mut out, plain_from, raw.len())?;
    Ok(out)
}

/// Decodes the escape at `raw[i] == '\\'`, returns the offset after it.
fn escape(raw: &[u8], i: usize, out: &mut String) -> Result<usize, StringError> {
    let rest = &raw[i..];
    if rest.starts_with(b"\\\\") {
        out.push('\\');
        return Ok(i + 2);
    }
    if rest.starts_with(b"\\X\\") {
        let v = hex_n(raw, i + 3, 2).ok_or_else(|| err(i, "\\X\\ needs two hex digits"))?;
        out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
        return Ok(i + 5);
    }
    if rest.starts_with(b"\\X2\\") || rest.starts_with(b"\\X4\\") {
        let width = if rest[2] == b'2' { 4 } else { 8 };
        let mut j = i + 4;
        let mut units: Vec<u16> = Vec::new();
        loop {
            if raw[j..].starts_with(b"\\X0\\") {
                j += 4;
                break;
            }
            let v = hex_n(raw, j, width).ok_or_else(|| {
                err(
                    j,
                    format!(
                        "\\X{}\\ needs groups of {width} hex digits ended by \\X0\\",
                        width / 2
                    ),
                )
            })?;
            if width == 4 {
                units.push(v as u16);
            } else {
                out.push(
                    char::from_u32(v)
                        .ok_or_else(|| err(j, format!("U+{v:X} is not a character")))?,
                );
            }
            j += width;
        }
        if width == 4 {
            for c in char::decode_utf16(units) {
                out.push(c.map_err(|_| err(i, "\\X2\\ holds an unpaired UTF-16 surrogate"))?);
            }
        }
        return Ok(j);
    }
    if rest.starts_with(b"\\S\\") {
        let c = *raw
            .get(i + 3)
            .ok_or_else(|| err(i, "\\S\\ needs a character"))?;
        if !(0x20..0x7f).contains(&c) {
            return Err(err(i, "\\S\\ needs a printable ASCII character"));
        }
        out.push(char::from(c + 128));
        return Ok(i + 4);
    }
    if rest.len() >= 4 && rest[1] == b'P' && (b'A'..=b'I').contains(&rest[2]) && rest[3] == b'\\' {
        return Ok(i + 4);
    }
    Err(err(
        i,
        format!(
            "unknown escape `{}`",
            String::from_utf8_lossy(&rest[..rest.len().min(4)])
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_escapes() {
        assert_eq!(decode(b"plain").unwrap(), "plain");
        assert_eq!(decode(b"it''s").unwrap(), "it's");
        assert_eq!(decode(b"a\\\\b").unwrap(), "a\\b");
        assert_eq!(decode(b"Stra\\X\\DFe").unwrap(), "Straße");
        assert_eq!(decode(b"\\X2\\00E400F6\\X0\\x").unwrap(), "äöx");
        assert_eq!(decode(b"\\X2\\D83DDE00\\X0\\").unwrap(), "😀");
        assert_eq!(decode(b"\\X4\\0001F600\\X0\\").unwrap(), "😀");
        assert_eq!(decode(b"\\PA\\\\S\\d").unwrap(), "ä");
        assert_eq!(decode("raw ü".as_bytes()).unwrap(), "raw ü");
        assert_eq!(decode(b"two\r\nlines").unwrap(), "twolines");
    }

    #[test]
    fn rejects_bad_escapes_and_bytes() {
        assert!(!decode(b"\\X\\G1").unwrap_err().encoding);
        assert!(!decode(b"\\X2\\00E4").unwrap_err().encoding);
        assert!(!decode(b"\\Q\\").unwrap_err().encoding);
        assert!(!decode(b"\\X2\\D83D\\X0\\").unwrap_err().encoding);
        let e = decode(b"ab\xffc").unwrap_err();
        assert!(e.encoding);
        assert_eq!(e.offset, 2);
    }
}
