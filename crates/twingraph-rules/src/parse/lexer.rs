//! Tokenizer for the SRL text syntax (SPARQL/Turtle terminals plus the RDF 1.2 brackets).

use crate::error::RuleError;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// `<…>` with the raw (unescaped, unresolved) IRI text.
    Iri(String),
    /// `prefix:local` (local name with escapes removed).
    PName(String, String),
    /// `_:label`.
    BNode(String),
    /// `?name` or `$name`.
    Var(String),
    /// A quoted string (escapes decoded).
    Str(String),
    /// `@lang` or `@lang--dir` right after a string.
    LangTag(String),
    /// An integer literal (with its sign).
    Integer(String),
    /// A decimal literal.
    Decimal(String),
    /// A double literal.
    Double(String),
    /// A bare word: keyword, `a`, `true`/`false` or a built-in function name.
    Word(String),
    /// Punctuation or operator.
    Punct(&'static str),
}

/// A token with its byte span and 1-based line/column.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub col: usize,
}

const PUNCTS: &[&str] = &[
    "<<(", ")>>", "<<", ">>", "{|", "|}", "^^", ":=", "&&", "||", "!=", "<=", ">=", "{", "}", "(",
    ")", "[", "]", ".", ",", ";", "~", "|", "/", "^", "*", "+", "?", "!", "=", "<", ">", "-",
];

/// Splits `text` into tokens, skipping white space and `#` comments.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, RuleError> {
    let mut lx = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        out: Vec::new(),
    };
    lx.run()?;
    Ok(lx.out)
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
    out: Vec<Token>,
}

fn is_pn_chars_base(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c as u32,
            0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x37D | 0x37F..=0x1FFF
            | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF | 0x3001..=0xD7FF
            | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF)
}

fn is_pn_chars_u(c: char) -> bool {
    is_pn_chars_base(c) || c == '_'
}

fn is_pn_chars(c: char) -> bool {
    is_pn_chars_u(c)
        || c == '-'
        || c.is_ascii_digit()
        || matches!(c as u32, 0xB7 | 0x300..=0x36F | 0x203F..=0x2040)
}

impl Lexer<'_> {
    fn err(&self, pos: usize, message: impl Into<String>) -> RuleError {
        let (line, col) = line_col(self.text, pos);
        RuleError::Syntax {
            line,
            column: col,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.text.get(self.pos + offset..)?.chars().next()
    }

    fn push(&mut self, tok: Tok, start: usize) {
        let (line, col) = line_col_fast(self.text, start, self.line, self.line_start);
        self.out.push(Token {
            tok,
            start,
            end: self.pos,
            line,
            col,
        });
    }

    fn run(&mut self) -> Result<(), RuleError> {
        while self.pos < self.bytes.len() {
            let c = self.peek().unwrap_or(' ');
            if c == '\n' {
                self.pos += 1;
                self.line += 1;
                self.line_start = self.pos;
                continue;
            }
            if c.is_whitespace() {
                self.pos += c.len_utf8();
                continue;
            }
            if c == '#' {
                while let Some(c) = self.peek() {
                    if c == '\n' {
                        break;
                    }
                    self.pos += c.len_utf8();
                }
                continue;
            }
            let start = self.pos;
            match c {
                '<' => {
                    if let Some(iri) = self.try_iri() {
                        self.push(Tok::Iri(iri), start);
                    } else {
                        self.punct(start)?;
                    }
                }
                '"' | '\'' => {
                    let s = self.string(c)?;
                    self.push(Tok::Str(s), start);
                    if self.peek() == Some('@') {
                        let lstart = self.pos;
                        self.pos += 1;
                        let tag = self.lang_tag(lstart)?;
                        self.push(Tok::LangTag(tag), lstart);
                    }
                }
                '?' | '$'
                    if self
                        .peek_at(1)
                        .is_some_and(|c| is_pn_chars_u(c) || c.is_ascii_digit()) =>
                {
                    self.pos += 1;
                    let name = self.var_name();
                    self.push(Tok::Var(name), start);
                }
                '_' if self.peek_at(1) == Some(':') => {
                    self.pos += 2;
                    let label = self.bnode_label(start)?;
                    self.push(Tok::BNode(label), start);
                }
                '0'..='9' => {
                    let tok = self.number(start);
                    self.push(tok, start);
                }
                '.' if self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => {
                    let tok = self.number(start);
                    self.push(tok, start);
                }
                '+' | '-'
                    if self.peek_at(1).is_some_and(|c| c.is_ascii_digit())
                        && !self.prev_is_operand() =>
                {
                    let tok = self.number(start);
                    self.push(tok, start);
                }
                ':' if self.peek_at(1) == Some('=') => self.punct(start)?,
                ':' => {
                    self.pos += 1;
                    let local = self.local_name(start)?;
                    self.push(Tok::PName(String::new(), local), start);
                }
                c if is_pn_chars_base(c) => {
                    let mut word = String::new();
                    while let Some(c) = self.peek() {
                        if is_pn_chars(c) || c == '.' {
                            word.push(c);
                            self.pos += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                    // A prefix cannot end with '.'.
                    while word.ends_with('.') {
                        word.pop();
                        self.pos -= 1;
                    }
                    if self.peek() == Some(':') {
                        self.pos += 1;
                        let local = self.local_name(start)?;
                        self.push(Tok::PName(word, local), start);
                    } else {
                        if word.contains('.') {
                            return Err(self.err(start, format!("unexpected word '{word}'")));
                        }
                        self.push(Tok::Word(word), start);
                    }
                }
                _ => self.punct(start)?,
            }
        }
        Ok(())
    }

    fn prev_is_operand(&self) -> bool {
        matches!(
            self.out.last().map(|t| &t.tok),
            Some(
                Tok::Var(_)
                    | Tok::Integer(_)
                    | Tok::Decimal(_)
                    | Tok::Double(_)
                    | Tok::Str(_)
                    | Tok::LangTag(_)
                    | Tok::Iri(_)
                    | Tok::PName(..)
                    | Tok::Punct(")")
            )
        )
    }

    fn punct(&mut self, start: usize) -> Result<(), RuleError> {
        let rest = &self.text[self.pos..];
        for p in PUNCTS {
            if rest.starts_with(p) {
                self.pos += p.len();
                self.push(Tok::Punct(p), start);
                return Ok(());
            }
        }
        let c = self.peek().unwrap_or(' ');
        Err(self.err(start, format!("unexpected character '{c}'")))
    }

    fn try_iri(&mut self) -> Option<String> {
        let rest = &self.text[self.pos + 1..];
        let mut end = None;
        for (i, c) in rest.char_indices() {
            match c {
                '>' => {
                    end = Some(i);
                    break;
                }
                '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' => return None,
                c if (c as u32) <= 0x20 => return None,
                _ => {}
            }
        }
        let end = end?;
        let iri = rest[..end].to_owned();
        self.pos += end + 2;
        Some(iri)
    }

    fn string(&mut self, quote: char) -> Result<String, RuleError> {
        let start = self.pos;
        let long = self.text[self.pos..].starts_with(&format!("{quote}{quote}{quote}"));
        self.pos += if long { 3 } else { 1 };
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err(start, "unterminated string"));
            };
            if long {
                if self.text[self.pos..].starts_with(&format!("{quote}{quote}{quote}")) {
                    self.pos += 3;
                    // More quotes right after belong to the string content.
                    return Ok(out);
                }
            } else if c == quote {
                self.pos += 1;
                return Ok(out);
            } else if c == '\n' || c == '\r' {
                return Err(self.err(self.pos, "line break in a short string"));
            }
            if c == '\\' {
                let esc = self
                    .peek_at(1)
                    .ok_or_else(|| self.err(self.pos, "bad escape"))?;
                self.pos += 2;
                match esc {
                    't' => out.push('\t'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    '"' => out.push('"'),
                    '\'' => out.push('\''),
                    '\\' => out.push('\\'),
                    'u' | 'U' => {
                        let n = if esc == 'u' { 4 } else { 8 };
                        let hex = self
                            .text
                            .get(self.pos..self.pos + n)
                            .ok_or_else(|| self.err(self.pos, "bad \\u escape"))?;
                        let ch = u32::from_str_radix(hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| self.err(self.pos, "bad \\u escape"))?;
                        out.push(ch);
                        self.pos += n;
                    }
                    _ => return Err(self.err(self.pos - 2, format!("bad escape '\\{esc}'"))),
                }
                continue;
            }
            if c == '\n' {
                self.line += 1;
                self.line_start = self.pos + 1;
            }
            out.push(c);
            self.pos += c.len_utf8();
        }
    }

    fn lang_tag(&mut self, start: usize) -> Result<String, RuleError> {
        let mut tag = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '-' {
                tag.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        let (main, dir) = match tag.split_once("--") {
            Some((m, d)) => (m, Some(d)),
            None => (tag.as_str(), None),
        };
        let ok_main = !main.is_empty()
            && main.split('-').enumerate().all(|(i, part)| {
                !part.is_empty()
                    && if i == 0 {
                        part.chars().all(|c| c.is_ascii_alphabetic())
                    } else {
                        part.chars().all(|c| c.is_ascii_alphanumeric())
                    }
            });
        let ok_dir = dir.is_none_or(|d| d == "ltr" || d == "rtl");
        if !ok_main || !ok_dir {
            return Err(self.err(start, format!("bad language tag '@{tag}'")));
        }
        Ok(tag)
    }

    fn var_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if is_pn_chars_u(c)
                || c.is_ascii_digit()
                || matches!(c as u32, 0xB7 | 0x300..=0x36F | 0x203F..=0x2040)
            {
                name.push(c);
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        name
    }

    fn bnode_label(&mut self, start: usize) -> Result<String, RuleError> {
        let mut label = String::new();
        while let Some(c) = self.peek() {
            if is_pn_chars(c) || c == '.' {
                label.push(c);
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        while label.ends_with('.') {
            label.pop();
            self.pos -= 1;
        }
        if label.is_empty() || label.starts_with('-') {
            return Err(self.err(start, "bad blank node label"));
        }
        Ok(label)
    }

    fn local_name(&mut self, start: usize) -> Result<String, RuleError> {
        let mut local = String::new();
        let mut raw_len_after_last_non_dot = self.pos;
        let mut value_len_after_last_non_dot = 0;
        let mut first = true;
        while let Some(c) = self.peek() {
            if c == '%' {
                let hex = self.text.get(self.pos + 1..self.pos + 3).unwrap_or("");
                if hex.len() != 2 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    return Err(self.err(self.pos, "bad percent escape in local name"));
                }
                local.push('%');
                local.push_str(hex);
                self.pos += 3;
            } else if c == '\\' {
                let e = self.peek_at(1).unwrap_or(' ');
                if !"_~.-!$&'()*+,;=/?#@%".contains(e) {
                    return Err(self.err(self.pos, "bad escape in local name"));
                }
                local.push(e);
                self.pos += 2;
            } else if is_pn_chars_u(c)
                || c == ':'
                || c.is_ascii_digit()
                || (!first && (is_pn_chars(c) || c == '.'))
            {
                local.push(c);
                self.pos += c.len_utf8();
            } else {
                break;
            }
            first = false;
            if !local.ends_with('.') {
                raw_len_after_last_non_dot = self.pos;
                value_len_after_last_non_dot = local.len();
            }
        }
        // A local name cannot end with '.': give the dots back.
        self.pos = raw_len_after_last_non_dot.max(start + 1);
        local.truncate(value_len_after_last_non_dot);
        Ok(local)
    }

    fn number(&mut self, _start: usize) -> Tok {
        let begin = self.pos;
        if matches!(self.peek(), Some('+' | '-')) {
            self.pos += 1;
        }
        let digits = |lx: &mut Self| {
            let s = lx.pos;
            while lx.peek().is_some_and(|c| c.is_ascii_digit()) {
                lx.pos += 1;
            }
            lx.pos - s
        };
        let int_digits = digits(self);
        let mut kind = 0; // 0 integer, 1 decimal, 2 double
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            digits(self);
            kind = 1;
        } else if self.peek() == Some('.')
            && int_digits > 0
            && matches!(self.peek_at(1), Some('e' | 'E'))
        {
            self.pos += 1;
            kind = 1;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.pos += 1;
            }
            if digits(self) > 0 {
                kind = 2;
            } else {
                self.pos = save;
            }
        }
        let text = self.text[begin..self.pos].to_owned();
        match kind {
            0 => Tok::Integer(text),
            1 => Tok::Decimal(text),
            _ => Tok::Double(text),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn line_col_fast(text: &str, pos: usize, line: usize, line_start: usize) -> (usize, usize) {
    if pos >= line_start {
        (line, text[line_start..pos].chars().count() + 1)
    } else {
        line_col(text, pos)
    }
}
