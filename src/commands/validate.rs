//! `twingraph validate`: SHACL validation of files or stored graphs.

use super::parse_iri;
use crate::Outcome;
use crate::cli::{Cli, ValidateArgs};
use crate::config::FileConfig;
use anyhow::{Context, bail};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use twingraph_shacl::{Shapes, ValidationReport, try_validate};
use twingraph_store::oxigraph::io::{RdfFormat, RdfParseError, RdfParser, RdfSerializer};
use twingraph_store::oxigraph::model::{Graph, GraphName, Triple};
use twingraph_store::{TwinStore, format_from_path, is_live_graph};

/// Runs `validate`: exit 0 when the data conforms, 1 when it does not, 2 on bad input.
pub fn run(cli: &Cli, config: &FileConfig, args: &ValidateArgs) -> anyhow::Result<Outcome> {
    let shapes = read_shapes(&args.shapes)?;
    let data = if args.data.is_empty() {
        store_graph(cli, config, &args.graphs)?
    } else {
        if !args.graphs.is_empty() {
            bail!("--graph selects stored graphs; it cannot be combined with data files");
        }
        let mut data = Graph::new();
        for path in &args.data {
            read_into(&mut data, path)?;
        }
        data
    };
    let report = try_validate(&shapes, &data).context("the shapes could not be evaluated")?;
    print!("{}", report.summary());
    if let Some(path) = &args.report {
        write_report(&report, path)?;
    }
    eprintln!(
        "validated {} data triples against {} shapes: {} ({} results)",
        data.len(),
        shapes.len(),
        if report.conforms() {
            "conforms"
        } else {
            "does not conform"
        },
        report.results().len()
    );
    Ok(if report.conforms() {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

/// The shapes files named by `paths`: files as given, folders replaced by their `.ttl` files
/// (sorted, not recursive).
pub(crate) fn expand_shapes(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot list {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ttl") && p.is_file())
                .collect();
            if found.is_empty() {
                bail!("{} holds no .ttl shapes files", path.display());
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Reads the shapes of one or more shapes files or folders (warning about unsupported
/// features).
pub(crate) fn read_shapes(paths: &[PathBuf]) -> anyhow::Result<Shapes> {
    let mut shapes_graph = Graph::new();
    for path in &expand_shapes(paths)? {
        read_into(&mut shapes_graph, path)?;
    }
    let shapes = Shapes::from_graph(&shapes_graph).context("invalid shapes graph")?;
    for warning in shapes.unsupported() {
        eprintln!("warning: {warning}");
    }
    Ok(shapes)
}

/// Writes a validation report as Turtle.
pub(crate) fn write_report(report: &ValidationReport, path: &Path) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle)
        .with_prefix("sh", "http://www.w3.org/ns/shacl#")?
        .for_writer(file);
    for triple in report.to_graph().iter() {
        serializer.serialize_triple(triple)?;
    }
    serializer.finish()?;
    Ok(())
}

/// Parses an RDF file into `graph` (graph names of quad formats are dropped).
pub(crate) fn read_into(graph: &mut Graph, path: &Path) -> anyhow::Result<()> {
    let format = format_from_path(path)?;
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let base = std::path::absolute(path)
        .ok()
        .map(|p| format!("file://{}", p.display()));
    let mut parser = RdfParser::from_format(format);
    if let Some(base) = base {
        parser = parser.with_base_iri(base)?;
    }
    for quad in parser.for_reader(BufReader::new(file)) {
        let quad = quad.map_err(|e| match e {
            RdfParseError::Syntax(e) => {
                let name = path.display();
                match e.location() {
                    Some(l) => {
                        anyhow::anyhow!("{name}:{}:{}: {e}", l.start.line + 1, l.start.column + 1)
                    }
                    None => anyhow::anyhow!("{name}: {e}"),
                }
            }
            RdfParseError::Io(e) => anyhow::anyhow!("cannot read {}: {e}", path.display()),
        })?;
        graph.insert(&Triple::from(quad));
    }
    Ok(())
}

/// The union of the selected stored graphs (the live graphs by default: not metadata,
/// quarantine, report or inferred graphs).
fn store_graph(cli: &Cli, config: &FileConfig, graphs: &[String]) -> anyhow::Result<Graph> {
    let store = super::open(cli, config)?;
    let selected: Vec<GraphName> = graphs
        .iter()
        .map(|g| {
            Ok(match g.as_str() {
                "default" => GraphName::DefaultGraph,
                iri => GraphName::NamedNode(parse_iri(iri)?),
            })
        })
        .collect::<anyhow::Result<_>>()?;
    for g in &selected {
        if !store.contains_graph(g)? {
            bail!("no graph {g} in the store (see `twingraph graphs`)");
        }
    }
    stored_graphs(&store, &selected)
}

/// The union of the `selected` stored graphs, or of the live graphs when none is selected.
pub(crate) fn stored_graphs(store: &TwinStore, selected: &[GraphName]) -> anyhow::Result<Graph> {
    let mut data = Graph::new();
    for quad in store.inner().iter() {
        let quad = quad?;
        let keep = if selected.is_empty() {
            is_live_graph(quad.graph_name.as_ref())
        } else {
            selected.contains(&quad.graph_name)
        };
        if keep {
            data.insert(&Triple::from(quad));
        }
    }
    Ok(data)
}
