//! A streaming reader of ISO 10303-21 (STEP physical files), independent of IFC.
//!
//! [`StepReader::header`] reads up to the end of the header section, so that a caller can
//! reject an unknown schema before reading the data; [`StepReader::data`] then reads every
//! data section and checks that each `#n` reference points to an instance.

pub mod lexer;
pub mod parser;
pub mod strings;
pub mod value;

use crate::error::{IfcError, Position};
use lexer::RecordReader;
use parser::Parsed;
use std::collections::HashMap;
use std::io::BufRead;
pub use value::{Entity, Interner, TypeId, Value};

/// The header section.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// `FILE_DESCRIPTION` descriptions.
    pub description: Vec<String>,
    /// `FILE_NAME` name.
    pub name: Option<String>,
    /// `FILE_NAME` time stamp.
    pub time_stamp: Option<String>,
    /// `FILE_NAME` originating system.
    pub originating_system: Option<String>,
    /// `FILE_NAME` preprocessor version.
    pub preprocessor_version: Option<String>,
    /// `FILE_SCHEMA` names as written.
    pub schemas: Vec<String>,
    /// Where `FILE_SCHEMA` is.
    pub schema_at: Position,
}

/// The instances of the data sections, with an index by number.
#[derive(Debug, Default)]
pub struct Data {
    /// The instances in file order.
    pub entities: Vec<Entity>,
    /// The type keywords.
    pub interner: Interner,
    index: Index,
    /// Bytes read from the input (whole file).
    pub bytes: u64,
}

#[derive(Debug, Default)]
enum Index {
    #[default]
    Empty,
    Dense(Vec<u32>),
    Sparse(HashMap<u64, u32>),
}

impl Data {
    /// The instance `#id`.
    pub fn get(&self, id: u64) -> Option<&Entity> {
        let i = match &self.index {
            Index::Empty => None,
            Index::Dense(v) => v
                .get(usize::try_from(id).ok()?)
                .copied()
                .filter(|&i| i != u32::MAX),
            Index::Sparse(m) => m.get(&id).copied(),
        }?;
        self.entities.get(i as usize)
    }

    /// The type keyword of an instance.
    pub fn type_name(&self, e: &Entity) -> &str {
        self.interner.name(e.type_id)
    }

    fn build_index(&mut self) -> Result<(), IfcError> {
        let n = self.entities.len();
        let max = self.entities.iter().map(|e| e.id).max().unwrap_or(0);
        let dup = |e: &Entity| IfcError::DuplicateEntity {
            at: Position {
                line: e.line,
                column: 1,
                entity: Some(e.id),
            },
            id: e.id,
        };
        if max < (n as u64) * 4 + 1024 {
            let mut v = vec![u32::MAX; max as usize + 1];
            for (i, e) in self.entities.iter().enumerate() {
                let slot = &mut v[e.id as usize];
                if *slot != u32::MAX {
                    return Err(dup(e));
                }
                *slot = i as u32;
            }
            self.index = Index::Dense(v);
        } else {
            let mut m = HashMap::with_capacity(n);
            for (i, e) in self.entities.iter().enumerate() {
                if m.insert(e.id, i as u32).is_some() {
                    return Err(dup(e));
                }
            }
            self.index = Index::Sparse(m);
        }
        Ok(())
    }

    fn check_references(&self) -> Result<(), IfcError> {
        for e in &self.entities {
            let mut missing = None;
            for a in &e.args {
                a.for_each_ref(&mut |r| {
                    if missing.is_none() && self.get(r).is_none() {
                        missing = Some(r);
                    }
                });
            }
            if let Some(target) = missing {
                return Err(IfcError::DanglingReference {
                    at: Position {
                        line: e.line,
                        column: 1,
                        entity: Some(e.id),
                    },
                    target,
                });
            }
        }
        Ok(())
    }
}

/// Reads a STEP file section by section.
pub struct StepReader<R> {
    records: RecordReader<R>,
    interner: Interner,
}

fn strings_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::List(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        Some(v) => v.as_str().map(str::to_owned).into_iter().collect(),
        None => Vec::new(),
    }
}

impl<R: BufRead> StepReader<R> {
    /// A reader over `input`.
    pub fn new(input: R) -> Self {
        Self {
            records: RecordReader::new(input),
            interner: Interner::default(),
        }
    }

    fn next(&mut self, expected: &'static str) -> Result<(Parsed, Position), IfcError> {
        if let Some(rec) = self.records.next_record(expected)? {
            let at = rec.position(rec.start, None);
            return Ok((parser::parse(&rec, &mut self.interner)?, at));
        }
        Err(IfcError::Truncated {
            at: self.records.position(),
            expected,
        })
    }

    /// Reads `ISO-10303-21;` and the header section up to its `ENDSEC;`.
    pub fn header(&mut self) -> Result<Header, IfcError> {
        match self.next("ISO-10303-21;")? {
            (Parsed::Keyword(k), _) if k == "ISO-10303-21" => {}
            (_, at) => {
                return Err(IfcError::Syntax {
                    at,
                    message: "not a STEP file: expected `ISO-10303-21;`".into(),
                });
            }
        }
        match self.next("HEADER;")? {
            (Parsed::Keyword(k), _) if k == "HEADER" => {}
            (_, at) => {
                return Err(IfcError::Syntax {
                    at,
                    message: "expected `HEADER;`".into(),
                });
            }
        }
        let mut header = Header::default();
        let mut schema_seen = false;
        loop {
            match self.next("ENDSEC; (end of the header section)")? {
                (Parsed::Keyword(k), _) if k == "ENDSEC" => break,
                (Parsed::Header(name, args), at) => match name.as_str() {
                    "FILE_DESCRIPTION" => header.description = strings_of(args.first()),
                    "FILE_NAME" => {
                        header.name = args.first().and_then(Value::as_str).map(Into::into);
                        header.time_stamp = args.get(1).and_then(Value::as_str).map(Into::into);
                        header.preprocessor_version =
                            args.get(4).and_then(Value::as_str).map(Into::into);
                        header.originating_system =
                            args.get(5).and_then(Value::as_str).map(Into::into);
                    }
                    "FILE_SCHEMA" => {
                        header.schemas = strings_of(args.first());
                        header.schema_at = at;
                        schema_seen = true;
                    }
                    _ => {}
                },
                (_, at) => {
                    return Err(IfcError::Syntax {
                        at,
                        message: "unexpected record in the header section".into(),
                    });
                }
            }
        }
        if !schema_seen {
            return Err(IfcError::Header {
                at: self.records.position(),
                message: "the header has no FILE_SCHEMA".into(),
            });
        }
        Ok(header)
    }

    /// Reads the data sections up to `END-ISO-10303-21;`, then checks references.
    pub fn data(mut self) -> Result<Data, IfcError> {
        let mut entities = Vec::new();
        let mut in_data = false;
        loop {
            let expected = if in_data {
                "ENDSEC; (end of the data section)"
            } else {
                "END-ISO-10303-21;"
            };
            match self.next(expected)? {
                (Parsed::Instance(e), at) if in_data => {
                    let _ = at;
                    entities.push(e);
                }
                (Parsed::Keyword(k), _) if !in_data && k == "DATA" => in_data = true,
                (Parsed::Header(k, _), _) if !in_data && k == "DATA" => in_data = true,
                (Parsed::Keyword(k), _) if in_data && k == "ENDSEC" => in_data = false,
                (Parsed::Keyword(k), _) if !in_data && k == "END-ISO-10303-21" => break,
                (_, at) => {
                    return Err(IfcError::Syntax {
                        at,
                        message: if in_data {
                            "expected an entity instance `#n=…;` or `ENDSEC;`".into()
                        } else {
                            "expected `DATA;` or `END-ISO-10303-21;`".into()
                        },
                    });
                }
            }
        }
        let mut data = Data {
            entities,
            interner: self.interner,
            index: Index::Empty,
            bytes: self.records.bytes_read,
        };
        data.build_index()?;
        data.check_references()?;
        Ok(data)
    }
}

/// Reads a whole STEP file (header and data) without checking its schema.
pub fn read<R: BufRead>(input: R) -> Result<(Header, Data), IfcError> {
    let mut r = StepReader::new(input);
    let header = r.header()?;
    Ok((header, r.data()?))
}
