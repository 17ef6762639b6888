//! Publication grade, checked with tools independent of wel and typst: qpdf and pikepdf
//! (tests/pdfcheck.py), on every PDF built from the sample inputs.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::common::*;

#[test]
fn every_pdf_passes_qpdf_check() {
    let pdfs = documents(sample_build());
    assert_eq!(pdfs.len(), 120);
    for pdf in &pdfs {
        let out = crate::common::tool("qpdf")
            .arg("--check")
            .arg(pdf)
            .output()
            .expect("qpdf must be installed; .ci/run installs it");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("No syntax or stream encoding errors"),
            "{}: {text}",
            pdf.display()
        );
    }
}

#[test]
fn every_pdf_declares_pdf_ua_and_pdf_a_and_is_tagged() {
    let pdfs = documents(sample_build());
    let out = crate::common::python()
        .arg(root().join("tests/pdfcheck.py"))
        .args(&pdfs)
        .output()
        .expect("python3 with pikepdf must be installed; .ci/run installs it");
    let text = all_output(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!("checked {} PDF(s)", pdfs.len())),
        "{text}"
    );
}

/// The sample build ran on two threads: the second laid its documents out in a helper process
/// (`render::worker`), and said so. (That its bytes equal a build on one thread is the next
/// test.)
#[test]
fn a_build_on_two_threads_lays_documents_out_in_a_helper() {
    let (_, log) = sample_build_and_log();
    let line = log
        .lines()
        .find(|l| l.starts_with("tijd:"))
        .unwrap_or_else(|| panic!("no timings in:\n{log}"));
    let (before, _) = line
        .split_once(" documenten opgemaakt in 1 opmaakhulp)")
        .unwrap_or_else(|| panic!("no helper in: {line}"));
    let n: usize = before.rsplit(' ').next().unwrap().parse().unwrap();
    // Both threads take documents from one queue as soon as they are free.
    assert!(
        (20..=100).contains(&n),
        "{n} of 120 documents in the helper: {line}"
    );
}

#[test]
fn two_builds_at_different_times_and_places_are_identical() {
    let first = sample_build();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_wel"))
        .args([
            "bundle",
            "--overzicht",
            "--web",
            "--inputs",
            root().join("inputs").to_str().unwrap(),
            "--out",
            dir.path().to_str().unwrap(),
            "--jobs",
            "1",
        ])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", all_output(&o));
    let mut files = documents(first);
    files.extend(
        std::fs::read_dir(first.join("bundels"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    files.push(first.join("manifest.json"));
    files.push(first.join("overzicht.html"));
    assert_eq!(files.len(), 120 + 117 + 2);
    // The web edition: every page and CSV beside the documents.
    for d in [first.to_path_buf(), first.join("regio")] {
        let web = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path());
        files.extend(web.filter(|p| p.extension().is_some_and(|e| e == "html" || e == "csv")));
    }
    assert!(files.len() > 120 + 117 + 2 + 2 * 116, "{}", files.len());
    for pdf in files {
        let other = dir.path().join(pdf.strip_prefix(first).unwrap());
        assert_eq!(
            wel::hash::file_sha256(&pdf),
            wel::hash::file_sha256(&other),
            "{} differs between builds",
            pdf.display()
        );
    }
}

fn info(pdf: &Path) -> (String, Vec<u8>) {
    let doc = lopdf::Document::load(pdf).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|r| doc.get_object(r.as_reference().unwrap()))
        .unwrap();
    let title = info.as_dict().unwrap().get(b"Title").unwrap();
    let title = lopdf::decode_text_string(title).unwrap();
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap()[0]
        .as_str()
        .unwrap()
        .to_vec();
    (title, id)
}

#[test]
fn one_pagers_have_their_swv_in_the_title_and_distinct_ids() {
    let mut ids = BTreeSet::new();
    for pdf in one_pagers(sample_build()) {
        let code = pdf.file_stem().unwrap().to_string_lossy().to_string();
        let (title, id) = info(&pdf);
        let display = format!("{} {}-{}", &code[..2], &code[2..4], &code[4..]);
        assert!(title.contains(&display), "{title} lacks {display}");
        assert!(ids.insert(id), "{} shares its document ID", pdf.display());
    }
}

#[test]
fn a_template_that_breaks_conformance_fails_naming_document_and_element() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    copy_dir(&root().join("templates"), &templates);
    let regio = std::fs::read_to_string(templates.join("regio.typ")).unwrap();
    let broken = regio.replace(
        "image(data.foto.pad, alt: data.foto.alt,",
        "image(data.foto.pad,",
    );
    assert_ne!(
        regio, broken,
        "the template still places the photo with its alt text"
    );
    std::fs::write(templates.join("regio.typ"), broken).unwrap();
    let out = wel(&[
        "build",
        "--inputs",
        root().join("inputs").to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "--swv",
        "PO2801",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = all_output(&out);
    assert!(text.contains("mislukt: regio/PO2801.pdf"), "{text}");
    assert!(
        text.contains("missing alt text") && text.contains("templates/regio.typ:"),
        "{text}"
    );
}

/// WCAG 2.1 relative luminance of an sRGB hex colour.
fn luminance(hex: &str) -> f64 {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    let channel = |c: u32| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(v >> 16 & 255) + 0.7152 * channel(v >> 8 & 255) + 0.0722 * channel(v & 255)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn text_colours_of_the_house_style_meet_wcag_aa() {
    let style = std::fs::read_to_string(root().join("templates/lib/huisstijl.typ")).unwrap();
    let colour = |name: &str| -> String {
        if name == "wit" {
            return "#ffffff".into();
        }
        let line = style
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name}: rgb(\"")))
            .unwrap_or_else(|| panic!("{name}"));
        line.split('"').nth(1).unwrap().to_string()
    };
    // (text, background, minimum): 4.5 for body text, 3 for large text (numbers, headings).
    let pairs = [
        ("inkt", "wit", 4.5),
        ("grijs", "wit", 4.5),
        ("grijs", "zacht", 4.5),
        ("primair", "wit", 4.5),
        ("primair", "zacht", 4.5),
        ("accent", "wit", 4.5),
        ("accent", "warm", 4.5),
        ("accent", "zacht", 4.5),
        ("op-primair", "primair", 4.5),
        ("wit", "primair", 4.5),
        ("accent-licht", "primair", 3.0),
    ];
    for (fg, bg, min) in pairs {
        let (a, b) = (colour(fg), colour(bg));
        let c = contrast(&a, &b);
        assert!(c >= min, "{fg} on {bg}: contrast {c:.2} < {min}");
    }
}
