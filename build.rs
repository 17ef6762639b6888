//! Build script: fingerprints the house fonts at compile time (they are compiled into the
//! binary), so a build never hashes megabytes of font data at run time; and records the
//! calamine version, part of the key of the workbook cache.

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
}
