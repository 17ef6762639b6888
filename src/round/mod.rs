//! The intake round: `ronde` in project.toml names the school year being collected; `wel
//! rond-af` closes it by adding it to `rondes.toml` (with the SWVs that sent nothing), after
//! which the documents that include that year are no longer drafts. Where each SWV stands in
//! the round is worked out here too (check, the overview and the feedback letters show it).

pub mod feedback;
pub mod intake;
pub mod open;
pub mod receive;

use std::fmt::Write as _;
use std::path::Path;

use crate::diag::{Problem, Severity, Within};
use crate::fsutil::{self, FsError};
use crate::inputs::project::ROUNDS_FILE;
use crate::model::{Programme, SchoolYear, SwvCode};
use crate::outputs::Outcome;

/// Records the round of `year` as closed today, without `missing`; returns the date.
pub fn close(inputs: &Path, year: SchoolYear, missing: &[String]) -> Result<String, FsError> {
    let path = inputs.join(ROUNDS_FILE);
    let mut text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(_) => "# Afgeronde inzamelrondes, bijgehouden door wel rond-af.\n".to_string(),
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let date = crate::clock::today();
    let zonder: Vec<String> = missing
        .iter()
        .map(|c| crate::fsutil::toml_string(c))
        .collect();
    text.push_str(&format!(
        "\n[[afgesloten]]\nschooljaar = \"{year}\"\ndatum = {date}\nzonder = [{}]\n",
        zonder.join(", ")
    ));
    fsutil::write_atomic(&path, text.as_bytes())?;
    Ok(date)
}

/// Where an SWV stands for the current school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Something would stop its one-pager or the national documents.
    Errors,
    /// No figures for the current school year.
    NothingReceived,
    Warnings,
    Complete,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Errors => "fouten",
            Status::NothingReceived => "niets ontvangen",
            Status::Warnings => "waarschuwingen",
            Status::Complete => "compleet",
        }
    }
}

/// One SWV's line in the status list and the text to send back (when it has problems).
pub struct SwvFeedback {
    pub code: SwvCode,
    pub name: String,
    pub status: Status,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    /// For information: nothing to change (figures that came in after their round closed).
    pub notes: Vec<String>,
}

/// The current school year: the round being collected (`ronde` in project.toml), else the
/// last school year of the last phase.
pub fn current_year(programme: &Programme) -> Option<SchoolYear> {
    programme
        .project
        .ronde
        .or_else(|| programme.published_years().last().copied())
}

/// What the state of the SWVs is read from (a build report, or a build in progress).
pub struct Of<'a> {
    pub programme: Option<&'a Programme>,
    pub folders: &'a [SwvCode],
    pub problems: &'a crate::diag::Problems,
    pub outcomes: &'a [(crate::outputs::DocumentId, Outcome)],
    /// Figures of closed rounds that came in late.
    pub late: &'a [crate::model::Late],
}

/// The state of the round in one line ("ronde 2025-2026, nog open: ...; 18 van 117 SWV's
/// ontvangen (...)"), when project.toml names a round.
pub fn line(of: &Of<'_>) -> Option<String> {
    let programme = of.programme?;
    let year = programme.project.ronde?;
    let all = collect(of);
    let count = |s: Status| all.iter().filter(|f| f.status == s).count();
    let missing: Vec<&str> = all
        .iter()
        .filter(|f| f.status == Status::NothingReceived)
        .map(|f| f.code.as_str())
        .collect();
    let state = match programme
        .project
        .afgesloten
        .iter()
        .find(|c| c.schooljaar == year)
    {
        Some(c) => format!(
            "afgerond op {}-{:02}-{:02}",
            c.datum.year, c.datum.month, c.datum.day
        ),
        None => "nog open: documenten met dit schooljaar zijn concept".to_string(),
    };
    let mut line = format!(
        "ronde {year}, {state}; {} van {} SWV's ontvangen ({} compleet, {} met waarschuwingen, {} met fouten)",
        all.len() - missing.len(),
        all.len(),
        count(Status::Complete),
        count(Status::Warnings),
        count(Status::Errors),
    );
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(12).copied().collect();
        let more = missing.len() - shown.len();
        let _ = write!(line, "; niets ontvangen van {}", shown.join(", "));
        if more > 0 {
            let _ = write!(line, " en {more} andere");
        }
    }
    Some(line)
}

/// Every SWV folder with where it stands in the round, and its problems in words an SWV
/// reads (its own file, sheet and cell), in code order.
pub fn collect(of: &Of<'_>) -> Vec<SwvFeedback> {
    let programme = of.programme;
    let year = programme.and_then(current_year);
    let mut codes = of.folders.to_vec();
    codes.sort();
    codes.dedup();
    codes
        .into_iter()
        .map(|code| {
            let swv = programme.and_then(|p| p.swv(&code));
            let mut errors = Vec::new();
            let mut warnings = Vec::new();
            for p in of.problems.sorted() {
                if p.swv.as_deref() != Some(code.as_str()) {
                    continue;
                }
                match p.severity {
                    Severity::Error => errors.push(describe(p, swv)),
                    Severity::Warning => warnings.push(describe(p, swv)),
                }
            }
            errors.extend(failed_documents(of.outcomes, &code));
            // Figures for the round but still last year's text: not complete yet.
            let round = programme.and_then(|p| p.project.ronde);
            if let (Some(s), Some(y)) = (swv, round)
                && s.took_part(y)
                && !s.summaries.contains_key(&y)
                && !s.refused.contains(&Some(y))
            {
                warnings.push(format!(
                    "de samenvatting over {y} ontbreekt nog: stuur samenvatting.toml over dit schooljaar mee (zonder toont uw regio-overzicht de tekst van een eerder jaar)"
                ));
            }
            // A text for the round but no figures: not complete either.
            if let (Some(s), Some(y)) = (swv, round)
                && !s.took_part(y)
                && (s.summaries.contains_key(&y) || s.refused.contains(&Some(y)))
            {
                warnings.push(format!(
                    "de cijfers over {y} ontbreken nog: vul in het werkboek (cijfers.xlsx) de rijen voor {y} in en stuur het mee (zonder telt uw samenwerkingsverband in {y} niet mee)"
                ));
            }
            let received = swv.is_some_and(|s| {
                year.is_none_or(|y| {
                    s.took_part(y) || s.summaries.contains_key(&y) || s.refused.contains(&Some(y))
                })
            });
            let status = if !errors.is_empty() {
                Status::Errors
            } else if !received {
                Status::NothingReceived
            } else if !warnings.is_empty() {
                Status::Warnings
            } else {
                Status::Complete
            };
            let notes = of
                .late
                .iter()
                .filter(|l| l.swv == code)
                .map(|l| {
                    format!(
                        "uw cijfers over {} ({}) kwamen binnen nadat die ronde was afgerond; de documenten over {} waren toen al gemaakt. Ze zijn goed ontvangen. De projectgroep beslist of ze in een herziening van die documenten komen of in de volgende editie; tot dan staan ze er niet in",
                        l.schooljaar, l.cijfers, l.schooljaar
                    )
                })
                .collect();
            SwvFeedback {
                name: swv.map(|s| s.naam.clone()).unwrap_or_default(),
                code,
                status,
                errors,
                warnings,
                notes,
            }
        })
        .collect()
}

/// The one-pager of this SWV that would not be made, with why (first lines only: the rest is
/// the template's own detail).
fn failed_documents(
    outcomes: &[(crate::outputs::DocumentId, Outcome)],
    code: &SwvCode,
) -> Vec<String> {
    let own = crate::outputs::DocumentId::Regio(code.clone());
    outcomes
        .iter()
        .filter(|(id, _)| *id == own)
        .filter_map(|(_, o)| match o {
            Outcome::Failed(why) => Some(format!(
                "Uw regio-overzicht kan niet gemaakt worden: {}",
                why.lines().next().unwrap_or_default()
            )),
            // Blocked by input errors: the letter lists those errors themselves.
            Outcome::Blocked(_)
            | Outcome::Built { .. }
            | Outcome::UpToDate
            | Outcome::Published { .. } => None,
        })
        .collect()
}

/// The school year a file in an SWV's folder is about: the year folder it stands in, or the
/// year of the summary read from its folder.
fn year_of_file(file: &Path, swv: Option<&crate::model::Swv>) -> Option<SchoolYear> {
    let folder = file.parent()?;
    if let Some(y) = folder
        .file_name()
        .and_then(|n| SchoolYear::parse(&n.to_string_lossy()).ok())
    {
        return Some(y);
    }
    let summary = file.file_name()? == "samenvatting.toml";
    swv?.summaries
        .values()
        .find(|s| summary && s.map == folder)
        .map(|s| s.schooljaar)
}

/// A message in the words of the SWV's staff: no paths of wel's own documentation, output
/// folder or commands, which they do not have.
fn for_swv_staff(message: &str) -> String {
    let mut m = message
        .replace(" (zie docs/invoer.md)", "")
        .replace(" (zie docs/invoer.md, Teksten van een rapportage)", "")
        .replace("zie docs/invoer.md", "zie de uitleg bovenaan het formulier")
        .replace(
            "het voorbeeld in docs/invoer.md",
            "het voorbeeld bovenaan het formulier",
        )
        .replace("(wel herkent ", "(de controle herkent ");
    // "regio/PO2005.pdf" (a path in the output folder) is their one-pager.
    while let Some(at) = m.find("regio/") {
        let end = m[at..].find(".pdf").map(|e| at + e + 4);
        match end {
            Some(end) if end - at <= 20 => m.replace_range(at..end, "uw regio-overzicht"),
            _ => break,
        }
    }
    m
}

/// A problem as the SWV reads it: the file by its own name (a summary with the school year it
/// is about, since an SWV keeps one per year), then the place inside it.
fn describe(p: &Problem, swv: Option<&crate::model::Swv>) -> String {
    let mut file = p.place.file.file_name().map_or_else(
        || p.place.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if let Some(year) = year_of_file(&p.place.file, swv) {
        file = format!("{file} over {year}");
    }
    let place = match &p.place.within {
        None => format!("in {file}"),
        Some(Within::Sheet {
            sheet,
            cell: Some(cell),
        }) => format!("in {file}, werkblad ‘{sheet}’, cel {cell}"),
        Some(Within::Sheet { sheet, cell: None }) => format!("in {file}, werkblad ‘{sheet}’"),
        Some(Within::Line { line, column }) => format!("in {file}, regel {line}, kolom {column}"),
        Some(Within::Key(key)) => format!("in {file}, bij ‘{key}’"),
    };
    let mut text = format!("{place}: {}", for_swv_staff(&p.message));
    if let Some(excerpt) = &p.excerpt {
        for line in excerpt.lines() {
            let _ = write!(text, "\n      {line}");
        }
    }
    text
}
