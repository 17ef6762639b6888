//! The documents as a reader and a designer see them: hyphenation only in running text, words
//! that agree with their numbers, short items shown tidy, one meaning each for 0, – and <5,
//! page flow, legends on maps, voices that are not repeated, and one kind of apostrophe.

use std::path::Path;

use crate::common::*;

/// A word of a PDF page as `pdftotext -bbox-layout` places it.
struct Word {
    text: String,
    x_min: f64,
    x_max: f64,
    y_min: f64,
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
                x_min: attr(tag, "xMin"),
                x_max: attr(tag, "xMax"),
                y_min: attr(tag, "yMin"),
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
    for path in crate::common::one_pagers(out) {
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
/// chart, `0` is `0`, and a small count is `<5` in all three. The table has a row per activity,
/// its name whole, and a column per school year.
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
        let rows: Vec<Vec<&str>> = csv
            .trim_start_matches('\u{feff}')
            .lines()
            .skip(1)
            .map(|row| row.split(';').collect())
            .collect();
        // The table: a row per activity, a column per school year (as the CSV's rows:
        // Schooljaar; Benaderd; In ontwikkeling; Vrijstelling; Absoluut; Werkateliers;
        // Deelnemers; Interviews; Casussen).
        let cell =
            |w: &str| w == "–" || w == "<5" || w.chars().all(|c| c.is_ascii_digit() || c == '.');
        for (column, name) in [
            (5, "Werkateliers"),
            (6, "Deelnemers"),
            (7, "Interviews"),
            (8, "Casussen"),
        ] {
            let expected: Vec<String> = rows.iter().map(|f| shown(f[column])).collect();
            let line = table
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>())
                .find(|w| {
                    w.len() > rows.len()
                        && w[w.len() - rows.len() - 1] == name
                        && w[w.len() - rows.len()..].iter().all(|x| cell(x))
                })
                .unwrap_or_else(|| panic!("{code}: no table row {name}:\n{table}"));
            assert_eq!(line[line.len() - rows.len()..], expected, "{code} {name}");
            checked += 1;
        }
        for f in &rows {
            if let Some(alt) = &chart {
                let part = format!(
                    "{}: benaderd {}, in ontwikkeling {}",
                    f[0],
                    shown(f[1]),
                    shown(f[2])
                );
                assert!(alt.contains(&part), "{code}: {part} not in {alt}");
            }
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
            "Het aantal werkateliers in de regio's is opgeteld over de schooljaren 2021-2022 tot en met 2024-2025"
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

/// Minimal inputs where PO1001 has figures for `years` school years (the last 2023-2024) and,
/// when `photo` is given, a summary with that photo.
fn po1001_over_years(dir: &Path, years: u16, photo: Option<&[u8]>) -> std::path::PathBuf {
    let inputs = dir.join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let labels: Vec<String> = (2024 - years..2024)
        .map(|y| format!("{y}-{}", y + 1))
        .collect();
    let rows: Vec<(&str, [u32; 4], [u32; 4])> = labels
        .iter()
        .zip(u32::from(24 - years)..)
        .map(|(label, k)| {
            (
                label.as_str(),
                [10 + 3 * k, 6 + k, 7, 6],
                [6 + k, 20 + k, 6, 8],
            )
        })
        .collect();
    let workbook = po1001_workbook("SWV PO Testregio", &rows);
    std::fs::write(inputs.join("swv/PO1001/cijfers.xlsx"), workbook).unwrap();
    if let Some(jpeg) = photo {
        std::fs::write(inputs.join("swv/PO1001/foto.jpg"), jpeg).unwrap();
        let summary = inputs.join("swv/PO1001/samenvatting.toml");
        let toml = std::fs::read_to_string(&summary).unwrap()
            + "\n[foto]\npad = \"foto.jpg\"\nalt = \"Drie gekleurde banen\"\n";
        std::fs::write(summary, toml).unwrap();
    }
    inputs
}

/// From six school years on, the labels under the one-pager's bars got too wide for their
/// columns and touched. At 6, 8 and 10 years, no two labels of one line touch or overlap.
#[test]
fn axis_labels_of_many_school_years_never_touch() {
    for years in [6, 8, 10] {
        let dir = tempfile::tempdir().unwrap();
        let inputs = po1001_over_years(dir.path(), years, None);
        let out = dir.path().join("uit");
        let o = wel_on(
            "build",
            &inputs,
            &out,
            &["--only", "regio", "--swv", "PO1001"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
        let pdf = out.join("regio/PO1001.pdf");
        let pages = words(&pdf);
        assert_eq!(pages.len(), 1);
        // The labels under the bars: parts of school years ("2019-2020", "2019-", "’19-",
        // "2020", "’20"), grouped by line.
        let is_label = |t: &str| {
            let t = t.trim_start_matches('’');
            let digits = t.trim_end_matches('-');
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '-')
                && (digits.len() == 2 || digits.len() == 4 || digits.len() == 9)
        };
        // Labels that touch are read as one word ("2018-20192019-2020").
        for w in &pages[0].1 {
            let t: String = w.text.chars().filter(|c| *c != '’').collect();
            assert!(
                !(t.len() > 9 && t.chars().all(|c| c.is_ascii_digit() || c == '-')),
                "{years} years: labels run into each other: {}",
                w.text
            );
        }
        let mut lines: std::collections::BTreeMap<i64, Vec<&Word>> = Default::default();
        for w in pages[0].1.iter().filter(|w| is_label(&w.text)) {
            lines
                .entry((w.y_min * 2.0).round() as i64)
                .or_default()
                .push(w);
        }
        let axis = lines
            .values()
            .filter(|l| l.len() >= usize::from(years))
            .count();
        assert!(
            axis >= 1,
            "{years} years: an axis line with a label per bar: {:?}",
            lines
                .values()
                .map(|l| l.iter().map(|w| w.text.as_str()).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        );
        for line in lines.values() {
            let mut line = line.clone();
            line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
            for pair in line.windows(2) {
                assert!(
                    pair[1].x_min - pair[0].x_max >= 2.0,
                    "{years} years: “{}” and “{}” touch ({:.1} pt apart)",
                    pair[0].text,
                    pair[1].text,
                    pair[1].x_min - pair[0].x_max
                );
            }
        }
    }
}

/// A portrait photo is shown whole: three bands (magenta, green, yellow) from top to bottom,
/// and the rendered page shows all three, top and bottom as tall as each other.
#[test]
fn a_portrait_photo_is_shown_whole() {
    let (w, h) = (300u32, 900u32);
    let img = image::RgbImage::from_fn(w, h, |_, y| match y * 3 / h {
        0 => image::Rgb([230, 0, 230]),
        1 => image::Rgb([0, 200, 0]),
        _ => image::Rgb([240, 230, 0]),
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 95)
        .encode_image(&img)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let inputs = po1001_over_years(dir.path(), 2, Some(&jpeg));
    let out = dir.path().join("uit");
    let o = wel_on(
        "build",
        &inputs,
        &out,
        &["--only", "regio", "--swv", "PO1001"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
    let prefix = dir.path().join("pagina");
    let run = crate::common::tool("pdftoppm")
        .args(["-r", "40", "-png", "-singlefile"])
        .arg(out.join("regio/PO1001.pdf"))
        .arg(&prefix)
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(run.status.success());
    let page = image::open(prefix.with_extension("png")).unwrap().to_rgb8();
    let count = |f: &dyn Fn(&image::Rgb<u8>) -> bool| page.pixels().filter(|p| f(p)).count();
    let magenta = count(&|p| p.0[0] > 180 && p.0[1] < 80 && p.0[2] > 180);
    let green = count(&|p| p.0[0] < 80 && p.0[1] > 150 && p.0[2] < 80);
    let yellow = count(&|p| p.0[0] > 190 && p.0[1] > 180 && p.0[2] < 80);
    assert!(
        green > 50,
        "the photo is on the page ({green} green pixels)"
    );
    for (band, n) in [("magenta (top)", magenta), ("yellow (bottom)", yellow)] {
        let ratio = n as f64 / green as f64;
        assert!(
            (0.75..1.33).contains(&ratio),
            "the {band} band shows as much as the middle one: {n} against {green}"
        );
    }
}

/// On every one-pager of the sample: a negative difference with a real minus sign (U+2212),
/// never a hyphen; no percentage (its only base, "jeugdigen en ouders benaderd", counts parents
/// too); every mark of the chart in its key (an open dotted bar for <5, × for a withheld count,
/// – for nothing reported);
/// no heading that repeats the SWV's name (a long name would split over two lines).
#[test]
fn one_pagers_use_a_minus_sign_no_mixed_percentage_and_key_every_mark() {
    let out = sample_build();
    let (mut minus, mut small_keyed, mut withheld_keyed) = (0, 0, 0);
    for pdf in crate::common::one_pagers(out) {
        let text = pdf_text(&pdf);
        let name = pdf.display().to_string();
        assert!(!text.contains("ervoor: -"), "{name}: a hyphen for a minus");
        minus += text.matches("ervoor: \u{2212}").count();
        assert!(!text.contains('%'), "{name}: a percentage");
        assert!(!text.contains("meedoet"), "{name}: a heading with the name");
        let chart = alt_texts(&pdf)
            .into_iter()
            .find(|a| a.starts_with("Staafdiagram: jeugdigen van"));
        if let Some(chart) = chart {
            if chart.contains("<5") {
                assert!(
                    text.contains("<5: hoogte niet op schaal"),
                    "{name}: the dotted <5 bar has no key"
                );
                small_keyed += 1;
            }
            if chart.contains('×') {
                assert!(text.contains("× niet getoond"), "{name}: × has no key");
                withheld_keyed += 1;
            }
            if chart.contains("benaderd –") || chart.contains("ontwikkeling –") {
                assert!(text.contains("– niet opgegeven"), "{name}: – has no key");
            }
        }
    }
    assert!(minus > 0, "the sample has negative differences");
    assert!(
        small_keyed > 0 && withheld_keyed > 0,
        "{small_keyed} {withheld_keyed}"
    );
}

/// The reports' sentences about the pilot regions write a small count as running text does
/// ("minder dan 5 casussen opgepakt"), never as the tables' "<5"; and their Verantwoording says
/// what × means, in the same words as the note under each table.
#[test]
fn running_text_in_the_reports_says_minder_dan_and_explains_the_cross() {
    let out = sample_build();
    let mut pilots = 0;
    for n in 1..=3 {
        let text = pdf_text_flow(&out.join(format!("rapportage-fase-{n}.pdf")));
        // Each pilot line: "2023-2024: 8 jeugdigen en ouders benaderd, 4 interviews, minder
        // dan 5 casussen opgepakt."
        for (at, _) in text.match_indices("casussen opgepakt") {
            let start = text[..at].rfind("ouders benaderd").unwrap();
            let start = text[..start].rfind(": ").unwrap();
            let line = &text[start..at];
            pilots += 1;
            assert!(!line.contains("<5"), "rapportage-fase-{n}: {line}");
        }
        let verantwoording = &text[text.rfind("Verantwoording").unwrap()..];
        assert!(
            verantwoording.contains("× = niet getoond"),
            "rapportage-fase-{n}: {verantwoording}"
        );
    }
    assert!(pilots > 0);
}

/// The brochure's title breaks where its lines are alike in length (never one word alone on
/// a line), and the line under the key figures does not repeat their number.
#[test]
fn the_brochure_title_is_balanced_and_no_key_figure_is_repeated() {
    let out = sample_build();
    let pdf = out.join("brochure.pdf");
    let pages = words(&pdf);
    // The title is the only text of words set this large (the key figures are numbers).
    let mut lines: std::collections::BTreeMap<i64, Vec<&Word>> = Default::default();
    let big_words = pages[0]
        .1
        .iter()
        .filter(|w| w.height > 25.0 && !w.text.chars().all(|c| c.is_ascii_digit() || c == '.'));
    for w in big_words {
        lines.entry(w.y_min.round() as i64).or_default().push(w);
    }
    assert_eq!(lines.len(), 2, "the sample's title takes two lines");
    let widths: Vec<f64> = lines
        .values()
        .map(|l| {
            assert!(l.len() >= 2, "a title line of one word: {}", l[0].text);
            l.iter().map(|w| w.x_max).fold(0.0, f64::max)
                - l.iter().map(|w| w.x_min).fold(f64::MAX, f64::min)
        })
        .collect();
    let ratio = widths[0].min(widths[1]) / widths[0].max(widths[1]);
    assert!(ratio > 0.7, "title lines of {widths:?}");
    let text = pdf_text_flow(&pdf);
    assert!(!text.contains(": opgeteld over"), "{text}");
    assert!(
        text.contains("Het aantal werkateliers in de regio's is opgeteld over"),
        "{text}"
    );
}

/// Every figure and table of the reports is numbered within its chapter ("Figuur 5.1").
#[test]
fn report_figures_are_numbered_per_chapter() {
    let out = sample_build();
    for n in 1..=3 {
        let text = pdf_text_flow(&out.join(format!("rapportage-fase-{n}.pdf")));
        // "Figuur 3.1: ..." or "Tabel 3.1: ..." (a caption: the number ends in a colon).
        let captions: Vec<&str> = text
            .match_indices("Figuur ")
            .chain(text.match_indices("Tabel "))
            .map(|(at, _)| &text[at..text[at..].find(':').map_or(at, |e| at + e + 1)])
            .filter(|c| c.ends_with(':') && c.len() < 16)
            .collect();
        assert!(captions.len() >= 3, "{captions:?}");
        for c in &captions {
            let number = c.split_whitespace().nth(1).unwrap().trim_end_matches(':');
            let parts: Vec<&str> = number.split('.').collect();
            assert!(
                parts.len() == 2 && parts.iter().all(|p| p.parse::<u32>().is_ok_and(|v| v > 0)),
                "rapportage-fase-{n}: {c}"
            );
        }
    }
}

/// On every one-pager a section heading is set larger than the running text beside it, at
/// whatever size the page's text was fitted to.
#[test]
fn one_pager_section_headings_are_larger_than_their_body_text() {
    let out = sample_build();
    let mut checked = 0;
    for pdf in crate::common::one_pagers(out) {
        let (_, list) = &words(&pdf)[0];
        let mut heights: std::collections::BTreeMap<i64, usize> = Default::default();
        for w in list
            .iter()
            .filter(|w| w.text.chars().all(|c| c.is_lowercase()))
        {
            *heights.entry((w.height * 10.0).round() as i64).or_default() += 1;
        }
        // The running text: the height most words have.
        let body = heights
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(h, _)| *h as f64 / 10.0)
            .unwrap();
        let headings: Vec<f64> = list
            .iter()
            .filter(|w| {
                ["Activiteiten", "Verloop", "Voorbeelden", "Terugblik"].contains(&w.text.as_str())
            })
            .map(|w| w.height)
            .collect();
        for h in &headings {
            assert!(
                *h > body + 0.3,
                "{}: a heading {h:.1} high beside body text {body:.1} high",
                pdf.display()
            );
        }
        checked += usize::from(!headings.is_empty());
    }
    assert!(checked > 100, "pages with a section heading: {checked}");
}

/// A report's contents list every part a reader can turn to: the chapters, the annex and the
/// Verantwoording at the end, with the page each starts on.
#[test]
fn report_contents_list_the_annex_and_the_verantwoording() {
    for n in 1..=3 {
        let text = pdf_text(&sample_build().join(format!("rapportage-fase-{n}.pdf")));
        let contents =
            &text[text.find("Inhoud").unwrap()..text.find("Over deze rapportage").unwrap()];
        for part in [
            "Bijlage: deelnemende samenwerkingsverbanden",
            "Verantwoording",
        ] {
            let line = contents
                .lines()
                .find(|l| l.trim_start().starts_with(part))
                .unwrap_or_else(|| panic!("fase {n}: {part} in the contents:\n{contents}"));
            assert!(
                line.trim_end()
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_digit()),
                "fase {n}: {line}"
            );
        }
    }
}

/// Table headers are whole words, broken only at spaces when a column is narrow
/// ("Werkateliers", never "Werk-" over "ateliers"), in the reports and on the one-pagers.
#[test]
fn table_headers_are_not_broken_by_hand() {
    for n in 1..=3 {
        let text = pdf_text(&sample_build().join(format!("rapportage-fase-{n}.pdf")));
        for broken in ["Werk- ", "Werk-\n"] {
            assert!(!text.contains(broken), "fase {n}: {broken:?}");
        }
        assert!(
            text.contains("Werkateliers"),
            "fase {n}: the header is there"
        );
    }
    // And the one-pagers' table of activities: a row per activity, its name whole.
    for pdf in crate::common::one_pagers(sample_build()).iter().step_by(5) {
        let text = pdf_text(pdf);
        for broken in ["Werk- ", "Werk-\n", "Deel- ", "Inter- ", "Casus- "] {
            assert!(!text.contains(broken), "{}: {broken:?}", pdf.display());
        }
        assert!(text.contains("Werkateliers"), "{}", pdf.display());
    }
}

/// The brochure prints no `<5`, and says so in a sentence of its own right after the rule, so
/// the rule does not read as if one stood in it.
#[test]
fn the_rule_for_small_counts_reads_true_of_the_brochure() {
    let brochure = pdf_text_flow(&sample_build().join("brochure.pdf"));
    assert!(
        brochure.contains(
            "Aantallen van 1 tot en met 4 kinderen worden getoond als <5 (in lopende tekst: ‘minder dan 5’), zodat niemand een kind kan herkennen. In deze brochure komt zo'n klein aantal niet voor."
        ),
        "{brochure}"
    );
    // "<5" stands only in the rule.
    assert_eq!(brochure.matches("<5").count(), 1, "{brochure}");
}

/// The height of a PDF's first page, in points.
fn page_height(pdf: &Path) -> f64 {
    let out = crate::common::tool("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let start = html.find("height=\"").unwrap() + 8;
    html[start..start + html[start..].find('"').unwrap()]
        .parse()
        .unwrap()
}

/// Every one-pager fills its page: each of its two columns (or what stands below both) ends
/// within 15% of the page's height above the footer. The SWV's earlier years, a taller chart
/// and, on a page with three school years or fewer, the national picture take the room.
#[test]
fn both_columns_of_every_one_pager_end_near_the_footer() {
    let mut short = Vec::new();
    let pdfs = crate::common::one_pagers(sample_build());
    for pdf in &pdfs {
        let height = page_height(pdf);
        let (width, list) = &words(pdf)[0];
        let footer = list
            .iter()
            .filter(|w| w.text == "Regio-overzicht" && w.y_min > 0.8 * height)
            .map(|w| w.y_min)
            .fold(f64::INFINITY, f64::min);
        assert!(footer.is_finite(), "{}: no footer", pdf.display());
        // The left column is 1.4 times as wide as the right one.
        let split = width * 0.568;
        let end = |left: bool| {
            list.iter()
                .filter(|w| w.y_min + w.height < footer - 2.0)
                .filter(|w| {
                    if left {
                        w.x_max < split
                    } else {
                        w.x_min > split
                    }
                })
                .map(|w| w.y_min + w.height)
                .fold(0.0, f64::max)
        };
        for (side, bottom) in [("left", end(true)), ("right", end(false))] {
            let gap = (footer - bottom) / height;
            if gap > 0.15 {
                short.push(format!(
                    "{}: the {side} column ends {:.0}% of the page above the footer",
                    pdf.file_name().unwrap().to_string_lossy(),
                    gap * 100.0
                ));
            }
        }
    }
    assert!(pdfs.len() > 100, "one-pagers: {}", pdfs.len());
    assert!(short.is_empty(), "{}", short.join("\n"));
}

/// An SWV's name stands whole on one line in the one-pager's header: a long name is set
/// smaller rather than broken.
#[test]
fn every_one_pagers_name_is_on_one_line() {
    let mut checked = 0;
    for pdf in crate::common::one_pagers(sample_build()) {
        let (_, list) = &words(&pdf)[0];
        // The name is the largest type in the header, above the key figures (or above the
        // first section of a page without them).
        let below = list
            .iter()
            .filter(|w| w.text == "Kerncijfers" || w.text == "Samenvatting")
            .map(|w| w.y_min)
            .fold(f64::INFINITY, f64::min);
        let top: Vec<&Word> = list.iter().filter(|w| w.y_min < below).collect();
        let largest = top.iter().map(|w| w.height).fold(0.0, f64::max);
        let lines: std::collections::BTreeSet<i64> = top
            .iter()
            .filter(|w| w.height > largest - 0.5)
            .map(|w| w.y_min.round() as i64)
            .collect();
        assert_eq!(lines.len(), 1, "{}: the name on {lines:?}", pdf.display());
        checked += 1;
    }
    assert!(checked > 100);
}

/// The documents print one apostrophe, the typographic one (’): the templates' own words get
/// it from Typst's smart quotes, the texts from the inputs from `views::typography` (the
/// sample's summaries type `regio's` with a straight one).
#[test]
fn every_apostrophe_in_the_documents_is_typographic() {
    let mut curly = 0;
    for pdf in documents(sample_build()) {
        let text = pdf_text_printed(&pdf);
        if let Some(line) = text.lines().find(|l| l.contains('\'')) {
            panic!("{}: a straight apostrophe in {line:?}", pdf.display());
        }
        curly += text.matches('\u{2019}').count();
    }
    assert!(
        curly > 300,
        "only {curly} apostrophes in the sample's documents"
    );
}

/// Every figure and table of a report stands in its own chapter: below the heading of chapter
/// N and above that of chapter N+1 (by page, then by height on the page). A floating figure
/// once stood under the next chapter's heading ("Figuur 5.1" under "6. Landelijke context").
#[test]
fn report_figures_stand_in_their_chapter() {
    for n in 1..=3 {
        let pdf = sample_build().join(format!("rapportage-fase-{n}.pdf"));
        let mut chapters = std::collections::BTreeMap::new();
        let mut figures = Vec::new();
        for (page, (_, list)) in words(&pdf).iter().enumerate() {
            for pair in list.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let at = (page, a.y_min);
                if a.text == "HOOFDSTUK"
                    && let Ok(c) = b.text.trim_end_matches('.').parse::<u32>()
                {
                    chapters.insert(c, at);
                }
                let number = b.text.trim_end_matches(':');
                if (a.text == "Figuur" || a.text == "Tabel")
                    && let Some((c, _)) = number.split_once('.')
                    && let Ok(c) = c.parse::<u32>()
                {
                    figures.push((format!("{} {number}", a.text), c, at));
                }
            }
        }
        assert!(figures.len() >= 4, "fase {n}: {figures:?}");
        for (name, c, at) in figures {
            let start = chapters[&c];
            assert!(
                at > start,
                "fase {n}: {name} at {at:?}, before chapter {c} at {start:?}"
            );
            if let Some(next) = chapters.get(&(c + 1)) {
                assert!(
                    at < *next,
                    "fase {n}: {name} at {at:?}, under chapter {} at {next:?}",
                    c + 1
                );
            }
        }
    }
}

/// The school years under the bars of one chart all take one form: whole, or all over two
/// lines (the national series once showed "04-05" on two lines beside "10-11" on one).
#[test]
fn the_year_labels_of_a_chart_take_one_form() {
    let pdf = sample_build().join("rapportage-fase-1.pdf");
    let short = |t: &str, broken: bool| {
        let b = t.as_bytes();
        let years = b.len() >= 3 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b'-';
        years
            && (if broken {
                b.len() == 3
            } else {
                b.len() == 5 && b[3].is_ascii_digit()
            })
    };
    let mut seen = false;
    for (_, list) in words(&pdf) {
        let broken = list.iter().filter(|w| short(&w.text, true)).count();
        let whole = list.iter().filter(|w| short(&w.text, false)).count();
        assert!(
            broken == 0 || whole == 0,
            "{broken} labels broken beside {whole} whole"
        );
        seen |= broken + whole >= 10;
    }
    assert!(seen, "no chart of ten or more school years in phase 1");
}
