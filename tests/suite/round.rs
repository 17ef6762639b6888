//! The yearly intake round (issue 13): check gives the build's verdict, feedback per SWV,
//! returns filed by `wel ontvang`, and an overview and bundles that tell the truth.

use crate::common::*;

#[test]
fn check_and_build_agree_on_a_one_pager_that_does_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    let inputs = fixture("good/te-lang");
    let check = wel_on("check", &inputs, &out, &[]);
    assert_eq!(check.status.code(), Some(1), "{}", all_output(&check));
    let said = all_output(&check);
    assert!(said.contains("zou mislukken: regio/PO1001.pdf"), "{said}");
    assert!(!said.contains("invoer in orde"), "{said}");
    assert!(!out.exists(), "check writes nothing");
    let build = wel_on("build", &inputs, &out, &[]);
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
    let check = wel_on(
        "check",
        &fixture("good/minimaal"),
        &dir.path().join("uit"),
        &[],
    );
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
    let check = wel_on(
        "check",
        &inputs,
        &dir.path().join("uit"),
        &["--terugkoppeling", feedback.to_str().unwrap()],
    );
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
    let check = wel_on(
        "check",
        &fixture("bad/negatief-aantal"),
        &dir.path().join("uit"),
        &["--terugkoppeling", feedback.to_str().unwrap()],
    );
    assert_eq!(check.status.code(), Some(1), "{}", all_output(&check));
    assert!(
        !feedback.join("VO1002.txt").exists(),
        "the outdated letter is removed"
    );
    let list = std::fs::read_to_string(feedback.join("statuslijst.txt")).unwrap();
    assert!(list.contains("VO1002\tcompleet\t0\t0"), "{list}");
}

/// Dutch-looking text of exactly `n` characters (ending in a full stop), different per seed.
fn text_of(n: usize, seed: usize) -> String {
    const WORDS: [&str; 16] = [
        "samenwerkingsverband",
        "ouders",
        "kinderen",
        "ontwikkeling",
        "begeleiding",
        "leerplichtambtenaar",
        "thuiszitters",
        "vertrouwen",
        "school",
        "de",
        "een",
        "jongeren",
        "gesprekken",
        "perspectief",
        "onderwijszorgarrangement",
        "samen",
    ];
    let mut s = String::new();
    let mut i = seed;
    while s.chars().count() < n {
        s.push_str(WORDS[(i * 7 + 3) % WORDS.len()]);
        s.push(' ');
        i += 1;
    }
    let mut s: String = s.chars().take(n - 1).collect();
    if s.ends_with(' ') {
        s.pop();
        s.push('x');
    }
    s.push('.');
    s
}

#[test]
fn a_summary_at_every_documented_limit_fits_one_page() {
    use wel::inputs::summary::*;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    // PO2801 has figures for every school year and a photo: the fullest page.
    let mut toml = String::from("code = \"PO2801\"\nschooljaar = \"2024-2025\"\n");
    toml.push_str(&format!(
        "samenvatting = \"{}\"\n",
        text_of(FITS_SAMENVATTING, 1)
    ));
    let items: Vec<String> = (0..MAX_WAT_WERKT)
        .map(|i| format!("\"{}\"", text_of(FITS_WAT_WERKT, 10 + i)))
        .collect();
    toml.push_str(&format!("wat_werkt = [{}]\n", items.join(", ")));
    for i in 0..MAX_VOORBEELDEN {
        toml.push_str(&format!(
            "[[voorbeelden]]\ntitel = \"{}\"\ntekst = \"{}\"\n",
            text_of(FITS_VOORBEELD_TITEL, 20 + i),
            text_of(FITS_VOORBEELD_TEKST, 30 + i)
        ));
    }
    for (i, rol) in ["ouder", "jongere", "professional", "ouder"]
        .iter()
        .take(MAX_CITATEN)
        .enumerate()
    {
        toml.push_str(&format!(
            "[[citaten]]\ntekst = \"{}\"\nrol = \"{rol}\"\n",
            text_of(FITS_CITAAT, 40 + i)
        ));
    }
    toml.push_str("[foto]\npad = \"foto.jpg\"\nalt = \"Foto van de regio\"\n");
    std::fs::write(inputs.join("swv/PO2801/2024-2025/samenvatting.toml"), toml).unwrap();
    let out = dir.path().join("uit");
    let build = wel_on(
        "build",
        &inputs,
        &out,
        &["--only", "regio", "--swv", "PO2801"],
    );
    assert_eq!(build.status.code(), Some(0), "{}", all_output(&build));
    assert_eq!(page_count(&out.join("regio/PO2801.pdf")), 1);
    // A portrait photo is shown whole, so taller: the fullest page still fits.
    let portrait = image::RgbImage::from_fn(540, 960, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&portrait)
        .unwrap();
    std::fs::write(inputs.join("swv/PO2801/2024-2025/foto.jpg"), jpeg).unwrap();
    let build = wel_on(
        "build",
        &inputs,
        &out,
        &["--only", "regio", "--swv", "PO2801"],
    );
    assert_eq!(build.status.code(), Some(0), "{}", all_output(&build));
    assert_eq!(page_count(&out.join("regio/PO2801.pdf")), 1);
    // And the documentation states these limits.
    let docs = std::fs::read_to_string(root().join("docs/invoer.md")).unwrap();
    for (what, n) in [
        ("samenvatting", FITS_SAMENVATTING),
        ("wat_werkt", FITS_WAT_WERKT),
        ("titel", FITS_VOORBEELD_TITEL),
        ("voorbeeld", FITS_VOORBEELD_TEKST),
        ("citaat", FITS_CITAAT),
    ] {
        let line = format!("| {what} | {n} |");
        assert!(docs.contains(&line), "docs/invoer.md lacks `{line}`");
    }
}

#[test]
fn a_form_returned_unfilled_raises_no_row_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, forms, _inbox) = inbox_case(dir.path(), &["PO1001"]);
    std::fs::copy(
        forms.join("PO1001/cijfers.xlsx"),
        inputs.join("swv/PO1001/cijfers.xlsx"),
    )
    .unwrap();
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
    let said = all_output(&check);
    assert!(
        !said.contains("cijfers.xlsx"),
        "no warning about the form's rows: {said}"
    );
    assert!(said.contains("0 waarschuwingen"), "{said}");
}

/// The one file kept under `.vorige/<tijdstip>/<path in the inputs>`.
fn kept(inputs: &std::path::Path, path: &str) -> Vec<u8> {
    let runs: Vec<_> = std::fs::read_dir(inputs.join(".vorige"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(runs.len(), 1, "{runs:?}");
    std::fs::read(runs[0].join(path)).unwrap()
}

#[test]
fn ontvang_files_a_form_returned_under_another_name_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, _forms, inbox) = inbox_case(dir.path(), &["PO1001"]);
    let old_workbook = std::fs::read(inputs.join("swv/PO1001/cijfers.xlsx")).unwrap();
    let old_summary = std::fs::read(inputs.join("swv/PO1001/samenvatting.toml")).unwrap();
    let returned = inbox.join("Cijfers 2025 Zaanstreek.xlsx");
    std::fs::write(
        &returned,
        returned_po1001(([9, 5, 4, 2], [1, 11, 3, 4]), None),
    )
    .unwrap();
    // The summary of the new school year, and the old one sent again with a change.
    let new_summary = std::fs::read_to_string(inputs.join("swv/PO1001/samenvatting.toml"))
        .unwrap()
        .replace("2023-2024", "2024-2025");
    std::fs::write(inbox.join("samenvatting(2).toml"), &new_summary).unwrap();
    let form_bytes = std::fs::read(&returned).unwrap();
    // The workbook replaces filled-in input: shown first, nothing changes without --ja.
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("swv/PO1001/cijfers.xlsx (vervangt swv/PO1001/cijfers.xlsx)"),
        "{said}"
    );
    assert!(said.contains("niets veranderd"), "{said}");
    assert!(returned.exists() && !inputs.join(".vorige").exists());
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(
        said.contains(
            "Cijfers 2025 Zaanstreek.xlsx: opgeslagen als swv/PO1001/cijfers.xlsx (PO1001)"
        ),
        "{said}"
    );
    // Each school year keeps its own summary: the new one in its folder, the old one moved
    // into the folder of its year.
    assert!(
        said.contains(
            "samenvatting(2).toml: opgeslagen als swv/PO1001/2024-2025/samenvatting.toml"
        ),
        "{said}"
    );
    assert_eq!(
        std::fs::read(inputs.join("swv/PO1001/cijfers.xlsx")).unwrap(),
        form_bytes
    );
    assert_eq!(
        std::fs::read_to_string(inputs.join("swv/PO1001/2024-2025/samenvatting.toml")).unwrap(),
        new_summary
    );
    assert_eq!(
        std::fs::read(inputs.join("swv/PO1001/2023-2024/samenvatting.toml")).unwrap(),
        old_summary
    );
    assert!(!inputs.join("swv/PO1001/samenvatting.toml").exists());
    assert_eq!(kept(&inputs, "swv/PO1001/cijfers.xlsx"), old_workbook);
    assert!(!returned.exists(), "a filed file leaves the inbox");
    // The filed inputs still check (the kept files are not read as inputs).
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
}

#[test]
fn ontvang_leaves_forms_returned_unfilled_and_refuses_an_inbox_of_only_those() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, forms, inbox) = inbox_case(dir.path(), &["PO1001"]);
    let before = tree(&inputs);
    copy_dir(&forms, &inbox);
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("alleen formulieren die niet zijn ingevuld"),
        "{said}"
    );
    assert_eq!(tree(&inputs), before, "the inputs are untouched");
    // With a filled summary beside them, the blank workbook stays and says why.
    let filled = std::fs::read_to_string(inputs.join("swv/PO1001/samenvatting.toml"))
        .unwrap()
        .replace("2023-2024", "2024-2025");
    std::fs::write(inbox.join("tekst.toml"), filled).unwrap();
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(
        said.contains("PO1001/cijfers.xlsx: blijft staan: niets ingevuld"),
        "{said}"
    );
    assert!(
        said.contains("PO1001/samenvatting.toml: blijft staan: niets ingevuld"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(inputs.join("swv/PO1001/cijfers.xlsx")).unwrap(),
        std::fs::read(fixture("good/minimaal/swv/PO1001/cijfers.xlsx")).unwrap()
    );
}

#[test]
fn ontvang_terugdraaien_restores_inputs_and_inbox_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, _forms, inbox) = inbox_case(dir.path(), &["PO1001"]);
    std::fs::write(
        inbox.join("cijfers.xlsx"),
        returned_po1001(([9, 5, 4, 2], [1, 11, 3, 4]), Some([21, 11, 12, 8])),
    )
    .unwrap();
    let summary = std::fs::read_to_string(inputs.join("swv/PO1001/samenvatting.toml"))
        .unwrap()
        .replace("2023-2024", "2024-2025");
    std::fs::write(inbox.join("samenvatting.toml"), summary).unwrap();
    let (inputs_before, inbox_before) = (tree(&inputs), tree(&inbox));
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert_ne!(tree(&inputs), inputs_before);
    let o = wel(&[
        "ontvang",
        "--terugdraaien",
        "--inputs",
        inputs.to_str().unwrap(),
    ]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(said.contains("teruggedraaid"), "{said}");
    assert_eq!(tree(&inputs), inputs_before);
    assert_eq!(tree(&inbox), inbox_before);
    // Nothing left to undo.
    let o = wel(&[
        "ontvang",
        "--terugdraaien",
        "--inputs",
        inputs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(all_output(&o).contains("geen wel ontvang om terug te draaien"));
}

#[test]
fn ontvang_refuses_an_inbox_inside_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, _forms, _inbox) = inbox_case(dir.path(), &["PO1001"]);
    let inside = inputs.join("post");
    std::fs::create_dir_all(&inside).unwrap();
    std::fs::write(inside.join("x.toml"), "code = \"PO1001\"\n").unwrap();
    let o = ontvang(&inside, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("ligt in de invoermap"), "{said}");
}

#[test]
fn ontvang_refuses_a_workbook_with_an_unknown_code_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, forms, inbox) = inbox_case(dir.path(), &["VO9999"]);
    let returned = inbox.join("cijfers nieuw swv.xlsx");
    std::fs::copy(forms.join("VO9999/cijfers.xlsx"), &returned).unwrap();
    let bytes = std::fs::read(&returned).unwrap();
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("cijfers nieuw swv.xlsx: blijft staan: onbekende SWV-code VO9999"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(&returned).unwrap(),
        bytes,
        "the file stays as it was"
    );
    assert!(!inputs.join("swv/VO9999").exists());
    assert!(!inputs.join(".vorige").exists(), "nothing was replaced");
}

#[test]
fn ontvang_refuses_two_workbooks_for_one_swv_and_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, _forms, inbox) = inbox_case(dir.path(), &["PO1001"]);
    let filled = returned_po1001(([9, 5, 4, 2], [1, 11, 3, 4]), None);
    std::fs::write(inbox.join("a.xlsx"), &filled).unwrap();
    std::fs::write(inbox.join("b.xlsx"), &filled).unwrap();
    let bsn = inbox.join("met bsn.xlsx");
    std::fs::copy(fixture("bad/bsn-in-cel/swv/PO1001/cijfers.xlsx"), &bsn).unwrap();
    std::fs::write(inbox.join("notities.docx"), b"geen invoer").unwrap();
    let before = std::fs::read(inputs.join("swv/PO1001/cijfers.xlsx")).unwrap();
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("a.xlsx: blijft staan: twee bestanden (werkboek) voor PO1001"),
        "{said}"
    );
    assert!(
        said.contains("b.xlsx: blijft staan: twee bestanden"),
        "{said}"
    );
    assert!(
        said.contains("met bsn.xlsx: blijft staan: lijkt persoonsgegevens te bevatten"),
        "{said}"
    );
    assert!(said.contains("notities.docx: blijft staan"), "{said}");
    for name in ["a.xlsx", "b.xlsx", "met bsn.xlsx", "notities.docx"] {
        assert!(inbox.join(name).is_file(), "{name} stays");
    }
    assert_eq!(
        std::fs::read(inputs.join("swv/PO1001/cijfers.xlsx")).unwrap(),
        before
    );
}

#[test]
fn ontvang_files_a_photo_named_by_its_returned_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, _forms, inbox) = inbox_case(dir.path(), &["PO1001"]);
    let summary = std::fs::read_to_string(inputs.join("swv/PO1001/samenvatting.toml"))
        .unwrap()
        .replace("2023-2024", "2024-2025");
    assert!(!summary.contains("[foto]"), "the fixture has no photo yet");
    let summary = format!("{summary}\n[foto]\npad = \"klas.jpg\"\nalt = \"Een lege klas\"\n");
    std::fs::write(inbox.join("tekst.toml"), &summary).unwrap();
    let photo_name = "klas.jpg";
    std::fs::copy(fixture("afbeeldingen/foto.jpg"), inbox.join(photo_name)).unwrap();
    // A photo no summary names stays.
    std::fs::copy(fixture("afbeeldingen/foto.jpg"), inbox.join("los.jpg")).unwrap();
    let o = ontvang(&inbox, &inputs);
    let said = all_output(&o);
    assert!(
        said.contains(&format!(
            "{photo_name}: opgeslagen als swv/PO1001/2024-2025/{photo_name} (PO1001)"
        )),
        "{said}"
    );
    assert!(inputs.join("swv/PO1001/2024-2025/klas.jpg").is_file());
    assert!(
        said.contains("los.jpg: blijft staan: niet aan een SWV te koppelen"),
        "{said}"
    );
    assert!(inbox.join("los.jpg").is_file());
    assert_eq!(o.status.code(), Some(1), "{said}");
    // A new photo sent later on its own goes to the SWV whose filed summary names it.
    std::fs::remove_file(inbox.join("los.jpg")).unwrap();
    std::fs::copy(
        fixture("afbeeldingen/exif-orientatie-6.jpg"),
        inbox.join(photo_name),
    )
    .unwrap();
    let o = ontvang_with(&inbox, &inputs, &["--ja"]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(
        said.contains("klas.jpg: opgeslagen als swv/PO1001/2024-2025/klas.jpg (PO1001); het vorige bestand staat in .vorige/"),
        "{said}"
    );
}

#[test]
fn the_overview_lists_a_failed_swv_with_its_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    let b = wel_on(
        "build",
        &fixture("bad/negatief-aantal"),
        &out,
        &["--overzicht"],
    );
    assert_eq!(b.status.code(), Some(1), "{}", all_output(&b));
    let page = std::fs::read_to_string(out.join("overzicht.html")).unwrap();
    assert!(page.contains("3 niet (opnieuw) gemaakt"), "{page}");
    let failed = &page[page
        .find("<h2>Niet (opnieuw) gemaakt</h2>")
        .expect("a section of failed documents")..];
    let failed = &failed[..failed.find("</section>").unwrap()];
    assert!(failed.contains("regio/PO1001.pdf"), "{failed}");
    assert!(failed.contains("-1 is negatief"), "{failed}");
    assert!(failed.contains("brochure.pdf"), "{failed}");
    assert!(
        !failed.contains("VO1002"),
        "a good one-pager is not listed as failed"
    );
}

#[test]
fn a_build_without_overzicht_removes_an_outdated_overview() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let out = dir.path().join("uit");
    let b = wel_on("build", &inputs, &out, &["--overzicht"]);
    assert!(b.status.success(), "{}", all_output(&b));
    assert!(out.join("overzicht.html").is_file());
    // Nothing changed: the overview still shows the documents and stays.
    let b = wel_on("build", &inputs, &out, &[]);
    assert!(b.status.success(), "{}", all_output(&b));
    assert!(out.join("overzicht.html").is_file());
    let summary = inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read_to_string(&summary).unwrap();
    std::fs::write(
        &summary,
        text.replacen("Een korte samenvatting", "Een nieuwe samenvatting", 1),
    )
    .unwrap();
    let b = wel_on("build", &inputs, &out, &[]);
    assert!(b.status.success(), "{}", all_output(&b));
    assert!(
        !out.join("overzicht.html").exists(),
        "the outdated overview is gone"
    );
    assert!(
        stdout(&b).contains("verouderd overzicht.html verwijderd"),
        "{}",
        stdout(&b)
    );
}

#[test]
fn bundle_after_errors_names_what_it_could_not_refresh_and_packs_nothing_outdated() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let out = dir.path().join("uit");
    let mut args = vec![
        "bundle",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let b = wel(&args);
    assert!(b.status.success(), "{}", all_output(&b));
    assert!(out.join("bundels/PO1001.zip").is_file());
    assert!(out.join("bundels/landelijk.zip").is_file());
    // PO1001's summary breaks: its one-pager cannot be made anew.
    let summary = inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read_to_string(&summary).unwrap();
    std::fs::write(&summary, format!("{text}\nkapot = = 1\n")).unwrap();
    args.truncate(5);
    let b = wel(&args);
    let said = all_output(&b);
    assert_eq!(b.status.code(), Some(1), "{said}");
    assert!(
        said.contains("bundel bundels/PO1001.zip: niet ververst: regio/PO1001.pdf"),
        "{said}"
    );
    assert!(
        said.contains("bundel bundels/landelijk.zip: niet ververst"),
        "{said}"
    );
    assert!(said.contains("2 bundels NIET ververst"), "{said}");
    assert!(
        !said.contains("bundels klaar") || said.contains("1 bundels klaar"),
        "{said}"
    );
    assert!(
        !out.join("bundels/PO1001.zip").exists(),
        "no bundle with the outdated one-pager"
    );
    assert!(!out.join("bundels/landelijk.zip").exists());
    assert!(
        out.join("bundels/VO1002.zip").is_file(),
        "a good SWV still gets its bundle"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let docs = manifest["documenten"].as_array().unwrap();
    let po = docs
        .iter()
        .find(|d| d["pad"] == "regio/PO1001.pdf")
        .unwrap();
    assert_eq!(po["verouderd"], true, "{po}");
    let bundles = manifest["bundels"].as_array().unwrap();
    assert!(
        bundles.iter().all(|b| b["pad"] != "bundels/PO1001.zip"),
        "{bundles:?}"
    );
}

/// Each document with the verdict a run printed for it: "mislukt"/"zou mislukken" or
/// "niet gemaakt"/"zou niet gemaakt worden" (anything else was made or would be).
fn verdicts(output: &str, failed: &str, blocked: &str) -> Vec<(String, &'static str)> {
    let mut found: Vec<(String, &'static str)> = output
        .lines()
        .filter_map(|l| {
            let (kind, rest) = if let Some(r) = l.strip_prefix(&format!("{failed}: ")) {
                ("mislukt", r)
            } else {
                ("niet gemaakt", l.strip_prefix(&format!("{blocked}: "))?)
            };
            Some((rest.split(".pdf").next()?.to_string(), kind))
        })
        .collect();
    found.sort();
    found
}

/// `wel check` stops at the layout (no PDF export); the only data that could still make the
/// export fail (characters PDF/A refuses, texts too long for a PDF string) is caught before.
/// On inputs written to hit exactly those, check and build give the same verdict per document.
#[test]
fn check_without_export_and_build_agree_on_texts_pdf_a_refuses() {
    let long = "x".repeat(301);
    type Edit = Box<dyn Fn(String) -> String>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "stuurtekens",
            Box::new(|t: String| {
                t.replace(
                    "Een korte samenvatting",
                    "Een\\u000Bkorte\\u0000samenvatting",
                )
                .replace("\"Luisteren\"", "\"Luis\\u0007teren\\u0085\"")
                .replace("Het hielp.", "Het\\u001Bhielp.\\r")
            }),
        ),
        (
            "lange alt-tekst",
            Box::new(move |t: String| {
                format!("{t}\n[foto]\npad = \"foto.jpg\"\nalt = \"{long}\"\n")
            }),
        ),
        (
            "lang punt",
            Box::new(|t: String| {
                t.replace("\"Tijd nemen\"", &format!("\"{}\"", "woord ".repeat(3000)))
            }),
        ),
        (
            "lange titel",
            Box::new(|t: String| {
                t.replace(
                    "titel = \"Voorbeeld\"",
                    &format!("titel = \"{}\"", "y".repeat(20_000)),
                )
            }),
        ),
    ];
    for (name, edit) in cases {
        let dir = tempfile::tempdir().unwrap();
        let inputs = minimal_with_summary(dir.path(), edit);
        let out = dir.path().join("uit");
        let check = wel_on("check", &inputs, &out, &[]);
        let build = wel_on("build", &inputs, &out, &[]);
        let (said, built) = (all_output(&check), all_output(&build));
        assert_eq!(
            verdicts(&said, "zou mislukken", "zou niet gemaakt worden"),
            verdicts(&built, "mislukt", "niet gemaakt"),
            "{name}:\n--- check\n{said}\n--- build\n{built}"
        );
        assert_eq!(
            check.status.code(),
            build.status.code(),
            "{name}: {said}\n{built}"
        );
        // Never an export error in English: every refusal is a Dutch input message.
        assert!(!built.contains("PDF/A-2a"), "{name}: {built}");
        match name {
            "stuurtekens" => {
                assert_eq!(build.status.code(), Some(0), "{built}");
                for field in ["samenvatting", "wat_werkt[1]", "citaten[1].tekst"] {
                    assert!(
                        said.contains(&format!(
                            "samenvatting.toml, {field}: onzichtbaar stuurteken"
                        )),
                        "{field}: {said}"
                    );
                }
                let text = pdf_text(&out.join("regio/PO1001.pdf"));
                assert!(text.contains("Een korte samenvatting"), "{text}");
            }
            "lange alt-tekst" => assert!(
                said.contains("alt is 301 tekens lang, meer dan de toegestane 300"),
                "{said}"
            ),
            "lang punt" => assert!(said.contains("wat_werkt is 17999 tekens lang"), "{said}"),
            _ => assert!(said.contains("titel is 20000 tekens lang"), "{said}"),
        }
    }
}

/// A control character in the project group's own texts is named at its key, and the report
/// is still made (with a space in its place), by check and build alike.
#[test]
fn a_control_character_in_the_report_texts_is_a_warning_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let path = inputs.join("teksten/rapportage.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Een korte inleiding.", "Een korte\\u000Binleiding."),
    )
    .unwrap();
    let out = dir.path().join("uit");
    let check = wel_on("check", &inputs, &out, &[]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(0), "{said}");
    assert!(
        said.contains("teksten/rapportage.toml, hoofdstuk[1].tekst: onzichtbaar stuurteken U+000B"),
        "{said}"
    );
    let build = wel_on("build", &inputs, &out, &["--only", "rapportage"]);
    assert_eq!(build.status.code(), Some(0), "{}", all_output(&build));
    let pdf = pdf_text_flow(&out.join("rapportage-fase-1.pdf"));
    assert!(pdf.contains("Een korte inleiding."), "{pdf}");
}

/// Runs `wel ronde open` with `extra` on `inputs`.
fn ronde_open(inputs: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["ronde", "open", "--inputs", inputs.to_str().unwrap()];
    args.extend_from_slice(extra);
    wel(&args)
}

#[test]
fn ronde_open_sets_round_phase_peildatum_and_skeleton_and_undoes_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let before = std::fs::read(inputs.join("project.toml")).unwrap();

    // Without a year: the one after the last phase's.
    let o = ronde_open(&inputs, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let said = stdout(&o);
    assert!(said.contains("ronde 2024-2025 geopend"), "{said}");
    assert!(said.contains("peildatum blijft 2025-09-01"), "{said}");
    let project = std::fs::read_to_string(inputs.join("project.toml")).unwrap();
    let parsed: toml::Table = project.parse().unwrap();
    assert_eq!(parsed["programma"]["ronde"].as_str(), Some("2024-2025"));
    assert_eq!(
        parsed["programma"]["peildatum"]
            .as_datetime()
            .unwrap()
            .to_string(),
        "2025-09-01"
    );
    let phases = parsed["fase"].as_array().unwrap();
    assert_eq!(phases.len(), 2);
    assert_eq!(phases[1]["nummer"].as_integer(), Some(2));
    assert_eq!(
        phases[1]["schooljaren"].as_array().unwrap()[0].as_str(),
        Some("2024-2025")
    );
    assert_eq!(
        phases[1]["pilotregios"].as_array().unwrap()[0].as_str(),
        Some("PO1001")
    );
    let skeleton = inputs.join("teksten/rapportage-fase-2.toml");
    assert!(skeleton.is_file());

    // The skeleton holds no chapter yet: check names that one report and exits 1, the
    // one-pager is still made.
    let o = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("nog geen hoofdstukken"), "{said}");
    assert!(said.contains("ronde 2024-2025, nog open"), "{said}");

    // A second round while this one is open, and a year already in a phase: refused, nothing
    // changed.
    let now = std::fs::read(inputs.join("project.toml")).unwrap();
    let o = ronde_open(&inputs, &["2025-2026"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nog niet afgerond"), "{}", stderr(&o));
    assert_eq!(std::fs::read(inputs.join("project.toml")).unwrap(), now);

    // Undo: project.toml byte for byte as before, the untouched skeleton gone.
    let o = ronde_open(&inputs, &["--terugdraaien"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert_eq!(std::fs::read(inputs.join("project.toml")).unwrap(), before);
    assert!(!skeleton.exists());
    assert!(!inputs.join(".vorige").exists());

    let o = ronde_open(&inputs, &["2023-2024"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("staat al bij fase 1"), "{}", stderr(&o));
    assert_eq!(std::fs::read(inputs.join("project.toml")).unwrap(), before);
}

#[test]
fn ronde_open_into_the_last_phase_and_an_undo_that_would_lose_work() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let o = ronde_open(&inputs, &["2024-2025", "--fase", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let parsed: toml::Table = std::fs::read_to_string(inputs.join("project.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let phases = parsed["fase"].as_array().unwrap();
    assert_eq!(phases.len(), 1, "no new phase");
    let years: Vec<&str> = phases[0]["schooljaren"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(years, ["2022-2023", "2023-2024", "2024-2025"]);
    assert_eq!(
        phases[0]["datum"].as_datetime().unwrap().to_string(),
        "2025-07-01"
    );
    // The phase has its text: no skeleton written.
    assert!(!inputs.join("teksten/rapportage-fase-1.toml").exists());

    // A phase that is neither the last nor the next: refused.
    let o = ronde_open(&inputs, &["--terugdraaien"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let o = ronde_open(&inputs, &["2024-2025", "--fase", "5"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("fase 5 kan 2024-2025 niet krijgen"),
        "{}",
        stderr(&o)
    );

    // A hand edit of project.toml after the opening: the undo refuses and names the file.
    let o = ronde_open(&inputs, &["2024-2025"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let path = inputs.join("project.toml");
    let edited = std::fs::read_to_string(&path).unwrap().replace(
        "uitvoerder = \"Projectgroep",
        "uitvoerder = \"De projectgroep",
    );
    std::fs::write(&path, &edited).unwrap();
    let o = ronde_open(&inputs, &["--terugdraaien"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("project.toml is sinds wel ronde open 2024-2025 veranderd"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);

    // Text written into the skeleton stays when the opening is undone.
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    copy_dir(&fixture("good/minimaal"), &inputs);
    assert!(ronde_open(&inputs, &[]).status.success());
    let skeleton = inputs.join("teksten/rapportage-fase-2.toml");
    let written = std::fs::read_to_string(&skeleton).unwrap()
        + "\n[[hoofdstuk]]\ntitel = \"Inleiding\"\ntekst = \"Al geschreven.\"\n";
    std::fs::write(&skeleton, &written).unwrap();
    let o = ronde_open(&inputs, &["--terugdraaien"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    assert!(stdout(&o).contains("is blijven staan"), "{}", stdout(&o));
    assert_eq!(std::fs::read_to_string(&skeleton).unwrap(), written);

    // After a round was closed, undo only with --ja.
    assert!(ronde_open(&inputs, &[]).status.success());
    let o = wel(&["rond-af", "--ja", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let o = ronde_open(&inputs, &["--terugdraaien"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("de ronde 2024-2025 is afgerond"),
        "{}",
        stderr(&o)
    );
    let o = ronde_open(&inputs, &["--terugdraaien", "--ja"]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
}

#[test]
fn a_round_letter_names_the_year_of_the_summary_it_points_into() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    copy_dir(&fixture("good/minimaal"), &inputs);
    // Last year's summary (2023-2024) has an empty "wat werkt" point on line 6.
    let summary = inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read_to_string(&summary)
        .unwrap()
        .replace("[\"Luisteren\", \"Tijd nemen\"]", "[\"Luisteren\", \"\"]");
    std::fs::write(&summary, text).unwrap();
    assert!(ronde_open(&inputs, &["2024-2025"]).status.success());
    // The round's figures came in; its summary did not.
    std::fs::write(
        inputs.join("swv/PO1001/cijfers.xlsx"),
        returned_po1001(([30, 14, 18, 6], [2, 25, 6, 9]), None),
    )
    .unwrap();
    let feedback = dir.path().join("terug");
    let o = wel(&[
        "check",
        "--inputs",
        inputs.to_str().unwrap(),
        "--terugkoppeling",
        feedback.to_str().unwrap(),
    ]);
    let letter = std::fs::read_to_string(feedback.join("PO1001.txt"))
        .unwrap_or_else(|_| panic!("{}", all_output(&o)));
    assert!(letter.contains("Schooljaar: 2024-2025"), "{letter}");
    assert!(
        letter.contains("in samenvatting.toml over 2023-2024, regel 6"),
        "the letter says which year's summary the line is in: {letter}"
    );
    assert!(
        letter.contains("de samenvatting over 2024-2025 ontbreekt nog"),
        "{letter}"
    );
}
