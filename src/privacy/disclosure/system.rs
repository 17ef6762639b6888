//! What the reader holds, as integer constraints over the child-count cells, and what the
//! reader can work out from it under a choice of withheld figures.

use std::collections::{BTreeMap, BTreeSet};

use super::super::figures::Data;
use super::super::ledger::{Cell, Ledger, Relation, ShownAs};
use super::super::solver::Constraint;
use super::{Withheld, one_province};
use crate::model::{Measure, Programme, SchoolYear, SwvCode};

/// Larger than any count: the upper bound of a cell nothing bounds.
pub(super) const BIG: i64 = 1 << 32;
/// Candidates tried per narrowed count.
const MAX_CANDIDATES: usize = 24;

impl Item {
    /// How many cells it withholds.
    pub(super) fn size(&self) -> usize {
        match self {
            Item::Cell(_) => 1,
            Item::Sum(k) => k.len(),
        }
    }
}

/// A figure protection can withhold: a published total (its cells), or one cell shown on its
/// own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Item {
    Cell(usize),
    Sum(Vec<usize>),
}

/// Everything published, as constraints over unknowns (a cell, or a cell as an earlier edition
/// had it before a correction).
pub(super) struct System {
    pub(super) cells: Vec<Cell>,
    pub(super) value: Vec<i64>,
    /// The range each cell is shown in on its own by this build, and where.
    pub(super) own: Vec<Option<(i64, i64)>>,
    own_outputs: Vec<BTreeSet<String>>,
    /// The range an earlier edition showed it in on its own: a fact.
    pub(super) own_fixed: Vec<Option<(i64, i64)>>,
    /// Published sums of two or more cells, by their sorted cells, with their range.
    pub(super) sums: BTreeMap<Vec<usize>, (i64, i64)>,
    outputs: BTreeMap<Vec<usize>, BTreeSet<String>>,
    /// Sums an earlier edition published: facts, never withheld.
    fixed: BTreeSet<Vec<usize>>,
    /// The rules between the counts of one row, for this build's rows and every edition's.
    pub(super) rules: Vec<Constraint>,
    /// This build's cells of each row (SWV, school year), by measure.
    rows: BTreeMap<(SwvCode, SchoolYear), BTreeMap<Measure, usize>>,
    /// Each unknown by its cell and version (the edition it is a corrected value of).
    pub(super) index: Index,
    /// The unknowns whose value is a small count.
    pub(super) targets: Vec<usize>,
    pub(super) is_target: Vec<bool>,
    pub(super) threshold: i64,
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

/// Index of the unknowns: a cell now (`None`) or as edition `e` had it before a correction.
pub(super) type Index = BTreeMap<(Cell, Option<usize>), usize>;

/// A row (SWV, school year) as edition `e` published it.
type EditionRow = (usize, SwvCode, SchoolYear);

/// Where a figure was published: this build, or an earlier edition (a fact).
#[derive(Clone, Copy, PartialEq, Eq)]
enum From {
    Now,
    Edition,
}

impl System {
    pub(super) fn new(ledger: &Ledger, data: Data<'_>) -> Self {
        let t = i64::from(data.threshold());
        let mut s = System {
            cells: Vec::new(),
            value: Vec::new(),
            own: Vec::new(),
            own_outputs: Vec::new(),
            own_fixed: Vec::new(),
            sums: BTreeMap::new(),
            outputs: BTreeMap::new(),
            fixed: BTreeSet::new(),
            rules: Vec::new(),
            rows: BTreeMap::new(),
            index: Index::new(),
            targets: Vec::new(),
            is_target: Vec::new(),
            threshold: t,
        };
        let mut index = Index::new();
        // The rows of every edition, by the unknowns their cells were then.
        let mut edition_rows: BTreeMap<EditionRow, BTreeMap<Measure, usize>> = BTreeMap::new();
        for (output, figure) in ledger.figures() {
            for (cells, shown) in published_sums(figure.relation(), figure.shown_while_deciding()) {
                let ids: Vec<usize> = cells
                    .iter()
                    .filter(|c| c.measure.is_child_count())
                    .filter_map(|c| {
                        let v = data.counts.cell(c)?;
                        Some(s.unknown(&mut index, c, None, v))
                    })
                    .collect();
                s.publish(ids, shown, output, From::Now);
            }
        }
        for (e, edition) in ledger.earlier.iter().enumerate() {
            for (output, figures) in &edition.figures {
                let output = format!("{} (editie {})", output, edition.name);
                for f in figures {
                    for (cells, shown) in published_sums(&f.relation, f.shown) {
                        let ids: Vec<usize> = cells
                            .iter()
                            .filter(|c| c.measure.is_child_count())
                            .filter_map(|c| {
                                let old = *edition.values.get(c)?;
                                let version = (data.counts.cell(c) != Some(old)).then_some(e);
                                let id = s.unknown(&mut index, c, version, old);
                                edition_rows
                                    .entry((e, c.swv.clone(), c.schooljaar))
                                    .or_default()
                                    .insert(c.measure, id);
                                Some(id)
                            })
                            .collect();
                        s.publish(ids, shown, &output, From::Edition);
                    }
                }
            }
        }
        for ((cell, version), &id) in &index {
            if version.is_none() {
                s.rows
                    .entry((cell.swv.clone(), cell.schooljaar))
                    .or_default()
                    .insert(cell.measure, id);
            }
        }
        s.add_rules(&edition_rows);
        s.index = index;
        s.targets = (0..s.cells.len())
            .filter(|&i| (1..t).contains(&s.value[i]))
            .collect();
        s.is_target = (0..s.cells.len())
            .map(|i| (1..t).contains(&s.value[i]))
            .collect();
        s
    }

    /// The rules of docs/invoer.md over this build's rows and every edition's.
    fn add_rules(&mut self, edition_rows: &BTreeMap<EditionRow, BTreeMap<Measure, usize>>) {
        let mut rules: BTreeSet<Vec<(usize, i8)>> = BTreeSet::new();
        for row in self.rows.values().chain(edition_rows.values()) {
            for rule in row_rules(row) {
                let holds: i64 = rule
                    .iter()
                    .map(|&(v, k)| self.value[v] * i64::from(k))
                    .sum();
                // A row that breaks a rule is an input error, reported elsewhere.
                if holds <= 0 {
                    rules.insert(rule);
                }
            }
        }
        self.rules = rules
            .into_iter()
            .map(|terms| Constraint {
                terms,
                lo: -BIG * 8,
                hi: 0,
            })
            .collect();
    }

    fn unknown(&mut self, index: &mut Index, c: &Cell, version: Option<usize>, v: u32) -> usize {
        let key = (c.clone(), version);
        if let Some(&i) = index.get(&key) {
            return i;
        }
        self.cells.push(c.clone());
        self.value.push(i64::from(v));
        self.own.push(None);
        self.own_outputs.push(BTreeSet::new());
        self.own_fixed.push(None);
        index.insert(key, self.cells.len() - 1);
        self.cells.len() - 1
    }

    /// Publishes the sum over `ids` as it was shown.
    fn publish(&mut self, mut ids: Vec<usize>, shown: ShownAs, output: &str, from: From) {
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return;
        }
        let truth: i64 = ids.iter().map(|&i| self.value[i]).sum();
        let (lo, hi) = match shown {
            ShownAs::Exact => (truth, truth),
            ShownAs::Small => (1, self.threshold - 1),
            ShownAs::NotReported | ShownAs::Withheld => return,
        };
        let narrow = |r: &mut Option<(i64, i64)>| {
            let (a, b) = r.unwrap_or((0, BIG));
            *r = Some((a.max(lo), b.min(hi)));
        };
        if let [one] = ids[..] {
            match from {
                From::Now => {
                    narrow(&mut self.own[one]);
                    self.own_outputs[one].insert(output.to_string());
                }
                From::Edition => narrow(&mut self.own_fixed[one]),
            }
            return;
        }
        if from == From::Edition {
            self.fixed.insert(ids.clone());
        }
        self.outputs
            .entry(ids.clone())
            .or_default()
            .insert(output.to_string());
        let range = self.sums.entry(ids).or_insert((lo, hi));
        *range = (range.0.max(lo), range.1.min(hi));
    }

    /// With `items` withheld: every unknown's bounds from what is shown of it on its own, and
    /// the constraints (published sums and the rules).
    pub(super) fn published(
        &self,
        items: &BTreeSet<Item>,
    ) -> (Vec<i64>, Vec<i64>, Vec<Constraint>) {
        let n = self.cells.len();
        let mut lo = vec![0i64; n];
        let mut hi = vec![BIG; n];
        for v in 0..n {
            let mut bound = |r: Option<(i64, i64)>| {
                if let Some((a, b)) = r {
                    lo[v] = lo[v].max(a);
                    hi[v] = hi[v].min(b);
                }
            };
            if !items.contains(&Item::Cell(v)) {
                bound(self.own[v]);
            }
            bound(self.own_fixed[v]);
        }
        let mut full: Vec<Constraint> = self
            .sums
            .iter()
            .filter(|(k, _)| !items.contains(&Item::Sum(k.to_vec())))
            .map(|(k, &(a, b))| Constraint {
                terms: k.iter().map(|&i| (i, 1)).collect(),
                lo: a,
                hi: b.min(BIG),
            })
            .collect();
        full.extend(self.rules.iter().cloned());
        (lo, hi, full)
    }

    /// How many unknowns there are.
    pub(super) fn len(&self) -> usize {
        self.cells.len()
    }

    /// The unknowns whose value is a small count, in order.
    pub(super) fn targets(&self) -> &[usize] {
        &self.targets
    }

    /// Whether a cell is known to anyone from what an edition published.
    fn pinned_by_edition(&self, v: usize) -> bool {
        self.own_fixed[v].is_some_and(|(a, b)| a == b)
    }

    /// What protection may withhold for `target`, in the order it prefers them: the counts
    /// of its row shown exactly, then the published totals near it in the constraints.
    pub(super) fn candidates(&self, target: usize, items: &BTreeSet<Item>) -> Vec<Item> {
        let mut out = Vec::new();
        let c = &self.cells[target];
        let current = self
            .rows
            .get(&(c.swv.clone(), c.schooljaar))
            .is_some_and(|row| row.get(&c.measure) == Some(&target));
        if let Some(row) = self.rows.get(&(c.swv.clone(), c.schooljaar))
            && current
        {
            let order = [
                Measure::AbsoluutVerzuim,
                Measure::Vrijstelling5a,
                Measure::InOntwikkeling,
                Measure::Benaderd,
            ];
            for m in order {
                let Some(&v) = row.get(&m) else { continue };
                let exact = self.own[v].is_some_and(|(a, b)| a == b);
                if v != target && exact && !self.pinned_by_edition(v) {
                    out.push(Item::Cell(v));
                }
            }
            // A row of several counts under the threshold (benaderd, vrijstelling and verzuim
            // all `<5`) narrows itself: one of them, or the count itself, is shown as `×`.
            for m in order {
                let Some(&v) = row.get(&m) else { continue };
                let small = self.own[v] == Some((1, self.threshold - 1));
                if v != target && small && !self.pinned_by_edition(v) {
                    out.push(Item::Cell(v));
                }
            }
            if !self.pinned_by_edition(target) {
                out.push(Item::Cell(target));
            }
        }
        // Totals: those holding the target, then those sharing a cell with a constraint that
        // holds it (an edition's total beside this build's).
        // The counts that share a total or a rule with the target, and the totals they are in.
        let step = |from: &BTreeSet<usize>| -> BTreeSet<usize> {
            let mut out = from.clone();
            for k in self.sums.keys() {
                if k.iter().any(|i| from.contains(i)) {
                    out.extend(k.iter().copied());
                }
            }
            for &v in from {
                out.extend(self.rules_of(v).flatten());
            }
            out
        };
        // A count as an edition had it before a correction is only in that edition's totals:
        // what gives it away is this build's totals of the counts beside it, one step further.
        let near = if current {
            step(&BTreeSet::from([target]))
        } else {
            step(&step(&BTreeSet::from([target])))
        };
        let open = |k: &Vec<usize>| {
            !self.fixed.contains(k)
                && k.iter().any(|&i| {
                    self.own[i].is_none_or(|(a, b)| a != b) || items.contains(&Item::Cell(i))
                })
        };
        let mut sums: Vec<(bool, usize, &Vec<usize>)> = self
            .sums
            .keys()
            .filter(|k| open(k))
            .filter(|k| k.iter().any(|i| near.contains(i)))
            .map(|k| (k.binary_search(&target).is_err(), k.len(), k))
            .collect();
        sums.sort();
        out.extend(sums.into_iter().map(|(_, _, k)| Item::Sum(k.clone())));
        out.retain(|i| !items.contains(i));
        out.truncate(MAX_CANDIDATES);
        out
    }

    /// The count itself and the other counts of its row (those no edition published) and
    /// every total of this build that holds one of them: what is left then is the rules of the
    /// row and what editions published.
    pub(super) fn last_resort(&self, target: usize, items: &BTreeSet<Item>) -> Vec<Item> {
        let c = &self.cells[target];
        let mut cells = vec![target];
        if let Some(row) = self.rows.get(&(c.swv.clone(), c.schooljaar)) {
            cells.extend(row.values().copied().filter(|&v| v != target));
        }
        cells.retain(|&v| self.own_fixed[v].is_none());
        let mut out: Vec<Item> = cells.iter().map(|&v| Item::Cell(v)).collect();
        let holds = |k: &Vec<usize>| {
            k.binary_search(&target).is_ok() || cells.iter().any(|v| k.binary_search(v).is_ok())
        };
        out.extend(
            self.sums
                .keys()
                .filter(|k| !self.fixed.contains(*k) && holds(k))
                .map(|k| Item::Sum(k.clone())),
        );
        out.retain(|i| !items.contains(i));
        out
    }

    fn rules_of(&self, v: usize) -> impl Iterator<Item = Vec<usize>> + '_ {
        self.rules
            .iter()
            .filter(move |r| r.terms.iter().any(|&(x, _)| x == v))
            .map(|r| r.terms.iter().map(|&(x, _)| x).collect())
    }

    /// The figure this build prints with exactly these cells (a total, or one count on its
    /// own) that protection could withhold, if there is one.
    pub(super) fn item_of(&self, cells: &[Cell]) -> Option<Item> {
        let mut ids: Vec<usize> = cells
            .iter()
            .filter(|c| c.measure.is_child_count())
            .map(|c| self.index.get(&(c.clone(), None)).copied())
            .collect::<Option<_>>()?;
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [] => None,
            [v] => {
                (self.own[*v].is_some() && self.own_fixed[*v].is_none()).then_some(Item::Cell(*v))
            }
            _ => (self.sums.contains_key(&ids) && !self.fixed.contains(&ids))
                .then_some(Item::Sum(ids)),
        }
    }

    /// The small counts among an item's cells (whom withholding it protects).
    pub(super) fn targets_in(&self, item: &Item) -> BTreeSet<usize> {
        match item {
            Item::Cell(v) => BTreeSet::from([*v]),
            Item::Sum(k) => k.iter().copied().filter(|&v| self.is_target[v]).collect(),
        }
    }

    /// The withheld figure of `item`, protecting the SWVs of `protects`.
    pub(super) fn withheld(
        &self,
        item: &Item,
        protects: &BTreeSet<usize>,
        programme: &Programme,
    ) -> Withheld {
        let mut codes: Vec<SwvCode> = protects
            .iter()
            .map(|&i| self.cells[i].swv.clone())
            .collect();
        codes.sort();
        codes.dedup();
        let (cells, outputs): (Vec<Cell>, Vec<String>) = match item {
            Item::Cell(v) => (
                vec![self.cells[*v].clone()],
                self.own_outputs[*v].iter().cloned().collect(),
            ),
            Item::Sum(k) => (
                k.iter().map(|&i| self.cells[i].clone()).collect(),
                self.outputs[k].iter().cloned().collect(),
            ),
        };
        Withheld {
            province: one_province(programme, &cells),
            cells,
            protects: codes,
            outputs,
        }
    }
}

/// The rules of docs/invoer.md over one row, as `sum(coef * x) <= 0`.
fn row_rules(row: &BTreeMap<Measure, usize>) -> Vec<Vec<(usize, i8)>> {
    let Some(&b) = row.get(&Measure::Benaderd) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in [
        Measure::InOntwikkeling,
        Measure::Vrijstelling5a,
        Measure::AbsoluutVerzuim,
    ] {
        if let Some(&x) = row.get(&m)
            && x != b
        {
            out.push(vec![(x, 1), (b, -1)]);
        }
    }
    if let (Some(&v), Some(&a)) = (
        row.get(&Measure::Vrijstelling5a),
        row.get(&Measure::AbsoluutVerzuim),
    ) {
        let mut terms = vec![(v, 1), (a, 1), (b, -1)];
        terms.sort_unstable();
        out.push(terms);
    }
    for r in &mut out {
        r.sort_unstable();
    }
    out
}
