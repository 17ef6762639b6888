//! The yearly intake round (issue 13): check gives the build's verdict, feedback per SWV,
//! returns filed by `wel ontvang`, and an overview and bundles that tell the truth.

use crate::common::*;

#[test]
fn check_and_build_agree_on_a_one_pager_that_does_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    let inputs = fixture("good/te-lang");
    let check = wel(&[
        "check",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", all_output(&check));
    let said = all_output(&check);
    assert!(said.contains("zou mislukken: regio/PO1001.pdf"), "{said}");
    assert!(!said.contains("invoer in orde"), "{said}");
    assert!(!out.exists(), "check writes nothing");
    let build = wel(&[
        "build",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(build.status.code(), Some(1), "{}", all_output(&build));
    let built = all_output(&build);
    // The same message, word for word.
    let message = |text: &str| -> String {
        text.lines()
            .find(|l| l.contains("PO1001 past niet op één A4-pagina"))
            .unwrap_or_else(|| panic!("no fit message in {text}"))
            .to_string()
    };
    assert_eq!(message(&said), message(&built));
}

#[test]
fn check_on_good_inputs_names_every_document_fitting() {
    let dir = tempfile::tempdir().unwrap();
    let check = wel(&[
        "check",
        "--inputs",
        fixture("good/minimaal").to_str().unwrap(),
        "--out",
        dir.path().join("uit").to_str().unwrap(),
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
    assert!(
        stdout(&check).contains("documenten passen"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn feedback_files_name_sheet_and_cell_and_the_status_list_covers_every_swv() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&fixture("bad/negatief-aantal"), &inputs);
    // The current school year becomes 2024-2025, for which nobody sent figures yet.
    let project = std::fs::read_to_string(inputs.join("project.toml")).unwrap();
    let project = project.replace(
        "[brochure]",
        "[[fase]]\nnummer = 2\nschooljaren = [\"2024-2025\"]\ndatum = 2025-07-01\nteksten = \"teksten/rapportage.toml\"\n\n[brochure]",
    );
    std::fs::write(inputs.join("project.toml"), project).unwrap();
    let feedback = dir.path().join("terug");
    // A letter from an earlier round for an SWV that is fine now must not stay behind.
    std::fs::create_dir_all(&feedback).unwrap();
    let check = wel(&[
        "check",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        dir.path().join("uit").to_str().unwrap(),
        "--terugkoppeling",
        feedback.to_str().unwrap(),
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", all_output(&check));
    let letter = std::fs::read_to_string(feedback.join("PO1001.txt")).unwrap();
    assert!(letter.contains("SWV PO Testregio (PO1001)"), "{letter}");
    assert!(
        letter.contains(
            "in cijfers.xlsx, werkblad ‘Jeugdigen’, cel C2: kolom benaderd: -1 is negatief"
        ),
        "{letter}"
    );
    assert!(letter.contains("Status: fouten"), "{letter}");
    let other = std::fs::read_to_string(feedback.join("VO1002.txt")).unwrap();
    assert!(other.contains("Status: niets ontvangen"), "{other}");
    assert!(other.contains("nog geen cijfers"), "{other}");
    let list = std::fs::read_to_string(feedback.join("statuslijst.txt")).unwrap();
    assert!(list.contains("schooljaar 2024-2025"), "{list}");
    assert!(list.contains("PO1001\tfouten\t1\t"), "{list}");
    assert!(list.contains("VO1002\tniets ontvangen\t0\t"), "{list}");
}

#[test]
fn feedback_of_a_complete_swv_replaces_an_old_letter() {
    let dir = tempfile::tempdir().unwrap();
    let feedback = dir.path().join("terug");
    std::fs::create_dir_all(&feedback).unwrap();
    std::fs::write(feedback.join("VO1002.txt"), "oude brief").unwrap();
    let check = wel(&[
        "check",
        "--inputs",
        fixture("bad/negatief-aantal").to_str().unwrap(),
        "--out",
        dir.path().join("uit").to_str().unwrap(),
        "--terugkoppeling",
        feedback.to_str().unwrap(),
    ]);
    assert_eq!(check.status.code(), Some(1), "{}", all_output(&check));
    assert!(
        !feedback.join("VO1002.txt").exists(),
        "the outdated letter is removed"
    );
    let list = std::fs::read_to_string(feedback.join("statuslijst.txt")).unwrap();
    assert!(list.contains("VO1002\tcompleet\t0\t0"), "{list}");
}
