//! Query results held in memory for comparison: booleans, solution tables and graphs,
//! read from the store's answers or from the expected-results files of the suites
//! (SPARQL XML/JSON/TSV/CSV results, and RDF graphs, including `rs:ResultSet` graphs).

use crate::compare::Row;
use crate::error::TestsuiteError;
use crate::manifest::IriMapper;
use crate::vocab::rs;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, Graph, Literal, NamedOrBlankNodeRef, Term, TermRef, Variable};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::io::Read;

/// A solution table: sorted variables and one row per solution (aligned to the variables).
#[derive(Debug, Clone, PartialEq)]
pub struct Solutions {
    /// The variables, sorted by name.
    pub variables: Vec<Variable>,
    /// The solutions, in the order they were produced or listed.
    pub rows: Vec<Row>,
    /// Whether the source fixes an order (`rs:index` on every solution of a result-set graph).
    pub ordered: bool,
}

impl Solutions {
    /// Builds a table from variables and (variable, value) bindings per solution.
    pub fn new(
        variables: &[Variable],
        solutions: impl IntoIterator<Item = Vec<(Variable, Term)>>,
    ) -> Self {
        let mut variables = variables.to_vec();
        variables.sort();
        variables.dedup();
        let rows = solutions
            .into_iter()
            .map(|bindings| {
                variables
                    .iter()
                    .map(|v| {
                        bindings
                            .iter()
                            .find(|(b, _)| b == v)
                            .map(|(_, t)| t.clone())
                    })
                    .collect()
            })
            .collect();
        Self {
            variables,
            rows,
            ordered: false,
        }
    }
}

/// A complete query result.
#[derive(Debug, Clone, PartialEq)]
pub enum StaticResults {
    /// An ASK answer.
    Boolean(bool),
    /// SELECT solutions.
    Solutions(Solutions),
    /// A CONSTRUCT or DESCRIBE graph.
    Graph(Graph),
}

impl StaticResults {
    /// A short description of the kind of result, for messages.
    pub fn kind(&self) -> String {
        match self {
            Self::Boolean(b) => format!("boolean {b}"),
            Self::Solutions(s) => format!("{} solutions", s.rows.len()),
            Self::Graph(g) => format!("a graph of {} triples", g.len()),
        }
    }

    /// Collects the answer of a query evaluation.
    pub fn from_query_results(
        results: QueryResults<'_>,
    ) -> Result<Self, oxigraph::sparql::QueryEvaluationError> {
        Ok(match results {
            QueryResults::Boolean(b) => Self::Boolean(b),
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution?;
                    rows.push(
                        solution
                            .iter()
                            .map(|(v, t)| (v.clone(), t.clone()))
                            .collect(),
                    );
                }
                Self::Solutions(Solutions::new(&variables, rows))
            }
            QueryResults::Graph(triples) => {
                let mut graph = Graph::new();
                for triple in triples {
                    graph.insert(&triple?);
                }
                Self::Graph(graph)
            }
        })
    }

    /// Parses a SPARQL results document (XML, JSON or TSV).
    pub fn from_results_reader(
        format: QueryResultsFormat,
        reader: impl Read,
        iri: &str,
    ) -> Result<Self, TestsuiteError> {
        let error = |e: &dyn std::fmt::Display| TestsuiteError::Results {
            iri: iri.to_owned(),
            message: e.to_string(),
        };
        match QueryResultsParser::from_format(format)
            .for_reader(reader)
            .map_err(|e| error(&e))?
        {
            ReaderQueryResultsParserOutput::Boolean(b) => Ok(Self::Boolean(b)),
            ReaderQueryResultsParserOutput::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| error(&e))?;
                    rows.push(
                        solution
                            .iter()
                            .map(|(v, t)| (v.clone(), t.clone()))
                            .collect(),
                    );
                }
                Ok(Self::Solutions(Solutions::new(&variables, rows)))
            }
        }
    }

    /// Interprets a graph: an `rs:ResultSet` description becomes a boolean or solutions
    /// (ordered when every solution has an `rs:index`); any other graph stays a graph.
    pub fn from_graph(graph: Graph, iri: &str) -> Result<Self, TestsuiteError> {
        let Some(result_set) = graph
            .subject_for_predicate_object(rdf::TYPE, rs::RESULT_SET)
            .map(NamedOrBlankNodeRef::into_owned)
        else {
            return Ok(Self::Graph(graph));
        };
        let bad = |message: String| TestsuiteError::Results {
            iri: iri.to_owned(),
            message,
        };
        if let Some(value) = graph.object_for_subject_predicate(&result_set, rs::BOOLEAN) {
            return Ok(Self::Boolean(
                matches!(value, TermRef::Literal(l) if l.value() == "true" || l.value() == "1"),
            ));
        }
        let variable = |t: TermRef<'_>| match t {
            TermRef::Literal(l) => Variable::new(l.value()).map_err(|e| bad(e.to_string())),
            other => Err(bad(format!("invalid variable {other}"))),
        };
        let variables = graph
            .objects_for_subject_predicate(&result_set, rs::RESULT_VARIABLE)
            .map(variable)
            .collect::<Result<Vec<_>, _>>()?;
        let mut solutions = Vec::new();
        for solution in graph.objects_for_subject_predicate(&result_set, rs::SOLUTION) {
            let TermRef::BlankNode(solution) = solution else {
                return Err(bad(format!("invalid rs:solution {solution}")));
            };
            let mut bindings = Vec::new();
            for binding in graph.objects_for_subject_predicate(solution, rs::BINDING) {
                let TermRef::BlankNode(binding) = binding else {
                    return Err(bad(format!("invalid rs:binding {binding}")));
                };
                let (Some(var), Some(value)) = (
                    graph.object_for_subject_predicate(binding, rs::VARIABLE),
                    graph.object_for_subject_predicate(binding, rs::VALUE),
                ) else {
                    return Err(bad(format!("incomplete rs:binding {binding}")));
                };
                bindings.push((variable(var)?, value.into_owned()));
            }
            let index = match graph.object_for_subject_predicate(solution, rs::INDEX) {
                Some(TermRef::Literal(l)) => Some(
                    l.value()
                        .parse::<u64>()
                        .map_err(|e| bad(format!("invalid rs:index: {e}")))?,
                ),
                Some(other) => return Err(bad(format!("invalid rs:index {other}"))),
                None => None,
            };
            solutions.push((index, bindings));
        }
        let ordered = !solutions.is_empty() && solutions.iter().all(|(i, _)| i.is_some());
        if ordered {
            solutions.sort_by_key(|(i, _)| *i);
        }
        let mut table = Solutions::new(&variables, solutions.into_iter().map(|(_, b)| b));
        table.ordered = ordered;
        Ok(Self::Solutions(table))
    }
}

/// The format of an expected-results file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedFormat {
    /// A SPARQL results document (`.srx`, `.srj`, `.tsv`).
    Results(QueryResultsFormat),
    /// SPARQL CSV results (`.csv`), compared as text cells since CSV is lossy.
    Csv,
    /// An RDF graph (`.ttl`, `.rdf`, `.nt`…), possibly an `rs:ResultSet`.
    Rdf,
}

impl ExpectedFormat {
    /// The format of a file IRI.
    pub fn of(iri: &str) -> Self {
        match iri
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("srx" | "xml") => Self::Results(QueryResultsFormat::Xml),
            Some("srj" | "json") => Self::Results(QueryResultsFormat::Json),
            Some("tsv") => Self::Results(QueryResultsFormat::Tsv),
            Some("csv") => Self::Csv,
            _ => Self::Rdf,
        }
    }
}

/// Reads an expected-results file.
pub fn load_expected(mapper: &IriMapper, iri: &str) -> Result<StaticResults, TestsuiteError> {
    match ExpectedFormat::of(iri) {
        ExpectedFormat::Results(format) => {
            StaticResults::from_results_reader(format, mapper.open(iri)?, iri)
        }
        ExpectedFormat::Csv => csv_solutions(&mapper.read_to_string(iri)?, iri),
        ExpectedFormat::Rdf => StaticResults::from_graph(mapper.parse_graph(iri)?, iri),
    }
}

/// Reads SPARQL CSV results as solutions of text cells: `_:x` cells become blank nodes (so
/// labels can be renamed), empty cells unbound values, anything else a simple literal of
/// the cell text. Both sides of a CSV comparison go through this function.
pub fn csv_solutions(text: &str, iri: &str) -> Result<StaticResults, TestsuiteError> {
    let records = parse_csv(text).map_err(|message| TestsuiteError::Results {
        iri: iri.to_owned(),
        message,
    })?;
    let Some((header, records)) = records.split_first() else {
        return Err(TestsuiteError::Results {
            iri: iri.to_owned(),
            message: "empty CSV document".to_owned(),
        });
    };
    let variables = header
        .iter()
        .map(|h| {
            Variable::new(h.trim()).map_err(|e| TestsuiteError::Results {
                iri: iri.to_owned(),
                message: format!("invalid CSV header {h:?}: {e}"),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let rows = records.iter().map(|record| {
        variables
            .iter()
            .zip(record)
            .filter(|(_, cell)| !cell.is_empty())
            .map(|(v, cell)| {
                let term = match cell.strip_prefix("_:") {
                    Some(id) => BlankNode::new_unchecked(id).into(),
                    None => Literal::new_simple_literal(cell.as_str()).into(),
                };
                (v.clone(), term)
            })
            .collect::<Vec<_>>()
    });
    Ok(StaticResults::Solutions(Solutions::new(&variables, rows)))
}

/// Minimal RFC 4180 reader: quoted fields with `""` escapes, CRLF or LF line ends.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err("unterminated quoted CSV field".to_owned());
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_reader_handles_quotes_and_crlf() {
        let records = parse_csv("a,b\r\n\"x,\"\"y\"\"\",_:b0\r\n,z\r\n").unwrap();
        assert_eq!(
            records,
            vec![vec!["a", "b"], vec!["x,\"y\"", "_:b0"], vec!["", "z"]]
        );
    }

    #[test]
    fn result_set_graph_becomes_solutions() {
        let ttl = r#"
            @prefix rs: <http://www.w3.org/2001/sw/DataAccess/tests/result-set#> .
            [] a rs:ResultSet ; rs:resultVariable "x" ;
               rs:solution [ rs:index 2 ; rs:binding [ rs:variable "x" ; rs:value "b" ] ] ,
                           [ rs:index 1 ; rs:binding [ rs:variable "x" ; rs:value "a" ] ] ."#;
        let mut graph = Graph::new();
        for quad in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
            .for_slice(ttl.as_bytes())
        {
            graph.insert(&oxigraph::model::Triple::from(quad.unwrap()));
        }
        let StaticResults::Solutions(s) = StaticResults::from_graph(graph, "test").unwrap() else {
            panic!("expected solutions")
        };
        assert!(s.ordered);
        assert_eq!(
            s.rows,
            vec![
                vec![Some(Literal::new_simple_literal("a").into())],
                vec![Some(Literal::new_simple_literal("b").into())]
            ]
        );
    }
}
