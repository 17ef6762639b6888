//! No small count can be recovered from what one build publishes together. The proof reads
//! only the outputs: `tests/attack.py` takes the CSVs of the bundles and the text of the PDFs
//! (pdftotext) and computes, with an integer solver, every value each `<5` can still take.

use std::path::Path;

use proptest::prelude::*;
use wel::inputs::table::{ACTIVITEITEN_COLUMNS, JEUGDIGEN_COLUMNS, SWV_COLUMNS};
use wel::sample::sheet::Cell;

use crate::common::*;

/// Runs the output-only attacker on a bundled output folder; returns its report.
fn attack(out: &Path) -> (bool, String) {
    attack_editions(&[out], false)
}

/// Runs the output-only attacker on the folders of several editions (oldest first); with
/// `strict`, a count narrowed below 1..4 fails too. Returns whether nothing was found, and
/// the report.
pub fn attack_editions(folders: &[&Path], strict: bool) -> (bool, String) {
    let mut cmd = crate::common::python();
    cmd.arg(root().join("tests/attack.py")).args(folders);
    if strict {
        cmd.arg("--strict");
    }
    let run = cmd
        .output()
        .expect("python3 with numpy and scipy (.ci/run installs them)");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "the attacker failed:\n{text}"
    );
    (run.status.success(), text)
}

#[test]
fn the_attacker_finds_a_planted_disclosure() {
    let run = crate::common::python()
        .arg(root().join("tests/attack.py"))
        .arg("--self-test")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_sample_outputs_disclose_no_small_count_and_narrow_none() {
    // Strict: with the rules between the counts, no count shown as <5 may be narrowed.
    let (clean, report) = attack_editions(&[sample_build()], true);
    assert!(clean, "{report}");
    assert!(report.contains("0 afgeleid, 0 ingeperkt"), "{report}");
    assert!(
        report.contains("1478 cellen"),
        "the attacker read the CSVs: {report}"
    );
    assert!(
        report.contains("36 provinciale rijen"),
        "the attacker read the tables per province of the three phases: {report}"
    );
}

#[test]
fn the_sample_withholds_row_companions_and_no_later_national_total() {
    let out = wel(&["check", "--inputs", root().join("inputs").to_str().unwrap()]);
    let text = all_output(&out);
    assert!(
        text.contains("totaal vrijstelling 5 onder a 2021-2022 niet getoond (in rapportage-fase-1.pdf): anders zijn de aantallen van"),
        "{text}"
    );
    // "afleidbaarheid: 26 cellen en 12 totalen aanvullend niet getoond"
    let counts = text
        .lines()
        .find(|l| l.starts_with("afleidbaarheid: "))
        .expect("check states what it withholds");
    let numbers: Vec<usize> = counts
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  - ")).collect();
    assert_eq!(numbers.len(), 2, "{counts}");
    assert_eq!(numbers[0] + numbers[1], lines.len(), "{text}");
    // A cell withheld is a companion in a row of its own SWV, on its one-pager or CSV.
    let cells: Vec<&&str> = lines
        .iter()
        .filter(|l| !l.starts_with("  - totaal"))
        .collect();
    assert_eq!(cells.len(), numbers[0], "{text}");
    for line in &cells {
        let code = &line[4..10];
        assert!(
            line.contains(&format!("in bundels/{code}.zip:{code}-cijfers.csv"))
                && line.contains(&format!("anders zijn de aantallen van {code} af te leiden")),
            "{line}"
        );
    }
    // Beside phase 1's national totals (only its four pilot regions reported children), only
    // totals of one province are withheld: the national totals of the later phases stay exact
    // (a companion or another province's total is withheld instead).
    let phase1 = text
        .lines()
        .filter(|l| {
            l.starts_with("  - totaal")
                && l.contains(" 2021-2022 niet getoond (in rapportage-fase-1.pdf)")
        })
        .count();
    assert!((1..=2).contains(&phase1), "{text}");
    let others: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.starts_with("  - totaal")
                && !l.contains(" 2021-2022 niet getoond (in rapportage-fase-1.pdf)")
        })
        .collect();
    assert_eq!(others.len() + phase1, numbers[1], "{text}");
    for line in others {
        assert!(
            wel::model::Province::ALL
                .iter()
                .any(|p| line.contains(&format!(" in {p} niet getoond"))),
            "{line}"
        );
    }
    let report = pdf_text(&sample_build().join("rapportage-fase-1.pdf"));
    let row = report
        .lines()
        .find(|l| l.trim_start().starts_with("2021-2022 "))
        .expect("the national table has a row for 2021-2022");
    let fields: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(fields[4], "×", "vrijstelling 5 onder a is withheld: {row}");
    assert_eq!(fields[2], "20", "benaderd stays exact: {row}");
    assert!(report.contains("× = niet getoond"), "the table explains ×");
}

/// Every national total whose parts are all 0 or at least the threshold stays exact.
#[test]
fn totals_without_small_parts_stay_exact() {
    use wel::privacy::{Relation, ShownAs};
    let inputs = root().join("inputs");
    let raw = raw_values(&inputs);
    let prepared =
        wel::pipeline::prepare_only(&wel::pipeline::BuildOptions::new(&inputs, "uit")).unwrap();
    let mut checked = 0;
    for (_, f) in prepared.ledger.figures() {
        let Relation::Sum(cells) = f.relation() else {
            continue;
        };
        let child = cells.iter().all(|c| c.measure.is_child_count());
        let values: Vec<u32> = cells
            .iter()
            .filter_map(|c| {
                raw.get(&(c.swv.to_string(), c.schooljaar, c.measure))
                    .copied()
            })
            .collect();
        if child && cells.len() > 1 && values.iter().all(|v| *v == 0 || *v >= 5) {
            assert_eq!(f.shown_as(), Some(ShownAs::Exact), "{f:?}");
            checked += 1;
        }
    }
    // With 116 SWVs nearly every total has a small part; the crafted sets test more.
    assert!(checked >= 1, "checked {checked} totals");
}

/// One SWV's children figures in one school year: benaderd, in ontwikkeling, vrijstelling 5
/// onder a, absoluut verzuim, casussen.
type Counts = [u32; 5];

/// Writes an input set: `swvs[i]` reports `years[j]` when it has counts for it. Phase 1 is
/// the first school year, phase 2 the rest; the brochure shows the totals over all years.
pub fn write_set(dir: &Path, years: &[&str], swvs: &[Vec<Option<Counts>>]) {
    let code = |i: usize| format!("PO{:04}", 1001 + i);
    let list = |ys: &[&str]| {
        ys.iter()
            .map(|y| format!("\"{y}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut project = format!(
        "[programma]\nnaam = \"WEL in Ontwikkeling\"\nuitvoerder = \"Test\"\nvoorbeeldgegevens = true\npeildatum = 2025-09-01\n\n[[fase]]\nnummer = 1\nschooljaren = [{}]\ndatum = 2024-07-01\nteksten = \"teksten/rapportage.toml\"\n\n",
        list(&years[..1])
    );
    if years.len() > 1 {
        project.push_str(&format!(
            "[[fase]]\nnummer = 2\nschooljaren = [{}]\ndatum = 2025-07-01\nteksten = \"teksten/rapportage.toml\"\n\n",
            list(&years[1..])
        ));
    }
    project.push_str("[brochure]\ndatum = 2025-10-01\nteksten = \"teksten/brochure.toml\"\n");
    std::fs::create_dir_all(dir.join("teksten")).unwrap();
    std::fs::write(dir.join("project.toml"), project).unwrap();
    std::fs::write(
        dir.join("teksten/rapportage.toml"),
        "titel = \"Test\"\n\n[[hoofdstuk]]\ntitel = \"Cijfers\"\nblok = \"cijfers\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("teksten/brochure.toml"),
        "titel = \"Test\"\ninleiding = \"In.\"\nslot = \"Uit.\"\n\n[[kengetal]]\ncijfer = \"benaderd_totaal\"\nlabel = \"benaderd\"\n\n[[kengetal]]\ncijfer = \"in_ontwikkeling_totaal\"\nlabel = \"in ontwikkeling\"\n\n[[kengetal]]\ncijfer = \"casussen_totaal\"\nlabel = \"casussen\"\n",
    )
    .unwrap();
    let text = |s: &str| Cell::Text(s.to_string());
    let head = |cols: &[&str]| cols.iter().map(|c| text(c)).collect::<Vec<_>>();
    let mut swv = vec![head(&SWV_COLUMNS)];
    let mut jeugd = vec![head(&JEUGDIGEN_COLUMNS)];
    let mut act = vec![head(&ACTIVITEITEN_COLUMNS)];
    for (i, per_year) in swvs.iter().enumerate() {
        let c = code(i);
        let folder = dir.join("swv").join(&c);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("samenvatting.toml"),
            format!(
                "code = \"{c}\"\nschooljaar = \"{}\"\nsamenvatting = \"Kort.\"\n",
                years[0]
            ),
        )
        .unwrap();
        let n = |v: u32| Cell::Number(f64::from(v));
        swv.push(vec![
            text(&c),
            text(&format!("SWV {c}")),
            text("PO"),
            // Larger sets over three provinces, so that province totals are published too.
            text(if swvs.len() >= 6 {
                ["Utrecht", "Zeeland", "Drenthe"][i % 3]
            } else {
                "Utrecht"
            }),
            text(years[0]),
            n(1),
        ]);
        for (y, counts) in years.iter().zip(per_year) {
            if let Some([b, o, v, a, cas]) = counts {
                // Children in development, with an exemption and absolutely absent are among
                // those approached; a child has an exemption or is absent, not both (the
                // plausibility rules of docs/invoer.md).
                let v = (*v).min(*b);
                let a = (*a).min(*b - v);
                jeugd.push(vec![text(&c), text(y), n(*b), n((*o).min(*b)), n(v), n(a)]);
                act.push(vec![text(&c), text(y), n(1), n(5), n(2), n(*cas)]);
            }
        }
    }
    std::fs::write(
        dir.join("cijfers.xlsx"),
        input_workbook(swv, jeugd, act, "test"),
    )
    .unwrap();
}

/// Builds and bundles the set in `dir`, then attacks the outputs; returns wel's output.
fn build_and_attack(dir: &Path) -> String {
    let out = dir.join("uit");
    let run = wel(&[
        "bundle",
        "--inputs",
        dir.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = all_output(&run);
    assert!(run.status.success(), "{text}");
    let (clean, report) = attack(&out);
    // WEL_KEEP_FAILED=<map>: keep the input set of a failure there, to look at it.
    if let (false, Some(keep)) = (clean, std::env::var_os("WEL_KEEP_FAILED")) {
        copy_dir(dir, Path::new(&keep));
    }
    assert!(clean, "disclosed:\n{report}\nwel:\n{text}");
    text
}

#[test]
fn crafted_a_total_minus_its_published_parts() {
    let dir = tempfile::tempdir().unwrap();
    write_set(
        dir.path(),
        &["2022-2023"],
        &[
            vec![Some([10, 6, 0, 0, 5])],
            vec![Some([3, 0, 0, 0, 5])],
            vec![Some([7, 5, 0, 0, 5])],
        ],
    );
    let text = build_and_attack(dir.path());
    assert!(
        text.contains("anders zijn de aantallen van PO1002 af te leiden"),
        "{text}"
    );
}

#[test]
fn crafted_a_residual_that_forces_every_small_count() {
    let dir = tempfile::tempdir().unwrap();
    let four = Some([4, 0, 0, 0, 5]);
    write_set(
        dir.path(),
        &["2022-2023"],
        &[
            vec![Some([10, 6, 0, 0, 5])],
            vec![four],
            vec![four],
            vec![four],
        ],
    );
    build_and_attack(dir.path());
}

#[test]
fn crafted_totals_over_years_minus_the_yearly_totals() {
    let dir = tempfile::tempdir().unwrap();
    write_set(
        dir.path(),
        &["2022-2023", "2023-2024"],
        &[
            vec![Some([10, 6, 0, 0, 5]), Some([12, 6, 0, 0, 5])],
            vec![Some([2, 0, 0, 0, 5]), Some([6, 5, 0, 0, 5])],
            vec![None, Some([9, 5, 0, 0, 5])],
        ],
    );
    build_and_attack(dir.path());
}

/// Found by the random sets: two SWVs, one school year, one child in development in all. The
/// attacker read "fase 1 van WEL in Ontwikkeling" as "1 in ontwikkeling", which here happens
/// to be the truth; the attacker now leaves the programme's name alone, and the set must
/// stay clean.
#[test]
fn crafted_one_swv_holds_every_child_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    write_set(
        dir.path(),
        &["2021-2022"],
        &[vec![Some([1, 1, 0, 0, 0])], vec![Some([0, 0, 0, 0, 3])]],
    );
    build_and_attack(dir.path());
}

/// Found by the random sets: one SWV's small number of cases (2) beside another's 27, the rest
/// none. Withholding the national total of cases is not enough when the total still stands
/// elsewhere.
#[test]
fn crafted_small_cases_beside_one_large_count() {
    let dir = tempfile::tempdir().unwrap();
    write_set(
        dir.path(),
        &["2021-2022"],
        &[
            vec![Some([2, 0, 0, 0, 0])],
            vec![Some([0, 11, 3, 2, 27])],
            vec![Some([0, 0, 2, 0, 2])],
            vec![Some([26, 4, 0, 0, 0])],
            vec![Some([1, 36, 39, 29, 0])],
        ],
    );
    build_and_attack(dir.path());
}

/// The number of random cases: `default`, or WEL_CASES for a longer soak
/// (`WEL_CASES=200 cargo test --test suite random_`).
fn soak(default: u32) -> u32 {
    std::env::var("WEL_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// A count that is often small: 0, 1..4 or larger.
fn count() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 1u32..5, 5u32..40]
}

/// A count that is small four times in ten (the sets: 40% of counts 1-4).
fn mostly_small() -> impl Strategy<Value = u32> {
    prop_oneof![1 => Just(0u32), 4 => 1u32..5, 5 => 5u32..30]
}

fn swv_years(years: usize) -> impl Strategy<Value = Vec<Option<Counts>>> {
    proptest::collection::vec(
        proptest::option::weighted(0.8, proptest::array::uniform5(count())),
        years,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: soak(16), failure_persistence: None, .. ProptestConfig::default() })]
    #[test]
    fn random_input_sets_disclose_nothing(
        years in 1usize..=3,
        swvs in proptest::collection::vec(swv_years(3), 2..30),
    ) {
        let all = ["2021-2022", "2022-2023", "2023-2024"];
        // Every SWV reports the first year, so each phase has figures.
        let swvs: Vec<Vec<Option<Counts>>> = swvs
            .into_iter()
            .map(|mut s| { s.truncate(years); if s[0].is_none() { s[0] = Some([5, 5, 0, 0, 5]); } s })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        write_set(dir.path(), &all[..years], &swvs);
        build_and_attack(dir.path());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(2027), .. ProptestConfig::default() })]
    /// Many small counts in rows that obey the rules (write_set clamps them to the rules),
    /// over provinces: the independent attacker, who knows the rules, recovers nothing.
    #[test]
    fn random_sets_with_the_rules_recover_nothing(
        swvs in proptest::collection::vec(
            proptest::collection::vec(
                proptest::option::weighted(0.9, proptest::array::uniform5(mostly_small())),
                2,
            ),
            8..24,
        ),
    ) {
        let all = ["2022-2023", "2023-2024"];
        let swvs: Vec<Vec<Option<Counts>>> = swvs
            .into_iter()
            .map(|mut s| { if s[0].is_none() { s[0] = Some([5, 5, 0, 0, 5]); } s })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        write_set(dir.path(), &all, &swvs);
        build_and_attack(dir.path());
    }
}

/// The lines of a run that name a withheld total.
fn withheld_lines(o: &std::process::Output) -> Vec<String> {
    let mut lines: Vec<String> = all_output(o)
        .lines()
        .filter(|l| l.starts_with("  - ") && l.contains("niet getoond"))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// The choice of totals to withhold is kept in the output folder and reused only for the same
/// figures; and whatever the file says, the audit of what is published still runs.
#[test]
fn the_kept_choice_of_withheld_totals_is_reused_only_for_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let out = dir.path().join("uit");
    let only = ["--only", "rapportage"];
    let first = wel_on("build", &inputs, &out, &only);
    assert_eq!(first.status.code(), Some(0), "{}", all_output(&first));
    let kept = out.join(".wel-afscherming.json");
    let stored: serde_json::Value = serde_json::from_slice(&std::fs::read(&kept).unwrap()).unwrap();
    let before = withheld_lines(&first);
    assert_eq!(stored["withheld"].as_array().unwrap().len(), before.len());
    assert!(before.iter().any(|l| l.contains("PO2030")), "{before:?}");

    // A file that withholds nothing, with the right key: the audit refuses the national
    // documents rather than publish a derivable count.
    let mut emptied = stored.clone();
    emptied["withheld"] = serde_json::json!([]);
    std::fs::write(&kept, serde_json::to_vec(&emptied).unwrap()).unwrap();
    let forged = wel_on("build", &inputs, &out, &["--only", "rapportage", "--force"]);
    assert_eq!(forged.status.code(), Some(1), "{}", all_output(&forged));
    assert!(
        all_output(&forged).contains("is af te leiden uit de gepubliceerde cijfers")
            || all_output(&forged).contains("in te perken tot"),
        "{}",
        all_output(&forged)
    );

    // A changed count is another key: the choice is made anew, as in an empty folder.
    std::fs::write(&kept, serde_json::to_vec(&stored).unwrap()).unwrap();
    set_count(
        &inputs.join("cijfers.xlsx"),
        "Jeugdigen",
        "PO2030",
        "2024-2025",
        "benaderd",
        30,
    );
    let again = wel_on("build", &inputs, &out, &only);
    assert_eq!(again.status.code(), Some(0), "{}", all_output(&again));
    let fresh = wel_on("build", &inputs, &dir.path().join("leeg"), &only);
    assert_eq!(withheld_lines(&again), withheld_lines(&fresh));
    assert_ne!(withheld_lines(&again), before, "the count change matters");
    // PO2030's benaderd is exact now: Overijssel's total of benaderd gives nothing away.
    assert!(
        before
            .iter()
            .any(|l| l.contains("totaal benaderd 2024-2025 in Overijssel"))
    );
    assert!(
        !withheld_lines(&again)
            .iter()
            .any(|l| l.contains("totaal benaderd 2024-2025 in Overijssel"))
    );

    // `wel check` reads the kept choice but never writes it.
    std::fs::remove_file(&kept).unwrap();
    let check = wel_on("check", &inputs, &out, &[]);
    assert_eq!(withheld_lines(&check), withheld_lines(&fresh));
    assert!(!kept.exists(), "check writes nothing");
}
