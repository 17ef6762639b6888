//! Rounds and editions: what was published stays as it was published, a correction of a
//! published year is listed and published only on request, and everything published
//! together (every edition) gives no small count away.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The only edition folder in `dir/edities` made since `before` (names).
fn new_edition(dir: &Path, before: &[String]) -> PathBuf {
    let all = editions(dir);
    let new: Vec<&String> = all.iter().filter(|e| !before.contains(e)).collect();
    assert_eq!(new.len(), 1, "{all:?}");
    dir.join("edities").join(new[0])
}

fn editions(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("edities"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn run(args: &[&str]) -> String {
    let o = wel(args);
    let text = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "wel {args:?}:\n{text}");
    text
}

/// Opens the 2025-2026 round with a phase 4 report of one chapter.
fn open_round(inputs: &Path) {
    set_round(inputs, "2025-2026");
    let project = std::fs::read_to_string(inputs.join("project.toml")).unwrap();
    let project = format!(
        "{project}\n[[fase]]\nnummer = 4\nschooljaren = [\"2025-2026\"]\ndatum = 2026-07-01\nteksten = \"teksten/rapportage-fase-4.toml\"\n"
    );
    std::fs::write(inputs.join("project.toml"), project).unwrap();
    std::fs::write(
        inputs.join("teksten/rapportage-fase-4.toml"),
        "titel = \"Rapportage fase 4\"\n\n[[hoofdstuk]]\ntitel = \"Stand van zaken\"\ntekst = \"De eerste opgaven over 2025-2026.\"\nblok = \"cijfers\"\n",
    )
    .unwrap();
}

/// The Jeugdigen row of `code` for `year` in the sample inputs.
fn jeugdigen(inputs: &Path, code: &str, year: &str) -> [u32; 4] {
    let values = raw_values(inputs);
    let get = |m| {
        values
            .get(&(
                code.to_string(),
                wel::model::SchoolYear::parse(year).unwrap(),
                m,
            ))
            .copied()
            .unwrap_or_else(|| panic!("{code} {year} {m:?}"))
    };
    use wel::model::Measure::*;
    [
        get(Benaderd),
        get(InOntwikkeling),
        get(Vrijstelling5a),
        get(AbsoluutVerzuim),
    ]
}

#[test]
fn two_yearly_rounds_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let (i, out) = (inputs.to_str().unwrap(), d.join("uit"));
    let o = out.to_str().unwrap();

    // 1. The 2024-2025 edition.
    let said = run(&["publiceer", "--inputs", i, "--out", o]);
    assert!(said.contains("gepubliceerd in"), "{said}");
    let first = new_edition(d, &[]);
    let first_name = first.file_name().unwrap().to_string_lossy().to_string();

    // 2. The next round opens; forms go out for it.
    open_round(&inputs);
    let forms = d.join("formulieren");
    let said = run(&["intake", "--inputs", i, "--out", forms.to_str().unwrap()]);
    assert!(said.contains("voor 2025-2026"), "{said}");

    // 3. Part of the returns: two filled in (PO2002 also corrects 2023-2024), one blank.
    let inbox = d.join("post");
    std::fs::create_dir_all(&inbox).unwrap();
    let form = |code: &str| std::fs::read(forms.join(code).join("cijfers.xlsx")).unwrap();
    let old = jeugdigen(&inputs, "PO2002", "2023-2024");
    let fixed = [old[0] + 2, old[1], old[2], old[3]];
    std::fs::write(
        inbox.join("PO2001 cijfers.xlsx"),
        fill_form(
            &form("PO2001"),
            "2025-2026",
            (Some([30, 14, 18, 6]), Some([2, 25, 6, 9])),
            None,
        ),
    )
    .unwrap();
    std::fs::write(
        inbox.join("cijfers PO2002.xlsx"),
        fill_form(
            &form("PO2002"),
            "2025-2026",
            (Some([24, 11, 15, 5]), Some([3, 30, 5, 8])),
            Some(("2023-2024", fixed)),
        ),
    )
    .unwrap();
    std::fs::write(inbox.join("leeg.xlsx"), form("PO2003")).unwrap();
    std::fs::copy(
        forms.join("PO2003/samenvatting.toml"),
        inbox.join("samenvatting PO2003.toml"),
    )
    .unwrap();
    // Replacing filled-in workbooks is shown first and needs --ja.
    let refused = wel(&["ontvang", inbox.to_str().unwrap(), "--inputs", i]);
    assert_eq!(refused.status.code(), Some(1), "{}", all_output(&refused));
    let said = run(&["ontvang", inbox.to_str().unwrap(), "--inputs", i, "--ja"]);
    assert!(
        said.contains("leeg.xlsx: blijft staan: niets ingevuld"),
        "{said}"
    );
    assert!(
        said.contains("samenvatting PO2003.toml: blijft staan: niets ingevuld"),
        "{said}"
    );
    assert!(
        inputs
            .join("swv/PO2003/2024-2025/samenvatting.toml")
            .is_file()
    );

    // 4. Check: the round is incomplete; the correction of a published year reaches the phase 2
    // report (its 2023-2024 totals), listed exactly as vergelijk lists it.
    let check = wel(&["check", "--inputs", i, "--out", o]);
    let said = all_output(&check);
    assert!(
        said.contains("ronde 2025-2026, nog open: documenten met dit schooljaar zijn concept; 2 van 116 SWV's ontvangen"),
        "{said}"
    );
    let compared = run(&["vergelijk", "--inputs", i]);
    assert!(
        said.contains(compared.trim_end()),
        "{said}\n---\n{compared}"
    );
    assert!(
        compared.contains(&format!("Verschillen tussen editie {first_name}")),
        "{compared}"
    );
    let total = |before: u32, after: u32| {
        format!(
            ": gepubliceerd {}, nu {} (",
            wel::dutch::integer(before.into()),
            wel::dutch::integer(after.into())
        )
    };
    let national_2324: u32 = raw_values(&inputs)
        .iter()
        .filter(|((_, y, m), _)| y.label() == "2023-2024" && *m == wel::model::Measure::Benaderd)
        .map(|(_, v)| *v)
        .sum();
    let correction = total(national_2324 - 2, national_2324);
    assert!(
        compared
            .lines()
            .any(|l| l.starts_with("  totaal benaderd 2023-2024 (")
                && l.contains(&correction)
                && l.contains("rapportage-fase-2.pdf")),
        "{compared}"
    );
    assert!(compared.contains("rapportage-fase-2.pdf: "), "{compared}");

    // 5. Build: the new round's documents are drafts; what was published stays byte for byte.
    let said = run(&["build", "--inputs", i, "--out", o]);
    assert!(
        said.contains("ongewijzigd overgenomen uit de laatste editie"),
        "{said}"
    );
    for doc in [
        "rapportage-fase-1.pdf",
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
        "brochure.pdf",
        "regio/PO2005.pdf",
    ] {
        assert_eq!(
            std::fs::read(out.join(doc)).unwrap(),
            std::fs::read(first.join("documenten").join(doc)).unwrap(),
            "{doc} is the published one"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let concept = |pad: &str| {
        manifest["documenten"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["pad"] == pad)
            .map(|d| d["concept"] == true)
            .unwrap_or_else(|| panic!("{pad} in the manifest"))
    };
    assert!(concept("rapportage-fase-4.pdf"));
    assert!(concept("regio/PO2001.pdf"));
    assert!(!concept("regio/PO2005.pdf"));
    assert!(
        pdf_text(&out.join("rapportage-fase-4.pdf"))
            .contains("concept: de ronde 2025-2026 loopt nog")
    );
    // A draft is not published.
    let refused = wel(&["publiceer", "--inputs", i, "--out", o]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(all_output(&refused).contains("rond de ronde eerst af"));

    // 6. Closing the round asks for an explicit choice.
    let refused = wel(&["rond-af", "--inputs", i]);
    assert_eq!(refused.status.code(), Some(1), "{}", all_output(&refused));
    assert!(all_output(&refused).contains("niets ontvangen van PO2003"));
    let said = run(&["rond-af", "--inputs", i, "--ja"]);
    assert!(said.contains("ronde 2025-2026 afgerond"), "{said}");

    // 7. The 2025-2026 edition: the new documents, the published ones taken over.
    let said = run(&["publiceer", "--inputs", i, "--out", o]);
    assert!(
        said.contains("ongewijzigd overgenomen uit eerdere edities"),
        "{said}"
    );
    let second = new_edition(d, std::slice::from_ref(&first_name));
    assert_eq!(
        std::fs::read(second.join("documenten/rapportage-fase-2.pdf")).unwrap(),
        std::fs::read(first.join("documenten/rapportage-fase-2.pdf")).unwrap()
    );

    // 8. What a revision of the first edition would change: the phase 2 report's 2023-2024
    // totals (national and the province's), nothing else of it.
    let json = run(&["vergelijk", &first_name, "--inputs", i, "--json"]);
    let c: serde_json::Value = serde_json::from_str(&json).unwrap();
    let wat: Vec<&str> = c["landelijk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["wat"].as_str().unwrap())
        .collect();
    assert!(!wat.is_empty(), "{json}");
    for w in &wat {
        assert!(w.contains("benaderd") && w.contains("2023-2024"), "{json}");
    }
    // A province's total names its province; the national total names none.
    assert!(
        wat.iter()
            .any(|w| w.starts_with("totaal benaderd 2023-2024 in ") && w.ends_with(" SWV's)")),
        "{json}"
    );
    assert!(
        wat.iter()
            .any(|w| w.starts_with("totaal benaderd 2023-2024 (")),
        "{json}"
    );
    // The same list for the latest edition, which took the phase 2 report over.
    let latest: serde_json::Value =
        serde_json::from_str(&run(&["vergelijk", "--inputs", i, "--json"])).unwrap();
    assert_eq!(latest["landelijk"], c["landelijk"], "{latest}");
    let said = all_output(&wel(&["check", "--inputs", i, "--out", o]));
    let text = run(&["vergelijk", "--inputs", i]);
    assert!(said.contains(text.trim_end()), "{said}\n---\n{text}");
}

/// A total that moved by one between two editions gives the one child away: alone, the new
/// total says nothing (every part is small); beside the first edition's total it pins the new
/// SWV's one child. The revision withholds it; a set with no edition before it does not.
#[test]
fn a_total_that_moved_by_one_across_editions_is_withheld() {
    use crate::disclosure::write_set;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("invoer");
    let year = ["2023-2024"];
    let a = vec![Some([3, 3, 0, 0, 5])];
    let b = vec![Some([2, 2, 0, 0, 5])];
    write_set(&inputs, &year, &[a.clone(), b.clone(), vec![None]]);
    let (i, o) = (inputs.to_str().unwrap(), d.join("uit"));
    run(&["publiceer", "--inputs", i, "--out", o.to_str().unwrap()]);
    let first = new_edition(d, &[]);
    // A late return for the published year: one child, in the third SWV.
    write_set(
        &inputs,
        &year,
        &[a.clone(), b.clone(), vec![Some([1, 1, 0, 0, 5])]],
    );
    run(&[
        "publiceer",
        "--inputs",
        i,
        "--out",
        o.to_str().unwrap(),
        "--herziening",
    ]);
    let first_name = first.file_name().unwrap().to_string_lossy().to_string();
    let revised = new_edition(d, &[first_name]);
    // The same inputs published with no edition before them.
    let alone = d.join("alleen");
    copy_dir(&inputs, &alone.join("invoer"));
    let ai = alone.join("invoer");
    run(&[
        "publiceer",
        "--inputs",
        ai.to_str().unwrap(),
        "--out",
        alone.join("uit").to_str().unwrap(),
    ]);
    let alone_edition = new_edition(&alone, &[]);
    let national_benaderd = |edition: &Path| -> String {
        let figures: serde_json::Value =
            serde_json::from_slice(&std::fs::read(edition.join("cijfers.json")).unwrap()).unwrap();
        let report = figures["rapportage-fase-1.pdf"].as_array().unwrap();
        let total = report
            .iter()
            .find(|f| {
                f["relation"]["sum"].as_array().is_some_and(|cells| {
                    cells.len() == 3 && cells.iter().all(|c| c["measure"] == "benaderd")
                })
            })
            .unwrap_or_else(|| panic!("a national total of benaderd: {report:?}"));
        total["shown"].as_str().unwrap().to_string()
    };
    assert_eq!(national_benaderd(&alone_edition), "exact");
    assert_eq!(national_benaderd(&revised), "afgeschermd");
    let text = pdf_text(&revised.join("documenten/rapportage-fase-1.pdf"));
    assert!(text.contains("Correcties"), "{text}");
    assert!(
        text.contains(&format!(
            "Deze herziening vervangt de editie van {}",
            first.file_name().unwrap().to_string_lossy()
        )),
        "{text}"
    );
}

/// One SWV's children figures in one year (benaderd, in ontwikkeling, vrijstelling,
/// verzuim, casussen).
type Row = [u32; 5];

/// A correction: which SWV, which measure of its first year, and the new value.
type Correction = (usize, usize, u32);

/// A count that is small four times in ten.
fn mostly_small() -> impl proptest::strategy::Strategy<Value = u32> {
    use proptest::prelude::*;
    prop_oneof![1 => Just(0u32), 4 => 1u32..5, 5 => 5u32..30]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 3, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(2028), .. proptest::prelude::ProptestConfig::default() })]
    /// Three editions of one set, each a revision with corrections of every kind (a count
    /// shown as <5 that becomes large, a large one that becomes small, small to small, large
    /// to large): the independent attacker, holding all three editions, the rules between
    /// the counts and the threshold, recovers nothing.
    #[test]
    fn three_editions_with_corrections_recover_nothing(
        rows in proptest::collection::vec(proptest::array::uniform5(mostly_small()), 8..16),
        first in proptest::collection::vec((0usize..16, 0usize..5, mostly_small()), 3..7),
        second in proptest::collection::vec((0usize..16, 0usize..5, mostly_small()), 3..7),
    ) {
        use crate::disclosure::{attack_editions, write_set};
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let inputs = d.join("invoer");
        let year = ["2023-2024"];
        let mut rows: Vec<Row> = rows;
        let write = |rows: &[Row]| {
            let swvs: Vec<Vec<Option<Row>>> = rows.iter().map(|r| vec![Some(*r)]).collect();
            write_set(&inputs, &year, &swvs);
        };
        let publish = |revise: bool| {
            let (i, o) = (inputs.to_str().unwrap(), d.join("uit"));
            let mut args = vec!["publiceer", "--inputs", i, "--out", o.to_str().unwrap()];
            if revise {
                args.push("--herziening");
            }
            run(&args);
        };
        let correct = |rows: &mut Vec<Row>, corrections: &[Correction]| {
            let n = rows.len();
            for &(swv, measure, value) in corrections {
                rows[swv % n][measure] = value;
            }
        };
        // The values each edition was made from, as write_set makes them obey the rules.
        let clamped = |rows: &[Row]| -> Vec<Row> {
            rows.iter()
                .map(|&[b, o, v, a, c]| {
                    let v = v.min(b);
                    [b, o.min(b), v, a.min(b - v), c]
                })
                .collect()
        };
        // Each edition made, with the values it was made from. A revision whose corrections
        // change no printed figure makes no edition.
        let mut made: Vec<(PathBuf, Vec<Row>)> = Vec::new();
        let publish_next = |rows: &[Row], revise: bool, made: &mut Vec<(PathBuf, Vec<Row>)>| {
            write(rows);
            let before = editions(d);
            publish(revise);
            if editions(d).len() > before.len() {
                made.push((new_edition(d, &before), clamped(rows)));
            }
        };
        publish_next(&rows, false, &mut made);
        correct(&mut rows, &first);
        publish_next(&rows, true, &mut made);
        correct(&mut rows, &second);
        publish_next(&rows, true, &mut made);
        let truth: Vec<Vec<Row>> = made.iter().map(|(_, t)| t.clone()).collect();
        let folders: Vec<PathBuf> = made.iter().map(|(e, _)| e.join("documenten")).collect();
        let folders: Vec<&Path> = folders.iter().map(PathBuf::as_path).collect();
        let (_, report) = attack_editions(&folders, false);
        // "AFGELEID: editie 1: PO1007 2023-2024 In ontwikkeling = 2". A correction that stays
        // under 5 is invisible, so the attacker takes such a count for one unknown across
        // editions; where that is wrong it can "recover" a value the count never had. A
        // disclosure is a recovered value that is the true one.
        let measures = ["Benaderd", "In ontwikkeling", "Vrijstelling 5 onder a", "Absoluut verzuim", "Casussen"];
        for line in report.lines().filter(|l| l.starts_with("AFGELEID: editie ")) {
            let rest = &line["AFGELEID: editie ".len()..];
            let (edition, rest) = rest.split_once(": ").unwrap();
            let (what, value) = rest.rsplit_once(" = ").unwrap();
            let code = &what[..6];
            let measure = what[7 + "2023-2024".len() + 1..].to_string();
            let e: usize = edition.parse::<usize>().unwrap() - 1;
            let i: usize = code[2..].parse::<usize>().unwrap() - 1001;
            let m = measures.iter().position(|x| *x == measure).unwrap();
            let v: u32 = value.parse().unwrap();
            proptest::prop_assert_ne!(truth[e][i][m], v, "{}\n{}", line, report);
        }
    }
}

/// Whether the Jeugdigen sheet of the workbook at `path` has a row for `code` in `year`.
fn holds_row(path: &Path, code: &str, year: &str) -> bool {
    use wel::inputs::workbook::{CellValue, read_workbook};
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let wb = read_workbook(&bytes).unwrap();
    let sheet = wb.sheets.iter().find(|s| s.name == "Jeugdigen").unwrap();
    let text = |r: u32, c: u32| match sheet.cells.get(&(r, c)) {
        Some(CellValue::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let rows = sheet.cells.keys().map(|(r, _)| *r).max().unwrap_or(0);
    (0..=rows).any(|r| text(r, 0) == code && text(r, 1) == year)
}

/// Corrects one Jeugdigen count of `code` in `year`, in whichever workbook holds the row (the
/// SWV's own, or the national one).
fn correct(inputs: &Path, code: &str, year: &str, column: &str, value: u32) {
    let own = inputs.join("swv").join(code).join("cijfers.xlsx");
    let path = if holds_row(&own, code, year) {
        own
    } else {
        inputs.join("cijfers.xlsx")
    };
    set_count(&path, "Jeugdigen", code, year, column, value);
}

/// Every figure an edition published, its own and those of the documents it took over
/// (`cijfers.json` of the edition each was made in): output -> place -> printed label.
fn published(
    edition: &Path,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
    let json = |p: &Path| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
    };
    let info = json(&edition.join("editie.json"));
    let mut figures = json(&edition.join("cijfers.json"));
    for (key, from) in info["overgenomen"].as_object().unwrap() {
        let origin = edition.parent().unwrap().join(from.as_str().unwrap());
        figures[key] = json(&origin.join("cijfers.json"))[key].clone();
    }
    figures
        .as_object()
        .unwrap()
        .iter()
        .map(|(output, list)| {
            let by_place = list
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["place"].as_str().unwrap().to_string(),
                        f["label"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            (output.clone(), by_place)
        })
        .collect()
}

/// `wel check` lists exactly the differences `wel vergelijk` lists (none when it finds none).
fn check_agrees_with_vergelijk(i: &str, o: &str) -> String {
    let check = all_output(&wel(&["check", "--inputs", i, "--out", o]));
    let compared = run(&["vergelijk", "--inputs", i]);
    if compared.contains("geen: elk gepubliceerd cijfer is nog hetzelfde") {
        assert!(!check.contains("Verschillen tussen"), "{check}");
    } else {
        assert!(
            check.contains(compared.trim_end()),
            "{check}\n--- vergelijk:\n{compared}"
        );
    }
    compared
}

/// The scenario: publish; open 2025-2026; returns from two SWVs and corrections of
/// published 2024-2025 cells of every kind (a count shown as <5 that becomes 8, an exact 11
/// that becomes 3, one that stays under 5, an exact 14 that becomes 15); close the round
/// without the rest; a late return for the closed round; publish; a revision; a correction of
/// the new year only and a second revision. Each revised document lists exactly the figures it
/// prints differently, every other document is taken over byte for byte, the brochure stays
/// its first edition unless a figure of its own years changes, late figures wait until a
/// revision takes them in, and check and vergelijk agree in every state.
#[test]
fn revisions_list_exactly_their_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let (i, out) = (inputs.to_str().unwrap(), d.join("uit"));
    let o = out.to_str().unwrap();
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().to_string();

    // A: the first edition. Nothing differs from it.
    run(&["publiceer", "--inputs", i, "--out", o]);
    let a = new_edition(d, &[]);
    check_agrees_with_vergelijk(i, o);

    // The 2025-2026 round: returns from PO2001 and PO2002.
    open_round(&inputs);
    let forms = d.join("formulieren");
    run(&["intake", "--inputs", i, "--out", forms.to_str().unwrap()]);
    let form = |code: &str| std::fs::read(forms.join(code).join("cijfers.xlsx")).unwrap();
    let inbox = d.join("post");
    std::fs::create_dir_all(&inbox).unwrap();
    for (code, jeugd) in [("PO2001", [30, 14, 18, 6]), ("PO2002", [24, 11, 15, 5])] {
        std::fs::write(
            inbox.join(format!("{code}.xlsx")),
            fill_form(
                &form(code),
                "2025-2026",
                (Some(jeugd), Some([2, 25, 6, 9])),
                None,
            ),
        )
        .unwrap();
    }
    run(&["ontvang", inbox.to_str().unwrap(), "--inputs", i, "--ja"]);
    // Corrections of published 2024-2025 cells, of every kind.
    let value = |code: &str, m| {
        raw_values(&inputs)[&(
            code.to_string(),
            wel::model::SchoolYear::parse("2024-2025").unwrap(),
            m,
        )]
    };
    use wel::model::Measure::{Benaderd, InOntwikkeling};
    assert!((1..5).contains(&value("PO2010", Benaderd)));
    correct(&inputs, "PO2010", "2024-2025", "benaderd", 8);
    assert_eq!(value("PO2005", InOntwikkeling), 11);
    correct(&inputs, "PO2005", "2024-2025", "in_ontwikkeling", 3);
    let small = value("PO2034", InOntwikkeling);
    assert!((2..5).contains(&small));
    correct(&inputs, "PO2034", "2024-2025", "in_ontwikkeling", small - 1);
    assert_eq!(value("VO2099", Benaderd), 14);
    correct(&inputs, "VO2099", "2024-2025", "benaderd", 15);
    let compared = check_agrees_with_vergelijk(i, o);
    assert!(compared.contains("rapportage-fase-3.pdf: "), "{compared}");
    assert!(
        compared.contains("VO2099, benaderd 2024-2025: gepubliceerd 14, nu 15"),
        "{compared}"
    );

    // The round is closed without the others; PO2003 sends its figures afterwards.
    run(&["rond-af", "--inputs", i, "--ja"]);
    std::fs::write(
        inbox.join("PO2003.xlsx"),
        fill_form(
            &form("PO2003"),
            "2025-2026",
            (Some([20, 9, 6, 5]), Some([1, 12, 3, 4])),
            None,
        ),
    )
    .unwrap();
    run(&["ontvang", inbox.to_str().unwrap(), "--inputs", i, "--ja"]);
    let late = "PO2003 stuurde cijfers over 2025-2026 na het afronden van die ronde";
    let compared = check_agrees_with_vergelijk(i, o);
    assert!(
        compared.contains(&format!("{late} (benaderd 20, in ontwikkeling 9")),
        "{compared}"
    );
    let letters = d.join("brieven");
    wel(&[
        "check",
        "--inputs",
        i,
        "--out",
        o,
        "--terugkoppeling",
        letters.to_str().unwrap(),
    ]);
    let letter = std::fs::read_to_string(letters.join("PO2003.txt")).unwrap();
    assert!(
        letter.contains("kwamen binnen nadat die ronde was afgerond"),
        "{letter}"
    );

    // B: the 2025-2026 edition. Published documents are taken over; the late figures wait.
    let said = run(&["publiceer", "--inputs", i, "--out", o, "--timings"]);
    assert!(said.contains("plannen (1 keer)"), "{said}");
    let b = new_edition(d, &[name(&a)]);
    for doc in [
        "rapportage-fase-1.pdf",
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
        "brochure.pdf",
        "regio/PO2010.pdf",
    ] {
        assert!(
            std::fs::read(b.join("documenten").join(doc)).unwrap()
                == std::fs::read(a.join("documenten").join(doc)).unwrap(),
            "{doc} is taken over"
        );
    }
    let fase4 = std::fs::read_to_string(b.join("cijfers.json")).unwrap();
    let fase4: serde_json::Value = serde_json::from_str(&fase4).unwrap();
    let cells_2526 = |code: &str| {
        let text = fase4["rapportage-fase-4.pdf"].to_string();
        text.matches(&format!("\"schooljaar\":\"2025-2026\",\"swv\":\"{code}\""))
            .count()
            + text
                .matches(&format!("\"swv\":\"{code}\",\"schooljaar\":\"2025-2026\""))
                .count()
    };
    assert_eq!(cells_2526("PO2003"), 0, "the late figures wait");
    assert!(
        cells_2526("PO2001") > 0,
        "{}",
        fase4["rapportage-fase-4.pdf"]
    );
    let compared = check_agrees_with_vergelijk(i, o);
    assert!(compared.contains(late), "{compared}");

    // C: a revision of B. It takes the late figures in and lists exactly what it changes.
    let expected: serde_json::Value =
        serde_json::from_str(&run(&["vergelijk", "--inputs", i, "--json"])).unwrap();
    let said = run(&["publiceer", "--inputs", i, "--out", o, "--herziening"]);
    let c = new_edition(d, &[name(&a), name(&b)]);
    assert!(said.contains(&format!("opgenomen: {late}")), "{said}");
    // Its bundles say which edition they are, that it revises B, and carry its date.
    for bundle in ["PO2001.zip", "landelijk.zip"] {
        let file = std::fs::File::open(c.join("documenten/bundels").join(bundle)).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut readme = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("LEESMIJ.txt").unwrap(), &mut readme)
            .unwrap();
        assert!(
            readme.contains(&format!("Editie {} van", name(&c))),
            "{readme}"
        );
        assert!(
            readme.contains(&format!("herziening van editie {}", name(&b))),
            "{readme}"
        );
        let day = &name(&c)[..10];
        for k in 0..zip.len() {
            let t = zip.by_index(k).unwrap().last_modified().unwrap();
            assert_eq!(
                format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()),
                day,
                "{bundle}: entries dated as the edition"
            );
        }
    }
    let (before, after) = (published(&b), published(&c));
    let revised: std::collections::BTreeMap<String, u64> = expected["documenten"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x[0].as_str().unwrap().to_string(), x[1].as_u64().unwrap()))
        .collect();
    assert!(revised.contains_key("rapportage-fase-3.pdf"), "{expected}");
    assert!(
        revised.contains_key("rapportage-fase-4.pdf"),
        "the late figures: {expected}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.join("documenten/manifest.json")).unwrap())
            .unwrap();
    let entries: Vec<serde_json::Value> = expected["landelijk"]
        .as_array()
        .unwrap()
        .iter()
        .chain(
            expected["per_swv"]
                .as_object()
                .unwrap()
                .values()
                .flat_map(|v| v.as_array().unwrap()),
        )
        .cloned()
        .collect();
    for doc in manifest["documenten"].as_array().unwrap() {
        let key = doc["pad"].as_str().unwrap();
        let (new, old) = (
            c.join("documenten").join(key),
            b.join("documenten").join(key),
        );
        let Some(n) = revised.get(key) else {
            if key == "regio/PO2003.pdf" {
                // The late SWV's one-pager is a new one, of the year it sent late.
                assert_eq!(doc["schooljaar"], "2025-2026", "{doc}");
                continue;
            }
            assert!(
                std::fs::read(&new).unwrap() == std::fs::read(&old).unwrap(),
                "{key} is taken over"
            );
            continue;
        };
        assert!(
            said.contains(&format!(
                "{key}: {n} {} gecorrigeerd",
                if *n == 1 { "cijfer" } else { "cijfers" }
            )),
            "{said}"
        );
        let text = pdf_text(&new);
        assert!(text.contains("Correcties"), "{key}: {text}");
        assert!(
            text.contains(&format!("vervangt de editie van {}", name(&b))),
            "{key}"
        );
        // Exactly its changed figures: every printed figure that differs is listed, and
        // every listed one differs.
        let changed: std::collections::BTreeSet<(String, String)> = before[key]
            .iter()
            .filter_map(|(place, was)| {
                let now = after[key].get(place)?;
                (now != was).then(|| (was.clone(), now.clone()))
            })
            .collect();
        let listed: std::collections::BTreeSet<(String, String)> = entries
            .iter()
            .filter(|e| e["in_uitvoer"].as_array().unwrap().iter().any(|d| d == key))
            .map(|e| {
                (
                    e["gepubliceerd"].as_str().unwrap().to_string(),
                    e["nu"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(!changed.is_empty(), "{key}");
        assert_eq!(changed, listed, "{key}");
    }
    let brochure_same = std::fs::read(c.join("documenten/brochure.pdf")).unwrap()
        == std::fs::read(a.join("documenten/brochure.pdf")).unwrap();
    assert_eq!(brochure_same, !revised.contains_key("brochure.pdf"));
    check_agrees_with_vergelijk(i, o);
    assert!(run(&["vergelijk", "--inputs", i]).contains("geen: elk gepubliceerd cijfer"));

    // A correction of the new year only: the second revision leaves every document of the
    // earlier years, the brochure included, as it was first published.
    let year = wel::model::SchoolYear::parse("2025-2026").unwrap();
    let benaderd = |inputs: &Path| raw_values(inputs)[&("PO2001".to_string(), year, Benaderd)];
    assert_eq!(benaderd(&inputs), 30);
    correct(&inputs, "PO2001", "2025-2026", "benaderd", 31);
    assert_eq!(benaderd(&inputs), 31);
    let compared = check_agrees_with_vergelijk(i, o);
    assert!(compared.contains("rapportage-fase-4.pdf: "), "{compared}");
    run(&["publiceer", "--inputs", i, "--out", o, "--herziening"]);
    let e = new_edition(d, &[name(&a), name(&b), name(&c)]);
    for doc in [
        "rapportage-fase-1.pdf",
        "rapportage-fase-2.pdf",
        "brochure.pdf",
    ] {
        assert!(
            std::fs::read(e.join("documenten").join(doc)).unwrap()
                == std::fs::read(a.join("documenten").join(doc)).unwrap(),
            "{doc}"
        );
    }
    assert!(pdf_text(&e.join("documenten/rapportage-fase-4.pdf")).contains("Correcties"));
    // Nothing left to revise: no new edition.
    let said = run(&["publiceer", "--inputs", i, "--out", o, "--herziening"]);
    assert!(said.contains("geen herziening nodig"), "{said}");
    // Nor a plain publication of the same documents under another name.
    let said = run(&["publiceer", "--inputs", i, "--out", o]);
    assert!(said.contains("niets nieuws om te publiceren"), "{said}");
    assert_eq!(editions(d).len(), 4);
}

/// After a first edition, an error in a row of a later school year (an impossible 2025-2026
/// row, a row for 2026-2027) keeps only the documents covering that year from being made: the
/// phase reports of earlier years and the brochure (its years fixed by its first edition) are
/// made, also into a fresh output folder.
#[test]
fn an_error_in_a_later_year_blocks_no_document_of_earlier_years() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let i = inputs.to_str().unwrap();
    run(&[
        "publiceer",
        "--inputs",
        i,
        "--out",
        d.join("uit").to_str().unwrap(),
    ]);
    let first = new_edition(d, &[]);
    open_round(&inputs);
    let add = |code: &str, year: &str, jeugd: [u32; 4]| {
        let path = inputs.join("swv").join(code).join("cijfers.xlsx");
        let bytes = fill_form(
            &std::fs::read(&path).unwrap(),
            year,
            (Some(jeugd), None),
            None,
        );
        std::fs::write(&path, bytes).unwrap();
    };
    // Vrijstelling 20 with benaderd 15; and a year after the round.
    add("PO2001", "2025-2026", [15, 5, 20, 0]);
    add("PO2002", "2026-2027", [10, 5, 2, 1]);
    let out = d.join("nieuw");
    let check = wel(&["check", "--inputs", i, "--out", out.to_str().unwrap()]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(
        said.contains("vrijstelling_5a (20) is groter dan benaderd (15)"),
        "{said}"
    );
    // At the cell that holds the year (column B), not the code.
    assert!(
        said.contains("Jeugdigen!B7: u vulde 2026-2027 in"),
        "{said}"
    );
    assert!(
        said.contains("zou niet gemaakt worden: rapportage-fase-4.pdf"),
        "{said}"
    );
    let build = wel(&["build", "--inputs", i, "--out", out.to_str().unwrap()]);
    let said = all_output(&build);
    assert_eq!(build.status.code(), Some(1), "{said}");
    for doc in [
        "rapportage-fase-1.pdf",
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
        "brochure.pdf",
    ] {
        assert!(out.join(doc).is_file(), "{doc} is made:\n{said}");
        assert!(!said.contains(&format!("niet gemaakt: {doc}")), "{said}");
    }
    assert!(!out.join("rapportage-fase-4.pdf").exists(), "{said}");
    // The brochure keeps to its years: taken over as first published.
    assert!(
        std::fs::read(out.join("brochure.pdf")).unwrap()
            == std::fs::read(first.join("documenten/brochure.pdf")).unwrap()
    );
}

/// No command reads its inputs from a folder wel wrote or writes into an edition: each is
/// refused before anything changes.
#[test]
fn no_command_changes_an_edition_or_reads_its_own_output_as_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let (i, out) = (inputs.to_str().unwrap(), d.join("uit"));
    let o = out.to_str().unwrap();
    run(&["publiceer", "--inputs", i, "--out", o]);
    let edition = new_edition(d, &[]);
    let docs = edition.join("documenten");
    let (e, dd) = (edition.to_str().unwrap(), docs.to_str().unwrap());
    let before = (tree(&d.join("edities")), tree(&out), tree(&inputs));
    let regio = docs.join("regio");
    let x = d.join("x");
    let refused: Vec<Vec<&str>> = vec![
        vec!["build", "--inputs", i, "--out", dd],
        vec!["bundle", "--inputs", i, "--out", regio.to_str().unwrap()],
        vec!["build", "--inputs", o, "--out", x.to_str().unwrap()],
        vec!["check", "--inputs", dd],
        vec!["publiceer", "--inputs", i, "--out", e],
        vec!["sample", "--out", dd],
        vec!["intake", "--inputs", i, "--out", dd],
        vec!["rond-af", "--inputs", o, "--ja"],
        vec!["cijfers", "--inputs", e],
    ];
    for args in refused {
        let o = wel(&args);
        let text = all_output(&o);
        assert_eq!(o.status.code(), Some(1), "wel {args:?}: {text}");
        assert!(
            text.contains("gepubliceerde editie") || text.contains("een map die wel zelf schreef"),
            "wel {args:?}: {text}"
        );
    }
    assert!(
        (tree(&d.join("edities")), tree(&out), tree(&inputs)) == before,
        "something changed"
    );
}
