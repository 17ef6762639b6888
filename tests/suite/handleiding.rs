//! The handleiding's yearly round, steps 1 to 8, run as written on a copy of the sample inputs:
//! the commands are taken from the document itself, so the two cannot drift apart.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::*;

/// The handleiding's text of step `n` (from its heading to the next `## `).
fn step(doc: &str, n: u32) -> &str {
    let start = doc
        .find(&format!("\n## {n}. "))
        .unwrap_or_else(|| panic!("step {n} in the handleiding"));
    let rest = &doc[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    &rest[..end]
}

/// The code blocks of one language in a piece of the handleiding.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(&fence) {
        let body = &rest[i + fence.len()..];
        let end = body.find("```").unwrap();
        out.push(body[..end].trim_end().trim_start_matches(' '));
        rest = &body[end + 3..];
    }
    out
}

/// The `wel` commands of one step, in order.
fn commands(doc: &str, n: u32) -> Vec<String> {
    blocks(step(doc, n), "sh")
        .into_iter()
        .flat_map(|b| b.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("wel "))
        .map(|l| l.split('#').next().unwrap().trim().to_string())
        .collect()
}

/// Runs one command line of the handleiding in `dir`.
fn run_in(dir: &Path, line: &str) -> Output {
    let args: Vec<&str> = line.split_whitespace().skip(1).collect();
    Command::new(env!("CARGO_BIN_EXE_wel"))
        .args(&args)
        .current_dir(dir)
        .output()
        .expect("run wel")
}

#[test]
fn the_handleiding_steps_run_as_written() {
    let doc = std::fs::read_to_string(root().join("docs/handleiding.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_dir(&root().join("inputs"), &d.join("inputs"));

    // 1. Open the round with the command; project.toml is never edited by hand.
    let before = std::fs::read_to_string(d.join("inputs/project.toml")).unwrap();
    let step1 = commands(&doc, 1);
    assert_eq!(step1, ["wel ronde open 2025-2026"]);
    let o = run_in(d, &step1[0]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let project = std::fs::read_to_string(d.join("inputs/project.toml")).unwrap();
    assert!(project.contains("ronde = \"2025-2026\""), "{project}");
    assert!(project.contains("peildatum = 2026-09-01"), "{project}");
    assert!(project.contains("teksten = \"teksten/rapportage-fase-4.toml\""));
    // Every line that was there is still there, comments included, but the peildatum.
    for line in before.lines().filter(|l| !l.starts_with("peildatum")) {
        assert!(project.contains(line), "lost: {line}");
    }
    assert!(d.join("inputs/teksten/rapportage-fase-4.toml").is_file());

    // 2. Forms for the open round.
    let step2 = commands(&doc, 2);
    assert_eq!(step2, ["wel intake --out formulieren"]);
    let o = run_in(d, &step2[0]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(stdout(&o).contains("voor 2025-2026"), "{}", all_output(&o));

    // 3. Returns: PO2001's filled workbook (it replaces its filled-in one) and a summary.
    let post = d.join("post");
    std::fs::create_dir_all(&post).unwrap();
    let form = std::fs::read(d.join("formulieren/PO2001/cijfers.xlsx")).unwrap();
    std::fs::write(
        post.join("Cijfers 2025.xlsx"),
        fill_form(
            &form,
            "2025-2026",
            (Some([30, 14, 18, 6]), Some([2, 25, 6, 9])),
            None,
        ),
    )
    .unwrap();
    let summary = std::fs::read_to_string(d.join("formulieren/PO2001/samenvatting.toml"))
        .unwrap()
        .replace(
            "samenvatting = \"\"\"\n\"\"\"",
            "samenvatting = \"\"\"\nHet kernteam bleef bij elkaar komen.\n\"\"\"",
        );
    std::fs::write(post.join("samenvatting.toml"), summary).unwrap();
    let step3 = commands(&doc, 3);
    assert_eq!(step3, ["wel ontvang post", "wel ontvang post --ja"]);
    let o = run_in(d, &step3[0]);
    assert_eq!(o.status.code(), Some(1), "first shown: {}", all_output(&o));
    assert!(all_output(&o).contains("vervangt swv/PO2001/cijfers.xlsx"));
    let o = run_in(d, &step3[1]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(
        d.join("inputs/swv/PO2001/2025-2026/samenvatting.toml")
            .is_file()
    );

    // 4. Check, with the round's state.
    let step4 = commands(&doc, 4);
    assert_eq!(step4, ["wel check --terugkoppeling terugkoppeling"]);
    let o = run_in(d, &step4[0]);
    let said = all_output(&o);
    assert!(said.contains("ronde 2025-2026, nog open"), "{said}");
    assert!(said.contains("1 van 116 SWV's ontvangen"), "{said}");
    assert!(d.join("terugkoppeling/statuslijst.txt").is_file());

    // 5 has nothing new to run. 6. Close the round: an explicit choice.
    assert!(commands(&doc, 5).is_empty());
    let step6 = commands(&doc, 6);
    assert_eq!(step6, ["wel rond-af", "wel rond-af --ja"]);
    let o = run_in(d, &step6[0]);
    assert_eq!(o.status.code(), Some(1), "{}", all_output(&o));
    let o = run_in(d, &step6[1]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(d.join("inputs/rondes.toml").is_file());

    // 7. The report text is written over the skeleton (step 1 says so), then the documents
    // are made.
    std::fs::write(
        d.join("inputs/teksten/rapportage-fase-4.toml"),
        "titel = \"Rapportage fase 4\"\n\n[[hoofdstuk]]\ntitel = \"Stand van zaken\"\ntekst = \"De cijfers van 2025-2026.\"\nblok = \"cijfers\"\n",
    )
    .unwrap();
    let step7 = commands(&doc, 7);
    assert_eq!(step7, ["wel build --overzicht"]);
    let o = run_in(d, &step7[0]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let overview = std::fs::read_to_string(d.join("outputs/overzicht.html")).unwrap();
    assert!(
        overview.contains("ronde 2025-2026, afgerond op"),
        "the round's state is on the overview"
    );
    assert!(d.join("outputs/rapportage-fase-4.pdf").is_file());

    // 8. Publish: the edition beside the inputs.
    let step8 = commands(&doc, 8);
    assert_eq!(step8, ["wel publiceer"]);
    let o = run_in(d, &step8[0]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let editions: Vec<_> = std::fs::read_dir(d.join("edities")).unwrap().collect();
    assert_eq!(editions.len(), 1);
    let edition = editions[0].as_ref().unwrap().path();
    for f in [
        "documenten/manifest.json",
        "documenten/bundels/PO2001.zip",
        "cijfers.json",
        "editie.json",
    ] {
        assert!(edition.join(f).is_file(), "{f}");
    }
}
