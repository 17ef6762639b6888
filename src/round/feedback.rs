//! `wel check --terugkoppeling MAP`: per SWV with problems one short Dutch text to send back
//! (each problem with its place and what to change), and a status list of every SWV for the
//! current school year.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::fsutil::{self, FsError};
use crate::model::SchoolYear;

pub use super::{Of, Status, SwvFeedback, current_year};

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
    // With errors nothing is made, so the warnings make no promise.
    let heading = if f.errors.is_empty() {
        "Graag nakijken (uw regio-overzicht wordt wel gemaakt)"
    } else {
        "Graag ook nakijken"
    };
    section(&mut t, heading, &f.warnings);
    section(&mut t, "Ter informatie", &f.notes);
    if !f.errors.is_empty() || !f.warnings.is_empty() {
        let _ = writeln!(
            t,
            "Verbeter de genoemde plaatsen in uw bestanden en stuur ze terug. Cellen en regels zijn geteld zoals uw spreadsheetprogramma en teksteditor ze tonen."
        );
    }
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
pub fn write(dir: &Path, of: &Of<'_>) -> Result<usize, FsError> {
    fsutil::create_dir_all(dir)?;
    let year = of.programme.and_then(current_year);
    let all = super::collect(of);
    let mut written = 0;
    for f in &all {
        let path: PathBuf = dir.join(format!("{}.txt", f.code));
        if f.status == Status::Complete && f.notes.is_empty() {
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
