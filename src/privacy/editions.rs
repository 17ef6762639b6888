//! What privacy needs of published editions: the cell values a new edition is made from
//! (kept privately beside it, so a later audit knows what was true then), whether a correction
//! or a late return reaches a published document, and the figures it would print differently,
//! every label through the small-count rule.

use std::collections::{BTreeMap, BTreeSet};

use super::disclosure::one_province;
use super::figures::Data;
use super::ledger::{Cell, FigureId, Ledger, Recorded, Relation, describe_sum};
use crate::model::Programme;

/// The value of every cell the figures of `ledger` are computed from (this build's own
/// figures; not those of earlier editions).
pub fn values(ledger: &Ledger, data: Data<'_>) -> BTreeMap<Cell, u32> {
    let mut cells: BTreeSet<&Cell> = BTreeSet::new();
    for (_, f) in ledger.figures() {
        match f.relation() {
            Relation::Sum(c) => cells.extend(c),
            Relation::Share { part, whole } => cells.extend(part.iter().chain(whole)),
            Relation::Difference { now, before } => cells.extend(now.iter().chain(before)),
            Relation::Given(_) => {}
        }
    }
    cells
        .into_iter()
        .filter_map(|c| Some((c.clone(), data.counts.cell(c)?)))
        .collect()
}

/// What a figure is, in words: "PO2801, benaderd 2023-2024" for one cell, "totaal benaderd
/// 2023-2024 in Zeeland (12 SWV's)" for a sum (its province when it is a province's total),
/// "aandeel ... van ..." for a share, "verschil ... met ..." for a difference.
pub fn describe(f: &Recorded, programme: Option<&Programme>) -> String {
    match &f.relation {
        Relation::Sum(cells) => describe_cells(cells, programme),
        // One SWV's count as a share of another of its counts in the same year.
        Relation::Share { part, whole } => match (part.as_slice(), whole.as_slice()) {
            ([p], [w]) if p.swv == w.swv && p.schooljaar == w.schooljaar => format!(
                "{}, {} als aandeel van {} {}",
                p.swv,
                p.measure.label(),
                w.measure.label(),
                p.schooljaar
            ),
            _ => format!(
                "aandeel {} in {}",
                describe_cells(part, programme),
                describe_cells(whole, programme)
            ),
        },
        Relation::Difference { now, before } => format!(
            "verschil {} met {}",
            describe_cells(now, programme),
            describe_cells(before, programme)
        ),
        Relation::Given(_) => f.place.to_string(),
    }
}

/// One cell ("PO2801, benaderd 2023-2024") or a total of several.
fn describe_cells(cells: &[Cell], programme: Option<&Programme>) -> String {
    if let [c] = cells {
        return format!("{}, {} {}", c.swv, c.measure.label(), c.schooljaar);
    }
    let swvs: BTreeSet<_> = cells.iter().map(|c| &c.swv).collect();
    let within = programme
        .and_then(|p| one_province(p, cells))
        .map(|p| format!(" in {p}"))
        .unwrap_or_default();
    format!(
        "{}{within} (opgaven van {} SWV's)",
        describe_sum(cells),
        swvs.len()
    )
}

/// A figure of one document printed differently now than in the edition it was published in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Difference {
    /// The one SWV whose counts the figure is made of (none for a total of several).
    pub swv: Option<crate::model::SwvCode>,
    pub wat: String,
    pub gepubliceerd: String,
    pub nu: String,
}

/// Whether two printed labels say the same: editions before 6 December 2026 printed a
/// negative difference with a hyphen (`-16`), later ones with a minus sign (`−16`).
fn same_label(a: &str, b: &str) -> bool {
    a == b || a.replace('\u{2212}', "-") == b.replace('\u{2212}', "-")
}

/// Every figure of one document (`then` as an edition recorded it, `now` as it would be
/// printed) whose printed label differs, by its place in the document: a corrected count, a
/// total that now holds a late return, and a figure that is now withheld (`×`) or no longer
/// is. The one list behind `wel check`, `wel vergelijk` and a revision's "Correcties".
pub fn differences(
    then: &[Recorded],
    now: &[Recorded],
    programme: Option<&Programme>,
) -> Vec<Difference> {
    let by_place: BTreeMap<&FigureId, &Recorded> = now.iter().map(|f| (&f.place, f)).collect();
    let mut out: Vec<Difference> = then
        .iter()
        .filter_map(|f| {
            let n = by_place.get(&f.place)?;
            (!same_label(&n.label, &f.label)).then(|| Difference {
                swv: one_swv(&n.relation),
                wat: describe(n, programme),
                gepubliceerd: f.label.clone(),
                nu: n.label.clone(),
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether a document published with the figures `then` (from cells whose values were
/// `values_then`) would now be made from other cells or other values, or show other figures:
/// a correction or a late return reaches it. Labels are not compared: a count that stays under the threshold still
/// reaches the document (it is made anew, and taken over again when nothing printed changes).
pub fn reached(
    then: &[Recorded],
    values_then: &BTreeMap<Cell, u32>,
    now: &[Recorded],
    data: Data<'_>,
) -> bool {
    let by_place: BTreeMap<&FigureId, &Recorded> = then.iter().map(|f| (&f.place, f)).collect();
    let places_now: BTreeSet<&FigureId> = now.iter().map(|f| &f.place).collect();
    if places_now.len() != by_place.len() || by_place.keys().any(|p| !places_now.contains(p)) {
        return true;
    }
    now.iter().any(|n| {
        let Some(t) = by_place.get(&n.place) else {
            return true;
        };
        t.relation != n.relation
            || cells_of(&n.relation).any(|c| values_then.get(c).copied() != data.counts.cell(c))
    })
}

/// The one SWV all cells of a figure belong to, if they belong to one.
fn one_swv(relation: &Relation) -> Option<crate::model::SwvCode> {
    let mut swvs = cells_of(relation).map(|c| &c.swv);
    let first = swvs.next()?;
    swvs.all(|s| s == first).then(|| first.clone())
}

/// The cells a figure is computed from.
fn cells_of(relation: &Relation) -> impl Iterator<Item = &Cell> {
    let (a, b): (&[Cell], &[Cell]) = match relation {
        Relation::Sum(c) => (c, &[]),
        Relation::Share { part, whole } => (part, whole),
        Relation::Difference { now, before } => (now, before),
        Relation::Given(_) => (&[], &[]),
    };
    a.iter().chain(b)
}
