//! Incremental builds: which documents are rebuilt after which change (not timed).

use std::path::{Path, PathBuf};

use wel::outputs::Outcome;
use wel::pipeline::{BuildOptions, BuildReport, build};

use crate::common::*;

struct Case {
    _dir: tempfile::TempDir,
    inputs: PathBuf,
    out: PathBuf,
}

fn case() -> Case {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let out = dir.path().join("out");
    Case {
        inputs,
        out,
        _dir: dir,
    }
}

fn run(c: &Case, tweak: impl FnOnce(&mut BuildOptions)) -> BuildReport {
    let mut options = BuildOptions::new(&c.inputs, &c.out);
    tweak(&mut options);
    let report = build(&options).unwrap();
    assert!(!report.has_failures(), "{:?}", report.outcomes);
    report
}

fn built(r: &BuildReport) -> Vec<String> {
    r.outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Built { .. }))
        .map(|(id, _)| id.key())
        .collect()
}

/// Every document, in the order outcomes are reported: reports, one-pagers, brochure.
const ALL: [&str; 4] = [
    "rapportage-fase-1.pdf",
    "regio/PO1001.pdf",
    "regio/VO1002.pdf",
    "brochure.pdf",
];

#[test]
fn nothing_changed_builds_nothing() {
    let c = case();
    assert_eq!(built(&run(&c, |_| {})), ALL);
    let again = run(&c, |_| {});
    assert_eq!(again.built(), 0);
    assert_eq!(again.up_to_date(), 4);
}

#[test]
fn a_text_change_rebuilds_only_that_one_pager() {
    let c = case();
    run(&c, |_| {});
    edit_summary_text(&c.inputs.join("swv/PO1001/samenvatting.toml"));
    assert_eq!(built(&run(&c, |_| {})), ["regio/PO1001.pdf"]);
}

/// Changes one sentence of a summary (a real text change, no figures).
fn edit_summary_text(summary: &Path) {
    let before = std::fs::read_to_string(summary).unwrap();
    let after = before.replace("Een korte samenvatting", "Een andere samenvatting");
    assert_ne!(before, after, "the fixture has the sentence to change");
    std::fs::write(summary, after).unwrap();
}

#[test]
fn touching_a_file_without_changing_it_rebuilds_nothing() {
    let c = case();
    run(&c, |_| {});
    let summary = c.inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read(&summary).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&summary, text).unwrap();
    assert_eq!(run(&c, |_| {}).built(), 0);
}

#[test]
fn a_figure_change_rebuilds_its_one_pager_and_the_report_with_totals() {
    let c = case();
    run(&c, |_| {});
    set_count(
        &c.inputs.join("cijfers.xlsx"),
        "Jeugdigen",
        "VO1002",
        "2023-2024",
        "benaderd",
        44,
    );
    // The brochure of this fixture shows only the number of SWVs, which did not change.
    // PO1001's one-pager shows the national totals (it has fewer than four school years).
    assert_eq!(
        built(&run(&c, |_| {})),
        [
            "rapportage-fase-1.pdf",
            "regio/PO1001.pdf",
            "regio/VO1002.pdf"
        ]
    );
}

#[test]
fn a_deleted_or_altered_output_is_rebuilt() {
    let c = case();
    run(&c, |_| {});
    std::fs::remove_file(c.out.join("regio/PO1001.pdf")).unwrap();
    let brochure = c.out.join("brochure.pdf");
    let mut bytes = std::fs::read(&brochure).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(&brochure, bytes).unwrap();
    assert_eq!(
        built(&run(&c, |_| {})),
        ["regio/PO1001.pdf", "brochure.pdf"]
    );
}

#[test]
fn deleted_bundles_and_manifest_are_written_again_without_recompiling() {
    let c = case();
    let bundles = |o: &mut BuildOptions| o.bundles = true;
    run(&c, bundles);
    std::fs::remove_file(c.out.join("bundels/PO1001.zip")).unwrap();
    std::fs::remove_file(c.out.join("manifest.json")).unwrap();
    let again = run(&c, bundles);
    assert_eq!(again.built(), 0, "the PDFs are intact");
    assert!(c.out.join("bundels/PO1001.zip").is_file() && c.out.join("manifest.json").is_file());
}

#[test]
fn a_plain_build_writes_no_bundles_and_removes_only_outdated_ones() {
    let c = case();
    run(&c, |_| {});
    assert!(
        !c.out.join("bundels").exists(),
        "wel build makes no bundles"
    );
    let bundled = run(&c, |o| o.bundles = true);
    assert_eq!(
        bundled.built(),
        0,
        "wel bundle after wel build compiles nothing"
    );
    assert_eq!(bundled.delivered.bundles, 3, "two SWVs and landelijk.zip");
    let zips = ["PO1001.zip", "VO1002.zip", "landelijk.zip"];
    for z in zips {
        assert!(c.out.join("bundels").join(z).is_file(), "{z}");
    }
    let untouched = std::fs::read(c.out.join("bundels/VO1002.zip")).unwrap();

    edit_summary_text(&c.inputs.join("swv/PO1001/samenvatting.toml"));
    let after = run(&c, |_| {});
    assert_eq!(built(&after), ["regio/PO1001.pdf"]);
    assert_eq!(
        after.delivered.stale_removed, 2,
        "PO1001.zip and landelijk.zip"
    );
    assert!(
        after
            .summary_line()
            .contains("2 verouderde bundels verwijderd")
    );
    assert!(!c.out.join("bundels/PO1001.zip").exists());
    assert!(!c.out.join("bundels/landelijk.zip").exists());
    assert_eq!(
        std::fs::read(c.out.join("bundels/VO1002.zip")).unwrap(),
        untouched
    );
    let manifest = wel::export::manifest::Manifest::read(&c.out.join("manifest.json")).unwrap();
    let listed: Vec<&str> = manifest.bundels.iter().map(|b| b.pad.as_str()).collect();
    assert_eq!(
        listed,
        ["bundels/VO1002.zip"],
        "the manifest lists only current bundles"
    );

    let again = run(&c, |o| o.bundles = true);
    assert_eq!(again.built(), 0);
    for z in zips {
        assert!(c.out.join("bundels").join(z).is_file(), "{z} made again");
    }
    assert_eq!(
        std::fs::read(c.out.join("bundels/VO1002.zip")).unwrap(),
        untouched
    );
}

#[test]
fn force_rebuilds_everything() {
    let c = case();
    run(&c, |_| {});
    assert_eq!(built(&run(&c, |o| o.force = true)), ALL);
}

#[test]
fn a_template_change_rebuilds_only_documents_of_that_template() {
    let c = case();
    let templates = c.out.parent().unwrap().join("templates");
    copy_dir(&root().join("templates"), &templates);
    let with_templates = |o: &mut BuildOptions| o.templates = Some(templates.clone());
    run(&c, with_templates);
    let regio = templates.join("regio.typ");
    let text = std::fs::read_to_string(&regio).unwrap();
    std::fs::write(&regio, text + "\n// changed\n").unwrap();
    assert_eq!(
        built(&run(&c, with_templates)),
        ["regio/PO1001.pdf", "regio/VO1002.pdf"]
    );
    append(&templates.join("lib/huisstijl.typ"), "\n// changed\n");
    assert_eq!(
        built(&run(&c, with_templates)),
        ALL,
        "the shared house style affects every document"
    );
}

fn append(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, old + text).unwrap();
}

#[test]
fn a_changed_summary_is_compiled_ahead_and_gives_the_same_bytes() {
    let c = case();
    run(&c, |_| {});
    for code in ["PO1001", "VO1002"] {
        // VO1002's figures live in the national workbook, PO1001's in its own folder.
        let summary = c.inputs.join(format!("swv/{code}/samenvatting.toml"));
        let text = std::fs::read_to_string(&summary).unwrap();
        let marker = format!("Vooruit gemaakt voor {code}.");
        std::fs::write(
            &summary,
            text.replacen(
                "samenvatting = \"\"\"\n",
                &format!("samenvatting = \"\"\"\n{marker} "),
                1,
            ),
        )
        .unwrap();
        let report = run(&c, |_| {});
        let output = format!("regio/{code}.pdf");
        assert_eq!(built(&report), [output.as_str()]);
        // Both took part in fewer than four school years: their one-pagers show the national
        // picture, which compiling ahead (one folder read) cannot know. The hash of what goes
        // into the document rejects the early result, and the document is made in place.
        let expected = 0;
        assert_eq!(report.timings.ahead_used, expected, "{code} compiled ahead");
        let pdf = c.out.join(&output);
        assert!(
            pdf_text(&pdf).contains(&marker),
            "the new text is in the PDF"
        );
        let ahead = std::fs::read(&pdf).unwrap();
        let forced = run(&c, |o| o.force = true);
        assert_eq!(
            forced.timings.ahead_used, 0,
            "--force compiles everything in place"
        );
        assert_eq!(std::fs::read(&pdf).unwrap(), ahead, "same bytes either way");
    }
}

#[test]
fn nothing_is_compiled_ahead_when_files_outside_swv_folders_changed() {
    let c = case();
    run(&c, |_| {});
    edit_summary_text(&c.inputs.join("swv/PO1001/samenvatting.toml"));
    let project = c.inputs.join("project.toml");
    let text = std::fs::read_to_string(&project).unwrap();
    std::fs::write(&project, format!("{text}\n# opmerking\n")).unwrap();
    let report = run(&c, |_| {});
    assert_eq!(built(&report), ["regio/PO1001.pdf"]);
    assert_eq!(report.timings.ahead_used, 0);
    assert_eq!(report.timings.ahead, 0.0, "no look-ahead read at all");
}

#[test]
fn a_return_beside_the_national_workbook_is_built_with_its_own_figures() {
    let c = case();
    run(&c, |_| {});
    // VO1002's rows, changed, in its own folder beside the national workbook: one truth, its
    // own return counts (the one-pager is compiled ahead too; whether that result can be used
    // is for the full read to say).
    let copy = c.inputs.join("swv/VO1002/cijfers.xlsx");
    std::fs::copy(c.inputs.join("cijfers.xlsx"), &copy).unwrap();
    set_count(&copy, "Jeugdigen", "VO1002", "2023-2024", "benaderd", 44);
    let report = build(&BuildOptions::new(&c.inputs, &c.out)).unwrap();
    assert!(report.timings.ahead > 0.0, "VO1002 was compiled ahead");
    let outcome = report
        .outcomes
        .iter()
        .find(|(id, _)| id.key() == "regio/VO1002.pdf")
        .map(|(_, o)| o.clone());
    assert!(
        matches!(outcome, Some(Outcome::Built { .. })),
        "{outcome:?}"
    );
    let text = pdf_text(&c.out.join("regio/VO1002.pdf"));
    assert!(text.contains("44"), "its own figure counts: {text}");
}
