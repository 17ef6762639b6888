//! An SWV's own figures as CSV the way Excel in the Netherlands opens it: UTF-8 with BOM,
//! `;` between fields, CRLF line ends, Dutch headers. Small counts follow the same rule as in
//! the PDFs.

use crate::checks::privacy::Shown;
use crate::model::Swv;

pub const HEADERS: [&str; 9] = [
    "Schooljaar",
    "Benaderd",
    "In ontwikkeling",
    "Vrijstelling 5 onder a",
    "Absoluut verzuim",
    "Werkateliers",
    "Deelnemers",
    "Interviews",
    "Casussen",
];

pub fn figures_csv(swv: &Swv, threshold: u32) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&HEADERS.join(";"));
    out.push_str("\r\n");
    let child = |v: Option<u32>| match Shown::of(v, threshold) {
        Shown::Exact(n) => n.to_string(),
        Shown::Small => format!("<{threshold}"),
        Shown::Unknown => String::new(),
    };
    let plain = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    for (year, f) in &swv.years {
        let j = f.jeugdigen.unwrap_or_default();
        let a = f.activiteiten.unwrap_or_default();
        let fields = [
            year.label(),
            child(j.benaderd),
            child(j.in_ontwikkeling),
            child(j.vrijstelling_5a),
            child(j.absoluut_verzuim),
            plain(a.werkateliers),
            plain(a.deelnemers),
            plain(a.interviews),
            child(a.casussen),
        ];
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}
