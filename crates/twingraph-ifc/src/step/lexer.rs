//! Splits a STEP physical file into records (`…;`) while streaming over a [`BufRead`].
//!
//! Strings (`'…'`, with `''` inside) and binaries (`"…"`) may contain `;`; comments
//! (`/* … */`) are removed (their line breaks are kept so that positions stay right).
//! Each record knows the line and column of its first byte.

use crate::error::{IfcError, Position};
use std::io::BufRead;

/// Bytes that change the state outside strings.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b';' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'"' as usize] = true;
    t[b'*' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    Str,
    Binary,
    Comment { star: bool },
}

/// One record: the bytes before its `;` (comments removed) and where it starts.
#[derive(Debug)]
pub struct Record<'a> {
    /// The record's bytes, without the final `;`, leading whitespace included.
    pub bytes: &'a [u8],
    /// Line of the first non-blank byte.
    pub line: u32,
    /// Column of the first non-blank byte.
    pub column: u32,
    /// Offset of the first non-blank byte in `bytes`.
    pub start: usize,
}

impl Record<'_> {
    /// The position of byte `offset` of the record.
    pub fn position(&self, offset: usize, entity: Option<u64>) -> Position {
        let (mut line, mut column) = (self.line, self.column);
        let end = offset.min(self.bytes.len());
        for &b in &self.bytes[self.start.min(end)..end] {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        Position {
            line,
            column,
            entity,
        }
    }
}

/// Reads records one by one.
pub struct RecordReader<R> {
    inner: R,
    buf: Vec<u8>,
    state: State,
    line: u32,
    /// Absolute offset of the start of the current line.
    line_start: u64,
    /// Absolute offset of the next byte to read.
    offset: u64,
    /// Start of the current record: (line, column, offset in `buf`).
    started: Option<(u32, u32, usize)>,
    /// Bytes read so far.
    pub bytes_read: u64,
}

impl<R: BufRead> RecordReader<R> {
    /// A reader over `inner`.
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            buf: Vec::with_capacity(4096),
            state: State::Normal,
            line: 1,
            line_start: 0,
            offset: 0,
            started: None,
            bytes_read: 0,
        }
    }

    /// The current position (after the last record read).
    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: (self.offset - self.line_start + 1) as u32,
            entity: None,
        }
    }

    /// The next record, or `None` at the end of the input. A record that the input ends
    /// in the middle of is an error (`expected` names what should have come).
    pub fn next_record(&mut self, expected: &'static str) -> Result<Option<Record<'_>>, IfcError> {
        self.buf.clear();
        self.started = None;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            };
            if chunk.is_empty() {
                if self.started.is_some() || self.state != State::Normal {
                    return Err(IfcError::Truncated {
                        at: self.position(),
                        expected: match self.state {
                            State::Str => "the end of a string (')",
                            State::Binary => "the end of a binary (\")",
                            State::Comment { .. } => "the end of a comment (*/)",
                            State::Normal => "the end of a record (;)",
                        },
                    });
                }
                let _ = expected;
                return Ok(None);
            }
            let n = chunk.len();
            let mut copy_from = 0;
            let mut end = None;
            let mut i = 0;
            while i < n {
                // Fast path inside a record: skip to the next byte that matters.
                if self.started.is_some() {
                    match self.state {
                        State::Normal => {
                            while i < n && !SPECIAL[chunk[i] as usize] {
                                i += 1;
                            }
                        }
                        State::Str => {
                            while i < n && chunk[i] != b'\'' && chunk[i] != b'\n' {
                                i += 1;
                            }
                        }
                        _ => {}
                    }
                    if i == n {
                        break;
                    }
                }
                let b = chunk[i];
                match self.state {
                    State::Normal => match b {
                        b';' => {
                            end = Some(i);
                            break;
                        }
                        b'\'' => self.state = State::Str,
                        b'"' => self.state = State::Binary,
                        b'*' => {
                            let slash = if i > copy_from {
                                chunk[i - 1] == b'/'
                            } else {
                                self.buf.last() == Some(&b'/')
                            };
                            if slash {
                                self.buf.extend_from_slice(&chunk[copy_from..i]);
                                self.buf.pop();
                                self.state = State::Comment { star: false };
                                copy_from = i + 1;
                            }
                        }
                        b'\n' => {
                            self.line += 1;
                            self.line_start = self.offset + i as u64 + 1;
                        }
                        b' ' | b'\t' | b'\r' | b'/' => {}
                        _ => {
                            if self.started.is_none() {
                                let col = (self.offset + i as u64 - self.line_start + 1) as u32;
                                let at = self.buf.len() + (i - copy_from);
                                self.started = Some((self.line, col, at));
                            }
                        }
                    },
                    State::Str => match b {
                        b'\'' => self.state = State::Normal,
                        b'\n' => {
                            self.line += 1;
                            self.line_start = self.offset + i as u64 + 1;
                        }
                        _ => {}
                    },
                    State::Binary => match b {
                        b'"' => self.state = State::Normal,
                        b'\n' => {
                            self.line += 1;
                            self.line_start = self.offset + i as u64 + 1;
                        }
                        _ => {}
                    },
                    State::Comment { star } => match b {
                        b'/' if star => {
                            self.state = State::Normal;
                            copy_from = i + 1;
                        }
                        b'*' => self.state = State::Comment { star: true },
                        b'\n' => {
                            self.line += 1;
                            self.line_start = self.offset + i as u64 + 1;
                            self.buf.push(b'\n');
                            self.state = State::Comment { star: false };
                        }
                        _ => self.state = State::Comment { star: false },
                    },
                }
                // A quote opening a string also starts a record (e.g. a record `'x';`).
                if self.started.is_none() && matches!(self.state, State::Str | State::Binary) {
                    let col = (self.offset + i as u64 - self.line_start + 1) as u32;
                    let at = self.buf.len() + (i - copy_from);
                    self.started = Some((self.line, col, at));
                }
                i += 1;
            }
            let consumed = match end {
                Some(e) => {
                    if !matches!(self.state, State::Comment { .. }) {
                        self.buf.extend_from_slice(&chunk[copy_from..e]);
                    }
                    e + 1
                }
                None => {
                    if !matches!(self.state, State::Comment { .. }) {
                        self.buf.extend_from_slice(&chunk[copy_from..n]);
                    }
                    n
                }
            };
            self.inner.consume(consumed);
            self.offset += consumed as u64;
            self.bytes_read += consumed as u64;
            if end.is_some() {
                let (line, column, start) = self.started.unwrap_or((self.line, 1, 0));
                return Ok(Some(Record {
                    bytes: &self.buf,
                    line,
                    column,
                    start,
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, chunk: usize) -> Vec<(String, u32, u32)> {
        let reader = std::io::BufReader::with_capacity(chunk, text.as_bytes());
        let mut r = RecordReader::new(reader);
        let mut out = Vec::new();
        while let Some(rec) = r.next_record("x").unwrap() {
            out.push((
                String::from_utf8(rec.bytes[rec.start..].to_vec()).unwrap(),
                rec.line,
                rec.column,
            ));
        }
        out
    }

    #[test]
    fn splits_records_with_strings_and_comments() {
        let text = "A;\n /* c;\n */ #1=X('a;''b',\"0F\");\n#2=Y(/**/1)/* x */;";
        for chunk in [1, 2, 3, 7, 1024] {
            let r = records(text, chunk);
            assert_eq!(r.len(), 3, "chunk {chunk}");
            assert_eq!(r[0], ("A".into(), 1, 1));
            assert_eq!(r[1], ("#1=X('a;''b',\"0F\")".into(), 3, 5));
            assert_eq!(r[2], ("#2=Y(1)".into(), 4, 1));
        }
    }

    #[test]
    fn truncated_string_is_an_error() {
        let reader = std::io::BufReader::new("#1=X('abc);\n".as_bytes());
        let mut r = RecordReader::new(reader);
        assert!(matches!(
            r.next_record("x"),
            Err(IfcError::Truncated { .. })
        ));
    }
}
