//! Parallel parsing of large N-Triples and N-Quads files for the bulk loader.
//!
//! The file is split at line boundaries and each piece is parsed on its own thread, while
//! another thread hashes the file. oxigraph's own parallel loader renames blank nodes per
//! piece, which breaks a blank node that is used in two pieces (`_:b1` in the first half and
//! in the second half become two different nodes). Here blank-node labels are renamed by a
//! keyed hash instead — the same label gives the same node in every piece of one load, and
//! different loads never collide — so the result is exactly what the sequential parser gives.
//!
//! Piece parsers count lines from the start of their piece, so on a syntax error the caller
//! re-reads the file sequentially to report the true line and column.

use crate::error::LoadError;
use crate::load::hex;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{BlankNode, GraphName, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;

/// Quads sent from a parser thread at a time.
const BATCH: usize = 100_000;

/// What a parallel parse produced, besides the quads given to `sink`.
pub(crate) struct ParallelOutcome {
    /// Quads read.
    pub triples: u64,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// File size in bytes.
    pub bytes: u64,
}

/// Why a parallel parse stopped.
pub(crate) enum ParallelError {
    /// A piece had a syntax error: re-read sequentially to locate it.
    Syntax,
    /// Anything else (I/O, storage).
    Load(LoadError),
}

impl From<LoadError> for ParallelError {
    fn from(e: LoadError) -> Self {
        Self::Load(e)
    }
}

/// Whether `format` can be split into pieces.
pub(crate) fn splittable(format: RdfFormat) -> bool {
    matches!(format, RdfFormat::NTriples | RdfFormat::NQuads)
}

/// Parses `path` on `threads` threads and passes every quad to `sink` (on this thread).
pub(crate) fn parse<E>(
    path: &Path,
    format: RdfFormat,
    graph: &GraphName,
    threads: usize,
    progress: &(impl Fn(u64) + Sync),
    sink: impl FnOnce(&mut dyn Iterator<Item = Result<Quad, LoadError>>) -> Result<(), E>,
) -> Result<ParallelOutcome, ParallelError>
where
    ParallelError: From<E>,
{
    let read_error = |source: io::Error| {
        ParallelError::Load(LoadError::Read {
            path: path.to_owned(),
            source,
        })
    };
    let pieces = RdfParser::from_format(format)
        .with_default_graph(graph.clone())
        .split_file_for_parallel_parsing(path, threads)
        .map_err(read_error)?;
    let key = random_key();
    let count = AtomicU64::new(0);
    let syntax_error = AtomicBool::new(false);
    thread::scope(|scope| {
        let hasher = scope.spawn(|| hash_file(path));
        let (sender, receiver) = mpsc::sync_channel::<Result<Vec<Quad>, LoadError>>(threads);
        for piece in pieces {
            let sender = sender.clone();
            let (count, syntax_error) = (&count, &syntax_error);
            scope.spawn(move || {
                let mut batch = Vec::with_capacity(BATCH);
                for result in piece {
                    match result {
                        Ok(quad) => batch.push(rename_blank_nodes(quad, key)),
                        Err(oxigraph::io::RdfParseError::Syntax(_)) => {
                            syntax_error.store(true, Ordering::Relaxed);
                            let _ = sender.send(Err(LoadError::Read {
                                path: "piece".into(),
                                source: io::Error::other("syntax error"),
                            }));
                            return;
                        }
                        Err(oxigraph::io::RdfParseError::Io(e)) => {
                            let _ = sender.send(Err(LoadError::Read {
                                path: "piece".into(),
                                source: e,
                            }));
                            return;
                        }
                    }
                    if batch.len() == BATCH {
                        count.fetch_add(BATCH as u64, Ordering::Relaxed);
                        if sender.send(Ok(std::mem::take(&mut batch))).is_err() {
                            return;
                        }
                    }
                }
                count.fetch_add(batch.len() as u64, Ordering::Relaxed);
                let _ = sender.send(Ok(batch));
            });
        }
        drop(sender);
        let mut current = Vec::new().into_iter();
        let mut quads = std::iter::from_fn(|| {
            loop {
                if let Some(quad) = current.next() {
                    return Some(Ok(quad));
                }
                match receiver.recv() {
                    Ok(Ok(batch)) => {
                        progress(count.load(Ordering::Relaxed));
                        current = batch.into_iter();
                    }
                    Ok(Err(e)) => return Some(Err(e)),
                    Err(_) => return None, // every parser is done
                }
            }
        });
        let sunk = sink(&mut quads);
        // Unblock parser threads still sending, so the scope can end.
        drop(receiver);
        let hashed = hasher.join();
        if syntax_error.load(Ordering::Relaxed) {
            return Err(ParallelError::Syntax);
        }
        sunk?;
        let (sha256, bytes) = match hashed {
            Ok(result) => result.map_err(read_error)?,
            Err(_) => return Err(read_error(io::Error::other("the hashing thread panicked"))),
        };
        Ok(ParallelOutcome {
            triples: count.load(Ordering::Relaxed),
            sha256,
            bytes,
        })
    })
}

fn hash_file(path: &Path) -> io::Result<(String, u64)> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 20];
    let mut bytes = 0;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok((hex(&hasher.finalize()), bytes));
        }
        hasher.update(&buffer[..n]);
        bytes += n as u64;
    }
}

/// Parallel loads started by this process, mixed into the keys.
static LOADS: AtomicU64 = AtomicU64::new(0);

/// A key unique to this load, so blank nodes of different loads never meet.
fn random_key() -> [u8; 16] {
    let mut h = Sha256::new();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.update(nanos.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(LOADS.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    let mut key = [0; 16];
    key.copy_from_slice(&h.finalize()[..16]);
    key
}

/// The blank node standing for `label` in the load keyed by `key`.
fn blank(label: &BlankNode, key: [u8; 16]) -> BlankNode {
    let mut h = Sha256::new();
    h.update(key);
    h.update(label.as_str().as_bytes());
    let digest = h.finalize();
    let mut id = [0; 16];
    id.copy_from_slice(&digest[..16]);
    BlankNode::new_from_unique_id(u128::from_le_bytes(id))
}

fn rename_blank_nodes(mut quad: Quad, key: [u8; 16]) -> Quad {
    if let NamedOrBlankNode::BlankNode(b) = &quad.subject {
        quad.subject = blank(b, key).into();
    }
    if let Term::BlankNode(b) = &quad.object {
        quad.object = blank(b, key).into();
    }
    if let GraphName::BlankNode(b) = &quad.graph_name {
        quad.graph_name = blank(b, key).into();
    }
    quad
}
