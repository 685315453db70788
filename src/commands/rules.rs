//! `twingraph rules check` and `twingraph infer`: rule sets checked, then materialised over
//! files (derived triples written out) or over the store (the inferred graph rewritten).

use super::validate::read_into;
use crate::Outcome;
use crate::cli::{Cli, InferArgs, RulesCheckArgs};
use crate::config::FileConfig;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;
use twingraph_rules::{Engine, Inference, RuleSet};
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use twingraph_store::oxigraph::model::{Graph, GraphName, NamedNode, Triple};
use twingraph_store::{TwinStore, format_from_path, inferred_graph, is_live_graph};

/// Runs `rules check`: exit 0 when every file parses, is well-formed and stratifiable.
pub fn check(args: &crate::cli::RulesArgs) -> anyhow::Result<Outcome> {
    let crate::cli::RulesCommand::Check(RulesCheckArgs { files }) = &args.command;
    let mut failed = 0;
    for file in files {
        match read_rules(file) {
            Ok(rules) => println!(
                "{}: ok: {} rule(s) in {} strat{}, {} DATA triple(s)",
                file.display(),
                rules.rules().len(),
                rules.strata().len(),
                if rules.strata().len() == 1 { "um" } else { "a" },
                rules.ast().data.len()
            ),
            Err(e) => {
                failed += 1;
                eprintln!("{e:#}");
            }
        }
    }
    if failed > 0 {
        bail!("{failed} of {} rule set(s) rejected", files.len());
    }
    Ok(Outcome::Success)
}

/// Reads and checks one rule file (relative IRIs resolve against the file's URL).
fn read_rules(path: &Path) -> anyhow::Result<RuleSet> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let base = std::path::absolute(path)
        .ok()
        .map(|p| format!("file://{}", p.display()));
    RuleSet::parse(&text, base.as_deref()).with_context(|| format!("{}", path.display()))
}

/// Runs `infer`.
pub fn infer(cli: &Cli, config: &FileConfig, args: &InferArgs) -> anyhow::Result<Outcome> {
    let sets = args
        .rules
        .iter()
        .map(|p| read_rules(p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let rules = if sets.len() == 1 {
        sets.into_iter().next().expect("one rule set")
    } else {
        RuleSet::merge(&sets).context("the rule sets together")?
    };
    let explain = args.explain.as_deref().map(parse_triple).transpose()?;
    let engine = Engine::new().with_explanations(explain.is_some());
    let bar = spinner("inferring")?;
    if args.data.is_empty() {
        let store = super::open(cli, config)?;
        let selected = selected_graphs(&store, &args.graphs)?;
        bar.set_message("reading the base graphs");
        let (base, inputs) = base_data(&store, &selected)?;
        bar.set_message(format!("inferring over {} base triples", base.len()));
        let inference = engine.materialise(&rules, base)?;
        bar.finish_and_clear();
        if let Some(triple) = &explain {
            return print_explanation(&inference, triple);
        }
        let graph = match &args.into {
            Some(iri) => super::parse_iri(iri)?,
            None => default_inferred_graph(&args.rules),
        };
        write_inferred(&store, &graph, &inference, &inputs, &args.rules)?;
        summary(&inference, &format!("graph <{}>", graph.as_str()));
        Ok(Outcome::Success)
    } else {
        if !args.graphs.is_empty() || args.into.is_some() {
            bail!("--graph and --into are for store mode; they cannot be combined with data files");
        }
        bar.set_message("reading the data files");
        let mut data = Graph::new();
        for file in &args.data {
            read_into(&mut data, file)?;
        }
        bar.set_message(format!("inferring over {} base triples", data.len()));
        let base: Vec<Triple> = data.iter().map(|t| t.into_owned()).collect();
        let inference = engine.materialise(&rules, base)?;
        bar.finish_and_clear();
        if let Some(triple) = &explain {
            return print_explanation(&inference, triple);
        }
        let target = match &args.out {
            Some(path) => path.display().to_string(),
            None => "stdout".to_owned(),
        };
        write_derived(&inference, args.out.as_deref())?;
        summary(&inference, &target);
        Ok(Outcome::Success)
    }
}

fn spinner(message: &str) -> anyhow::Result<ProgressBar> {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .context("progress template")?,
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar.set_message(message.to_owned());
    Ok(bar)
}

fn summary(inference: &Inference, target: &str) {
    let s = &inference.stats;
    let seconds = s.elapsed.as_secs_f64();
    eprintln!(
        "inferred {} triples from {} base triples into {target}: {} strat{}, {} round(s), {seconds:.2} s ({:.0} derived triples/s)",
        s.derived,
        s.base,
        s.strata,
        if s.strata == 1 { "um" } else { "a" },
        s.rounds,
        s.derived as f64 / seconds.max(1e-9)
    );
}

/// Parses one triple written in N-Triples syntax (the final ` .` is optional).
fn parse_triple(text: &str) -> anyhow::Result<Triple> {
    let line = if text.trim_end().ends_with('.') {
        text.to_owned()
    } else {
        format!("{text} .")
    };
    let mut triples = RdfParser::from_format(RdfFormat::NTriples).for_slice(line.as_bytes());
    let quad = triples
        .next()
        .context("--explain needs a triple such as `<s> <p> <o>`")?
        .with_context(|| format!("--explain: invalid N-Triples triple {text:?}"))?;
    Ok(Triple::from(quad))
}

fn print_explanation(inference: &Inference, triple: &Triple) -> anyhow::Result<Outcome> {
    let Some(explanation) = inference.explain(triple) else {
        println!("{triple} is not derived by these rules (it is base data or not entailed)");
        return Ok(Outcome::CheckFailed);
    };
    let mut seen = HashSet::new();
    explain_tree(inference, explanation, 0, &mut seen);
    Ok(Outcome::Success)
}

fn explain_tree(
    inference: &Inference,
    e: &twingraph_rules::Explanation,
    depth: usize,
    seen: &mut HashSet<Triple>,
) {
    let indent = "  ".repeat(depth);
    let by = e
        .rule
        .map_or_else(|| "a DATA block".to_owned(), |r| format!("rule {}", r + 1));
    println!("{indent}{} .   <- {by}", e.triple);
    if !seen.insert(e.triple.clone()) {
        return;
    }
    for premise in &e.premises {
        match inference.explain(premise) {
            Some(inner) if depth < 32 => explain_tree(inference, inner, depth + 1, seen),
            _ => println!("{indent}  {premise} .   (base data)"),
        }
    }
}

/// Writes the derived triples to `out` (syntax from the extension) or N-Triples on stdout.
fn write_derived(inference: &Inference, out: Option<&Path>) -> anyhow::Result<()> {
    let (format, writer): (RdfFormat, Box<dyn Write>) = match out {
        Some(path) => (
            format_from_path(path)?,
            Box::new(BufWriter::new(
                File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
            )),
        ),
        None => (RdfFormat::NTriples, Box::new(std::io::stdout().lock())),
    };
    let mut serializer = RdfSerializer::from_format(format).for_writer(writer);
    for t in &inference.derived {
        serializer.serialize_triple(t)?;
    }
    serializer.finish()?.flush()?;
    Ok(())
}

fn selected_graphs(store: &TwinStore, graphs: &[String]) -> anyhow::Result<Vec<GraphName>> {
    let selected: Vec<GraphName> = graphs
        .iter()
        .map(|g| {
            Ok(match g.as_str() {
                "default" => GraphName::DefaultGraph,
                iri => GraphName::NamedNode(super::parse_iri(iri)?),
            })
        })
        .collect::<anyhow::Result<_>>()?;
    for g in &selected {
        if !store.contains_graph(g)? {
            bail!("no graph {g} in the store (see `twingraph graphs`)");
        }
    }
    Ok(selected)
}

/// The base triples and the graphs they came from.
fn base_data(
    store: &TwinStore,
    selected: &[GraphName],
) -> anyhow::Result<(Vec<Triple>, Vec<GraphName>)> {
    let mut base = Vec::new();
    let mut inputs: Vec<GraphName> = Vec::new();
    for quad in store.inner().iter() {
        let quad = quad?;
        let keep = if selected.is_empty() {
            is_live_graph(quad.graph_name.as_ref())
        } else {
            selected.contains(&quad.graph_name)
        };
        if keep {
            if !inputs.contains(&quad.graph_name) {
                inputs.push(quad.graph_name.clone());
            }
            base.push(Triple::from(quad));
        }
    }
    Ok((base, inputs))
}

fn default_inferred_graph(rules: &[PathBuf]) -> NamedNode {
    let names: Vec<String> = rules
        .iter()
        .map(|p| {
            p.file_stem()
                .map_or_else(|| "rules".to_owned(), |s| s.to_string_lossy().into_owned())
        })
        .collect();
    inferred_graph(&names.join("+"))
}

/// Replaces the inferred graph (one transaction), then its description in the metadata graph.
fn write_inferred(
    store: &TwinStore,
    graph: &NamedNode,
    inference: &Inference,
    inputs: &[GraphName],
    rules: &[PathBuf],
) -> anyhow::Result<()> {
    let mut tx = store.inner().start_transaction()?;
    tx.clear_graph(graph.as_ref())?;
    for t in &inference.derived {
        tx.insert(&t.clone().in_graph(graph.clone()));
    }
    tx.commit()?;
    let used: Vec<NamedNode> = rules
        .iter()
        .filter_map(|file| std::path::absolute(file).ok())
        .filter_map(|abs| NamedNode::new(format!("file://{}", abs.display())).ok())
        .collect();
    store.record_derivation(graph, inputs, &used)?;
    Ok(())
}
