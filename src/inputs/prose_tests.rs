//! Tests of reading references and typed numbers in texts (`super`: `inputs/prose.rs`).

use super::*;

fn read(text: &str, writer: Writer) -> (Prose, Vec<String>) {
    let toml = format!("tekst = \"\"\"\n{text}\"\"\"\n");
    let source = Source {
        file: Path::new("t.toml"),
        text: &toml,
        writer,
    };
    // The value starts after `tekst = `.
    let start = toml.find("\"\"\"").unwrap();
    let mut prose = {
        #[derive(serde::Deserialize)]
        struct T {
            tekst: Prose,
        }
        let t: T = toml::from_str(&toml).unwrap();
        assert_eq!(t.tekst.span().unwrap().start, start);
        t.tekst
    };
    let mut problems = Vec::new();
    source.locate(&mut prose, &mut problems);
    (prose, problems.iter().map(|p| p.to_string()).collect())
}

#[test]
fn references_are_split_out_with_their_parts() {
    let (p, problems) = read(
        "In {benaderd 2023-2024 Zeeland} en {in ontwikkeling 2021-2022 t/m 2024-2025}; {{x}}.",
        Writer::ProjectGroup,
    );
    assert!(problems.is_empty(), "{problems:?}");
    let figures: Vec<&FigureRef> = p.figures().collect();
    assert_eq!(figures.len(), 2);
    assert_eq!(figures[0].scope, RefScope::Province(Province::Zeeland));
    assert_eq!(figures[0].at.line, 2);
    assert_eq!(figures[0].at.column, 4);
    assert_eq!(figures[1].years.first, Some(SchoolYear::new(2021)));
    assert_eq!(figures[1].years.last, Some(SchoolYear::new(2024)));
    assert!(matches!(p.pieces().last(), Some(Piece::Text(t)) if t == "; {x}."));
}

#[test]
fn a_misspelled_reference_is_an_error_with_a_suggestion() {
    let (_, problems) = read(
        "Het waren {benaderdd 2023-2024} jeugdigen.",
        Writer::ProjectGroup,
    );
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("fout: t.toml:2:11: {benaderdd 2023-2024}: \"benaderdd\" is geen cijfer; bedoelde u \"benaderd\"?"),
        "{problems:?}"
    );
    let (_, problems) = read("{benaderd}", Writer::ProjectGroup);
    assert!(problems[0].contains("noem het schooljaar"), "{problems:?}");
    let (p, problems) = read("{benaderd}", Writer::Swv);
    assert!(problems.is_empty() && p.figures().count() == 1);
    let (_, problems) = read("{benaderd 2023-2024 Zeelandd}", Writer::ProjectGroup);
    assert!(
        problems[0].contains("bedoelde u \"Zeeland\"?"),
        "{problems:?}"
    );
    let (_, problems) = read("een { alleen", Writer::ProjectGroup);
    assert!(problems[0].contains("schrijf dan {{"), "{problems:?}");
}

#[test]
fn typed_numbers_are_kept_and_other_numbers_are_not() {
    let (p, _) = read(
        "Vrijstelling 5 onder a (17) of absoluut verzuim (3). Drie kinderen en 2 jonge ouders; 1.234 benaderd. Kinderen van 4 tot 23 jaar, 80%, 1 juli 2022, artikel 5, fase 2, 2023-2024, PO2801, 2,5 uur.",
        Writer::ProjectGroup,
    );
    let found: Vec<(u32, bool, bool)> = p
        .numbers()
        .iter()
        .map(|n| (n.value, n.digits, n.of_people))
        .collect();
    assert_eq!(
        found,
        [
            (17, true, false),
            (3, true, false),
            (3, false, true),
            (2, true, true),
            (1234, true, false)
        ]
    );
    let three = &p.numbers()[1];
    assert_eq!((three.at.line, three.at.column), (2, 50), "{three:?}");
}
