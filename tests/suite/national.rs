//! The national documents tell the whole programme (issue 12): the regions' voices, a map,
//! every SWV listed, pages that read like a report, and one-pagers of newcomers that look
//! intentional.

use std::path::{Path, PathBuf};

use crate::common::*;

/// The minimal inputs with two SWVs whose summaries are written here, and a report text
/// that places the voices.
fn voices_case(dir: &Path, po: &str, vo: &str, stemmen: &str) -> PathBuf {
    let inputs = dir.join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let summary = |code: &str, rest: &str| {
        format!("code = \"{code}\"\nschooljaar = \"2023-2024\"\nsamenvatting = \"Tekst.\"\n{rest}")
    };
    std::fs::write(
        inputs.join("swv/PO1001/samenvatting.toml"),
        summary("PO1001", po),
    )
    .unwrap();
    std::fs::write(
        inputs.join("swv/VO1002/samenvatting.toml"),
        summary("VO1002", vo),
    )
    .unwrap();
    let texts = inputs.join("teksten/rapportage.toml");
    let mut t = std::fs::read_to_string(&texts).unwrap();
    t.push_str("\n[[hoofdstuk]]\ntitel = \"Stemmen\"\nblok = \"citaten\"\n\n[[hoofdstuk]]\ntitel = \"Voorbeelden\"\nblok = \"voorbeelden\"\n\n[[hoofdstuk]]\ntitel = \"Wat werkt\"\nblok = \"wat_werkt\"\n");
    t.push_str(stemmen);
    std::fs::write(&texts, t).unwrap();
    inputs
}

fn report_text(inputs: &Path, dir: &Path) -> (String, String) {
    let out = dir.join("uit");
    let b = wel_on("build", inputs, &out, &["--only", "rapportage"]);
    let said = all_output(&b);
    let pdf = out.join("rapportage-fase-1.pdf");
    assert!(pdf.is_file(), "{said}");
    (pdf_text_flow(&pdf), said)
}

const PO: &str = "wat_werkt = [\"Ouders als partner\", \"Tijd nemen\"]\n\n[[voorbeelden]]\ntitel = \"De fietsende leerkracht\"\ntekst = \"Twee ochtenden per week thuis.\"\n\n[[citaten]]\ntekst = \"Eindelijk werd er geluisterd.\"\nrol = \"ouder\"\n\n[[citaten]]\ntekst = \"Ik mocht mijn eigen tempo kiezen.\"\nrol = \"jongere\"\n";
const VO: &str = "wat_werkt = [\"ouders  als partner.\", \"Een vaste begeleider\"]\n\n[[voorbeelden]]\ntitel = \"Leren in de werkplaats\"\ntekst = \"Rekenen via het werk zelf.\"\n\n[[citaten]]\ntekst = \"Niemand had haast.\"\nrol = \"ouder\"\n";

#[test]
fn a_phase_report_quotes_the_regions_with_their_names_and_tallies_what_works() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = voices_case(dir.path(), PO, VO, "");
    let (text, said) = report_text(&inputs, dir.path());
    for quote in [
        "Eindelijk werd er geluisterd.",
        "Ik mocht mijn eigen tempo kiezen.",
        "Niemand had haast.",
    ] {
        assert!(text.contains(quote), "{quote} missing: {text}");
    }
    assert!(
        text.contains("ouder, SWV PO Testregio"),
        "attributed by name: {text}"
    );
    assert!(text.contains("jongere, SWV PO Testregio"), "{text}");
    assert!(text.contains("ouder, SWV VO Testregio"), "{text}");
    assert!(text.contains("De fietsende leerkracht"), "{text}");
    assert!(text.contains("Leren in de werkplaats"), "{text}");
    assert!(
        text.contains("— SWV VO Testregio"),
        "examples are attributed: {text}"
    );
    // "Ouders als partner" and "ouders  als partner." are one point named by two SWVs.
    assert!(text.contains("Ouders als partner 2"), "{text}");
    assert!(!text.contains("ouders als partner."), "{text}");
    assert!(text.contains("Tijd nemen 1"), "{text}");
    assert!(said.contains("0 mislukt"), "{said}");
}

#[test]
fn the_report_text_pins_and_excludes_quotes_by_swv() {
    let dir = tempfile::tempdir().unwrap();
    // One quote per role: by default the first SWV in the spread (PO1001) would give the ouder
    // quote; pinning VO1002 puts its quote first; excluding PO1001 drops its jongere quote.
    let stemmen = "\n[stemmen]\ncitaten_per_rol = 1\ncitaten_vast = [\"VO1002\"]\ncitaten_uit = [\"PO1001\"]\nvoorbeelden_uit = [\"VO1002\"]\n";
    let inputs = voices_case(dir.path(), PO, VO, stemmen);
    let (text, _) = report_text(&inputs, dir.path());
    assert!(text.contains("Niemand had haast."), "{text}");
    assert!(!text.contains("Eindelijk werd er geluisterd."), "{text}");
    assert!(
        !text.contains("Ik mocht mijn eigen tempo kiezen."),
        "{text}"
    );
    assert!(text.contains("De fietsende leerkracht"), "{text}");
    assert!(!text.contains("Leren in de werkplaats"), "{text}");
}

#[test]
fn quotes_of_a_summary_with_errors_are_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let broken = format!("{VO}\n[[citaten]]\ntekst = \"Fout.\"\nrol = \"directeur\"\n");
    let inputs = voices_case(dir.path(), PO, &broken, "");
    let (text, said) = report_text(&inputs, dir.path());
    assert!(said.contains("directeur"), "the error is reported: {said}");
    assert!(!text.contains("Niemand had haast."), "{text}");
    assert!(text.contains("Eindelijk werd er geluisterd."), "{text}");
}

/// The SWV codes (display form) and names of each phase, from the sample inputs.
fn phase_members() -> Vec<(u32, Vec<(String, String)>)> {
    let loaded = wel::assemble::load(
        &root().join("inputs"),
        &wel::inputs::set::LoadOptions::default(),
    );
    let programme = loaded.programme.unwrap();
    programme
        .project
        .fases
        .iter()
        .map(|f| {
            let members = programme
                .swvs
                .iter()
                .filter(|s| f.schooljaren.iter().any(|y| s.took_part(*y)))
                .map(|s| (s.code.display_form(), s.naam.clone()))
                .collect();
            (f.nummer, members)
        })
        .collect()
}

#[test]
fn every_swv_of_a_phase_is_in_that_phases_annex() {
    let out = sample_build();
    for (phase, members) in phase_members() {
        let text = pdf_text(&out.join(format!("rapportage-fase-{phase}.pdf")));
        let annex = &text[text.rfind("Bijlage: deelnemende").expect("an annex")..];
        assert!(members.len() >= 44, "phase {phase}: {}", members.len());
        for (code, name) in &members {
            let line = annex
                .lines()
                .find(|l| l.trim_start().starts_with(code.as_str()))
                .unwrap_or_else(|| panic!("phase {phase}: {code} not in the annex"));
            assert!(line.contains(name.as_str()), "{line}");
        }
        // The table's header is repeated on every page of the annex.
        let pages = annex.split('\u{c}').filter(|p| p.contains(" 20")).count();
        let headers = annex.matches("Doet mee sinds").count();
        assert!(
            headers >= pages.min(2),
            "phase {phase}: {headers} headers over {pages} pages"
        );
    }
}

#[test]
fn every_map_carries_the_cbs_source_line() {
    let out = sample_build();
    let line = "Kaart: © CBS, PDOK";
    for doc in [
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
        "brochure.pdf",
    ] {
        let text = pdf_text_flow(&out.join(doc));
        assert!(text.contains(line), "{doc} lacks the source line");
        assert!(
            text.contains("samenwerkingsverbanden per provincie"),
            "{doc} has a map per province: {text}"
        );
    }
    // One-pagers draw no map: a map of the provinces says nothing of the SWV itself.
    for path in crate::common::one_pagers(out) {
        assert!(
            !pdf_text(&path).contains(line),
            "{} has a map",
            path.display()
        );
    }
}

#[test]
fn the_map_alt_text_lists_every_province_from_the_data() {
    // The alt text is in the document's data (the PDF stores it compressed): checked there.
    let data = sample_data("rapportage-fase-3.pdf");
    let map = &data["kaart"];
    let alt = map["alt"].as_str().unwrap();
    assert!(alt.starts_with("Kaart van Nederland met het aantal deelnemende samenwerkingsverbanden per provincie in 2024-2025: Groningen "), "{alt}");
    let counts: Vec<(&str, u64)> = map["aantallen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["naam"].as_str().unwrap(),
                a["aantal"]["waarde"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts.len(), 12);
    assert_eq!(counts.iter().map(|c| c.1).sum::<u64>(), 116);
    for (naam, n) in &counts {
        assert!(alt.contains(&format!("{naam} {n}")), "{alt}");
    }
}

#[test]
fn a_sparse_swv_gets_a_one_pager_without_dashes_or_an_empty_chart() {
    let out = sample_build();
    let mut sparse = 0;
    for path in crate::common::one_pagers(out) {
        let text = pdf_text(&path);
        if !text.contains("Nog geen cijfers over jeugdigen") {
            continue;
        }
        sparse += 1;
        assert!(!text.contains('–'), "{}: a dash: {text}", path.display());
        assert!(
            !text.contains("Verloop per schooljaar"),
            "{}: a chart: {text}",
            path.display()
        );
        let flow = pdf_text_flow(&path);
        assert!(flow.contains("Het landelijke beeld in 2024-2025"), "{flow}");
        assert!(
            flow.contains("is een van de 116 samenwerkingsverbanden in WEL in Ontwikkeling"),
            "{flow}"
        );
        assert_eq!(page_count(&path), 1);
    }
    assert_eq!(
        sparse, 3,
        "the sample has three newcomers without children figures"
    );
}

/// Each page of a PDF as a grey image at `dpi`: width, height and one byte per pixel.
fn grey_pages(pdf: &Path, dpi: u32) -> Vec<(usize, usize, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let run = crate::common::tool("pdftoppm")
        .args(["-r", &dpi.to_string(), "-gray"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (poppler-utils)");
    assert!(run.status.success());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    pages
        .iter()
        .map(|p| {
            let data = std::fs::read(p).unwrap();
            // P5 header: magic, width height, maxval, each on its own line.
            let mut fields = Vec::new();
            let mut at = 0;
            while fields.len() < 4 {
                let end = at
                    + data[at..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace())
                        .unwrap();
                fields.push(String::from_utf8_lossy(&data[at..end]).to_string());
                at = end + 1;
            }
            let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
            (w, h, data[at..].to_vec())
        })
        .collect()
}

/// The share of the body (between the top and bottom margins of the report) that holds
/// anything darker than the paper, per page, from a 20 dpi grey rendering.
fn page_fill(pdf: &Path) -> Vec<f64> {
    grey_pages(pdf, 20)
        .iter()
        .map(|(w, h, px)| {
            let cm = *h as f64 / 29.7;
            let (top, bottom) = ((2.4 * cm) as usize + 1, ((29.7 - 2.2) * cm) as usize - 1);
            let last = (top..bottom)
                .filter(|y| px[y * w..(y + 1) * w].iter().any(|v| *v < 200))
                .max()
                .unwrap_or(top);
            (last - top) as f64 / (bottom - top) as f64
        })
        .collect()
}

#[test]
fn phase_reports_are_twelve_pages_without_a_half_empty_page() {
    let out = sample_build();
    for phase in 1..=3 {
        let fill = page_fill(&out.join(format!("rapportage-fase-{phase}.pdf")));
        // Phase 1 is the seed report's length; phases 2 and 3 cover more.
        let least = if phase == 1 { 10 } else { 12 };
        assert!(fill.len() >= least, "phase {phase}: {} pages", fill.len());
        // The cover, the contents and the last page are exempt; no chapter of the sample
        // asks for a page of its own.
        for (i, f) in fill.iter().enumerate().take(fill.len() - 1).skip(2) {
            assert!(
                *f >= 0.5,
                "phase {phase}, page {}: {:.2} full ({fill:?})",
                i + 1,
                f
            );
        }
    }
}

#[test]
fn a_single_school_year_is_compared_with_the_year_before() {
    let text = pdf_text_flow(&sample_build().join("rapportage-fase-3.pdf"));
    assert!(text.contains("met 2023-2024 ter vergelijking"), "{text}");
}

#[test]
fn an_unknown_code_in_the_voice_settings_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = voices_case(
        dir.path(),
        PO,
        VO,
        "\n[stemmen]\ncitaten_uit = [\"PO1010\"]\n",
    );
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(0), "{said}");
    assert!(
        said.contains("[stemmen] citaten_uit: \"PO1010\" is geen SWV in de invoer"),
        "{said}"
    );
}

/// Page flow of the reports: no list item alone at the head or the foot of a page (a list
/// keeps its first two and its last two items together), and no page of a few lines (the
/// Verantwoording, once alone on a last page, stands with the reader's guide on page 2).
#[test]
fn no_report_page_holds_a_lone_list_item_or_a_few_lines() {
    for phase in 1..=3 {
        let text = pdf_text(&sample_build().join(format!("rapportage-fase-{phase}.pdf")));
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() >= 10, "phase {phase}: {} pages", pages.len());
        for (i, page) in pages.iter().enumerate().skip(1) {
            let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            // Without the running header and the footer.
            let body = &lines[1..lines.len() - 1];
            assert!(
                body.len() >= 12,
                "phase {phase}, page {}: {} lines",
                i + 1,
                body.len()
            );
            let bullet = |l: &str| l.trim_start().starts_with('•');
            // The items at the page's head: a bullet line and the lines that continue it
            // (indented, no bullet of their own).
            let indent = |l: &str| l.len() - l.trim_start().len();
            let mut head = 0;
            let mut item_indent = 0;
            for l in body {
                if bullet(l) {
                    head += 1;
                    item_indent = indent(l);
                } else if head > 0 && indent(l) > item_indent {
                    continue;
                } else {
                    break;
                }
            }
            assert!(
                head != 1,
                "phase {phase}, page {}: one list item at the head:\n{}",
                i + 1,
                body[..3].join("\n")
            );
            // The page's last lines: the first item of a list alone at the foot.
            if let Some(last) = body.iter().rposition(|l| bullet(l)) {
                let continues = body[last + 1..]
                    .iter()
                    .all(|l| indent(l) > indent(body[last]));
                let alone = last > 0
                    && !bullet(body[last - 1])
                    && indent(body[last - 1]) <= indent(body[last]);
                assert!(
                    !(continues && alone),
                    "phase {phase}, page {}: one list item at the foot:\n{}",
                    i + 1,
                    body[last - 1..].join("\n")
                );
            }
        }
    }
}

/// Compounds in the reports' running text break only where their parts meet:
/// "samenwerkings-verbanden" and "waarde-vol", never "samenwerkingsver-banden", "samenwer-
/// kingsverband" or the dictionary's "waar-devol".
#[test]
fn compounds_break_where_their_parts_meet() {
    let mut broken = 0;
    for phase in 1..=3 {
        let text = pdf_text_printed(&sample_build().join(format!("rapportage-fase-{phase}.pdf")));
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let Some(head) = pair[0].strip_suffix('\u{ad}').or(pair[0].strip_suffix('-')) else {
                continue;
            };
            let head = head.trim_end_matches('\u{ad}');
            let fragment = head
                .rsplit(' ')
                .next()
                .unwrap_or_default()
                .replace('\u{ad}', "");
            let word = format!(
                "{fragment}{}",
                pair[1].split(' ').next().unwrap_or_default()
            );
            let word = word.to_lowercase();
            for (compound, part) in [
                ("samenwerkingsverband", "samenwerkings"),
                ("waardevol", "waarde"),
            ] {
                if word.starts_with(compound) {
                    broken += 1;
                    assert_eq!(
                        fragment.to_lowercase(),
                        part,
                        "phase {phase}: {} / {}",
                        pair[0],
                        pair[1]
                    );
                }
            }
        }
    }
    // The sample's reports do break such compounds (so the rule is exercised).
    assert!(broken > 0, "no compound broken at a line end");
}

/// The annex never leaves a province's row alone on a page: a province of four or fewer
/// stands whole on one page, a larger one has at least two rows on the page where it starts
/// and on the page where it ends (a designer sent back "Zeeland (3)" with one row at a page
/// foot and two overleaf). Each page's rows are read from the printed text.
#[test]
fn annex_provinces_are_never_split_into_a_lone_row() {
    let out = sample_build();
    let mut provinces = 0;
    for phase in 1..=3 {
        let text = pdf_text(&out.join(format!("rapportage-fase-{phase}.pdf")));
        let start = text.find("Bijlage: deelnemende").expect("an annex");
        // Per province: its size and its rows on each page it stands on.
        let mut groups: Vec<(String, usize, Vec<usize>)> = Vec::new();
        for (page, body) in text[start..].split('\u{c}').enumerate() {
            for line in body.lines().map(str::trim) {
                let head = line.strip_suffix(" (vervolg)").unwrap_or(line);
                if let Some((name, n)) = head.strip_suffix(')').and_then(|h| h.rsplit_once(" ("))
                    && let Ok(n) = n.parse::<usize>()
                    && wel::model::Province::ALL.iter().any(|p| p.name() == name)
                {
                    if groups.last().is_none_or(|g| g.0 != name) {
                        groups.push((name.to_string(), n, Vec::new()));
                    }
                    continue;
                }
                let code = line.split_whitespace().take(2).collect::<Vec<_>>();
                if code.len() == 2
                    && (code[0] == "PO" || code[0] == "VO")
                    && code[1].len() == 5
                    && code[1].as_bytes()[2] == b'-'
                {
                    let rows = &mut groups.last_mut().expect("a row under a province").2;
                    if rows.len() <= page {
                        rows.resize(page + 1, 0);
                    }
                    rows[page] += 1;
                }
            }
        }
        for (name, n, rows) in &groups {
            let pages: Vec<usize> = rows.iter().copied().filter(|r| *r > 0).collect();
            assert_eq!(
                pages.iter().sum::<usize>(),
                *n,
                "fase {phase}, {name}: {pages:?}"
            );
            if *n <= 4 {
                assert_eq!(
                    pages.len(),
                    1,
                    "fase {phase}: {name} ({n}) is split: {pages:?}"
                );
            } else {
                assert!(
                    pages[0] >= 2 && pages[pages.len() - 1] >= 2,
                    "fase {phase}: {name} ({n}) leaves a row alone: {pages:?}"
                );
            }
            provinces += 1;
        }
    }
    assert!(provinces >= 30, "{provinces} provinces read");
}

/// A one-pager says what × means once: in the key figures' box when a key figure is ×
/// (where the reader sees it), otherwise at the foot of the page.
#[test]
fn a_one_pager_explains_the_cross_once_and_beside_a_key_figure() {
    let meaning = "× = niet getoond.";
    let (mut in_box, mut at_foot) = (0, 0);
    for pdf in crate::common::one_pagers(sample_build()) {
        let text = pdf_text_flow(&pdf);
        let name = pdf.display().to_string();
        let said = text.matches(meaning).count();
        if !text.contains('×') {
            assert_eq!(said, 0, "{name}");
            continue;
        }
        assert_eq!(said, 1, "{name}: {text}");
        let key = &text[text.find("Kerncijfers").unwrap()..text.find("Samenvatting").unwrap()];
        if key.contains('×') && !key.contains(meaning) {
            panic!("{name}: a × among the key figures, explained elsewhere: {text}");
        }
        if key.contains(meaning) {
            in_box += 1;
        } else {
            at_foot += 1;
        }
    }
    assert!(in_box > 0 && at_foot > 0, "{in_box} {at_foot}");
}

/// The longest run of blank rows across the whole width of a one-pager's page, between its
/// header and the last of its content above the footer (the page's foot, 2.6 cm, holds the
/// footer), in cm, from a 20 dpi grey rendering (the light fill of a box counts as ink).
fn widest_white_band(pdf: &Path) -> f64 {
    let (w, h, px) = grey_pages(pdf, 20).remove(0);
    let cm = h as f64 / 29.7;
    let ink: Vec<bool> = (0..h)
        .map(|y| px[y * w..(y + 1) * w].iter().any(|v| *v < 250))
        .collect();
    // Between the first ink (the header band) and the last above the footer.
    let first = ink.iter().position(|i| *i).unwrap_or(0);
    let foot = h - (2.6 * cm) as usize;
    let last = ink[..foot].iter().rposition(|i| *i).unwrap_or(foot);
    let (mut widest, mut run) = (0, 0);
    for i in &ink[first..last] {
        run = if *i { 0 } else { run + 1 };
        widest = widest.max(run);
    }
    widest as f64 / cm
}

/// No one-pager opens a band of white across its page more than 2 cm tall: the room a page
/// with little of its own has to spare is shared out (a designer sent back newcomers' pages
/// with 3.5 to 6 cm of white between their own part and the national picture).
#[test]
fn no_one_pager_has_a_wide_white_band() {
    let mut wide = Vec::new();
    let pdfs = crate::common::one_pagers(sample_build());
    for pdf in &pdfs {
        let band = widest_white_band(pdf);
        if band > 2.0 {
            wide.push(format!("{}: {band:.1} cm", pdf.display()));
        }
    }
    assert!(pdfs.len() > 100);
    assert!(wide.is_empty(), "{}", wide.join("\n"));
}
