//! The whole pipeline on the bundled sample inputs: every document, its pages and its figures.

use std::path::Path;

use std::collections::BTreeMap;

use wel::model::{Measure, SchoolYear};

use crate::common::*;

/// The SWVs with a row for each school year, counted from the workbooks as read.
fn participation() -> BTreeMap<SchoolYear, usize> {
    let mut swvs: BTreeMap<SchoolYear, std::collections::BTreeSet<String>> = BTreeMap::new();
    for (code, year, _) in raw_values(&root().join("inputs")).keys() {
        swvs.entry(*year).or_default().insert(code.clone());
    }
    swvs.into_iter().map(|(y, s)| (y, s.len())).collect()
}

/// How a count of children is printed with threshold 5 (the sample's): `<5` for 1 to 4.
fn child_label(v: u32) -> String {
    match v {
        1..=4 => "<5".to_string(),
        v => dutch(v),
    }
}

/// A whole number in Dutch notation (`1.234`), computed here, not by wel.
fn dutch(v: u32) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[test]
fn check_accepts_the_sample_inputs() {
    let out = wel(&["check", "--inputs", root().join("inputs").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", all_output(&out));
    assert!(
        stdout(&out).contains("116 SWV's gelezen"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn build_writes_every_document_of_the_right_length() {
    let out = sample_build();
    for phase in 1..=3 {
        let pdf = out.join(format!("rapportage-fase-{phase}.pdf"));
        assert!(pdf.is_file(), "{} missing", pdf.display());
    }
    assert!(page_count(&out.join("rapportage-fase-1.pdf")) >= 8);
    assert!(out.join("brochure.pdf").is_file());
    let folders = std::fs::read_dir(root().join("inputs/swv"))
        .unwrap()
        .count();
    let regio = crate::common::one_pagers(out);
    assert_eq!(folders, 116);
    assert_eq!(regio.len(), folders, "one one-pager per SWV folder");
    for pdf in &regio {
        assert_eq!(
            page_count(pdf),
            1,
            "{} is not exactly one page",
            pdf.display()
        );
    }
}

#[test]
fn report_and_brochure_show_the_participation_per_school_year() {
    let out = sample_build();
    let participation = participation();
    let counts: Vec<usize> = participation.values().copied().collect();
    assert_eq!(
        counts,
        vec![44, 72, 98, 116],
        "the sample programme grows as the seeds tell"
    );
    // The growth chart's alt text lists every school year with its count, in order.
    let bars: Vec<String> = participation
        .iter()
        .map(|(y, n)| format!("{y}: {n}"))
        .collect();
    let growth = format!(
        "Staafdiagram: aantal deelnemende SWV's per schooljaar: {}.",
        bars.join("; ")
    );
    for doc in ["rapportage-fase-3.pdf", "brochure.pdf"] {
        let alts = alt_texts(&out.join(doc));
        assert!(alts.contains(&growth), "{doc}: {alts:#?}");
    }
    // Each report's table has a row per school year of its phase: the year, then the SWVs.
    for (phase, years) in [(1, vec![2021]), (2, vec![2022, 2023]), (3, vec![2024])] {
        let text = pdf_text(&out.join(format!("rapportage-fase-{phase}.pdf")));
        for start in years {
            let year = SchoolYear::new(start);
            let row: Vec<&str> = text
                .lines()
                .map(str::split_whitespace)
                .map(Iterator::collect)
                .find(|f: &Vec<&str>| f.len() == 8 && f[0] == year.label())
                .unwrap_or_else(|| panic!("fase {phase}: no table row for {year}"));
            assert_eq!(
                row[1],
                participation[&year].to_string(),
                "fase {phase}: {row:?}"
            );
        }
    }
    // Phase 1's row as the seed report gives it: 44 SWVs, 20 children approached, 16
    // workshops, 20 interviews (vrijstelling and absoluut verzuim withheld: with only the
    // pilot regions' small counts in them, "<5" would say more than each count's own "<5").
    let phase1 = pdf_text(&out.join("rapportage-fase-1.pdf"));
    let row = phase1
        .lines()
        .find(|l| l.trim_start().starts_with("2021-2022 "))
        .unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["2021-2022", "44", "20", "12", "×", "×", "16", "20"]
    );
}

/// The key figures of a one-pager as printed: the numbers between "Kerncijfers <year>" and
/// their first label, in order.
fn key_figures(text: &str, year: &str) -> Vec<String> {
    let start = text
        .find(&format!("Kerncijfers {year}"))
        .unwrap_or_else(|| panic!("no key figures for {year}"));
    text[start..]
        .lines()
        .skip(1)
        .take_while(|l| {
            !l.contains("jeugdigen") && !l.contains("werkateliers") && !l.contains("weer in")
        })
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '<' || c == '×')
        })
        .map(String::from)
        .collect()
}

#[test]
fn every_one_pager_shows_its_own_latest_figures() {
    let out = sample_build();
    let values = raw_values(&root().join("inputs"));
    let mut latest: BTreeMap<String, SchoolYear> = BTreeMap::new();
    for (code, year, _) in values.keys() {
        let y = latest.entry(code.clone()).or_insert(*year);
        *y = (*y).max(*year);
    }
    assert_eq!(latest.len(), 116);
    let mut checked = 0;
    for (code, year) in &latest {
        let text = pdf_text_plain(&out.join(format!("regio/{code}.pdf")));
        let value = |m| values.get(&(code.clone(), *year, m)).copied();
        // In the order of the strip: benaderd, in ontwikkeling, vrijstelling, absoluut
        // verzuim (children: the small-count rule), werkateliers, deelnemers; a figure not
        // reported is left out, not printed as a dash.
        let mut expected: Vec<String> = [
            Measure::Benaderd,
            Measure::InOntwikkeling,
            Measure::Vrijstelling5a,
            Measure::AbsoluutVerzuim,
        ]
        .into_iter()
        .filter_map(value)
        .map(child_label)
        .collect();
        expected.extend(value(Measure::Werkateliers).map(dutch));
        expected.extend(value(Measure::Deelnemers).map(dutch));
        // A count withheld beside a small one of its row (secondary suppression) is `×`.
        let shown = key_figures(&text, &year.label());
        assert_eq!(shown.len(), expected.len(), "{code}: key figures of {year}");
        for (s, e) in shown.iter().zip(&expected) {
            assert!(
                s == e || s == "×",
                "{code}: key figures of {year}: {shown:?} {expected:?}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 116);
}

#[test]
fn changing_one_count_changes_its_one_pager_and_the_national_total() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    copy_dir(&root().join("inputs"), &inputs);
    let out = dir.path().join("out");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "build",
            "--inputs",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--only",
            "regio",
            "--swv",
            "PO2801",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| wel(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(run(args(&[])).status.success());
    let before = pdf_text(&out.join("regio/PO2801.pdf"));
    assert!(!before.contains("4.321"));
    set_count(
        &inputs.join("swv/PO2801/cijfers.xlsx"),
        "Jeugdigen",
        "PO2801",
        "2024-2025",
        "benaderd",
        4321,
    );
    let o = run(args(&[]));
    assert!(o.status.success(), "{}", all_output(&o));
    let after = pdf_text(&out.join("regio/PO2801.pdf"));
    assert!(
        after.contains("4.321"),
        "the new count appears in Dutch notation"
    );
    assert_ne!(before, after);
    // The national total for 2024-2025 in the phase-3 report changes with it.
    let report = |dir: &Path| {
        let o = wel(&[
            "build",
            "--inputs",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--only",
            "rapportage",
        ]);
        assert!(o.status.success(), "{}", all_output(&o));
        pdf_text(&out.join("rapportage-fase-3.pdf"))
    };
    let changed = report(&inputs);
    let original = pdf_text(&sample_build().join("rapportage-fase-3.pdf"));
    assert_ne!(changed, original, "the phase-3 report shows the new total");
}

#[test]
fn builds_are_byte_identical() {
    let first = sample_build();
    let dir = tempfile::tempdir().unwrap();
    let o = wel(&[
        "build",
        "--inputs",
        root().join("inputs").to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
        "--only",
        "brochure",
        "--only",
        "rapportage",
    ]);
    assert!(o.status.success());
    for name in [
        "brochure.pdf",
        "rapportage-fase-1.pdf",
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
    ] {
        assert_eq!(
            std::fs::read(first.join(name)).unwrap(),
            std::fs::read(dir.path().join(name)).unwrap(),
            "{name} differs"
        );
    }
}

#[test]
fn every_pdf_is_marked_as_sample_data() {
    let out = sample_build();
    for name in ["brochure.pdf", "rapportage-fase-1.pdf", "regio/PO2801.pdf"] {
        assert!(
            pdf_text(&out.join(name)).contains("voorbeeldgegevens"),
            "{name}"
        );
    }
}

/// A build plans every document once (the ledger protection works on, and the views the
/// documents are made from, are one plan); so does the check, which runs the same pipeline.
#[test]
fn planning_runs_once_per_build_and_per_check() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = fixture("good/minimaal");
    let out = dir.path().join("uit");
    for command in ["build", "check"] {
        let o = wel_on(command, &inputs, &out, &["--timings"]);
        assert!(o.status.success(), "{}", all_output(&o));
        assert!(
            stderr(&o).contains("plannen (1 keer)"),
            "{command}: {}",
            stderr(&o)
        );
    }
}

/// A build lays a one-pager out in two runs (the search, then the page from its outcome, see
/// `render::world::Run`); the page is the one `typst compile` makes in one run, to the byte.
/// Reports and the brochure have no search of their own and take one run.
#[test]
fn a_one_pager_laid_out_in_two_runs_is_the_page_of_one_run() {
    use wel::render::compile::{layout, pdf_options};
    use wel::render::{DocumentInput, Engine, Run, templates};
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump");
    let o = wel_on(
        "build",
        &root().join("inputs"),
        &dir.path().join("uit"),
        &["--dump-typst-inputs", dump.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", all_output(&o));
    let photos: Vec<(String, Vec<u8>)> = std::fs::read_dir(dump.join("foto"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            (format!("/foto/{name}"), std::fs::read(&p).unwrap())
        })
        .collect();
    let engine = Engine::new(templates::embedded());
    let jobs = std::fs::read_to_string(dump.join("jobs.tsv")).unwrap();
    let mut one_pagers = 0;
    for line in jobs.lines() {
        let [template, data, name] = line.split('\t').collect::<Vec<_>>()[..] else {
            panic!("{line}")
        };
        let input = DocumentInput {
            template: template.to_string(),
            data: std::fs::read(dump.join(data)).unwrap(),
            assets: photos.clone(),
        };
        let (two, runs) = layout(&engine, &input, Run::Search).unwrap();
        let (one, one_run) = layout(&engine, &input, Run::Whole).unwrap();
        let regio = template == "regio.typ";
        assert_eq!((runs, one_run), (if regio { 2 } else { 1 }, 1), "{name}");
        if regio {
            one_pagers += 1;
            let pdf = |d| typst_pdf::pdf(d, &pdf_options(name)).unwrap();
            assert!(pdf(&two) == pdf(&one), "{name}: two runs differ from one");
        }
    }
    assert_eq!(one_pagers, 116);
}
