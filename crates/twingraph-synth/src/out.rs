//! Output helpers: a tiny deterministic CSV writer and file bookkeeping.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::SynthError;

/// Quote a CSV field only when needed (comma, quote, CR or LF).
pub fn field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// Always quote a field (Code-Point Open style).
pub fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One file being written.
pub struct FileW {
    w: BufWriter<File>,
    path: PathBuf,
    bytes: u64,
    /// Rows or records written (excluding the header).
    pub rows: u64,
    crlf: bool,
}

impl FileW {
    /// Write raw text.
    pub fn raw(&mut self, s: &str) -> Result<(), SynthError> {
        self.bytes += s.len() as u64;
        self.w
            .write_all(s.as_bytes())
            .map_err(|e| SynthError::io(&self.path, e))
    }
    /// Write one CSV row from fields (quoted as needed), without counting it.
    pub fn header<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<(), SynthError> {
        let line = fields
            .iter()
            .map(|f| field(f.as_ref()).into_owned())
            .collect::<Vec<_>>()
            .join(",");
        self.raw(&line)?;
        self.raw(if self.crlf { "\r\n" } else { "\n" })
    }
    /// Write one CSV row from fields (quoted as needed).
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) -> Result<(), SynthError> {
        self.header(fields)?;
        self.rows += 1;
        Ok(())
    }
    /// Write one pre-formatted line and count it as a record.
    pub fn line(&mut self, s: &str) -> Result<(), SynthError> {
        self.raw(s)?;
        self.raw(if self.crlf { "\r\n" } else { "\n" })?;
        self.rows += 1;
        Ok(())
    }
}

/// The output folder and the list of written files.
pub struct Out<'a> {
    root: PathBuf,
    /// Written files: (relative path, bytes, rows).
    pub files: Vec<(PathBuf, u64, u64)>,
    progress: &'a dyn Fn(&str),
}

impl<'a> Out<'a> {
    /// An output folder.
    pub fn new(root: &Path, progress: &'a dyn Fn(&str)) -> Self {
        Out {
            root: root.to_path_buf(),
            files: vec![],
            progress,
        }
    }

    /// Write the file at `rel` with `body`; CRLF line ends when `crlf`.
    pub fn file(
        &mut self,
        rel: &str,
        crlf: bool,
        body: impl FnOnce(&mut FileW) -> Result<(), SynthError>,
    ) -> Result<(), SynthError> {
        (self.progress)(rel);
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| SynthError::io(dir, e))?;
        }
        let f = File::create(&path).map_err(|e| SynthError::io(&path, e))?;
        let mut fw = FileW {
            w: BufWriter::with_capacity(1 << 20, f),
            path: path.clone(),
            bytes: 0,
            rows: 0,
            crlf,
        };
        body(&mut fw)?;
        fw.w.flush().map_err(|e| SynthError::io(&path, e))?;
        self.files.push((PathBuf::from(rel), fw.bytes, fw.rows));
        Ok(())
    }
}
