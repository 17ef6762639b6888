//! Delivery: bundles, manifest, `wel verify`, intake forms, watch mode and the overview page.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use wel::export::manifest::Manifest;

use crate::common::*;

fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        assert!(
            !name.contains("..") && !name.starts_with('/'),
            "unsafe entry {name}"
        );
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.insert(name, bytes);
    }
    out
}

#[test]
fn every_swv_gets_a_bundle_whose_files_match_the_manifest() {
    let out = sample_build();
    let manifest = Manifest::read(&out.join("manifest.json")).unwrap();
    assert_eq!(manifest.documenten.len(), 120);
    let bundles: Vec<_> = std::fs::read_dir(out.join("bundels"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(bundles.len(), 117, "116 SWV bundles and landelijk.zip");
    assert_eq!(manifest.bundels.len(), 117);
    for b in &manifest.bundels {
        let path = out.join(&b.pad);
        assert_eq!(
            wel::hash::file_sha256(&path).unwrap(),
            b.sha256,
            "{}",
            b.pad
        );
        let files = unzip(&path);
        assert_eq!(
            files.keys().cloned().collect::<Vec<_>>(),
            b.inhoud.keys().cloned().collect::<Vec<_>>()
        );
        for (name, bytes) in &files {
            assert_eq!(&sha(bytes), &b.inhoud[name], "{} in {}", name, b.pad);
        }
        if let Some(code) = &b.swv {
            let pdf = &files[&format!("{code}-regio-overzicht.pdf")];
            let doc = manifest
                .documenten
                .iter()
                .find(|d| d.pad == format!("regio/{code}.pdf"))
                .unwrap();
            assert_eq!(
                sha(pdf),
                doc.sha256,
                "the bundled one-pager is the built one"
            );
            let csv = String::from_utf8(files[&format!("{code}-cijfers.csv")].clone()).unwrap();
            assert!(
                csv.starts_with("\u{feff}Schooljaar;Benaderd;In ontwikkeling;"),
                "{csv}"
            );
            assert!(csv.contains("\r\n"));
            assert!(files.contains_key("brochure.pdf") && files.contains_key("manifest.json"));
            bundle_explains_itself(code, &files);
        }
    }
    for d in &manifest.documenten {
        assert_eq!(wel::hash::file_sha256(&out.join(&d.pad)).unwrap(), d.sha256);
        assert!(
            !d.invoer.is_empty() && d.invoer.values().all(|h| h.len() == 64),
            "{} lists its inputs",
            d.pad
        );
    }
    let landelijk = unzip(&out.join("bundels/landelijk.zip"));
    assert_eq!(
        landelijk.len(),
        122,
        "every document, a read-me and the manifest"
    );
    let readme = String::from_utf8(landelijk["LEESMIJ.txt"].clone()).unwrap();
    for d in &manifest.documenten {
        assert!(
            readme.contains(&format!("{}  {}", d.sha256, d.pad)),
            "landelijk.zip's read-me lists {} with its SHA-256",
            d.pad
        );
    }
    assert!(readme.contains("VOORBEELDGEGEVENS"), "{readme}");
}

/// An SWV's bundle as a subsidy officer opens it: the read-me names the SWV and whether it is a
/// published edition, says what each file is and gives its SHA-256 with a command every
/// computer has; the manifest inside names the files as the zip holds them; sample figures
/// say so in the read-me and in every row of the CSV.
fn bundle_explains_itself(code: &str, files: &std::collections::BTreeMap<String, Vec<u8>>) {
    let readme = String::from_utf8(files["LEESMIJ.txt"].clone()).unwrap();
    let display = format!("{} {}-{}", &code[..2], &code[2..4], &code[4..]);
    assert!(readme.contains(&format!("({display})")), "{readme}");
    assert!(
        readme.contains("Werkversie"),
        "a plain bundle is no edition: {readme}"
    );
    assert!(readme.contains("Get-FileHash") && readme.contains("shasum -a 256"));
    assert!(
        !readme.contains("wel verify"),
        "officers do not have wel: {readme}"
    );
    assert!(readme.contains("VOORBEELDGEGEVENS"), "{readme}");
    for (name, bytes) in files {
        if name == "LEESMIJ.txt" || name == "manifest.json" {
            continue;
        }
        assert!(
            readme.contains(&format!("- {name}: ")),
            "{name} is explained: {readme}"
        );
        assert!(
            readme.contains(&format!("{}  {name}", sha(bytes))),
            "{name} with its SHA-256: {readme}"
        );
    }
    let inner: Manifest = serde_json::from_slice(&files["manifest.json"]).unwrap();
    for d in &inner.documenten {
        assert!(
            files.contains_key(&d.pad),
            "the manifest names {} as in the zip",
            d.pad
        );
    }
    let csv = String::from_utf8(files[&format!("{code}-cijfers.csv")].clone()).unwrap();
    for row in csv.lines().skip(1) {
        assert!(
            row.ends_with(";voorbeeldgegevens, geen echte cijfers"),
            "{row}"
        );
    }
}

#[test]
fn verify_tells_unchanged_from_altered() {
    let out = sample_build();
    let ok = wel(&["verify", out.join("regio/PO2801.pdf").to_str().unwrap()]);
    assert_eq!(ok.status.code(), Some(0), "{}", all_output(&ok));
    assert!(
        stdout(&ok).contains("ongewijzigd") && stdout(&ok).contains("PO2801"),
        "{}",
        stdout(&ok)
    );
    let zip_ok = wel(&["verify", out.join("bundels/PO2801.zip").to_str().unwrap()]);
    assert_eq!(zip_ok.status.code(), Some(0), "{}", all_output(&zip_ok));

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("PO2801.pdf");
    let mut bytes = std::fs::read(out.join("regio/PO2801.pdf")).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&copy, bytes).unwrap();
    let manifest = out.join("manifest.json");
    let changed = wel(&[
        "verify",
        copy.to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
    ]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        stdout(&changed).contains("GEWIJZIGD"),
        "{}",
        stdout(&changed)
    );
}

/// Files taken out of a bundle are recognised by their bytes, with or without the bundle's
/// own manifest beside them; an altered one under a known name is GEWIJZIGD, a stranger onbekend.
#[test]
fn verify_recognises_files_out_of_a_bundle_by_their_bytes() {
    let out = sample_build();
    let dir = tempfile::tempdir().unwrap();
    let zip = std::fs::read(out.join("bundels/PO2801.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    archive.extract(dir.path()).unwrap();
    let national = out.join("manifest.json");
    for name in [
        "PO2801-regio-overzicht.pdf",
        "PO2801-cijfers.csv",
        "brochure.pdf",
    ] {
        let file = dir.path().join(name);
        // With the bundle's own manifest beside it, and with the national one.
        for manifest in [dir.path().join("manifest.json"), national.clone()] {
            let v = wel(&[
                "verify",
                file.to_str().unwrap(),
                "--manifest",
                manifest.to_str().unwrap(),
            ]);
            assert_eq!(v.status.code(), Some(0), "{name}: {}", all_output(&v));
            assert!(stdout(&v).starts_with("ongewijzigd"), "{}", stdout(&v));
        }
    }
    let renamed = dir.path().join("bijlage subsidie.pdf");
    std::fs::copy(dir.path().join("PO2801-regio-overzicht.pdf"), &renamed).unwrap();
    let v = wel(&[
        "verify",
        renamed.to_str().unwrap(),
        "--manifest",
        national.to_str().unwrap(),
    ]);
    assert!(
        stdout(&v).contains("Passend Primair Onderwijs Rotterdam"),
        "{}",
        stdout(&v)
    );

    let csv = dir.path().join("PO2801-cijfers.csv");
    let mut bytes = std::fs::read(&csv).unwrap();
    bytes.extend_from_slice(b"2025-2026;1;1;1;1;1;1;1;1\r\n");
    std::fs::write(&csv, bytes).unwrap();
    let v = wel(&["verify", csv.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).starts_with("GEWIJZIGD"), "{}", stdout(&v));

    let stranger = dir.path().join("notulen.pdf");
    std::fs::write(&stranger, b"%PDF-1.7 iets anders").unwrap();
    let v = wel(&["verify", stranger.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(1));
    assert!(stdout(&v).starts_with("onbekend"), "{}", stdout(&v));
}

#[test]
fn intake_forms_round_trip_through_another_program() {
    let dir = tempfile::tempdir().unwrap();
    let forms = dir.path().join("forms");
    let o = wel(&[
        "intake",
        "--inputs",
        fixture("good/minimaal").to_str().unwrap(),
        "--out",
        forms.to_str().unwrap(),
        "--schooljaar",
        "2024-2025",
        "--swv",
        "PO1001",
    ]);
    assert!(o.status.success(), "{}", all_output(&o));
    let form = forms.join("PO1001/cijfers.xlsx");
    assert!(forms.join("PO1001/samenvatting.toml").is_file());
    // Fill in next year's figures with openpyxl, as another spreadsheet program would.
    let script = r#"
import sys, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
assert "Instructies" in wb.sheetnames
for name, values in (("Jeugdigen", [321, 123, 200, 50]), ("Activiteiten", [3, 27, 6, 11])):
    ws = wb[name]
    assert ws.protection.sheet, name + " is protected"
    kinds = sorted(dv.type for dv in ws.data_validations.dataValidation)
    assert kinds == ["list", "whole"], kinds
    # The year list offers the round's year and earlier ones, never a later year.
    offered = next(dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list")
    assert offered.strip('"').split(",")[-1] == "2024-2025", offered
    assert "2025-2026" not in offered, offered
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "2024-2025")
    for i, v in enumerate(values):
        ws.cell(row, 3 + i).value = v
wb.save(path)
"#;
    let py = crate::common::python()
        .arg("-c")
        .arg(script)
        .arg(&form)
        .output()
        .expect("python3 with openpyxl; .ci/run installs it");
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let inputs = dir.path().join("inputs");
    copy_dir(&fixture("good/minimaal"), &inputs);
    std::fs::copy(&form, inputs.join("swv/PO1001/cijfers.xlsx")).unwrap();
    let out = dir.path().join("out");
    let b = wel(&[
        "build",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--swv",
        "PO1001",
    ]);
    assert!(b.status.success(), "{}", all_output(&b));
    let text = pdf_text(&out.join("regio/PO1001.pdf"));
    assert!(
        text.contains("Kerncijfers 2024-2025") && text.contains("321") && text.contains("123"),
        "{text}"
    );
}

#[test]
fn watch_rebuilds_an_edited_swv_and_survives_template_errors() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let templates = dir.path().join("templates");
    copy_dir(&root().join("templates"), &templates);
    let out = dir.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_wel"))
        .args([
            "watch",
            "--inputs",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--swv",
            "PO1001",
        ])
        .args(["--templates", templates.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let sink = log.clone();
    std::thread::spawn(move || {
        let mut s = stderr;
        let mut buf = [0u8; 4096];
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let pdf = out.join("regio/PO1001.pdf");
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !done() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait("the first build", &|| pdf.is_file());
    let first = wel::hash::file_sha256(&pdf);
    let summary = inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read_to_string(&summary)
        .unwrap()
        .replace("Een korte samenvatting", "Een bewerkte samenvatting");
    std::fs::write(&summary, text).unwrap();
    wait("the rebuild after an edit", &|| {
        wel::hash::file_sha256(&pdf) != first
    });
    assert!(pdf_text(&pdf).contains("bewerkte samenvatting"));

    let regio = templates.join("regio.typ");
    let good = std::fs::read_to_string(&regio).unwrap();
    std::fs::write(&regio, format!("{good}\n#let x = (\n")).unwrap();
    wait("the template error", &|| {
        log.lock().unwrap().contains("templates/regio.typ:")
    });
    assert!(
        child.try_wait().unwrap().is_none(),
        "watch keeps running after a template error"
    );
    std::fs::write(&regio, format!("{good}\n// hersteld\n")).unwrap();
    let before = wel::hash::file_sha256(&pdf);
    std::fs::write(
        &summary,
        std::fs::read_to_string(&summary)
            .unwrap()
            .replace("bewerkte", "herstelde"),
    )
    .unwrap();
    wait("the rebuild after the fix", &|| {
        wel::hash::file_sha256(&pdf) != before
    });
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn overview_page_is_self_contained_and_loads_in_headless_chromium() {
    let out = sample_build();
    let page = out.join("overzicht.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("src=\"/"),
        "no external resources"
    );
    let profile = tempfile::tempdir().unwrap();
    let o = crate::common::tool("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium must be installed (Debian package chromium); .ci/run installs it");
    let dom = String::from_utf8_lossy(&o.stdout);
    let log = String::from_utf8_lossy(&o.stderr);
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("ERROR") || l.contains("Uncaught")))
        .collect();
    assert!(
        console_errors.is_empty(),
        "console errors: {console_errors:?}"
    );
    let attr = |name: &str| -> usize {
        let at = dom
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("{name} not set: the page script did not run\n{log}"));
        dom[at + name.len() + 2..]
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(attr("data-miniaturen-regio"), 116, "one thumbnail per SWV");
    assert_eq!(
        attr("data-miniaturen"),
        120,
        "every document has a thumbnail that loaded"
    );
    assert_eq!(attr("data-kapot"), 0);
}

/// `wel intake` never replaces existing files (such as filled-in inputs) without `--force`,
/// and says which files it would overwrite.
#[test]
fn intake_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let filled = inputs.join("swv/PO1001/samenvatting.toml");
    let before = std::fs::read(&filled).unwrap();
    let forms = inputs.join("swv");
    let run = |force: bool| {
        let mut args = vec![
            "intake",
            "--inputs",
            inputs.to_str().unwrap(),
            "--out",
            forms.to_str().unwrap(),
            "--schooljaar",
            "2025-2026",
        ];
        if force {
            args.push("--force");
        }
        wel(&args)
    };
    let refused = run(false);
    assert_eq!(refused.status.code(), Some(1), "{}", all_output(&refused));
    let text = stderr(&refused);
    assert!(text.contains("zouden overschrijven"), "{text}");
    assert!(text.contains("PO1001/samenvatting.toml"), "{text}");
    assert!(text.contains("--force"), "{text}");
    assert_eq!(
        std::fs::read(&filled).unwrap(),
        before,
        "the filled-in summary is untouched"
    );
    let forced = run(true);
    assert!(forced.status.success(), "{}", all_output(&forced));
    assert_ne!(
        std::fs::read(&filled).unwrap(),
        before,
        "--force replaces it"
    );
}

/// A form for an SWV that is not in the inputs yet: blank, with only its code filled in.
#[test]
fn intake_makes_a_blank_form_for_a_new_swv() {
    let dir = tempfile::tempdir().unwrap();
    let forms = dir.path().join("forms");
    let o = wel(&[
        "intake",
        "--inputs",
        fixture("good/minimaal").to_str().unwrap(),
        "--out",
        forms.to_str().unwrap(),
        "--schooljaar",
        "2024-2025",
        "--swv",
        "PO 99-01",
    ]);
    assert!(o.status.success(), "{}", all_output(&o));
    assert!(stdout(&o).contains("nieuw SWV PO9901"), "{}", stdout(&o));
    let summary = std::fs::read_to_string(forms.join("PO9901/samenvatting.toml")).unwrap();
    assert!(summary.contains("code = \"PO9901\""), "{summary}");
    let wb = wel::inputs::workbook::read_workbook(
        &std::fs::read(forms.join("PO9901/cijfers.xlsx")).unwrap(),
    )
    .unwrap();
    let swv = wb.sheets.iter().find(|s| s.name == "SWV").unwrap();
    let texts: Vec<String> = swv
        .cells
        .values()
        .filter_map(|v| match v {
            wel::inputs::workbook::CellValue::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t == "PO9901"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t == "PO"),
        "no sector filled in for a new SWV: {texts:?}"
    );
}

/// Early returns for a school year in no phase: a warning naming the year and the SWVs, no
/// change to any national document, and `wel intake` keeps to the year after the phases.
#[test]
fn figures_for_a_year_in_no_phase_change_no_national_document() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let build = |out: &str| {
        let target = dir.path().join(out);
        let o = wel(&[
            "build",
            "--inputs",
            inputs.to_str().unwrap(),
            "--out",
            target.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", all_output(&o));
        target
    };
    let before = build("voor");
    // An early row for 2024-2025 (the phases cover 2022-2023 and 2023-2024).
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb["Jeugdigen"].append(["PO1001", "2024-2025", 40, 20, 3, 1])
wb["Activiteiten"].append(["PO1001", "2024-2025", 1, 8, 2, 6])
wb.save(sys.argv[1])
"#;
    let py = crate::common::python()
        .args(["-c", script])
        .arg(inputs.join("swv/PO1001/cijfers.xlsx"))
        .output()
        .expect("python3 with openpyxl");
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let check = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    let text = all_output(&check);
    assert!(
        text.contains("schooljaar 2024-2025 hoort bij geen fase in project.toml, maar 1 SWV gaf er cijfers voor (PO1001)"),
        "{text}"
    );
    assert!(
        text.contains("2023-2024: 2 SWV's met cijfers, fase 1"),
        "{text}"
    );
    assert!(
        text.contains("2024-2025: 1 SWV met cijfers, geen fase: telt in geen landelijk document"),
        "{text}"
    );
    let after = build("na");
    for doc in ["brochure.pdf", "rapportage-fase-1.pdf"] {
        assert_eq!(
            std::fs::read(before.join(doc)).unwrap(),
            std::fs::read(after.join(doc)).unwrap(),
            "{doc} is unchanged by figures outside the phases"
        );
    }
    // Forms are for the round project.toml opens; without one, intake says how to open it.
    let forms = dir.path().join("forms");
    let intake = || {
        wel(&[
            "intake",
            "--inputs",
            inputs.to_str().unwrap(),
            "--out",
            forms.to_str().unwrap(),
        ])
    };
    let o = intake();
    assert_eq!(o.status.code(), Some(1), "{}", all_output(&o));
    assert!(
        all_output(&o).contains(
            "project.toml noemt geen open ronde; zet bij [programma] ronde = \"2025-2026\""
        ),
        "{}",
        all_output(&o)
    );
    set_round(&inputs, "2024-2025");
    let o = intake();
    assert!(stdout(&o).contains("voor 2024-2025"), "{}", all_output(&o));
}
