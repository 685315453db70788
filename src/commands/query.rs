//! `twingraph query` and `twingraph update`.

use super::{parse_iri, read_text_argument};
use crate::Outcome;
use crate::cli::{QueryArgs, UpdateArgs};
use anyhow::{Context, bail};
use std::io::{BufWriter, Write};
use std::time::Duration;
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::oxigraph::sparql::{CancellationToken, QueryResults};
use twingraph_store::{QueryOptions, ResultFormat, TwinStore, UpdateOptions, write_results};

/// Runs `query`: results go to stdout.
pub fn query(store: &TwinStore, args: &QueryArgs) -> anyhow::Result<Outcome> {
    let text = read_text_argument(&args.query)?;
    let requested = match &args.format {
        Some(name) => Some(ResultFormat::from_name(name).with_context(|| {
            format!(
                "unknown format {name:?}: use json, xml, csv, tsv, ttl, nt, nq, trig, rdf or jsonld"
            )
        })?),
        None => None,
    };
    let mut options = QueryOptions {
        base_iri: args.base.clone(),
        union_default_graph: args.dataset.union_default_graph,
        ..QueryOptions::default()
    };
    for g in &args.default_graphs {
        options.default_graphs.push(parse_iri(g)?);
    }
    for g in &args.named_graphs {
        options.named_graphs.push(parse_iri(g)?);
    }
    if let Some(seconds) = args.timeout.filter(|s| *s > 0.0) {
        let token = CancellationToken::new();
        let timer = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs_f64(seconds));
            timer.cancel();
        });
        options.cancellation = Some(token);
    }
    let results = store.query(&text, &options)?;
    let format = requested.unwrap_or(match results {
        QueryResults::Graph(_) => ResultFormat::Rdf(RdfFormat::Turtle),
        _ => twingraph_store::default_format(&results),
    });
    if matches!(
        (&results, format),
        (QueryResults::Graph(_), ResultFormat::Results(_))
            | (
                QueryResults::Solutions(_) | QueryResults::Boolean(_),
                ResultFormat::Rdf(_)
            )
    ) {
        bail!(
            "format {} does not fit this query form",
            args.format.as_deref().unwrap_or_default()
        );
    }
    let stdout = BufWriter::new(std::io::stdout().lock());
    let (mut out, _summary) = write_results(results, format, stdout, None)?;
    out.flush().context("cannot write to stdout")?;
    Ok(Outcome::Success)
}

/// Runs `update`.
pub fn update(store: &TwinStore, args: &UpdateArgs) -> anyhow::Result<Outcome> {
    let text = read_text_argument(&args.update)?;
    store.update(
        &text,
        &UpdateOptions {
            base_iri: args.base.clone(),
            ..UpdateOptions::default()
        },
    )?;
    eprintln!("update applied");
    Ok(Outcome::Success)
}
