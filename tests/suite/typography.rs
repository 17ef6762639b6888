//! The documents as a reader and a designer see them: hyphenation only in running text, words
//! that agree with their numbers, short items shown tidy, one meaning each for 0, – and <5,
//! page flow, legends on maps, and voices that are not repeated.

use std::path::Path;

use crate::common::*;

/// A word of a PDF page as `pdftotext -bbox-layout` places it.
struct Word {
    text: String,
    x_max: f64,
    height: f64,
}

/// Every word of every page of a PDF, with the page's width.
fn words(pdf: &Path) -> Vec<(f64, Vec<Word>)> {
    let out = crate::common::tool("pdftotext")
        .args(["-bbox-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..start + tag[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let width = attr(page, "width");
        let mut list = Vec::new();
        for w in page.split("<word ").skip(1) {
            let (tag, rest) = w.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().to_string();
            list.push(Word {
                text,
                x_max: attr(tag, "xMax"),
                height: attr(tag, "yMax") - attr(tag, "yMin"),
            });
        }
        pages.push((width, list));
    }
    pages
}

/// Hyphenation (a word broken with a soft hyphen at a line end) happens only in running text
/// of a wide column: such a line is justified to the right margin, in a body size. Headings,
/// captions, labels of big numbers, quotes, attributions, names and narrow columns are never
/// hyphenated; a one-pager (narrow columns only) never is.
#[test]
fn hyphens_only_in_running_text_of_a_wide_column() {
    let out = sample_build();
    let mut checked = 0;
    for (doc, right_margin_pt) in [
        ("rapportage-fase-1.pdf", 65.2),
        ("rapportage-fase-2.pdf", 65.2),
        ("rapportage-fase-3.pdf", 65.2),
        ("brochure.pdf", 56.7),
    ] {
        for (page, (width, list)) in words(&out.join(doc)).into_iter().enumerate() {
            for w in list.iter().filter(|w| w.text.ends_with('\u{ad}')) {
                let edge = width - right_margin_pt;
                assert!(
                    w.x_max > edge - 12.0 && w.x_max < edge + 8.0,
                    "{doc} p{}: “{}” is hyphenated away from the right margin (x {:.0}, margin at {edge:.0}): not running text",
                    page + 1,
                    w.text,
                    w.x_max
                );
                // Body text is 8.5 to 12 pt (a word's box is about 1.21 times its size).
                assert!(
                    (10.0..=14.6).contains(&w.height),
                    "{doc} p{}: “{}” is hyphenated at a size ({:.1} pt high) that is no running text",
                    page + 1,
                    w.text,
                    w.height
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10, "running text is hyphenated ({checked} words)");
    for entry in std::fs::read_dir(out.join("regio")).unwrap() {
        let path = entry.unwrap().path();
        for (_, list) in words(&path) {
            if let Some(w) = list.iter().find(|w| w.text.contains('\u{ad}')) {
                panic!("{}: “{}” is hyphenated", path.display(), w.text);
            }
        }
    }
}

/// The key figures of a one-pager say `1 werkatelier`, not `1 werkateliers`.
#[test]
fn one_workshop_is_one_werkatelier() {
    let values = raw_values(&root().join("inputs"));
    let latest = |code: &str| {
        values
            .keys()
            .filter(|(c, _, _)| c == code)
            .map(|(_, y, _)| *y)
            .max()
            .unwrap()
    };
    let mut one = 0;
    for ((code, year, measure), value) in &values {
        if *measure != wel::model::Measure::Werkateliers || *year != latest(code) {
            continue;
        }
        let text = pdf_text_raw(&sample_build().join(format!("regio/{code}.pdf")));
        let strip: Vec<&str> = text[text.find("Kerncijfers").unwrap()..]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let at = strip
            .iter()
            .position(|l| l.starts_with("werkatelier"))
            .unwrap_or_else(|| panic!("{code}: no workshops in the key figures"));
        assert_eq!(
            strip[at - 1],
            value.to_string(),
            "{code}: the number above the label"
        );
        if *value == 1 {
            assert_eq!(strip[at], "werkatelier", "{code}");
            one += 1;
        } else {
            assert_eq!(strip[at], "werkateliers", "{code}: {value}");
        }
    }
    assert!(one > 0, "the sample has an SWV with one workshop");
}

#[test]
fn short_items_are_shown_tidy_and_the_input_is_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let messy = "wat_werkt = [\"  succes   vieren, hoe klein ook.\", \"korte lijnen;\"]";
    let inputs = minimal_with_summary(dir.path(), |t| {
        let start = t.find("wat_werkt").unwrap();
        let end = start + t[start..].find('\n').unwrap();
        format!("{}{messy}{}", &t[..start], &t[end..])
    });
    let out = dir.path().join("uit");
    let o = wel_on("build", &inputs, &out, &["--only", "regio"]);
    assert!(o.status.success(), "{}", all_output(&o));
    let text = pdf_text_plain(&out.join("regio/PO1001.pdf"));
    assert!(text.contains("• Succes vieren, hoe klein ook\n"), "{text}");
    assert!(text.contains("• Korte lijnen\n"), "{text}");
    let input = std::fs::read_to_string(inputs.join("swv/PO1001/samenvatting.toml")).unwrap();
    assert!(input.contains(messy));
}

/// One meaning each: an empty CSV field (not reported) is `–` in the one-pager's table and
/// chart, `0` is `0`, and a small count is `<5` in all three.
#[test]
fn zero_dash_and_small_mean_the_same_in_table_chart_and_csv() {
    let out = sample_build();
    let mut checked = 0;
    for code in ["PO2010", "PO2038", "PO2801", "PO2001", "VO2106"] {
        let zip = std::fs::File::open(out.join(format!("bundels/{code}.zip"))).unwrap();
        let mut zip = zip::ZipArchive::new(zip).unwrap();
        let mut csv = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name(&format!("{code}-cijfers.csv")).unwrap(),
            &mut csv,
        )
        .unwrap();
        let shown = |f: &str| {
            if f.is_empty() {
                "–".to_string()
            } else {
                f.to_string()
            }
        };
        let pdf = out.join(format!("regio/{code}.pdf"));
        let table = pdf_text(&pdf);
        let chart = alt_texts(&pdf)
            .into_iter()
            .find(|a| a.starts_with("Staafdiagram: jeugdigen van"));
        for row in csv.trim_start_matches('\u{feff}').lines().skip(1) {
            let f: Vec<&str> = row.split(';').collect();
            // Schooljaar; Benaderd; In ontwikkeling; Vrijstelling; Absoluut; Werkateliers;
            // Deelnemers; Interviews; Casussen.
            let expected: Vec<String> = [f[0].to_string()]
                .into_iter()
                .chain(f[5..9].iter().map(|v| shown(v)))
                .collect();
            let cell = |w: &str| {
                w == "–" || w == "<5" || w.chars().all(|c| c.is_ascii_digit() || c == '.')
            };
            let line = table
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>())
                .find(|w| {
                    w.len() >= 5
                        && w[w.len() - 5] == f[0]
                        && w[w.len() - 4..].iter().all(|x| cell(x))
                })
                .unwrap_or_else(|| panic!("{code}: no table row for {}", f[0]));
            assert_eq!(line[line.len() - 5..], expected, "{code} {}", f[0]);
            if let Some(alt) = &chart {
                let part = format!(
                    "{}: benaderd {}, in ontwikkeling {}",
                    f[0],
                    shown(f[1]),
                    shown(f[2])
                );
                assert!(alt.contains(&part), "{code}: {part} not in {alt}");
            }
            checked += 1;
        }
    }
    assert!(checked > 10);
}

/// A province heading in an annex is never the last line of a page.
#[test]
fn an_annex_heading_keeps_its_first_rows() {
    let provinces: Vec<&str> = wel::model::Province::ALL.iter().map(|p| p.name()).collect();
    for phase in 1..=3 {
        let text = pdf_text(&sample_build().join(format!("rapportage-fase-{phase}.pdf")));
        for (n, page) in text.split('\u{c}').enumerate() {
            let lines: Vec<&str> = page
                .lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty() && !l.contains("voorbeeldgegevens") && !l.contains("· pagina")
                })
                .collect();
            let Some(last) = lines.last() else { continue };
            let heading = provinces.iter().any(|p| {
                last.strip_prefix(p)
                    .is_some_and(|r| r.trim().starts_with('(') && r.trim().ends_with(')'))
            });
            assert!(!heading, "fase {phase}, page {}: ends with “{last}”", n + 1);
        }
    }
}

/// Every map has a legend: the choropleths a legend of their classes, a one-pager's locator
/// map the name of the highlighted province.
#[test]
fn every_map_has_a_legend() {
    let out = sample_build();
    for doc in [
        "rapportage-fase-1.pdf",
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
        "brochure.pdf",
    ] {
        let text = pdf_text_raw(&out.join(doc));
        let maps = alt_texts(&out.join(doc))
            .iter()
            .filter(|a| a.starts_with("Kaart van Nederland met het aantal"))
            .count();
        assert_eq!(maps, 1, "{doc}");
        let legend = text
            .find("Samenwerkingsverbanden\n")
            .unwrap_or_else(|| panic!("{doc}: no legend"));
        let classes = text[legend..]
            .lines()
            .skip(1)
            .find(|l| !l.trim().is_empty())
            .unwrap();
        assert!(classes.starts_with('0'), "{doc}: {classes}");
    }
    for code in ["PO2801", "VO2106"] {
        let text = pdf_text_raw(&out.join(format!("regio/{code}.pdf")));
        let province = sample_data(&format!("regio/{code}.pdf"))["swv"]["provincie"]
            .as_str()
            .unwrap()
            .to_string();
        let named = text.matches(&province).count();
        let in_header = text.matches(&format!("provincie {province}")).count();
        assert!(
            named > in_header,
            "{code}: the locator map's legend names {province}"
        );
    }
}

/// A report never repeats a quote or an example that the report of an earlier phase printed.
#[test]
fn no_quote_or_example_is_repeated_between_phase_reports() {
    let mut seen: Vec<(String, u32)> = Vec::new();
    for phase in 1..=3 {
        let data = sample_data(&format!("rapportage-fase-{phase}.pdf"));
        let voices = &data["stemmen"];
        let mut texts: Vec<String> = voices["citaten"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["citaten"].as_array().unwrap())
            .map(|q| q["tekst"].as_str().unwrap().to_string())
            .collect();
        texts.extend(
            voices["voorbeelden"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["tekst"].as_str().unwrap().to_string()),
        );
        for t in texts {
            if let Some((_, earlier)) = seen.iter().find(|(s, _)| *s == t) {
                panic!("fase {phase} repeats from fase {earlier}: {t}");
            }
            seen.push((t, phase));
        }
    }
    assert!(seen.len() > 10);
}

#[test]
fn no_quote_or_example_is_on_two_one_pagers_of_the_sample() {
    let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut with_voices = 0;
    for entry in std::fs::read_dir(root().join("inputs/swv")).unwrap() {
        let code = entry.unwrap().file_name().to_string_lossy().to_string();
        let data = sample_data(&format!("regio/{code}.pdf"));
        let quotes = data["citaten"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| &q["tekst"]);
        let examples = data["voorbeelden"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["tekst"]);
        let mut any = false;
        for text in quotes.chain(examples) {
            let text = text.as_str().unwrap().to_string();
            any = true;
            if let Some(other) = seen.insert(text.clone(), code.clone()) {
                panic!("{other} and {code} both print: {text}");
            }
        }
        with_voices += usize::from(any);
    }
    // All but the three newcomers of the last school year have a quote or an example.
    assert_eq!(with_voices, 113);
}

#[test]
fn the_brochure_says_what_its_sums_add_up_and_titles_its_chart_from_the_data() {
    let text = pdf_text_flow(&sample_build().join("brochure.pdf"));
    assert!(
        text.contains(
            "werkateliers in de regio's: opgeteld over de schooljaren 2021-2022 tot en met 2024-2025"
        ),
        "{text}"
    );
    let data = sample_data("brochure.pdf");
    let bars = data["groei"].as_array().unwrap();
    let (first, last) = (&bars[0]["label"], &bars[bars.len() - 1]["label"]);
    let title = format!(
        "Van {} naar {} samenwerkingsverbanden",
        first.as_str().unwrap(),
        last.as_str().unwrap()
    );
    assert!(text.contains(&title), "{title}: {text}");
    assert_eq!(title, "Van 44 naar 116 samenwerkingsverbanden");
}

#[test]
fn a_text_for_a_region_that_is_no_pilot_of_the_phase_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&root().join("inputs"), &inputs);
    let path = inputs.join("teksten/rapportage-fase-2.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("code = \"PO2705\"", "code = \"PO2001\"");
    std::fs::write(&path, text).unwrap();
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    let out = all_output(&check);
    assert_eq!(check.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "\"PO2001\" is geen pilotregio van fase 2, dus deze tekst komt nergens te staan"
        ),
        "{out}"
    );
    assert!(out.contains("hoofdstuk[11].regio[2].code"), "{out}");
}
