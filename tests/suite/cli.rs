//! The command line: help, usage errors and exit codes.

use crate::common::*;

#[test]
fn help_is_in_dutch_and_names_the_commands() {
    let out = wel(&["--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for word in ["build", "check", "sample", "Maakt de PDF's", "Afsluitcode"] {
        assert!(text.contains(word), "{word} missing in help:\n{text}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(wel(&["build", "--only", "poster"]).status.code(), Some(2));
    assert_eq!(wel(&["bouw"]).status.code(), Some(2));
    let bad_code = wel(&["build", "--swv", "XX12"]);
    assert_eq!(bad_code.status.code(), Some(2));
    assert!(stderr(&bad_code).contains("geen geldige SWV-code"));
}

#[test]
fn unknown_swv_is_a_usage_error() {
    let out = wel(&[
        "build",
        "--inputs",
        fixture("good/minimaal").to_str().unwrap(),
        "--out",
        tempfile::tempdir().unwrap().path().to_str().unwrap(),
        "--swv",
        "PO9999",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(stderr(&out).contains("PO9999 bestaat niet"));
}

#[test]
fn missing_inputs_folder_is_reported_not_a_panic() {
    let out = wel(&["check", "--inputs", "/nonexistent/wel-inputs"]);
    assert_eq!(out.status.code(), Some(1));
    let text = all_output(&out);
    assert!(
        text.contains("project.toml ontbreekt") && !text.contains("panicked"),
        "{text}"
    );
}

#[test]
fn sample_writes_any_number_of_valid_swvs() {
    // 850 is past the point where an earlier code scheme ran out of unique SWV codes.
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let o = wel(&["sample", "--swvs", "850", "--out", inputs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", all_output(&o));
    assert_eq!(std::fs::read_dir(inputs.join("swv")).unwrap().count(), 850);
    let check = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
    assert!(stdout(&check).contains("850 SWV's gelezen"));
}
