//! The disclosure audit: can anyone holding everything published (every figure of this build
//! and of every earlier edition) and knowing the rules between the counts learn anything about
//! a small count of children (1 to threshold-1) of one SWV beyond "less than the threshold"?
//! And secondary suppression: what to withhold so that nobody can.
//!
//! The reader is modelled exactly ([`system`]): every child-count cell is an integer unknown,
//! at least 0; a figure shown on its own fixes its cell (exact) or puts it in 1..threshold-1
//! (`<5`); a sum shown exactly is an equation, a sum shown as `<5` a range; a share or a
//! difference counts as if both its sums were published; the rules of docs/invoer.md hold in
//! every row (`in_ontwikkeling`, `vrijstelling_5a`, `absoluut_verzuim` each at most
//! `benaderd`, `vrijstelling_5a + absoluut_verzuim` at most `benaderd`); and every earlier
//! edition adds what it published, over the same unknowns where a cell kept its value and over
//! a new unknown where it was corrected since.
//!
//! A small count is **recovered** when only one value fits everything published, and
//! **narrowed** when any value of 1..threshold-1 does not fit. The audit decides this exactly
//! with an integer search ([`super::solver`]): a value counts as possible only when a solution
//! that satisfies every constraint has been found with it. Protection makes sure no small count
//! is narrowed (and so none recovered).

mod reader;
mod system;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use super::figures::Data;
use super::ledger::{Cell, Ledger};
use crate::model::{Programme, Province, SwvCode};
use reader::{Effort, Reader};
use system::{Item, System};

/// A small count that the published figures give away, or narrow down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    pub cell: Cell,
    /// The values of 1..threshold-1 that still fit everything published (one: recovered).
    pub possible: Vec<u32>,
}

impl Disclosure {
    /// Only one value fits.
    pub fn recovered(&self) -> bool {
        self.possible.len() <= 1
    }
}

/// What the audit found: the small counts recovered or narrowed, and how many it judged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audit {
    pub disclosed: Vec<Disclosure>,
    /// Small counts (unknowns of 1..threshold-1) audited.
    pub small: usize,
    /// Questions the search left undecided (counted as impossible: the cautious side).
    pub undecided: usize,
}

impl Audit {
    pub fn recovered(&self) -> usize {
        self.disclosed.iter().filter(|d| d.recovered()).count()
    }

    pub fn narrowed(&self) -> usize {
        self.disclosed.len()
    }
}

/// A figure that secondary suppression withholds (printed as `×`), and why: a total, or one
/// cell of an SWV's row (a companion of the small count it protects).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    pub cells: Vec<Cell>,
    /// The SWVs whose small counts it would give away.
    pub protects: Vec<SwvCode>,
    /// The outputs (`rapportage-fase-1.pdf`) that would have shown it.
    pub outputs: Vec<String>,
    /// The province, when the total is over the SWVs of one province only.
    pub province: Option<Province>,
}

impl Withheld {
    /// A withheld figure as an earlier run chose it (`privacy::protect`, from
    /// `.wel-afscherming.json`).
    pub fn restore(
        cells: Vec<Cell>,
        protects: Vec<SwvCode>,
        outputs: Vec<String>,
        programme: &Programme,
    ) -> Self {
        Self {
            province: one_province(programme, &cells),
            cells,
            protects,
            outputs,
        }
    }

    /// One cell of an SWV's row rather than a total.
    pub fn is_cell(&self) -> bool {
        self.cells.len() == 1
    }

    /// A Dutch explanation for `wel check` and the build summary.
    pub fn explain(&self) -> String {
        let codes: Vec<&str> = self.protects.iter().map(|c| c.as_str()).collect();
        let codes = match codes.as_slice() {
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
            [] => String::new(),
        };
        let what = match self.cells.as_slice() {
            [c] => format!("{}, {} {}", c.swv, c.measure.label(), c.schooljaar),
            cells => {
                let scope = self
                    .province
                    .map(|p| format!(" in {p}"))
                    .unwrap_or_default();
                format!("{}{scope}", super::ledger::describe_sum(cells))
            }
        };
        let outputs = shorten(&self.outputs, 4);
        format!(
            "{what} niet getoond (in {outputs}): anders zijn de aantallen van {codes} af te leiden"
        )
    }
}

/// `a, b, c en 5 andere`.
fn shorten(items: &[String], keep: usize) -> String {
    if items.len() <= keep {
        return items.join(", ");
    }
    format!(
        "{} en {} andere",
        items[..keep].join(", "),
        items.len() - keep
    )
}

/// The province of a total over the SWVs of one province, when others have SWVs too.
pub fn one_province(programme: &Programme, cells: &[Cell]) -> Option<Province> {
    let province = |c: &Cell| programme.swv(&c.swv).map(|s| s.provincie);
    let first = province(cells.first()?)?;
    let all_same = cells.iter().all(|c| province(c) == Some(first));
    let others = programme.swvs.iter().any(|s| s.provincie != first);
    (all_same && others).then_some(first)
}

/// A solution of everything published, as the cells whose value differs from the truth:
/// (cell, the earlier edition whose value it is when corrected since, value). Protection hands
/// the solutions it found to the audit, which takes each only if it satisfies every constraint
/// of what is finally published: a value is possible with a solution in hand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Witness(pub Vec<(Cell, Option<usize>, i64)>);

/// The solutions earlier editions' protection found, as changes of this system's unknowns: a
/// cell of edition `e` is the same unknown now unless it was corrected since (then it is its
/// version of `e`). Cells published nowhere now carry no constraint and are left out.
fn earlier_witnesses(system: &System, ledger: &Ledger, data: Data<'_>) -> Vec<Vec<(usize, i64)>> {
    let mut out = Vec::new();
    for (e, edition) in ledger.earlier.iter().enumerate() {
        for w in &edition.witnesses {
            let changes: Vec<(usize, i64)> =
                w.0.iter()
                    .filter_map(|(c, then, x)| {
                        let then = then.unwrap_or(e);
                        let old = *ledger.earlier.get(then)?.values.get(c)?;
                        let version = (data.counts.cell(c) != Some(old)).then_some(then);
                        Some((*system.index.get(&(c.clone(), version))?, *x))
                    })
                    .collect();
            if !changes.is_empty() {
                out.push(changes);
            }
        }
    }
    out
}

/// What everything published (this ledger and its earlier editions) gives away; `witnesses`
/// are solutions found before (by protection), checked here before they count.
pub fn audit(ledger: &Ledger, data: Data<'_>, witnesses: &[Witness]) -> Audit {
    let system = System::new(ledger, data);
    let mut reader = Reader::new(&system, &BTreeSet::new());
    for changes in earlier_witnesses(&system, ledger, data) {
        reader.offer(&changes);
    }
    for w in witnesses {
        let changes: Option<Vec<(usize, i64)>> =
            w.0.iter()
                .map(|(c, e, v)| Some((*system.index.get(&(c.clone(), *e))?, *v)))
                .collect();
        if let Some(changes) = changes {
            reader.offer(&changes);
        }
    }
    reader.judge_all();
    reader.audit()
}

/// Chooses what to withhold so that no small count is narrowed. Each small count is visited
/// once, in order: if it is still narrowed under what is withheld so far, the candidates are
/// the other counts of its row shown exactly (least central measure first: verzuim,
/// vrijstelling, in ontwikkeling, benaderd), then its row's other small counts or itself, then
/// the published totals near it (smallest first); the first that leaves all of its values
/// possible is taken, else the one that frees the most, else two together, else all. Withholding
/// only takes constraints away, so a count freed stays free and every value found possible
/// stays possible. Deterministic.
///
/// `keep` are figures (by their cells) withheld before, in the edition this build follows:
/// they stay withheld where this build prints them again, so that a `×` moves only when a
/// correction needs it to.
pub fn suppress(
    ledger: &Ledger,
    data: Data<'_>,
    keep: &[Vec<Cell>],
) -> (Vec<Withheld>, Vec<Witness>) {
    let system = System::new(ledger, data);
    let mut chosen: Vec<(Item, BTreeSet<usize>)> = Vec::new();
    let mut items: BTreeSet<Item> = BTreeSet::new();
    for cells in keep {
        if let Some(item) = system.item_of(cells)
            && items.insert(item.clone())
        {
            let protects = system.targets_in(&item);
            chosen.push((item, protects));
        }
    }
    let mut reader = Reader::new(&system, &items);
    for changes in earlier_witnesses(&system, ledger, data) {
        reader.offer(&changes);
    }
    reader.judge_all();
    // A count that nothing frees alone (its row's other counts are narrowed too) gets a second
    // turn after all others: what they withheld may have freed it, or made one step enough.
    let mut queue: std::collections::VecDeque<(usize, bool)> =
        system.targets().iter().map(|&t| (t, true)).collect();
    while let Some((target, first_turn)) = queue.pop_front() {
        if reader.missing(target) == 0 {
            continue;
        }
        // Narrowed when first judged; what was withheld since may have freed it.
        reader.rejudge(target);
        while reader.missing(target) > 0 {
            let missing_before = reader.missing(target);
            let candidates = system.candidates(target, &items);
            let known = reader.knowledge();
            let try_with = |extra: &[&Item]| {
                let mut trial = items.clone();
                trial.extend(extra.iter().map(|i| (*i).clone()));
                let mut r = Reader::with_effort(&system, &trial, Effort::Trial);
                r.inherit(&known);
                r.judge(target);
                (r.missing(target), r)
            };
            let mut best: Option<(usize, Vec<Item>, Reader<'_>)> = None;
            for candidate in &candidates {
                let (missing, r) = try_with(&[candidate]);
                if best.as_ref().is_none_or(|b| missing < b.0) {
                    best = Some((missing, vec![candidate.clone()], r));
                }
                if missing == 0 {
                    break;
                }
            }
            // No one figure helps alone (a total over years beside the yearly total, a second
            // province beside the first): two together, then all of them.
            if best.as_ref().is_none_or(|b| b.0 >= missing_before) {
                // The pairs that withhold the fewest cells first (two province totals before
                // a province and the national total).
                let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
                for i in 0..candidates.len() {
                    for j in i + 1..candidates.len() {
                        pairs.push((candidates[i].size() + candidates[j].size(), i, j));
                    }
                }
                pairs.sort_unstable();
                for &(_, i, j) in pairs.iter().take(64) {
                    let (a, b) = (&candidates[i], &candidates[j]);
                    let (missing, r) = try_with(&[a, b]);
                    if missing < missing_before {
                        best = Some((missing, vec![a.clone(), b.clone()], r));
                        break;
                    }
                }
            }
            if best.as_ref().is_none_or(|b| b.0 >= missing_before) && !candidates.is_empty() {
                let all: Vec<&Item> = candidates.iter().collect();
                let (missing, r) = try_with(&all);
                if missing < missing_before {
                    best = Some((missing, candidates.clone(), r));
                }
            }
            // The last resort, on a count's second turn when nothing else frees it: the count
            // itself shown as `×`, and every total that holds it.
            if !first_turn && best.as_ref().is_none_or(|b| b.0 >= missing_before) {
                let last: Vec<Item> = system.last_resort(target, &items);
                if !last.is_empty() {
                    let refs: Vec<&Item> = last.iter().collect();
                    let (missing, r) = try_with(&refs);
                    if best.as_ref().is_none_or(|b| missing < b.0) {
                        best = Some((missing, last, r));
                    }
                }
            }
            match best {
                Some((missing, taken, r)) if missing < missing_before => {
                    items.extend(taken.iter().cloned());
                    reader = r.adopt();
                    chosen.extend(
                        taken
                            .into_iter()
                            .map(|item| (item, BTreeSet::from([target]))),
                    );
                }
                // Nothing helps now: once more at the end; then the audit reports it, and the
                // national documents are not made.
                _ => {
                    if first_turn {
                        queue.push_back((target, false));
                    }
                    break;
                }
            }
        }
    }
    let mut by_index: Vec<Option<&(Cell, Option<usize>)>> = vec![None; system.len()];
    for (key, &v) in &system.index {
        by_index[v] = Some(key);
    }
    let witnesses = reader
        .witnesses()
        .iter()
        .map(|changes| {
            Witness(
                changes
                    .iter()
                    .filter_map(|&(v, x)| by_index[v].map(|(c, e)| (c.clone(), *e, x)))
                    .collect(),
            )
        })
        .collect();
    let withheld = chosen
        .into_iter()
        .map(|(item, protects)| system.withheld(&item, &protects, data.programme))
        .collect();
    (withheld, witnesses)
}
