//! IRI minting per the IRI policy of `ontology/README.md`.
//!
//! Instance IRIs are `{base}{kind}/{key}`: `base` is the deployment's instance base (default
//! [`crate::ns::DEFAULT_INSTANCE_BASE`]), `kind` one or more lower-case path segments
//! (`uprn`, `epc`, `ifc/{project-slug}`), and `key` the natural key, percent-encoded so that
//! any key gives a valid IRI and one path segment. The same input always gives the same IRI,
//! so re-running a mapping is idempotent.

use crate::VocabError;
use oxigraph::model::NamedNode;

/// Bytes kept as they are in a key: RFC 3986 unreserved characters.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte of `key` (UTF-8) that is not unreserved, with upper-case hex.
pub fn encode_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for &b in key.as_bytes() {
        if unreserved(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn check_base(base: &str) -> Result<(), VocabError> {
    if !(base.ends_with('/') || base.ends_with('#')) {
        return Err(VocabError::Mint(format!(
            "the instance base <{base}> must end with `/` or `#`"
        )));
    }
    NamedNode::new(base)
        .map(|_| ())
        .map_err(|e| VocabError::Mint(format!("the instance base <{base}> is not an IRI: {e}")))
}

fn check_kind(kind: &str) -> Result<(), VocabError> {
    let ok = !kind.is_empty()
        && kind.split('/').all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(VocabError::Mint(format!(
            "the kind `{kind}` must be lower-case path segments of a-z, 0-9 and `-`"
        )))
    }
}

/// Mints `{base}{kind}/{percent-encoded key}`.
///
/// ```
/// let iri = twingraph_vocab::mint("https://w3id.org/twingraph/id/", "epc", "A1/B 2").unwrap();
/// assert_eq!(iri.as_str(), "https://w3id.org/twingraph/id/epc/A1%2FB%202");
/// ```
pub fn mint(base: &str, kind: &str, key: &str) -> Result<NamedNode, VocabError> {
    check_base(base)?;
    check_kind(kind)?;
    if key.is_empty() {
        return Err(VocabError::Mint(format!("empty key for kind `{kind}`")));
    }
    NamedNode::new(format!("{base}{kind}/{}", encode_key(key)))
        .map_err(|e| VocabError::Mint(format!("invalid IRI: {e}")))
}

/// The national identifiers of the IRI policy, each with its path and key normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// Unique Property Reference Number: `uprn/{digits}`.
    Uprn,
    /// Unique Street Reference Number: `usrn/{digits}`.
    Usrn,
    /// NaPTAN ATCO code: `stop/{upper case}`.
    Atco,
    /// CIM mRID: `cim/{lower-case UUID without urn:uuid: or a leading _}`.
    CimMrid,
    /// EPC LMK key: `epc/{key as in the register}`.
    EpcLmk,
    /// OS TOID: `toid/{toid}`.
    Toid,
}

impl IdKind {
    /// The path segment of this kind.
    pub fn path(self) -> &'static str {
        match self {
            Self::Uprn => "uprn",
            Self::Usrn => "usrn",
            Self::Atco => "stop",
            Self::CimMrid => "cim",
            Self::EpcLmk => "epc",
            Self::Toid => "toid",
        }
    }

    /// Normalises a key as the IRI policy says; an invalid key is an error.
    pub fn normalise(self, key: &str) -> Result<String, VocabError> {
        let key = key.trim();
        let digits = |what: &str| {
            if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
                Ok(key.to_owned())
            } else {
                Err(VocabError::Mint(format!(
                    "{what} `{key}` must be digits only"
                )))
            }
        };
        match self {
            Self::Uprn => digits("UPRN"),
            Self::Usrn => digits("USRN"),
            Self::Atco => Ok(key.to_ascii_uppercase()),
            Self::CimMrid => {
                let k = key.to_ascii_lowercase();
                let k = k.strip_prefix("urn:uuid:").unwrap_or(&k);
                Ok(k.strip_prefix('_').unwrap_or(k).to_owned())
            }
            Self::EpcLmk | Self::Toid => Ok(key.to_owned()),
        }
    }
}

/// Mints the IRI of a thing keyed by a national identifier: `{base}{kind path}/{normalised key}`.
pub fn mint_id(base: &str, kind: IdKind, key: &str) -> Result<NamedNode, VocabError> {
    mint(base, kind.path(), &kind.normalise(key)?)
}

/// The named graph of a source release: `{base}graph/{source}/{release}`.
pub fn graph_iri(base: &str, source: &str, release: &str) -> Result<NamedNode, VocabError> {
    check_kind(source)?;
    mint(base, &format!("graph/{source}"), release)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ns::DEFAULT_INSTANCE_BASE as BASE;

    #[test]
    fn mints_deterministically_with_percent_encoding() {
        let a = mint(BASE, "epc", "1234-5678 9/ü").unwrap();
        assert_eq!(
            a.as_str(),
            "https://w3id.org/twingraph/id/epc/1234-5678%209%2F%C3%BC"
        );
        assert_eq!(a, mint(BASE, "epc", "1234-5678 9/ü").unwrap());
        assert_eq!(
            mint(BASE, "x", "a%b").unwrap().as_str(),
            format!("{BASE}x/a%25b")
        );
        assert_eq!(
            mint(
                "https://data.birmingham.example/id/",
                "ifc/tyseley-erf",
                "2O2Fr$t4X7Zf8NOew3FLOH"
            )
            .unwrap()
            .as_str(),
            "https://data.birmingham.example/id/ifc/tyseley-erf/2O2Fr%24t4X7Zf8NOew3FLOH"
        );
    }

    #[test]
    fn rejects_bad_input() {
        assert!(mint("https://example.org/id", "uprn", "1").is_err());
        assert!(mint("not an iri/", "uprn", "1").is_err());
        assert!(mint(BASE, "UPRN", "1").is_err());
        assert!(mint(BASE, "a//b", "1").is_err());
        assert!(mint(BASE, "", "1").is_err());
        assert!(mint(BASE, "uprn", "").is_err());
        assert!(mint_id(BASE, IdKind::Uprn, "12a").is_err());
    }

    #[test]
    fn national_identifiers() {
        assert_eq!(
            mint_id(BASE, IdKind::Uprn, " 100070123456 ")
                .unwrap()
                .as_str(),
            format!("{BASE}uprn/100070123456")
        );
        assert_eq!(
            mint_id(BASE, IdKind::Uprn, "000123").unwrap().as_str(),
            format!("{BASE}uprn/000123")
        );
        assert_eq!(
            mint_id(BASE, IdKind::Atco, "430abc").unwrap().as_str(),
            format!("{BASE}stop/430ABC")
        );
        assert_eq!(
            mint_id(BASE, IdKind::CimMrid, "urn:uuid:_ABC-12")
                .unwrap()
                .as_str(),
            format!("{BASE}cim/abc-12")
        );
        assert_eq!(
            mint_id(BASE, IdKind::CimMrid, "_F00").unwrap().as_str(),
            format!("{BASE}cim/f00")
        );
        assert_eq!(
            graph_iri(BASE, "epc-domestic", "2025-q3").unwrap().as_str(),
            format!("{BASE}graph/epc-domestic/2025-q3")
        );
    }
}
