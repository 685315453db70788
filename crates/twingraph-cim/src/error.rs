//! Errors of the CIM reader. Every error names the file (for a zip entry
//! `archive.zip!entry.xml`) and, where there is one, the line, column and element.

/// A position in a source file (1-based line and column, in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// Line, from 1.
    pub line: u64,
    /// Column, from 1.
    pub column: u64,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why an import failed. An import that fails returns nothing at all.
#[derive(Debug, thiserror::Error)]
pub enum CimError {
    /// A file or archive could not be read.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A zip archive is damaged or uses an unsupported compression method.
    #[error("{file}: cannot read the zip archive: {message}")]
    Zip {
        /// The archive (or nested archive).
        file: String,
        /// What went wrong.
        message: String,
    },
    /// Malformed XML, or XML that is not CIM/XML (RDF/XML as IEC 61970-552 writes it).
    #[error("{file}:{position}: {message}{}", element.as_ref().map(|e| format!(" (in <{e}>)")).unwrap_or_default())]
    Syntax {
        /// The file.
        file: String,
        /// Where.
        position: Position,
        /// The innermost open element, as written (`cim:ACLineSegment`).
        element: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A file without a `md:FullModel` or `dm:DifferenceModel` header.
    #[error(
        "{file}: no md:FullModel or dm:DifferenceModel header: cannot tell which model (named graph) the data belongs to"
    )]
    NoHeader {
        /// The file.
        file: String,
    },
    /// Two files (or two headers) declare the same model.
    #[error("model <{model}> is declared twice: in {first} and in {second}")]
    DuplicateModel {
        /// The model IRI.
        model: String,
        /// Where it was first declared.
        first: String,
        /// Where it was declared again.
        second: String,
    },
    /// A `md:Model.DependentOn` names a model that is not in the set.
    #[error(
        "{file}:{line}: <md:Model.DependentOn> of model <{model}> names <{missing}>, which is not among the files given (add it, or allow missing dependencies)"
    )]
    MissingDependency {
        /// The file of the dependent model.
        file: String,
        /// Line of the `md:Model.DependentOn` element.
        line: u64,
        /// The dependent model.
        model: String,
        /// The model that is missing.
        missing: String,
    },
    /// A difference model whose superseded base model is not in the set.
    #[error(
        "{file}:{line}: difference model <{model}> applies to <{base}> (<md:Model.Supersedes>), which is not among the files given"
    )]
    MissingBase {
        /// The file of the difference model.
        file: String,
        /// Line of the `md:Model.Supersedes` element (0 when there is none).
        line: u64,
        /// The difference model.
        model: String,
        /// The missing base model (empty when the header names none).
        base: String,
    },
    /// Files of different CIM versions in one set.
    #[error("mixed CIM versions in one set: {first_file} is {first} (<{}>) but {second_file} is {second} (<{}>)", first.namespace(), second.namespace())]
    MixedVersions {
        /// The first file.
        first_file: String,
        /// Its version.
        first: crate::CimVersion,
        /// The conflicting file.
        second_file: String,
        /// Its version.
        second: crate::CimVersion,
    },
    /// A CIM namespace this reader does not know.
    #[error(
        "{file}: unsupported CIM namespace <{namespace}> (supported: CGMES 2.4.15 <http://iec.ch/TC57/2013/CIM-schema-cim16#> and CGMES 3.0 <http://iec.ch/TC57/CIM100#>)"
    )]
    UnsupportedVersion {
        /// The file.
        file: String,
        /// The namespace.
        namespace: String,
    },
    /// A `md:Model.profile` that is not a known CGMES profile.
    #[error(
        "{file}:{line}: unknown profile \"{profile}\" in <md:Model.profile> of model <{model}> (allow unknown profiles to read it anyway)"
    )]
    UnknownProfile {
        /// The file.
        file: String,
        /// Line of the `md:Model.profile` element.
        line: u64,
        /// The model.
        model: String,
        /// The profile URI as written.
        profile: String,
    },
    /// Difference models that depend on each other in a cycle.
    #[error("difference models depend on each other in a cycle: {0}")]
    DependencyCycle(String),
    /// The CGMES RDFS (for typed literals) could not be read.
    #[error("{file}: cannot read the CGMES RDFS: {message}")]
    Schema {
        /// The RDFS file.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// An alignment mapping failed (see [`crate::align()`]).
    #[error("{file}: {message}")]
    Mapping {
        /// The mapping file.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// Nothing to read.
    #[error("no CIM/XML file among the inputs")]
    NoInput,
}
