//! What the templates receive, for the sample inputs: snapshots of the typed views (a change
//! shows up as a reviewed diff, `cargo insta review`), and the ledger of published figures.

use serde_json::Value;
use wel::assemble::load;
use wel::inputs::set::LoadOptions;
use wel::ledger::{Publisher, Withholding};
use wel::model::{Programme, SwvCode};
use wel::views;

use crate::common::*;

/// The sample inputs, assembled and protected as a build does.
fn sample() -> (Programme, Withholding) {
    let loaded = wel::build::protect(load(&root().join("inputs"), &LoadOptions::default()), None);
    assert!(!loaded.problems.has_errors(), "{:?}", loaded.problems);
    let programme = loaded.programme.expect("the sample inputs have a project");
    (programme, loaded.withholding)
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// Every printed figure in a view's JSON: objects of the shape of a count (`label`, `waarde`,
/// `klein`), bars (`schooljaar`, `waarde`, `label`) and key figures (`waarde`, `label` text).
fn counts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            let count = m.len() == 3 && m.contains_key("label") && m.contains_key("klein");
            let bar = m.len() == 3 && m.contains_key("schooljaar") && m.contains_key("waarde");
            if count || bar {
                out.push(m["label"].as_str().unwrap().to_string());
            }
            if m.len() == 2 && m.get("waarde").is_some_and(Value::is_string) {
                out.push(m["waarde"].as_str().unwrap().to_string());
            }
            m.values().for_each(|x| counts(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| counts(x, out)),
        _ => {}
    }
}

/// Every count a view holds was recorded by its publisher with the same printed label.
fn assert_every_count_in_ledger(view: &Value, figures: &[wel::ledger::Figure]) {
    let mut shown = Vec::new();
    counts(view, &mut shown);
    assert!(!shown.is_empty());
    let mut labels: Vec<&str> = figures.iter().map(|f| f.label.as_str()).collect();
    for label in &shown {
        let i = labels
            .iter()
            .position(|l| l == label)
            .unwrap_or_else(|| panic!("count {label:?} is not in the ledger"));
        labels.swap_remove(i);
    }
}

#[test]
fn phase_report_views() {
    let (programme, withholding) = sample();
    for phase in &programme.project.fases {
        let mut p = Publisher::new(&programme, &withholding);
        let view = views::rapportage::rapportage(&mut p, &programme, phase);
        let json = serde_json::to_value(&view).unwrap();
        assert_every_count_in_ledger(&json, &p.into_figures());
        settings().bind(|| {
            insta::assert_json_snapshot!(format!("rapportage-fase-{}", phase.nummer), json)
        });
    }
}

#[test]
fn brochure_view() {
    let (programme, withholding) = sample();
    let mut p = Publisher::new(&programme, &withholding);
    let view = views::brochure::brochure(&mut p, &programme).expect("the sample has a brochure");
    let json = serde_json::to_value(&view).unwrap();
    assert_every_count_in_ledger(&json, &p.into_figures());
    settings().bind(|| insta::assert_json_snapshot!("brochure", json));
}

#[test]
fn one_pager_views() {
    let (programme, withholding) = sample();
    // A pilot region with four years, and an SWV that joined last.
    for code in ["PO2801", "PO2202", "PO3011"] {
        let code = SwvCode::parse(code).unwrap();
        let swv = programme.swv(&code).expect("in the sample");
        let mut p = Publisher::new(&programme, &withholding);
        let view = views::regio::regio(&mut p, &programme, swv);
        let json = serde_json::to_value(&view).unwrap();
        assert_every_count_in_ledger(&json, &p.into_figures());
        let mut csv = Publisher::new(&programme, &withholding);
        let rows = views::csv::figures_rows(&mut csv, swv);
        settings().bind(|| {
            insta::assert_json_snapshot!(format!("regio-{code}"), json);
            insta::assert_json_snapshot!(format!("csv-{code}"), rows);
        });
    }
}
