//! What the templates receive, for the sample inputs: snapshots of each document's data as the
//! pipeline writes it (a change shows up as a reviewed diff, `cargo insta review`), and every
//! printed figure in it recorded in the ledger.

use serde_json::Value;
use wel::pipeline::{BuildOptions, Prepared, prepare_only};

use crate::common::*;

/// The sample inputs through the one pipeline, as a build runs it.
fn sample() -> Prepared {
    let prepared = prepare_only(&BuildOptions::new(root().join("inputs"), "uit")).unwrap();
    assert!(
        !prepared.loaded.problems.has_errors(),
        "{:?}",
        prepared.loaded.problems.sorted()
    );
    prepared
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// Every printed figure in a document's data: the objects of the shape of a figure
/// (`soort`, `label`, `waarde`, `tekst`), by label.
fn printed(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if m.contains_key("soort") && m.contains_key("label") && m.contains_key("tekst") {
                out.push(m["label"].as_str().unwrap().to_string());
            }
            m.values().for_each(|x| printed(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| printed(x, out)),
        _ => {}
    }
}

/// The data of one document, with every printed figure checked against the ledger: each is a
/// figure the ledger lists for that document, with the same label.
fn data(prepared: &Prepared, key: &str) -> Value {
    let job = prepared
        .jobs
        .iter()
        .find(|j| j.key() == key)
        .unwrap_or_else(|| panic!("{key} is planned"));
    let json: Value = serde_json::from_slice(&job.input.data).unwrap();
    let mut shown = Vec::new();
    printed(&json, &mut shown);
    assert!(!shown.is_empty(), "{key} prints figures");
    let mut labels: Vec<String> = prepared
        .ledger
        .of(key)
        .iter()
        .map(|f| f.label().expect("settled"))
        .collect();
    for label in &shown {
        let i = labels
            .iter()
            .position(|l| l == label)
            .unwrap_or_else(|| panic!("{key}: figure {label:?} is not in the ledger"));
        labels.swap_remove(i);
    }
    json
}

#[test]
fn phase_report_views() {
    let prepared = sample();
    for phase in 1..=3 {
        let json = data(&prepared, &format!("rapportage-fase-{phase}.pdf"));
        settings().bind(|| insta::assert_json_snapshot!(format!("rapportage-fase-{phase}"), json));
    }
}

#[test]
fn brochure_view() {
    let prepared = sample();
    let json = data(&prepared, "brochure.pdf");
    settings().bind(|| insta::assert_json_snapshot!("brochure", json));
}

#[test]
fn one_pager_views() {
    let prepared = sample();
    // A pilot region with four years, and an SWV that joined last.
    for code in ["PO2801", "PO2202", "PO3011"] {
        let json = data(&prepared, &format!("regio/{code}.pdf"));
        let code = wel::model::SwvCode::parse(code).unwrap();
        let csv = String::from_utf8(prepared.csvs[&code].bytes.clone()).unwrap();
        let rows: Vec<Vec<&str>> = csv
            .trim_start_matches('\u{FEFF}')
            .lines()
            .map(|l| l.split(';').collect())
            .collect();
        settings().bind(|| {
            insta::assert_json_snapshot!(format!("regio-{code}"), json);
            insta::assert_json_snapshot!(format!("csv-{code}"), rows);
        });
    }
}

/// The report template draws every block a chapter may name, by the name wel writes, and
/// nothing else (an unknown name stops the layout with its name).
#[test]
fn the_report_template_knows_every_block() {
    let template = std::fs::read_to_string(root().join("templates/rapportage.typ")).unwrap();
    let start = template.find("#let blokken = (").expect("the block table");
    let table = &template[start..template[start..].find("\n)").unwrap() + start];
    let keys: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.trim().split_once(':').map(|(k, _)| k))
        .collect();
    let names: Vec<String> = wel::model::Block::ALL
        .iter()
        .map(|b| {
            serde_json::to_value(b)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort();
    let mut sorted_names = names.clone();
    sorted_names.sort();
    assert_eq!(sorted_keys, sorted_names);
    assert!(
        template.contains("assert(h.blok in blokken"),
        "unknown blocks stop the layout"
    );
}
