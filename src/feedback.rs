//! `wel check --terugkoppeling MAP`: per SWV with problems one short Dutch text to send back
//! (each problem with its place and what to change), and a status list of every SWV for the
//! current school year.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::{Problem, Severity, Within};
use crate::fsutil::{self, FsError};
use crate::model::{Programme, SchoolYear, SwvCode};
use crate::outputs::Outcome;
use crate::pipeline::BuildReport;

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
}

/// The current school year: the round being collected (`ronde` in project.toml), else the
/// last school year of the last phase.
pub fn current_year(programme: &Programme) -> Option<SchoolYear> {
    programme
        .project
        .ronde
        .or_else(|| programme.published_years().last().copied())
}

/// The state of the intake round in one line ("ronde 2025-2026, nog open: 18 van 117 SWV's
/// ontvangen: ..."), when project.toml names a round.
pub fn round_line(report: &BuildReport) -> Option<String> {
    round_line_of(&Of {
        programme: report.programme.as_ref(),
        folders: &report.folders,
        problems: &report.problems,
        outcomes: &report.outcomes,
    })
}

/// What the state of the SWVs is read from (a build report, or a build in progress).
pub struct Of<'a> {
    pub programme: Option<&'a Programme>,
    pub folders: &'a [SwvCode],
    pub problems: &'a crate::diag::Problems,
    pub outcomes: &'a [(crate::outputs::DocumentId, Outcome)],
}

/// [`round_line`] of a build in progress.
pub fn round_line_of(of: &Of<'_>) -> Option<String> {
    let programme = of.programme?;
    let year = programme.project.ronde?;
    let all = collect_of(of);
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
            let _ = write!(line, " en {more} andere(n)");
        }
    }
    Some(line)
}

/// The feedback of every SWV folder, in code order.
pub fn collect(report: &BuildReport) -> Vec<SwvFeedback> {
    collect_of(&Of {
        programme: report.programme.as_ref(),
        folders: &report.folders,
        problems: &report.problems,
        outcomes: &report.outcomes,
    })
}

fn collect_of(of: &Of<'_>) -> Vec<SwvFeedback> {
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
                    Severity::Error => errors.push(describe(p)),
                    Severity::Warning => warnings.push(describe(p)),
                }
            }
            errors.extend(failed_documents(of.outcomes, &code));
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
            SwvFeedback {
                name: swv.map(|s| s.naam.clone()).unwrap_or_default(),
                code,
                status,
                errors,
                warnings,
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

/// A problem as the SWV reads it: the file by its own name, then the place inside it.
fn describe(p: &Problem) -> String {
    let file = p.place.file.file_name().map_or_else(
        || p.place.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
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
    let mut text = format!("{place}: {}", p.message);
    if let Some(excerpt) = &p.excerpt {
        for line in excerpt.lines() {
            let _ = write!(text, "\n      {line}");
        }
    }
    text
}

/// The text to send back to one SWV.
pub fn letter(f: &SwvFeedback, year: Option<SchoolYear>) -> String {
    let mut t = String::new();
    let who = if f.name.is_empty() {
        f.code.to_string()
    } else {
        format!("{} ({})", f.name, f.code)
    };
    let _ = writeln!(t, "Terugkoppeling op uw invoer voor WEL in Ontwikkeling");
    let _ = writeln!(t, "Samenwerkingsverband: {who}");
    if let Some(y) = year {
        let _ = writeln!(t, "Schooljaar: {y}");
    }
    let _ = writeln!(t, "Status: {}", f.status.label());
    t.push('\n');
    if f.status == Status::NothingReceived {
        let _ = writeln!(
            t,
            "Wij hebben nog geen cijfers van u ontvangen voor dit schooljaar. Wilt u het werkboek invullen en terugsturen?\n"
        );
    }
    section(
        &mut t,
        "Dit moet verbeterd worden voordat uw regio-overzicht gemaakt kan worden",
        &f.errors,
    );
    section(
        &mut t,
        "Graag nakijken (het document wordt wel gemaakt)",
        &f.warnings,
    );
    let _ = writeln!(
        t,
        "Verbeter de genoemde plaatsen in uw bestanden en stuur ze terug. Cellen en regels zijn geteld zoals uw spreadsheetprogramma en teksteditor ze tonen."
    );
    t
}

fn section(t: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(t, "{heading}:");
    for (i, item) in items.iter().enumerate() {
        let _ = writeln!(t, "{}. {item}", i + 1);
    }
    t.push('\n');
}

/// The status list of every SWV.
pub fn status_list(all: &[SwvFeedback], year: Option<SchoolYear>) -> String {
    let mut t = String::new();
    match year {
        Some(y) => {
            let _ = writeln!(t, "Status van de invoer per SWV, schooljaar {y}");
        }
        None => {
            let _ = writeln!(t, "Status van de invoer per SWV");
        }
    }
    for status in [
        Status::Complete,
        Status::Warnings,
        Status::Errors,
        Status::NothingReceived,
    ] {
        let n = all.iter().filter(|f| f.status == status).count();
        let _ = writeln!(t, "  {}: {n}", status.label());
    }
    t.push('\n');
    let _ = writeln!(t, "code\tstatus\tfouten\twaarschuwingen\tnaam");
    for f in all {
        let _ = writeln!(
            t,
            "{}\t{}\t{}\t{}\t{}",
            f.code,
            f.status.label(),
            f.errors.len(),
            f.warnings.len(),
            f.name
        );
    }
    t
}

/// Writes `<CODE>.txt` for every SWV with problems or without figures, removes an earlier
/// `<CODE>.txt` of an SWV that is now complete (so no outdated letter is sent), and writes
/// `statuslijst.txt`. Returns how many letters were written.
pub fn write(dir: &Path, report: &BuildReport) -> Result<usize, FsError> {
    fsutil::create_dir_all(dir)?;
    let year = report.programme.as_ref().and_then(current_year);
    let all = collect(report);
    let mut written = 0;
    for f in &all {
        let path: PathBuf = dir.join(format!("{}.txt", f.code));
        if f.status == Status::Complete {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(FsError {
                        action: "kan oude terugkoppeling niet verwijderen",
                        path,
                        source,
                    });
                }
            }
            continue;
        }
        fsutil::write_atomic(&path, letter(f, year).as_bytes())?;
        written += 1;
    }
    fsutil::write_atomic(
        &dir.join("statuslijst.txt"),
        status_list(&all, year).as_bytes(),
    )?;
    Ok(written)
}
