//! Build script: fingerprints the house fonts at compile time (they are compiled into the
//! binary), so a build never hashes megabytes of font data at run time; and records the
//! calamine version, part of the key of the workbook cache; and writes one test function per
//! bad-input fixture folder for the integration suite.

use std::fs;

fn main() {
    let mut names: Vec<_> = fs::read_dir("fonts")
        .expect("fonts/ exists")
        .map(|e| e.expect("readable fonts/").path())
        .filter(|p| p.extension().is_some_and(|e| e == "otf" || e == "ttf"))
        .collect();
    names.sort();
    // FNV-1a, 64 bit: enough to notice that the font files changed.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &names {
        println!("cargo:rerun-if-changed={}", path.display());
        for byte in path
            .file_name()
            .unwrap()
            .as_encoded_bytes()
            .iter()
            .chain(fs::read(path).unwrap().iter())
        {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x100_0000_01b3);
        }
    }
    println!("cargo:rerun-if-changed=fonts");
    println!("cargo:rustc-env=WEL_FONTS_HASH={hash:016x}");

    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = fs::read_to_string("Cargo.lock").unwrap_or_default();
    let calamine = lock
        .split("[[package]]")
        .find(|p| p.contains("name = \"calamine\""))
        .and_then(|p| p.lines().find(|l| l.starts_with("version = ")))
        .map(|l| {
            l.trim_start_matches("version = ")
                .trim_matches('"')
                .to_string()
        })
        .unwrap_or_else(|| "onbekend".to_string());
    println!("cargo:rustc-env=WEL_CALAMINE_VERSION={calamine}");

    bad_fixture_tests();
}

/// `$OUT_DIR/bad_fixtures.rs`: `#[test] fn bad_<folder>()` for every folder in
/// tests/fixtures/bad/, each calling `refused_as_expected("<folder>")` of the test suite.
fn bad_fixture_tests() {
    let dir = std::path::Path::new("tests/fixtures/bad");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = format!("const GENERATED_BAD_FIXTURES: usize = {};\n", names.len());
    for name in &names {
        let ident: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        code.push_str(&format!(
            "#[test]\nfn bad_{ident}() {{\n    refused_as_expected({name:?});\n}}\n"
        ));
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("bad_fixtures.rs"), code).expect("OUT_DIR is writable");
}
