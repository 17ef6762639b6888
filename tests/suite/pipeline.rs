//! The whole pipeline on the bundled sample inputs: every document, its pages and its figures.

use std::path::Path;

use wel::assemble::load;
use wel::checks::small_counts::Shown;
use wel::inputs::set::LoadOptions;

use crate::common::*;

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
    let regio: Vec<_> = std::fs::read_dir(out.join("regio"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
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
    let loaded = load(&root().join("inputs"), &LoadOptions::default());
    let participation = loaded.programme.unwrap().participation();
    let counts: Vec<usize> = participation.values().copied().collect();
    assert_eq!(
        counts,
        vec![44, 72, 98, 116],
        "the sample programme grows as the seeds tell"
    );
    let report = pdf_text(&out.join("rapportage-fase-3.pdf"));
    let brochure = pdf_text(&out.join("brochure.pdf"));
    for text in [&report, &brochure] {
        for (year, n) in &participation {
            let line = text
                .lines()
                .find(|l| l.contains(&year.label()))
                .unwrap_or_default();
            assert!(text.contains(&year.label()), "school year {year} missing");
            let _ = line;
            assert!(
                text.contains(&n.to_string()),
                "count {n} for {year} missing"
            );
        }
    }
    let phase1 = pdf_text(&out.join("rapportage-fase-1.pdf"));
    assert!(
        phase1.contains("16") && phase1.contains("200") && phase1.contains("44"),
        "seed figures of phase 1"
    );
}

#[test]
fn every_one_pager_shows_its_own_latest_figures() {
    let out = sample_build();
    let loaded = load(&root().join("inputs"), &LoadOptions::default());
    let programme = loaded.programme.unwrap();
    let t = programme.project.drempel;
    for swv in &programme.swvs {
        let text = pdf_text(&out.join(format!("regio/{}.pdf", swv.code)));
        assert!(
            text.contains(&swv.code.display_form()),
            "{}: code",
            swv.code
        );
        let (year, figures) = swv.years.iter().next_back().unwrap();
        assert!(
            text.contains(&format!("Kerncijfers {year}")),
            "{}: latest year",
            swv.code
        );
        if let Some(j) = figures.jeugdigen {
            let label = Shown::of(j.benaderd, t).label(t);
            assert!(
                text.contains(&label),
                "{}: benaderd {label} not in PDF",
                swv.code
            );
        }
        if let Some(a) = figures.activiteiten {
            let label = Shown::of(a.deelnemers, 1).label(1);
            assert!(
                text.contains(&label),
                "{}: deelnemers {label} not in PDF",
                swv.code
            );
        }
    }
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
