use super::*;
use crate::inputs::toml_check::{names, sorted_fields, sub};
use crate::model::{Chapter, Footnote, KeyFigure, PullQuote, RegionText, Section, Theme};

#[test]
fn the_schemas_are_the_structs() {
    assert_eq!(names(PROJECT), sorted_fields::<RawProject>());
    assert_eq!(
        names(sub(PROJECT, "programma")),
        sorted_fields::<RawProgramme>()
    );
    assert_eq!(names(sub(PROJECT, "fase")), sorted_fields::<RawPhase>());
    assert_eq!(
        names(sub(PROJECT, "brochure")),
        sorted_fields::<RawBrochure>()
    );
    assert_eq!(
        names(sub(PROJECT, "landelijk")),
        sorted_fields::<RawNational>()
    );
    let r = REPORT_TEXTS;
    assert_eq!(names(r), sorted_fields::<ReportTexts>());
    assert_eq!(names(sub(r, "hoofdstuk")), sorted_fields::<Chapter>());
    assert_eq!(
        names(sub(sub(r, "hoofdstuk"), "thema")),
        sorted_fields::<Theme>()
    );
    assert_eq!(
        names(sub(sub(r, "hoofdstuk"), "regio")),
        sorted_fields::<RegionText>()
    );
    assert_eq!(names(sub(r, "voetnoot")), sorted_fields::<Footnote>());
    let b = BROCHURE_TEXTS;
    assert_eq!(names(b), sorted_fields::<BrochureTexts>());
    assert_eq!(names(sub(b, "deel")), sorted_fields::<Section>());
    assert_eq!(names(sub(b, "citaat")), sorted_fields::<PullQuote>());
    assert_eq!(names(sub(b, "kengetal")), sorted_fields::<KeyFigure>());
}
