use super::*;
use crate::model::{Date, Measure, Project, SchoolYear, Sector, Sheet, Swv};
use crate::privacy::figures::Counts;
use crate::privacy::{FigureId, Publisher, Withholding};

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
                FigureId::new("eigen"),
                vec![Publisher::cell(&s.code, *y, Measure::Benaderd)],
            );
        }
        ledger.insert(format!("regio/{}.pdf", s.code), p.into_figures());
    }
    let mut p = Publisher::new(set.data());
    for (i, cells) in sums.iter().enumerate() {
        p.count(FigureId::new("totaal").key(i), cells.clone());
    }
    ledger.insert("national.pdf".into(), p.into_figures());
    ledger
}

fn disclosed(set: &Set, sums: &[Vec<Cell>]) -> Vec<String> {
    let ledger = publish(set, sums);
    audit(&ledger, set.data(), &[])
        .disclosed
        .into_iter()
        .filter(Disclosure::recovered)
        .map(|d| format!("{}/{}", d.cell.swv, d.cell.schooljaar))
        .collect()
}

/// After protecting: no disclosure, and what was withheld.
fn protected(set: &Set, sums: &[Vec<Cell>]) -> Vec<Withheld> {
    let ledger = publish(set, sums);
    let (withheld, witnesses) = suppress(&ledger, set.data(), &[]);
    ledger.resolve(&Withholding::new(withheld.iter().map(|x| x.cells.clone())));
    assert!(
        audit(&ledger, set.data(), &witnesses).disclosed.is_empty(),
        "still narrowed"
    );
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
    pb.share(FigureId::new("aandeel"), part.clone(), whole.clone());
    ledger.insert("share.pdf".into(), pb.into_figures());
    assert_eq!(audit(&ledger, p.data(), &[]).recovered(), 1);
    // Withholding the part's sum hides the share too.
    let mut pb = Publisher::new(p.data());
    let share = pb.share(FigureId::new("aandeel"), part.clone(), whole);
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
    let d = pb.difference(FigureId::new("verschil"), y2, y1);
    ledger.insert("d.pdf".into(), pb.into_figures());
    assert_eq!(audit(&ledger, p.data(), &[]).recovered(), 1);
    ledger.resolve(&Withholding::default());
    assert_eq!(d.label().as_deref(), Some("+5"));
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

/// A programme of SWVs with a full children row per school year: benaderd, in ontwikkeling,
/// vrijstelling 5 onder a, absoluut verzuim (threshold 5).
fn rows(rows: &[(&str, u32, [u32; 4])]) -> Set {
    let mut set = programme(&[]);
    for &(code, year, values) in rows {
        let code = SwvCode::parse(code).unwrap();
        if !set.0.swvs.iter().any(|s| s.code == code) {
            let mut swv = programme(&[(code.as_str(), year, 1)]).0.swvs.remove(0);
            swv.years.clear();
            set.0.swvs.push(swv);
        }
        let swv = set.0.swvs.iter_mut().find(|s| s.code == code).unwrap();
        let year = SchoolYear::new(year as _);
        swv.years
            .entry(year)
            .or_default()
            .set(Sheet::Jeugdigen, [true; 4]);
        set.1
            .insert(&code, year, Sheet::Jeugdigen, values.map(Some));
    }
    set.0.swvs.sort_by(|a, b| a.code.cmp(&b.code));
    set
}

const ROW: [Measure; 4] = [
    Measure::Benaderd,
    Measure::InOntwikkeling,
    Measure::Vrijstelling5a,
    Measure::AbsoluutVerzuim,
];

/// Every SWV's own cells (its one-pager) and, with `national`, the national total of every
/// measure and year.
fn publish_rows(set: &Set, national: bool) -> Ledger {
    let mut ledger = Ledger::default();
    let mut totals: std::collections::BTreeMap<(SchoolYear, Measure), Vec<Cell>> =
        Default::default();
    for s in &set.0.swvs {
        let mut p = Publisher::new(set.data());
        for y in s.years.keys() {
            for m in ROW {
                let c = Publisher::cell(&s.code, *y, m);
                p.count(FigureId::new("eigen"), vec![c.clone()]);
                totals.entry((*y, m)).or_default().push(c);
            }
        }
        ledger.insert(format!("regio/{}.pdf", s.code), p.into_figures());
    }
    if national {
        let mut p = Publisher::new(set.data());
        for cells in totals.into_values() {
            p.count(FigureId::new("totaal"), cells);
        }
        ledger.insert("national.pdf".into(), p.into_figures());
    }
    ledger
}

fn narrowed(ledger: &Ledger, set: &Set) -> Vec<(String, Vec<u32>)> {
    narrowed_with(ledger, set, &[])
}

fn narrowed_with(ledger: &Ledger, set: &Set, witnesses: &[Witness]) -> Vec<(String, Vec<u32>)> {
    audit(ledger, set.data(), witnesses)
        .disclosed
        .into_iter()
        .map(|d| {
            (
                format!("{}/{}", d.cell.swv, d.cell.measure.label()),
                d.possible,
            )
        })
        .collect()
}

/// The row `9;9;<5;8`: vrijstelling + verzuim <= benaderd leaves vrijstelling 1, and
/// `7;<5;6;<5` leaves verzuim 1. Protection withholds a companion in the row, not a total.
#[test]
fn the_rules_between_the_counts_of_a_row() {
    let set = rows(&[("PO1001", Y1, [9, 9, 1, 8]), ("PO1002", Y1, [7, 3, 6, 1])]);
    let ledger = publish_rows(&set, false);
    assert_eq!(
        narrowed(&ledger, &set),
        [
            ("PO1001/vrijstelling 5 onder a".to_string(), vec![1]),
            ("PO1002/absoluut verzuim".to_string(), vec![1]),
        ]
    );
    let (withheld, witnesses) = suppress(&ledger, set.data(), &[]);
    ledger.resolve(&Withholding::new(withheld.iter().map(|x| x.cells.clone())));
    assert!(
        narrowed_with(&ledger, &set, &witnesses).is_empty(),
        "{withheld:?}"
    );
    assert!(withheld.iter().all(Withheld::is_cell), "{withheld:?}");
    assert_eq!(withheld.len(), 2, "{withheld:?}");
    let text: Vec<String> = withheld.iter().map(Withheld::explain).collect();
    assert!(
        text[0]
            .starts_with("PO1001, absoluut verzuim 2021-2022 niet getoond (in regio/PO1001.pdf)"),
        "{text:?}"
    );
}

/// A row that narrows without pinning down: vrijstelling <5 beside verzuim 6 and benaderd 9
/// can only be 1, 2 or 3.
#[test]
fn a_count_narrowed_by_a_rule_is_protected_too() {
    let set = rows(&[("PO1001", Y1, [9, 5, 2, 6])]);
    let ledger = publish_rows(&set, false);
    assert_eq!(
        narrowed(&ledger, &set),
        [("PO1001/vrijstelling 5 onder a".to_string(), vec![1, 2, 3])]
    );
    assert_eq!(protected_rows(&set, &ledger).len(), 1);
}

fn protected_rows(set: &Set, ledger: &Ledger) -> Vec<Withheld> {
    let (withheld, witnesses) = suppress(ledger, set.data(), &[]);
    ledger.resolve(&Withholding::new(withheld.iter().map(|x| x.cells.clone())));
    assert!(
        narrowed_with(ledger, set, &witnesses).is_empty(),
        "{withheld:?}"
    );
    withheld
}

/// An earlier edition published a national total with a count that was corrected since: the
/// old total and the new one together pin the old count down, unless this build withholds its
/// total (the edition's figures are facts).
#[test]
fn an_earlier_edition_and_a_correction() {
    use crate::privacy::{EarlierEdition, Recorded};
    let before = rows(&[
        ("PO1001", Y1, [3, 0, 0, 0]),
        ("PO1002", Y1, [2, 0, 0, 0]),
        ("PO1003", Y1, [10, 0, 0, 0]),
    ]);
    let old = publish_rows(&before, true);
    old.resolve(&Withholding::default());
    let values = crate::privacy::editions::values(&old, before.data());
    let edition = EarlierEdition {
        name: "2025-09-01".into(),
        figures: old.recorded(),
        values,
        witnesses: Vec::new(),
    };
    // PO1001 corrected to 8.
    let now = rows(&[
        ("PO1001", Y1, [8, 0, 0, 0]),
        ("PO1002", Y1, [2, 0, 0, 0]),
        ("PO1003", Y1, [10, 0, 0, 0]),
    ]);
    let mut ledger = publish_rows(&now, true);
    ledger.add_earlier(edition);
    // 20 - 8 - 10 gives PO1002 = 2 now, and the old 15 - 10 - 2 the old PO1001 = 3.
    let found = narrowed(&ledger, &now);
    assert!(
        found.contains(&("PO1002/benaderd".to_string(), vec![2])),
        "{found:?}"
    );
    assert!(
        found.contains(&("PO1001/benaderd".to_string(), vec![3])),
        "{found:?}"
    );
    let withheld = protected_rows(&now, &ledger);
    assert_eq!(withheld.len(), 1, "{withheld:?}");
    assert_eq!(
        withheld[0].cells.len(),
        3,
        "this build's national total benaderd"
    );
    let _ = Recorded::of;
}

#[test]
fn a_small_count_never_shown_on_its_own_keeps_as_many_values_as_less_than_five() {
    // Only totals are published: PO1001 alone (10), and PO1001 + PO1002 + PO1003 (12). PO1002
    // and PO1003 (1 each) are then 0, 1 or 2: never one value, but three where "<5" leaves
    // four, so a reader would know more of them than of a count shown as <5.
    let set = programme(&[("PO1001", Y1, 10), ("PO1002", Y1, 1), ("PO1003", Y1, 1)]);
    let mut ledger = Ledger::default();
    let mut p = Publisher::new(set.data());
    p.count(FigureId::new("alleen"), vec![cell("PO1001", Y1)]);
    p.count(
        FigureId::new("totaal"),
        vec![cell("PO1001", Y1), cell("PO1002", Y1), cell("PO1003", Y1)],
    );
    ledger.insert("national.pdf".into(), p.into_figures());
    let found = audit(&ledger, set.data(), &[]).disclosed;
    let narrowed: Vec<(String, Vec<u32>)> = found
        .iter()
        .map(|d| (d.cell.swv.to_string(), d.possible.clone()))
        .collect();
    assert_eq!(
        narrowed,
        [
            ("PO1002".to_string(), vec![0, 1, 2]),
            ("PO1003".to_string(), vec![0, 1, 2])
        ]
    );
    assert!(found.iter().all(|d| !d.recovered()));
    // Protection withholds the total; then nothing is narrowed.
    let (withheld, witnesses) = suppress(&ledger, set.data(), &[]);
    assert_eq!(withheld.len(), 1, "{withheld:?}");
    assert_eq!(withheld[0].cells.len(), 3);
    ledger.resolve(&Withholding::new(withheld.iter().map(|x| x.cells.clone())));
    assert!(audit(&ledger, set.data(), &witnesses).disclosed.is_empty());
}
