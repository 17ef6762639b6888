//! The bad-input corpus: every folder under `tests/fixtures/bad/` has one defect and a
//! `verwacht.txt` listing texts the error output must contain (`!text`: must not contain).
//! Regenerate with `python3 tests/fixtures/maak_fixtures.py`.

use crate::common::*;

#[test]
fn every_bad_fixture_is_refused_with_its_place_named() {
    let dir = fixture("bad");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 40,
        "the corpus holds at least 40 bad inputs, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let expected = std::fs::read_to_string(case.join("verwacht.txt")).unwrap();
        let out = wel(&["check", "--inputs", case.to_str().unwrap()]);
        let text = all_output(&out);
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{}: exit code {:?}, expected 1\n{text}",
                case.display(),
                out.status.code()
            ));
        }
        for line in expected.lines().filter(|l| !l.is_empty()) {
            match line.strip_prefix('!') {
                Some(secret) if text.contains(secret) => {
                    failures.push(format!("{}: output repeats {secret:?}", case.display()))
                }
                Some(_) => {}
                None if !text.contains(line) => {
                    failures.push(format!("{}: missing {line:?} in\n{text}", case.display()))
                }
                None => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_broken_swv_does_not_stop_the_other_and_keeps_its_old_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let out = dir.path().join("out");
    let build = || {
        wel(&[
            "build",
            "--inputs",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--only",
            "regio",
        ])
    };
    let first = build();
    assert!(first.status.success(), "{}", all_output(&first));
    let old = std::fs::read(out.join("regio/PO1001.pdf")).unwrap();
    // Break PO1001's summary; VO1002 stays good.
    std::fs::write(
        inputs.join("swv/PO1001/samenvatting.toml"),
        "code = \"PO1001\"\nschooljaar = ",
    )
    .unwrap();
    std::fs::remove_file(out.join("regio/VO1002.pdf")).unwrap();
    let second = build();
    assert_eq!(second.status.code(), Some(1), "{}", all_output(&second));
    let text = all_output(&second);
    assert!(text.contains("niet gemaakt: regio/PO1001.pdf"), "{text}");
    assert!(text.contains("1 gebouwd"), "{text}");
    assert!(
        out.join("regio/VO1002.pdf").is_file(),
        "the good SWV is built"
    );
    assert_eq!(
        std::fs::read(out.join("regio/PO1001.pdf")).unwrap(),
        old,
        "the previous good PDF survives"
    );
    let leftovers: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no partial files: {leftovers:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn check_lists_all_problems_of_all_swvs_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("bad/onbekende-rol"), &inputs);
    // A second, unrelated defect in the other SWV.
    std::fs::write(
        inputs.join("swv/VO1002/samenvatting.toml"),
        "code = \"VO1002\"\nschooljaar = \"2023-2024\"\n",
    )
    .unwrap();
    let out = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    let text = all_output(&out);
    assert!(
        text.contains("== PO1001") && text.contains("== VO1002"),
        "grouped by SWV:\n{text}"
    );
    assert!(text.contains("rol \"docent\" is onbekend"));
    assert!(text.contains("verplichte sleutel \"samenvatting\" ontbreekt"));
}

#[test]
fn personal_data_can_be_allowed_explicitly_and_is_reported() {
    let case = fixture("bad/naam-kolom");
    let out = wel(&[
        "check",
        "--inputs",
        case.to_str().unwrap(),
        "--allow-personal-data",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", all_output(&out));
    assert!(
        stdout(&out).contains("LET OP: 1 vermoedelijke persoonsgegevens toegelaten"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_one_pager_that_does_not_fit_fails_naming_swv_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let out = wel(&[
        "build",
        "--inputs",
        fixture("good/te-lang").to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
        "--only",
        "regio",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", all_output(&out));
    let text = all_output(&out);
    assert!(text.contains("mislukt: regio/PO1001.pdf"), "{text}");
    assert!(text.contains("PO1001 past niet op één A4-pagina"), "{text}");
    assert!(
        text.contains("het langste tekstveld is samenvatting"),
        "{text}"
    );
    assert!(
        !dir.path().join("regio/PO1001.pdf").exists(),
        "no two-page one-pager is written"
    );
    assert!(dir.path().join("regio/VO1002.pdf").exists());
}

#[test]
fn a_suppressed_count_appears_nowhere_on_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = wel(&[
        "build",
        "--inputs",
        fixture("good/kleine-aantallen").to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
        "--only",
        "regio",
    ]);
    assert!(out.status.success(), "{}", all_output(&out));
    let pdf = dir.path().join("regio/PO1001.pdf");
    let text = pdf_text(&pdf);
    let tokens: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit() && c != '-' && c != '<')
        .filter(|t| !t.is_empty())
        .collect();
    assert!(
        text.contains("<5"),
        "the small count is shown as <5:\n{text}"
    );
    for secret in ["3", "-3", "15", "+3"] {
        assert!(
            !tokens.contains(&secret),
            "{secret} is printed on the page:\n{text}"
        );
    }
    // The chart's alt text (in the PDF structure) must not reveal it either.
    let plain = dir.path().join("plain.pdf");
    let qdf = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable", "--decode-level=all"])
        .arg(&pdf)
        .arg(&plain)
        .status()
        .expect("qpdf must be installed");
    assert!(qdf.success());
    let raw = String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).into_owned();
    assert!(
        raw.contains("in ontwikkeling <5"),
        "the alt text is readable after decompression"
    );
    assert!(
        !raw.contains("in ontwikkeling 3"),
        "alt text reveals the count"
    );
    assert!(
        text.contains("12") && text.contains("20"),
        "unsuppressed counts are shown:\n{text}"
    );
}

#[test]
fn workbooks_with_personal_data_are_never_kept_in_the_workbook_cache() {
    let case = fixture("bad/bsn-in-cel");
    for allow in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec![
            "build",
            "--inputs",
            case.to_str().unwrap(),
            "--out",
            dir.path().to_str().unwrap(),
        ];
        if allow {
            args.push("--allow-personal-data");
        }
        let out = wel(&args);
        assert_eq!(
            out.status.code(),
            Some(if allow { 0 } else { 1 }),
            "{}",
            all_output(&out)
        );
        let cache = std::fs::read_to_string(dir.path().join(".wel-werkboeken")).unwrap();
        let bsn_file = std::fs::read(case.join("swv/PO1001/cijfers.xlsx")).unwrap();
        let bsn_key = wel::inputs::workbook_cache::WorkbookCache::key(&bsn_file);
        let clean_key = wel::inputs::workbook_cache::WorkbookCache::key(
            &std::fs::read(case.join("cijfers.xlsx")).unwrap(),
        );
        assert!(
            !cache.contains(&bsn_key),
            "the workbook with a BSN is not cached"
        );
        assert!(
            !cache.contains("111222333"),
            "the BSN is nowhere in the cache"
        );
        assert!(cache.contains(&clean_key), "a clean workbook is cached");
    }
}
