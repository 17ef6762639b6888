//! The view of an SWV's own figures as a CSV file in its bundle: one row per school year,
//! every count through the ledger with the same small-count rule as the PDFs, written out once
//! the ledger is resolved.

use crate::model::{Measure, Swv};
use crate::privacy::{Count, FigureId, Publisher, Shown};

/// Column headers, and the measure of every column after the school year.
pub const COLUMNS: [(&str, Measure); 8] = [
    ("Benaderd", Measure::Benaderd),
    ("In ontwikkeling", Measure::InOntwikkeling),
    ("Vrijstelling 5 onder a", Measure::Vrijstelling5a),
    ("Absoluut verzuim", Measure::AbsoluutVerzuim),
    ("Werkateliers", Measure::Werkateliers),
    ("Deelnemers", Measure::Deelnemers),
    ("Interviews", Measure::Interviews),
    ("Casussen", Measure::Casussen),
];

/// The CSV's name inside the SWV's bundle.
pub fn file_name(swv: &Swv) -> String {
    format!("{}-cijfers.csv", swv.code)
}

/// One field of the CSV.
#[derive(Debug, Clone)]
enum Field {
    Text(String),
    Count(Count),
}

/// The rows of one SWV's CSV.
#[derive(Debug, Clone)]
pub struct CsvView {
    rows: Vec<Vec<Field>>,
}

impl CsvView {
    /// The rows as text: a count as a plain number, a small count as `<N`, a withheld one as
    /// `×`, nothing reported as an empty field (the header's read-me says so).
    pub fn rows(&self) -> Result<Vec<Vec<String>>, serde_json::Error> {
        self.rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|f| match f {
                        Field::Text(t) => Ok(t.clone()),
                        Field::Count(c) => Ok(match c.printed::<serde_json::Error>()? {
                            Shown::Exact { value: Some(n), .. } => n.to_string(),
                            Shown::NotReported => String::new(),
                            shown => shown.label(),
                        }),
                    })
                    .collect()
            })
            .collect()
    }
}

/// The last column of a CSV of sample inputs, and what each row says in it.
pub const SAMPLE_COLUMN: (&str, &str) = ("Gegevens", "voorbeeldgegevens, geen echte cijfers");

/// The CSV's rows: the header, then per school year its label and a field per column; with
/// `sample` inputs every row says so in a last column.
pub fn figures_rows(p: &mut Publisher<'_>, swv: &Swv, sample: bool) -> CsvView {
    let mut header: Vec<Field> = std::iter::once("Schooljaar")
        .chain(COLUMNS.iter().map(|(h, _)| *h))
        .map(|h| Field::Text(h.to_string()))
        .collect();
    if sample {
        header.push(Field::Text(SAMPLE_COLUMN.0.to_string()));
    }
    let mut rows = vec![header];
    for year in swv.years.keys() {
        let mut row = vec![Field::Text(year.label())];
        for (header, measure) in COLUMNS {
            row.push(Field::Count(p.count(
                FigureId::csv(year, header),
                vec![Publisher::cell(&swv.code, *year, measure)],
            )));
        }
        if sample {
            row.push(Field::Text(SAMPLE_COLUMN.1.to_string()));
        }
        rows.push(row);
    }
    CsvView { rows }
}
