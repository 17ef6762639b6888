//! Opening a round (`wel ronde open 2025-2026`): project.toml gets the round, the school year
//! in a phase (a new one, or the last one), the peildatum of the one-pagers and, for a new
//! phase, a text skeleton for its report. The comments and layout of project.toml stay as they
//! are. What was there before is kept in `.vorige/ronde-open-<year>/`, so the opening can be
//! undone (`--terugdraaien`) as long as nobody changed the files since.

use std::path::{Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use crate::fsutil::{self, FsError};
use crate::hash::sha256_hex;
use crate::inputs::project::{PROJECT_FILE, closed_rounds};
use crate::model::SchoolYear;

/// Why nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Fs(#[from] FsError),
    #[error("{0}")]
    Refused(String),
}

/// What `wel ronde open` asks for.
pub struct OpenRequest {
    /// The school year to collect; the year after the last phase's when absent.
    pub year: Option<SchoolYear>,
    /// Add the year to this phase (the last one) instead of starting a new one.
    pub phase: Option<u32>,
}

/// What an opening changed, one line per change, for the user to read.
pub struct Opened {
    pub year: SchoolYear,
    pub changes: Vec<String>,
}

/// The record of one opening, for `--terugdraaien`.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Record {
    schooljaar: SchoolYear,
    /// The SHA-256 of project.toml as the opening left it.
    project_sha256: String,
    /// The text skeleton it wrote (relative to the inputs) and its SHA-256.
    #[serde(default)]
    tekst: Option<Written>,
    /// The rounds closed and editions published when it was opened.
    afgesloten: Vec<SchoolYear>,
    edities: Vec<String>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Written {
    pad: PathBuf,
    sha256: String,
}

const RECORD: &str = "ronde.json";
const KEPT_PROJECT: &str = "project.toml";

/// The folder in `.vorige/` that keeps the state before the opening of `year`.
fn record_dir(year: SchoolYear) -> PathBuf {
    Path::new(".vorige").join(format!("ronde-open-{year}"))
}

/// One phase as project.toml has it.
struct PhaseEntry {
    number: u32,
    years: Vec<SchoolYear>,
    text: Option<String>,
}

fn phases(doc: &DocumentMut) -> Vec<PhaseEntry> {
    let Some(list) = doc.get("fase").and_then(Item::as_array_of_tables) else {
        return Vec::new();
    };
    list.iter()
        .map(|t| PhaseEntry {
            number: t
                .get("nummer")
                .and_then(Item::as_integer)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0),
            years: t
                .get("schooljaren")
                .and_then(Item::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str())
                        .filter_map(|s| SchoolYear::parse(s).ok())
                        .collect()
                })
                .unwrap_or_default(),
            text: t.get("teksten").and_then(Item::as_str).map(str::to_string),
        })
        .collect()
}

fn refused(text: impl Into<String>) -> OpenError {
    OpenError::Refused(text.into())
}

/// What an opening does: the school year, and the phase it goes to.
struct Choice {
    year: SchoolYear,
    phase: u32,
    new_phase: bool,
    /// The report text of the last phase (for a new phase's skeleton).
    previous_text: Option<String>,
}

impl Choice {
    /// The calendar year the school year ends in.
    fn end(&self) -> i64 {
        i64::from(self.year.start()) + 1
    }

    fn text_path(&self) -> String {
        format!("teksten/rapportage-fase-{}.toml", self.phase)
    }
}

/// Opens the round: writes project.toml (and a text skeleton for a new phase), keeping the
/// state before in `.vorige/`. `editions`: the names of the editions published now.
pub fn open(
    inputs: &Path,
    request: &OpenRequest,
    editions: &[String],
) -> Result<Opened, OpenError> {
    let path = inputs.join(PROJECT_FILE);
    let (before, mut doc) = read_project(&path)?;
    let closed = closed_rounds(inputs);
    let choice = choose(request, &doc, &closed)?;
    let mut changes = set_round(&mut doc, &choice);
    changes.push(set_phase(&mut doc, &choice));

    // Keep the state before, then write.
    let dir = record_dir(choice.year);
    if inputs.join(&dir).exists() {
        std::fs::remove_dir_all(inputs.join(&dir)).map_err(|source| FsError {
            action: "kan niet verwijderen",
            path: inputs.join(&dir),
            source,
        })?;
    }
    fsutil::write_atomic(&inputs.join(&dir).join(KEPT_PROJECT), &before)?;
    let written = if choice.new_phase {
        write_skeleton(inputs, &choice, &mut changes)?
    } else {
        None
    };
    let after = doc.to_string();
    let record = Record {
        schooljaar: choice.year,
        project_sha256: sha256_hex(after.as_bytes()),
        tekst: written,
        afgesloten: closed,
        edities: editions.to_vec(),
    };
    let json = serde_json::to_vec_pretty(&record).expect("the record serialises");
    fsutil::write_atomic(&inputs.join(&dir).join(RECORD), &json)?;
    fsutil::write_atomic(&path, after.as_bytes())?;
    Ok(Opened {
        year: choice.year,
        changes,
    })
}

/// project.toml's bytes and its document (comments and layout kept).
fn read_project(path: &Path) -> Result<(Vec<u8>, DocumentMut), OpenError> {
    let before = fsutil::read(path)?;
    let text = String::from_utf8(before.clone()).map_err(|_| {
        refused(format!(
            "{} is geen UTF-8-tekst; sla het op als UTF-8 en probeer het opnieuw",
            path.display()
        ))
    })?;
    let doc: DocumentMut = text.parse().map_err(|_| {
        refused(format!(
            "{} heeft fouten; wel check noemt ze. Verbeter ze eerst en probeer het opnieuw",
            path.display()
        ))
    })?;
    Ok((before, doc))
}

/// The school year and phase to open, or why not (a round still open, a year collected).
fn choose(
    request: &OpenRequest,
    doc: &DocumentMut,
    closed: &[SchoolYear],
) -> Result<Choice, OpenError> {
    let all = phases(doc);
    let last_year = all.iter().flat_map(|p| p.years.iter().copied()).max();
    let year = match (request.year, last_year) {
        (Some(y), _) => y,
        (None, Some(last)) => last.next(),
        (None, None) => {
            return Err(refused(
                "project.toml heeft nog geen fase; noem het schooljaar, bijvoorbeeld: wel ronde open 2025-2026",
            ));
        }
    };
    let programma = doc
        .get("programma")
        .and_then(Item::as_table)
        .ok_or_else(|| refused("project.toml heeft geen [programma]; zie wel check"))?;
    let open_now = programma
        .get("ronde")
        .and_then(Item::as_str)
        .and_then(|s| SchoolYear::parse(s).ok());
    if open_now == Some(year) {
        return Err(refused(format!(
            "de ronde {year} is al geopend (ronde in project.toml); er is niets veranderd"
        )));
    }
    if let Some(now) = open_now.filter(|y| !closed.contains(y)) {
        return Err(refused(format!(
            "de ronde {now} is nog niet afgerond; rond die eerst af met wel rond-af, daarna kan {year} open. Er is niets veranderd"
        )));
    }
    if let Some(p) = all.iter().find(|p| p.years.contains(&year)) {
        return Err(refused(format!(
            "{year} staat al bij fase {} in project.toml: dat schooljaar is al verzameld. Correcties op een eerder jaar ontvangt u gewoon met wel ontvang. Er is niets veranderd",
            p.number
        )));
    }
    if let Some(last) = last_year.filter(|l| year <= *l) {
        return Err(refused(format!(
            "{year} ligt voor het laatste schooljaar in project.toml ({last}); een nieuwe ronde is voor een later schooljaar. Er is niets veranderd"
        )));
    }
    let last_phase = all.iter().map(|p| p.number).max();
    let (phase, new_phase) = match (request.phase, last_phase) {
        (Some(n), Some(last)) if n == last => (n, false),
        (Some(n), Some(last)) if n == last + 1 => (n, true),
        (Some(n), Some(last)) => {
            return Err(refused(format!(
                "fase {n} kan {year} niet krijgen: een schooljaar komt bij de laatste fase ({last}) of begint fase {}. Er is niets veranderd",
                last + 1
            )));
        }
        (Some(n), None) => (n, true),
        (None, last) => (last.map_or(1, |l| l + 1), true),
    };
    Ok(Choice {
        year,
        phase,
        new_phase,
        previous_text: all.iter().rev().find_map(|p| p.text.clone()),
    })
}

/// `[programma]`: the round and the peildatum of the one-pagers; what changed.
fn set_round(doc: &mut DocumentMut, choice: &Choice) -> Vec<String> {
    let (year, end) = (choice.year, choice.end());
    let mut changes = Vec::new();
    let programma = doc["programma"]
        .as_table_mut()
        .expect("[programma] was found when choosing");
    let was = programma
        .get("ronde")
        .and_then(Item::as_str)
        .map(str::to_string);
    set_keeping_comment(programma, "ronde", year.label().into());
    if was.is_none()
        && let Some(v) = programma.get_mut("ronde").and_then(Item::as_value_mut)
    {
        v.decor_mut()
            .set_suffix("  # het schooljaar dat nu verzameld wordt (wel ronde open)");
    }
    changes.push(match was {
        Some(w) => format!("ronde = \"{year}\" (was \"{w}\")"),
        None => format!("ronde = \"{year}\""),
    });
    let new = format!("{end:04}-09-01");
    let peildatum: toml_edit::Datetime = new.parse().expect("a date in ISO form");
    let was = programma
        .get("peildatum")
        .and_then(Item::as_datetime)
        .map(ToString::to_string);
    set_keeping_comment(programma, "peildatum", peildatum.into());
    changes.push(match was {
        Some(w) if w == new => format!("peildatum blijft {new}: de datum op de regio-overzichten"),
        Some(w) => format!("peildatum = {new} (was {w}): de datum op de regio-overzichten"),
        None => format!("peildatum = {new}: de datum op de regio-overzichten"),
    });
    changes
}

/// The phase: a new one after the last, or the last one with one more year; what changed.
fn set_phase(doc: &mut DocumentMut, choice: &Choice) -> String {
    let (year, number, end) = (choice.year, choice.phase, choice.end());
    let datum: toml_edit::Datetime = format!("{end:04}-07-01")
        .parse()
        .expect("a date in ISO form");
    let text_path = choice.text_path();
    if choice.new_phase {
        let previous = doc
            .get("fase")
            .and_then(Item::as_array_of_tables)
            .and_then(|list| list.iter().last())
            .cloned();
        let mut table = Table::new();
        table["nummer"] = value(i64::from(number));
        let mut years = Array::new();
        years.push(year.label());
        table["schooljaren"] = value(years);
        table["datum"] = value(datum);
        if let Some(pilots) = previous.as_ref().and_then(|p| p.get("pilotregios")) {
            table["pilotregios"] = pilots.clone();
        }
        table["teksten"] = value(text_path.clone());
        match doc.get_mut("fase").and_then(Item::as_array_of_tables_mut) {
            Some(list) => list.push(table),
            None => {
                let mut list = ArrayOfTables::new();
                list.push(table);
                doc["fase"] = Item::ArrayOfTables(list);
            }
        }
        return format!(
            "nieuwe fase {number} met schooljaar {year}, datum {end}-07-01, tekst in {text_path}"
        );
    }
    let table = doc
        .get_mut("fase")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|list| {
            list.iter_mut()
                .find(|t| t.get("nummer").and_then(Item::as_integer) == Some(i64::from(number)))
        })
        .expect("the last phase was found when choosing");
    match table.get_mut("schooljaren").and_then(Item::as_array_mut) {
        Some(a) => a.push(year.label()),
        None => {
            let mut years = Array::new();
            years.push(year.label());
            table["schooljaren"] = value(years);
        }
    }
    table["datum"] = value(datum);
    format!("fase {number} krijgt schooljaar {year} erbij, met datum {end}-07-01")
}

/// Writes the new phase's text skeleton (unless a text is already there); what it wrote.
fn write_skeleton(
    inputs: &Path,
    choice: &Choice,
    changes: &mut Vec<String>,
) -> Result<Option<Written>, OpenError> {
    let (number, text_path) = (choice.phase, choice.text_path());
    let target = inputs.join(&text_path);
    if target.exists() {
        changes.push(format!("{text_path} bestond al en is niet veranderd"));
        return Ok(None);
    }
    let earlier = format!("fase {}", number.saturating_sub(1));
    let chapters: Vec<(String, Option<String>)> = choice
        .previous_text
        .as_ref()
        .map(|p| chapters_of(&inputs.join(p)))
        .unwrap_or_default()
        .into_iter()
        .map(|(title, block)| (title.replace(&earlier, &format!("fase {number}")), block))
        .collect();
    let bytes = skeleton(number, choice.year, &chapters).into_bytes();
    fsutil::write_atomic(&target, &bytes)?;
    changes.push(format!(
        "{text_path}: een opzet van de tekst (met de hoofdstukken van de vorige fase, nog uitgezet met #); de rapportage wordt gemaakt zodra er hoofdstukken in staan"
    ));
    Ok(Some(Written {
        pad: PathBuf::from(&text_path),
        sha256: sha256_hex(&bytes),
    }))
}

/// Sets `key` in `table` to `new`, keeping the comment after the old value.
fn set_keeping_comment(table: &mut Table, key: &str, new: toml_edit::Value) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        None => table[key] = Item::Value(new),
    }
}

/// The chapters (title and block) of an earlier report text, for the skeleton; none when it
/// cannot be read.
fn chapters_of(path: &Path) -> Vec<(String, Option<String>)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(doc) = text.parse::<DocumentMut>() else {
        return Vec::new();
    };
    doc.get("hoofdstuk")
        .and_then(Item::as_array_of_tables)
        .map(|list| {
            list.iter()
                .filter_map(|t| {
                    let title = t.get("titel").and_then(Item::as_str)?.to_string();
                    let block = t.get("blok").and_then(Item::as_str).map(str::to_string);
                    Some((title, block))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A report text to start from: the title, and the chapters of the previous phase commented
/// out, so that the report is only made once someone wrote its chapters.
fn skeleton(number: u32, year: SchoolYear, chapters: &[(String, Option<String>)]) -> String {
    let mut out = format!(
        "# Tekst van de rapportage van fase {number} (schooljaar {year}).\n\
         # Gemaakt door wel ronde open. De hoofdstukken hieronder zijn die van de vorige fase,\n\
         # uitgezet met #: haal het # weg bij elk hoofdstuk dat u schrijft en schrijf de tekst.\n\
         # Zolang er geen hoofdstuk is, wordt deze rapportage niet gemaakt (wel check meldt het).\n\
         # Uitleg over elke sleutel: docs/invoer.md, \"Teksten van een rapportage\".\n\n\
         titel = \"Rapportage fase {number}\"\n\
         ondertitel = \"\"\n"
    );
    let default = [
        ("Inleiding".to_string(), None),
        ("Stand van zaken".to_string(), Some("cijfers".to_string())),
    ];
    let chapters = if chapters.is_empty() {
        &default[..]
    } else {
        chapters
    };
    for (title, block) in chapters {
        out.push_str(&format!(
            "\n# [[hoofdstuk]]\n# titel = {}\n# tekst = \"\"\"\n# \"\"\"\n",
            fsutil::toml_string(title)
        ));
        if let Some(b) = block {
            out.push_str(&format!("# blok = {}\n", fsutil::toml_string(b)));
        }
    }
    out
}

/// The rounds closed and editions published since the opening of `record`.
fn later_steps(record: &Record, inputs: &Path, editions: &[String]) -> Vec<String> {
    let mut later = Vec::new();
    for y in closed_rounds(inputs) {
        if !record.afgesloten.contains(&y) {
            later.push(format!("de ronde {y} is afgerond"));
        }
    }
    for name in editions {
        if !record.edities.contains(name) {
            later.push(format!("editie {name} is gepubliceerd"));
        }
    }
    later
}

/// What `--terugdraaien` restored.
pub struct Reopened {
    pub year: SchoolYear,
    pub lines: Vec<String>,
}

/// Undoes the last `wel ronde open`: project.toml as it was, the skeleton removed (when
/// nobody wrote in it). Refused when project.toml changed since, and (without `past`) when a
/// round was closed or an edition published after the opening.
pub fn undo(inputs: &Path, editions: &[String], past: bool) -> Result<Reopened, OpenError> {
    let vorige = inputs.join(".vorige");
    let runs: Vec<PathBuf> = fsutil::read_dir_sorted(&vorige)
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.join(RECORD).is_file())
        .collect();
    let mut records = Vec::new();
    for run in runs {
        let bytes = fsutil::read(&run.join(RECORD))?;
        let record: Record = serde_json::from_slice(&bytes)
            .map_err(|e| refused(format!("{} is beschadigd: {e}", run.join(RECORD).display())))?;
        records.push((run, record));
    }
    let Some((run, record)) = records.into_iter().max_by_key(|(_, r)| r.schooljaar) else {
        return Err(refused(format!(
            "er is geen wel ronde open om terug te draaien ({} bewaart er geen)",
            vorige.display()
        )));
    };
    let year = record.schooljaar;
    let project = inputs.join(PROJECT_FILE);
    let now = fsutil::read(&project)?;
    if sha256_hex(&now) != record.project_sha256 {
        return Err(refused(format!(
            "er is niets teruggedraaid: {} is sinds wel ronde open {year} veranderd; terugdraaien zou die wijziging weggooien. Zet de ronde met de hand terug, of maak de wijziging eerst ongedaan",
            project.display()
        )));
    }
    if !past {
        let later = later_steps(&record, inputs, editions);
        if !later.is_empty() {
            return Err(refused(format!(
                "er is niets teruggedraaid: na wel ronde open {year} {}. Wilt u het toch: wel ronde open --terugdraaien --ja",
                crate::dutch::enumerate(&later, "en")
            )));
        }
    }
    let mut lines = Vec::new();
    fsutil::write_atomic(&project, &fsutil::read(&run.join(KEPT_PROJECT))?)?;
    lines.push(format!(
        "{PROJECT_FILE} is weer zoals voor wel ronde open {year}"
    ));
    if let Some(w) = &record.tekst {
        let at = inputs.join(&w.pad);
        match std::fs::read(&at) {
            Ok(bytes) if sha256_hex(&bytes) == w.sha256 => {
                std::fs::remove_file(&at).map_err(|source| FsError {
                    action: "kan niet verwijderen",
                    path: at.clone(),
                    source,
                })?;
                lines.push(format!(
                    "{} (de opzet van de tekst) is weggehaald",
                    w.pad.display()
                ));
            }
            Ok(_) => lines.push(format!(
                "{} is blijven staan: er is sindsdien in geschreven",
                w.pad.display()
            )),
            Err(_) => {}
        }
    }
    std::fs::remove_dir_all(&run).map_err(|source| FsError {
        action: "kan niet verwijderen",
        path: run.clone(),
        source,
    })?;
    if fsutil::read_dir_sorted(&vorige).is_ok_and(|d| d.is_empty()) {
        let _ = std::fs::remove_dir(&vorige);
    }
    Ok(Reopened { year, lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_is_valid_toml_without_chapters() {
        let text = skeleton(
            4,
            SchoolYear::new(2025),
            &[("Wat \"werkt\"".into(), Some("wat_werkt".into()))],
        );
        let doc: DocumentMut = text.parse().expect("valid TOML");
        assert!(doc.get("hoofdstuk").is_none());
        assert_eq!(doc["titel"].as_str(), Some("Rapportage fase 4"));
        // With the # taken away, the chapter is there as it was.
        let opened: String = text
            .lines()
            .skip_while(|l| !l.starts_with("titel"))
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let doc: DocumentMut = opened.parse().expect("valid TOML without the #");
        let chapter = &doc["hoofdstuk"][0];
        assert_eq!(chapter["titel"].as_str(), Some("Wat \"werkt\""));
        assert_eq!(chapter["blok"].as_str(), Some("wat_werkt"));
    }
}
