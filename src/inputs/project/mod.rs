//! Reading `project.toml` and the text files it names (report texts per phase, brochure texts,
//! national context figures).

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::value::Datetime;

use super::prose::{Source, Writer};
use super::text::{line_col, parse_toml, read_text};
use super::toml_check::{Field, Kind, opt, req};
use crate::diag::{Concern, Place, Problems};
use crate::model::{
    BrochureTexts, Date, NationalContext, NationalRow, Phase, Project, ReportTexts, SchoolYear,
    SwvCode, TextFile,
};
use crate::outputs::DocumentId;

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
    ronde: Option<Spanned<String>>,
}

/// `rondes.toml`: the intake rounds `wel rond-af` closed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRounds {
    #[serde(default)]
    afgesloten: Vec<RawClosed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClosed {
    schooljaar: String,
    datum: Datetime,
    #[serde(default)]
    zonder: Vec<String>,
}

/// What `rondes.toml` may hold (written by `wel rond-af`).
pub const ROUNDS: &[Field] = &[opt(
    "afgesloten",
    Kind::Tables(&[
        req("schooljaar", Kind::Text),
        req("datum", Kind::Date),
        opt("zonder", Kind::TextList),
    ]),
)];

/// The file `wel rond-af` keeps the closed rounds in, beside project.toml.
pub const ROUNDS_FILE: &str = "rondes.toml";

/// The programme's settings, phases and texts, in the inputs folder.
pub const PROJECT_FILE: &str = "project.toml";

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
    #[serde(default)]
    schooljaren: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNational {
    bestand: String,
    bron: String,
}

/// What `project.toml` may hold (kept equal to the raw structs by a test).
pub const PROJECT: &[Field] = &[
    req(
        "programma",
        Kind::Table(&[
            req("naam", Kind::Line),
            req("uitvoerder", Kind::Line),
            opt("website", Kind::Text),
            opt("voorbeeldgegevens", Kind::Bool),
            opt("drempel_kleine_aantallen", Kind::Int),
            req("peildatum", Kind::Date),
            opt("ronde", Kind::Text),
        ]),
    ),
    opt(
        "fase",
        Kind::Tables(&[
            req("nummer", Kind::Int),
            req("schooljaren", Kind::TextList),
            req("datum", Kind::Date),
            opt("pilotregios", Kind::TextList),
            req("teksten", Kind::Text),
        ]),
    ),
    opt(
        "brochure",
        Kind::Table(&[
            req("datum", Kind::Date),
            req("teksten", Kind::Text),
            opt("schooljaren", Kind::TextList),
        ]),
    ),
    opt(
        "landelijk",
        Kind::Table(&[req("bestand", Kind::Text), req("bron", Kind::Text)]),
    ),
];

const FOOTNOTES: Kind = Kind::Tables(&[req("id", Kind::Text), req("tekst", Kind::Text)]);

/// What the text file of a phase report may hold.
pub const REPORT_TEXTS: &[Field] = &[
    req("titel", Kind::Line),
    opt("ondertitel", Kind::Line),
    opt(
        "hoofdstuk",
        Kind::Tables(&[
            req("titel", Kind::Line),
            opt("tekst", Kind::Text),
            opt("punten", Kind::TextList),
            opt(
                "thema",
                Kind::Tables(&[req("titel", Kind::Line), opt("punten", Kind::TextList)]),
            ),
            opt(
                "blok",
                Kind::OneOf(&[
                    "cijfers",
                    "groei",
                    "pilotregios",
                    "landelijk",
                    "kaart",
                    "citaten",
                    "voorbeelden",
                    "wat_werkt",
                ]),
            ),
            opt(
                "regio",
                Kind::Tables(&[req("code", Kind::Text), req("tekst", Kind::Text)]),
            ),
            opt("slot", Kind::Text),
            opt("nieuwe_pagina", Kind::Bool),
        ]),
    ),
    opt("voetnoot", FOOTNOTES),
    opt(
        "stemmen",
        Kind::Table(&[
            opt("citaten_per_rol", Kind::Int),
            opt("voorbeelden", Kind::Int),
            opt("wat_werkt", Kind::Int),
            opt("citaten_vast", Kind::TextList),
            opt("citaten_uit", Kind::TextList),
            opt("voorbeelden_vast", Kind::TextList),
            opt("voorbeelden_uit", Kind::TextList),
        ]),
    ),
];

/// What the brochure's text file may hold.
pub const BROCHURE_TEXTS: &[Field] = &[
    req("titel", Kind::Line),
    opt("ondertitel", Kind::Line),
    req("inleiding", Kind::Text),
    opt(
        "deel",
        Kind::Tables(&[req("kop", Kind::Line), req("tekst", Kind::Text)]),
    ),
    opt(
        "citaat",
        Kind::Tables(&[req("tekst", Kind::Text), opt("bron", Kind::Text)]),
    ),
    opt(
        "kengetal",
        Kind::Tables(&[
            opt(
                "cijfer",
                Kind::OneOf(&[
                    "swv_start",
                    "swv_eind",
                    "benaderd_totaal",
                    "in_ontwikkeling_totaal",
                    "werkateliers_totaal",
                    "deelnemers_totaal",
                    "casussen_totaal",
                ]),
            ),
            opt("waarde", Kind::Int),
            req("label", Kind::Text),
        ]),
    ),
    req("slot", Kind::Text),
    opt("voetnoot", FOOTNOTES),
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
    let start = problems.mark();
    let project = read_project_file(root, &path, problems);
    // What is not about a text file of the project group is about the programme itself.
    problems.concern_unset_since(start, Concern::Programme);
    let failed = problems
        .iter()
        .skip(start)
        .any(|p| p.is_error() && p.concern == Concern::Programme);
    project.filter(|_| !failed)
}

/// `project.toml` and the files it names; a text file with errors is replaced by empty texts
/// (its problems concern only the documents made from it).
fn read_project_file(root: &Path, path: &Path, problems: &mut Problems) -> Option<Project> {
    let shown = Path::new("project.toml");
    let text = read_text(path, shown).map_err(|p| problems.push(p)).ok()?;
    let raw: RawProject = parse_toml(&text, shown, PROJECT)
        .map_err(|all| all.into_iter().for_each(|p| problems.push(p)))
        .ok()?;
    let at = |span: std::ops::Range<usize>| {
        let (line, col) = line_col(&text, span.start);
        Place::line(shown, line, col)
    };
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
    let national: Vec<DocumentId> = fases
        .iter()
        .map(|f| DocumentId::Rapportage(f.nummer))
        .chain([DocumentId::Brochure])
        .collect();
    let mark = problems.mark();
    let landelijk = raw
        .landelijk
        .as_ref()
        .and_then(|l| read_national(root, l, problems, &mut sources));
    problems.concern_since(mark, Concern::Texts(national));
    let ronde = raw.programma.ronde.as_ref().and_then(|r| {
        SchoolYear::parse(r.get_ref())
            .map_err(|m| problems.error(at(r.span()), format!("ronde: {m}")))
            .ok()
    });
    let afgesloten = read_rounds(root, problems, &mut sources);
    Some(Project {
        naam: raw.programma.naam.trim().to_string(),
        uitvoerder: raw.programma.uitvoerder.trim().to_string(),
        website: raw.programma.website.clone(),
        voorbeeldgegevens: raw.programma.voorbeeldgegevens,
        drempel,
        peildatum: peildatum.unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        fases,
        brochure,
        landelijk,
        ronde,
        afgesloten,
        sources,
    })
}

/// The school years of the rounds closed so far in the inputs at `root` (none when
/// `rondes.toml` is absent or cannot be read).
pub fn closed_rounds(root: &Path) -> Vec<SchoolYear> {
    let mut problems = Problems::new();
    read_rounds(root, &mut problems, &mut Vec::new())
        .into_iter()
        .map(|r| r.schooljaar)
        .collect()
}

/// The rounds closed so far (`rondes.toml`, absent until the first `wel rond-af`).
fn read_rounds(
    root: &Path,
    problems: &mut Problems,
    sources: &mut Vec<PathBuf>,
) -> Vec<crate::model::ClosedRound> {
    let shown = Path::new(ROUNDS_FILE);
    if !root.join(shown).is_file() {
        return Vec::new();
    }
    sources.push(shown.to_path_buf());
    let Ok(text) = read_text(&root.join(shown), shown).map_err(|p| problems.push(p)) else {
        return Vec::new();
    };
    let Ok(raw) = parse_toml::<RawRounds>(&text, shown, ROUNDS)
        .map_err(|all| all.into_iter().for_each(|p| problems.push(p)))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, c) in raw.afgesloten.iter().enumerate() {
        let key = format!("afgesloten[{}]", i + 1);
        let year = SchoolYear::parse(&c.schooljaar)
            .map_err(|m| problems.error(Place::key(shown, format!("{key}.schooljaar")), m));
        let datum = date(&c.datum)
            .map_err(|m| problems.error(Place::key(shown, format!("{key}.datum")), m));
        let mut zonder = Vec::new();
        for z in &c.zonder {
            match SwvCode::parse(z) {
                Ok(code) => zonder.push(code),
                Err(m) => problems.error(Place::key(shown, format!("{key}.zonder")), m),
            }
        }
        if let (Ok(schooljaar), Ok(datum)) = (year, datum) {
            out.push(crate::model::ClosedRound {
                schooljaar,
                datum,
                zonder,
            });
        }
    }
    out
}

/// The brochure's texts, named in `[brochure]` at `place`.
fn read_brochure(
    root: &Path,
    b: &RawBrochure,
    place: Place,
    problems: &mut Problems,
    sources: &mut Vec<PathBuf>,
) -> Option<BrochureTexts> {
    let datum = date(&b.datum)
        .map_err(|m| problems.error(place.clone(), m))
        .ok();
    let mark = problems.mark();
    let mut texts: BrochureTexts =
        read_named(root, &b.teksten, BROCHURE_TEXTS, problems, sources).unwrap_or_default();
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
    problems.concern_since(mark, Concern::Texts(vec![DocumentId::Brochure]));
    texts.datum = datum;
    if let Some(years) = &b.schooljaren {
        let mut parsed = Vec::new();
        for y in years {
            match SchoolYear::parse(y) {
                Ok(y) => parsed.push(y),
                Err(m) => problems.error(place.clone(), format!("brochure, schooljaren: {m}")),
            }
        }
        if years.is_empty() {
            problems.error(
                place.clone(),
                "brochure, schooljaren is leeg; noem de schooljaren die de brochure beslaat, of laat de regel weg",
            );
        }
        parsed.sort();
        parsed.dedup();
        texts.schooljaren = (!parsed.is_empty()).then_some(parsed);
    }
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
    let mark = problems.mark();
    let teksten: ReportTexts =
        read_named(root, &f.teksten, REPORT_TEXTS, problems, sources).unwrap_or_default();
    pilot_chapters(
        &f.teksten,
        *f.nummer.get_ref(),
        &pilotregios,
        &teksten,
        problems,
    );
    if teksten.hoofdstuk.is_empty() && root.join(&f.teksten).is_file() {
        problems.error(
            Place::file(&f.teksten),
            format!(
                "nog geen hoofdstukken: de rapportage van fase {} wordt pas gemaakt als er tekst is (zie docs/invoer.md, Teksten van een rapportage)",
                f.nummer.get_ref()
            ),
        );
    }
    let report = DocumentId::Rapportage(*f.nummer.get_ref());
    problems.concern_since(mark, Concern::Texts(vec![report]));
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

/// A chapter with the pilot regions' block needs the phase's `pilotregios`, and each of its
/// regional texts must belong to one of them: otherwise the block or the text would silently
/// not be printed.
fn pilot_chapters(
    file: &str,
    phase: u32,
    pilots: &[SwvCode],
    texts: &ReportTexts,
    problems: &mut Problems,
) {
    for (i, h) in texts.hoofdstuk.iter().enumerate() {
        let at = format!("hoofdstuk[{}]", i + 1);
        if h.blok == Some(crate::model::Block::Pilotregios) && pilots.is_empty() {
            problems.error(
                Place::key(file, format!("{at}.blok")),
                format!(
                    "blok = \"pilotregios\", maar fase {phase} heeft geen pilotregio's; zet bij deze fase in project.toml pilotregios = [\"PO2801\", ...] of kies een ander blok"
                ),
            );
        }
        for (j, r) in h.regio.iter().enumerate() {
            let known = SwvCode::parse(&r.code).is_ok_and(|c| pilots.contains(&c));
            if !known {
                problems.error(
                    Place::key(file, format!("{at}.regio[{}].code", j + 1)),
                    format!(
                        "\"{}\" is geen pilotregio van fase {phase}, dus deze tekst komt nergens te staan; gebruik een code uit pilotregios in project.toml ({})",
                        r.code,
                        pilots.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
                    ),
                );
            }
        }
    }
}

/// Reads a TOML text file named in `project.toml`, relative to the inputs folder.
fn read_named<T: DeserializeOwned + serde::Serialize + TextFile>(
    root: &Path,
    name: &str,
    schema: &[Field],
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
    let mut texts: T = parse_toml(&text, &rel, schema)
        .map_err(|all| all.into_iter().for_each(|p| problems.push(p)))
        .ok()?;
    if let Ok(value) = serde_json::to_value(&texts) {
        crate::controls::warn_controls_in(&value, &rel, problems);
    }
    let source = Source {
        file: &rel,
        text: &text,
        writer: Writer::ProjectGroup,
    };
    let mut found = Vec::new();
    for (key, prose) in texts.prose_mut() {
        source.locate(prose, &mut found);
        if key == "titel" && prose.figures().next().is_some() {
            found.push(crate::diag::Problem::error(
                Place::key(&rel, key),
                "de titel van een document kan geen cijfer noemen (ook niet met {…}); zet het cijfer in de tekst",
            ));
        }
    }
    found.into_iter().for_each(|p| problems.push(p));
    super::summary::warn_names(&text, &rel, problems);
    Some(texts)
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

#[cfg(test)]
mod schema_tests;
