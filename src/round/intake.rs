//! Intake forms for next year: per SWV a workbook that follows the input contract, pre-filled
//! with its SWV row and earlier years, with validation on the count and school-year cells,
//! locked headers and Dutch instructions; and a commented `samenvatting.toml` skeleton.

use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Workbook, Worksheet,
    XlsxError,
};

use crate::fsutil;
use crate::fsutil::toml_string;
use crate::inputs::table::{ACTIVITEITEN_COLUMNS, JEUGDIGEN_COLUMNS, SWV_COLUMNS};
use crate::model::{Programme, SchoolYear, Sheet, Swv, SwvCode};
use crate::privacy::figures::Counts;

/// Rows below the header that accept figures (earlier years plus room for new ones).
const FORM_ROWS: u32 = 40;
/// The header row (0-based) in every data sheet; rows above it are a title and a note.
const HEADER: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Fs(#[from] fsutil::FsError),
    #[error("werkboek maken mislukt: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("er {} de formulieren {} overschrijven ({}); kies een andere map met --out, of geef --force om ze te vervangen", match .0.len() { 1 => "staat al 1 bestand dat".to_string(), n => format!("staan al {n} bestanden die") }, if .0.len() == 1 { "zou" } else { "zouden" }, first_few(.0))]
    WouldOverwrite(Vec<String>),
}

/// The first few of a long list, and how many more.
fn first_few(list: &[String]) -> String {
    let shown: Vec<&str> = list.iter().take(3).map(String::as_str).collect();
    match list.len().saturating_sub(3) {
        0 => shown.join(", "),
        more => format!("{} en {more} andere", shown.join(", ")),
    }
}

/// The SWV a form is for: one of the inputs, or a new one of which only the code is known.
#[derive(Debug, Clone, Copy)]
pub enum FormFor<'a> {
    Known(&'a Swv),
    New(&'a SwvCode),
}

impl FormFor<'_> {
    pub fn code(&self) -> &SwvCode {
        match self {
            Self::Known(s) => &s.code,
            Self::New(c) => c,
        }
    }

    /// How the form names the SWV: its name and code, or that it is new.
    fn title(&self) -> String {
        match self {
            Self::Known(s) if s.naam.trim().is_empty() => {
                format!("samenwerkingsverband {}", s.code.display_form())
            }
            Self::Known(s) => format!("{} ({})", s.naam, s.code.display_form()),
            Self::New(c) => format!("het nieuwe samenwerkingsverband {}", c.display_form()),
        }
    }
}

/// The files `write_forms` writes for these SWVs.
fn form_paths(forms: &[FormFor<'_>], out: &Path) -> Vec<std::path::PathBuf> {
    forms
        .iter()
        .flat_map(|f| {
            let dir = out.join(f.code().as_str());
            [dir.join("cijfers.xlsx"), dir.join("samenvatting.toml")]
        })
        .collect()
}

/// Refuses when any form would replace an existing file (a filled-in input, perhaps).
pub fn check_overwrite(forms: &[FormFor<'_>], out: &Path) -> Result<(), IntakeError> {
    let existing: Vec<String> = form_paths(forms, out)
        .into_iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if existing.is_empty() {
        Ok(())
    } else {
        Err(IntakeError::WouldOverwrite(existing))
    }
}

/// What the forms of one round are made from.
pub struct Round<'a> {
    pub programme: &'a Programme,
    /// The SWVs' earlier figures, which their own forms show them.
    pub counts: &'a Counts,
    /// The school year to fill in.
    pub year: SchoolYear,
}

/// Writes `<out>/<CODE>/cijfers.xlsx` and `<out>/<CODE>/samenvatting.toml` for each SWV.
pub fn write_forms(
    round: &Round<'_>,
    forms: &[FormFor<'_>],
    out: &Path,
) -> Result<usize, IntakeError> {
    for form in forms {
        let dir = out.join(form.code().as_str());
        fsutil::write_atomic(&dir.join("cijfers.xlsx"), &workbook(round, *form)?)?;
        fsutil::write_atomic(
            &dir.join("samenvatting.toml"),
            skeleton(*form, round.year).as_bytes(),
        )?;
    }
    Ok(forms.len())
}

fn workbook(round: &Round<'_>, form: FormFor<'_>) -> Result<Vec<u8>, XlsxError> {
    let (programme, year) = (round.programme, round.year);
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Invulformulier {} {}",
                programme.project.naam, year
            ))
            .set_author(programme.project.uitvoerder.clone())
            .set_creation_datetime(&ExcelDateTime::from_ymd(year.start(), 9, 1)?),
    );
    let f = Formats::new();
    let ws = wb.add_worksheet().set_name("Instructies")?;
    instructions(ws, programme, form, year, &f.title)?;
    swv_sheet(wb.add_worksheet().set_name("SWV")?, form, &f)?;
    for sheet in [Sheet::Jeugdigen, Sheet::Activiteiten] {
        let ws = wb.add_worksheet().set_name(sheet.name())?;
        year_sheet(ws, sheet, round, form, &f)?;
    }
    wb.save_to_buffer()
}

/// The cell formats of a form.
struct Formats {
    title: Format,
    header: Format,
    /// Cells to fill in.
    open: Format,
    /// Cells that stay as they are.
    fixed: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new()
                .set_bold()
                .set_background_color("#EAF2F4")
                .set_locked(),
            open: Format::new().set_unlocked().set_background_color("#FFFDF5"),
            fixed: Format::new().set_locked(),
        }
    }
}

/// The SWV sheet: the SWV's row, its code fixed.
fn swv_sheet(ws: &mut Worksheet, form: FormFor<'_>, f: &Formats) -> Result<(), XlsxError> {
    sheet_top(ws, &form.title(), &SWV_COLUMNS, &f.title, &f.header)?;
    let row = HEADER + 1;
    ws.write_with_format(row, 0, form.code().as_str(), &f.fixed)?;
    match form {
        // A new SWV: only the code is known; the rest is to fill in.
        FormFor::New(_) => {
            for c in 1..6 {
                ws.write_blank(row, c, &f.open)?;
            }
        }
        FormFor::Known(swv) => {
            ws.write_with_format(row, 1, swv.naam.as_str(), &f.open)?;
            ws.write_with_format(row, 2, swv.sector.label(), &f.open)?;
            ws.write_with_format(row, 3, swv.provincie.name(), &f.open)?;
            ws.write_with_format(row, 4, swv.deelname_sinds.label(), &f.open)?;
            ws.write_with_format(row, 5, swv.gemeenten, &f.open)?;
        }
    }
    ws.add_data_validation(
        row,
        5,
        row,
        5,
        &counts().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1)),
    )?;
    ws.protect();
    Ok(())
}

/// A sheet per school year (Jeugdigen or Activiteiten): the years reported so far, then the
/// new one to fill in and open rows, with list and whole-number validation.
fn year_sheet(
    ws: &mut Worksheet,
    sheet: Sheet,
    round: &Round<'_>,
    form: FormFor<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let columns = match sheet {
        Sheet::Jeugdigen => &JEUGDIGEN_COLUMNS,
        Sheet::Activiteiten => &ACTIVITEITEN_COLUMNS,
    };
    let title = format!("{} van {}", sheet.name(), form.title());
    sheet_top(ws, &title, columns, &f.title, &f.header)?;
    let code = form.code();
    let year = round.year;
    let mut row = HEADER + 1;
    let earlier: Vec<SchoolYear> = match form {
        FormFor::Known(swv) => swv.years.keys().copied().collect(),
        FormFor::New(_) => Vec::new(),
    };
    for y in earlier {
        ws.write_with_format(row, 0, code.as_str(), &f.open)?;
        ws.write_with_format(row, 1, y.label(), &f.open)?;
        round
            .counts
            .form_values(code, y, sheet)
            .write(ws, row, 2, &f.open)?;
        row += 1;
    }
    // The new school year, ready to fill in; a form sent again after the SWV returned it
    // already has that year's figures above, and gets no second row for it.
    let returned = matches!(form, FormFor::Known(swv) if swv.years.contains_key(&year));
    if !returned {
        ws.write_with_format(row, 0, code.as_str(), &f.open)?;
        ws.write_with_format(row, 1, year.label(), &f.open)?;
        for c in 2..6 {
            ws.write_blank(row, c, &f.open)?;
        }
        row += 1;
    }
    for r in row..HEADER + 1 + FORM_ROWS {
        for c in 0..6 {
            ws.write_blank(r, c, &f.open)?;
        }
    }
    let last = HEADER + FORM_ROWS;
    let labels: Vec<String> = choosable_years(round.programme, year)
        .iter()
        .map(|y| y.label())
        .collect();
    let year_rule = DataValidation::new()
        .allow_list_strings(&labels)?
        .set_error_title("Ongeldig schooljaar")?
        .set_error_message("Kies een schooljaar uit de lijst, bijvoorbeeld 2025-2026.")?;
    ws.add_data_validation(HEADER + 1, 1, last, 1, &year_rule)?;
    let count_rule = counts().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0));
    ws.add_data_validation(HEADER + 1, 2, last, 5, &count_rule)?;
    ws.protect();
    Ok(())
}

/// The school years a form's year cell offers: the round's year and the earlier years of the
/// programme (for corrections), at most six, never a year after the round.
fn choosable_years(programme: &Programme, year: SchoolYear) -> Vec<SchoolYear> {
    let first = programme
        .published_years()
        .first()
        .copied()
        .unwrap_or(year)
        .start()
        .max(year.start() - 5)
        .min(year.start());
    (first..=year.start()).map(SchoolYear::new).collect()
}

fn counts() -> DataValidation {
    DataValidation::new()
        .set_error_title("Alleen hele getallen")
        .and_then(|v| {
            v.set_error_message(
                "Vul een geheel aantal in van 0 of meer (geen decimalen, tekst of datum).",
            )
        })
        .expect("short texts")
}

fn sheet_top(
    ws: &mut Worksheet,
    title: &str,
    columns: &[&str],
    title_format: &Format,
    header: &Format,
) -> Result<(), XlsxError> {
    ws.write_with_format(0, 0, title, title_format)?;
    ws.write(
        1,
        0,
        "Vul de gele cellen in. Kolomnamen niet wijzigen; lege rijen worden overgeslagen.",
    )?;
    for (c, name) in columns.iter().enumerate() {
        ws.write_with_format(HEADER, c as u16, *name, header)?;
        ws.set_column_width(c as u16, 18)?;
    }
    Ok(())
}

fn instructions(
    ws: &mut Worksheet,
    programme: &Programme,
    form: FormFor<'_>,
    year: SchoolYear,
    title: &Format,
) -> Result<(), XlsxError> {
    let lines = [
        format!("Invulformulier {} – {}", programme.project.naam, form.title()),
        String::new(),
        format!("Dit werkboek is voor {}. Vul de cijfers over schooljaar {year} in.", form.title()),
        "Blad SWV: controleer naam, sector, provincie en aantal gemeenten.".into(),
        "Blad Jeugdigen: per schooljaar het aantal benaderde jeugdigen en ouders, hoeveel jeugdigen weer in ontwikkeling zijn,".into(),
        "   en van de benaderden hoeveel een vrijstelling 5 onder a hadden en hoeveel absoluut verzuim.".into(),
        "Blad Activiteiten: per schooljaar werkateliers, deelnemers (over alle werkateliers samen), interviews en casussen.".into(),
        "Alleen hele getallen van 0 of meer. Laat een cel leeg als u het aantal niet weet (dat is iets anders dan 0).".into(),
        "Vul alleen totalen in: geen namen, geboortedata, BSN of andere gegevens over een kind.".into(),
        crate::privacy::rule::wording(programme.project.drempel),
        "De cijfers van eerdere jaren zijn al ingevuld; verbeter ze als ze niet kloppen.".into(),
        String::new(),
        "Stuur dit bestand terug samen met samenvatting.toml (uw tekst, voorbeelden en citaten).".into(),
    ];
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            ws.write_with_format(0, 0, line.as_str(), title)?;
        } else if !line.is_empty() {
            ws.write(i as u32, 0, line.as_str())?;
        }
    }
    ws.set_column_width(0, 110)?;
    Ok(())
}

/// The summary form; last year's photo is named in it ready (`wel ontvang` brings the file
/// along when no new one is sent).
fn skeleton(form: FormFor<'_>, year: SchoolYear) -> String {
    let photo = match form {
        FormFor::Known(swv) => swv
            .summaries
            .values()
            .next_back()
            .and_then(|s| s.foto.as_ref()),
        FormFor::New(_) => None,
    };
    format!(
        "# Samenvatting van {naam} over schooljaar {year}.\n\
# Gewone tekst; tekens als # $ * _ @ < komen letterlijk in de PDF. Alinea's scheiden met een lege regel.\n\
# Regels die met # beginnen zijn uitleg en mogen blijven staan. Zie docs/invoer.md.\n\n\
code = {code_toml}\n\
schooljaar = {year_toml}\n\n\
# Wat er dit schooljaar gebeurde en wat het opleverde (ongeveer 100 tot 200 woorden).\n\
samenvatting = \"\"\"\n\
\"\"\"\n\n\
# Wat werkt: korte punten, hoogstens 8.\n\
wat_werkt = []\n\n\
# Voorbeelden uit de praktijk, hoogstens 4. Haal het #-teken weg om een voorbeeld te gebruiken.\n\
# [[voorbeelden]]\n\
# titel = \"\"\n\
# tekst = \"\"\n\n\
# Citaten, hoogstens 4; rol is ouder, jongere of professional. Nooit een naam.\n\
# [[citaten]]\n\
# tekst = \"\"\n\
# rol = \"ouder\"\n\n\
# Foto (optioneel): stuur hem mee en zet zijn bestandsnaam bij pad, en bij alt wat erop te zien\n\
# is. Leeg laten: geen foto.\n\
[foto]\n\
pad = {pad}\n\
alt = {alt}\n",
        naam = form.title(),
        code_toml = toml_string(form.code().as_str()),
        year_toml = toml_string(&year.label()),
        pad = toml_string(photo.map_or("", |p| p.file_name.as_str())),
        alt = toml_string(photo.map_or("", |p| p.alt.as_str())),
    )
}
