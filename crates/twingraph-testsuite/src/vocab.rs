//! IRIs of the test-manifest vocabularies (`mf:`, `qt:`, `ut:`, `dawgt:`, `rs:`).

use oxigraph::model::NamedNodeRef;

const fn iri(s: &'static str) -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(s)
}

/// The manifest vocabulary `http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#`.
pub mod mf {
    use super::{NamedNodeRef, iri};
    /// A manifest.
    pub const MANIFEST: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#Manifest");
    /// The list of tests of a manifest.
    pub const ENTRIES: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#entries");
    /// The list of manifests a manifest includes.
    pub const INCLUDE: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#include");
    /// The name of a test.
    pub const NAME: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#name");
    /// The input of a test.
    pub const ACTION: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#action");
    /// The expected output of a test.
    pub const RESULT: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#result");
    /// Whether the result cardinality is strict or lax.
    pub const RESULT_CARDINALITY: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#resultCardinality");
    /// Lax result cardinality (duplicates may or may not be removed, e.g. `REDUCED`).
    pub const LAX_CARDINALITY: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#LaxCardinality");
}

/// The SPARQL query test vocabulary `http://www.w3.org/2001/sw/DataAccess/tests/test-query#`.
pub mod qt {
    use super::{NamedNodeRef, iri};
    /// The query file.
    pub const QUERY: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-query#query");
    /// A file loaded into the default graph.
    pub const DATA: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-query#data");
    /// A file loaded into a named graph (named after the file).
    pub const GRAPH_DATA: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-query#graphData");
    /// Data served by a (simulated) remote SPARQL endpoint.
    pub const SERVICE_DATA: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-query#serviceData");
}

/// The SPARQL update test vocabulary `http://www.w3.org/2009/sparql/tests/test-update#`.
pub mod ut {
    use super::{NamedNodeRef, iri};
    /// The update request file.
    pub const REQUEST: NamedNodeRef<'_> =
        iri("http://www.w3.org/2009/sparql/tests/test-update#request");
    /// A file holding the default graph.
    pub const DATA: NamedNodeRef<'_> = iri("http://www.w3.org/2009/sparql/tests/test-update#data");
    /// A named graph: a node with `ut:graph` (the file) and `rdfs:label` (the graph name).
    pub const GRAPH_DATA: NamedNodeRef<'_> =
        iri("http://www.w3.org/2009/sparql/tests/test-update#graphData");
    /// The file of a `ut:graphData` node.
    pub const GRAPH: NamedNodeRef<'_> =
        iri("http://www.w3.org/2009/sparql/tests/test-update#graph");
}

/// The DAWG approval vocabulary `http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#`.
pub mod dawgt {
    use super::{NamedNodeRef, iri};
    /// The approval status of a test.
    pub const APPROVAL: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#approval");
}

/// The result-set vocabulary `http://www.w3.org/2001/sw/DataAccess/tests/result-set#`.
pub mod rs {
    use super::{NamedNodeRef, iri};
    /// A result set.
    pub const RESULT_SET: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#ResultSet");
    /// A variable of the result set.
    pub const RESULT_VARIABLE: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#resultVariable");
    /// A solution of the result set.
    pub const SOLUTION: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#solution");
    /// A binding of a solution.
    pub const BINDING: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#binding");
    /// The value of a binding.
    pub const VALUE: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#value");
    /// The variable of a binding.
    pub const VARIABLE: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#variable");
    /// The position of a solution in an ordered result.
    pub const INDEX: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#index");
    /// The value of an ASK result.
    pub const BOOLEAN: NamedNodeRef<'_> =
        iri("http://www.w3.org/2001/sw/DataAccess/tests/result-set#boolean");
}
