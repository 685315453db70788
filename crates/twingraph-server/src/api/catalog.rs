//! The named queries: `*.rq` files with a header comment block, read once at start.
//!
//! ```sparql
//! # title: Which equipment loses supply if a switch opens
//! # use_case: 9
//! # description: Equipment supplied in the normal state that …
//! #   (continued on lines that start with `#` and at least two spaces)
//! # param: switch iri (required) — the switch to open
//! # param: radius_m decimal = 500 — search radius in metres
//! # param: ward iri — optional: without it, ?ward stays unbound
//! # returns: one row per equipment: ?equipment ?class ?name
//! SELECT ?switch ?equipment … WHERE { … }
//! ```
//!
//! The header is the run of comment (and blank) lines at the top of the file. `title` and
//! `use_case` (1–11) are required; `description` and `returns` are optional. A `param` line
//! is `name type`, then `(required)`, `(optional)` or `= default`, then a description after
//! `—` (or `--`). Types: `iri`, `string`, `integer`, `decimal`, `boolean`, `date`,
//! `datetime`, `wkt`. Other keys are ignored with a warning.
//!
//! Each parameter is bound to the query variable of the same name through oxigraph's
//! `substitute_variable`, which only reaches variables of the `SELECT` clause (for `ASK`,
//! `CONSTRUCT` and `DESCRIBE`, any variable of the pattern); a file whose parameter is not
//! there is rejected at load. With `GROUP BY`, the parameter must be a grouping key.
//!
//! Files that fail (unreadable, bad header, bad default, SPARQL syntax error, parameter not
//! substitutable) are logged as errors and skipped: the other queries are still served.

use crate::negotiate::Kind;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use twingraph_store::oxigraph::model::vocab::{geosparql, xsd};
use twingraph_store::oxigraph::model::{Literal, NamedNode, Term, Variable};
use twingraph_store::oxigraph::sparql::{QueryEvaluationError, QueryResults};
use twingraph_store::oxigraph::store::Store;

/// The type of a query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamType {
    Iri,
    String,
    Integer,
    Decimal,
    Boolean,
    Date,
    DateTime,
    Wkt,
}

impl ParamType {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name.to_ascii_lowercase().as_str() {
            "iri" | "uri" => Self::Iri,
            "string" | "literal" => Self::String,
            "integer" | "int" => Self::Integer,
            "decimal" | "number" => Self::Decimal,
            "boolean" | "bool" => Self::Boolean,
            "date" => Self::Date,
            "datetime" => Self::DateTime,
            "wkt" | "geometry" => Self::Wkt,
            _ => return None,
        })
    }

    /// The name used in headers and in the JSON listing.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Iri => "iri",
            Self::String => "string",
            Self::Integer => "integer",
            Self::Decimal => "decimal",
            Self::Boolean => "boolean",
            Self::Date => "date",
            Self::DateTime => "datetime",
            Self::Wkt => "wkt",
        }
    }

    /// What a value must look like, for error messages.
    fn expected(self) -> &'static str {
        match self {
            Self::Iri => "an absolute IRI",
            Self::String => "a string",
            Self::Integer => "an integer (xsd:integer, e.g. 42)",
            Self::Decimal => "a decimal number (xsd:decimal, e.g. 2.5)",
            Self::Boolean => "true or false",
            Self::Date => "a date (xsd:date, YYYY-MM-DD)",
            Self::DateTime => "a date and time (xsd:dateTime, YYYY-MM-DDThh:mm:ss)",
            Self::Wkt => "a WKT geometry (geo:wktLiteral, e.g. POINT(-1.85 52.46))",
        }
    }

    /// Parses a value into its RDF term; the error says what was expected.
    pub(crate) fn parse(self, raw: &str) -> Result<Term, String> {
        let value = raw.trim();
        let bad = |detail: &str| {
            let detail = if detail.is_empty() {
                String::new()
            } else {
                format!(" ({detail})")
            };
            format!("`{raw}` is not {}{detail}", self.expected())
        };
        Ok(match self {
            Self::Iri => {
                let iri = value
                    .strip_prefix('<')
                    .and_then(|v| v.strip_suffix('>'))
                    .unwrap_or(value);
                NamedNode::new(iri).map_err(|e| bad(&e.to_string()))?.into()
            }
            Self::String => Literal::new_simple_literal(raw).into(),
            Self::Integer => Literal::from(
                oxsdatatypes::Integer::from_str(value).map_err(|e| bad(&e.to_string()))?,
            )
            .into(),
            Self::Decimal => Literal::from(
                oxsdatatypes::Decimal::from_str(value).map_err(|e| bad(&e.to_string()))?,
            )
            .into(),
            Self::Boolean => Literal::from(match value.to_ascii_lowercase().as_str() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return Err(bad("")),
            })
            .into(),
            Self::Date => {
                Literal::from(oxsdatatypes::Date::from_str(value).map_err(|e| bad(&e.to_string()))?)
                    .into()
            }
            Self::DateTime => Literal::from(
                oxsdatatypes::DateTime::from_str(value).map_err(|e| bad(&e.to_string()))?,
            )
            .into(),
            Self::Wkt => {
                super::wkt::parse(value).map_err(|e| bad(&e))?;
                Literal::new_typed_literal(value, geosparql::WKT_LITERAL).into()
            }
        })
    }

    /// A value of this type, to check at load that the parameter can be substituted.
    fn sample(self) -> Term {
        match self {
            Self::Iri => NamedNode::new_unchecked("urn:twingraph:sample").into(),
            Self::String => Literal::new_simple_literal("").into(),
            Self::Integer => Literal::from(0).into(),
            Self::Decimal => Literal::new_typed_literal("0", xsd::DECIMAL).into(),
            Self::Boolean => Literal::from(false).into(),
            Self::Date => Literal::new_typed_literal("2000-01-01", xsd::DATE).into(),
            Self::DateTime => {
                Literal::new_typed_literal("2000-01-01T00:00:00", xsd::DATE_TIME).into()
            }
            Self::Wkt => Literal::new_typed_literal("POINT(0 0)", geosparql::WKT_LITERAL).into(),
        }
    }
}

/// A parameter of a named query.
#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub(crate) name: String,
    pub(crate) ty: ParamType,
    pub(crate) required: bool,
    /// The default as written in the header, and its term.
    pub(crate) default: Option<(String, Term)>,
    pub(crate) description: String,
    pub(crate) variable: Variable,
}

/// A named query, ready to run.
#[derive(Debug, Clone)]
pub(crate) struct NamedQuery {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) use_case: u8,
    pub(crate) description: String,
    pub(crate) returns: String,
    pub(crate) params: Vec<Param>,
    /// The SPARQL text, parsed again (cheaply) for every run with that run's cancellation
    /// token; parameters never enter it.
    pub(crate) text: String,
    pub(crate) kind: Kind,
}

/// Parameter names the API itself uses.
pub(crate) const RESERVED: [&str; 1] = ["format"];

/// The queries of the configured folder.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    pub(crate) queries: BTreeMap<String, NamedQuery>,
}

impl Catalog {
    /// Loads every `*.rq` file of `dir` (not recursive), logging and skipping bad ones.
    pub(crate) fn load(dir: Option<&Path>) -> Self {
        let Some(dir) = dir else {
            return Self::default();
        };
        let (catalog, problems) = Self::load_checked(dir);
        for problem in &problems {
            tracing::error!(problem = %problem, "named query skipped");
        }
        tracing::info!(
            dir = %dir.display(),
            queries = catalog.queries.len(),
            skipped = problems.len(),
            "serving named queries at /api/queries"
        );
        catalog
    }

    /// Loads the folder and returns the problems (one line each, naming the file) instead of
    /// logging them.
    pub(crate) fn load_checked(dir: &Path) -> (Self, Vec<String>) {
        let mut catalog = Self::default();
        let mut problems = Vec::new();
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(format!("{}: cannot read the folder: {e}", dir.display()));
                return (catalog, problems);
            }
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "rq") && p.is_file())
            .collect();
        files.sort();
        let store = match Store::new() {
            Ok(store) => store,
            Err(e) => {
                problems.push(format!("cannot create the scratch store: {e}"));
                return (catalog, problems);
            }
        };
        for path in files {
            match load_file(&path, &store) {
                Ok((query, warnings)) => {
                    for w in warnings {
                        tracing::warn!(file = %path.display(), "{w}");
                    }
                    catalog.queries.insert(query.name.clone(), query);
                }
                Err(e) => problems.push(format!("{}: {e}", path.display())),
            }
        }
        (catalog, problems)
    }
}

/// The header fields, before checking.
#[derive(Default)]
struct Header {
    title: Option<String>,
    use_case: Option<(usize, String)>,
    description: Option<String>,
    returns: Option<String>,
    params: Vec<(usize, String)>,
    warnings: Vec<String>,
}

#[derive(Clone, Copy)]
enum Field {
    Title,
    UseCase,
    Description,
    Returns,
    Param,
    Ignored,
}

fn append(target: &mut String, more: &str) {
    if !target.is_empty() {
        target.push(' ');
    }
    target.push_str(more);
}

fn parse_header(text: &str) -> Header {
    let mut header = Header::default();
    let mut current: Option<Field> = None;
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            current = None;
            continue;
        }
        let Some(content) = trimmed.strip_prefix('#') else {
            break;
        };
        let continuation = content.starts_with("  ") || content.starts_with('\t');
        let key_value = (!continuation)
            .then(|| content.trim().split_once(':'))
            .flatten()
            .filter(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if let Some((key, value)) = key_value {
            let value = value.trim().to_owned();
            let field = match key.to_ascii_lowercase().as_str() {
                "title" => {
                    header.title = Some(value);
                    Field::Title
                }
                "use_case" | "usecase" | "use-case" => {
                    header.use_case = Some((number, value));
                    Field::UseCase
                }
                "description" => {
                    header.description = Some(value);
                    Field::Description
                }
                "returns" => {
                    header.returns = Some(value);
                    Field::Returns
                }
                "param" | "parameter" => {
                    header.params.push((number, value));
                    Field::Param
                }
                other => {
                    header.warnings.push(format!(
                        "line {number}: unknown header key `{other}` ignored"
                    ));
                    Field::Ignored
                }
            };
            current = Some(field);
            continue;
        }
        let more = content.trim();
        if more.is_empty() {
            current = None;
            continue;
        }
        match current {
            Some(Field::Title) => append(header.title.get_or_insert_default(), more),
            Some(Field::Description) => append(header.description.get_or_insert_default(), more),
            Some(Field::Returns) => append(header.returns.get_or_insert_default(), more),
            Some(Field::Param) => {
                if let Some((_, p)) = header.params.last_mut() {
                    append(p, more);
                }
            }
            Some(Field::UseCase | Field::Ignored) | None => (),
        }
    }
    header
}

/// Splits `spec — description` on the first em/en dash, ` -- ` or ` - `.
fn split_description(text: &str) -> (&str, &str) {
    for sep in ["—", "–", " -- ", " - "] {
        if let Some((spec, description)) = text.split_once(sep) {
            return (spec.trim(), description.trim());
        }
    }
    (text.trim(), "")
}

fn parse_param(line: usize, text: &str) -> Result<Param, String> {
    let (spec, description) = split_description(text);
    let mut words = spec.splitn(3, char::is_whitespace);
    let name = words
        .next()
        .unwrap_or_default()
        .trim()
        .trim_start_matches(['?', '$']);
    let ty_name = words
        .next()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| format!("line {line}: parameter `{name}` has no type"))?;
    let variable = Variable::new(name)
        .map_err(|e| format!("line {line}: `{name}` is not a SPARQL variable name: {e}"))?;
    if RESERVED.contains(&name) {
        return Err(format!(
            "line {line}: `{name}` is reserved by the API (it chooses the result format)"
        ));
    }
    let ty = ParamType::from_name(ty_name).ok_or_else(|| {
        format!(
            "line {line}: unknown type `{ty_name}` of parameter `{name}`; use iri, string, integer, decimal, boolean, date, datetime or wkt"
        )
    })?;
    let rest = words.next().unwrap_or_default().trim();
    let (required, default) = if rest.is_empty() || rest.eq_ignore_ascii_case("(optional)") {
        (false, None)
    } else if rest.eq_ignore_ascii_case("(required)") {
        (true, None)
    } else if let Some(value) = rest.strip_prefix('=') {
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        let term = ty
            .parse(value)
            .map_err(|e| format!("line {line}: bad default of parameter `{name}`: {e}"))?;
        (false, Some((value.to_owned(), term)))
    } else {
        return Err(format!(
            "line {line}: after the type of `{name}`, expected `(required)`, `(optional)`, `= default` or `— description`, found `{rest}`"
        ));
    };
    Ok(Param {
        name: name.to_owned(),
        ty,
        required,
        default,
        description: description.to_owned(),
        variable,
    })
}

fn load_file(path: &Path, scratch: &Store) -> Result<(NamedQuery, Vec<String>), String> {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .ok_or("the file name must be made of ASCII letters, digits, `-`, `_` and `.`")?
        .to_owned();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let header = parse_header(&text);
    let title = header
        .title
        .filter(|t| !t.is_empty())
        .ok_or("the header has no `# title:`")?;
    let (line, use_case) = header.use_case.ok_or("the header has no `# use_case:`")?;
    let use_case = use_case
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=11).contains(n))
        .ok_or_else(|| {
            format!("line {line}: use_case must be an integer from 1 to 11, found `{use_case}`")
        })?;
    let mut params: Vec<Param> = Vec::new();
    for (line, p) in &header.params {
        let param = parse_param(*line, p)?;
        if params.iter().any(|q| q.name == param.name) {
            return Err(format!(
                "line {line}: parameter `{}` is declared twice",
                param.name
            ));
        }
        params.push(param);
    }
    // Parse, and check on an empty store that every parameter can be substituted.
    let mut prepared = twingraph_store::sparql_evaluator()
        .parse_query(&text)
        .map_err(|e| format!("SPARQL syntax error: {e}"))?;
    for p in &params {
        prepared = prepared.substitute_variable(p.variable.clone(), p.ty.sample());
    }
    let kind = match prepared.on_store(scratch).execute() {
        Ok(QueryResults::Solutions(_)) => Kind::Solutions,
        Ok(QueryResults::Boolean(_)) => Kind::Boolean,
        Ok(QueryResults::Graph(_)) => Kind::Graph,
        Err(QueryEvaluationError::NotExistingSubstitutedVariable(v)) => {
            return Err(format!(
                "parameter `{}` is not a variable of the SELECT clause, so it cannot be bound (add {v} to the SELECT clause, and to GROUP BY if the query groups)",
                v.as_str()
            ));
        }
        Err(e) => return Err(format!("the query fails on an empty store: {e}")),
    };
    Ok((
        NamedQuery {
            name,
            title,
            use_case,
            description: header.description.unwrap_or_default(),
            returns: header.returns.unwrap_or_default(),
            params,
            text,
            kind,
        },
        header.warnings,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header() {
        let h = parse_header(
            "# title: Outage\n# use_case: 9\n# description: first line\n#   second line\n# param: switch iri (required) — the switch\n#   to open\n# param: radius_m decimal = 500 — metres\n# returns: rows\nSELECT * {}\n# title: not header\n",
        );
        assert_eq!(h.title.as_deref(), Some("Outage"));
        assert_eq!(h.description.as_deref(), Some("first line second line"));
        assert_eq!(h.params.len(), 2);
        let p = parse_param(5, &h.params[0].1).unwrap();
        assert_eq!(
            (p.name.as_str(), p.ty, p.required),
            ("switch", ParamType::Iri, true)
        );
        assert_eq!(p.description, "the switch to open");
        let p = parse_param(7, &h.params[1].1).unwrap();
        assert_eq!(p.default.as_ref().map(|d| d.0.as_str()), Some("500"));
        assert!(!p.required);
        assert!(parse_param(1, "x nonsense").is_err());
        assert!(parse_param(1, "format string").is_err());
        assert!(parse_param(1, "n integer = x").is_err());
        let p = parse_param(1, "label string = \"a b\" -- a label").unwrap();
        assert_eq!(p.default.unwrap().0, "a b");
        assert_eq!(p.description, "a label");
    }

    #[test]
    fn values() {
        assert!(ParamType::Integer.parse("12").is_ok());
        assert!(ParamType::Integer.parse("1.5").is_err());
        assert!(ParamType::Decimal.parse("1.5").is_ok());
        assert!(ParamType::Date.parse("2026-02-30").is_err());
        assert!(ParamType::Iri.parse("not an iri").is_err());
        assert!(ParamType::Iri.parse("<http://example.org/x>").is_ok());
        assert!(ParamType::Boolean.parse("yes").is_err());
        assert!(ParamType::Wkt.parse("POINT(1 2)").is_ok());
        assert!(ParamType::Wkt.parse("POINT(1)").is_err());
    }
}
