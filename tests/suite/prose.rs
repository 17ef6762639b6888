//! Figures in texts: references resolved through the ledger like table cells, typed numbers
//! that would give a small count away refused at their line and column, and the rule in one
//! wording in every document.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A copy of the sample inputs in `dir/invoer`, with `teksten/<file>` changed by `edit`.
fn sample_with_text(dir: &Path, file: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let inputs = dir.join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let path = inputs.join("teksten").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = edit(text.clone());
    assert_ne!(changed, text, "the edit changed nothing");
    std::fs::write(&path, changed).unwrap();
    inputs
}

/// The sentence the phase-1 report once typed by hand: its vrijstelling total is withheld in
/// the table, and its absoluut verzuim total is a small count.
const TYPED_BY_HAND: &str = "In schooljaar 2021-2022 hielden we 20 interviews met ouders en professionals over kinderen met een vrijstelling 5 onder a (17) of absoluut verzuim (3).";
const WITH_REFERENCES: &str = "In schooljaar 2021-2022 hielden we {interviews 2021-2022} interviews met ouders en professionals over kinderen met een vrijstelling 5 onder a of met absoluut verzuim.";

/// Regression: the fase-1 text said "vrijstelling 5 onder a (17) of absoluut verzuim (3)"
/// while table 1 withheld the first and showed the second as <5; with the one-pagers' CSVs
/// that gave away six small counts. Now check refuses both numbers at their line and column,
/// names what to use instead, and build does not make the report.
#[test]
fn the_phase_1_text_that_gave_six_counts_away_is_refused_at_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = sample_with_text(dir.path(), "rapportage-fase-1.toml", |t| {
        t.replace(WITH_REFERENCES, TYPED_BY_HAND)
    });
    let out = dir.path().join("uit");
    let check = wel_on("check", &inputs, &out, &[]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(1), "{said}");
    let line = std::fs::read_to_string(inputs.join("teksten/rapportage-fase-1.toml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("(17)"))
        .unwrap()
        + 1;
    assert!(
        said.contains(&format!("fout: teksten/rapportage-fase-1.toml:{line}:124: het getal 17 is gelijk aan het totaal vrijstelling 5 onder a 2021-2022, dat niet getoond wordt")),
        "{said}"
    );
    assert!(
        said.contains(&format!("fout: teksten/rapportage-fase-1.toml:{line}:149: het getal 3 is gelijk aan een klein aantal kinderen van 2021-2022")),
        "{said}"
    );
    assert!(
        said.contains(
            "gebruik de verwijzing {absoluut_verzuim 2021-2022} (dan staat er ‘minder dan 5’)"
        ),
        "{said}"
    );
    assert!(
        said.contains("zou niet gemaakt worden: rapportage-fase-1.pdf"),
        "{said}"
    );
    // Build agrees: the report is not made, everything else is.
    let build = wel_on("bundle", &inputs, &out, &[]);
    assert_eq!(build.status.code(), Some(1));
    assert!(!out.join("rapportage-fase-1.pdf").exists());
    assert!(out.join("rapportage-fase-2.pdf").is_file());
    let attack = crate::common::python()
        .arg(root().join("tests/attack.py"))
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        attack.status.success(),
        "{}",
        String::from_utf8_lossy(&attack.stdout)
    );
}

#[test]
fn a_count_of_children_typed_in_words_is_refused_in_a_summary_too() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_with_summary(dir.path(), |t| {
        t.replacen(
            "samenvatting = \"\"\"\n",
            "samenvatting = \"\"\"\nWe spraken drie kinderen en hun ouders.\n",
            1,
        )
    });
    let out = dir.path().join("uit");
    let check = wel_on("check", &inputs, &out, &[]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(
        said.contains("“drie” noemt een aantal van 1 tot en met 4 kinderen, jongeren of ouders"),
        "{said}"
    );
    assert!(said.contains("swv/PO1001/samenvatting.toml:"), "{said}");
    assert!(
        said.contains("zou niet gemaakt worden: regio/PO1001.pdf"),
        "{said}"
    );
}

#[test]
fn references_print_exact_small_and_withheld_figures_as_sentences_read() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = sample_with_text(dir.path(), "rapportage-fase-1.toml", |t| {
        t.replace(
            WITH_REFERENCES,
            "In 2021-2022 benaderden de samenwerkingsverbanden {benaderd 2021-2022} jeugdigen en ouders; {absoluut_verzuim 2021-2022} van hen verzuimden absoluut, en {vrijstelling_5a 2021-2022} had een vrijstelling. In Drenthe deden {swvs 2021-2022 Drenthe} samenwerkingsverbanden mee.",
        )
    });
    let out = dir.path().join("uit");
    let build = wel_on("build", &inputs, &out, &["--only", "rapportage"]);
    assert!(build.status.success(), "{}", all_output(&build));
    let text = pdf_text_flow(&out.join("rapportage-fase-1.pdf"));
    assert!(
        text.contains("In 2021-2022 benaderden de samenwerkingsverbanden 20 jeugdigen en ouders; een niet getoond aantal van hen verzuimden absoluut, en een niet getoond aantal had een vrijstelling."),
        "{text}"
    );
    // The same number the report's map shows for Drenthe.
    let data = sample_data("rapportage-fase-1.pdf");
    let drenthe = data["kaart"]["aantallen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["naam"] == "Drenthe")
        .unwrap()["aantal"]["label"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.contains(&format!(
            "In Drenthe deden {drenthe} samenwerkingsverbanden mee."
        )),
        "{text}"
    );
    // Each reference is a figure of the ledger, at its place.
    let cijfers = wel(&["cijfers", "--inputs", inputs.to_str().unwrap()]);
    let ledger = stdout(&cijfers);
    assert!(
        ledger.lines().any(|l| l.starts_with("rapportage-fase-1.pdf\thoofdstuk[6].tekst{absoluut_verzuim 2021-2022}\t×\tafgeschermd\t")),
        "{ledger}"
    );
    assert!(
        ledger.lines().any(|l| l.starts_with(
            "rapportage-fase-1.pdf\thoofdstuk[6].tekst{vrijstelling_5a 2021-2022}\t×\tafgeschermd\t"
        )),
        "{ledger}"
    );
}

#[test]
fn a_misspelled_reference_is_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = sample_with_text(dir.path(), "rapportage-fase-1.toml", |t| {
        t.replace(
            "{interviews 2021-2022} interviews",
            "{intervieuws 2021-2022} interviews",
        )
    });
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(
        said.contains(
            ": {intervieuws 2021-2022}: \"intervieuws\" is geen cijfer; bedoelde u \"interviews\"?"
        ),
        "{said}"
    );
    assert!(said.contains("teksten/rapportage-fase-1.toml:"), "{said}");
}

/// The rule in words, as one document prints it.
fn rule_in(text: &str) -> String {
    let start = text
        .find("Aantallen van 1 tot en met")
        .unwrap_or_else(|| panic!("no rule in {text}"));
    let end = text[start..].find("herkennen.").unwrap() + start + "herkennen.".len();
    text[start..end].to_string()
}

#[test]
fn every_document_and_every_bundle_words_the_rule_the_same() {
    let out = sample_build();
    let expected = "Aantallen van 1 tot en met 4 kinderen worden getoond als <5 (in lopende tekst: ‘minder dan 5’), zodat niemand een kind kan herkennen.";
    for doc in [
        "rapportage-fase-1.pdf",
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
        "brochure.pdf",
        "regio/PO2801.pdf",
        "regio/VO2106.pdf",
    ] {
        assert_eq!(rule_in(&pdf_text_flow(&out.join(doc))), expected, "{doc}");
    }
    let zip = std::fs::File::open(out.join("bundels/PO2801.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(zip).unwrap();
    let mut readme = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("LEESMIJ.txt").unwrap(), &mut readme).unwrap();
    assert_eq!(rule_in(&readme), expected);
    // The old wordings are gone.
    for doc in [
        "rapportage-fase-2.pdf",
        "rapportage-fase-3.pdf",
        "regio/PO2801.pdf",
    ] {
        let text = pdf_text_flow(&out.join(doc));
        for old in ["kleiner dan zes", "1 tot 5 als", "1 tot 5 staan"] {
            assert!(!text.contains(old), "{doc}: {old}");
        }
    }
}

#[test]
fn about_this_report_names_each_withheld_total_with_its_provinces() {
    let text = pdf_text_flow(&sample_build().join("rapportage-fase-2.pdf"));
    let start = text
        .find("In dit document staat × (niet getoond) bij")
        .expect("the withheld list");
    let sentence = &text[start..start + text[start..].find('.').unwrap()];
    assert!(
        sentence.contains("het totaal benaderd 2023-2024 in ") && sentence.contains(" en in "),
        "{sentence}"
    );
    // Every province named is one whose total the report shows as ×.
    let table = pdf_text(&sample_build().join("rapportage-fase-2.pdf"));
    for province in wel::model::Province::ALL {
        if sentence.contains(&format!("in {province}")) {
            assert!(
                table.lines().any(|l| l
                    .find(province.name())
                    .is_some_and(|i| l[i..].split_whitespace().any(|w| w == "×"))),
                "{province} is named but shows no ×"
            );
        }
    }
    let phase1 = pdf_text_flow(&sample_build().join("rapportage-fase-1.pdf"));
    assert!(
        phase1.contains(
            "In dit document staat × (niet getoond) bij het totaal vrijstelling 5 onder a 2021-2022 van alle deelnemende samenwerkingsverbanden samen, en bij het totaal absoluut verzuim 2021-2022 van alle deelnemende samenwerkingsverbanden samen."
        ),
        "{phase1}"
    );
}

#[test]
fn a_threshold_below_the_cbs_norm_is_warned_and_stated_in_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let project = inputs.join("project.toml");
    let text = std::fs::read_to_string(&project).unwrap();
    let text = if text.contains("drempel_kleine_aantallen") {
        text.replace(
            "drempel_kleine_aantallen = 5",
            "drempel_kleine_aantallen = 3",
        )
    } else {
        text.replacen(
            "[programma]\n",
            "[programma]\ndrempel_kleine_aantallen = 3\n",
            1,
        )
    };
    std::fs::write(&project, text).unwrap();
    let out = dir.path().join("uit");
    for command in ["check", "build"] {
        let o = wel_on(command, &inputs, &out, &[]);
        assert!(
            all_output(&o).contains("waarschuwing: project.toml, programma.drempel_kleine_aantallen: Let op: de drempel voor kleine aantallen is 3, lager dan de norm van het CBS (5)."),
            "{command}: {}",
            all_output(&o)
        );
    }
    let pdfs = walk_pdfs(&out);
    assert_eq!(pdfs.len(), 4, "{pdfs:?}");
    for entry in pdfs {
        let text = pdf_text_flow(&entry);
        assert!(
            text.contains(
                "Let op: de drempel voor kleine aantallen is 3, lager dan de norm van het CBS (5)."
            ),
            "{}",
            entry.display()
        );
        assert!(
            text.contains("Aantallen van 1 tot en met 2 kinderen worden getoond als <3"),
            "{}",
            entry.display()
        );
    }
}

fn walk_pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk_pdfs(&p));
        } else if p.extension().is_some_and(|x| x == "pdf") {
            out.push(p);
        }
    }
    out
}

#[test]
fn wel_cijfers_lists_the_figures_a_text_may_name() {
    let o = wel(&[
        "cijfers",
        "--verwijzingen",
        "--inputs",
        root().join("inputs").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", all_output(&o));
    let list = stdout(&o);
    for line in [
        "{benaderd 2021-2022}\t20",
        "{absoluut_verzuim 2021-2022}\tminder dan 5",
        "{vrijstelling_5a 2021-2022}\teen niet getoond aantal",
        "{swvs 2024-2025}\t116",
        "{casussen 2021-2022 PO2801}\t250",
    ] {
        assert!(list.lines().any(|l| l == line), "{line} missing");
    }
}

/// Sentences an SWV might write, each with what check must say about its typed number:
/// `F` an error (it counts children, young people or parents, or stands beside the measure it
/// would be), `W` a warning (a bare number equal to a small count of the year), `-` nothing (a
/// number of something else: places, meetings, adults at work, dates, times, ordinals, names).
const CORPUS: [(char, &str); 66] = [
    ('F', "Drie kinderen gingen na de zomer weer naar school."),
    ('F', "Met 2 ouders voerden we lange gesprekken."),
    ('F', "Daarna volgden 4 jongeren een traject."),
    ('F', "Twee leerlingen kregen een aangepast rooster."),
    ('F', "We spraken met 3 gezinnen over hun wensen."),
    ('F', "Er stonden 4 thuiszitters op de lijst."),
    ('F', "Voor 1 kind is een plek gevonden."),
    ('F', "We benaderden 3 jongvolwassenen."),
    ('F', "Bij 2 jonge kinderen werkte dit goed."),
    ('F', "Het absoluut verzuim (3) daalde dit jaar."),
    ('F', "De vrijstellingen (2) bleven gelijk."),
    ('F', "Vier meisjes en een jongen startten in de zomer."),
    ('F', "Met 3 moeders maakten we een plan."),
    ('F', "Twee vaders kwamen naar de bijeenkomst."),
    ('F', "Drie scholieren kregen begeleiding."),
    ('F', "Voor 4 van de kinderen was dit de eerste stap."),
    ('F', "We zagen 2 jongens weer lachen."),
    ('F', "In ontwikkeling kwamen 3 jeugdigen."),
    ('F', "Er kwam 1 pupil bij."),
    ('F', "Een van de 2 meisjes koos zelf haar school."),
    (
        'F',
        "Van de benaderde jongeren waren er 3 die de school weer bezochten.",
    ),
    ('F', "Met 3 kleuters begonnen we klein."),
    ('W', "Daarvan zijn er 3 weer naar school."),
    ('W', "Uiteindelijk lukte het bij 2 van hen."),
    ('W', "Het ging om 4 in totaal."),
    ('W', "Het aantal steeg naar 3."),
    ('W', "Dat waren er dit jaar 2."),
    ('W', "In totaal ging het om 4."),
    ('W', "We telden er 3."),
    ('W', "Nu zijn het er 2."),
    ('W', "Er zijn 2 die hun school niet bezoeken."),
    ('W', "Dit jaar bleven 3 van onze school weg."),
    ('-', "We werkten in 3 gemeenten samen."),
    ('-', "En 4 scholen doen mee aan het netwerk."),
    ('-', "Elke 2 weken komt het team bij elkaar."),
    ('-', "De bijeenkomst duurt 2 uur."),
    ('-', "Op 3 maart startte de eerste groep."),
    ('-', "Dit staat in artikel 4 van de wet."),
    ('-', "Zie hoofdstuk 3 voor de aanpak."),
    ('-', "We hielden 4 bijeenkomsten met partners."),
    ('-', "Er zijn 2 locaties in de regio."),
    ('-', "Het overleg begint om 9:30 in het gemeentehuis."),
    ('-', "Dit was de 3e keer dat we elkaar zagen."),
    ('-', "In fase 2 van het programma groeide het netwerk."),
    ('-', "We voerden 3 gesprekken met leerplicht."),
    ('-', "Het netwerk telt 4 partners."),
    ('-', "In 2 wijken is een vast aanspreekpunt."),
    ('-', "De training bestond uit 3 sessies."),
    ('-', "We startten in 2024 met een nieuwe aanpak."),
    ('-', "De kinderen waren 4 tot 12 jaar oud."),
    ('-', "Het ging om 3 procent van alle leerlingen."),
    ('-', "Er werkten 2 leerkrachten mee."),
    ('-', "Het plan telt 4 punten."),
    ('-', "Groep 3 van de basisschool deed mee."),
    ('-', "Er zijn 3 teams gevormd."),
    ('-', "Het plan heeft 4 thema's."),
    ('-', "Met 2 wethouders bespraken we de resultaten."),
    ('-', "Op pagina 3 staat het schema."),
    ('-', "We zochten 2 keer per maand contact."),
    ('-', "In 4 klassen hing de poster."),
    ('-', "Met 3 organisaties sloten we een convenant."),
    ('-', "We organiseerden 2 workshops voor ouders."),
    ('-', "De coach had 4 gesprekken met school."),
    ('-', "Er kwamen 2 professionals bij."),
    ('-', "Het schoolbestuur opende 3 locaties."),
    ('-', "Op 1 juli ging de nieuwe aanpak in."),
];

/// Issue 30: a typed number is judged by what it counts. The corpus stands in one summary, a
/// sentence per line; check must report an error on exactly the `F` lines, a warning (and no
/// error) on exactly the `W` lines, and nothing on the others.
#[test]
fn typed_numbers_are_judged_by_what_they_count() {
    assert!(CORPUS.iter().filter(|(k, _)| *k == '-').count() * 2 >= CORPUS.len());
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let file = "swv/PO2001/2024-2025/samenvatting.toml";
    let sentences: Vec<&str> = CORPUS.iter().map(|(_, s)| *s).collect();
    std::fs::write(
        inputs.join(file),
        format!(
            "code = \"PO2001\"\nschooljaar = \"2024-2025\"\nsamenvatting = \"\"\"\n{}\n\"\"\"\n",
            sentences.join("\n")
        ),
    )
    .unwrap();
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    let said = all_output(&check);
    // The sentences start on line 4 of the file.
    let lines_with = |kind: &str| -> std::collections::BTreeSet<usize> {
        said.lines()
            .filter_map(|l| l.trim_start().strip_prefix(&format!("{kind}: {file}:")))
            .filter_map(|rest| rest.split(':').next()?.parse::<usize>().ok())
            .map(|line| line - 4)
            .collect()
    };
    let errors = lines_with("fout");
    let warnings = lines_with("waarschuwing");
    for (i, (kind, sentence)) in CORPUS.iter().enumerate() {
        let got = if errors.contains(&i) {
            'F'
        } else if warnings.contains(&i) {
            'W'
        } else {
            '-'
        };
        assert_eq!(got, *kind, "“{sentence}”:\n{said}");
    }
}

/// A number that is a word of the SWV's own name passes only where the text writes the name:
/// "Proef 3" in the summary of "Samenwerkingsverband Proef 3" is its name, a lone 3 elsewhere in
/// the same summary is still judged (here: a warning, as it equals a small count of the year).
#[test]
fn a_number_in_the_swvs_own_name_passes_only_as_part_of_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let workbook = po1001_workbook(
        "Samenwerkingsverband Proef 3",
        &[
            ("2022-2023", [12, 6, 8, 4], [2, 24, 5, 7]),
            // 3 absent children in 2023-2024: a small count of the summary's year.
            ("2023-2024", [20, 11, 12, 3], [6, 31, 6, 9]),
        ],
    );
    std::fs::write(inputs.join("swv/PO1001/cijfers.xlsx"), workbook).unwrap();
    let file = "swv/PO1001/samenvatting.toml";
    std::fs::write(
        inputs.join(file),
        "code = \"PO1001\"\nschooljaar = \"2023-2024\"\nsamenvatting = \"\"\"\n\
         In Samenwerkingsverband Proef 3 zitten scholen uit de hele regio.\n\
         Proef 3 werkt nauw samen met de gemeente.\n\
         We zagen er 3 terug in de klas.\n\
         \"\"\"\n",
    )
    .unwrap();
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    let said = all_output(&check);
    let lines = |kind: &str| -> Vec<usize> {
        said.lines()
            .filter_map(|l| l.trim_start().strip_prefix(&format!("{kind}: {file}:")))
            .filter_map(|rest| rest.split(':').next()?.parse::<usize>().ok())
            .collect()
    };
    assert_eq!(lines("fout"), Vec::<usize>::new(), "{said}");
    assert_eq!(
        lines("waarschuwing"),
        [6],
        "only the lone 3 (line 6): {said}"
    );
}

/// Two SWVs whose summaries share a sentence of eight words or more each get a warning that
/// names the other (a reader holding both one-pagers reads it twice); a shorter shared sentence,
/// or one that differs by the SWV's name, passes. The bundled sample shares none.
#[test]
fn a_sentence_two_swvs_both_wrote_is_a_warning_for_each() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("invoer");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let shared =
        "Het kernteam  bespreekt elke maand samen met leerplicht de vastgelopen situaties.";
    for (code, name) in [
        ("PO1001", "SWV PO Testregio"),
        ("VO1002", "SWV VO Testregio"),
    ] {
        let file = inputs.join(format!("swv/{code}/samenvatting.toml"));
        let text = std::fs::read_to_string(&file).unwrap().replace(
            &format!("Een korte samenvatting voor {code}."),
            &format!(
                "Het werkt echt. {} {name} werkt sinds dit jaar samen met de gemeente.",
                if code == "PO1001" {
                    shared.to_string()
                } else {
                    shared.to_lowercase().replace("  ", " ")
                }
            ),
        );
        std::fs::write(&file, text).unwrap();
    }
    let check = wel_on("check", &inputs, &dir.path().join("uit"), &[]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(0), "a warning only: {said}");
    for (code, other) in [("PO1001", "VO1002"), ("VO1002", "PO1001")] {
        let line = said
            .lines()
            .find(|l| {
                l.contains(&format!("swv/{code}/samenvatting.toml")) && l.contains("staat ook in")
            })
            .unwrap_or_else(|| panic!("{code} is warned: {said}"));
        assert!(
            line.contains(&format!("samenvatting van {other}")),
            "{line}"
        );
        assert!(line.contains("Het kernteam"), "{line}");
    }
    assert_eq!(
        said.matches("staat ook in de samenvatting").count(),
        2,
        "{said}"
    );

    let sample = wel_on(
        "check",
        &root().join("inputs"),
        &dir.path().join("uit2"),
        &[],
    );
    assert!(!all_output(&sample).contains("staat ook in de samenvatting"));
}

/// A sentence an SWV's latest summary repeats from its own earlier summary is warned: the
/// one-pager shows the earlier year beside the latest ("Terugblik"), and a reader would read it
/// twice. The earlier year itself is shown under its heading.
#[test]
fn a_sentence_repeated_from_an_swvs_own_earlier_summary_is_warned() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    copy_dir(&fixture("good/minimaal"), &inputs);
    let repeated = "Het kernteam bespreekt elke maand de situaties die zijn vastgelopen.";
    let latest = inputs.join("swv/PO1001/samenvatting.toml");
    let text = std::fs::read_to_string(&latest).unwrap().replace(
        "Een korte samenvatting voor PO1001.",
        &format!("Een korte samenvatting voor PO1001. {repeated}"),
    );
    std::fs::write(&latest, text).unwrap();
    let earlier = inputs.join("swv/PO1001/2022-2023");
    std::fs::create_dir_all(&earlier).unwrap();
    std::fs::write(
        earlier.join("samenvatting.toml"),
        format!(
            "code = \"PO1001\"\nschooljaar = \"2022-2023\"\nsamenvatting = \"\"\"\nIn het eerste jaar leerde PO1001 de scholen kennen. {repeated}\n\"\"\"\nwat_werkt = [\"Luisteren\"]\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("uit");
    let check = wel_on("check", &inputs, &out, &[]);
    let said = all_output(&check);
    assert_eq!(check.status.code(), Some(0), "a warning only: {said}");
    let line = said
        .lines()
        .find(|l| l.contains("staat ook in uw samenvatting over 2022-2023"))
        .unwrap_or_else(|| panic!("PO1001 is warned: {said}"));
    assert!(
        line.contains("samenvatting.toml") && line.contains(repeated),
        "{line}"
    );
    assert_eq!(
        said.matches("staat ook in uw samenvatting").count(),
        1,
        "{said}"
    );
    let build = wel_on("build", &inputs, &out, &["--swv", "PO1001"]);
    assert!(build.status.success(), "{}", all_output(&build));
    assert!(pdf_text_flow(&out.join("regio/PO1001.pdf")).contains("Terugblik op 2022-2023"));
    // The sample repeats none.
    let sample = wel(&["check"]);
    assert!(!all_output(&sample).contains("staat ook in uw samenvatting"));
}
