//! Returns as they really come in: workbooks from other programs, attachments in a zip, texts
//! from Word, and a round's inbox with every kind of slip; every letter true for its SWV.

use std::path::Path;

use crate::common::*;

/// The minimal inputs with PO1001's workbook replaced by `file`.
fn with_workbook(dir: &Path, file: &Path) -> std::path::PathBuf {
    let inputs = dir.join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    std::fs::remove_file(inputs.join("swv/PO1001/cijfers.xlsx")).unwrap();
    let ext = file.extension().unwrap().to_string_lossy().to_string();
    std::fs::copy(file, inputs.join(format!("swv/PO1001/cijfers.{ext}"))).unwrap();
    inputs
}

#[test]
fn workbooks_of_other_programs_are_read_like_those_of_excel() {
    let dir = fixture("andere-programmas");
    // Written by gnumeric: read, with the same figures.
    for name in ["gnumeric.xls", "gnumeric.ods", "gnumeric.xlsx"] {
        let tmp = tempfile::tempdir().unwrap();
        let inputs = with_workbook(tmp.path(), &dir.join(name));
        let o = wel_on("check", &inputs, &tmp.path().join("uit"), &[]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", all_output(&o));
    }
    // A date in a count cell ("3-5" typed, shown as a date): refused at its cell, whoever
    // wrote the file, with the date as shown; never a number.
    for name in [
        "gnumeric-datum.xls",
        "gnumeric-datum.ods",
        "gnumeric-datum.xlsx",
        "libreoffice-datum.xls",
        "libreoffice-datum.ods",
        "script-datum.xlsx",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let inputs = with_workbook(tmp.path(), &dir.join(name));
        let o = wel_on("check", &inputs, &tmp.path().join("uit"), &[]);
        let said = all_output(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {said}");
        assert!(
            said.contains("Jeugdigen!E3: kolom vrijstelling_5a: bevat een datum (03-05-2026)"),
            "{name}: {said}"
        );
        assert!(!said.contains("46145"), "{name}: {said}");
    }
    // A formula a script wrote without its result.
    let tmp = tempfile::tempdir().unwrap();
    let inputs = with_workbook(tmp.path(), &dir.join("script-formule.xlsx"));
    let o = wel_on("check", &inputs, &tmp.path().join("uit"), &[]);
    let said = all_output(&o);
    assert!(
        said.contains(
            "Jeugdigen!C3: kolom benaderd: bevat de formule =10+10 zonder opgeslagen uitkomst"
        ) && said.contains("open het bestand in Excel of LibreOffice en sla het op"),
        "{said}"
    );
}

#[test]
fn a_zip_of_attachments_is_unpacked_and_its_files_filed() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, forms, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    let workbook = fill_form(
        &std::fs::read(forms.join("PO1001/cijfers.xlsx")).unwrap(),
        "2024-2025",
        (Some([9, 5, 4, 2]), Some([1, 11, 3, 4])),
        None,
    );
    let summary = std::fs::read_to_string(inputs.join("swv/PO1001/samenvatting.toml"))
        .unwrap()
        .replace("2023-2024", "2024-2025");
    let zip_path = inbox.join("bijlagen.zip");
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("Cijfers PO1001.xlsx", o).unwrap();
        z.write_all(&workbook).unwrap();
        z.start_file("samenvatting.toml", o).unwrap();
        z.write_all(summary.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(
        said.contains("bijlagen.zip: uitgepakt naar bijlagen (2 bestanden)"),
        "{said}"
    );
    assert!(
        said.contains("Cijfers PO1001.xlsx: opgeslagen als swv/PO1001/cijfers.xlsx"),
        "{said}"
    );
    assert!(
        inputs
            .join("swv/PO1001/2024-2025/samenvatting.toml")
            .is_file()
    );
    assert!(!zip_path.exists(), "the zip leaves the inbox");
    // And all of it can be undone, the zip back in the inbox.
    let o = wel(&[
        "ontvang",
        "--terugdraaien",
        "--inputs",
        inputs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(zip_path.is_file() && !inbox.join("bijlagen").exists());
}

#[test]
fn quotes_from_word_are_named_at_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, _forms, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    let summary = std::fs::read_to_string(inputs.join("swv/PO1001/samenvatting.toml"))
        .unwrap()
        .replace("2023-2024", "2024-2025")
        .replace("code = \"PO1001\"", "code = “PO1001”");
    std::fs::write(inbox.join("samenvatting.toml"), summary).unwrap();
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert!(
        said.contains("samenvatting.toml:1:8: op deze regel staan typografische aanhalingstekens")
            && said.contains("vervang “ ” door gewone aanhalingstekens"),
        "{said}"
    );
    assert_eq!(
        said.matches("fout:").count(),
        1,
        "one cause, one error: {said}"
    );
}

/// A return of one SWV in its own folder of the inbox (one e-mail).
fn returned(inbox: &Path, folder: &str, files: &[(&str, Vec<u8>)]) {
    let dir = inbox.join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// The summary form of `code`, filled in: `text` as the summary, `works` as what works.
fn summary_of(forms: &Path, code: &str, text: &str, works: &str) -> Vec<u8> {
    let form = std::fs::read_to_string(forms.join(code).join("samenvatting.toml")).unwrap();
    form.replace(
        "samenvatting = \"\"\"\n\"\"\"",
        &format!("samenvatting = \"\"\"\n{text}\n\"\"\""),
    )
    .replace("wat_werkt = []", &format!("wat_werkt = {works}"))
    .into_bytes()
}

#[test]
fn a_rounds_inbox_with_every_kind_of_slip_gives_true_letters() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let inputs = d.join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    set_round(&inputs, "2025-2026");
    let forms = d.join("formulieren");
    let o = wel(&[
        "intake",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        forms.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", all_output(&o));
    let form = |code: &str| std::fs::read(forms.join(code).join("cijfers.xlsx")).unwrap();
    // A form filled in with plausible figures for `year`.
    let filled = |code: &str, year: &str| {
        fill_form(
            &form(code),
            year,
            (Some([30, 14, 18, 6]), Some([2, 25, 6, 9])),
            None,
        )
    };
    let good = |code: &str| filled(code, "2025-2026");
    let inbox = d.join("post");
    // PO2017's earlier years are in the shared workbook; its form brings them along.
    returned(
        &inbox,
        "PO2017",
        &[
            ("cijfers.xlsx", good("PO2017")),
            (
                "samenvatting.toml",
                summary_of(&forms, "PO2017", "Een goed jaar.", "[\"Luisteren\"]"),
            ),
        ],
    );
    // PO2005 picked the year after.
    returned(
        &inbox,
        "PO2005",
        &[("cijfers.xlsx", filled("PO2005", "2026-2027"))],
    );
    // PO2010's summary has one stray quote.
    returned(
        &inbox,
        "PO2010",
        &[
            ("cijfers.xlsx", good("PO2010")),
            (
                "samenvatting.toml",
                summary_of(
                    &forms,
                    "PO2010",
                    "Een goed jaar.",
                    "[\"Luisteren\"\", \"Tijd\"]",
                ),
            ),
        ],
    );
    // PO2022 sends a photo from a phone beside its files, and names it.
    let photo = std::fs::read(fixture("afbeeldingen/foto.jpg")).unwrap();
    let with_photo = String::from_utf8(summary_of(
        &forms,
        "PO2022",
        "Een jaar met foto.",
        "[\"Luisteren\"]",
    ))
    .unwrap()
    .replace("pad = \"\"", "pad = \"foto.jpg\"")
    .replace(
        "alt = \"\"",
        "alt = \"Een lege klas met tafels in een kring\"",
    );
    returned(
        &inbox,
        "PO2022",
        &[
            ("cijfers.xlsx", good("PO2022")),
            ("samenvatting.toml", with_photo.into_bytes()),
            ("IMG_4411.JPG", photo),
        ],
    );
    // PO2020 had a photo last year; its form names it, and it sends no new one.
    returned(
        &inbox,
        "PO2020",
        &[
            ("cijfers.xlsx", good("PO2020")),
            (
                "samenvatting.toml",
                summary_of(&forms, "PO2020", "Weer een jaar.", "[\"Luisteren\"]"),
            ),
        ],
    );
    // PO2030: more with an exemption than approached.
    returned(
        &inbox,
        "PO2030",
        &[(
            "cijfers.xlsx",
            fill_form(
                &form("PO2030"),
                "2025-2026",
                (Some([15, 8, 20, 0]), Some([2, 25, 6, 9])),
                None,
            ),
        )],
    );
    // PO2040 names a child and his mother.
    returned(
        &inbox,
        "PO2040",
        &[
            ("cijfers.xlsx", good("PO2040")),
            (
                "samenvatting.toml",
                summary_of(
                    &forms,
                    "PO2040",
                    "Daan en zijn moeder Fatima Yilmaz kwamen naar het werkatelier.",
                    "[\"Luisteren\"]",
                ),
            ),
        ],
    );
    // PO2050 returns, and later gets its form again.
    returned(&inbox, "PO2050", &[("cijfers.xlsx", good("PO2050"))]);
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    let said = all_output(&o);
    // ontvang checks what it filed, as check does.
    assert!(said.contains("u vulde 2026-2027 in"), "{said}");
    assert!(
        said.contains("vrijstelling_5a (20) is groter dan benaderd (15)"),
        "{said}"
    );
    assert!(said.contains("\"Daan\" lijkt een naam"), "{said}");
    assert!(
        inputs.join("swv/PO2022/2025-2026/foto.jpg").is_file(),
        "{said}"
    );

    assert!(
        inputs.join("swv/PO2020/2025-2026/foto.jpg").is_file(),
        "last year's photo comes along: {said}"
    );

    let letters = d.join("brieven");
    let o = wel(&[
        "check",
        "--inputs",
        inputs.to_str().unwrap(),
        "--terugkoppeling",
        letters.to_str().unwrap(),
    ]);
    let said = all_output(&o);
    assert!(!said.contains("twee keer in de invoer"), "{said}");
    let letter = |code: &str| {
        std::fs::read_to_string(letters.join(format!("{code}.txt"))).unwrap_or_default()
    };
    assert_eq!(letter("PO2017"), "", "PO2017's return is complete");
    assert!(
        letter("PO2005")
            .contains("u vulde 2026-2027 in bij blad Jeugdigen; de ronde gaat over 2025-2026"),
        "{}",
        letter("PO2005")
    );
    assert!(
        !letter("PO2005").contains("nog geen cijfers"),
        "{}",
        letter("PO2005")
    );
    assert_eq!(
        letter("PO2010")
            .matches("samenvatting.toml over 2025-2026, regel")
            .count(),
        1,
        "{}",
        letter("PO2010")
    );
    assert_eq!(letter("PO2022"), "", "the photo is filed and used");
    assert!(
        letter("PO2030").contains("werkblad ‘Jeugdigen’"),
        "{}",
        letter("PO2030")
    );
    assert!(
        letter("PO2040").contains("\"Fatima Yilmaz\" lijkt een naam"),
        "{}",
        letter("PO2040")
    );
    let nothing = letter("PO2060");
    assert!(nothing.contains("nog geen cijfers"), "{nothing}");
    assert!(
        !nothing.contains("Verbeter de genoemde plaatsen"),
        "{nothing}"
    );
    let pdf = d.join("uit");
    // (Other SWVs still have errors, so the run ends non-zero; PO2022's page is made.)
    let o = wel_on("build", &inputs, &pdf, &["--swv", "PO2022"]);
    assert!(all_output(&o).contains("1 gebouwd"), "{}", all_output(&o));
    let alts = alt_texts(&pdf.join("regio/PO2022.pdf"));
    assert!(alts.iter().any(|a| a.contains("Een lege klas")), "{alts:?}");

    // A form sent again mid-round has the returned year filled, and no second row for it.
    let again = d.join("opnieuw");
    let o = wel(&[
        "intake",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
        "--swv",
        "PO2050",
    ]);
    assert!(o.status.success(), "{}", all_output(&o));
    let wb = wel::inputs::workbook::read_workbook(
        &std::fs::read(again.join("PO2050/cijfers.xlsx")).unwrap(),
    )
    .unwrap();
    let rows_of_year = wb
        .sheets
        .iter()
        .find(|s| s.name == "Jeugdigen")
        .unwrap()
        .cells
        .values()
        .filter(|v| matches!(v, wel::inputs::workbook::CellValue::Text(t) if t == "2025-2026"))
        .count();
    assert_eq!(rows_of_year, 1);
}

/// An output folder or a published edition is never an inbox: `wel ontvang` refuses it before
/// anything changes, with and without --ja (its bundles are published documents).
#[test]
fn ontvang_refuses_an_output_folder_and_an_edition() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let out = d.join("uit");
    let run = wel(&[
        "bundle",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", all_output(&run));
    // An edition as `wel publiceer` keeps one: documents below a folder with editie.json.
    let edition = d.join("edities").join("2026-12-06");
    copy_dir(&out, &edition.join("documenten"));
    std::fs::write(edition.join("editie.json"), "{}").unwrap();
    for inbox in [
        out.clone(),
        edition.join("documenten"),
        edition.clone(),
        d.join("edities"),
    ] {
        for extra in [&[][..], &["--ja"][..]] {
            let (before_inbox, before_inputs) = (tree(&inbox), tree(&inputs));
            let o = ontvang_with(&inbox, &inputs, extra);
            let text = all_output(&o);
            assert_eq!(o.status.code(), Some(1), "{}: {text}", inbox.display());
            assert!(text.contains("een map die wel zelf schreef"), "{text}");
            assert!(tree(&inbox) == before_inbox, "{} changed", inbox.display());
            assert!(tree(&inputs) == before_inputs, "the inputs changed");
        }
    }
}

/// A workbook with the name in its SWV sheet replaced (the code stays).
fn with_name(bytes: &[u8], name: &str) -> Vec<u8> {
    use wel::inputs::workbook::{CellValue, read_workbook};
    use wel::sample::sheet::{Cell, SheetData, xlsx};
    let wb = read_workbook(bytes).unwrap();
    let sheets: Vec<SheetData> = wb
        .sheets
        .iter()
        .map(|s| {
            let rows_n = s.cells.keys().map(|(r, _)| r + 1).max().unwrap_or(0);
            let cols_n = s.cells.keys().map(|(_, c)| c + 1).max().unwrap_or(0);
            let naam_col = s
                .cells
                .iter()
                .find(|(_, v)| matches!(v, CellValue::Text(t) if t == "naam"))
                .map(|((r, c), _)| (*r, *c));
            let rows = (0..rows_n)
                .map(|r| {
                    (0..cols_n)
                        .map(|c| match (s.cells.get(&(r, c)), naam_col) {
                            (Some(CellValue::Text(_)), Some((hr, hc)))
                                if s.name == "SWV" && c == hc && r > hr =>
                            {
                                Cell::Text(name.to_string())
                            }
                            (Some(CellValue::Number(n)), _) => Cell::Number(*n),
                            (Some(CellValue::Text(t)), _) => Cell::Text(t.clone()),
                            _ => Cell::Empty,
                        })
                        .collect()
                })
                .collect();
            SheetData {
                name: s.name.clone(),
                rows,
                header_row: None,
            }
        })
        .collect();
    xlsx(&sheets, "ingevuld").unwrap()
}

/// A filled-in 2024-2025 form of PO1001 (minimal inputs).
fn filled(forms: &Path) -> Vec<u8> {
    fill_form(
        &std::fs::read(forms.join("PO1001/cijfers.xlsx")).unwrap(),
        "2024-2025",
        (Some([9, 5, 4, 2]), Some([1, 11, 3, 4])),
        None,
    )
}

/// `wel ontvang` without `--ja`, when it would replace filled-in input, changes nothing
/// anywhere: a zip it unpacked to look inside goes back, and no journal is left.
#[test]
fn a_dry_run_changes_nothing_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, forms, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::fs::File::create(inbox.join("mail.zip")).unwrap());
        z.start_file("PO1001.xlsx", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(&filled(&forms)).unwrap();
        z.finish().unwrap();
    }
    let before = (tree(&inbox), tree(&inputs));
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("niets veranderd"), "{said}");
    assert!(
        (tree(&inbox), tree(&inputs)) == before,
        "something changed:\n{said}"
    );
    assert!(!inputs.join(".vorige").exists());
}

/// A return with the code of one SWV and the name of another is not filed: both are named.
#[test]
fn a_return_with_another_swvs_name_is_not_filed() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, forms, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    std::fs::write(
        inbox.join("retour.xlsx"),
        with_name(&filled(&forms), "SWV VO Testregio"),
    )
    .unwrap();
    let before = tree(&inputs);
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("niet opgeborgen: de code is PO1001, maar het blad SWV noemt \"SWV VO Testregio\" in Utrecht (zo heet VO1002); in de invoer is PO1001 \"SWV PO Testregio\" in Utrecht"),
        "{said}"
    );
    assert!(inbox.join("retour.xlsx").is_file());
    assert!(tree(&inputs) == before, "the inputs changed");
}

/// The same workbook sent again is recognised as received, and taken out of the inbox.
#[test]
fn the_same_workbook_again_is_already_received() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, _, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    std::fs::copy(
        inputs.join("swv/PO1001/cijfers.xlsx"),
        inbox.join("nogmaals.xlsx"),
    )
    .unwrap();
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(
        said.contains("nogmaals.xlsx: staat al zo in swv/PO1001/cijfers.xlsx (PO1001)"),
        "{said}"
    );
    assert!(!inbox.join("nogmaals.xlsx").exists());
}

/// A form whose counts are formulas without a stored result (saved by a program that does not
/// calculate) is a return: filed, and `wel check` names the cell.
#[test]
fn a_form_with_formulas_without_results_is_filed_and_its_cells_named() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, _, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    std::fs::copy(
        fixture("andere-programmas/script-formule.xlsx"),
        inbox.join("formules.xlsx"),
    )
    .unwrap();
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    let said = all_output(&o);
    assert!(
        said.contains("formules.xlsx: opgeslagen als swv/PO1001/cijfers.xlsx"),
        "{said}"
    );
    assert!(
        said.contains(
            "Jeugdigen!C3: kolom benaderd: bevat de formule =10+10 zonder opgeslagen uitkomst"
        ),
        "{said}"
    );
}

/// Undo restores only what is still as the run left it: a hand edit since stops it (named);
/// a round closed since stops it unless asked for with --ja.
#[test]
fn undo_never_loses_work() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, forms, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    let i = inputs.to_str().unwrap();
    std::fs::write(inbox.join("retour.xlsx"), filled(&forms)).unwrap();
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    // A hand edit of the filed workbook.
    let filed = inputs.join("swv/PO1001/cijfers.xlsx");
    set_count(&filed, "Jeugdigen", "PO1001", "2024-2025", "benaderd", 10);
    let before = tree(&inputs);
    let o = wel(&["ontvang", "--terugdraaien", "--inputs", i]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("er is niets teruggedraaid: sinds die wel ontvang is dit bestand met de hand veranderd (swv/PO1001/cijfers.xlsx)"),
        "{said}"
    );
    assert!(tree(&inputs) == before, "the edit is kept");

    // A round closed after the run.
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, forms, inbox) = inbox_case(tmp.path(), &["PO1001"]);
    let i = inputs.to_str().unwrap();
    set_round(&inputs, "2024-2025");
    std::fs::write(inbox.join("retour.xlsx"), filled(&forms)).unwrap();
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let o = wel(&["rond-af", "--inputs", i, "--ja"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let before = tree(&inputs);
    let o = wel(&["ontvang", "--terugdraaien", "--inputs", i]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("na die wel ontvang de ronde 2024-2025 is afgerond"),
        "{said}"
    );
    assert!(tree(&inputs) == before);
    let o = wel(&["ontvang", "--terugdraaien", "--inputs", i, "--ja"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(
        inbox.join("retour.xlsx").is_file(),
        "the return is back in the inbox"
    );
}

/// `wel check --terugkoppeling` on `inputs`, the letters in `dir/brieven`.
fn check_with_letters(inputs: &Path, dir: &Path) -> (std::process::Output, std::path::PathBuf) {
    let letters = dir.join("brieven");
    let o = wel(&[
        "check",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        dir.join("uit").to_str().unwrap(),
        "--terugkoppeling",
        letters.to_str().unwrap(),
    ]);
    (o, letters)
}

/// Letters are true for the SWV that reads them: an SWV with errors is promised nothing, a
/// text without the round's figures is not complete, and no letter sends SWV staff to wel's
/// own documentation, output folder or commands.
#[test]
fn letters_promise_nothing_untrue_and_speak_the_swvs_language() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    set_round(&inputs, "2024-2025");
    // VO1002 sends only its text for 2024-2025.
    let text = std::fs::read_to_string(inputs.join("swv/VO1002/samenvatting.toml"))
        .unwrap()
        .replace("2023-2024", "2024-2025");
    std::fs::create_dir_all(inputs.join("swv/VO1002/2024-2025")).unwrap();
    std::fs::write(inputs.join("swv/VO1002/2024-2025/samenvatting.toml"), text).unwrap();
    std::fs::remove_file(inputs.join("swv/VO1002/samenvatting.toml")).unwrap();
    // PO1001's text names a person (a warning), and one of its counts cannot be (an error:
    // its one-pager is not made).
    let path = inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "samenvatting = \"\"\"\n",
        "samenvatting = \"\"\"\nJuf Anneke hielp Mohammed elke dag.\n",
    );
    std::fs::write(&path, text).unwrap();
    set_count(
        &inputs.join("swv/PO1001/cijfers.xlsx"),
        "Jeugdigen",
        "PO1001",
        "2023-2024",
        "in_ontwikkeling",
        999,
    );
    let (o, letters) = check_with_letters(&inputs, tmp.path());
    let said = all_output(&o);
    let vo1002 =
        std::fs::read_to_string(letters.join("VO1002.txt")).unwrap_or_else(|_| panic!("{said}"));
    assert!(vo1002.contains("Status: waarschuwingen"), "{vo1002}");
    assert!(
        vo1002.contains("de cijfers over 2024-2025 ontbreken nog"),
        "{vo1002}"
    );
    let po1001 = std::fs::read_to_string(letters.join("PO1001.txt")).unwrap();
    assert!(po1001.contains("Status: fouten"), "{po1001}");
    assert!(!po1001.contains("wordt wel gemaakt"), "{po1001}");
    assert!(po1001.contains("Graag ook nakijken:"), "{po1001}");
    for letter in [&po1001, &vo1002] {
        for internal in ["docs/", "wel herkent", "wel check", "wel ontvang", "regio/"] {
            assert!(!letter.contains(internal), "{internal}: {letter}");
        }
    }
}

/// An impossible count in the national workbook belongs to its SWV: listed under it, its
/// one-pager waits (its figure is never left out silently), and its letter names the cell.
#[test]
fn an_error_in_the_national_workbook_belongs_to_its_swv() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    set_count(
        &inputs.join("cijfers.xlsx"),
        "Jeugdigen",
        "VO1002",
        "2023-2024",
        "in_ontwikkeling",
        999,
    );
    let (o, letters) = check_with_letters(&inputs, tmp.path());
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("== VO1002\n  fout: cijfers.xlsx, Jeugdigen!D2"),
        "{said}"
    );
    assert!(
        said.contains("zou niet gemaakt worden: regio/VO1002.pdf"),
        "{said}"
    );
    let letter = std::fs::read_to_string(letters.join("VO1002.txt")).unwrap();
    assert!(letter.contains("werkblad ‘Jeugdigen’, cel D2"), "{letter}");
}
