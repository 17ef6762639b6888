//! The disclosure audit: can anyone holding everything one build publishes narrow a small
//! count of children (1 to threshold-1) of one SWV down to a single value? And secondary
//! suppression: the fewest totals to withhold so that nobody can.
//!
//! Every published figure is a linear relation over (SWV, school year, measure) cells (see
//! [`super::ledger`]). The audit turns the ledger into a system: a cell shown on its own is
//! known (exact) or lies in 1..threshold-1 (`<N`); a sum shown exactly is an equation, a sum
//! shown as `<N` a range; a share or a difference counts as if both its sums were published.
//! To those it adds, for every published sum that contains another, the difference of the two
//! (a total minus its published parts, a total over several years minus the yearly totals),
//! and repeats that once more on what it derived. It then narrows every cell's range by
//! interval propagation until nothing changes. For tables whose sums nest (cell, province,
//! national per year, all years) that gives the exact range of every cell. A cell whose true
//! value is small and whose range is a single value is disclosed.

use std::collections::{BTreeMap, BTreeSet};

use super::figures::Data;
use super::ledger::{Cell, Ledger, Relation, ShownAs};
use crate::model::{Programme, Province, SwvCode};

/// A small count that the published figures give away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    pub cell: Cell,
}

/// A published sum: its cells and the range it is shown to lie in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sum {
    cells: Vec<usize>,
    lo: i64,
    hi: i64,
}

/// A total that secondary suppression withholds, and why.
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
    /// A withheld total as an earlier run chose it (`privacy::protect`, from `.wel-afscherming.json`).
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

    /// A Dutch explanation for `wel check` and the build summary.
    pub fn explain(&self) -> String {
        let codes: Vec<&str> = self.protects.iter().map(|c| c.as_str()).collect();
        let codes = match codes.as_slice() {
            [one] => one.to_string(),
            [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
            [] => String::new(),
        };
        let scope = self
            .province
            .map(|p| format!(" in {p}"))
            .unwrap_or_default();
        format!(
            "{}{scope} niet getoond (in {}): anders zijn de aantallen van {codes} af te leiden",
            super::ledger::describe_sum(&self.cells),
            self.outputs.join(", ")
        )
    }
}

/// The next sum to withhold, its component and what that component then still gives away.
///
/// A sum of cells that are each shown exactly is known anyway: withholding it changes nothing,
/// so it is never a candidate. Every other sum of a leaking group is (another province's total
/// beside the first costs the reader less than the national total). Ties: fewest left, then a
/// sum holding a cell shown as `<5`, then fewest cells, then first in order.
fn best_step(
    system: &System,
    withheld: &BTreeSet<Vec<usize>>,
    current: &[Vec<usize>],
    t: i64,
) -> Option<(Vec<usize>, usize, Vec<usize>)> {
    let total: usize = current.iter().map(Vec::len).sum();
    let candidates: Vec<&Vec<usize>> = (0..current.len())
        .filter(|c| !current[*c].is_empty())
        .flat_map(|c| system.components()[c].iter())
        .filter(|k| !withheld.contains(*k) && !system.fixed.contains(*k))
        .filter(|k| k.iter().any(|&i| system.lo[i] != system.hi[i]))
        .collect();
    // Withholding a sum changes only its own component, so what is left is at least what the
    // other components give away: candidates are tried in the order of that bound, and the
    // search stops when no later one can beat the best found (branch and bound; the same
    // choice as trying them all).
    type Key = (usize, bool, usize, Vec<usize>);
    let mut ordered: Vec<(Key, usize)> = candidates
        .into_iter()
        .map(|k| {
            let c = system.component_of(k);
            let certain = k.iter().all(|&i| system.lo[i] == system.hi[i]);
            ((total - current[c].len(), certain, k.len(), k.clone()), c)
        })
        .collect();
    ordered.sort();
    let mut best: Option<(Key, usize, Vec<usize>)> = None;
    for (bound, c) in ordered {
        if best.as_ref().is_some_and(|b| bound >= b.0) {
            break;
        }
        let mut trial = withheld.clone();
        trial.insert(bound.3.clone());
        let after = system.disclosed_in(c, &trial, t);
        let key = (bound.0 + after.len(), bound.1, bound.2, bound.3);
        if best.as_ref().is_none_or(|b| key < b.0) {
            best = Some((key, c, after));
        }
    }
    best.map(|((_, _, _, k), c, after)| (k, c, after))
}

/// The province of a total over the SWVs of one province, when others have SWVs too.
pub fn one_province(programme: &Programme, cells: &[Cell]) -> Option<Province> {
    let province = |c: &Cell| programme.swv(&c.swv).map(|s| s.provincie);
    let first = province(cells.first()?)?;
    let all_same = cells.iter().all(|c| province(c) == Some(first));
    let others = programme.swvs.iter().any(|s| s.provincie != first);
    (all_same && others).then_some(first)
}

/// The cells and sums of one ledger, with the true value of every cell.
struct System {
    cells: Vec<Cell>,
    value: Vec<i64>,
    /// The range each cell is published in on its own.
    lo: Vec<i64>,
    hi: Vec<i64>,
    /// Published sums of two or more cells, by their sorted cells.
    sums: BTreeMap<Vec<usize>, Sum>,
    /// Where each sum is published: output keys.
    outputs: BTreeMap<Vec<usize>, BTreeSet<String>>,
    /// Sums an earlier edition published: facts, never withheld.
    fixed: BTreeSet<Vec<usize>>,
    /// The sums grouped by shared cells (made once, when first needed).
    components: std::sync::OnceLock<Vec<Vec<Vec<usize>>>>,
}

/// The sums a figure publishes, with how each is shown: a printed share or difference counts
/// as if both its sums were published (more than anyone can really derive from it); a figure
/// not printed, or a number from outside the SWV figures, publishes none.
fn published_sums(relation: &Relation, shown: ShownAs) -> Vec<(&Vec<Cell>, ShownAs)> {
    let exact = shown == ShownAs::Exact;
    match relation {
        Relation::Sum(cells) => vec![(cells, shown)],
        Relation::Share { part, whole } if exact => {
            vec![(part, ShownAs::Exact), (whole, ShownAs::Exact)]
        }
        Relation::Difference { now, before } if exact => {
            vec![(now, ShownAs::Exact), (before, ShownAs::Exact)]
        }
        Relation::Share { .. } | Relation::Difference { .. } | Relation::Given(_) => Vec::new(),
    }
}

/// An earlier edition (by its index) and the cell values it was made from.
struct Then<'a> {
    edition: usize,
    values: &'a BTreeMap<Cell, u32>,
}

/// Larger than any count: a cell with no upper bound.
const UNBOUNDED: i64 = 1 << 40;

impl System {
    fn new(ledger: &Ledger, data: Data<'_>) -> Self {
        let mut s = System {
            cells: Vec::new(),
            value: Vec::new(),
            lo: Vec::new(),
            hi: Vec::new(),
            sums: BTreeMap::new(),
            outputs: BTreeMap::new(),
            fixed: BTreeSet::new(),
            components: std::sync::OnceLock::new(),
        };
        let mut index: BTreeMap<(Cell, Option<usize>), usize> = BTreeMap::new();
        let t = i64::from(data.threshold());
        for (output, figure) in ledger.figures() {
            let sums = published_sums(figure.relation(), figure.shown_as());
            for (cells, shown) in sums {
                let ids = s.ids(&mut index, data, cells);
                s.publish_shown(ids, shown, t, output);
            }
        }
        for (e, edition) in ledger.earlier.iter().enumerate() {
            for (output, figures) in &edition.figures {
                let output = format!("{} (editie {})", output, edition.name);
                for f in figures {
                    for (cells, shown) in published_sums(&f.relation, f.shown) {
                        let then = Then {
                            edition: e,
                            values: &edition.values,
                        };
                        let ids = s.earlier_ids(&mut index, data, cells, then);
                        if ids.len() > 1 && matches!(shown, ShownAs::Exact | ShownAs::Suppressed) {
                            s.fixed.insert(ids.clone());
                        }
                        s.publish_shown(ids, shown, t, &output);
                    }
                }
            }
        }
        s
    }

    /// Publishes the sum over `ids` as it was shown.
    fn publish_shown(&mut self, ids: Vec<usize>, shown: ShownAs, t: i64, output: &str) {
        if ids.is_empty() {
            return;
        }
        let truth: i64 = ids.iter().map(|i| self.value[*i]).sum();
        let (lo, hi) = match shown {
            ShownAs::Exact => (truth, truth),
            ShownAs::Suppressed => (1, t - 1),
            ShownAs::Hidden | ShownAs::Withheld => return,
        };
        self.publish(ids, (lo, hi), output);
    }

    /// Indexes of the child-count cells of an earlier edition's figure: a cell whose value is
    /// the same now is the same unknown; one that changed since (a correction) is another
    /// unknown, with the value it had then.
    fn earlier_ids(
        &mut self,
        index: &mut BTreeMap<(Cell, Option<usize>), usize>,
        data: Data<'_>,
        cells: &[Cell],
        then: Then<'_>,
    ) -> Vec<usize> {
        let Then {
            edition,
            values: then,
        } = then;
        let mut ids: Vec<usize> = cells
            .iter()
            .filter(|c| c.measure.is_child_count())
            .filter_map(|c| {
                let old = then.get(c).copied()?;
                let version = (data.counts.cell(c) != Some(old)).then_some(edition);
                let key = (c.clone(), version);
                if let Some(i) = index.get(&key) {
                    return Some(*i);
                }
                self.cells.push(c.clone());
                self.value.push(i64::from(old));
                self.lo.push(0);
                self.hi.push(UNBOUNDED);
                index.insert(key, self.cells.len() - 1);
                Some(self.cells.len() - 1)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Indexes of the child-count cells, sorted and without repeats.
    fn ids(
        &mut self,
        index: &mut BTreeMap<(Cell, Option<usize>), usize>,
        data: Data<'_>,
        cells: &[Cell],
    ) -> Vec<usize> {
        let mut ids: Vec<usize> = cells
            .iter()
            .filter(|c| c.measure.is_child_count())
            .filter_map(|c| {
                if let Some(i) = index.get(&(c.clone(), None)) {
                    return Some(*i);
                }
                let v = data.counts.cell(c)?;
                self.cells.push(c.clone());
                self.value.push(i64::from(v));
                self.lo.push(0);
                self.hi.push(UNBOUNDED);
                index.insert((c.clone(), None), self.cells.len() - 1);
                Some(self.cells.len() - 1)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn publish(&mut self, ids: Vec<usize>, (lo, hi): (i64, i64), output: &str) {
        if let [one] = ids[..] {
            self.lo[one] = self.lo[one].max(lo);
            self.hi[one] = self.hi[one].min(hi);
            return;
        }
        self.outputs
            .entry(ids.clone())
            .or_default()
            .insert(output.to_string());
        let sum = self
            .sums
            .entry(ids.clone())
            .or_insert(Sum { cells: ids, lo, hi });
        sum.lo = sum.lo.max(lo);
        sum.hi = sum.hi.min(hi);
    }

    /// The small counts that the sums not in `withheld` give away.
    fn disclosed(&self, withheld: &BTreeSet<Vec<usize>>, threshold: i64) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.components().len())
            .flat_map(|c| self.disclosed_in(c, withheld, threshold))
            .collect();
        out.sort_unstable();
        out
    }

    /// Groups of sums that share cells (directly or through others): what is published in one
    /// group says nothing about the cells of another, so each is audited on its own.
    fn components(&self) -> &Vec<Vec<Vec<usize>>> {
        self.components.get_or_init(|| {
            let mut parent: Vec<usize> = (0..self.cells.len()).collect();
            fn root(parent: &mut [usize], mut i: usize) -> usize {
                while parent[i] != i {
                    parent[i] = parent[parent[i]];
                    i = parent[i];
                }
                i
            }
            for cells in self.sums.keys() {
                for w in cells.windows(2) {
                    let (a, b) = (root(&mut parent, w[0]), root(&mut parent, w[1]));
                    parent[a.max(b)] = a.min(b);
                }
            }
            let mut groups: BTreeMap<usize, Vec<Vec<usize>>> = BTreeMap::new();
            for cells in self.sums.keys() {
                let r = root(&mut parent, cells[0]);
                groups.entry(r).or_default().push(cells.clone());
            }
            groups.into_values().collect()
        })
    }

    /// The component a sum belongs to.
    fn component_of(&self, sum: &[usize]) -> usize {
        self.components()
            .iter()
            .position(|g| g.iter().any(|s| s.as_slice() == sum))
            .expect("every sum is in a component")
    }

    /// The small counts one component's sums not in `withheld` give away.
    fn disclosed_in(
        &self,
        component: usize,
        withheld: &BTreeSet<Vec<usize>>,
        threshold: i64,
    ) -> Vec<usize> {
        let group = &self.components()[component];
        // A cell shown exactly on its own is known to anyone: taken out of every sum (its
        // value off the sum's range), what is left are sums over the uncertain cells only.
        // The same knowledge, and far smaller sums to derive and propagate over.
        let reduced: Vec<Sum> = group
            .iter()
            .filter(|k| !withheld.contains(*k))
            .filter_map(|k| {
                let s = &self.sums[k];
                let (open, known): (Vec<usize>, Vec<usize>) =
                    s.cells.iter().partition(|&&i| self.lo[i] != self.hi[i]);
                let known: i64 = known.iter().map(|&i| self.lo[i]).sum();
                (!open.is_empty()).then(|| Sum {
                    cells: open,
                    lo: s.lo - known,
                    hi: s.hi.min(UNBOUNDED) - known,
                })
            })
            .collect();
        let sums: Vec<&Sum> = reduced.iter().collect();
        let derived = derive(&sums);
        let (lo, hi) = propagate(&self.lo, &self.hi, derived.iter());
        let mut cells: Vec<usize> = group.iter().flatten().copied().collect();
        cells.sort_unstable();
        cells.dedup();
        cells
            .into_iter()
            .filter(|&i| {
                let small = (1..threshold).contains(&self.value[i]);
                let alone = self.lo[i] == self.hi[i];
                small && !alone && lo[i] == hi[i]
            })
            .collect()
    }
}

/// What the published sums give away beyond themselves: for every pair where one sum contains
/// the other, their difference; and for every sum (published or such a difference), the sum
/// minus a largest family of disjoint published sums inside it, and minus that family but one
/// of them (a national total minus every province but one, a total over years minus the other
/// yearly totals, ...). A derived sum over the
/// same cells as a published one narrows its range (a total shown as `<5` that a difference
/// pins down exactly). Bounded: quadratic in the number of published sums.
fn derive(sums: &[&Sum]) -> Vec<Sum> {
    let mut all: BTreeMap<Vec<usize>, (i64, i64)> = BTreeMap::new();
    for s in sums {
        let range = all.entry(s.cells.clone()).or_insert((s.lo, s.hi));
        *range = (range.0.max(s.lo), range.1.min(s.hi));
    }
    let published: Vec<(Vec<usize>, (i64, i64))> =
        all.iter().map(|(k, v)| (k.clone(), *v)).collect();
    let narrow = |all: &mut BTreeMap<Vec<usize>, (i64, i64)>, cells: Vec<usize>, lo, hi| {
        let range = all.entry(cells).or_insert((i64::MIN, i64::MAX));
        *range = (range.0.max(lo), range.1.min(hi));
    };
    // Pairwise differences.
    for (a, (alo, ahi)) in &published {
        for (b, (blo, bhi)) in &published {
            if b.len() < a.len() && is_subset(b, a) {
                let (rest, lo, hi) = minus(a, (*alo, *ahi), &[(b, (*blo, *bhi))]);
                narrow(&mut all, rest, lo, hi);
            }
        }
    }
    // Each sum minus a largest disjoint family of published sums inside it (largest first).
    let mut by_size: Vec<&(Vec<usize>, (i64, i64))> = published.iter().collect();
    by_size.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then(x.0.cmp(&y.0)));
    let current: Vec<(Vec<usize>, (i64, i64))> = all.iter().map(|(k, v)| (k.clone(), *v)).collect();
    for (a, range) in &current {
        let mut family: Vec<(&Vec<usize>, (i64, i64))> = Vec::new();
        for (b, r) in &by_size {
            if b.len() < a.len() && is_subset(b, a) && family.iter().all(|(f, _)| disjoint(f, b)) {
                family.push((b, *r));
            }
        }
        if family.len() > 1 {
            let (rest, lo, hi) = minus(a, *range, &family);
            narrow(&mut all, rest, lo, hi);
            // And the sum minus all but one of them: that one plus the rest (a national
            // total minus every other province, a total over years minus the other years).
            for skip in 0..family.len() {
                let others: Vec<(&Vec<usize>, (i64, i64))> = family
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, f)| *f)
                    .collect();
                let (rest, lo, hi) = minus(a, *range, &others);
                narrow(&mut all, rest, lo, hi);
            }
        }
    }
    all.into_iter()
        .filter(|(cells, _)| !cells.is_empty())
        .map(|(cells, (lo, hi))| Sum { cells, lo, hi })
        .collect()
}

/// `a` minus sums inside it, with the range interval arithmetic gives.
fn minus(
    a: &[usize],
    (alo, ahi): (i64, i64),
    parts: &[(&Vec<usize>, (i64, i64))],
) -> (Vec<usize>, i64, i64) {
    let rest: Vec<usize> = a
        .iter()
        .copied()
        .filter(|c| parts.iter().all(|(p, _)| p.binary_search(c).is_err()))
        .collect();
    let lo = alo - parts.iter().map(|(_, r)| r.1.min(UNBOUNDED)).sum::<i64>();
    let hi = ahi - parts.iter().map(|(_, r)| r.0).sum::<i64>();
    (rest, lo, hi)
}

fn disjoint(a: &[usize], b: &[usize]) -> bool {
    a.iter().all(|c| b.binary_search(c).is_err())
}

fn is_subset(small: &[usize], big: &[usize]) -> bool {
    small.iter().all(|c| big.binary_search(c).is_ok())
}

/// Narrows every cell's range by the sums until nothing changes.
fn propagate<'a>(
    lo: &[i64],
    hi: &[i64],
    sums: impl Iterator<Item = &'a Sum>,
) -> (Vec<i64>, Vec<i64>) {
    let sums: Vec<&Sum> = sums.collect();
    let (mut lo, mut hi) = (lo.to_vec(), hi.to_vec());
    for _ in 0..64 {
        let mut changed = false;
        for s in &sums {
            let sum_lo: i64 = s.cells.iter().map(|&c| lo[c]).sum();
            let unbounded = s.cells.iter().filter(|&&c| hi[c] >= UNBOUNDED).count();
            let sum_hi: i64 = s.cells.iter().map(|&c| hi[c].min(UNBOUNDED)).sum();
            for &c in &s.cells {
                // Upper bound: the sum's maximum minus the others' minimum.
                let new_hi = s.hi.min(UNBOUNDED) - (sum_lo - lo[c]);
                if new_hi < hi[c] {
                    hi[c] = new_hi;
                    changed = true;
                }
                // Lower bound: the sum's minimum minus the others' maximum, when they have one.
                let others_unbounded = unbounded - usize::from(hi[c] >= UNBOUNDED);
                if others_unbounded == 0 {
                    let new_lo = s.lo - (sum_hi - hi[c].min(UNBOUNDED));
                    if new_lo > lo[c] {
                        lo[c] = new_lo;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    (lo, hi)
}

/// The cells that the published figures of `ledger` give away.
pub fn audit(ledger: &Ledger, data: Data<'_>) -> Vec<Disclosure> {
    let system = System::new(ledger, data);
    let t = i64::from(data.threshold());
    system
        .disclosed(&BTreeSet::new(), t)
        .into_iter()
        .map(|i| Disclosure {
            cell: system.cells[i].clone(),
        })
        .collect()
}

/// Chooses the totals to withhold so that no small count can be derived: each round, of the
/// published sums in a group (component) that gives something away, the one whose withholding
/// leaves the fewest disclosures (then one that holds a cell shown as `<5`, then the one of
/// fewest cells, then the first in cell order). Deterministic.
pub fn suppress(ledger: &Ledger, data: Data<'_>) -> Vec<Withheld> {
    let system = System::new(ledger, data);
    let t = i64::from(data.threshold());
    let mut withheld: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut reasons: Vec<(Vec<usize>, Vec<usize>, usize)> = Vec::new();
    // What each component gives away under the current withholding.
    let mut current: Vec<Vec<usize>> = (0..system.components().len())
        .map(|c| system.disclosed_in(c, &withheld, t))
        .collect();
    loop {
        let disclosed: Vec<usize> = current.iter().flatten().copied().collect();
        if disclosed.is_empty() {
            break;
        }
        let Some((best, c, after)) = best_step(&system, &withheld, &current, t) else {
            break; // a cell given away by its own range: nothing to withhold would help
        };
        // What this step stops giving away; a step that only prepares the next (a second
        // province beside the first) protects what that next step protects.
        let protects: Vec<usize> = current[c]
            .iter()
            .copied()
            .filter(|d| !after.contains(d))
            .collect();
        withheld.insert(best.clone());
        current[c] = after;
        reasons.push((best, protects, c));
    }
    for i in (0..reasons.len()).rev() {
        if reasons[i].1.is_empty()
            && let Some(next) = reasons[i + 1..].iter().find(|r| r.2 == reasons[i].2)
        {
            reasons[i].1 = next.1.clone();
        }
    }
    reasons
        .into_iter()
        .map(|(sum, protects, _)| (sum, protects))
        .map(|(sum, protects)| {
            let mut codes: Vec<SwvCode> = protects
                .iter()
                .map(|&i: &usize| system.cells[i].swv.clone())
                .collect();
            codes.sort();
            codes.dedup();
            let cells: Vec<Cell> = sum.iter().map(|&i| system.cells[i].clone()).collect();
            Withheld {
                province: one_province(data.programme, &cells),
                cells,
                protects: codes,
                outputs: system.outputs[&sum].iter().cloned().collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Measure, Project, SchoolYear, Sector, Sheet, Swv};
    use crate::privacy::figures::Counts;
    use crate::privacy::{Publisher, Withholding};

    /// A programme with its counts.
    struct Set(Programme, Counts);

    impl Set {
        fn data(&self) -> Data<'_> {
            Data {
                programme: &self.0,
                counts: &self.1,
            }
        }
    }

    const Y1: u32 = 2021;
    const Y2: u32 = 2022;
    const Y3: u32 = 2023;

    /// A programme of SWVs with `benaderd` per school year (threshold 5).
    fn programme(rows: &[(&str, u32, u32)]) -> Set {
        let mut swvs: Vec<Swv> = Vec::new();
        let mut counts = Counts::default();
        for &(code, year, benaderd) in rows {
            let code = SwvCode::parse(code).unwrap();
            if !swvs.iter().any(|s| s.code == code) {
                swvs.push(Swv {
                    code: code.clone(),
                    naam: code.to_string(),
                    sector: Sector::Po,
                    provincie: Province::Utrecht,
                    deelname_sinds: SchoolYear::new(Y1 as _),
                    gemeenten: 1,
                    years: Default::default(),
                    summaries: Default::default(),
                    refused: Vec::new(),
                    sources: Vec::new(),
                });
            }
            let swv = swvs.iter_mut().find(|s| s.code == code).unwrap();
            let year = SchoolYear::new(year as _);
            let figures = swv.years.entry(year).or_default();
            figures.set(Sheet::Jeugdigen, [true, false, false, false]);
            counts.insert(
                &code,
                year,
                Sheet::Jeugdigen,
                [Some(benaderd), None, None, None],
            );
        }
        swvs.sort_by(|a, b| a.code.cmp(&b.code));
        let programme = Programme {
            project: Project {
                naam: "WEL".into(),
                uitvoerder: "test".into(),
                website: None,
                voorbeeldgegevens: true,
                drempel: 5,
                peildatum: Date {
                    year: 2025,
                    month: 9,
                    day: 1,
                },
                fases: Vec::new(),
                brochure: None,
                landelijk: None,
                ronde: None,
                afgesloten: Vec::new(),
                sources: Vec::new(),
            },
            swvs,
        };
        Set(programme, counts)
    }

    fn cell(code: &str, year: u32) -> Cell {
        Publisher::cell(
            &SwvCode::parse(code).unwrap(),
            SchoolYear::new(year as _),
            Measure::Benaderd,
        )
    }

    /// What a set of documents publishes: every SWV's own cells (its one-pager), and the
    /// sums given, each as a figure of `national.pdf`.
    fn publish(set: &Set, sums: &[Vec<Cell>]) -> Ledger {
        let mut ledger = Ledger::default();
        for s in &set.0.swvs {
            let mut p = Publisher::new(set.data());
            for y in s.years.keys() {
                p.count(
                    "eigen",
                    vec![Publisher::cell(&s.code, *y, Measure::Benaderd)],
                );
            }
            ledger.insert(format!("regio/{}.pdf", s.code), p.into_figures());
        }
        let mut p = Publisher::new(set.data());
        for (i, cells) in sums.iter().enumerate() {
            p.count(format!("totaal[{i}]"), cells.clone());
        }
        ledger.insert("national.pdf".into(), p.into_figures());
        ledger
    }

    fn disclosed(set: &Set, sums: &[Vec<Cell>]) -> Vec<String> {
        let ledger = publish(set, sums);
        audit(&ledger, set.data())
            .into_iter()
            .map(|d| format!("{}/{}", d.cell.swv, d.cell.schooljaar))
            .collect()
    }

    /// After protecting: no disclosure, and what was withheld.
    fn protected(set: &Set, sums: &[Vec<Cell>]) -> Vec<Withheld> {
        let ledger = publish(set, sums);
        let withheld = suppress(&ledger, set.data());
        ledger.resolve(&Withholding::new(withheld.iter().map(|x| x.cells.clone())));
        assert!(audit(&ledger, set.data()).is_empty(), "still disclosed");
        withheld
    }

    #[test]
    fn a_total_minus_its_published_parts() {
        let p = programme(&[("PO1001", Y1, 10), ("PO1002", Y1, 3), ("PO1003", Y1, 7)]);
        let total = vec![cell("PO1001", Y1), cell("PO1002", Y1), cell("PO1003", Y1)];
        assert_eq!(
            disclosed(&p, std::slice::from_ref(&total)),
            ["PO1002/2021-2022"]
        );
        let withheld = protected(&p, std::slice::from_ref(&total));
        assert_eq!(withheld.len(), 1);
        assert_eq!(withheld[0].cells.len(), 3);
        assert_eq!(withheld[0].protects, [SwvCode::parse("PO1002").unwrap()]);
        assert!(
            withheld[0].explain().contains("totaal benaderd 2021-2022 niet getoond (in national.pdf): anders zijn de aantallen van PO1002 af te leiden"),
            "{}",
            withheld[0].explain()
        );
    }

    #[test]
    fn a_residual_that_forces_every_hidden_cell_to_the_largest_small_value() {
        let p = programme(&[
            ("PO1001", Y1, 10),
            ("PO1002", Y1, 4),
            ("PO1003", Y1, 4),
            ("PO1004", Y1, 4),
        ]);
        let total: Vec<Cell> = ["PO1001", "PO1002", "PO1003", "PO1004"]
            .iter()
            .map(|c| cell(c, Y1))
            .collect();
        assert_eq!(disclosed(&p, std::slice::from_ref(&total)).len(), 3);
        assert_eq!(protected(&p, &[total]).len(), 1);
    }

    #[test]
    fn a_residual_that_forces_every_hidden_cell_to_one() {
        let p = programme(&[("PO1001", Y1, 10), ("PO1002", Y1, 1), ("PO1003", Y1, 1)]);
        let total = vec![cell("PO1001", Y1), cell("PO1002", Y1), cell("PO1003", Y1)];
        assert_eq!(disclosed(&p, &[total]).len(), 2);
    }

    #[test]
    fn small_parts_that_can_still_vary_are_no_disclosure_and_stay_published() {
        // 10 + 2 + 3: the two small ones sum to 5, each could be 1..4.
        let p = programme(&[("PO1001", Y1, 10), ("PO1002", Y1, 2), ("PO1003", Y1, 3)]);
        let total = vec![cell("PO1001", Y1), cell("PO1002", Y1), cell("PO1003", Y1)];
        assert!(disclosed(&p, std::slice::from_ref(&total)).is_empty());
        assert!(protected(&p, &[total]).is_empty());
    }

    #[test]
    fn a_total_without_small_parts_stays_exact() {
        let p = programme(&[("PO1001", Y1, 10), ("PO1002", Y1, 7)]);
        let total = vec![cell("PO1001", Y1), cell("PO1002", Y1)];
        assert!(protected(&p, &[total]).is_empty());
    }

    #[test]
    fn a_total_over_years_minus_the_yearly_totals_also_when_one_is_withheld() {
        let p = programme(&[
            ("PO1001", Y1, 10),
            ("PO1002", Y1, 3),
            ("PO1001", Y2, 12),
            ("PO1002", Y2, 6),
        ]);
        let y1 = vec![cell("PO1001", Y1), cell("PO1002", Y1)];
        let y2 = vec![cell("PO1001", Y2), cell("PO1002", Y2)];
        let all: Vec<Cell> = y1.iter().chain(y2.iter()).cloned().collect();
        // Year 1's total alone gives PO1002 away; so does the total over both years minus
        // year 2, once year 1's total is withheld.
        assert_eq!(
            disclosed(&p, std::slice::from_ref(&y1)),
            ["PO1002/2021-2022"]
        );
        assert_eq!(
            disclosed(&p, &[y2.clone(), all.clone()]),
            ["PO1002/2021-2022"]
        );
        let withheld = protected(&p, &[y1.clone(), y2.clone(), all.clone()]);
        assert_eq!(withheld.len(), 2, "year 1 and the total over both years");
        assert!(withheld.iter().all(|w| w.cells != y2), "year 2 stays exact");
    }

    /// Found by the random input sets: every yearly total is shown (two of them as `<5`), and
    /// the total over the years minus the others pins down the one small count of year 3.
    #[test]
    fn a_total_over_years_minus_the_other_years_with_totals_shown_as_small() {
        let p = programme(&[
            ("PO1002", Y1, 1),
            ("PO1004", Y1, 3),
            ("PO1005", Y1, 10),
            ("PO1001", Y2, 1),
            ("PO1003", Y2, 3),
            ("PO1002", Y3, 4),
            ("PO1006", Y3, 0),
        ]);
        let y1 = vec![cell("PO1002", Y1), cell("PO1004", Y1), cell("PO1005", Y1)];
        let y2 = vec![cell("PO1001", Y2), cell("PO1003", Y2)];
        let y3 = vec![cell("PO1002", Y3), cell("PO1006", Y3)];
        let all: Vec<Cell> = y1.iter().chain(&y2).chain(&y3).cloned().collect();
        // Each cell is shown on its own too (exact, or <5), as a one-pager does.
        let mut sums: Vec<Vec<Cell>> = all.iter().map(|c| vec![c.clone()]).collect();
        sums.extend([y1, y2, y3, all.clone()]);
        // Without the exact cells: 12 - 4 - (1..4) = 4..7 for year 3, shown as <5: exactly 4.
        assert_eq!(disclosed(&p, &sums), ["PO1002/2023-2024"]);
        assert!(!protected(&p, &sums).is_empty());
    }

    #[test]
    fn a_share_counts_as_publishing_its_sums() {
        let p = programme(&[("PO1001", Y1, 10), ("PO1002", Y1, 3), ("PO1003", Y1, 8)]);
        let part = vec![cell("PO1001", Y1), cell("PO1002", Y1)];
        let whole = vec![cell("PO1001", Y1), cell("PO1003", Y1)];
        let mut ledger = publish(&p, &[]);
        let mut pb = Publisher::new(p.data());
        pb.share("aandeel", part.clone(), whole.clone());
        ledger.insert("share.pdf".into(), pb.into_figures());
        assert_eq!(audit(&ledger, p.data()).len(), 1);
        // Withholding the part's sum hides the share too.
        let mut pb = Publisher::new(p.data());
        let share = pb.share("aandeel", part.clone(), whole);
        let mut hidden = Ledger::default();
        hidden.insert("share.pdf".into(), pb.into_figures());
        hidden.resolve(&Withholding::new([part]));
        assert_eq!(share.resolved(), Some(&crate::privacy::Shown::NotReported));
    }

    #[test]
    fn a_difference_between_years_counts_as_publishing_both() {
        let p = programme(&[
            ("PO1001", Y1, 10),
            ("PO1002", Y1, 3),
            ("PO1001", Y2, 12),
            ("PO1002", Y2, 6),
        ]);
        let y1 = vec![cell("PO1001", Y1), cell("PO1002", Y1)];
        let y2 = vec![cell("PO1001", Y2), cell("PO1002", Y2)];
        let mut ledger = publish(&p, &[]);
        let mut pb = Publisher::new(p.data());
        let d = pb.difference("verschil", y2, y1);
        ledger.insert("d.pdf".into(), pb.into_figures());
        assert_eq!(audit(&ledger, p.data()).len(), 1);
        ledger.resolve(&Withholding::default());
        assert_eq!(d.label(), "+5");
    }

    #[test]
    fn protection_is_deterministic() {
        let p = programme(&[
            ("PO1001", Y1, 10),
            ("PO1002", Y1, 3),
            ("PO1003", Y1, 9),
            ("PO1001", Y2, 12),
            ("PO1002", Y2, 2),
        ]);
        let y1: Vec<Cell> = ["PO1001", "PO1002", "PO1003"]
            .iter()
            .map(|c| cell(c, Y1))
            .collect();
        let y2 = vec![cell("PO1001", Y2), cell("PO1002", Y2)];
        let sums = [
            y1.clone(),
            y2.clone(),
            y1.iter().chain(&y2).cloned().collect(),
        ];
        let first = protected(&p, &sums);
        for _ in 0..3 {
            assert_eq!(protected(&p, &sums), first);
        }
    }
}
