//! `multipart/form-data` request bodies for the Graph Store Protocol: a `POST` may carry
//! several RDF documents, one per part, all merged into the target graph (SPARQL 1.1 Graph
//! Store HTTP Protocol, section 5.5).
//!
//! The parts are parsed here (each with its own `Content-Type`, or the syntax guessed from
//! its file name) and re-serialised as one N-Triples document, so the whole body is then
//! loaded in a single store write.

use crate::error::ApiError;
use crate::protocol::MediaType;
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};

/// One part of a multipart body: its headers (names lower-cased) and content.
#[derive(Debug)]
pub(crate) struct Part<'a> {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) content: &'a [u8],
}

impl Part<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `filename` (or else `name`) of the part's `Content-Disposition`.
    fn file_name(&self) -> Option<&str> {
        let disposition = self.header("content-disposition")?;
        let param = |key: &str| {
            disposition.split(';').skip(1).find_map(|p| {
                let (k, v) = p.split_once('=')?;
                (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches('"'))
            })
        };
        param("filename").or_else(|| param("name"))
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn malformed(message: &str) -> ApiError {
    ApiError::bad_request(format!("malformed multipart body: {message}"))
}

/// Splits a multipart body (RFC 2046 section 5.1) on `boundary`.
pub(crate) fn split<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<Part<'a>>, ApiError> {
    if boundary.is_empty() || boundary.len() > 70 {
        return Err(ApiError::bad_request(
            "multipart Content-Type needs a `boundary` parameter of 1 to 70 characters",
        ));
    }
    let dash_boundary = format!("--{boundary}");
    let delimiter = format!("\r\n--{boundary}");
    // The first boundary may open the body or follow a preamble.
    let mut pos = if body.starts_with(dash_boundary.as_bytes()) {
        dash_boundary.len()
    } else {
        find(body, delimiter.as_bytes(), 0)
            .ok_or_else(|| malformed(&format!("boundary `{boundary}` not found")))?
            + delimiter.len()
    };
    let mut parts = Vec::new();
    loop {
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        // Transport padding, then the line break ending the boundary line.
        while matches!(body.get(pos), Some(b' ' | b'\t')) {
            pos += 1;
        }
        if !body[pos..].starts_with(b"\r\n") {
            return Err(malformed("a boundary line is not followed by CRLF"));
        }
        pos += 2;
        let end = find(body, delimiter.as_bytes(), pos)
            .ok_or_else(|| malformed("missing closing boundary"))?;
        parts.push(parse_part(&body[pos..end])?);
        pos = end + delimiter.len();
    }
}

fn parse_part(raw: &[u8]) -> Result<Part<'_>, ApiError> {
    let (head, content) = if raw.starts_with(b"\r\n") {
        (&raw[..0], &raw[2..])
    } else {
        let end = find(raw, b"\r\n\r\n", 0).ok_or_else(|| malformed("part without headers end"))?;
        (&raw[..end], &raw[end + 4..])
    };
    let head = std::str::from_utf8(head).map_err(|_| malformed("part headers are not UTF-8"))?;
    let headers = head
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                .ok_or_else(|| malformed(&format!("bad part header line `{l}`")))
        })
        .collect::<Result<_, _>>()?;
    Ok(Part { headers, content })
}

/// The RDF syntax of a part: its `Content-Type`, else its file name's extension.
fn part_format(part: &Part<'_>, index: usize) -> Result<RdfFormat, ApiError> {
    let format = match part.header("content-type") {
        Some(value) if !value.is_empty() => {
            let media = MediaType::parse(value).ok_or_else(|| {
                ApiError::unsupported_media_type(format!(
                    "part {index}: `{value}` is not a valid media type"
                ))
            })?;
            media.require_utf8()?;
            RdfFormat::from_media_type(&media.essence).ok_or_else(|| {
                ApiError::unsupported_media_type(format!(
                    "part {index}: unsupported Content-Type {}",
                    media.essence
                ))
            })?
        }
        _ => part
            .file_name()
            .and_then(|n| n.rsplit_once('.'))
            .and_then(|(_, ext)| RdfFormat::from_extension(ext))
            .ok_or_else(|| {
                ApiError::unsupported_media_type(format!(
                    "part {index} has no Content-Type and no file name with a known RDF extension"
                ))
            })?,
    };
    if format.supports_datasets() {
        return Err(ApiError::unsupported_media_type(format!(
            "part {index}: {format} holds several graphs; send single-graph documents (Turtle, N-Triples, RDF/XML, JSON-LD)"
        )));
    }
    Ok(format)
}

/// Parses every part of a multipart body as an RDF graph (relative IRIs resolved against
/// `base_iri`) and returns their union as one N-Triples document. Blank nodes of different
/// parts stay distinct.
pub(crate) fn to_ntriples(
    body: &[u8],
    boundary: &str,
    base_iri: &str,
) -> Result<Vec<u8>, ApiError> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for (i, part) in split(body, boundary)?.iter().enumerate() {
        let index = i + 1;
        let format = part_format(part, index)?;
        let parser = RdfParser::from_format(format)
            .rename_blank_nodes()
            .with_base_iri(base_iri)
            .map_err(|e| ApiError::bad_request(format!("invalid base IRI <{base_iri}>: {e}")))?;
        for quad in parser.for_slice(part.content) {
            let quad =
                quad.map_err(|e| ApiError::bad_request(format!("part {index} ({format}): {e}")))?;
            serializer
                .serialize_quad(&quad)
                .map_err(|e| ApiError::internal(e.to_string()))?;
        }
    }
    serializer
        .finish()
        .map_err(|e| ApiError::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle; charset=utf-8\r\n\r\n@prefix ex: <http://ex/> .\r\nex:a ex:b [ ex:c 1 ] .\r\n\r\n--XyZ  \r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.ttl\"\r\n\r\n<b> <http://ex/p> _:b0 .\n\r\n--XyZ--\r\nepilogue";

    #[test]
    fn splits_parts() {
        let parts = split(BODY.as_bytes(), "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[0].header("content-type"),
            Some("text/turtle; charset=utf-8")
        );
        assert!(parts[0].content.ends_with(b"] .\r\n"));
        assert_eq!(parts[1].file_name(), Some("b.ttl"));
        assert_eq!(parts[1].content, b"<b> <http://ex/p> _:b0 .\n");
        assert!(split(BODY.as_bytes(), "nope").is_err());
        assert!(split(b"--XyZ\r\n\r\nunterminated", "XyZ").is_err());
        assert!(split(b"--XyZ--", "XyZ").unwrap().is_empty());
    }

    #[test]
    fn merges_parts_as_ntriples() {
        let nt = to_ntriples(BODY.as_bytes(), "XyZ", "http://base/g").unwrap();
        let text = String::from_utf8(nt).unwrap();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.contains("<http://base/b> <http://ex/p> _:"), "{text}");
        let bad = BODY.replace("text/turtle", "image/png");
        assert!(to_ntriples(bad.as_bytes(), "XyZ", "http://base/g").is_err());
        let quads = BODY.replace("text/turtle", "application/trig");
        assert!(to_ntriples(quads.as_bytes(), "XyZ", "http://base/g").is_err());
    }
}
