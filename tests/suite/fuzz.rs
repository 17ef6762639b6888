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
            summary_from_text(
                &text,
                Path::new("samenvatting.toml"),
                &folder,
                &code,
                None,
                &mut problems,
            );
        }
    });
}
