//! Reading `project.toml` and the text files it names (report texts per phase, brochure texts,
//! national context figures).

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::value::Datetime;

use super::text::{line_col, parse_toml, read_text};
use crate::diag::{Place, Problems};
use crate::model::{
    BrochureTexts, Date, NationalContext, NationalRow, Phase, Project, ReportTexts, SchoolYear,
    SwvCode,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    programma: RawProgramme,
    #[serde(default)]
    fase: Vec<Spanned<RawPhase>>,
    brochure: Option<Spanned<RawBrochure>>,
    landelijk: Option<RawNational>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    naam: String,
    uitvoerder: String,
    website: Option<String>,
    #[serde(default)]
    voorbeeldgegevens: bool,
    drempel_kleine_aantallen: Option<Spanned<u32>>,
    peildatum: Spanned<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    nummer: Spanned<u32>,
    schooljaren: Vec<String>,
    datum: Datetime,
    #[serde(default)]
    pilotregios: Vec<String>,
    teksten: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBrochure {
    datum: Datetime,
    teksten: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNational {
    bestand: String,
    bron: String,
}

const KNOWN: [&str; 19] = [
    "programma",
    "fase",
    "brochure",
    "landelijk",
    "naam",
    "uitvoerder",
    "website",
    "voorbeeldgegevens",
    "drempel_kleine_aantallen",
    "peildatum",
    "nummer",
    "schooljaren",
    "datum",
    "pilotregios",
    "teksten",
    "bestand",
    "bron",
    "titel",
    "ondertitel",
];

/// Reads `project.toml` in `root`; problems are global (they concern every document).
pub fn read_project(root: &Path, problems: &mut Problems) -> Option<Project> {
    let shown = Path::new("project.toml");
    let path = root.join(shown);
    if !path.is_file() {
        problems.error(
            Place::file(shown),
            format!("project.toml ontbreekt in {}; elke invoermap heeft een project.toml (zie docs/invoer.md)", root.display()),
        );
        return None;
    }
    let text = read_text(&path, shown).map_err(|p| problems.push(p)).ok()?;
    let raw: RawProject = parse_toml(&text, shown, &KNOWN)
        .map_err(|p| problems.push(p))
        .ok()?;
    let at = |span: std::ops::Range<usize>| {
        let (line, col) = line_col(&text, span.start);
        Place::line(shown, line, col)
    };
    let before = problems.error_count();
    let mut sources = vec![shown.to_path_buf()];
    let peildatum = date(raw.programma.peildatum.get_ref())
        .map_err(|m| problems.error(at(raw.programma.peildatum.span()), m))
        .ok();
    let drempel = raw.programma.drempel_kleine_aantallen.as_ref();
    if let Some(d) = drempel.filter(|d| !(1..=100).contains(d.get_ref())) {
        problems.error(
            at(d.span()),
            "drempel_kleine_aantallen moet tussen 1 en 100 liggen",
        );
    }
    let drempel = drempel.map_or(5, |d| *d.get_ref());
    let mut fases: Vec<Phase> = Vec::new();
    for f in &raw.fase {
        let place = at(f.span());
        if fases
            .iter()
            .any(|p| p.nummer == *f.get_ref().nummer.get_ref())
        {
            problems.error(
                at(f.get_ref().nummer.span()),
                "twee fases hebben hetzelfde nummer; geef elke fase een eigen nummer",
            );
        }
        if let Some(phase) = read_phase(root, f.get_ref(), &place, problems, &mut sources) {
            fases.push(phase);
        }
    }
    let brochure = raw
        .brochure
        .as_ref()
        .and_then(|b| read_brochure(root, b.get_ref(), at(b.span()), problems, &mut sources));
    let landelijk = raw
        .landelijk
        .as_ref()
        .and_then(|l| read_national(root, l, problems, &mut sources));
    if problems.error_count() > before {
        return None;
    }
    Some(Project {
        naam: raw.programma.naam.trim().to_string(),
        uitvoerder: raw.programma.uitvoerder.trim().to_string(),
        website: raw.programma.website.clone(),
        voorbeeldgegevens: raw.programma.voorbeeldgegevens,
        drempel,
        peildatum: peildatum?,
        fases,
        brochure,
        landelijk,
        sources,
    })
}

/// The brochure's texts, named in `[brochure]` at `place`.
fn read_brochure(
    root: &Path,
    b: &RawBrochure,
    place: Place,
    problems: &mut Problems,
    sources: &mut Vec<PathBuf>,
) -> Option<BrochureTexts> {
    let datum = date(&b.datum).map_err(|m| problems.error(place, m)).ok();
    let mut texts: BrochureTexts = read_named(root, &b.teksten, problems, sources)?;
    for k in &texts.kengetal {
        if k.cijfer.is_some() == k.waarde.is_some() {
            problems.error(
                Place::key(&b.teksten, "kengetal"),
                format!(
                    "kengetal \"{}\" heeft precies één van cijfer of waarde nodig",
                    k.label
                ),
            );
        }
    }
    texts.datum = datum;
    Some(texts)
}

fn read_phase(
    root: &Path,
    f: &RawPhase,
    place: &Place,
    problems: &mut Problems,
    sources: &mut Vec<PathBuf>,
) -> Option<Phase> {
    let mut ok = true;
    let mut schooljaren = Vec::new();
    for y in &f.schooljaren {
        match SchoolYear::parse(y) {
            Ok(y) => schooljaren.push(y),
            Err(m) => {
                problems.error(place.clone(), format!("fase {}: {m}", f.nummer.get_ref()));
                ok = false;
            }
        }
    }
    if f.schooljaren.is_empty() {
        problems.error(
            place.clone(),
            format!("fase {} heeft geen schooljaren", f.nummer.get_ref()),
        );
        ok = false;
    }
    let mut pilotregios = Vec::new();
    for c in &f.pilotregios {
        match SwvCode::parse(c) {
            Ok(c) => pilotregios.push(c),
            Err(m) => {
                problems.error(
                    place.clone(),
                    format!("fase {}, pilotregios: {m}", f.nummer.get_ref()),
                );
                ok = false;
            }
        }
    }
    let datum = date(&f.datum)
        .map_err(|m| problems.error(place.clone(), m))
        .ok();
    let teksten: ReportTexts = read_named(root, &f.teksten, problems, sources)?;
    if !ok {
        return None;
    }
    Some(Phase {
        nummer: *f.nummer.get_ref(),
        schooljaren,
        datum: datum?,
        pilotregios,
        teksten,
    })
}

/// Reads a TOML text file named in `project.toml`, relative to the inputs folder.
fn read_named<T: DeserializeOwned>(
    root: &Path,
    name: &str,
    problems: &mut Problems,
    sources: &mut Vec<PathBuf>,
) -> Option<T> {
    let rel = safe_relative(name)
        .map_err(|m| problems.error(Place::key("project.toml", name), m))
        .ok()?;
    let text = read_text(&root.join(&rel), &rel)
        .map_err(|p| problems.push(p))
        .ok()?;
    sources.push(rel.clone());
    parse_toml(&text, &rel, &[])
        .map_err(|p| problems.push(p))
        .ok()
}

fn read_national(
    root: &Path,
    l: &RawNational,
    problems: &mut Problems,
    sources: &mut Vec<PathBuf>,
) -> Option<NationalContext> {
    let rel = safe_relative(&l.bestand)
        .map_err(|m| problems.error(Place::key("project.toml", "landelijk.bestand"), m))
        .ok()?;
    let text = read_text(&root.join(&rel), &rel)
        .map_err(|p| problems.push(p))
        .ok()?;
    sources.push(rel.clone());
    let mut rows = Vec::new();
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = lines
        .next()
        .map(|(_, l)| l.split(',').map(str::trim).collect())
        .unwrap_or_default();
    let idx = |name: &str| header.iter().position(|h| *h == name);
    let (Some(iy), Some(iv), Some(ia)) = (
        idx("schooljaar"),
        idx("vrijstelling_5a"),
        idx("absoluut_verzuim"),
    ) else {
        problems.error(
            Place::line(&rel, 1, 1),
            "kopregel moet schooljaar, vrijstelling_5a en absoluut_verzuim bevatten",
        );
        return None;
    };
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let num = |j: usize| -> Result<Option<u32>, String> {
            match cells.get(j).copied().unwrap_or("") {
                "" => Ok(None),
                s => s
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("\"{s}\" is geen geheel getal")),
            }
        };
        let year = SchoolYear::parse(cells.get(iy).copied().unwrap_or(""));
        match (year, num(iv), num(ia)) {
            (Ok(schooljaar), Ok(v), Ok(a)) => rows.push(NationalRow {
                schooljaar,
                vrijstelling_5a: v,
                absoluut_verzuim: a,
            }),
            (Err(m), _, _) | (_, Err(m), _) | (_, _, Err(m)) => {
                problems.error(Place::line(&rel, i + 1, 1), m)
            }
        }
    }
    Some(NationalContext {
        bron: l.bron.trim().to_string(),
        rows,
    })
}

/// A path relative to the inputs folder that cannot leave it.
pub fn safe_relative(name: &str) -> Result<PathBuf, String> {
    let p = Path::new(name.trim());
    if p.is_absolute() || p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(format!(
            "het pad {name} moet binnen de invoermap liggen (geen absoluut pad, geen ..)"
        ));
    }
    Ok(p.to_path_buf())
}

fn date(d: &Datetime) -> Result<Date, String> {
    match (d.date, d.time) {
        (Some(date), None) => Ok(Date {
            year: date.year as i32,
            month: date.month,
            day: date.day,
        }),
        _ => Err(format!(
            "{d} is geen datum; schrijf een datum zonder tijd, zoals 2022-07-01"
        )),
    }
}
