//! An exact integer feasibility solver for the disclosure audit: integer unknowns with bounds,
//! and linear constraints `lo <= sum of ±x <= hi` (a published total, a total shown as `<5`, a
//! rule between the counts of one row such as `vrijstelling + verzuim <= benaderd`).
//!
//! The question the audit asks is always "is there an integer solution with `x = v`?". The
//! solver answers by bounds propagation and a complete depth-first search (branching on a
//! value, then on the ranges below and above it), so an answer `Found` carries a solution
//! that satisfies every constraint and `Infeasible` means none exists. The search prefers
//! given values for every unknown (the true values, or values not yet seen in a solution), so
//! it mostly walks close to a known solution. A search that exceeds its node budget answers
//! `Unknown`; the audit then counts the value as impossible (the cautious side).

/// A constraint `lo <= sum(coef * x) <= hi`, coefficients +1 or -1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    pub terms: Vec<(usize, i8)>,
    pub lo: i64,
    pub hi: i64,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A solution: the value of every unknown of the component searched (others: their
    /// preferred values).
    Found(Vec<i64>),
    Infeasible,
    /// The node budget ran out before an answer.
    Unknown,
}

/// The unknowns' bounds and the constraints over them.
#[derive(Debug, Clone)]
pub struct Problem {
    lo: Vec<i64>,
    hi: Vec<i64>,
    constraints: Vec<Constraint>,
    /// The constraints each unknown occurs in, with its coefficient there.
    occurs: Vec<Vec<(usize, i8)>>,
    /// Whether the bounds are already at the fixpoint of propagation (a search then starts
    /// from the question alone).
    settled: bool,
}

/// A search in progress: current bounds, with a trail to undo changes.
struct State<'p> {
    problem: &'p Problem,
    lo: Vec<i64>,
    hi: Vec<i64>,
    trail: Vec<(usize, i64, i64)>,
    queue: Vec<usize>,
    queued: Vec<bool>,
}

/// One choice point of the depth-first search.
struct Choice {
    var: usize,
    /// Position of `var` in the order: every unknown before it was fixed when it was chosen.
    pos: usize,
    value: i64,
    stage: u8,
    mark: usize,
}

/// What a search asks: a solution with unknown `var` between `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub var: usize,
    pub lo: i64,
    pub hi: i64,
}

#[cfg(test)]
impl Question {
    /// A solution with unknown `var` at `value`.
    pub fn is(var: usize, value: i64) -> Self {
        Self {
            var,
            lo: value,
            hi: value,
        }
    }
}

impl Problem {
    /// A problem over unknowns with the given bounds (`lo <= hi` each).
    pub fn new(lo: Vec<i64>, hi: Vec<i64>, constraints: Vec<Constraint>) -> Self {
        let mut occurs = vec![Vec::new(); lo.len()];
        for (c, con) in constraints.iter().enumerate() {
            for &(v, k) in &con.terms {
                occurs[v].push((c, k));
            }
        }
        // Smallest constraints first: an exchange or a neighbourhood looks there first.
        for o in &mut occurs {
            o.dedup();
            o.sort_by_key(|&(c, _)| (constraints[c].terms.len(), c));
        }
        Self {
            lo,
            hi,
            constraints,
            occurs,
            settled: false,
        }
    }

    /// The same problem, known to be at the fixpoint of propagation already (its bounds come
    /// from propagating a problem it is a reduction of): `settle` without propagating again.
    pub fn settled_by_construction(mut self) -> Self {
        self.settled = true;
        self
    }

    /// Whether propagation leaves the bounds as they are.
    pub fn at_fixpoint(&self) -> bool {
        self.propagated()
            .is_some_and(|(lo, hi)| lo == self.lo && hi == self.hi)
    }

    pub fn len(&self) -> usize {
        self.lo.len()
    }

    /// A solution that differs from `base` (a solution) in `var`, set to `value`, and in at
    /// most one other unknown (returned as the unknowns that change, with their new values) that makes up for it in a constraint they share; `None` when no
    /// such exchange exists (a full search may still find one). `activity[c]` is constraint
    /// `c`'s sum at `base`. Cheap: it looks only at the constraints of the two unknowns.
    pub fn exchange(
        &self,
        base: &[i64],
        activity: &[i64],
        var: usize,
        value: i64,
    ) -> Option<Vec<(usize, i64)>> {
        if value < self.lo[var] || value > self.hi[var] {
            return None;
        }
        let d = value - base[var];
        let coef_in = |c: usize, v: usize| {
            self.occurs[v]
                .iter()
                .find(|t| t.0 == c)
                .map_or(0, |t| i64::from(t.1))
        };
        let fits = |changes: &[(usize, i64)]| {
            for (i, &(v, _)) in changes.iter().enumerate() {
                for &(c, _) in &self.occurs[v] {
                    // Each constraint once: skip it at a later change that shares it.
                    if changes[..i].iter().any(|&(w, _)| coef_in(c, w) != 0) {
                        continue;
                    }
                    let s: i64 = activity[c]
                        + changes
                            .iter()
                            .map(|&(w, dw)| coef_in(c, w) * dw)
                            .sum::<i64>();
                    let con = &self.constraints[c];
                    if s < con.lo || s > con.hi {
                        return false;
                    }
                }
            }
            true
        };
        let solution =
            |changes: &[(usize, i64)]| changes.iter().map(|&(v, dv)| (v, base[v] + dv)).collect();
        if fits(&[(var, d)]) {
            return Some(solution(&[(var, d)]));
        }
        let mut tried = 0usize;
        for &(c, k) in &self.occurs[var] {
            let k = i64::from(k);
            for &(y, ky) in &self.constraints[c].terms {
                if y == var {
                    continue;
                }
                tried += 1;
                if tried > 256 {
                    return None;
                }
                // y makes up for var in c: k*d + ky*e = 0.
                let e = -k * d * i64::from(ky);
                let ny = base[y] + e;
                if ny < self.lo[y] || ny > self.hi[y] {
                    continue;
                }
                let changes = [(var, d), (y, e)];
                if fits(&changes) {
                    return Some(solution(&changes));
                }
            }
        }
        None
    }

    /// Each constraint's sum at `x`.
    pub fn activity(&self, x: &[i64]) -> Vec<i64> {
        self.constraints
            .iter()
            .map(|c| c.terms.iter().map(|&(v, k)| x[v] * i64::from(k)).sum())
            .collect()
    }

    /// Groups of unknowns that share constraints (directly or through others), each sorted.
    pub fn components(&self) -> Vec<Vec<usize>> {
        let mut parent: Vec<usize> = (0..self.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for c in &self.constraints {
            for w in c.terms.windows(2) {
                let (a, b) = (root(&mut parent, w[0].0), root(&mut parent, w[1].0));
                parent[a.max(b)] = a.min(b);
            }
        }
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for v in 0..self.len() {
            let r = root(&mut parent, v);
            groups.entry(r).or_default().push(v);
        }
        groups.into_values().collect()
    }

    /// The bounds after propagating every constraint from the start, or `None` when the
    /// constraints cannot all hold.
    pub fn propagated(&self) -> Option<(Vec<i64>, Vec<i64>)> {
        let mut s = State::new(self);
        s.enqueue_all();
        s.propagate().then_some((s.lo, s.hi))
    }

    /// Is there a solution with `lo <= x[var] <= hi` (the `question`), searching the unknowns
    /// of `order` (a component, in the order to branch on) and preferring `prefer[v]` for each?
    /// At most `budget` choice points.
    pub fn solve_within(
        &self,
        question: Question,
        order: &[usize],
        prefer: &[i64],
        budget: usize,
    ) -> Outcome {
        self.solve_in_order(question, order, prefer, budget, false)
    }

    /// As [`Self::solve_within`], branching first on the unknown with the fewest values left
    /// (fail first): slower per choice, but it decides questions the fixed order cannot
    /// within its budget.
    pub fn solve_fail_first(
        &self,
        question: Question,
        order: &[usize],
        prefer: &[i64],
        budget: usize,
    ) -> Outcome {
        self.solve_in_order(question, order, prefer, budget, true)
    }

    /// The search of [`Self::solve_within`] and [`Self::solve_fail_first`] over the whole
    /// problem, with its budget and whether it fails first.
    fn solve_in_order(
        &self,
        question: Question,
        order: &[usize],
        prefer: &[i64],
        budget: usize,
        fail_first: bool,
    ) -> Outcome {
        let Question { var, lo, hi } = question;
        let mut s = State::new(self);
        if !self.settled {
            s.enqueue_all();
        }
        if !s.propagate() || !s.set(var, lo, hi) || !s.propagate() {
            return Outcome::Infeasible;
        }
        s.search(var, order, prefer, budget, fail_first)
    }

    /// Is there a solution with `lo <= x[var] <= hi` that differs from `base` (a solution)
    /// only in the unknowns of `free`? `Infeasible` here says nothing of other solutions:
    /// a caller widens `free` and asks again.
    pub fn solve_near(
        &self,
        question: Question,
        free: &[usize],
        base: &[i64],
        budget: usize,
    ) -> Outcome {
        let Question { var, lo, hi } = question;
        let mut s = State::new(self);
        s.lo.copy_from_slice(base);
        s.hi.copy_from_slice(base);
        for &v in free {
            s.lo[v] = self.lo[v];
            s.hi[v] = self.hi[v];
        }
        for &v in free {
            for &(c, _) in &self.occurs[v] {
                if !s.queued[c] {
                    s.queued[c] = true;
                    s.queue.push(c);
                }
            }
        }
        if !s.propagate() || !s.set(var, lo, hi) || !s.propagate() {
            return Outcome::Infeasible;
        }
        s.search(var, free, base, budget, false)
    }

    /// The unknowns near `var`: `var`, then, breadth first, a few of each constraint of every
    /// unknown taken (smallest constraints first), at most `limit`. A few of each, so that a
    /// change can be made up for in every constraint it touches.
    pub fn near(&self, var: usize, limit: usize) -> Vec<usize> {
        const EACH: usize = 3;
        let mut out = vec![var];
        let mut seen = vec![false; self.lo.len()];
        seen[var] = true;
        let mut i = 0;
        while i < out.len() && out.len() < limit {
            let v = out[i];
            i += 1;
            let mut cs: Vec<usize> = self.occurs[v].iter().map(|&(c, _)| c).collect();
            cs.sort_by_key(|&c| (self.constraints[c].terms.len(), c));
            for c in cs {
                let mut taken = 0;
                for &(w, _) in &self.constraints[c].terms {
                    if out.len() >= limit || taken >= EACH {
                        break;
                    }
                    if !seen[w] {
                        seen[w] = true;
                        out.push(w);
                        taken += 1;
                    }
                }
            }
        }
        out
    }
}

impl<'p> State<'p> {
    /// Depth-first search over the unknowns of `order` from the current bounds.
    fn search(
        &mut self,
        var: usize,
        order: &[usize],
        prefer: &[i64],
        budget: usize,
        fail_first: bool,
    ) -> Outcome {
        let s = self;
        let mut stack: Vec<Choice> = Vec::new();
        let mut nodes = 0usize;
        let mut from = 0usize;
        loop {
            // Descend: the next unknown of the order that is not fixed (or, failing first, the
            // one with the fewest values left).
            let next = if fail_first {
                (0..order.len())
                    .filter(|&p| s.lo[order[p]] != s.hi[order[p]])
                    .min_by_key(|&p| (s.hi[order[p]] - s.lo[order[p]], p))
            } else {
                (from..order.len()).find(|&p| s.lo[order[p]] != s.hi[order[p]])
            };
            let Some(pos) = next else {
                let mut solution = prefer.to_vec();
                for (v, value) in solution.iter_mut().enumerate() {
                    if s.lo[v] == s.hi[v] {
                        *value = s.lo[v];
                    }
                }
                for &v in order {
                    solution[v] = s.lo[v];
                }
                solution[var] = s.lo[var];
                return Outcome::Found(solution);
            };
            let v = order[pos];
            stack.push(Choice {
                var: v,
                pos,
                value: prefer[v].clamp(s.lo[v], s.hi[v]),
                stage: 0,
                mark: s.trail.len(),
            });
            // Take the next branch of the innermost choice that has one left.
            loop {
                let Some(top) = stack.last_mut() else {
                    return Outcome::Infeasible;
                };
                s.undo(top.mark);
                let (v, p, stage) = (top.var, top.value, top.stage);
                top.stage += 1;
                from = if fail_first { 0 } else { top.pos };
                let (lo, hi) = (s.lo[v], s.hi[v]);
                let range = match stage {
                    0 => (p, p),
                    1 if lo < p => (lo, p - 1),
                    2 if p < hi => (p + 1, hi),
                    1 | 2 => continue,
                    _ => {
                        stack.pop();
                        continue;
                    }
                };
                nodes += 1;
                if nodes > budget {
                    return Outcome::Unknown;
                }
                if s.set(v, range.0, range.1) && s.propagate() {
                    break;
                }
            }
        }
    }

    fn new(problem: &'p Problem) -> Self {
        Self {
            problem,
            lo: problem.lo.clone(),
            hi: problem.hi.clone(),
            trail: Vec::new(),
            queue: Vec::new(),
            queued: vec![false; problem.constraints.len()],
        }
    }

    fn enqueue_all(&mut self) {
        for c in 0..self.problem.constraints.len() {
            self.queued[c] = true;
            self.queue.push(c);
        }
    }

    /// Narrows `v` to `lo..=hi`; false when nothing is left.
    fn set(&mut self, v: usize, lo: i64, hi: i64) -> bool {
        let (old_lo, old_hi) = (self.lo[v], self.hi[v]);
        let (new_lo, new_hi) = (old_lo.max(lo), old_hi.min(hi));
        if new_lo > new_hi {
            return false;
        }
        if (new_lo, new_hi) != (old_lo, old_hi) {
            self.trail.push((v, old_lo, old_hi));
            self.lo[v] = new_lo;
            self.hi[v] = new_hi;
            for &(c, _) in &self.problem.occurs[v] {
                if !self.queued[c] {
                    self.queued[c] = true;
                    self.queue.push(c);
                }
            }
        }
        true
    }

    fn undo(&mut self, mark: usize) {
        while self.trail.len() > mark {
            let (v, lo, hi) = self.trail.pop().expect("trail longer than mark");
            self.lo[v] = lo;
            self.hi[v] = hi;
        }
        for c in self.queue.drain(..) {
            self.queued[c] = false;
        }
    }

    /// Bounds propagation until nothing changes; false on a contradiction.
    fn propagate(&mut self) -> bool {
        while let Some(c) = self.queue.pop() {
            self.queued[c] = false;
            if !self.revise(c) {
                for c in self.queue.drain(..) {
                    self.queued[c] = false;
                }
                return false;
            }
        }
        true
    }

    /// Tightens the unknowns of one constraint: each term lies between the constraint's
    /// bounds minus what the other terms can at most and at least add.
    fn revise(&mut self, c: usize) -> bool {
        let con = &self.problem.constraints[c];
        let term = |s: &Self, v: usize, coef: i8| {
            if coef > 0 {
                (s.lo[v], s.hi[v])
            } else {
                (-s.hi[v], -s.lo[v])
            }
        };
        let (mut min, mut max, mut widest) = (0i64, 0i64, 0i64);
        for &(v, coef) in &con.terms {
            let (a, b) = term(self, v, coef);
            min += a;
            max += b;
            widest = widest.max(b - a);
        }
        if min > con.hi || max < con.lo {
            return false;
        }
        // Nothing to tighten while every term fits in the slack on both sides.
        if con.hi - min >= widest && max - con.lo >= widest {
            return true;
        }
        let terms = con.terms.clone();
        let (lo_c, hi_c) = (con.lo, con.hi);
        for (v, coef) in terms {
            let (a, b) = term(self, v, coef);
            let t_hi = hi_c - (min - a);
            let t_lo = lo_c - (max - b);
            if t_hi < b || t_lo > a {
                let (lo, hi) = if coef > 0 {
                    (t_lo, t_hi)
                } else {
                    (-t_hi, -t_lo)
                };
                if !self.set(v, lo, hi) {
                    return false;
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests;
