//! `twingraph load-dir`: a district folder laid out as `twingraph synth` writes it (and as the
//! real downloads come) through the real paths — the RML mappings of `mappings/` (run as
//! `twingraph map` runs them), the IFC adapter and the CIM adapter with the `mappings/cim`
//! alignments — into the store in **one commit**, each source in its own graph with its
//! provenance, licence and access level. `twingraph demo` loads `examples/teed/district/`
//! with the same code.
//!
//! Everything is read and mapped in memory before the store is touched, so bad input (a
//! malformed row, a broken IFC or CIM file) fails the command naming the file and writes
//! nothing; the graphs of all sources then go to the store in one transaction (or one bulk
//! load when they are all new), so a failure half-way leaves the store as it was.

use super::gate;
use super::load::{governed_options, licence_iri, shapes_of};
use super::map::{DEFAULT_BASE, MAPPING_MEDIA_TYPE, all_empty, partition, sources_of};
use crate::Outcome;
use crate::cli::{Cli, InferArgs, LoadDirArgs};
use crate::config::FileConfig;
use anyhow::{Context, bail};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use twingraph_rml::{ExecuteOptions, Mapping, ObjectMap, SourceResolver, Stats};
use twingraph_store::oxigraph::model::{Graph, GraphName, NamedNode, Quad, TripleRef};
use twingraph_store::{
    LoadOptions, LoadReport, META_GRAPH, MappedGraph, MappedSource, SourceDescription, TwinStore,
    quarantine_graph,
};

use super::import::CIM_ALIGNED_GRAPH;

/// Media type recorded for IFC files (ISO 10303-21).
const IFC_MEDIA_TYPE: &str = "application/x-step";
/// Media type recorded for CIM/XML models.
const CIM_MEDIA_TYPE: &str = "application/rdf+xml";
/// `dcterms:license`.
const DCTERMS_LICENSE: &str = "http://purl.org/dc/terms/license";
/// `gov:accessLevel`.
const GOV_ACCESS_LEVEL: &str = "https://w3id.org/twingraph/def/governance#accessLevel";
/// The licence of the EPC address fields (Royal Mail and OS terms), as `mappings/epc/README.md`
/// states.
const ROYAL_MAIL_ADDRESS_TERMS: &str =
    "https://w3id.org/twingraph/def/governance#RoyalMailAddressTerms";
/// GTFS files a feed may leave out: their triples maps are skipped when they are absent.
const GTFS_OPTIONAL: [&str; 4] = [
    "calendar.txt",
    "calendar_dates.txt",
    "shapes.txt",
    "feed_info.txt",
];

/// Where the mappings are and what the sources without a stated licence get.
#[derive(Debug, Clone)]
pub struct DistrictOptions {
    /// The mappings folder (`os-open-uprn/`, `codepoint-open/`, `epc/`, `naptan/`, `gtfs/`,
    /// `cim/`).
    pub mappings: PathBuf,
    /// Licence recorded for the IFC models and the CGMES grid (their mapping READMEs state
    /// none).
    pub licence: Option<NamedNode>,
    /// Access level recorded for the IFC models and the CGMES grid.
    pub access: Option<NamedNode>,
}

/// One source of a district, read and mapped, ready to commit.
struct PreparedSource {
    /// Short name in the summary (the mapping's name, `ifc`, `cgmes`).
    name: String,
    /// What was read (files, records, counts), for the summary line.
    detail: String,
    /// Its graphs (with the provenance of each).
    parts: Vec<MappedGraph>,
    /// Licence recorded on its graphs.
    licence: Option<NamedNode>,
    /// Access level recorded on its graphs.
    access: Option<NamedNode>,
    /// Seconds spent reading and mapping it.
    secs: f64,
}

/// A district folder, read and mapped in memory: nothing has been written yet.
pub struct PreparedDistrict {
    sources: Vec<PreparedSource>,
    /// Header metadata of the CGMES models, for the metadata graph.
    metadata: Vec<Quad>,
}

impl PreparedDistrict {
    /// The union of every source's triples, e.g. to validate before committing.
    pub fn union(&self) -> Graph {
        let mut data = Graph::new();
        for s in &self.sources {
            for p in &s.parts {
                for q in &p.quads {
                    data.insert(TripleRef::from(q.as_ref()));
                }
            }
        }
        data
    }
}

/// What a committed district load did.
pub struct LoadedDistrict {
    /// One summary line per source.
    pub lines: Vec<String>,
    /// The load records (one per graph and source file).
    pub reports: Vec<LoadReport>,
    /// Triples written over all sources (metadata not counted).
    pub triples: usize,
    /// Sources loaded.
    pub sources: usize,
    /// Distinct graphs written.
    pub graphs: usize,
}

/// The mappings folder when `--mappings` is not given: `./mappings` when it exists, else the
/// one of the source tree the binary was built from.
pub fn default_mappings() -> PathBuf {
    let local = PathBuf::from("mappings");
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("mappings")
    }
}

/// Runs `load-dir`.
pub fn run(cli: &Cli, config: &FileConfig, args: &LoadDirArgs) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    let governed = governed_options(config, &args.governance)?;
    let options = DistrictOptions {
        mappings: args.mappings.clone().unwrap_or_else(default_mappings),
        licence: governed.licence,
        access: governed.access_level,
    };
    let shapes = shapes_of(config, &args.governance)?;
    for rules in &args.rules {
        if !rules.is_file() {
            bail!("--rules {}: no such file", rules.display());
        }
    }
    let prepared = prepare(&args.dir, &options)?;
    let verdict = if shapes.is_empty() {
        None
    } else {
        let verdict = gate::check_graph(&shapes, &prepared.union(), &[])?;
        verdict.print(args.governance.report.as_deref())?;
        Some(verdict)
    };
    let quarantine = verdict.as_ref().is_some_and(|v| !v.passes());
    let store = super::open(cli, config)?;
    let loaded = commit(&store, prepared, quarantine)?;
    for line in &loaded.lines {
        eprintln!("{line}");
    }
    eprintln!(
        "total: {} triples from {} sources into {} graphs in one commit, {:.2} s",
        loaded.triples,
        loaded.sources,
        loaded.graphs,
        start.elapsed().as_secs_f64()
    );
    let outcome = match &verdict {
        Some(verdict) => verdict.finish(&store, &loaded.reports)?,
        None => Outcome::Success,
    };
    // `infer` opens the store itself.
    drop(store);
    if outcome == Outcome::Success && !args.rules.is_empty() {
        let infer = InferArgs {
            rules: args.rules.clone(),
            data: Vec::new(),
            out: None,
            graphs: Vec::new(),
            into: None,
            explain: None,
        };
        return super::rules::infer(cli, config, &infer);
    }
    Ok(outcome)
}

/// Reads and maps every source present in the district folder `dir`, in memory. Fails, naming
/// the file, on the first source that cannot be read or mapped; fails when `dir` holds none
/// of the known sources.
pub fn prepare(dir: &Path, options: &DistrictOptions) -> anyhow::Result<PreparedDistrict> {
    if !dir.is_dir() {
        bail!("{}: no such folder", dir.display());
    }
    if !options.mappings.is_dir() {
        bail!(
            "{}: no mappings folder (give one with --mappings)",
            options.mappings.display()
        );
    }
    let ogl = Some(licence_iri("ogl-3")?);
    let open = twingraph_store::access_level("open");
    let restricted = twingraph_store::access_level("restricted");
    let mappings = &options.mappings;
    let mut sources = Vec::new();
    let mut metadata = Vec::new();

    // OS Open UPRN (OGL v3, open): the newest `os/osopenuprn_*.csv`.
    if let Some(csv) = newest(&dir.join("os"), "osopenuprn_", ".csv")? {
        let started = Instant::now();
        let mapping = mappings.join("os-open-uprn/os-open-uprn.rml.ttl");
        let run = run_rml(
            &mapping,
            &|name| name.starts_with("osopenuprn").then(|| csv.clone()),
            &[],
            false,
        )?;
        sources.push(mapped_source(
            "os-open-uprn",
            &mapping,
            run,
            &rel(dir, &csv),
            ogl.clone(),
            open.clone(),
            started,
        ));
    }

    // Code-Point Open (OGL v3, open): the column names (second line of the headers file)
    // followed by every postcode area file, as the mapping's README joins them.
    let codepoint = dir.join("os/codepo_gb");
    if codepoint.join("Data/CSV").is_dir() {
        let started = Instant::now();
        let mapping = mappings.join("codepoint-open/codepoint-open.rml.ttl");
        let (joined, files) = join_codepoint(&codepoint)?;
        let joined_path = joined.path().to_path_buf();
        let mut run = run_rml(
            &mapping,
            &|name| (name == "codepo_gb.csv").then(|| joined_path.clone()),
            &[],
            false,
        )?;
        // Provenance names the published files, not the joined copy.
        run.data_sources = files
            .iter()
            .map(|f| MappedSource::from_file(f, "text/csv"))
            .collect::<Result<_, _>>()?;
        drop(joined);
        let shown = format!("{} ({} area files)", rel(dir, &codepoint), files.len() - 1);
        sources.push(mapped_source(
            "codepoint-open",
            &mapping,
            run,
            &shown,
            ogl.clone(),
            open.clone(),
            started,
        ));
    }

    // EPC (certificates and recommendations OGL v3, open; the address fields restricted under
    // Royal Mail and OS terms): every `epc/domestic-*/` folder.
    let epc_folders = subfolders(&dir.join("epc"), "domestic-")?;
    if !epc_folders.is_empty() {
        let shown: Vec<String> = epc_folders.iter().map(|f| rel(dir, f)).collect();
        let shown = shown.join(", ");
        for (name, licence, access) in [
            ("epc-certificates", ogl.clone(), open.clone()),
            ("epc-recommendations", ogl.clone(), open.clone()),
            (
                "epc-addresses",
                Some(NamedNode::new_unchecked(ROYAL_MAIL_ADDRESS_TERMS)),
                restricted.clone(),
            ),
        ] {
            let started = Instant::now();
            let mapping = mappings.join(format!("epc/{name}.rml.ttl"));
            let mut merged: Option<RmlRun> = None;
            for folder in &epc_folders {
                let run = run_rml(
                    &mapping,
                    &|file| {
                        matches!(file, "certificates.csv" | "recommendations.csv")
                            .then(|| folder.join(file))
                    },
                    &[],
                    false,
                )?;
                merged = Some(match merged {
                    None => run,
                    Some(m) => m.merge(run),
                });
            }
            let run = merged.expect("at least one EPC folder");
            sources.push(mapped_source(
                name, &mapping, run, &shown, licence, access, started,
            ));
        }
    }

    // NaPTAN (OGL v3, open).
    let stops = dir.join("transport/naptan/Stops.csv");
    if stops.is_file() {
        let started = Instant::now();
        let mapping = mappings.join("naptan/naptan-stops.rml.ttl");
        let run = run_rml(
            &mapping,
            &|name| (name == "Stops.csv").then(|| stops.clone()),
            &[],
            false,
        )?;
        sources.push(mapped_source(
            "naptan",
            &mapping,
            run,
            &rel(dir, &stops),
            ogl.clone(),
            open.clone(),
            started,
        ));
    }

    // GTFS (OGL v3, open), with optional columns and files allowed to be missing.
    let gtfs = dir.join("transport/gtfs");
    if gtfs.is_dir() {
        let started = Instant::now();
        let mapping = mappings.join("gtfs/gtfs.rml.ttl");
        let run = run_rml(
            &mapping,
            &|name| name.ends_with(".txt").then(|| gtfs.join(name)),
            &GTFS_OPTIONAL,
            true,
        )?;
        sources.push(mapped_source(
            "gtfs",
            &mapping,
            run,
            &rel(dir, &gtfs),
            ogl.clone(),
            open.clone(),
            started,
        ));
    }

    // IFC models, one graph per file.
    for path in files_with_extension(&dir.join("ifc"), "ifc")? {
        sources.push(ifc_source(dir, &path, options)?);
    }

    // The CGMES grid, one graph per model, and its alignment.
    let cgmes = dir.join("grid/cgmes");
    if cgmes.is_dir() {
        let (source, meta) = cim_source(dir, &cgmes, options)?;
        sources.push(source);
        metadata.extend(meta);
    }

    if sources.is_empty() {
        bail!(
            "{}: no known source in this folder (expected any of os/osopenuprn_*.csv, \
             os/codepo_gb/Data/CSV/, epc/domestic-*/, transport/naptan/Stops.csv, \
             transport/gtfs/, ifc/*.ifc, grid/cgmes/)",
            dir.display()
        );
    }
    Ok(PreparedDistrict { sources, metadata })
}

/// Writes a prepared district to the store in one commit (a transaction replacing the graphs,
/// or one bulk load when none of them holds data yet), with each source's licence and access
/// level on its graphs; `quarantine` sends every graph to its quarantine graph instead.
pub fn commit(
    store: &TwinStore,
    prepared: PreparedDistrict,
    quarantine: bool,
) -> anyhow::Result<LoadedDistrict> {
    let meta = GraphName::NamedNode(NamedNode::new_unchecked(META_GRAPH));
    let mut metadata = prepared.metadata;
    let mut parts: Vec<MappedGraph> = Vec::new();
    let mut lines = Vec::new();
    let mut all_graphs: HashSet<GraphName> = HashSet::new();
    let mut triples = 0;
    let sources = prepared.sources.len();
    for source in prepared.sources {
        let mut graphs: Vec<GraphName> = Vec::new();
        for p in &source.parts {
            if !graphs.contains(&p.graph) {
                graphs.push(p.graph.clone());
            }
        }
        for g in &graphs {
            let written = if quarantine {
                quarantine_graph(g)
            } else {
                g.clone()
            };
            let GraphName::NamedNode(node) = written else {
                continue;
            };
            if let Some(licence) = &source.licence {
                metadata.push(Quad::new(
                    node.clone(),
                    NamedNode::new_unchecked(DCTERMS_LICENSE),
                    licence.clone(),
                    meta.clone(),
                ));
            }
            if let Some(access) = &source.access {
                metadata.push(Quad::new(
                    node,
                    NamedNode::new_unchecked(GOV_ACCESS_LEVEL),
                    access.clone(),
                    meta.clone(),
                ));
            }
        }
        let n: usize = source.parts.iter().map(|p| p.quads.len()).sum();
        triples += n;
        let shown: Vec<String> = graphs.iter().map(ToString::to_string).collect();
        lines.push(format!(
            "{:<20} {n:>7} triples in {} ({}; licence {}, access {}) {:.2} s",
            source.name,
            shown.join(", "),
            source.detail,
            source
                .licence
                .as_ref()
                .map_or("none", |l| licence_name(l.as_str())),
            source
                .access
                .as_ref()
                .map_or("none", |a| a.as_str().rsplit('#').next().unwrap_or("")),
            source.secs
        ));
        all_graphs.extend(graphs);
        parts.extend(source.parts);
    }
    let mut options = LoadOptions {
        replace: true,
        quarantine,
        ..LoadOptions::default()
    };
    // Replacing graphs that are empty is appending, and the store appends through its bulk
    // loader (atomic on commit too), several times faster than a transaction.
    if !quarantine && all_empty(store, &parts)? {
        options.replace = false;
    }
    let reports = store.load_mapped_graphs(parts, metadata, &options)?;
    Ok(LoadedDistrict {
        lines,
        reports,
        triples,
        sources,
        graphs: all_graphs.len(),
    })
}

/// A mapping run's output and the files it read.
struct RmlRun {
    stats: Stats,
    quads: Vec<Quad>,
    mapping_source: MappedSource,
    data_sources: Vec<MappedSource>,
    skipped: Vec<String>,
}

impl RmlRun {
    /// Adds another run of the same mapping (another folder), dropping duplicate quads.
    fn merge(mut self, other: RmlRun) -> RmlRun {
        let mut seen: HashSet<Quad> = self.quads.iter().cloned().collect();
        for q in other.quads {
            if seen.insert(q.clone()) {
                self.quads.push(q);
            } else {
                self.stats.duplicates += 1;
            }
        }
        self.stats.records += other.stats.records;
        self.stats.quads = self.quads.len() as u64;
        self.data_sources.extend(other.data_sources);
        self.skipped.extend(other.skipped);
        self
    }
}

/// Runs the RML mapping `mapping_file` as `twingraph map` does (instance base
/// `https://w3id.org/twingraph/id/` unless the mapping sets one, duplicates dropped, strict),
/// with each source whose file name `locate` knows read from where it says (the others
/// resolve against the mapping's folder, e.g. the EPC code tables). Triples maps reading an
/// `optional` file that is absent are skipped (only in mappings without joins).
fn run_rml(
    mapping_file: &Path,
    locate: &dyn Fn(&str) -> Option<PathBuf>,
    optional: &[&str],
    missing_columns_are_null: bool,
) -> anyhow::Result<RmlRun> {
    if !mapping_file.is_file() {
        bail!(
            "{}: no such mapping (give the mappings folder with --mappings)",
            mapping_file.display()
        );
    }
    let name = mapping_file.display().to_string();
    let mut mapping = Mapping::from_path(mapping_file).with_context(|| name.clone())?;
    let mut resolver = SourceResolver::for_mapping_file(mapping_file);
    let file_name = |path: &str| {
        Path::new(path)
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
    };
    let mut redirected = HashSet::new();
    for tm in &mapping.triples_maps {
        let file = file_name(&tm.logical_source.source.path);
        if let Some(path) = locate(&file)
            && redirected.insert(file.clone())
        {
            resolver = resolver.with_source(file, path);
        }
    }
    let has_joins = mapping.triples_maps.iter().any(|tm| {
        tm.predicate_object_maps
            .iter()
            .any(|pom| pom.objects.iter().any(|o| matches!(o, ObjectMap::Ref(_))))
    });
    let mut skipped = Vec::new();
    if !has_joins {
        mapping.triples_maps.retain(|tm| {
            let file = file_name(&tm.logical_source.source.path);
            let keep = !optional.contains(&file.as_str())
                || resolver.resolve(&tm.logical_source.source).is_file();
            if !keep && !skipped.contains(&file) {
                skipped.push(file);
            }
            keep
        });
    }
    for tm in &mapping.triples_maps {
        let path = resolver.resolve(&tm.logical_source.source);
        if !path.is_file() {
            bail!("{}: no such file (a source of {name})", path.display());
        }
    }
    let options = ExecuteOptions {
        base_iri: mapping
            .document_base
            .is_none()
            .then(|| DEFAULT_BASE.to_owned()),
        dedup: true,
        lenient: false,
        missing_columns_are_null,
        threads: 1,
    };
    let mut quads = Vec::new();
    let stats = twingraph_rml::execute(&mapping, &resolver, &options, |q: Quad| {
        quads.push(q);
        Ok::<_, std::convert::Infallible>(())
    })
    .map_err(|e| anyhow::Error::new(e).context(name.clone()))?;
    let mapping_source = MappedSource::from_file(mapping_file, MAPPING_MEDIA_TYPE)?;
    let mut data_sources = Vec::new();
    for (path, media_type) in sources_of(&mapping, &resolver) {
        data_sources.push(MappedSource::from_file(&path, media_type)?);
    }
    Ok(RmlRun {
        stats,
        quads,
        mapping_source,
        data_sources,
        skipped,
    })
}

/// A mapped source: its graph is `urn:twingraph:graph:<mapping file name>`, as `twingraph
/// map` names it; quads the mapping puts in named graphs keep them.
fn mapped_source(
    name: &str,
    mapping: &Path,
    run: RmlRun,
    shown: &str,
    licence: Option<NamedNode>,
    access: Option<NamedNode>,
    started: Instant,
) -> PreparedSource {
    let target = LoadOptions::graph_for_source(&SourceDescription::file(mapping).name);
    let mut detail = format!(
        "{shown}: {} records, {} duplicates dropped",
        run.stats.records, run.stats.duplicates
    );
    if !run.skipped.is_empty() {
        detail.push_str(&format!("; absent, skipped: {}", run.skipped.join(", ")));
    }
    PreparedSource {
        name: name.to_owned(),
        detail,
        parts: partition(run.quads, &target, &run.mapping_source, &run.data_sources),
        licence,
        access,
        secs: started.elapsed().as_secs_f64(),
    }
}

/// One IFC model through the IFC adapter (the UPRN from the model's `UPRN` property), into
/// `urn:twingraph:graph:<file name>`.
fn ifc_source(
    dir: &Path,
    path: &Path,
    options: &DistrictOptions,
) -> anyhow::Result<PreparedSource> {
    let started = Instant::now();
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let import = twingraph_ifc::read(
        BufReader::with_capacity(1 << 20, file),
        &twingraph_ifc::ImportOptions::default(),
    )
    .with_context(|| path.display().to_string())?;
    let source = MappedSource::from_file(path, IFC_MEDIA_TYPE)?;
    let s = &import.summary;
    let detail = format!(
        "{}: {}, {} storeys, {} spaces, {} elements{}",
        rel(dir, path),
        s.schema,
        s.storeys,
        s.spaces,
        s.elements,
        if s.uprns.is_empty() {
            String::new()
        } else {
            format!(", UPRN {}", s.uprns.join(", "))
        }
    );
    let graph = LoadOptions::graph_for_source(&source.source.name);
    let quads = import
        .triples
        .into_iter()
        .map(|t| t.in_graph(GraphName::DefaultGraph))
        .collect();
    Ok(PreparedSource {
        name: "ifc".to_owned(),
        detail,
        parts: vec![MappedGraph {
            graph,
            quads,
            source,
        }],
        licence: options.licence.clone(),
        access: options.access.clone(),
        secs: started.elapsed().as_secs_f64(),
    })
}

/// The CGMES models of `cgmes` through the CIM adapter (one graph per model, its file as the
/// source) and, when the mappings folder has `cim/`, their alignment into
/// [`CIM_ALIGNED_GRAPH`]; also returns the models' header metadata.
fn cim_source(
    dir: &Path,
    cgmes: &Path,
    options: &DistrictOptions,
) -> anyhow::Result<(PreparedSource, Vec<Quad>)> {
    let started = Instant::now();
    let files = twingraph_cim::expand_path(cgmes).with_context(|| cgmes.display().to_string())?;
    if files.is_empty() {
        bail!("{}: no CIM/XML files", cgmes.display());
    }
    let sources: Vec<MappedSource> = files
        .iter()
        .map(|s| {
            let path = Path::new(&s.name);
            let description = if path.is_file() {
                SourceDescription::file(path)
            } else {
                SourceDescription::named(&s.name) // an entry of a zip archive
            };
            MappedSource::from_bytes(description, CIM_MEDIA_TYPE, &s.data)
        })
        .collect();
    let names: Vec<String> = files.iter().map(|s| s.name.clone()).collect();
    let import = twingraph_cim::read_sources(files, &twingraph_cim::CimOptions::default())
        .with_context(|| cgmes.display().to_string())?;
    let alignments = options.mappings.join("cim");
    let aligned = if alignments.is_dir() {
        twingraph_cim::align(&import.quads, std::slice::from_ref(&alignments))
            .with_context(|| alignments.display().to_string())?
    } else {
        Vec::new()
    };
    let mut parts = Vec::new();
    for model in &import.models {
        let graph = GraphName::NamedNode(model.graph.clone());
        if parts.iter().any(|p: &MappedGraph| p.graph == graph) {
            continue; // a difference model: its changes are in the graph of its base
        }
        let quads: Vec<Quad> = import
            .quads
            .iter()
            .filter(|q| q.graph_name == graph)
            .cloned()
            .collect();
        let source = names.iter().position(|n| *n == model.file).map_or_else(
            || MappedSource::from_bytes(SourceDescription::named(&model.file), CIM_MEDIA_TYPE, &[]),
            |i| sources[i].clone(),
        );
        parts.push(MappedGraph {
            graph,
            quads,
            source,
        });
    }
    let aligned_triples = aligned.len();
    if !aligned.is_empty() {
        let queries = files_with_extension(&alignments, "rq")?;
        let mut text = String::new();
        for q in &queries {
            text.push_str(
                &std::fs::read_to_string(q)
                    .with_context(|| format!("cannot read {}", q.display()))?,
            );
        }
        parts.push(MappedGraph {
            graph: GraphName::NamedNode(NamedNode::new_unchecked(CIM_ALIGNED_GRAPH)),
            quads: aligned
                .into_iter()
                .map(|t| t.in_graph(GraphName::DefaultGraph))
                .collect(),
            source: MappedSource::from_bytes(
                SourceDescription::named(format!("CONSTRUCT alignments {}", alignments.display())),
                "application/sparql-query",
                text.as_bytes(),
            ),
        });
    }
    let meta = GraphName::NamedNode(NamedNode::new_unchecked(META_GRAPH));
    let metadata = import
        .metadata
        .into_iter()
        .map(|t| t.in_graph(meta.clone()))
        .collect();
    let s = &import.summary;
    let equipment: Vec<String> = s
        .equipment_by_class
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    let detail = format!(
        "{}: {s}; equipment {}; {aligned_triples} of the triples aligned to the common ontology",
        rel(dir, cgmes),
        equipment.join(", ")
    );
    Ok((
        PreparedSource {
            name: "cgmes".to_owned(),
            detail,
            parts,
            licence: options.licence.clone(),
            access: options.access.clone(),
            secs: started.elapsed().as_secs_f64(),
        },
        metadata,
    ))
}

/// Joins the Code-Point Open column names (second line of `Doc/Code-Point_Open_Column_Headers.csv`)
/// and the area files of `Data/CSV/` into one CSV with a header; returns it and the files read
/// (the headers file first).
fn join_codepoint(folder: &Path) -> anyhow::Result<(tempfile::NamedTempFile, Vec<PathBuf>)> {
    let headers = folder.join("Doc/Code-Point_Open_Column_Headers.csv");
    let text = std::fs::read_to_string(&headers)
        .with_context(|| format!("cannot read {}", headers.display()))?;
    let Some(header) = text.lines().nth(1) else {
        bail!(
            "{}: expected the column names on its second line",
            headers.display()
        );
    };
    let data = files_with_extension(&folder.join("Data/CSV"), "csv")?;
    if data.is_empty() {
        bail!(
            "{}: no postcode area files",
            folder.join("Data/CSV").display()
        );
    }
    let mut joined = tempfile::Builder::new()
        .prefix("codepo_gb")
        .suffix(".csv")
        .tempfile()
        .context("cannot create a temporary file")?;
    writeln!(joined, "{}", header.trim_end()).context("cannot write a temporary file")?;
    for f in &data {
        let bytes = std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?;
        joined
            .write_all(&bytes)
            .context("cannot write a temporary file")?;
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            joined
                .write_all(b"\n")
                .context("cannot write a temporary file")?;
        }
    }
    joined.flush().context("cannot write a temporary file")?;
    let mut files = vec![headers];
    files.extend(data);
    Ok((joined, files))
}

/// The files of `folder` ending in `.ext` (case-insensitive), sorted by name; none when the
/// folder does not exist.
fn files_with_extension(folder: &Path, ext: &str) -> anyhow::Result<Vec<PathBuf>> {
    Ok(entries(folder)?
        .into_iter()
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
        })
        .collect())
}

/// The sub-folders of `folder` whose names start with `prefix`, sorted.
fn subfolders(folder: &Path, prefix: &str) -> anyhow::Result<Vec<PathBuf>> {
    Ok(entries(folder)?
        .into_iter()
        .filter(|p| p.is_dir() && file_name_of(p).starts_with(prefix))
        .collect())
}

/// The last (by name, so the newest for dated names) file of `folder` named
/// `<prefix>…<suffix>`.
fn newest(folder: &Path, prefix: &str, suffix: &str) -> anyhow::Result<Option<PathBuf>> {
    Ok(entries(folder)?.into_iter().rfind(|p| {
        let name = file_name_of(p);
        p.is_file() && name.starts_with(prefix) && name.ends_with(suffix)
    }))
}

/// The entries of `folder`, sorted; none when it does not exist.
fn entries(folder: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in
        std::fs::read_dir(folder).with_context(|| format!("cannot read {}", folder.display()))?
    {
        out.push(
            entry
                .with_context(|| format!("cannot read {}", folder.display()))?
                .path(),
        );
    }
    out.sort();
    Ok(out)
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
}

/// `path` relative to the district folder, for messages.
fn rel(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir).unwrap_or(path).display().to_string()
}

/// A short name for a licence IRI.
fn licence_name(iri: &str) -> &str {
    match iri {
        "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" => "OGL-3",
        "https://creativecommons.org/licenses/by/4.0/" => "CC-BY-4.0",
        ROYAL_MAIL_ADDRESS_TERMS => "gov:RoyalMailAddressTerms",
        other => other,
    }
}
