//! Numbers typed in texts. A number in a sentence is published as surely as one in a table,
//! so the privacy rule holds for it too:
//!
//! - before planning, in every text of the inputs: a number that states a count of 1 to
//!   threshold-1 children, young people, pupils, parents or families (`drie kinderen`, `2
//!   ouders`), or a number written in digits that equals a small count of the text's school
//!   year (`absoluut verzuim (3)`), is an error at its line and column;
//! - once secondary suppression has chosen, in every text a document prints: a number in
//!   digits that equals a withheld total of the text's school years is an error (the document
//!   is not made), and one that equals a child count the document prints exactly is a warning.
//!
//! Each message names the reference to use instead when one gives that number. What counts as
//! a typed count (and what not: years, dates, percentages, ages, article numbers) is decided
//! when the text is read (`inputs::prose`); docs/invoer.md lists it.

use std::collections::BTreeSet;

use super::figures::Counts;
use super::figures::Data;
use super::ledger::{Ledger, Relation, ShownAs};
use super::publisher::TypedIn;
use super::references::{self, Entry};
use crate::diag::{Concern, Place, Problem, Problems};
use crate::model::{Programme, SchoolYear, SwvCode, TextFile, Typed};
use crate::outputs::DocumentId;

/// Checks every text of the inputs before planning. A summary with an error is taken out of
/// the model (its one-pager is not made, and no report quotes it).
pub fn check_inputs(programme: &mut Programme, counts: &Counts, problems: &mut Problems) {
    let published = programme.published_years();
    // The project group's texts are read through `&mut` (their one listing of every text);
    // their numbers are taken out first, then checked against the programme.
    let mut pending: Vec<(Typed, Vec<SchoolYear>, Concern)> = Vec::new();
    for phase in &mut programme.project.fases {
        let concern = Concern::Texts(vec![DocumentId::Rapportage(phase.nummer)]);
        let years = phase.schooljaren.clone();
        for (_, prose) in phase.teksten.prose_mut() {
            for t in prose.numbers() {
                pending.push((t.clone(), years.clone(), concern.clone()));
            }
        }
    }
    if let Some(b) = &mut programme.project.brochure {
        let concern = Concern::Texts(vec![DocumentId::Brochure]);
        for (_, prose) in b.prose_mut() {
            for t in prose.numbers() {
                pending.push((t.clone(), published.clone(), concern.clone()));
            }
        }
    }
    let programme_ref: &Programme = programme;
    let data = Data {
        programme: programme_ref,
        counts,
    };
    let mut found = Found::default();
    for (t, years, concern) in &pending {
        found.typed(
            data,
            Said {
                typed: t,
                years,
                concern,
                own_name: None,
            },
        );
    }
    let mut refused: BTreeSet<(SwvCode, SchoolYear)> = BTreeSet::new();
    for swv in &programme_ref.swvs {
        for summary in swv.summaries.values() {
            let years = [summary.schooljaar];
            let before = found.problems.len();
            for t in summary_numbers(summary) {
                found.typed(
                    data,
                    Said {
                        typed: t,
                        years: &years,
                        concern: &Concern::Summary,
                        own_name: Some(&swv.naam),
                    },
                );
            }
            for p in &mut found.problems[before..] {
                p.swv = Some(swv.code.to_string());
            }
            if found.problems[before..].iter().any(Problem::is_error) {
                refused.insert((swv.code.clone(), summary.schooljaar));
            }
        }
    }
    for s in &mut programme.swvs {
        let years: Vec<SchoolYear> = refused
            .iter()
            .filter(|(c, _)| *c == s.code)
            .map(|(_, y)| *y)
            .collect();
        for y in years {
            s.summaries.remove(&y);
            s.refused.push(Some(y));
        }
    }
    found.problems.into_iter().for_each(|p| problems.push(p));
}

/// Every number typed in a summary.
fn summary_numbers(s: &crate::model::Summary) -> Vec<&Typed> {
    let mut out: Vec<&Typed> = s.samenvatting.numbers().iter().collect();
    for p in s.wat_werkt.iter() {
        out.extend(p.numbers());
    }
    for e in &s.voorbeelden {
        out.extend(e.titel.numbers());
        out.extend(e.tekst.numbers());
    }
    for q in &s.citaten {
        out.extend(q.tekst.numbers());
    }
    out
}

/// A typed number where it was said: the school years its text is about, what the text
/// belongs to, and the name of the SWV whose summary it is.
#[derive(Clone, Copy)]
struct Said<'a> {
    typed: &'a Typed,
    years: &'a [SchoolYear],
    concern: &'a Concern,
    own_name: Option<&'a str>,
}

/// Problems found so far, and the catalog of references (made once, when first needed).
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    catalog: Option<Vec<Entry>>,
}

impl Found {
    /// The reference of the catalog that gives the typed number `t` in `years`.
    fn reference(&mut self, data: Data<'_>, years: &[SchoolYear], t: &Typed) -> Option<String> {
        let catalog = self
            .catalog
            .get_or_insert_with(|| references::catalog(data));
        references::equal_to(catalog, years, t.value, t.near).map(|e| e.written.clone())
    }

    /// Rules A and B (small part) for one typed number of a text about `years`, judged by
    /// what it counts: a count of people of 1 to threshold-1 is an error; a number in digits
    /// equal to a small count of those years is an error beside the measure it would be
    /// (whatever follows it), a warning on its own, and nothing with a noun for something else
    /// (`3 gemeenten`) or when it is a word of the name of the SWV whose summary it is
    /// (`Proef 3`: such a number only loses its warning, never its error).
    fn typed(&mut self, data: Data<'_>, said: Said<'_>) {
        let Said {
            typed: t,
            years,
            concern,
            own_name,
        } = said;
        let Data { programme, counts } = data;
        let threshold = programme.project.drempel;
        let small = (1..threshold).contains(&t.value);
        let in_own_name = own_name.is_some_and(|name| t.within_name(name));
        let equals_small = small
            && t.digits
            && references::small_values(counts, programme, years).contains(&t.value);
        if small && t.of_people {
            let why = format!(
                "“{}” noemt een aantal van 1 tot en met {} kinderen, jongeren of ouders; zo'n klein aantal mag in geen enkel document als getal staan",
                t.written,
                threshold - 1
            );
            self.refuse(data, &said, why);
        } else if equals_small && t.near.is_some_and(|m| m.is_child_count()) {
            let why = format!(
                "het getal {} is gelijk aan een klein aantal kinderen van {} dat de documenten als <{threshold} tonen; samen met de andere documenten is het zo terug te vinden",
                t.written,
                years_text(years)
            );
            self.refuse(data, &said, why);
        } else if equals_small && !t.of_other && !in_own_name {
            self.problems.push(
                Problem::warning(
                    Place::at(&t.at),
                    format!(
                        "het getal {} is gelijk aan een klein aantal kinderen van {}. Telt het kinderen, jongeren of ouders, schrijf het dan zonder aantal (‘enkele’) of verwijs naar het cijfer met {{…}}; telt het iets anders, zet er dan bij wat (‘{} scholen’)",
                        t.written,
                        years_text(years),
                        t.written
                    ),
                )
                .concerning(concern.clone()),
            );
        }
    }

    /// An error at a typed number, with the reference to use instead when one gives it.
    fn refuse(&mut self, data: Data<'_>, said: &Said<'_>, why: String) {
        let (t, years, concern) = (said.typed, said.years, said.concern);
        let threshold = data.programme.project.drempel;
        // A count of people gets a reference only when the text names what it counts.
        let reference = if t.of_people && t.near.is_none() {
            None
        } else {
            self.reference(data, years, t)
        };
        let todo = match reference {
            Some(r) => format!("gebruik de verwijzing {r} (dan staat er ‘minder dan {threshold}’), of laat het aantal weg"),
            None => "schrijf het zonder aantal (bijvoorbeeld ‘een kind’ of ‘enkele ouders’), of verwijs naar een cijfer met {…} (zie docs/invoer.md)".to_string(),
        };
        self.problems.push(
            Problem::error(Place::at(&t.at), format!("{why}. Verbeter: {todo}"))
                .concerning(concern.clone()),
        );
    }
}

fn years_text(years: &[SchoolYear]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} tot en met {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

/// What a document printed: its id and the numbers typed in its texts.
pub struct Printed<'a> {
    pub id: &'a DocumentId,
    pub typed: &'a [TypedIn],
}

/// Checks the texts every document prints against what the documents publish, now that every
/// figure is settled: a typed number equal to a withheld total of the text's school years is
/// an error, one equal to a child count the same document prints exactly is a warning. Returns
/// the documents that may not be made.
pub fn check_printed(
    data: Data<'_>,
    ledger: &Ledger,
    documents: &[Printed<'_>],
    problems: &mut Problems,
) -> Vec<DocumentId> {
    let withheld: Vec<(u32, Vec<SchoolYear>, String)> = ledger
        .figures()
        .filter(|(_, f)| f.shown_as() == Some(ShownAs::Withheld))
        .filter_map(|(_, f)| match f.relation() {
            Relation::Sum(cells) => Some((
                data.counts.sum(cells)?,
                cells.iter().map(|c| c.schooljaar).collect(),
                super::ledger::describe_sum(cells),
            )),
            Relation::Share { .. } | Relation::Difference { .. } | Relation::Given(_) => None,
        })
        .collect();
    let mut found = Found::default();
    let mut blocked = Vec::new();
    let mut seen: BTreeSet<(Place, String)> = BTreeSet::new();
    for doc in documents {
        let exact = exact_child_counts(data, ledger.of(&doc.id.key()));
        for t in doc.typed.iter().filter(|t| t.typed.digits) {
            let within = |years: &[SchoolYear]| years.iter().all(|y| t.years.contains(y));
            let problem = if let Some((_, _, what)) = withheld
                .iter()
                .find(|(v, ys, _)| *v == t.typed.value && within(ys))
            {
                Problem::error(
                    Place::at(&t.typed.at),
                    format!(
                        "het getal {} is gelijk aan het {what}, dat niet getoond wordt omdat het samen met de andere documenten een klein aantal kinderen prijsgeeft. Verbeter: laat het getal weg, of verwijs naar het cijfer met {{…}} (dan staat er ‘een niet getoond aantal’)",
                        t.typed.written
                    ),
                )
            } else if t.typed.near.is_none_or(|m| m.is_child_count())
                && exact
                    .iter()
                    .any(|(v, ys)| *v == t.typed.value && within(ys))
            {
                let hint = found
                    .reference(data, &t.years, &t.typed)
                    .map(|r| format!("gebruik de verwijzing {r}"))
                    .unwrap_or_else(|| "verwijs naar het cijfer met {…}".to_string());
                Problem::warning(
                    Place::at(&t.typed.at),
                    format!(
                        "het getal {} staat ook als cijfer in {}; typ het niet over maar {hint}, dan klopt de tekst ook als de cijfers veranderen",
                        t.typed.written,
                        doc.id.key()
                    ),
                )
            } else {
                continue;
            };
            if problem.is_error() && !blocked.contains(doc.id) {
                blocked.push(doc.id.clone());
            }
            if seen.insert((problem.place.clone(), problem.message.clone())) {
                let concern = match &t.swv {
                    Some(_) => Concern::Summary,
                    None => Concern::Texts(vec![doc.id.clone()]),
                };
                let problem = problem.concerning(concern);
                problems.push(match &t.swv {
                    Some(code) => problem.for_swv(code.as_str()),
                    None => problem,
                });
            }
        }
    }
    blocked
}

/// The child counts an output prints exactly, with their school years.
fn exact_child_counts(data: Data<'_>, figures: &[super::Count]) -> Vec<(u32, Vec<SchoolYear>)> {
    figures
        .iter()
        .filter(|f| f.shown_as() == Some(ShownAs::Exact))
        .filter_map(|f| match f.relation() {
            Relation::Sum(cells) if cells.iter().all(|c| c.measure.is_child_count()) => Some((
                data.counts.sum(cells)?,
                cells.iter().map(|c| c.schooljaar).collect(),
            )),
            Relation::Sum(_)
            | Relation::Share { .. }
            | Relation::Difference { .. }
            | Relation::Given(_) => None,
        })
        .filter(|(v, _)| *v > 0)
        .collect()
}
