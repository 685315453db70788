//! Serialising query results: SPARQL JSON/XML/CSV/TSV for solutions and booleans,
//! any RDF syntax for CONSTRUCT/DESCRIBE graphs.

use crate::error::StoreError;
use crate::query::cancelled_or;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::GraphNameRef;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::Write;

/// An output format for query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// A SPARQL results format (for SELECT and ASK).
    Results(QueryResultsFormat),
    /// An RDF syntax (for CONSTRUCT and DESCRIBE).
    Rdf(RdfFormat),
}

impl ResultFormat {
    /// Parses a short name as used by the CLI and the `format` parameter:
    /// `json xml csv tsv` (results) and `nt nq ttl trig rdf jsonld n3` (RDF), the longer
    /// names clients send (`turtle`, `n-triples`, `rdf+xml`, `json-ld`…), or a media type.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim().to_ascii_lowercase();
        Some(match name.as_str() {
            "json" | "srj" => Self::Results(QueryResultsFormat::Json),
            "xml" | "srx" => Self::Results(QueryResultsFormat::Xml),
            "csv" => Self::Results(QueryResultsFormat::Csv),
            "tsv" => Self::Results(QueryResultsFormat::Tsv),
            "nt" | "ntriples" | "n-triples" => Self::Rdf(RdfFormat::NTriples),
            "nq" | "nquads" | "n-quads" => Self::Rdf(RdfFormat::NQuads),
            "ttl" | "turtle" => Self::Rdf(RdfFormat::Turtle),
            "trig" => Self::Rdf(RdfFormat::TriG),
            "rdf" | "rdfxml" | "rdf+xml" | "rdf/xml" | "owl" => Self::Rdf(RdfFormat::RdfXml),
            "jsonld" | "json-ld" => Self::Rdf(RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            }),
            "n3" => Self::Rdf(RdfFormat::N3),
            other => {
                return QueryResultsFormat::from_media_type(other)
                    .map(Self::Results)
                    .or_else(|| RdfFormat::from_media_type(other).map(Self::Rdf));
            }
        })
    }

    /// The media type to announce in `Content-Type`.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Results(f) => f.media_type(),
            Self::Rdf(f) => f.media_type(),
        }
    }
}

/// What [`write_results`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriteSummary {
    /// Solutions or triples written.
    pub rows: u64,
    /// True when `max_rows` stopped the output early.
    pub truncated: bool,
}

/// Writes `results` in `format`.
///
/// Solutions and booleans need a results format; graphs need an RDF format. Passing the
/// other kind gives [`StoreError::UnsupportedFormat`]; callers choosing defaults should use
/// [`default_format`]. With `max_rows`, output stops after that many rows and
/// `truncated` is set.
pub fn write_results<W: Write>(
    results: QueryResults<'_>,
    format: ResultFormat,
    writer: W,
    max_rows: Option<u64>,
) -> Result<(W, WriteSummary), StoreError> {
    let mut summary = WriteSummary::default();
    match (results, format) {
        (QueryResults::Boolean(value), ResultFormat::Results(f)) => {
            summary.rows = 1;
            let writer = QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(writer, value)?;
            Ok((writer, summary))
        }
        (QueryResults::Solutions(solutions), ResultFormat::Results(f)) => {
            let mut serializer = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(writer, solutions.variables().to_vec())?;
            for solution in solutions {
                if max_rows.is_some_and(|m| summary.rows >= m) {
                    summary.truncated = true;
                    break;
                }
                serializer.serialize(&solution.map_err(cancelled_or)?)?;
                summary.rows += 1;
            }
            Ok((serializer.finish()?, summary))
        }
        (QueryResults::Graph(triples), ResultFormat::Rdf(f)) => {
            let mut serializer = RdfSerializer::from_format(f).for_writer(writer);
            for triple in triples {
                if max_rows.is_some_and(|m| summary.rows >= m) {
                    summary.truncated = true;
                    break;
                }
                let t = triple.map_err(cancelled_or)?;
                serializer.serialize_quad(t.as_ref().in_graph(GraphNameRef::DefaultGraph))?;
                summary.rows += 1;
            }
            Ok((serializer.finish()?, summary))
        }
        (QueryResults::Graph(_), ResultFormat::Results(f)) => {
            Err(StoreError::UnsupportedFormat(format!(
                "a CONSTRUCT or DESCRIBE result cannot be written as {f}: choose an RDF syntax"
            )))
        }
        (_, ResultFormat::Rdf(f)) => Err(StoreError::UnsupportedFormat(format!(
            "a SELECT or ASK result cannot be written as {f}: choose json, xml, csv or tsv"
        ))),
    }
}

/// The format used when the caller expressed no preference: SPARQL JSON for solutions and
/// booleans, N-Triples for graphs.
pub fn default_format(results: &QueryResults<'_>) -> ResultFormat {
    match results {
        QueryResults::Graph(_) => ResultFormat::Rdf(RdfFormat::NTriples),
        _ => ResultFormat::Results(QueryResultsFormat::Json),
    }
}
