//! What the reader can work out from what is published, under one choice of withheld
//! figures: which values of each small count some solution of all constraints allows.

use std::collections::{BTreeMap, BTreeSet};

use super::super::solver::{Constraint, Outcome, Problem, Question};
use super::system::{BIG, Item, System};
use super::{Audit, Disclosure};

/// Choice points one search may take before it answers "undecided".
const BUDGET: usize = 20_000;

/// How hard a reader looks for a solution before it answers "undecided".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Effort {
    /// The audit, and the reader protection keeps: the whole budget, then a fail-first search
    /// with ten times as much.
    Full,
    /// Protection trying a candidate: no fail-first search after the budget (it was most of
    /// protection's time: proving a value impossible under a candidate that does not help). An
    /// undecided value counts as impossible, so at worst a candidate that would have been
    /// enough is passed over (more is withheld); what is published is audited in full.
    Trial,
}

/// A solution found (as the unknowns that differ from the truth, with their values), or none.
enum Answer {
    Found(Vec<(usize, i64)>),
    Infeasible,
    Unknown,
}

/// What the reader can work out under one choice of withheld figures: which values of each
/// small count are possible (a solution with it was found) or impossible.
pub(super) struct Reader<'s> {
    system: &'s System,
    items: BTreeSet<Item>,
    /// The constraints as published, over all unknowns (to check a solution).
    full: Vec<Constraint>,
    lo: Vec<i64>,
    hi: Vec<i64>,
    /// The problem over the unknowns not fixed by propagation alone.
    problem: Problem,
    /// Unknown -> its index in `problem`, or `None` when fixed at `root`.
    map: Vec<Option<usize>>,
    back: Vec<usize>,
    root: Vec<i64>,
    components: Vec<Vec<usize>>,
    component_of: Vec<usize>,
    /// The solutions found (changes from the truth), each of which showed a value possible.
    witnesses: Vec<Vec<(usize, i64)>>,
    /// Per target, the values 1..threshold-1 found possible and found (or taken as) impossible.
    possible: BTreeMap<usize, u64>,
    impossible: BTreeMap<usize, u64>,
    undecided: usize,
    /// The true values of the problem's unknowns, and each constraint's sum at them.
    truth: Vec<i64>,
    activity: Vec<i64>,
    searches: std::cell::Cell<usize>,
    /// Judging every count: the first searches vary every count, to cover many values at once.
    sweeping: std::cell::Cell<bool>,
    effort: Effort,
    /// For checking a solution offered from elsewhere: the constraints of `full` each unknown
    /// appears in, and each constraint's sum at the truth (`None` if the truth breaks one,
    /// which it never should: then a solution is checked against every constraint). Made
    /// when first needed (a trial's reader never needs it).
    incidence: std::cell::OnceCell<Option<Incidence>>,
}

/// What a reader found possible, under what it withholds.
pub(super) struct Knowledge {
    items: BTreeSet<Item>,
    possible: BTreeMap<usize, u64>,
    witnesses: Vec<Vec<(usize, i64)>>,
}

struct Incidence {
    of: Vec<Vec<(usize, i64)>>,
    at_truth: Vec<i64>,
}

impl<'s> Reader<'s> {
    pub(super) fn new(system: &'s System, items: &BTreeSet<Item>) -> Self {
        Self::with_effort(system, items, Effort::Full)
    }

    pub(super) fn with_effort(system: &'s System, items: &BTreeSet<Item>, effort: Effort) -> Self {
        let n = system.cells.len();
        let (lo, hi, full) = system.published(items);
        let whole = Problem::new(lo.clone(), hi.clone(), full.clone());
        // The truth satisfies every constraint, so propagation cannot fail on it.
        let (rlo, rhi) = whole.propagated().unwrap_or((lo.clone(), hi.clone()));
        let mut map = vec![None; n];
        let mut back = Vec::new();
        for v in 0..n {
            if rlo[v] != rhi[v] {
                map[v] = Some(back.len());
                back.push(v);
            }
        }
        let reduced = reduce(&full, &map, &rlo);
        let problem = Problem::new(
            back.iter().map(|&v| rlo[v]).collect(),
            back.iter().map(|&v| rhi[v]).collect(),
            reduced,
        );
        // Already at the fixpoint (the bounds come from propagating everything, and fixing
        // the unknowns propagation fixed changes no constraint's range).
        let problem = problem.settled_by_construction();
        debug_assert!(problem.at_fixpoint());
        let components = problem.components();
        let truth: Vec<i64> = back.iter().map(|&v| system.value[v]).collect();
        let activity = problem.activity(&truth);
        let mut component_of = vec![0; back.len()];
        for (i, c) in components.iter().enumerate() {
            for &v in c {
                component_of[v] = i;
            }
        }
        let mut r = Reader {
            system,
            items: items.clone(),
            full,
            lo,
            hi,
            problem,
            map,
            back,
            root: rlo,
            components,
            component_of,
            possible: BTreeMap::new(),
            impossible: BTreeMap::new(),
            witnesses: Vec::new(),
            undecided: 0,
            truth,
            activity,
            searches: std::cell::Cell::new(0),
            sweeping: std::cell::Cell::new(false),
            effort,
            incidence: std::cell::OnceCell::new(),
        };
        let truth = system.value.clone();
        r.cover(&truth);
        r
    }

    fn all_values(&self) -> u64 {
        let t = self.system.threshold.clamp(1, 63);
        ((1u64 << t) - 1) & !1
    }

    /// Whether `v` is shown as `<threshold` (then every value 1..threshold-1 must stay
    /// possible); otherwise (withheld as `×`, or never shown on its own) at least as many
    /// values must stay possible as `<threshold` leaves (threshold-1: for `<5`, four), so a
    /// reader knows no more of it than of a count shown as `<5` (not "0 or 1", not "2 or 3").
    fn shown_small(&self, v: usize) -> bool {
        (self.lo[v], self.hi[v]) == (1, self.system.threshold - 1)
    }

    /// How many values must stay possible of a small count not shown as `<threshold`.
    fn values_needed(&self) -> u32 {
        self.system.threshold.saturating_sub(1).max(2) as u32
    }

    /// Marks the values of a solution possible.
    fn cover(&mut self, solution: &[i64]) {
        for &v in &self.system.targets {
            let bit = 1u64 << solution[v].clamp(0, 63);
            *self.possible.entry(v).or_insert(0) |= bit;
        }
    }

    /// What this reader found possible, to hand to the readers of protection's trials (taken
    /// once per count rather than once per trial).
    pub(super) fn knowledge(&self) -> Knowledge {
        Knowledge {
            items: self.items.clone(),
            possible: self.possible.clone(),
            witnesses: self.witnesses.clone(),
        }
    }

    /// Takes over what another reader found possible, when this one withholds at least what
    /// the other did (fewer constraints: every solution there is one here).
    pub(super) fn inherit(&mut self, other: &Knowledge) {
        assert!(
            other.items.is_subset(&self.items),
            "only a reader that withholds more inherits"
        );
        for (v, bits) in &other.possible {
            *self.possible.entry(*v).or_insert(0) |= bits;
        }
        self.witnesses.extend(other.witnesses.iter().cloned());
    }

    /// Judges `target` again, forgetting what was found impossible before (with fewer
    /// constraints now).
    pub(super) fn rejudge(&mut self, target: usize) {
        self.impossible.remove(&target);
        self.judge(target);
    }

    fn holds(&self, x: &[i64]) -> bool {
        let bounds = (0..x.len()).all(|v| self.lo[v] <= x[v] && x[v] <= self.hi[v]);
        bounds
            && self.full.iter().all(|c| {
                let s: i64 = c.terms.iter().map(|&(v, k)| x[v] * i64::from(k)).sum();
                c.lo <= s && s <= c.hi
            })
    }

    /// What is still to be shown possible of `target`: for a count shown as `<5` the values
    /// 1..threshold-1 not yet found; for another, bit 0 while fewer values than
    /// [`Self::values_needed`] were found.
    fn open(&self, target: usize) -> u64 {
        let found = self.possible.get(&target).copied().unwrap_or(0);
        if self.shown_small(target) {
            self.all_values() & !found
        } else {
            u64::from(found.count_ones() < self.values_needed())
        }
    }

    /// How far `target` is from safe, comparable between a count shown as `<5` and one
    /// withheld: the values of 1..threshold-1 not found possible, and for a count not shown
    /// as `<5` that only one value fits, as many as for a recovered one.
    pub(super) fn missing(&self, target: usize) -> usize {
        if self.shown_small(target) {
            self.open(target).count_ones() as usize
        } else if self.open(target) != 0 {
            (self.system.threshold - 2).max(1) as usize
        } else {
            0
        }
    }

    fn rule_out(&mut self, target: usize, bits: u64) {
        *self.impossible.entry(target).or_insert(0) |= bits;
    }

    /// Decides what is still open of `target`.
    pub(super) fn judge(&mut self, target: usize) {
        loop {
            let open = self.open(target) & !self.impossible.get(&target).copied().unwrap_or(0);
            if open == 0 {
                return;
            }
            let small = self.shown_small(target);
            let value = i64::from(open.trailing_zeros());
            let truth = self.system.value[target];
            // Another value, above or below every value found so far, for a count not shown
            // as `<5`.
            let ranges: Vec<(i64, i64)> = if small {
                vec![(value, value)]
            } else {
                let found = self.possible.get(&target).copied().unwrap_or(0);
                let (low, high) = if found == 0 {
                    (truth, truth)
                } else {
                    (
                        i64::from(found.trailing_zeros()),
                        i64::from(63 - found.leading_zeros()),
                    )
                };
                // Values from 63 on share one bit: one of them is all a search above can add.
                if high < 63 {
                    vec![(high + 1, BIG), (0, low - 1)]
                } else {
                    vec![(0, low - 1)]
                }
            };
            let mut decided = false;
            let mut undecided = false;
            for (lo, hi) in ranges {
                if lo > hi {
                    continue;
                }
                let answer = match self.map[target] {
                    None if (lo..=hi).contains(&self.root[target]) => Answer::Found(Vec::new()),
                    None => Answer::Infeasible,
                    Some(r) => self.search(r, (lo, hi)),
                };
                match answer {
                    Answer::Found(changes) => {
                        debug_assert!(self.holds(&self.apply(&changes)));
                        let now = changes
                            .iter()
                            .find(|c| c.0 == target)
                            .map_or(truth, |c| c.1);
                        let hit = (lo..=hi).contains(&now);
                        self.cover_changes(&changes);
                        decided = hit;
                        if hit {
                            break;
                        }
                    }
                    Answer::Infeasible => {}
                    Answer::Unknown => undecided = true,
                }
            }
            if !decided {
                if undecided {
                    self.undecided += 1;
                }
                self.rule_out(target, open & open.wrapping_neg());
            }
        }
    }

    /// A solution with unknown `r` (of the problem) within `range`: first preferring, for
    /// every small count, a value not yet seen (one search then covers many), else the truth.
    fn search(&self, r: usize, range: (i64, i64)) -> Answer {
        let component = &self.components[self.component_of[r]];
        // Once the first searches (which vary every count) have covered most values, most
        // questions left are answered by an exchange with one other unknown.
        let searched = self.searches.get();
        self.searches.set(searched + 1);
        if !self.sweeping.get() || searched >= 8 {
            for value in [range.0, range.1.min(range.0 + 1)] {
                if let Some(changes) = self.problem.exchange(&self.truth, &self.activity, r, value)
                {
                    return Answer::Found(
                        changes
                            .into_iter()
                            .map(|(v, x)| (self.back[v], x))
                            .collect(),
                    );
                }
            }
        }
        let question = Question {
            var: r,
            lo: range.0,
            hi: range.1,
        };
        // Near the truth first: only the unknowns close to `r` vary, the rest keep their true
        // values (a solution found so is a solution); widened step by step, and at last the
        // whole group, where "no solution" is the exact answer.
        let sweep = self.sweeping.get() && searched < 8;
        if !sweep {
            for limit in [16, 64, 256] {
                if limit >= component.len() {
                    break;
                }
                let free = self.problem.near(r, limit);
                if let Outcome::Found(y) =
                    self.problem
                        .solve_near(question, &free, &self.truth, self.near_budget())
                {
                    return Answer::Found(self.changes(&y, &free));
                }
            }
        }
        // Branch on the unknowns near `r` first: they make up for its change.
        let mut order = self.problem.near(r, component.len());
        let mut placed = vec![false; self.back.len()];
        for &v in &order {
            placed[v] = true;
        }
        order.extend(component.iter().copied().filter(|&v| !placed[v]));
        let truth = &self.truth;
        let mut outcome = if sweep {
            let mut varied = truth.clone();
            for &v in component {
                let orig = self.back[v];
                let open = self.open(orig);
                if open != 0 && self.shown_small(orig) {
                    varied[v] = i64::from(open.trailing_zeros());
                }
            }
            self.problem.solve_within(question, &order, &varied, BUDGET)
        } else {
            Outcome::Unknown
        };
        if outcome == Outcome::Unknown {
            outcome = self.problem.solve_within(question, &order, truth, BUDGET);
        }
        if outcome == Outcome::Unknown && self.effort == Effort::Full {
            outcome = self
                .problem
                .solve_fail_first(question, &order, truth, BUDGET * 10);
        }
        // Other components keep their true values (the truth satisfies them).
        match outcome {
            Outcome::Found(y) => Answer::Found(self.changes(&y, component)),
            Outcome::Infeasible => Answer::Infeasible,
            Outcome::Unknown => Answer::Unknown,
        }
    }

    /// The reader of a trial, kept: from now on it looks with the whole budget.
    pub(super) fn adopt(mut self) -> Self {
        self.effort = Effort::Full;
        self
    }

    /// The budget of a search near the truth (a shortcut: the whole group is searched after
    /// it). A trial spends a tenth on it: the same choices on the sample, the random sets and
    /// 1,160 SWVs, in two thirds of the time.
    fn near_budget(&self) -> usize {
        match self.effort {
            Effort::Full => BUDGET,
            Effort::Trial => BUDGET / 10,
        }
    }

    /// The unknowns of `among` (of the problem) whose value in `y` differs from the truth, as
    /// unknowns of the system with their values.
    fn changes(&self, y: &[i64], among: &[usize]) -> Vec<(usize, i64)> {
        among
            .iter()
            .filter(|&&v| y[v] != self.truth[v])
            .map(|&v| (self.back[v], y[v]))
            .collect()
    }

    /// The truth with `changes` made, as values of every unknown.
    fn apply(&self, changes: &[(usize, i64)]) -> Vec<i64> {
        let mut x = self.system.value.clone();
        for &(v, value) in changes {
            x[v] = value;
        }
        x
    }

    /// Marks the values of a solution (the truth with `changes` made) possible.
    fn cover_changes(&mut self, changes: &[(usize, i64)]) {
        let mut new = false;
        for &(v, value) in changes {
            if self.system.is_target[v] {
                let bit = 1u64 << value.clamp(0, 63);
                let bits = self.possible.entry(v).or_insert(0);
                new |= *bits & bit == 0;
                *bits |= bit;
            }
        }
        if new {
            self.witnesses.push(changes.to_vec());
        }
    }

    /// The solutions that showed a value possible, as changes from the truth.
    pub(super) fn witnesses(&self) -> &[Vec<(usize, i64)>] {
        &self.witnesses
    }

    /// Takes a solution found elsewhere (changes from the truth) when it satisfies every
    /// constraint here: a value is possible with a solution in hand, wherever it was found.
    pub(super) fn offer(&mut self, changes: &[(usize, i64)]) {
        let holds = self.holds_changed(changes);
        debug_assert_eq!(holds, self.holds(&self.apply(changes)));
        if holds {
            self.cover_changes(changes);
        }
    }

    /// Whether the truth with `changes` made satisfies every constraint: only the bounds of
    /// the changed unknowns and the constraints they appear in can break (the truth satisfies
    /// the rest), so only those are summed.
    fn holds_changed(&self, changes: &[(usize, i64)]) -> bool {
        let Some(incidence) = self.incidence.get_or_init(|| self.incidence()) else {
            return self.holds(&self.apply(changes));
        };
        // The last change of an unknown counts, as in `apply`.
        let changed: BTreeMap<usize, i64> = changes.iter().copied().collect();
        let mut delta: BTreeMap<usize, i64> = BTreeMap::new();
        for (&v, &x) in &changed {
            if x < self.lo[v] || x > self.hi[v] {
                return false;
            }
            for &(c, k) in &incidence.of[v] {
                *delta.entry(c).or_insert(0) += k * (x - self.system.value[v]);
            }
        }
        delta.iter().all(|(&c, &d)| {
            let s = incidence.at_truth[c] + d;
            self.full[c].lo <= s && s <= self.full[c].hi
        })
    }

    fn incidence(&self) -> Option<Incidence> {
        let truth = &self.system.value;
        if !self.holds(truth) {
            return None;
        }
        let mut of = vec![Vec::new(); truth.len()];
        let mut at_truth = Vec::with_capacity(self.full.len());
        for (c, constraint) in self.full.iter().enumerate() {
            let mut sum = 0;
            for &(v, k) in &constraint.terms {
                of[v].push((c, i64::from(k)));
                sum += truth[v] * i64::from(k);
            }
            at_truth.push(sum);
        }
        Some(Incidence { of, at_truth })
    }

    pub(super) fn judge_all(&mut self) {
        self.sweeping.set(true);
        self.judge_each();
        self.sweeping.set(false);
    }

    fn judge_each(&mut self) {
        for i in 0..self.system.targets.len() {
            let t = self.system.targets[i];
            self.judge(t);
        }
    }

    pub(super) fn audit(&self) -> Audit {
        let disclosed = self
            .system
            .targets
            .iter()
            .filter(|&&t| self.open(t) != 0)
            .map(|&t| {
                let bits = self.possible.get(&t).copied().unwrap_or(0);
                Disclosure {
                    cell: self.system.cells[t].clone(),
                    possible: (0..64).filter(|b| bits & (1 << b) != 0).collect(),
                }
            })
            .collect();
        Audit {
            disclosed,
            small: self.system.targets.len(),
            undecided: self.undecided,
        }
    }
}

/// The constraints over the unknowns `map` keeps (the others fixed at `fixed`).
fn reduce(full: &[Constraint], map: &[Option<usize>], fixed: &[i64]) -> Vec<Constraint> {
    full.iter()
        .filter_map(|c| {
            let mut constant = 0i64;
            let mut terms = Vec::new();
            for &(v, k) in &c.terms {
                match map[v] {
                    Some(r) => terms.push((r, k)),
                    None => constant += fixed[v] * i64::from(k),
                }
            }
            (!terms.is_empty()).then(|| Constraint {
                terms,
                lo: c.lo - constant,
                hi: c.hi - constant,
            })
        })
        .collect()
}
