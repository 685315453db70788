//! Content negotiation: picks the output format of a response from the `Accept` header
//! (q-values, `type/*` and `*/*` wildcards, most specific range wins) or from an explicit
//! `format` parameter, among the formats possible for the kind of result.

use crate::error::ApiError;
use crate::protocol::MediaType;
use twingraph_store::ResultFormat;
use twingraph_store::oxigraph::io::{JsonLdProfileSet, RdfFormat};
use twingraph_store::oxigraph::sparql::results::QueryResultsFormat;

/// What is being serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// SELECT solutions.
    Solutions,
    /// ASK answer.
    Boolean,
    /// CONSTRUCT/DESCRIBE triples, a single graph, or a service description.
    Graph,
    /// A whole dataset (several graphs).
    Dataset,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Self::Solutions => "a SELECT result",
            Self::Boolean => "an ASK result",
            Self::Graph => "an RDF graph",
            Self::Dataset => "an RDF dataset",
        }
    }

    /// Possible formats, preferred (default) first.
    pub(crate) fn candidates(self) -> Vec<ResultFormat> {
        use QueryResultsFormat as Q;
        let json_ld = RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        };
        match self {
            Self::Solutions | Self::Boolean => [Q::Json, Q::Xml, Q::Csv, Q::Tsv]
                .into_iter()
                .map(ResultFormat::Results)
                .collect(),
            Self::Graph => [
                RdfFormat::Turtle,
                RdfFormat::NTriples,
                RdfFormat::RdfXml,
                json_ld,
                RdfFormat::N3,
                RdfFormat::NQuads,
                RdfFormat::TriG,
            ]
            .into_iter()
            .map(ResultFormat::Rdf)
            .collect(),
            Self::Dataset => [RdfFormat::TriG, RdfFormat::NQuads]
                .into_iter()
                .map(ResultFormat::Rdf)
                .collect(),
        }
    }

    /// Maps a concrete media type (or alias) to a format of this kind's family.
    fn map_media_type(self, media_type: &str) -> Option<ResultFormat> {
        match self {
            Self::Solutions | Self::Boolean => {
                QueryResultsFormat::from_media_type(media_type).map(ResultFormat::Results)
            }
            Self::Graph | Self::Dataset => RdfFormat::from_media_type(media_type)
                .map(|f| match f {
                    RdfFormat::JsonLd { .. } => RdfFormat::JsonLd {
                        profile: JsonLdProfileSet::empty(),
                    },
                    f => f,
                })
                .map(ResultFormat::Rdf),
        }
    }
}

/// One media range of an `Accept` header.
struct Range {
    media: MediaType,
    q: f32,
}

fn parse_accept(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .filter_map(|item| {
            let media = MediaType::parse(item)?;
            let q = match media.param("q") {
                Some(q) => q.parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q))?,
                None => 1.0,
            };
            Some(Range { media, q })
        })
        .collect()
}

/// Chooses the output format.
///
/// `format` (the `format`/`output` parameter: a short name or a media type) overrides
/// `accept`. Without either, the first candidate is used. When nothing acceptable is
/// possible, the error is `406 Not Acceptable` listing what is available.
pub(crate) fn choose(
    kind: Kind,
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<ResultFormat, ApiError> {
    let candidates = kind.candidates();
    if let Some(name) = format {
        return from_format_param(kind, name, &candidates);
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(candidates[0]);
    };
    let ranges = parse_accept(accept);
    if ranges.is_empty() {
        // An unreadable Accept header is treated as absent.
        return Ok(candidates[0]);
    }
    let mut best: Option<(f32, ResultFormat)> = None;
    for candidate in &candidates {
        let media = candidate.media_type();
        let main_type = media.split('/').next().unwrap_or_default();
        // The most specific matching range decides the quality.
        let mut matched: Option<(u8, f32)> = None;
        for range in &ranges {
            let specificity = if range.media.essence == "*/*" {
                1
            } else if let Some(t) = range.media.essence.strip_suffix("/*") {
                if t == main_type { 2 } else { continue }
            } else if kind.map_media_type(&range.media.essence) == Some(*candidate) {
                3
            } else {
                continue;
            };
            if matched.is_none_or(|(s, _)| specificity > s) {
                matched = Some((specificity, range.q));
            }
        }
        match matched {
            Some((_, q)) if q > 0.0 && best.is_none_or(|(b, _)| q > b) => {
                best = Some((q, *candidate));
            }
            _ => (),
        }
    }
    best.map(|(_, f)| f).ok_or_else(|| {
        ApiError::not_acceptable(format!(
            "none of the media types in `Accept: {accept}` can represent {}; available: {}",
            kind.describe(),
            list(&candidates)
        ))
    })
}

fn list(candidates: &[ResultFormat]) -> String {
    candidates
        .iter()
        .map(|c| c.media_type())
        .collect::<Vec<_>>()
        .join(", ")
}

fn from_format_param(
    kind: Kind,
    name: &str,
    candidates: &[ResultFormat],
) -> Result<ResultFormat, ApiError> {
    let parsed = ResultFormat::from_name(name).or_else(|| kind.map_media_type(name));
    let Some(mut format) = parsed else {
        return Err(ApiError::bad_request(format!(
            "unknown format `{name}`; use json, xml, csv, tsv, ttl, nt, nq, trig, rdf, jsonld or a media type"
        )));
    };
    if matches!(kind, Kind::Graph | Kind::Dataset) {
        // `json` and `xml` mean JSON-LD and RDF/XML for graphs (SPARQLWrapper sends them).
        format = match format {
            ResultFormat::Results(QueryResultsFormat::Json) => {
                ResultFormat::Rdf(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                })
            }
            ResultFormat::Results(QueryResultsFormat::Xml) => ResultFormat::Rdf(RdfFormat::RdfXml),
            ResultFormat::Rdf(RdfFormat::JsonLd { .. }) => ResultFormat::Rdf(RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            }),
            other => other,
        };
    }
    if candidates.contains(&format) {
        Ok(format)
    } else {
        Err(ApiError::not_acceptable(format!(
            "format `{name}` cannot represent {}; available: {}",
            kind.describe(),
            list(candidates)
        )))
    }
}

/// The `Content-Type` value announcing `format`. Text syntaxes name their charset, since
/// HTTP clients otherwise decode `text/*` as ISO-8859-1.
pub(crate) fn content_type(format: ResultFormat) -> &'static str {
    match format.media_type() {
        "text/turtle" => "text/turtle; charset=utf-8",
        "text/n3" => "text/n3; charset=utf-8",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(kind: Kind, accept: &str) -> Result<&'static str, u16> {
        choose(kind, Some(accept), None)
            .map(|f| f.media_type().split(';').next().unwrap_or_default())
            .map_err(|e| e.status.as_u16())
    }

    #[test]
    fn accept_header() {
        assert_eq!(
            pick(Kind::Solutions, "*/*"),
            Ok("application/sparql-results+json")
        );
        assert_eq!(
            pick(Kind::Solutions, "application/sparql-results+xml"),
            Ok("application/sparql-results+xml")
        );
        assert_eq!(
            pick(
                Kind::Solutions,
                "text/csv;q=0.5, application/sparql-results+xml;q=0.9"
            ),
            Ok("application/sparql-results+xml")
        );
        assert_eq!(pick(Kind::Solutions, "text/*"), Ok("text/csv"));
        assert_eq!(
            pick(Kind::Solutions, "application/json"),
            Ok("application/sparql-results+json")
        );
        assert_eq!(pick(Kind::Solutions, "text/turtle"), Err(406));
        assert_eq!(
            pick(Kind::Solutions, "*/*;q=0, text/tab-separated-values"),
            Ok("text/tab-separated-values")
        );
        assert_eq!(
            pick(Kind::Graph, "application/rdf+xml"),
            Ok("application/rdf+xml")
        );
        assert_eq!(pick(Kind::Graph, "text/html, */*;q=0.8"), Ok("text/turtle"));
        assert_eq!(
            pick(Kind::Graph, "application/sparql-results+json"),
            Err(406)
        );
        assert_eq!(
            pick(Kind::Graph, "text/turtle;q=0, */*"),
            Ok("application/n-triples")
        );
        assert_eq!(
            pick(Kind::Graph, "application/ld+json"),
            Ok("application/ld+json")
        );
    }

    #[test]
    fn format_parameter() {
        let f = |k, n| {
            choose(k, Some("text/csv"), Some(n))
                .map(|f| f.media_type())
                .map_err(|e| e.status.as_u16())
        };
        assert_eq!(
            f(Kind::Solutions, "json"),
            Ok("application/sparql-results+json")
        );
        assert_eq!(f(Kind::Graph, "json"), Ok("application/ld+json"));
        assert_eq!(f(Kind::Graph, "xml"), Ok("application/rdf+xml"));
        assert_eq!(f(Kind::Graph, "text/turtle"), Ok("text/turtle"));
        assert_eq!(f(Kind::Solutions, "ttl"), Err(406));
        assert_eq!(f(Kind::Solutions, "nonsense"), Err(400));
    }
}
