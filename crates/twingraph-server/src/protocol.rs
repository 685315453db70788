//! Request parsing shared by the endpoints: strict `application/x-www-form-urlencoded`
//! decoding (repeated keys kept, bad percent-encoding and bad UTF-8 rejected), media types,
//! bodies read under a size limit, and the endpoint's own URL.

use crate::error::ApiError;
use axum::body::{Body, Bytes, HttpBody};
use axum::http::{HeaderMap, Uri, header};
use std::pin::Pin;
use twingraph_store::oxigraph::model::NamedNode;

/// Decoded `key=value` pairs of a query string or form body, in order, keys repeated.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params(pub(crate) Vec<(String, String)>);

impl Params {
    /// Decodes `application/x-www-form-urlencoded` bytes.
    pub(crate) fn parse(input: &[u8]) -> Result<Self, ApiError> {
        let mut out = Vec::new();
        for part in input.split(|b| *b == b'&') {
            if part.is_empty() {
                continue;
            }
            let (key, value) = match part.iter().position(|b| *b == b'=') {
                Some(i) => (&part[..i], &part[i + 1..]),
                None => (part, &[][..]),
            };
            let key = decode(key)?;
            let value = decode(value)
                .map_err(|e| ApiError::bad_request(format!("parameter `{key}`: {}", e.message)))?;
            out.push((key, value));
        }
        Ok(Self(out))
    }

    /// The parameters of a request URI's query string.
    pub(crate) fn from_uri(uri: &Uri) -> Result<Self, ApiError> {
        uri.query()
            .map_or_else(|| Ok(Self::default()), |q| Self::parse(q.as_bytes()))
    }

    /// All values of `key`.
    pub(crate) fn all(&self, key: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `key`, which must not be repeated.
    pub(crate) fn single(&self, key: &str) -> Result<Option<&str>, ApiError> {
        let mut values = self.all(key);
        let first = values.next();
        if values.next().is_some() {
            return Err(ApiError::bad_request(format!(
                "parameter `{key}` is given more than once"
            )));
        }
        Ok(first)
    }

    /// Whether `key` is present.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// Fails with `400` on the first key not in `allowed`.
    pub(crate) fn check_known(&self, allowed: &[&str], context: &str) -> Result<(), ApiError> {
        match self.0.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            Some((k, _)) => Err(ApiError::bad_request(format!(
                "unknown parameter `{k}` for {context}; accepted parameters: {}",
                allowed.join(", ")
            ))),
            None => Ok(()),
        }
    }

    /// Appends the pairs of `other`.
    pub(crate) fn extend(&mut self, other: Self) {
        self.0.extend(other.0);
    }

    /// The `format` override (`format`, or its aliases `output` and `results` used by
    /// SPARQLWrapper and older endpoints).
    pub(crate) fn format(&self) -> Option<&str> {
        ["format", "output", "results"]
            .iter()
            .find_map(|k| self.all(k).next())
            .filter(|v| !v.trim().is_empty())
    }

    /// Parses every value of `key` as an absolute IRI.
    pub(crate) fn iris(&self, key: &str) -> Result<Vec<NamedNode>, ApiError> {
        self.all(key).map(|v| parse_iri(v, key)).collect()
    }
}

/// Parameter names of the `format` override.
pub(crate) const FORMAT_KEYS: [&str; 3] = ["format", "output", "results"];

/// Parses an absolute IRI given in parameter `key`.
pub(crate) fn parse_iri(value: &str, key: &str) -> Result<NamedNode, ApiError> {
    NamedNode::new(value.trim())
        .map_err(|e| ApiError::bad_request(format!("invalid IRI <{value}> in `{key}`: {e}")))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn decode(input: &[u8]) -> Result<String, ApiError> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let byte = input
                    .get(i + 1)
                    .and_then(|h| hex(*h))
                    .zip(input.get(i + 2).and_then(|l| hex(*l)))
                    .map(|(h, l)| h * 16 + l)
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "bad percent-encoding at byte {i} of a form or query string"
                        ))
                    })?;
                out.push(byte);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| {
        ApiError::bad_request("a form or query-string value is not valid UTF-8 once decoded")
    })
}

/// A parsed media type: lower-cased `type/subtype` and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MediaType {
    pub(crate) essence: String,
    pub(crate) params: Vec<(String, String)>,
}

impl MediaType {
    /// Parses `type/subtype; k=v; …`; `None` when it is not of that shape.
    pub(crate) fn parse(value: &str) -> Option<Self> {
        let mut parts = value.split(';');
        let essence = parts.next()?.trim().to_ascii_lowercase();
        let (t, s) = essence.split_once('/')?;
        if t.is_empty() || s.is_empty() || t.contains(char::is_whitespace) {
            return None;
        }
        let params = parts
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (
                    k.trim().to_ascii_lowercase(),
                    v.trim().trim_matches('"').to_owned(),
                )
            })
            .collect();
        Some(Self { essence, params })
    }

    /// The value of parameter `key`.
    pub(crate) fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Fails with `415` unless the charset is absent or UTF-8 (or its subset ASCII).
    pub(crate) fn require_utf8(&self) -> Result<(), ApiError> {
        match self.param("charset") {
            None => Ok(()),
            Some(c)
                if ["utf-8", "utf8", "us-ascii", "ascii"]
                    .contains(&c.to_ascii_lowercase().as_str()) =>
            {
                Ok(())
            }
            Some(c) => Err(ApiError::unsupported_media_type(format!(
                "charset {c} is not supported: send UTF-8"
            ))),
        }
    }
}

/// The request's `Content-Type`, `Ok(None)` when absent, `415` when unreadable.
pub(crate) fn content_type(headers: &HeaderMap) -> Result<Option<MediaType>, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .and_then(MediaType::parse)
        .map(Some)
        .ok_or_else(|| {
            ApiError::unsupported_media_type("the Content-Type header is not a valid media type")
        })
}

/// The `Accept` header, when present and readable.
pub(crate) fn accept(headers: &HeaderMap) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

/// Reads a whole request body, answering `413` as soon as it exceeds `limit` bytes.
pub(crate) async fn read_body(
    mut body: Body,
    headers: &HeaderMap,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::payload_too_large(limit));
    }
    let mut buffer = Vec::with_capacity(declared.map_or(0, |n| n as usize));
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = frame
            .map_err(|e| ApiError::bad_request(format!("cannot read the request body: {e}")))?;
        if let Ok(data) = frame.into_data() {
            if buffer.len() + data.len() > limit {
                return Err(ApiError::payload_too_large(limit));
            }
            buffer.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(buffer))
}

/// The URL of the endpoint that received the request (`http://<Host><path>`), used as base
/// IRI and in the service description. Falls back to the listening address when the `Host`
/// header is missing or unusable.
pub(crate) fn endpoint_url(headers: &HeaderMap, uri: &Uri, fallback_host: &str) -> NamedNode {
    let path = uri.path();
    request_host(headers, uri)
        .and_then(|h| NamedNode::new(format!("http://{h}{path}")).ok())
        .or_else(|| NamedNode::new(format!("http://{fallback_host}{path}")).ok())
        .unwrap_or_else(|| NamedNode::new_unchecked("http://localhost/"))
}

/// The authority the request was sent to: from an absolute-form request target, else the
/// `Host` header.
fn request_host(headers: &HeaderMap, uri: &Uri) -> Option<String> {
    uri.authority().map(|a| a.as_str().to_owned()).or_else(|| {
        headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
    })
}

/// The exact URL a request was sent to, without its query string (`http://<Host><path>`,
/// the path kept percent-encoded as sent): the graph IRI under direct graph identification.
/// Unlike [`endpoint_url`] it never substitutes another URL: `400` when it is not an IRI.
pub(crate) fn request_url(
    headers: &HeaderMap,
    uri: &Uri,
    fallback_host: &str,
) -> Result<NamedNode, ApiError> {
    let host = request_host(headers, uri).unwrap_or_else(|| fallback_host.to_owned());
    let url = format!("http://{host}{}", uri.path());
    NamedNode::new(&url)
        .map_err(|e| ApiError::bad_request(format!("the request URL <{url}> is not an IRI: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_decoding() {
        let p = Params::parse(b"query=ASK%20%7B%7D&a=1+2&a=3&flag&&x=").unwrap();
        assert_eq!(p.single("query").unwrap(), Some("ASK {}"));
        assert_eq!(p.all("a").collect::<Vec<_>>(), ["1 2", "3"]);
        assert!(p.single("a").is_err());
        assert_eq!(p.single("flag").unwrap(), Some(""));
        assert!(Params::parse(b"q=%zz").is_err());
        assert!(Params::parse(b"q=%4").is_err());
        assert!(Params::parse(b"q=%ff").is_err());
    }

    #[test]
    fn media_types() {
        let m = MediaType::parse("Application/SPARQL-Query ; charset=\"UTF-8\"").unwrap();
        assert_eq!(m.essence, "application/sparql-query");
        assert!(m.require_utf8().is_ok());
        let m = MediaType::parse("application/sparql-query; charset=UTF-16").unwrap();
        assert!(m.require_utf8().is_err());
        assert!(MediaType::parse("garbage").is_none());
    }

    #[test]
    fn request_urls() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "www.example:8080".parse().unwrap());
        let uri: Uri = "/store/person/%31.ttl?format=nt".parse().unwrap();
        assert_eq!(
            request_url(&headers, &uri, "fallback").unwrap().as_str(),
            "http://www.example:8080/store/person/%31.ttl"
        );
        assert_eq!(
            request_url(&HeaderMap::new(), &uri, "127.0.0.1:1")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:1/store/person/%31.ttl"
        );
        headers.insert(header::HOST, "bad host".parse().unwrap());
        assert!(request_url(&headers, &uri, "fallback").is_err());
    }
}
