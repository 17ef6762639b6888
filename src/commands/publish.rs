//! `wel publiceer` and `wel vergelijk`: an edition from a clean build, and what a revision of an
//! edition would now print differently. Both run the one pipeline;
//! what an edition holds, and what a revision changes, is [`crate::edition`]'s.

use std::path::Path;

use super::{Refusal, Source};
use crate::edition::NewEdition;
pub use crate::edition::revision::Comparison;
use crate::edition::revision::Revision;
use crate::outputs::Outcome;
use crate::pipeline::{BuildError, BuildOptions, build, prepare_with_editions};

/// Why nothing was published or compared.
#[derive(Debug)]
pub enum PublishError {
    /// Lines that say what stands in the way.
    Refused(Vec<String>),
    /// Nothing to publish: a revision with no printed figure changed (not an error).
    Nothing(String),
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
    /// Where the time went (`--timings`).
    pub timings: String,
}

/// The settings of `wel publiceer`: everything, with bundles and the web edition, kept as an
/// edition.
pub fn options(
    source: &Source,
    out: &Path,
    revise: bool,
    late: bool,
    progress: bool,
) -> Result<BuildOptions, Refusal> {
    let mut options = source.options(out);
    options.bundles = true;
    options.web = true;
    options.revise = revise;
    options.late = late;
    options.progress = progress;
    super::writable(&options)?;
    Ok(options)
}

/// Builds everything (with bundles) and keeps it as a new edition, from that one run: its
/// documents, its figures and the values behind them. Refused while anything is wrong:
/// errors, a document not made, or a draft (an open round). A revision (`revise`) makes anew
/// only the documents a correction or a late return reaches, and takes the rest over.
pub fn run(options: &BuildOptions) -> Result<Published, PublishError> {
    let editions_dir = options
        .editions
        .clone()
        .unwrap_or_else(|| super::default_editions_dir(&options.inputs));
    let before = crate::edition::all(&editions_dir)?;
    if options.revise && before.is_empty() {
        return Err(PublishError::Refused(vec![
            "er is nog geen editie om te herzien; publiceer eerst zonder --herziening".into(),
        ]));
    }
    let mut options = options.clone();
    let revises = options
        .revise
        .then(|| before.last().map(|e| e.name().to_string()))
        .flatten();
    let stamp = crate::edition::next_stamp(&editions_dir, revises);
    options.publication = Some(stamp.clone());
    options.bundles = true;
    options.web = true;
    let report = build(&options)?;
    refuse_unclean(&report)?;
    let manifest =
        crate::export::manifest::Manifest::read(&options.out.join(crate::outputs::MANIFEST_FILE))
            .map_err(|m| PublishError::Refused(vec![m]))?;
    refuse_drafts(&manifest)?;
    let Some(publication) = report.publication else {
        return Err(PublishError::Refused(vec![
            "project.toml heeft fouten".into(),
        ]));
    };
    let state = report.editions;
    if options.revise && state.revision.as_ref().is_none_or(|r| r.is_empty()) {
        return Err(PublishError::Nothing(format!(
            "geen herziening nodig: elk gedrukt cijfer van editie {} is nog hetzelfde en er is niets nagekomen; er is geen nieuwe editie gemaakt",
            state.base.as_deref().unwrap_or("?")
        )));
    }
    // Every document taken over and nothing late taken in: a new edition would be the last
    // one under another name.
    let nothing_new = !options.revise
        && !before.is_empty()
        && state.overgenomen.len() == manifest.documenten.len()
        && (!state.late_taken || state.late.is_empty());
    if nothing_new {
        return Err(PublishError::Nothing(format!(
            "niets nieuws om te publiceren: elk document staat al zo in editie {}; er is geen nieuwe editie gemaakt",
            state.base.as_deref().unwrap_or("?")
        )));
    }
    let dir = crate::edition::write(NewEdition {
        out: &options.out,
        inputs: &options.inputs,
        editions: &editions_dir,
        figures: publication.figures,
        values: publication.values,
        witnesses: publication.witnesses,
        schooljaren: publication.schooljaren,
        overgenomen: state.overgenomen.clone(),
        stamp,
        brochure_schooljaren: state.brochure_years.clone(),
    })?;
    let summary = summary(&dir, &manifest, &state, options.revise);
    Ok(Published {
        summary,
        timings: report.timings.describe(report.seconds),
    })
}

/// A draft (a document of a round still open) is not published.
fn refuse_drafts(manifest: &crate::export::manifest::Manifest) -> Result<(), PublishError> {
    let drafts: Vec<&str> = manifest
        .documenten
        .iter()
        .filter(|d| d.concept)
        .map(|d| d.pad.as_str())
        .collect();
    if drafts.is_empty() {
        return Ok(());
    }
    Err(PublishError::Refused(vec![format!(
        "{} concept, omdat de ronde nog open is ({}); rond de ronde eerst af met wel rond-af",
        match drafts.len() {
            1 => "1 document is".to_string(),
            n => format!("{n} documenten zijn"),
        },
        drafts
            .iter()
            .take(5)
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    )]))
}

/// What `wel publiceer` says: the edition, what it took over, and for a revision each
/// document it revised with how many figures.
fn summary(
    dir: &std::path::Path,
    manifest: &crate::export::manifest::Manifest,
    state: &crate::pipeline::EditionState,
    revise: bool,
) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut summary = vec![format!(
        "editie {name} gepubliceerd in {}: {} en {}",
        dir.display(),
        crate::dutch::count(manifest.documenten.len(), "document", "documenten"),
        crate::dutch::count(manifest.bundels.len(), "bundel", "bundels")
    )];
    let taken = state.overgenomen.len();
    if taken > 0 {
        summary.push(format!(
            "  {} ongewijzigd overgenomen uit eerdere edities",
            crate::dutch::count(taken, "document", "documenten")
        ));
    }
    if let Some(revision) = &state.revision {
        summary.push(format!(
            "  herzien ten opzichte van editie {}: {} met correcties",
            revision.editie,
            crate::dutch::count(revision.documents.len(), "document", "documenten")
        ));
        for r in &revision.documents {
            summary.push(format!(
                "    {}: {} gecorrigeerd",
                r.id.key(),
                crate::dutch::count(r.differences.len(), "cijfer", "cijfers")
            ));
        }
        for l in &revision.nagekomen {
            summary.push(format!("    opgenomen: {}", l.line()));
        }
    }
    if state.late_taken && !revise {
        for l in &state.late {
            summary.push(format!("  opgenomen: {}", l.line()));
        }
    }
    summary.push(
        "  deze map verandert niet meer (wel verify controleert een bestand ertegen)".to_string(),
    );
    summary.join("\n")
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
        lines.push(format!(
            "de invoer heeft {}; zie wel check",
            crate::dutch::count(errors, "fout", "fouten")
        ));
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

/// What a revision of an edition (by name, or the latest) would change now: every figure it
/// would print differently, national and per SWV, the documents it would replace, and the
/// late rows waiting. The same pipeline run in revision mode as `wel publiceer --herziening`,
/// so check, vergelijk and the revision's "Correcties" are one list.
pub fn compare(options: &BuildOptions, name: Option<&str>) -> Result<Comparison, PublishError> {
    let dir = options
        .editions
        .clone()
        .unwrap_or_else(|| super::default_editions_dir(&options.inputs));
    let all = crate::edition::all(&dir)?;
    let at = crate::edition::position(&all, &dir, name)?;
    let mut now_options = options.clone();
    now_options.revise = true;
    now_options.dry_run = true;
    // Against an earlier edition: as if it were the latest.
    let prepared = prepare_with_editions(&now_options, &all[..=at])?;
    Ok(prepared
        .editions
        .revision
        .unwrap_or_else(|| Revision {
            editie: all[at].name().to_string(),
            ..Revision::default()
        })
        .comparison())
}
