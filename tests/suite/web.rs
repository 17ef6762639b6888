//! The web edition (`wel build --web`): accessible by the WCAG 2.1 A and AA rules of axe-core in
//! headless chromium, self-contained, and printing exactly the figures of the build's ledger.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::{all_output, root, sample_build, tool, wel};

/// Runs `tests/web/axe.js` over `pages`: page -> its findings.
fn axe(pages: &[PathBuf]) -> serde_json::Map<String, serde_json::Value> {
    let dir = root().join("tests/web");
    assert!(
        dir.join("node_modules/axe-core").is_dir()
            && dir.join("node_modules/puppeteer-core").is_dir(),
        "axe-core en puppeteer-core ontbreken: `npm ci --prefix tests/web` (tools/testen doet het)"
    );
    tool("chromium");
    let out = tool("node")
        .arg(dir.join("axe.js"))
        .args(pages)
        .output()
        .unwrap();
    assert!(out.status.success(), "axe.js failed:\n{}", all_output(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_object().unwrap().clone()
}

/// Every page of the web edition of the sample: national pages first, then the SWVs'.
fn pages(out: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut national: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html") && !p.ends_with("overzicht.html"))
        .collect();
    national.sort();
    let mut swvs: Vec<PathBuf> = std::fs::read_dir(out.join("regio"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    swvs.sort();
    (national, swvs)
}

#[test]
fn every_national_page_and_a_spread_of_swv_pages_pass_axe_core_wcag21_aa() {
    let out = sample_build();
    let (national, swvs) = pages(out);
    let names: Vec<String> = national
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for want in [
        "index.html",
        "brochure.html",
        "rapportage-fase-1.html",
        "rapportage-fase-3.html",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    assert!(swvs.len() > 100, "a page per SWV: {}", swvs.len());
    // A spread: every ninth SWV, and the pages that show a photo, a withheld figure (×), a
    // figure below the threshold and the national picture of a sparse page.
    let mut chosen: BTreeSet<PathBuf> = swvs.iter().step_by(9).cloned().collect();
    for (mark, what) in [
        ("<img", "a photo"),
        ("niet getoond</span>", "a withheld figure"),
        ("minder dan 5</span>", "a figure below the threshold"),
        ("id=\"landelijk\"", "the national picture"),
    ] {
        let page = swvs
            .iter()
            .find(|p| std::fs::read_to_string(p).unwrap().contains(mark))
            .unwrap_or_else(|| panic!("no SWV page shows {what}"));
        chosen.insert(page.clone());
    }
    let mut all = national.clone();
    all.extend(chosen);
    let results = axe(&all);
    assert_eq!(results.len(), all.len());
    let mut wrong = Vec::new();
    for (page, r) in &results {
        let violations = r["violations"].as_array().unwrap();
        if !violations.is_empty() {
            wrong.push(format!("{page}: {violations:?}"));
        }
        assert!(r["passes"].as_u64().unwrap() > 10, "{page}: axe ran ({r})");
        assert!(
            r["outside"].as_array().unwrap().is_empty(),
            "{page} loads from outside: {}",
            r["outside"]
        );
        assert_eq!(
            r["sideways"].as_i64().unwrap(),
            0,
            "{page} scrolls sideways in a 320 px window (400% zoom)"
        );
    }
    assert!(
        wrong.is_empty(),
        "axe-core violations:\n{}",
        wrong.join("\n")
    );
}

/// The figures a page marks: (place in the ledger, the text a reader sees).
fn marked(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<span class=\"cijfer\" data-cijfer=\"") {
        rest = &rest[at + 34..];
        let end = rest.find('"').unwrap();
        let place = unescape(&rest[..end]);
        rest = &rest[end + 2..];
        let close = rest.find("</span>").unwrap();
        let inner = &rest[..close];
        let seen = match inner.strip_prefix("<span aria-hidden=\"true\">") {
            Some(hidden) => hidden.to_string(),
            None => inner.to_string(),
        };
        found.push((place, unescape(&seen)));
    }
    found
}

fn unescape(t: &str) -> String {
    t.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// How running text prints a recorded figure (`minder dan 5`, ...).
fn in_text(label: &str, shown: &str) -> String {
    match shown {
        "klein" => format!("minder dan {}", label.trim_start_matches('<')),
        "afgeschermd" => "een niet getoond aantal".into(),
        "onbekend" => "een onbekend aantal".into(),
        _ => label.to_string(),
    }
}

#[test]
fn every_figure_on_the_web_pages_is_one_of_the_ledger_as_its_pdf_prints_it() {
    let out = sample_build();
    let listed = wel(&[
        "cijfers",
        "--json",
        "--inputs",
        root().join("inputs").to_str().unwrap(),
    ]);
    assert!(listed.status.success(), "{}", all_output(&listed));
    let ledger: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let outputs = ledger["outputs"].as_object().unwrap();
    let (national, swvs) = pages(out);
    let mut checked = 0;
    let mut kinds = BTreeSet::new();
    for page in national.iter().chain(&swvs) {
        let rel = page
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == "index.html" {
            assert!(marked(&std::fs::read_to_string(page).unwrap()).is_empty());
            continue;
        }
        let pdf = format!("{}.pdf", rel.strip_suffix(".html").unwrap());
        let figures = outputs
            .get(&pdf)
            .unwrap_or_else(|| panic!("{pdf} in the ledger"))
            .as_array()
            .unwrap();
        let mut by_place: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
        for f in figures {
            let label = f["label"].as_str().unwrap();
            let shown = f["shown"].as_str().unwrap();
            by_place
                .entry(f["place"].as_str().unwrap())
                .or_default()
                .push((label.to_string(), in_text(label, shown)));
            kinds.insert(shown.to_string());
        }
        let html = std::fs::read_to_string(page).unwrap();
        let on_page = marked(&html);
        assert!(!on_page.is_empty(), "{rel} marks its figures");
        for (place, seen) in &on_page {
            let recorded = by_place.get(place.as_str()).unwrap_or_else(|| {
                panic!("{rel}: figure {place} ({seen}) is not in the ledger of {pdf}")
            });
            assert!(
                recorded
                    .iter()
                    .any(|(label, text)| seen == label || seen == text),
                "{rel}: {place} reads {seen:?}, the ledger prints {recorded:?}"
            );
            checked += 1;
        }
        // No number in a table that is not a marked figure of the ledger.
        for cell in html.split("<td>").skip(1) {
            let cell = &cell[..cell.find("</td>").unwrap()];
            assert!(
                cell.starts_with("<span class=\"cijfer\"")
                    || !cell.chars().any(|c| c.is_ascii_digit())
                    || wel::model::SchoolYear::parse(cell).is_ok(),
                "{rel}: a table cell with a number outside the ledger: {cell}"
            );
        }
    }
    assert!(checked > 2_000, "figures compared: {checked}");
    for kind in ["exact", "klein", "afgeschermd"] {
        assert!(
            kinds.contains(kind),
            "the sample shows {kind} figures: {kinds:?}"
        );
    }
}

#[test]
fn the_pages_link_each_other_their_pdfs_and_csvs_and_load_nothing_from_outside() {
    let out = sample_build();
    let (national, swvs) = pages(out);
    for page in national.iter().chain(&swvs) {
        let html = std::fs::read_to_string(page).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"nl\">"),
            "{}",
            page.display()
        );
        for attr in ["src=\"", "href=\""] {
            for link in html.split(attr).skip(1) {
                let target = &link[..link.find('"').unwrap()];
                if target.starts_with('#') || target.starts_with("data:image/") {
                    continue;
                }
                assert!(
                    !target.contains("://") && !target.starts_with("//"),
                    "{}: {target} is outside the folder",
                    page.display()
                );
                let file = page.parent().unwrap().join(unescape(target));
                assert!(
                    file.is_file(),
                    "{}: {target} does not exist",
                    page.display()
                );
            }
        }
        assert!(!html.contains("<script"), "{}: no script", page.display());
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("href=\"regio/PO2001.html\"") && index.contains("href=\"brochure.html\"")
    );
    let report = std::fs::read_to_string(out.join("rapportage-fase-1.html")).unwrap();
    assert!(
        report.contains("href=\"regio/"),
        "the annex links the SWV pages"
    );
    let swv = std::fs::read_to_string(out.join("regio/PO2001.html")).unwrap();
    assert!(swv.contains("href=\"PO2001.pdf\"") && swv.contains("href=\"PO2001.csv\""));
    // The SWV's page is in its bundle, linking the bundle's own files.
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(out.join("bundels/PO2001.zip")).unwrap()).unwrap();
    let mut entries = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut f, &mut text);
        entries.insert(name, text);
    }
    let page = &entries["PO2001-regio-overzicht.html"];
    for link in page.split("href=\"").skip(1) {
        let target = &link[..link.find('"').unwrap()];
        if !target.starts_with('#') {
            assert!(
                entries.contains_key(target),
                "{target} in the bundle: {:?}",
                entries.keys()
            );
        }
    }
    let readme = &entries["LEESMIJ.txt"];
    assert!(
        readme.contains("PO2001-regio-overzicht.html: het regio-overzicht"),
        "{readme}"
    );
}

#[test]
fn charts_are_named_images_with_a_description_a_table_and_a_csv() {
    let out = sample_build();
    let html = std::fs::read_to_string(out.join("rapportage-fase-2.html")).unwrap();
    let figures: Vec<&str> = html.split("<figure").skip(1).collect();
    assert!(figures.len() >= 3, "{}", figures.len());
    for f in figures {
        let f = &f[..f.find("</figure>").unwrap()];
        assert!(f.contains("<svg") && f.contains("role=\"img\""), "{f}");
        assert!(
            f.contains("aria-labelledby=\"figuur-") && f.contains("aria-describedby=\"figuur-")
        );
        assert!(f.contains("<title id=\"figuur-"), "an accessible name");
        assert!(
            f.contains("<p class=\"uitleg\" id=\"figuur-"),
            "a description"
        );
        assert!(
            f.contains("<caption") && f.contains("scope=\"col\"") && f.contains("scope=\"row\"")
        );
        if !f.contains("Kaart: © CBS, PDOK") {
            let csv = f
                .split("href=\"")
                .nth(1)
                .map(|l| &l[..l.find('"').unwrap()])
                .unwrap();
            let bytes = std::fs::read(out.join(csv)).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.starts_with('\u{FEFF}') && text.contains(";") && text.contains("\r\n"));
            assert!(
                text.contains("voorbeeldgegevens"),
                "sample figures say so: {text}"
            );
        }
    }
    // Figures are numbered per chapter, as in the PDF.
    assert!(html.contains("Figuur 3.1."), "per chapter");
    // "<5" and "×" are read out in words.
    let all = std::fs::read_to_string(out.join("rapportage-fase-1.html")).unwrap()
        + &std::fs::read_to_string(out.join("rapportage-fase-3.html")).unwrap();
    assert!(all.contains(
        "<span aria-hidden=\"true\">×</span><span class=\"verborgen\">niet getoond</span>"
    ));
}

#[test]
fn the_web_edition_is_the_same_bytes_for_the_same_inputs_and_goes_when_not_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = root().join("inputs");
    let run = |out: &Path, extra: &[&str]| {
        let o = crate::common::wel_on("build", &inputs, out, extra);
        assert!(o.status.success(), "{}", all_output(&o));
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run(&a, &["--web", "--only", "brochure", "--only", "rapportage"]);
    run(&b, &["--web", "--only", "brochure", "--only", "rapportage"]);
    for name in [
        "index.html",
        "brochure.html",
        "rapportage-fase-2.html",
        "brochure-figuur-1.csv",
    ] {
        assert_eq!(
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
            "{name}"
        );
    }
    // A build without --web removes the earlier web edition: it would no longer match.
    run(
        &a,
        &["--only", "brochure", "--only", "rapportage", "--force"],
    );
    assert!(!a.join("index.html").exists() && !a.join("brochure.html").exists());
    assert!(a.join("brochure.pdf").is_file());
}

#[test]
fn an_edition_keeps_its_web_edition_and_a_later_build_takes_its_pages_over_as_published() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    crate::common::copy_dir(&root().join("inputs"), &inputs);
    let out = dir.path().join("uit");
    let (i, o) = (inputs.to_str().unwrap(), out.to_str().unwrap());
    let said = wel(&["publiceer", "--inputs", i, "--out", o]);
    assert!(said.status.success(), "{}", all_output(&said));
    let editions: Vec<PathBuf> = std::fs::read_dir(dir.path().join("edities"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(editions.len(), 1);
    let docs = editions[0].join("documenten");
    for file in [
        "index.html",
        "brochure.html",
        "rapportage-fase-2.html",
        "regio/PO2001.html",
        "regio/PO2001.csv",
    ] {
        assert_eq!(
            std::fs::read(docs.join(file)).unwrap(),
            std::fs::read(out.join(file)).unwrap(),
            "{file} is in the edition as built"
        );
    }
    let index = std::fs::read_to_string(docs.join("index.html")).unwrap();
    assert!(index.contains("(editie "), "the index names its edition");
    // A later text change does not reach the published brochure, nor its page.
    let texts = inputs.join("teksten/brochure.toml");
    let brochure = std::fs::read_to_string(&texts).unwrap();
    std::fs::write(
        &texts,
        brochure.replace("titel = \"Kleine stappen", "titel = \"Kleine stapjes"),
    )
    .unwrap();
    let later = dir.path().join("later");
    let built = crate::common::wel_on("build", &inputs, &later, &["--web"]);
    assert!(built.status.success(), "{}", all_output(&built));
    for file in [
        "brochure.html",
        "brochure-figuur-1.csv",
        "rapportage-fase-1.html",
    ] {
        assert_eq!(
            std::fs::read(later.join(file)).unwrap(),
            std::fs::read(docs.join(file)).unwrap(),
            "{file} is taken over from the edition"
        );
    }
    assert!(
        !std::fs::read_to_string(later.join("brochure.html"))
            .unwrap()
            .contains("stapjes")
    );
}

#[test]
fn headings_never_skip_a_level() {
    let out = sample_build();
    let (national, swvs) = pages(out);
    for page in national.iter().chain(swvs.iter().step_by(7)) {
        let html = std::fs::read_to_string(page).unwrap();
        let mut last = 0;
        let mut h1 = 0;
        for part in html.split("<h").skip(1) {
            let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
                continue;
            };
            if !part[1..].starts_with(['>', ' ']) {
                continue;
            }
            assert!(
                level <= last + 1,
                "{}: h{level} after h{last}",
                page.display()
            );
            h1 += usize::from(level == 1);
            last = level;
        }
        assert_eq!(h1, 1, "{}: one h1", page.display());
        for landmark in ["<header", "<nav", "<main", "<footer"] {
            assert!(html.contains(landmark), "{}: {landmark}", page.display());
        }
    }
}

/// An SWV's page holds everything it wrote about its earlier school years (its PDF takes what
/// fits), newest first, each year under its own heading.
#[test]
fn an_swv_page_looks_back_on_every_earlier_school_year() {
    let out = sample_build();
    let html = std::fs::read_to_string(out.join("regio/PO2001.html")).unwrap();
    let at = |year: &str| {
        html.find(&format!("Terugblik op {year}"))
            .unwrap_or_else(|| panic!("PO2001's page looks back on {year}"))
    };
    assert!(at("2023-2024") < at("2022-2023") && at("2022-2023") < at("2021-2022"));
    // The 2021-2022 summary's quote (swv/PO2001/2021-2022/samenvatting.toml).
    assert!(html.contains("Ik hoefde niet meer elke keer opnieuw ons hele verhaal te vertellen."));
    assert!(
        !html.contains("Terugblik op 2024-2025"),
        "the latest year is the page's own"
    );
}
