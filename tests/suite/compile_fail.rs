//! What the privacy types forbid does not compile, for the reason they name: every file in
//! `tests/compile_fail/` is compiled with `rustc` against the `wel` library this test run built,
//! and its errors must be exactly those in the `.stderr` file beside it (as trybuild does, on the
//! already built library instead of a second build of every dependency). A rename that breaks
//! an example gives another error and fails the test; `pass/` must compile.
//!
//! `WEL_BLESS=1` writes the `.stderr` files anew (then read them before committing).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::root;

/// The `wel` library (`libwel-*.rlib`) this test binary was built with: the newest in `deps/`.
fn library() -> (PathBuf, PathBuf) {
    let deps = Path::new(env!("CARGO_BIN_EXE_wel"))
        .parent()
        .unwrap()
        .join("deps");
    let newest = std::fs::read_dir(&deps)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("libwel-") && name.ends_with(".rlib")
        })
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .expect("the wel library is built before its tests");
    (deps, newest)
}

/// The errors `rustc` gives for `file`, one per line, with the file's own path made relative.
fn errors(file: &Path) -> (bool, String) {
    let (deps, lib) = library();
    let out_dir = tempfile::tempdir().unwrap();
    let o = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--error-format",
            "short",
        ])
        .arg("--crate-name")
        .arg("voorbeeld")
        .arg("-L")
        .arg(format!("dependency={}", deps.display()))
        .arg("--extern")
        .arg(format!("wel={}", lib.display()))
        .arg("--out-dir")
        .arg(out_dir.path())
        .arg(file)
        .output()
        .expect("rustc runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    let name = file.file_name().unwrap().to_string_lossy();
    let lines: Vec<String> = stderr
        .lines()
        .filter(|l| l.contains("error") && !l.starts_with("error: aborting"))
        .filter(|l| !l.starts_with("Some errors") && !l.starts_with("For more information"))
        .map(|l| l.replace(&file.display().to_string(), &name))
        .collect();
    (o.status.success(), lines.join("\n") + "\n")
}

#[test]
fn what_the_privacy_types_forbid_fails_with_the_error_it_names() {
    let dir = root().join("tests/compile_fail");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    let bless = std::env::var_os("WEL_BLESS").is_some();
    let mut wrong = Vec::new();
    for file in &files {
        let (compiled, got) = errors(file);
        let expected_file = file.with_extension("stderr");
        if bless {
            std::fs::write(&expected_file, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if compiled || got != expected {
            wrong.push(format!(
                "{}: compiled = {compiled}\n--- expected\n{expected}--- got\n{got}",
                file.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn what_a_view_may_do_compiles_against_the_same_library() {
    for file in std::fs::read_dir(root().join("tests/compile_fail/pass")).unwrap() {
        let file = file.unwrap().path();
        let (compiled, got) = errors(&file);
        assert!(compiled, "{}:\n{got}", file.display());
    }
}
