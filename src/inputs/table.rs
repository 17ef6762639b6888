//! Interpreting workbook sheets as the contract's tables (`SWV`, `Jeugdigen`, `Activiteiten`):
//! header detection, column matching, and typed values with the cell named in every problem.

use std::collections::BTreeMap;
use std::path::Path;
use std::rc::Rc;

use super::personal_data;
use super::workbook::{CellValue, RawSheet, RawWorkbook, cell_ref, same_name};
use crate::diag::{Place, Problems};
use crate::model::{Province, SchoolYear, Sector, Sheet, SwvCode};
use crate::privacy::figures::RowValues;

/// Where a row came from: the file and sheet, and the row's code cell.
#[derive(Debug, Clone)]
pub struct RowOrigin {
    /// The row's code cell.
    pub place: Place,
    /// The row's school year cell (a row of figures).
    pub schooljaar: Option<Place>,
}

#[derive(Debug, Clone)]
pub struct SwvRow {
    pub code: SwvCode,
    pub naam: String,
    pub sector: Sector,
    pub provincie: Province,
    pub deelname_sinds: SchoolYear,
    pub gemeenten: u32,
    pub origin: RowOrigin,
}

/// A row of the Jeugdigen or Activiteiten sheet: one SWV's figures for one school year.
#[derive(Debug, Clone)]
pub struct YearRow {
    pub code: SwvCode,
    pub schooljaar: SchoolYear,
    pub sheet: Sheet,
    /// The counts, in the sheet's column order (`None`: left empty).
    pub values: RowValues,
    pub origin: RowOrigin,
}

/// The typed rows of one workbook.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub swv: Vec<SwvRow>,
    pub jeugdigen: Vec<YearRow>,
    pub activiteiten: Vec<YearRow>,
}

/// A workbook as read, with the path its messages name.
#[derive(Clone, Copy)]
struct Workbook<'a> {
    file: &'a Path,
    wb: &'a RawWorkbook,
}

pub const SWV_COLUMNS: [&str; 6] = [
    "code",
    "naam",
    "sector",
    "provincie",
    "deelname_sinds",
    "gemeenten",
];
pub const JEUGDIGEN_COLUMNS: [&str; 6] = [
    "code",
    "schooljaar",
    "benaderd",
    "in_ontwikkeling",
    "vrijstelling_5a",
    "absoluut_verzuim",
];
pub const ACTIVITEITEN_COLUMNS: [&str; 6] = [
    "code",
    "schooljaar",
    "werkateliers",
    "deelnemers",
    "interviews",
    "casussen",
];

/// Reads the contract's three sheets from a workbook; `file` is the path shown in messages.
pub fn read_tables(file: &Path, wb: &RawWorkbook, problems: &mut Problems) -> Tables {
    personal_data::scan_workbook(file, wb, problems);
    let book = Workbook { file, wb };
    Tables {
        swv: sheet_rows(book, "SWV", &SWV_COLUMNS, problems, swv_row),
        jeugdigen: sheet_rows(
            book,
            Sheet::Jeugdigen.name(),
            &JEUGDIGEN_COLUMNS,
            problems,
            |r, p| year_row(r, p, Sheet::Jeugdigen),
        ),
        activiteiten: sheet_rows(
            book,
            Sheet::Activiteiten.name(),
            &ACTIVITEITEN_COLUMNS,
            problems,
            |r, p| year_row(r, p, Sheet::Activiteiten),
        ),
    }
}

/// The typed rows of one contract sheet (`name` with its `columns`); a missing sheet or bad
/// row is reported, not kept.
fn sheet_rows<T>(
    book: Workbook<'_>,
    name: &str,
    columns: &[&'static str],
    problems: &mut Problems,
    parse: impl Fn(&Row<'_>, &mut Problems) -> Option<T>,
) -> Vec<T> {
    let Some(sheet) = find_sheet(book.file, book.wb, name, problems) else {
        return Vec::new();
    };
    rows(book.file, sheet, columns, problems)
        .iter()
        .filter_map(|row| parse(row, problems))
        .collect()
}

fn find_sheet<'a>(
    file: &Path,
    wb: &'a RawWorkbook,
    name: &str,
    problems: &mut Problems,
) -> Option<&'a RawSheet> {
    let found = wb.sheets.iter().find(|s| same_name(&s.name, name));
    if found.is_none() {
        let present: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
        problems.error(
            Place::file(file),
            format!(
                "het blad \"{name}\" ontbreekt (gevonden bladen: {}); voeg het blad toe met de kolommen uit het invoerformat",
                if present.is_empty() { "geen".to_string() } else { present.join(", ") }
            ),
        );
    }
    found
}

/// One data row of a sheet, with its cells looked up by contract column name.
pub struct Row<'a> {
    file: &'a Path,
    sheet: &'a RawSheet,
    row: u32,
    columns: Rc<BTreeMap<&'static str, u32>>,
}

impl<'a> Row<'a> {
    fn place(&self, column: &str) -> Place {
        let col = self.columns[column];
        Place::cell(self.file, &self.sheet.name, Some(cell_ref(self.row, col)))
    }

    fn value(&self, column: &str) -> Option<&'a CellValue> {
        self.sheet.cells.get(&(self.row, self.columns[column]))
    }

    /// Parses a column with `parse`, reporting a missing or wrong value at its cell.
    fn field<T>(
        &self,
        column: &str,
        problems: &mut Problems,
        parse: impl FnOnce(&CellValue) -> Result<T, String>,
    ) -> Option<T> {
        match self.value(column) {
            None => {
                problems.error(
                    self.place(column),
                    format!("kolom {column} is leeg; vul een waarde in"),
                );
                None
            }
            Some(v) => match parse(v) {
                Ok(t) => Some(t),
                Err(msg) => {
                    problems.error(self.place(column), format!("kolom {column}: {msg}"));
                    None
                }
            },
        }
    }

    /// A count column: empty means "not filled in"; anything else must be a whole number >= 0.
    fn count(&self, column: &str, problems: &mut Problems) -> Result<Option<u32>, ()> {
        match self.value(column) {
            None => Ok(None),
            Some(v) => match parse_count(v) {
                Ok(n) => Ok(Some(n)),
                Err(msg) => {
                    problems.error(self.place(column), format!("kolom {column}: {msg}"));
                    Err(())
                }
            },
        }
    }

    /// Whether every column other than code and schooljaar is empty.
    fn counts_empty(&self) -> bool {
        self.columns
            .iter()
            .filter(|(name, _)| !matches!(**name, "code" | "schooljaar"))
            .all(|(_, c)| !self.sheet.cells.contains_key(&(self.row, *c)))
    }

    fn origin(&self) -> RowOrigin {
        RowOrigin {
            place: self.place("code"),
            schooljaar: self
                .columns
                .contains_key("schooljaar")
                .then(|| self.place("schooljaar")),
        }
    }
}

/// Finds the header (the first row with a cell `code`), matches columns, and yields data rows.
fn rows<'a>(
    file: &'a Path,
    sheet: &'a RawSheet,
    wanted: &[&'static str],
    problems: &mut Problems,
) -> Vec<Row<'a>> {
    let Some(header_row) = sheet
        .cells
        .iter()
        .find(|(_, v)| matches!(v, CellValue::Text(t) if same_name(t, "code")))
        .map(|((r, _), _)| *r)
    else {
        problems.error(
            Place::cell(file, &sheet.name, None),
            "geen kopregel gevonden: er is geen cel met de kolomnaam \"code\"",
        );
        return Vec::new();
    };
    let columns = match header_columns(file, sheet, header_row, wanted, problems) {
        Some(c) => c,
        None => return Vec::new(),
    };
    warn_headerless_values(file, sheet, header_row, &columns, problems);
    let columns = Rc::new(columns);
    let mut data_rows: Vec<u32> = sheet
        .cells
        .keys()
        .map(|(r, _)| *r)
        .filter(|r| *r > header_row)
        .collect();
    data_rows.dedup();
    data_rows
        .into_iter()
        .filter(|r| {
            columns
                .values()
                .any(|c| sheet.cells.contains_key(&(*r, *c)))
        })
        .map(|row| Row {
            file,
            sheet,
            row,
            columns: Rc::clone(&columns),
        })
        .collect()
}

/// Values below the header in a column without a header are not read: say so (once per
/// sheet, naming the first such cell), so no value disappears silently.
fn warn_headerless_values(
    file: &Path,
    sheet: &RawSheet,
    header_row: u32,
    columns: &BTreeMap<&'static str, u32>,
    problems: &mut Problems,
) {
    let headed = |col: u32| sheet.cells.contains_key(&(header_row, col));
    let stray: Vec<(u32, u32)> = sheet
        .cells
        .keys()
        .filter(|(r, c)| *r > header_row && !headed(*c) && !columns.values().any(|k| k == c))
        .copied()
        .collect();
    if let Some(&(row, col)) = stray.first() {
        problems.warning(
            Place::cell(file, &sheet.name, Some(cell_ref(row, col))),
            format!(
                "{} cel(len) onder de kopregel staan in een kolom zonder kolomnaam en worden niet gelezen (de eerste hier)",
                stray.len()
            ),
        );
    }
}

fn header_columns(
    file: &Path,
    sheet: &RawSheet,
    header_row: u32,
    wanted: &[&'static str],
    problems: &mut Problems,
) -> Option<BTreeMap<&'static str, u32>> {
    let mut columns = BTreeMap::new();
    let mut ok = true;
    for (&(_, col), value) in sheet.cells.range((header_row, 0)..(header_row + 1, 0)) {
        let CellValue::Text(title) = value else {
            continue;
        };
        let place = Place::cell(file, &sheet.name, Some(cell_ref(header_row, col)));
        match wanted.iter().find(|w| same_name(w, title)) {
            Some(name) => {
                if columns.insert(*name, col).is_some() {
                    problems.error(
                        place,
                        format!("kolom {name} staat twee keer in de kopregel; laat er één staan"),
                    );
                    ok = false;
                }
            }
            None => problems.warning(
                place,
                format!(
                    "kolom \"{}\" hoort niet bij het invoerformat en wordt genegeerd",
                    title.trim()
                ),
            ),
        }
    }
    for name in wanted {
        if !columns.contains_key(name) {
            problems.error(
                Place::cell(file, &sheet.name, Some(format!("rij {}", header_row + 1))),
                format!("verplichte kolom \"{name}\" ontbreekt in de kopregel"),
            );
            ok = false;
        }
    }
    ok.then_some(columns)
}

fn swv_row(row: &Row<'_>, problems: &mut Problems) -> Option<SwvRow> {
    let code = row.field("code", problems, |v| SwvCode::parse(&as_text(v)));
    let naam = row.field("naam", problems, |v| {
        let naam = as_text(v).trim().to_string();
        match super::toml_check::line_too_long("de naam", &naam) {
            Some(message) => Err(message),
            None => Ok(naam),
        }
    });
    let sector = row.field("sector", problems, |v| Sector::parse(&as_text(v)));
    let provincie = row.field("provincie", problems, |v| Province::parse(&as_text(v)));
    let sinds = row.field("deelname_sinds", problems, parse_year);
    let gemeenten = row.field("gemeenten", problems, |v| {
        let n = parse_count(v)?;
        if n == 0 {
            Err("moet minstens 1 zijn".into())
        } else {
            Ok(n)
        }
    });
    Some(SwvRow {
        code: code?,
        naam: naam?,
        sector: sector?,
        provincie: provincie?,
        deelname_sinds: sinds?,
        gemeenten: gemeenten?,
        origin: row.origin(),
    })
}

fn year_row(row: &Row<'_>, problems: &mut Problems, sheet: Sheet) -> Option<YearRow> {
    // A row with only code and school year is what an intake form holds before it is filled
    // in: it holds no figure, so nothing is lost by skipping it. Whether an SWV sent figures
    // for a year shows in `wel check` (per school year) and in its status list.
    if row.counts_empty() {
        return None;
    }
    let code = row.field("code", problems, |v| SwvCode::parse(&as_text(v)));
    let year = row.field("schooljaar", problems, parse_year);
    let mark = problems.mark();
    let values = counts(row, sheet, problems);
    // An error in the counts of a row belongs to its school year (it keeps only the national
    // documents covering that year from being made) and to its SWV (also in the national
    // workbook: that SWV's one-pager waits for it, and its letter names it).
    if let Some(y) = year {
        problems.year_since(mark, y);
    }
    if let Some(c) = &code {
        problems.tag_since(mark, c.as_str());
    }
    Some(YearRow {
        code: code?,
        schooljaar: year?,
        sheet,
        values: values?,
        origin: row.origin(),
    })
}

/// The four counts of a row of `sheet`; `None` (each problem reported at its cell) when one
/// is no count, or when they cannot all be true together.
fn counts(row: &Row<'_>, sheet: Sheet, problems: &mut Problems) -> Option<RowValues> {
    let columns = match sheet {
        Sheet::Jeugdigen => &JEUGDIGEN_COLUMNS,
        Sheet::Activiteiten => &ACTIVITEITEN_COLUMNS,
    };
    let read: Vec<Result<Option<u32>, ()>> = columns[2..]
        .iter()
        .map(|c| row.count(c, problems))
        .collect();
    let mut values: RowValues = [None; 4];
    for (v, r) in values.iter_mut().zip(read) {
        *v = r.ok()?;
    }
    if sheet == Sheet::Jeugdigen && !plausible(row, &values, problems) {
        return None;
    }
    Some(values)
}

/// The children counts can be true together: those back in development, with an exemption
/// and absolutely absent are each among the children approached, and a child has either an
/// exemption or is absolutely absent, not both (docs/invoer.md, "Jeugdigen"). Each rule
/// broken is an error at the cell that breaks it.
fn plausible(row: &Row<'_>, values: &RowValues, problems: &mut Problems) -> bool {
    let [benaderd, in_ontwikkeling, vrijstelling, verzuim] = *values;
    let Some(b) = benaderd else { return true };
    let mut ok = true;
    for (column, value) in [
        ("in_ontwikkeling", in_ontwikkeling),
        ("vrijstelling_5a", vrijstelling),
        ("absoluut_verzuim", verzuim),
    ] {
        if let Some(v) = value.filter(|v| *v > b) {
            problems.error(
                row.place(column),
                format!("{column} ({v}) is groter dan benaderd ({b}); het zijn jeugdigen uit de benaderde groep. Verbeter een van de twee"),
            );
            ok = false;
        }
    }
    if let (Some(v), Some(a)) = (vrijstelling, verzuim)
        && ok
        && v + a > b
    {
        problems.error(
            row.place("absoluut_verzuim"),
            format!("vrijstelling_5a ({v}) en absoluut_verzuim ({a}) zijn samen {}, meer dan benaderd ({b}); een kind heeft een vrijstelling of verzuimt, niet allebei, en hoort bij de benaderden. Verbeter een van de drie", v + a),
        );
        ok = false;
    }
    ok
}

/// Text of a cell as a user would see it (numbers without a trailing `.0`).
pub fn as_text(v: &CellValue) -> String {
    match v {
        CellValue::Text(s) => s.clone(),
        CellValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        CellValue::Number(n) => n.to_string(),
        CellValue::Bool(b) => if *b { "WAAR" } else { "ONWAAR" }.to_string(),
        CellValue::Date(d) => d.clone(),
        CellValue::Error(e) => e.clone(),
        CellValue::NoResult(f) => f.clone(),
    }
}

fn parse_year(v: &CellValue) -> Result<SchoolYear, String> {
    let became_date = |d: &str| {
        format!(
            "de spreadsheet heeft het schooljaar in een datum veranderd ({d}); typ het schooljaar als tekst, bijvoorbeeld 2022-2023 (zet de celopmaak op 'Tekst' of typ er een ' voor)"
        )
    };
    match v {
        CellValue::Text(s) => SchoolYear::parse(s),
        CellValue::Date(d) => Err(became_date(d)),
        // A date whose format was lost: a day number in the range of recent years.
        CellValue::Number(n) if (36_526.0..=73_051.0).contains(n) => Err(became_date(&format!(
            "{}, in de cel het getal {}",
            super::workbook::excel_date(*n),
            as_text(v)
        ))),
        other => SchoolYear::parse(&as_text(other)),
    }
}

/// Largest plausible count of one SWV in one school year.
pub const MAX_COUNT: f64 = 1_000_000.0;

/// A whole number >= 0 from a cell: numbers, numeric text (`" 12 "`, `12.0`) and cached
/// formula values are accepted; fractions, negatives, words, dates, booleans and errors are not.
pub fn parse_count(v: &CellValue) -> Result<u32, String> {
    let n = match v {
        CellValue::Number(n) => *n,
        CellValue::Text(s) => {
            let t = s.trim();
            let normalised = t.replace(',', ".");
            match normalised.parse::<f64>() {
                Ok(n)
                    if t.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-') =>
                {
                    n
                }
                _ => {
                    return Err(format!(
                        "\"{t}\" is geen getal; verwacht een geheel aantal, bijvoorbeeld 12"
                    ));
                }
            }
        }
        CellValue::Date(d) => {
            return Err(format!(
                "bevat een datum ({d}); verwacht een geheel aantal (celopmaak op 'Getal' zetten)"
            ));
        }
        CellValue::Bool(_) => return Err("bevat WAAR/ONWAAR; verwacht een geheel aantal".into()),
        CellValue::NoResult(f) => {
            return Err(format!(
                "bevat de formule {f} zonder opgeslagen uitkomst (het bestand is gemaakt door een programma dat niet rekent); open het bestand in Excel of LibreOffice en sla het op, of typ het getal zelf in"
            ));
        }
        CellValue::Error(e) => {
            return Err(format!(
                "bevat een formulefout ({e}); verwacht een geheel aantal"
            ));
        }
    };
    if !n.is_finite() {
        return Err("is geen eindig getal; verwacht een geheel aantal".into());
    }
    if n < 0.0 {
        return Err(format!(
            "{} is negatief; verwacht een geheel aantal van 0 of meer",
            crate::dutch::decimal(n)
        ));
    }
    if n.fract() != 0.0 {
        return Err(fraction_message(v, n));
    }
    if n > MAX_COUNT {
        return Err(format!(
            "{} is onwaarschijnlijk groot voor één SWV in één schooljaar",
            crate::dutch::decimal(n)
        ));
    }
    Ok(n as u32)
}

/// A count with a fraction, quoting the cell as typed. Three decimals are most likely a
/// thousands separator the spreadsheet read as a decimal point (1.234 meant as 1234).
fn fraction_message(v: &CellValue, n: f64) -> String {
    // Full precision, Dutch decimal comma: what a Dutch spreadsheet shows.
    let shown = format!("{n}").replace('.', ",");
    let typed = match v {
        CellValue::Text(t) => format!("\"{}\"", t.trim()),
        _ => shown.clone(),
    };
    let thousands = (n * 1000.0).round();
    if (n * 1000.0 - thousands).abs() < 1e-6 && (n * 100.0 - (n * 100.0).round()).abs() > 1e-6 {
        let as_typed = match v {
            CellValue::Text(_) => typed,
            _ => format!("\"{n}\" ({shown})"),
        };
        return format!(
            "{as_typed} is geen geheel getal; bedoelde u {}? Typ aantallen zonder punt of komma (de spreadsheet las de punt als decimaalteken)",
            thousands as i64
        );
    }
    format!("{typed} is geen geheel getal; verwacht een geheel aantal")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_numeric_forms() {
        assert_eq!(parse_count(&CellValue::Number(12.0)), Ok(12));
        assert_eq!(parse_count(&CellValue::Text(" 12 ".into())), Ok(12));
        assert_eq!(parse_count(&CellValue::Text("12.0".into())), Ok(12));
        assert_eq!(parse_count(&CellValue::Number(0.0)), Ok(0));
    }

    #[test]
    fn counts_refuse_what_is_not_a_whole_number() {
        assert!(
            parse_count(&CellValue::Number(12.5))
                .unwrap_err()
                .contains("12,5 is geen geheel getal")
        );
        assert!(
            parse_count(&CellValue::Number(-1.0))
                .unwrap_err()
                .contains("negatief")
        );
        assert!(
            parse_count(&CellValue::Text("twaalf".into()))
                .unwrap_err()
                .contains("\"twaalf\" is geen getal")
        );
        assert!(
            parse_count(&CellValue::Date("2022-03-01".into()))
                .unwrap_err()
                .contains("datum")
        );
        assert!(
            parse_count(&CellValue::Text("-3".into()))
                .unwrap_err()
                .contains("negatief")
        );
    }
}
