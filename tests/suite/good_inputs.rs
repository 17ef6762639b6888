//! Messy but valid inputs are accepted and read exactly; every workbook format reads the same.

use wel::assemble::load;
use wel::inputs::set::{LoadOptions, read};
use wel::model::{Province, SchoolYear, SwvCode};

use crate::common::*;

/// The values of a children row as read: benaderd, in ontwikkeling, vrijstelling 5a, absoluut
/// verzuim (the model holds no values; the reader's rows do).
type Children = [Option<u32>; 4];

/// Every children row of an input set, as read: (code, school year's start, values).
fn figures(set: &str) -> Vec<(String, u16, Children)> {
    let raw = read(&fixture(set), &LoadOptions::default());
    assert!(
        !raw.problems.has_errors(),
        "{set}: {:?}",
        raw.problems.sorted()
    );
    let mut rows: Vec<(String, u16, Children)> = raw
        .folders
        .iter()
        .flat_map(|f| &f.tables.jeugdigen)
        .chain(raw.national.iter().flat_map(|(_, t)| &t.jeugdigen))
        .map(|r| (r.code.to_string(), r.schooljaar.start(), r.values))
        .collect();
    rows.sort();
    rows
}

/// The children row of `code` in the school year starting in `year`.
fn children(set: &str, code: &str, year: u16) -> Children {
    figures(set)
        .into_iter()
        .find(|r| r.0 == code && r.1 == year)
        .unwrap_or_else(|| panic!("{set}: no row for {code} {year}"))
        .2
}

#[test]
fn every_workbook_format_reads_the_same_figures() {
    let reference = figures("good/formaat-xlsx");
    assert_eq!(reference.len(), 3);
    for ext in ["xlsm", "xls", "ods"] {
        assert_eq!(figures(&format!("good/formaat-{ext}")), reference, "{ext}");
    }
    let po = reference
        .iter()
        .find(|r| r.0 == "PO1001" && r.1 == 2023)
        .unwrap();
    assert_eq!(po.2, [Some(20), Some(11), Some(12), Some(8)]);
}

#[test]
fn messy_files_are_read_as_meant() {
    let loaded = load(&fixture("good/rommelig"), &LoadOptions::default());
    assert!(
        !loaded.problems.has_errors(),
        "{:?}",
        loaded.problems.sorted()
    );
    let warnings: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("\"contactpersoon\" hoort niet bij het invoerformat")),
        "{warnings:?}"
    );
    let programme = loaded.programme.unwrap();
    let swv = programme.swv(&SwvCode::parse("PO1001").unwrap()).unwrap();
    assert_eq!(swv.naam, "Samenwerkingsverband Súdwest-Fryslân");
    assert_eq!(swv.provincie, Province::Fryslan);
    assert_eq!(swv.gemeenten, 3, "numeric text with spaces");
    assert_eq!(swv.deelname_sinds, SchoolYear::new(2022), "22/23");
    let y22 = children("good/rommelig", "PO1001", 2022);
    assert_eq!(y22, [Some(12), Some(6), Some(8), Some(4)]);
    let y23 = children("good/rommelig", "PO1001", 2023);
    assert_eq!(y23[1], Some(11), "formula cell: its cached value counts");
    assert_eq!(y23[3], None, "an empty count stays unknown, not zero");
    let summary = swv.one_pager_summary().unwrap();
    assert!(
        summary.samenvatting.as_str().starts_with("Güneş en Ayşe"),
        "BOM stripped: {:?}",
        &summary.samenvatting.as_str()[..20]
    );
    assert!(
        !summary.samenvatting.as_str().contains('\r'),
        "CRLF normalised"
    );
}

#[test]
fn texts_appear_literally_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let o = wel_on("build", &fixture("good/rommelig"), dir.path(), &[]);
    assert!(o.status.success(), "{}", all_output(&o));
    let flat = pdf_text_flow(&dir.path().join("regio/PO1001.pdf"));
    for literal in [
        "#set page(width: 1cm)",
        "$x$",
        "<label>",
        "@ref",
        "_x_",
        "\\",
        "`code`",
        "*tekens*",
        "Güneş",
        "Ayşe",
        "مرحبا",
    ] {
        assert!(
            flat.contains(literal),
            "{literal:?} not literal in:\n{flat}"
        );
    }
    assert_eq!(page_count(&dir.path().join("regio/PO1001.pdf")), 1);
}

#[test]
fn a_character_no_font_has_is_a_warning_naming_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_with_summary(dir.path(), |t| t.replace("Luisteren", "Luisteren 漢字"));
    let check = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "a warning, not an error: {}",
        all_output(&check)
    );
    let out = all_output(&check);
    assert!(
        out.contains("swv/PO1001/samenvatting.toml, wat_werkt[1]"),
        "{out}"
    );
    assert!(
        out.contains("'漢' (U+6F22)") && out.contains("Luisteren 漢字"),
        "{out}"
    );
    let build = wel_on(
        "build",
        &inputs,
        &dir.path().join("out"),
        &["--swv", "PO1001"],
    );
    assert!(
        build.status.success(),
        "the document is still made: {}",
        all_output(&build)
    );
    let pdf = pdf_text_flow(&dir.path().join("out/regio/PO1001.pdf"));
    assert!(
        pdf.contains("Luisteren □□"),
        "the missing characters are shown as boxes: {pdf}"
    );
}

/// A private-use character (PDF/A forbids it; the font may even have a glyph for it) made
/// the export fail; now it is a warning in check and build alike, and shown as a box.
#[test]
fn a_private_use_character_is_a_warning_in_check_and_build_alike() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_with_summary(dir.path(), |t| t.replace("Luisteren", "Luisteren \u{E000}"));
    let out = dir.path().join("out");
    let check = wel_on("check", &inputs, &out, &[]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
    assert!(
        all_output(&check).contains("(U+E000)"),
        "{}",
        all_output(&check)
    );
    let build = wel_on("build", &inputs, &out, &[]);
    assert!(build.status.success(), "{}", all_output(&build));
    let pdf = pdf_text_flow(&out.join("regio/PO1001.pdf"));
    assert!(pdf.contains("Luisteren □"), "{pdf}");
}

/// An empty summary or `wat_werkt` is a warning naming the SWV, and the one-pager shows no
/// empty heading for it.
#[test]
fn empty_texts_are_a_warning_and_leave_no_empty_heading() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_with_summary(dir.path(), |t| {
        t.replace("Een korte samenvatting voor PO1001.", "")
            .replace(
                r#"wat_werkt = ["Luisteren", "Tijd nemen"]"#,
                r#"wat_werkt = ["", " "]"#,
            )
    });
    let check = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
    let out = all_output(&check);
    assert!(out.contains("== PO1001"), "{out}");
    assert!(out.contains("de samenvatting is leeg"), "{out}");
    assert!(
        out.contains("wat_werkt is leeg of heeft een leeg punt"),
        "{out}"
    );
    let target = dir.path().join("out");
    let build = wel_on("build", &inputs, &target, &["--only", "regio"]);
    assert!(build.status.success(), "{}", all_output(&build));
    let page = pdf_text_flow(&target.join("regio/PO1001.pdf"));
    assert!(!page.contains("Samenvatting"), "{page}");
    // The page's own "Wat werkt" is gone (the national picture's "Wat werkt volgens de
    // regio's" may stand below it).
    assert!(!page.lines().any(|l| l.trim() == "Wat werkt"), "{page}");
}
