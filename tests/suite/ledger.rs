//! The ledger of published figures (`wel cijfers`): every figure with its cells and how it
//! is shown, for the documents and the CSVs of the bundles.

use crate::common::*;

fn ledger(inputs: &str) -> Vec<Vec<String>> {
    let out = wel(&["cijfers", "--inputs", inputs]);
    assert!(out.status.success(), "{}", all_output(&out));
    stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

#[test]
fn a_small_count_is_listed_as_suppressed_with_its_cell_in_every_output_that_shows_it() {
    let rows = ledger(fixture("good/kleine-aantallen").to_str().unwrap());
    // PO1001 has 3 children in development in 2023-2024.
    let cell = "PO1001/2023-2024/in ontwikkeling";
    let showing: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == cell).collect();
    let outputs: std::collections::BTreeSet<&str> = showing.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        outputs,
        ["bundels/PO1001.zip:PO1001-cijfers.csv", "regio/PO1001.pdf"].into(),
        "the cell alone is shown by its one-pager and its CSV"
    );
    // The national documents show it only inside sums.
    assert!(
        rows.iter().any(|r| r[0] == "rapportage-fase-1.pdf"
            && r[4].contains(cell)
            && r[4].contains(" + ")),
        "the phase report's total includes the cell"
    );
    for r in &showing {
        assert_eq!(r[2], "<5", "{r:?}");
        assert_eq!(r[3], "klein", "{r:?}");
    }
    // The chart's alt text is a place of its own.
    assert!(
        showing
            .iter()
            .any(|r| r[1] == "grafiek_alt[2023-2024].in_ontwikkeling"),
        "{showing:?}"
    );
}

#[test]
fn a_national_total_lists_every_cell_it_sums() {
    let rows = ledger(fixture("good/kleine-aantallen").to_str().unwrap());
    let total = rows
        .iter()
        .find(|r| r[0] == "rapportage-fase-1.pdf" && r[1] == "jaren[2023-2024].benaderd")
        .expect("the phase report's table shows benaderd per year");
    assert_eq!(
        total[4], "PO1001/2023-2024/benaderd + VO1002/2023-2024/benaderd",
        "{total:?}"
    );
    assert_eq!(total[3], "exact");
    let shares: Vec<_> = rows.iter().filter(|r| r[1].ends_with(".aandeel")).collect();
    assert!(
        shares.iter().all(|r| r[4].contains(") / (")),
        "shares are listed as part / whole: {shares:?}"
    );
}

#[test]
fn every_figure_of_the_sample_has_an_id_of_its_own_that_reads_back_as_printed() {
    let out = wel(&["cijfers", "--json"]);
    assert!(out.status.success(), "{}", all_output(&out));
    let ledger: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let outputs = ledger["outputs"].as_object().unwrap();
    let mut checked = 0;
    for (output, figures) in outputs {
        let mut seen = std::collections::BTreeSet::new();
        for f in figures.as_array().unwrap() {
            let printed = f["place"].as_str().unwrap();
            let id = wel::privacy::FigureId::parse(printed);
            assert_eq!(id.to_string(), printed, "{output}: {printed}");
            // A revision matches figures by id: two alike in one output would hide one.
            assert!(seen.insert(id), "{output}: {printed} twice");
            checked += 1;
        }
    }
    assert!(checked > 5_000, "figures checked: {checked}");
}
