use super::*;

fn sum(vars: &[usize], lo: i64, hi: i64) -> Constraint {
    Constraint {
        terms: vars.iter().map(|&v| (v, 1)).collect(),
        lo,
        hi,
    }
}

#[test]
fn a_total_minus_known_parts_pins_the_last() {
    // x0 + x1 = 7, x1 in 1..4, x0 in 3..3: x1 = 4 only.
    let p = Problem::new(vec![3, 1], vec![3, 4], vec![sum(&[0, 1], 7, 7)]);
    let order = [0, 1];
    assert_eq!(
        p.solve_within(Question::is(1, 3), &order, &[3, 4], 100),
        Outcome::Infeasible
    );
    assert_eq!(
        p.solve_within(Question::is(1, 4), &order, &[3, 4], 100),
        Outcome::Found(vec![3, 4])
    );
}

#[test]
fn an_inequality_between_counts_of_a_row() {
    // vrijstelling (0) + verzuim (1) <= benaderd (2); benaderd 9, verzuim 8: vrijstelling 1.
    let rule = Constraint {
        terms: vec![(0, 1), (1, 1), (2, -1)],
        lo: i64::MIN / 4,
        hi: 0,
    };
    let p = Problem::new(vec![1, 8, 9], vec![4, 8, 9], vec![rule]);
    let order = [0, 1, 2];
    let prefer = [1, 8, 9];
    assert!(matches!(
        p.solve_within(Question::is(0, 1), &order, &prefer, 100),
        Outcome::Found(_)
    ));
    for v in 2..=4 {
        assert_eq!(
            p.solve_within(Question::is(0, v), &order, &prefer, 100),
            Outcome::Infeasible
        );
    }
}

#[test]
fn search_finds_what_propagation_alone_does_not() {
    // Three small cells, pairwise sums 5, 5, 6: x0 = 2, x1 = 3, x2 = 3 is the only solution
    // (propagation alone leaves 1..3 for x0).
    let p = Problem::new(
        vec![1, 1, 1],
        vec![4, 4, 4],
        vec![sum(&[0, 1], 5, 5), sum(&[0, 2], 5, 5), sum(&[1, 2], 6, 6)],
    );
    let order = [0, 1, 2];
    let (lo, hi) = p.propagated().unwrap();
    assert_eq!((lo[0], hi[0]), (1, 3));
    for v in 1..=4 {
        let found = p.solve_within(Question::is(0, v), &order, &[1, 1, 1], 100);
        assert_eq!(matches!(found, Outcome::Found(_)), v == 2, "x0 = {v}");
    }
}

#[test]
fn a_solution_satisfies_every_constraint() {
    let cons = vec![
        sum(&[0, 1, 2, 3], 10, 10),
        sum(&[0, 1], 1, 4),
        Constraint {
            terms: vec![(2, 1), (3, -1)],
            lo: i64::MIN / 4,
            hi: 0,
        },
    ];
    let p = Problem::new(vec![0; 4], vec![100; 4], cons.clone());
    let order = [0, 1, 2, 3];
    for v in 0..=5 {
        if let Outcome::Found(x) = p.solve_within(Question::is(2, v), &order, &[0, 0, 0, 0], 1000) {
            for c in &cons {
                let s: i64 = c.terms.iter().map(|&(v, k)| x[v] * i64::from(k)).sum();
                assert!(c.lo <= s && s <= c.hi);
            }
            assert_eq!(x[2], v);
        } else {
            assert!(v > 4, "x2 = {v} has a solution");
        }
    }
}

#[test]
fn the_budget_gives_unknown_not_a_wrong_answer() {
    // Thirty cells in 0..1 summing to 15 and x0 = 1: a budget of 1 cannot decide.
    let n = 30;
    let p = Problem::new(
        vec![0; n],
        vec![1; n],
        vec![sum(&(0..n).collect::<Vec<_>>(), 15, 15)],
    );
    let order: Vec<usize> = (0..n).collect();
    assert_eq!(
        p.solve_within(Question::is(0, 1), &order, &vec![0; n], 1),
        Outcome::Unknown
    );
    assert!(matches!(
        p.solve_within(Question::is(0, 1), &order, &vec![0; n], 1000),
        Outcome::Found(_)
    ));
}

/// Every answer against brute force, on small random problems: a value is possible
/// exactly when some assignment of all unknowns within their bounds satisfies every
/// constraint with it.
mod against_brute_force {
    use super::*;
    use proptest::prelude::*;

    fn constraint(n: usize) -> impl Strategy<Value = Constraint> {
        (
            proptest::collection::vec((0..n, prop_oneof![Just(1i8), Just(-1i8)]), 1..=n),
            -6i64..12,
            0i64..8,
        )
            .prop_map(|(mut terms, lo, width)| {
                terms.sort_unstable();
                terms.dedup_by_key(|t| t.0);
                Constraint {
                    terms,
                    lo,
                    hi: lo + width,
                }
            })
    }

    fn satisfied(cons: &[Constraint], x: &[i64]) -> bool {
        cons.iter().all(|c| {
            let s: i64 = c.terms.iter().map(|&(v, k)| x[v] * i64::from(k)).sum();
            c.lo <= s && s <= c.hi
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(2029), .. ProptestConfig::default() })]
        #[test]
        fn possible_values_match(
            n in 1usize..=5,
            seed in proptest::collection::vec((0i64..3, 0i64..4), 5),
            cons in proptest::collection::vec(constraint(5), 0..5),
            prefer in proptest::collection::vec(0i64..6, 5),
        ) {
            let lo: Vec<i64> = seed[..n].iter().map(|s| s.0).collect();
            let hi: Vec<i64> = seed[..n].iter().map(|s| s.0 + s.1).collect();
            let cons: Vec<Constraint> = cons
                .into_iter()
                .map(|mut c| { c.terms.retain(|t| t.0 < n); c })
                .filter(|c| !c.terms.is_empty())
                .collect();
            let p = Problem::new(lo.clone(), hi.clone(), cons.clone());
            let order: Vec<usize> = (0..n).collect();
            // Every assignment, by brute force.
            let mut possible = vec![std::collections::BTreeSet::new(); n];
            let mut x = lo.clone();
            loop {
                if satisfied(&cons, &x) {
                    for v in 0..n { possible[v].insert(x[v]); }
                }
                let mut i = 0;
                while i < n && x[i] == hi[i] { x[i] = lo[i]; i += 1; }
                if i == n { break; }
                x[i] += 1;
            }
            for v in 0..n {
                for value in lo[v]..=hi[v] {
                    let got = p.solve_within(Question::is(v, value), &order, &prefer[..n], 100_000);
                    match got {
                        Outcome::Found(sol) => {
                            prop_assert!(possible[v].contains(&value));
                            prop_assert_eq!(sol[v], value);
                            prop_assert!(satisfied(&cons, &sol));
                            prop_assert!((0..n).all(|i| lo[i] <= sol[i] && sol[i] <= hi[i]));
                        }
                        Outcome::Infeasible => prop_assert!(!possible[v].contains(&value)),
                        Outcome::Unknown => prop_assert!(false, "budget ran out on a tiny problem"),
                    }
                }
            }
        }
    }
}
