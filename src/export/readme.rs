//! The read-mes of the bundles (`LEESMIJ.txt`): whose bundle it is, which edition, what each
//! file is, how to check a file without wel, and how the figures read.

use crate::model::{Programme, SwvCode};
use crate::outputs::DocumentId;

/// What every read-me says about the bundles: the programme, and the edition they belong to.
pub(super) struct About<'a> {
    pub(super) programme: &'a Programme,
    pub(super) edition: Option<&'a crate::model::EditionStamp>,
}

/// The read-me in every SWV's bundle.
pub(super) const READ_ME: &str = "LEESMIJ.txt";

/// The lines every read-me starts and ends with: the edition (or that the files are not
/// published), sample data, and how the figures read.
fn read_me_parts(about: &About<'_>) -> (String, String) {
    let programme = about.programme;
    let mut head = String::new();
    match about.edition {
        Some(e) => {
            head.push_str(&format!(
                "Editie {} van {}, gepubliceerd op {}.",
                e.name,
                programme.project.naam,
                crate::dutch::long_date(e.date)
            ));
            if let Some(r) = &e.revises {
                head.push_str(&format!(
                    " Deze editie is een herziening van editie {r}: een document met een verbeterd cijfer noemt onderaan elke correctie (was, nu)."
                ));
            }
        }
        None => head.push_str(
            "Werkversie: deze bestanden zijn (nog) niet gepubliceerd als editie. Gebruik voor een aanvraag de bundel uit een gepubliceerde editie.",
        ),
    }
    head.push_str("\r\n\r\n");
    if programme.project.voorbeeldgegevens {
        head.push_str("VOORBEELDGEGEVENS: de cijfers en teksten in deze bundel zijn verzonnen om het programma te laten zien. Gebruik ze nergens als echte cijfers.\r\n\r\n");
    }
    let rule = crate::privacy::rule::wording(programme.project.drempel);
    let below = crate::privacy::rule::below_norm(programme.project.drempel)
        .map(|l| format!("{l}\r\n\r\n"))
        .unwrap_or_default();
    let tail = format!(
        "Zo lees je de cijfers. {rule} Een leeg veld betekent dat er niets is opgegeven; dat is iets anders dan 0. {withheld}\r\n\r\n{below}",
        withheld = crate::privacy::rule::WITHHELD_MEANING
    );
    (head, tail)
}

/// How to check a file without wel: its SHA-256, and the commands a normal computer has.
fn checking(files: &[(String, String)]) -> String {
    let mut t = String::from(
        "Controleren of een bestand ongewijzigd is (zonder extra programma's): bereken de SHA-256 en vergelijk die met de lijst hieronder (en met manifest.json).\r\n- Windows (PowerShell): Get-FileHash -Algorithm SHA256 <bestand>\r\n- macOS: shasum -a 256 <bestand>\r\n- Linux: sha256sum <bestand>\r\n\r\n",
    );
    for (name, hash) in files {
        t.push_str(&format!("{hash}  {name}\r\n"));
    }
    t.push_str("\r\n");
    t
}

/// The read-me in an SWV's bundle: whose it is, which edition, what each file is, how to
/// check it, and how the figures read. `files`: the other entries and their SHA-256.
pub(super) fn swv_read_me(about: &About<'_>, code: &SwvCode, files: &[(String, String)]) -> String {
    let (head, tail) = read_me_parts(about);
    let name = about
        .programme
        .swv(code)
        .map(|s| s.naam.clone())
        .unwrap_or_else(|| code.to_string());
    let mut t = format!(
        "{}: bundel van {name} ({})\r\n\r\n{head}In deze bundel:\r\n",
        about.programme.project.naam,
        code.display_form()
    );
    for (file, _) in files {
        let what = if *file == DocumentId::Regio(code.clone()).bundle_name() {
            format!("het regio-overzicht van {name} (PDF, één pagina)")
        } else if *file == DocumentId::Brochure.bundle_name() {
            "de brochure van het programma (PDF)".to_string()
        } else if *file == DocumentId::Regio(code.clone()).bundle_web_name() {
            format!(
                "het regio-overzicht van {name} als toegankelijke webpagina (HTML): te openen in een browser of zo op een website te zetten"
            )
        } else if file.contains("-figuur-") && file.ends_with(".csv") {
            "de cijfers van een grafiek op de webpagina (CSV)".to_string()
        } else if file.ends_with(".csv") {
            format!(
                "de cijfers van {name} per schooljaar, zoals in het regio-overzicht (CSV, te openen in Excel)"
            )
        } else {
            continue;
        };
        t.push_str(&format!("- {file}: {what}\r\n"));
    }
    t.push_str("- manifest.json: de controlegetallen (SHA-256) van elk bestand, voor wie ze automatisch wil nakijken\r\n\r\n");
    t.push_str(&checking(files));
    t.push_str(&tail);
    t
}

/// The read-me in `landelijk.zip`: the edition, every document with its title, how to check
/// them, and how the figures read. `files`: path, SHA-256 and title of every document.
pub(super) fn national_read_me(about: &About<'_>, files: &[(String, String, String)]) -> String {
    let (head, tail) = read_me_parts(about);
    let mut t = format!(
        "{}: alle documenten\r\n\r\n{head}In deze bundel ({}):\r\n",
        about.programme.project.naam,
        crate::dutch::count(files.len(), "document", "documenten")
    );
    for (file, _, title) in files {
        t.push_str(&format!("- {file}: {title}\r\n"));
    }
    t.push_str("- manifest.json: de controlegetallen (SHA-256) van elk bestand\r\n\r\n");
    let hashes: Vec<(String, String)> = files
        .iter()
        .map(|(f, h, _)| (f.clone(), h.clone()))
        .collect();
    t.push_str(&checking(&hashes));
    t.push_str(&tail);
    t
}
