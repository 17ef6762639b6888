//! `wel publiceer` and `wel vergelijk`: an edition from a clean build, and what the inputs
//! would now print differently from an edition. Both run the one pipeline; what an edition
//! holds is [`crate::edition`]'s.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::edition::{Edition, NewEdition};
use crate::outputs::Outcome;
use crate::pipeline::{BuildError, BuildOptions, build, prepare_only};
use crate::privacy::Recorded;
use crate::privacy::editions::{Difference, differences, values};

/// Why nothing was published or compared.
#[derive(Debug)]
pub enum PublishError {
    /// Lines that say what stands in the way.
    Refused(Vec<String>),
    Build(BuildError),
}

impl From<BuildError> for PublishError {
    fn from(e: BuildError) -> Self {
        Self::Build(e)
    }
}

impl From<crate::edition::EditionError> for PublishError {
    fn from(e: crate::edition::EditionError) -> Self {
        Self::Refused(vec![e.to_string()])
    }
}

/// A published edition.
pub struct Published {
    pub summary: String,
}

/// Builds everything (with bundles) and keeps it as a new edition. Refused while anything is
/// wrong: errors, a document not made, or a draft (an open round).
pub fn publish(options: &BuildOptions) -> Result<Published, PublishError> {
    let editions_dir = options
        .editions
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("edities"));
    let before = crate::edition::all(&editions_dir)?;
    if options.revise && before.is_empty() {
        return Err(PublishError::Refused(vec![
            "er is nog geen editie om te herzien; publiceer eerst zonder --herziening".into(),
        ]));
    }
    let report = build(options)?;
    refuse_unclean(&report)?;
    let manifest =
        crate::export::manifest::Manifest::read(&options.out.join(crate::outputs::MANIFEST_FILE))
            .map_err(|m| PublishError::Refused(vec![m]))?;
    let drafts: Vec<&str> = manifest
        .documenten
        .iter()
        .filter(|d| d.concept)
        .map(|d| d.pad.as_str())
        .collect();
    if !drafts.is_empty() {
        return Err(PublishError::Refused(vec![format!(
            "{} document(en) zijn concept, omdat de ronde nog open is ({}); rond de ronde eerst af met wel rond-af",
            drafts.len(),
            drafts
                .iter()
                .take(5)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        )]));
    }
    let prepared = prepare_only(options)?;
    let data = prepared
        .loaded
        .data()
        .ok_or_else(|| PublishError::Refused(vec!["project.toml heeft fouten".into()]))?;
    let overgenomen: BTreeMap<String, String> = prepared
        .jobs
        .iter()
        .filter_map(|j| Some((j.key(), j.from_edition.as_ref()?.edition.clone())))
        .collect();
    let taken = overgenomen.len();
    let dir = crate::edition::write(NewEdition {
        out: &options.out,
        inputs: &options.inputs,
        editions: &editions_dir,
        figures: prepared.ledger.recorded(),
        values: values(&prepared.ledger, data),
        schooljaren: data.programme.published_years(),
        overgenomen,
        herziet: options
            .revise
            .then(|| before.last().map(|e| e.name().to_string()))
            .flatten(),
    })?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut summary = format!(
        "editie {name} gepubliceerd in {}: {} document(en) en {} bundel(s)",
        dir.display(),
        manifest.documenten.len(),
        manifest.bundels.len()
    );
    if taken > 0 {
        summary.push_str(&format!(
            ", waarvan {taken} ongewijzigd overgenomen uit de vorige editie"
        ));
    }
    summary.push_str("; deze map verandert niet meer (wel verify controleert een bestand ertegen)");
    Ok(Published { summary })
}

/// Errors, failed or blocked documents stop a publication.
fn refuse_unclean(report: &crate::pipeline::BuildReport) -> Result<(), PublishError> {
    let mut lines = Vec::new();
    if let Some(why) = &report.stopped {
        lines.push(format!("niets gemaakt: {why}"));
    }
    for (id, o) in &report.outcomes {
        match o {
            Outcome::Blocked(why) => lines.push(format!("niet gemaakt: {}: {why}", id.key())),
            Outcome::Failed(why) => lines.push(format!(
                "mislukt: {}: {}",
                id.key(),
                why.lines().next().unwrap_or_default()
            )),
            Outcome::Built { .. } | Outcome::UpToDate | Outcome::Published { .. } => {}
        }
    }
    let errors = report.problems.error_count();
    if errors > 0 {
        lines.push(format!("de invoer heeft {errors} fout(en); zie wel check"));
        // The first few, so that a refusal says why (a revision audits more than a check).
        for p in report.problems.iter().filter(|p| p.is_error()).take(5) {
            lines.push(format!("  {p}"));
        }
    }
    if lines.is_empty() {
        Ok(())
    } else {
        Err(PublishError::Refused(lines))
    }
}

/// One difference, with every output it is in.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    pub wat: String,
    pub gepubliceerd: String,
    pub nu: String,
    pub in_uitvoer: Vec<String>,
}

/// What the inputs would now print differently from an edition.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub editie: String,
    /// Figures of the national documents (totals).
    pub landelijk: Vec<Changed>,
    /// Figures of one SWV (its one-pager and CSV), by code.
    pub per_swv: BTreeMap<String, Vec<Changed>>,
}

impl Comparison {
    pub fn text(&self) -> String {
        let mut out = format!(
            "Verschillen tussen editie {} en de invoer nu:\n",
            self.editie
        );
        if self.landelijk.is_empty() && self.per_swv.is_empty() {
            out.push_str("  geen: elk gepubliceerd cijfer is nog hetzelfde\n");
            return out;
        }
        let line = |c: &Changed| {
            format!(
                "  {}: gepubliceerd {}, nu {} ({})\n",
                c.wat,
                c.gepubliceerd,
                c.nu,
                c.in_uitvoer.join(", ")
            )
        };
        if !self.landelijk.is_empty() {
            out.push_str("Landelijk:\n");
            self.landelijk.iter().for_each(|c| out.push_str(&line(c)));
        }
        if !self.per_swv.is_empty() {
            out.push_str("Per SWV:\n");
            self.per_swv
                .values()
                .flatten()
                .for_each(|c| out.push_str(&line(c)));
        }
        out
    }
}

/// Every figure an edition (by name, or the latest) published that the inputs would now
/// print differently, national and per SWV.
pub fn compare(options: &BuildOptions, name: Option<&str>) -> Result<Comparison, PublishError> {
    let dir = options
        .editions
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("edities"));
    let editions = crate::edition::all(&dir)?;
    let edition = crate::edition::find(&dir, name)?;
    // Every document made anew from the inputs of now, none taken over.
    let mut now_options = options.clone();
    now_options.revise = true;
    let prepared = prepare_only(&now_options)?;
    let then = published_figures(&edition, &editions);
    let diffs = differences(
        &then,
        &prepared.ledger.recorded(),
        prepared.loaded.programme.as_ref(),
    );
    Ok(group(edition.name(), diffs))
}

/// Everything an edition published: its own figures and those of the documents it took over.
fn published_figures(edition: &Edition, all: &[Edition]) -> BTreeMap<String, Vec<Recorded>> {
    let mut figures = edition.figures.clone();
    for (output, from) in &edition.info.overgenomen {
        if let Some(f) = all
            .iter()
            .find(|e| e.name() == from)
            .and_then(|e| e.figures.get(output))
        {
            figures.insert(output.clone(), f.clone());
        }
    }
    figures
}

/// The differences, each once with the outputs it is in: national ones, and per SWV.
/// Differences by (what, published, now), with the outputs each is in.
type ByFigure = BTreeMap<(String, String, String), BTreeSet<String>>;

fn group(edition: &str, diffs: Vec<Difference>) -> Comparison {
    let mut national: ByFigure = BTreeMap::new();
    let mut per_swv: BTreeMap<String, ByFigure> = BTreeMap::new();
    for d in diffs {
        let key = (d.wat, d.gepubliceerd, d.nu);
        let output = d.uitvoer.split(':').next().unwrap_or_default().to_string();
        match owner(&d.uitvoer) {
            Some(code) => per_swv
                .entry(code.to_string())
                .or_default()
                .entry(key)
                .or_default()
                .insert(output),
            None => national.entry(key).or_default().insert(output),
        };
    }
    let list = |m: ByFigure| -> Vec<Changed> {
        m.into_iter()
            .map(|((wat, gepubliceerd, nu), outputs)| Changed {
                wat,
                gepubliceerd,
                nu,
                in_uitvoer: outputs.into_iter().collect(),
            })
            .collect()
    };
    Comparison {
        editie: edition.to_string(),
        landelijk: list(national),
        per_swv: per_swv.into_iter().map(|(c, m)| (c, list(m))).collect(),
    }
}

/// The SWV an output belongs to (`regio/PO2801.pdf`, `bundels/PO2801.zip:...`); `None` for a
/// national one.
fn owner(key: &str) -> Option<&str> {
    if let Some(rest) = key.strip_prefix("regio/") {
        return rest.strip_suffix(".pdf");
    }
    key.strip_prefix("bundels/")
        .and_then(|r| r.split(".zip").next())
        .filter(|c| *c != "landelijk")
}
