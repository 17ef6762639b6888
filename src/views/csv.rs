//! The view of an SWV's own figures as a CSV file in its bundle: one row per school year,
//! every count through the ledger with the same small-count rule as the PDFs.

use crate::ledger::{Measure, Publisher};
use crate::model::Swv;

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

/// The CSV's rows: the header, then per school year its label and a field per column (a
/// small count as `<N`, nothing reported as an empty field).
pub fn figures_rows(p: &mut Publisher<'_>, swv: &Swv) -> Vec<Vec<String>> {
    let mut rows = vec![
        std::iter::once("Schooljaar")
            .chain(COLUMNS.iter().map(|(h, _)| *h))
            .map(String::from)
            .collect(),
    ];
    for year in swv.years.keys() {
        let mut row = vec![year.label()];
        for (header, measure) in COLUMNS {
            let count = p.count(
                format!("{year};{header}"),
                vec![Publisher::cell(&swv.code, *year, measure)],
            );
            row.push(match count.exact() {
                Some(n) => n.to_string(),
                None if count.label() == "–" => String::new(),
                None => count.label().to_string(),
            });
        }
        rows.push(row);
    }
    rows
}
