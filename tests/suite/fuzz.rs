//! Fuzzing the input readers with proptest: mutated real workbooks and summaries, and random
//! bytes, must give a result or a problem list, never a panic or a hang.
//!
//! In `cargo test` each target runs a short round. A long run (the issue asks for 10 minutes
//! each) is `WEL_FUZZ_SECONDS=600 cargo test --release --test suite fuzz_ -- --nocapture`.

use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use wel::diag::Problems;
use wel::inputs::summary::summary_from_text;
use wel::inputs::table::read_tables;
use wel::inputs::workbook::read_workbook;
use wel::model::SwvCode;

use crate::common::*;

/// Byte-level mutations of a seed file: flips, truncations, insertions and random bytes.
fn mutated(seed: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = seed.len();
    prop_oneof![
        prop::collection::vec((0..len, any::<u8>()), 1..12).prop_map({
            let seed = seed.clone();
            move |edits| {
                let mut b = seed.clone();
                for (i, v) in edits {
                    b[i] = v;
                }
                b
            }
        }),
        (0..len).prop_map({
            let seed = seed.clone();
            move |cut| seed[..cut].to_vec()
        }),
        (0..len, prop::collection::vec(any::<u8>(), 1..64)).prop_map({
            let seed = seed.clone();
            move |(at, extra)| {
                let mut b = seed.clone();
                b.splice(at..at, extra);
                b
            }
        }),
        prop::collection::vec(any::<u8>(), 0..2048),
    ]
}

/// Runs `test` on values of `strategy` for `WEL_FUZZ_SECONDS` (default: one short round).
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value)) {
    let seconds: u64 = std::env::var("WEL_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut round: u64 = 0;
    let mut cases: u64 = 0;
    loop {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&round.to_le_bytes());
        seed[8..8 + name.len().min(24)].copy_from_slice(&name.as_bytes()[..name.len().min(24)]);
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases: 200,
                failure_persistence: None,
                ..Config::default()
            },
            rng,
        );
        runner
            .run(&strategy, |v| {
                test(v);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        round += 1;
        cases += 200;
        if std::time::Instant::now() >= deadline {
            break;
        }
    }
    if seconds > 0 {
        println!("{name}: {cases} cases in {round} rounds, no crash");
    }
}

fn fuzz_format(ext: &str) {
    let seed = std::fs::read(fixture(&format!(
        "good/formaat-{ext}/swv/PO1001/cijfers.{ext}"
    )))
    .unwrap();
    let dump = std::env::var_os("WEL_FUZZ_DUMP");
    fuzz(&format!("workbook-{ext}"), mutated(seed), |bytes| {
        if let Some(path) = &dump {
            std::fs::write(path, &bytes).unwrap();
        }
        if let Ok(wb) = read_workbook(&bytes) {
            let mut problems = Problems::new();
            read_tables(Path::new("cijfers.xlsx"), &wb, &mut problems);
        }
    });
}

#[test]
fn fuzz_workbook_reader_xlsx() {
    fuzz_format("xlsx");
}

#[test]
fn fuzz_workbook_reader_ods() {
    fuzz_format("ods");
}

#[test]
fn fuzz_workbook_reader_xls() {
    fuzz_format("xls");
}

#[test]
fn fuzz_summary_reader() {
    let seed = std::fs::read(fixture("good/minimaal/swv/PO1001/samenvatting.toml")).unwrap();
    let folder = fixture("good/minimaal/swv/PO1001");
    let code = SwvCode::parse("PO1001").unwrap();
    let strategy = prop_oneof![
        mutated(seed),
        "[a-z_ =\\[\\]\"'#\\n0-9.{}-]{0,400}".prop_map(String::into_bytes),
    ];
    fuzz("summary", strategy, |bytes| {
        let mut problems = Problems::new();
        if let Ok(text) = wel::inputs::text::decode_text(&bytes, Path::new("samenvatting.toml")) {
            let swv = wel::inputs::summary::SwvFolder {
                dir: &folder,
                code: &code,
                photo_cache: None,
            };
            summary_from_text(&text, Path::new("samenvatting.toml"), &swv, &mut problems);
        }
    });
}

/// TOML as people might write it: random keys (known ones and typos), values of every kind,
/// tables and arrays of tables, so the checker walks deep, not just the parser.
fn toml_document() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("code".to_string()),
        Just("schooljaar".to_string()),
        Just("samenvatting".to_string()),
        Just("wat_werkt".to_string()),
        Just("rol".to_string()),
        Just("pad".to_string()),
        Just("titel".to_string()),
        Just("blok".to_string()),
        "[a-z_]{1,12}",
    ];
    let value = prop_oneof![
        "\"[^\"\\\\\\n]{0,30}\"",
        "-?[0-9]{1,12}",
        Just("true".to_string()),
        Just("2025-09-01".to_string()),
        "\\[(\"[a-z ]{0,8}\", ){0,4}\\]",
        "\\{ [a-z]{1,5} = [0-9]{1,3} \\}",
    ];
    let line = prop_oneof![
        (key.clone(), value).prop_map(|(k, v)| format!("{k} = {v}")),
        key.clone().prop_map(|k| format!("[{k}]")),
        key.prop_map(|k| format!("[[{k}]]")),
    ];
    prop::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
}

#[test]
fn fuzz_toml_reading() {
    use wel::inputs::project::{BROCHURE_TEXTS, PROJECT, REPORT_TEXTS};
    use wel::inputs::summary::SUMMARY;
    use wel::inputs::toml_check::check;
    let seeds: Vec<Vec<u8>> = [
        "project.toml",
        "teksten/rapportage.toml",
        "teksten/brochure.toml",
    ]
    .iter()
    .map(|f| std::fs::read(fixture("good/minimaal").join(f)).unwrap())
    .collect();
    let strategy = prop_oneof![
        toml_document().prop_map(String::into_bytes),
        mutated(seeds[0].clone()),
        mutated(seeds[1].clone()),
        mutated(seeds[2].clone()),
        // UTF-16 with a byte-order mark, damaged.
        mutated(
            [
                &[0xFF, 0xFE][..],
                &"code = \"PO1001\""
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>()
            ]
            .concat()
        ),
    ];
    fuzz("toml", strategy, |bytes| {
        let shown = Path::new("x.toml");
        if let Ok(text) = wel::inputs::text::decode_text(&bytes, shown) {
            for schema in [PROJECT, REPORT_TEXTS, BROCHURE_TEXTS, SUMMARY] {
                for problem in check(&text, shown, schema) {
                    // Every problem names a place and says something.
                    assert!(!problem.message.is_empty());
                    let _ = problem.to_string();
                }
            }
        }
    });
}

#[test]
fn fuzz_image_reader() {
    let seeds: Vec<Vec<u8>> = ["foto.jpg", "exif-orientatie-6.jpg", "logo-transparant.png"]
        .iter()
        .map(|f| std::fs::read(fixture("afbeeldingen").join(f)).unwrap())
        .collect();
    let strategy = prop_oneof![
        mutated(seeds[0].clone()),
        mutated(seeds[1].clone()),
        mutated(seeds[2].clone()),
    ];
    let dump = std::env::var_os("WEL_FUZZ_DUMP");
    fuzz("image", strategy, |bytes| {
        if let Some(path) = &dump {
            std::fs::write(path, &bytes).unwrap();
        }
        if let Ok(image) = wel::inputs::image::decode(&bytes) {
            // What is accepted is a whole JPEG of the size it says.
            assert!(image.width > 0 && image.height > 0);
            assert!(image.jpeg.starts_with(&[0xFF, 0xD8]) && image.jpeg.ends_with(&[0xFF, 0xD9]));
        }
    });
}
