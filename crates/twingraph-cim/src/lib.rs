//! Reads power-grid models published as CIM/XML (IEC 61970-552) in the CGMES profiles,
//! versions 2.4.15 and 3.0, into RDF quads: one named graph per model.
//!
//! * Input: `.xml`/`.rdf` files and `.zip` archives (any number of entries, nested zips
//!   too), or in-memory [`Source`]s.
//! * Every model's graph is named by its model IRI (the `rdf:about` of its
//!   `md:FullModel`), and CIM identifiers `rdf:ID="_X"` / `#_X` become `urn:uuid:X`,
//!   exactly as the TriG versions of the ENTSO-E conformity models do; the graph holds
//!   the header's properties (`md:Model.*`) and the data, as in those oracles.
//! * Header metadata (also the `rdf:type md:FullModel` / `dm:DifferenceModel` triple and
//!   the headers of difference models, which have no graph of their own) is returned
//!   apart in [`CimImport::metadata`] and [`ModelInfo`], for the provenance graph.
//! * Difference models (`dm:DifferenceModel`) are applied to the model they supersede,
//!   in dependency order: reverse differences removed, forward differences added.
//! * Checks: missing `md:Model.DependentOn` models, a difference model without its base,
//!   mixed CIM versions, unknown profiles, duplicate models, malformed XML — each an error
//!   naming the file (and line, column, element where there is one). Any error means no
//!   output at all.
//! * Optionally ([`CimOptions::typed_literals`]) literals are typed from the CGMES RDFS.
//! * [`align()`] runs the CONSTRUCT mappings of `mappings/cim/` (into the TwinGraph
//!   ontology and GeoSPARQL) over the result.
//!
//! ```no_run
//! use twingraph_cim::{CimOptions, read_files};
//! let import = read_files(&["grid.zip".into()], &CimOptions::default())?;
//! println!("{} models, {} triples", import.summary.models, import.summary.triples);
//! # Ok::<(), twingraph_cim::CimError>(())
//! ```
#![deny(missing_docs)]

pub mod align;
pub mod datatypes;
pub mod error;
pub mod profile;
mod xml;

pub use align::align;
pub use datatypes::Datatypes;
pub use error::{CimError, Position};
pub use profile::{CimVersion, Profile};
pub use xml::mrid_iri;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, Triple};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DCTERMS_SOURCE: &str = "http://purl.org/dc/terms/source";
const DIFFERENCE_MODEL_PROFILE: &str = "http://iec.ch/TC57/61970-552/DifferenceModel/1";

/// How to write what the CIM/XML says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Flavour {
    /// RDF/XML semantics: enumeration values stay IRIs (`cim:PhaseCode.ABC`) and every
    /// object is kept, whatever its class's namespace. The default.
    #[default]
    Rdf,
    /// Exactly as the published TriG conversions of the ENTSO-E conformity models (the
    /// `trig` branches of the MicroGrid and MiniGrid repositories, the test oracles):
    /// enumeration values of the CIM and extension schemas become plain literals of their
    /// name (`"ABC"`), and objects of classes outside the CIM namespace (e.g.
    /// `entsoe:EnergySchedulingType`) are left out. Everything else is the same.
    TrigCompatible,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct CimOptions {
    /// RDF/XML semantics (default) or the TriG conversions' choices.
    pub flavour: Flavour,
    /// Accept a set in which a `md:Model.DependentOn` names a model that is not given
    /// (default: that is an error).
    pub allow_missing_dependencies: bool,
    /// Accept `md:Model.profile` URIs that are not CGMES profiles (the model's profile is
    /// then [`Profile::Other`]); default: an error.
    pub allow_unknown_profiles: bool,
    /// Type literals (`xsd:float`, `xsd:boolean`, `xsd:integer`, `xsd:dateTime`, …) from
    /// the CGMES RDFS instead of leaving plain strings. Default off, so that the graphs
    /// equal the published TriG conversions. Needs [`CimOptions::rdfs`] or
    /// [`CimOptions::datatypes`].
    pub typed_literals: bool,
    /// The CGMES RDFS files or folders (of `.rdf` files) to read datatypes from, when
    /// [`CimOptions::typed_literals`] is on: e.g. `rdfs-cgmes-2.4.15/` or the 3.0
    /// `RDFS2020/` folder. Both may be given.
    pub rdfs: Vec<PathBuf>,
    /// Already loaded datatypes (wins over [`CimOptions::rdfs`]).
    pub datatypes: Option<Datatypes>,
}

/// One input document held in memory.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name used in messages and provenance (`dir/file.xml`, `a.zip!b.xml`).
    pub name: String,
    /// The bytes (CIM/XML).
    pub data: Vec<u8>,
}

/// Full model or difference model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// `md:FullModel`: a graph of its own.
    Full,
    /// `dm:DifferenceModel`: applied to the graph of the model it supersedes.
    Difference,
}

/// What a difference model did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DifferenceStats {
    /// Forward differences (triples to add).
    pub forward: usize,
    /// Reverse differences (triples to remove).
    pub reverse: usize,
    /// Reverse-difference triples that were found and removed.
    pub removed: usize,
    /// Forward-difference triples that were not already there and were added.
    pub added: usize,
}

/// One model read.
#[derive(Debug, Clone)]
pub struct ModelInfo {
    /// The model IRI.
    pub model: NamedNode,
    /// The named graph holding it: the model IRI for a full model; for a difference
    /// model, the graph it was applied to.
    pub graph: NamedNode,
    /// Full or difference model.
    pub kind: ModelKind,
    /// The main profile.
    pub profile: Profile,
    /// The `md:Model.profile` values as written.
    pub profiles: Vec<String>,
    /// The CIM version (from the CIM namespace the file declares), if any.
    pub version: Option<CimVersion>,
    /// The source (file, or `archive.zip!entry.xml`).
    pub file: String,
    /// SHA-256 of the source bytes, hex.
    pub sha256: String,
    /// Triples in the model's graph at the end (after differences); for a difference
    /// model, forward + reverse differences.
    pub triples: usize,
    /// `md:Model.DependentOn`.
    pub dependent_on: Vec<String>,
    /// `md:Model.Supersedes`.
    pub supersedes: Vec<String>,
    /// `md:Model.scenarioTime`.
    pub scenario_time: Option<String>,
    /// `md:Model.created`.
    pub created: Option<String>,
    /// `md:Model.modelingAuthoritySet`.
    pub modeling_authority_set: Option<String>,
    /// `md:Model.version`.
    pub model_version: Option<String>,
    /// For a difference model: what it did.
    pub difference: Option<DifferenceStats>,
}

/// Counts of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Source documents read.
    pub files: usize,
    /// Models (full and difference).
    pub models: usize,
    /// Difference models among them.
    pub difference_models: usize,
    /// Models per profile short name (`EQ`, `TP`, …).
    pub profiles: BTreeMap<String, usize>,
    /// Quads returned.
    pub triples: usize,
    /// In the EQ and EQ_BD graphs: objects per CIM class local name
    /// (`ACLineSegment` → 7).
    pub equipment_by_class: BTreeMap<String, usize>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let profiles: Vec<String> = self
            .profiles
            .iter()
            .map(|(p, n)| format!("{p} {n}"))
            .collect();
        write!(
            f,
            "{} models ({} difference) from {} files, profiles: {}; {} triples",
            self.models,
            self.difference_models,
            self.files,
            profiles.join(", "),
            self.triples
        )
    }
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct CimImport {
    /// Every quad, one named graph per full model (differences applied), without
    /// duplicates, in a deterministic order (models in input order).
    pub quads: Vec<Quad>,
    /// The models, in input order.
    pub models: Vec<ModelInfo>,
    /// Header metadata of every model (full and difference), as triples about the model
    /// IRI: its `rdf:type` (`md:FullModel` / `dm:DifferenceModel`), every `md:Model.*`
    /// property and `dcterms:source` (the file name). Meant for a provenance graph; not
    /// part of [`CimImport::quads`].
    pub metadata: Vec<Triple>,
    /// The CIM version of the set.
    pub version: Option<CimVersion>,
    /// Counts.
    pub summary: Summary,
}

/// Reads files: `.zip` archives (entries ending in `.xml`/`.rdf`, and nested zips),
/// CIM/XML files, or folders of them, as one set. Nothing is returned unless everything
/// is read.
pub fn read_files(paths: &[PathBuf], options: &CimOptions) -> Result<CimImport, CimError> {
    let mut sources = Vec::new();
    for p in paths {
        sources.extend(expand_path(p)?);
    }
    read_sources(sources, options)
}

/// Reads one path into sources: a zip archive gives one source per `.xml`/`.rdf` entry
/// (nested zips are opened too), a folder its `.xml`/`.rdf`/`.zip` files (recursively,
/// in name order), any other file one source.
pub fn expand_path(path: &std::path::Path) -> Result<Vec<Source>, CimError> {
    let mut out = Vec::new();
    if path.is_dir() {
        let mut files = Vec::new();
        collect_dir(path, &mut files)?;
        for f in files {
            out.extend(expand_path(&f)?);
        }
        return Ok(out);
    }
    let name = path.display().to_string();
    let data = std::fs::read(path).map_err(|source| CimError::Io {
        file: name.clone(),
        source,
    })?;
    expand(name, data, &mut out, 0)?;
    Ok(out)
}

fn collect_dir(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> Result<(), CimError> {
    let io = |source| CimError::Io {
        file: dir.display().to_string(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_dir(&p, out)?;
        } else if p.extension().is_some_and(|x| {
            let x = x.to_string_lossy().to_ascii_lowercase();
            x == "xml" || x == "rdf" || x == "zip"
        }) {
            out.push(p);
        }
    }
    Ok(())
}

fn is_zip(data: &[u8]) -> bool {
    data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06")
}

fn expand(
    name: String,
    data: Vec<u8>,
    out: &mut Vec<Source>,
    depth: usize,
) -> Result<(), CimError> {
    if !is_zip(&data) {
        out.push(Source { name, data });
        return Ok(());
    }
    if depth > 4 {
        return Err(CimError::Zip {
            file: name,
            message: "zip archives nested more than 4 deep".to_owned(),
        });
    }
    let zerr = |name: &str, e: zip::result::ZipError| CimError::Zip {
        file: name.to_owned(),
        message: e.to_string(),
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(data)).map_err(|e| zerr(&name, e))?;
    let mut names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    names.sort();
    for entry in names {
        let lower = entry.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rdf") || lower.ends_with(".zip")) {
            continue;
        }
        let mut file = archive.by_name(&entry).map_err(|e| zerr(&name, e))?;
        if file.is_dir() {
            continue;
        }
        let mut buf = Vec::with_capacity(file.size().min(1 << 30) as usize);
        let entry_name = format!("{name}!{entry}");
        file.read_to_end(&mut buf).map_err(|source| CimError::Io {
            file: entry_name.clone(),
            source,
        })?;
        expand(entry_name, buf, out, depth + 1)?;
    }
    Ok(())
}

/// Reads in-memory sources as one set. Nothing is returned unless everything is read.
pub fn read_sources(sources: Vec<Source>, options: &CimOptions) -> Result<CimImport, CimError> {
    read_sources_with_progress(sources, options, &mut |_, _, _| {})
}

/// Like [`read_sources`], calling `progress(source name, done, total)` after each
/// source is parsed (for a progress bar).
pub fn read_sources_with_progress(
    sources: Vec<Source>,
    options: &CimOptions,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<CimImport, CimError> {
    if sources.is_empty() {
        return Err(CimError::NoInput);
    }
    let loaded;
    let datatypes = if options.typed_literals {
        match &options.datatypes {
            Some(d) => Some(d),
            None => {
                if options.rdfs.is_empty() {
                    return Err(CimError::Schema {
                        file: "(options)".to_owned(),
                        message: "typed literals need the CGMES RDFS: give its files or folder"
                            .to_owned(),
                    });
                }
                loaded = Datatypes::load(&options.rdfs)?;
                Some(&loaded)
            }
        }
    } else {
        None
    };
    let total = sources.len();
    let mut parsed = Vec::with_capacity(total);
    for (i, s) in sources.into_iter().enumerate() {
        let compat = options.flavour == Flavour::TrigCompatible;
        let mut doc = xml::parse(&s.name, &s.data, compat)?;
        if let Some(dt) = datatypes {
            for v in [
                &mut doc.body,
                &mut doc.forward,
                &mut doc.reverse,
                &mut doc.preconditions,
            ] {
                type_literals(v, dt);
            }
            if let Some(h) = &mut doc.header {
                type_literals(&mut h.triples, dt);
            }
        }
        let sha = hex(&Sha256::digest(&s.data));
        progress(&s.name, i + 1, total);
        parsed.push((s.name, sha, doc));
    }
    assemble(parsed, options)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn type_literals(triples: &mut [Triple], dt: &Datatypes) {
    for t in triples.iter_mut() {
        if let Term::Literal(l) = &t.object {
            if l.datatype().as_str() == "http://www.w3.org/2001/XMLSchema#string"
                && l.language().is_none()
            {
                if let Some(d) = dt.get(t.predicate.as_str()) {
                    let value = match d.as_str() {
                        // CIM writes booleans in any case; xsd:boolean wants lower case
                        "http://www.w3.org/2001/XMLSchema#boolean" => {
                            l.value().trim().to_ascii_lowercase()
                        }
                        _ => l.value().trim().to_owned(),
                    };
                    t.object = Literal::new_typed_literal(value, d.clone()).into();
                }
            }
        }
    }
}

fn assemble(
    parsed: Vec<(String, String, xml::Document)>,
    options: &CimOptions,
) -> Result<CimImport, CimError> {
    // Headers, versions, duplicates.
    let mut version: Option<(CimVersion, String)> = None;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut docs = Vec::with_capacity(parsed.len());
    for (file, sha, mut doc) in parsed {
        let Some(header) = doc.header.take() else {
            return Err(CimError::NoHeader { file });
        };
        let mut doc_version = None;
        for ns in &doc.namespaces {
            match CimVersion::of_namespace(ns) {
                None => {}
                Some(Err(())) => {
                    return Err(CimError::UnsupportedVersion {
                        file,
                        namespace: ns.clone(),
                    });
                }
                Some(Ok(v)) => {
                    match &version {
                        None => version = Some((v, file.clone())),
                        Some((first, first_file)) if *first != v => {
                            return Err(CimError::MixedVersions {
                                first_file: first_file.clone(),
                                first: *first,
                                second_file: file,
                                second: v,
                            });
                        }
                        Some(_) => {}
                    }
                    doc_version = Some(v);
                }
            }
        }
        let key = header.model.as_str().to_owned();
        if let Some(&i) = seen.get(&key) {
            let first: &(
                String,
                String,
                xml::Document,
                xml::Header,
                Option<CimVersion>,
            ) = &docs[i];
            return Err(CimError::DuplicateModel {
                model: key,
                first: first.0.clone(),
                second: file,
            });
        }
        seen.insert(key, docs.len());
        docs.push((file, sha, doc, header, doc_version));
    }

    // Profiles.
    let mut profiles_of = Vec::with_capacity(docs.len());
    for (file, _, _, header, _) in &docs {
        let mut found = Vec::new();
        let mut written = Vec::new();
        for (term, line) in header.values("Model.profile") {
            let uri = match term {
                Term::Literal(l) => l.value().trim().to_owned(),
                Term::NamedNode(n) => n.as_str().to_owned(),
                other => other.to_string(),
            };
            written.push(uri.clone());
            if uri == DIFFERENCE_MODEL_PROFILE {
                continue;
            }
            match Profile::of_uri(&uri) {
                Some(p) => found.push(p),
                None if options.allow_unknown_profiles => found.push(Profile::Other),
                None => {
                    return Err(CimError::UnknownProfile {
                        file: file.clone(),
                        line,
                        model: header.model.as_str().to_owned(),
                        profile: uri,
                    });
                }
            }
        }
        profiles_of.push((Profile::primary(&found), written));
    }

    // Dependencies.
    for (file, _, _, header, _) in &docs {
        for (term, line) in header.values("Model.DependentOn") {
            let dep = term_str(term);
            if !seen.contains_key(&dep) && !options.allow_missing_dependencies {
                return Err(CimError::MissingDependency {
                    file: file.clone(),
                    line,
                    model: header.model.as_str().to_owned(),
                    missing: dep,
                });
            }
        }
    }

    // Graphs of full models (header properties and data).
    let mut graphs: HashMap<String, Vec<Triple>> = HashMap::new();
    for (_, _, doc, header, _) in docs.iter_mut() {
        if header.difference {
            continue;
        }
        let mut g = Vec::with_capacity(header.triples.len() + doc.body.len());
        g.extend(header.triples.iter().cloned());
        g.append(&mut doc.body);
        graphs.insert(header.model.as_str().to_owned(), g);
    }

    // Difference models: base, order, application.
    let diff_indices: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].3.difference).collect();
    let base_of = |i: usize| -> Result<String, CimError> {
        let mut current = i;
        for _ in 0..=docs.len() {
            let header = &docs[current].3;
            let mut next = None;
            for (term, _) in header.values("Model.Supersedes") {
                let s = term_str(term);
                if let Some(&j) = seen.get(&s) {
                    next = Some(j);
                    break;
                }
            }
            match next {
                Some(j) if !docs[j].3.difference => return Ok(docs[j].3.model.as_str().to_owned()),
                Some(j) => current = j,
                None => break,
            }
        }
        let header = &docs[i].3;
        let (base, line) = header
            .values("Model.Supersedes")
            .next()
            .map(|(t, l)| (term_str(t), l))
            .unwrap_or((String::new(), header.line));
        Err(CimError::MissingBase {
            file: docs[i].0.clone(),
            line,
            model: header.model.as_str().to_owned(),
            base,
        })
    };
    let mut bases = HashMap::new();
    for &i in &diff_indices {
        bases.insert(i, base_of(i)?);
    }
    // Topological order over DependentOn / Supersedes links between difference models.
    let mut order = Vec::with_capacity(diff_indices.len());
    let mut done: HashSet<usize> = HashSet::new();
    while order.len() < diff_indices.len() {
        let before = order.len();
        for &i in &diff_indices {
            if done.contains(&i) {
                continue;
            }
            let header = &docs[i].3;
            let ready = header
                .values("Model.DependentOn")
                .chain(header.values("Model.Supersedes"))
                .all(|(t, _)| match seen.get(&term_str(t)) {
                    Some(&j) if docs[j].3.difference && j != i => done.contains(&j),
                    _ => true,
                });
            if ready {
                done.insert(i);
                order.push(i);
            }
        }
        if order.len() == before {
            let cycle: Vec<String> = diff_indices
                .iter()
                .filter(|i| !done.contains(i))
                .map(|&i| format!("<{}> ({})", docs[i].3.model.as_str(), docs[i].0))
                .collect();
            return Err(CimError::DependencyCycle(cycle.join(", ")));
        }
    }
    let mut stats: HashMap<usize, DifferenceStats> = HashMap::new();
    for i in order {
        let doc = &docs[i].2;
        let base = &bases[&i];
        let g = graphs.get_mut(base).expect("base graph exists");
        let mut s = DifferenceStats {
            forward: doc.forward.len() + doc.body.len(),
            reverse: doc.reverse.len(),
            removed: 0,
            added: 0,
        };
        let reverse: HashSet<&Triple> = doc.reverse.iter().collect();
        if !reverse.is_empty() {
            let before = g.len();
            g.retain(|t| !reverse.contains(t));
            s.removed = before - g.len();
        }
        let forward: HashSet<&Triple> = doc.forward.iter().chain(doc.body.iter()).collect();
        let present: HashSet<Triple> = g.iter().filter(|t| forward.contains(t)).cloned().collect();
        let mut added: HashSet<&Triple> = HashSet::new();
        for t in doc.forward.iter().chain(doc.body.iter()) {
            if !present.contains(t) && added.insert(t) {
                g.push(t.clone());
                s.added += 1;
            }
        }
        stats.insert(i, s);
    }

    // Output.
    let mut quads = Vec::new();
    let mut models = Vec::with_capacity(docs.len());
    let mut metadata = Vec::new();
    let mut summary = Summary {
        files: docs.len(),
        ..Summary::default()
    };
    let md_type = |difference: bool| {
        NamedNode::new_unchecked(if difference {
            format!("{}DifferenceModel", profile::DM)
        } else {
            format!("{}FullModel", profile::MD)
        })
    };
    for (i, ((file, sha, doc, header, doc_version), (profile, written))) in
        docs.into_iter().zip(profiles_of).enumerate()
    {
        let model = header.model.clone();
        metadata.push(Triple::new(
            model.clone(),
            NamedNode::new_unchecked(RDF_TYPE),
            md_type(header.difference),
        ));
        metadata.extend(header.triples.iter().cloned());
        metadata.push(Triple::new(
            model.clone(),
            NamedNode::new_unchecked(DCTERMS_SOURCE),
            Literal::new_simple_literal(file.clone()),
        ));
        let (graph, triples, kind) = if header.difference {
            let s = &stats[&i];
            (
                NamedNode::new_unchecked(bases[&i].clone()),
                s.forward + s.reverse,
                ModelKind::Difference,
            )
        } else {
            let g = graphs.remove(model.as_str()).unwrap_or_default();
            let keep: Vec<bool> = {
                let mut seen = HashSet::with_capacity(g.len());
                g.iter().map(|t| seen.insert(t)).collect()
            };
            let g: Vec<Triple> = g
                .into_iter()
                .zip(keep)
                .filter_map(|(t, k)| k.then_some(t))
                .collect();
            let n = g.len();
            let graph_name = GraphName::NamedNode(model.clone());
            if matches!(profile, Profile::Eq | Profile::EqBd) {
                for t in &g {
                    if t.predicate.as_str() == RDF_TYPE {
                        if let Term::NamedNode(c) = &t.object {
                            let local = c.as_str().rsplit(['#', '/']).next().unwrap_or_default();
                            *summary
                                .equipment_by_class
                                .entry(local.to_owned())
                                .or_default() += 1;
                        }
                    }
                }
            }
            quads.extend(g.into_iter().map(|t| t.in_graph(graph_name.clone())));
            (model.clone(), n, ModelKind::Full)
        };
        let strings = |local: &str| -> Vec<String> {
            header.values(local).map(|(t, _)| term_str(t)).collect()
        };
        *summary
            .profiles
            .entry(profile.short_name().to_owned())
            .or_default() += 1;
        summary.models += 1;
        if header.difference {
            summary.difference_models += 1;
        }
        let _ = &doc;
        models.push(ModelInfo {
            model,
            graph,
            kind,
            profile,
            profiles: written,
            version: doc_version,
            file,
            sha256: sha,
            triples,
            dependent_on: strings("Model.DependentOn"),
            supersedes: strings("Model.Supersedes"),
            scenario_time: header
                .first_string("Model.scenarioTime")
                .filter(|s| !s.is_empty()),
            created: header
                .first_string("Model.created")
                .filter(|s| !s.is_empty()),
            modeling_authority_set: header.first_string("Model.modelingAuthoritySet"),
            model_version: header.first_string("Model.version"),
            difference: stats.remove(&i),
        });
    }
    summary.triples = quads.len();
    Ok(CimImport {
        quads,
        models,
        metadata,
        version: version.map(|(v, _)| v),
        summary,
    })
}

fn term_str(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().trim().to_owned(),
        other => other.to_string(),
    }
}
