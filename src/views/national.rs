//! Figures the national documents share: totals per school year, the growth of the
//! programme, and the public national context.

use serde::Serialize;

use super::shared::Bar;
use crate::model::{Measure, Programme, Project, SchoolYear};
use crate::privacy::{Count, FigureId, Given, Phrase, Publisher};

/// A row of the national table: totals over all SWVs for one school year.
#[derive(Debug, Clone, Serialize)]
pub struct YearTotals {
    pub schooljaar: String,
    /// SWVs that took part.
    pub swvs: Count,
    /// SWVs that reported children figures.
    pub swvs_met_jeugdigen: Count,
    pub benaderd: Count,
    pub in_ontwikkeling: Count,
    pub vrijstelling_5a: Count,
    pub absoluut_verzuim: Count,
    pub werkateliers: Count,
    pub interviews: Count,
}

/// The key figures of the last school year of a phase.
#[derive(Debug, Clone, Serialize)]
pub struct LatestTotals {
    pub schooljaar: String,
    pub swvs: Count,
    pub werkateliers: Count,
    pub deelnemers: Count,
    pub interviews: Count,
}

/// A total over all SWVs of `measure` in `year`, at `place`: children counts follow the
/// small-count rule, other counts (SWVs, activities) are tallied.
pub(super) fn total(
    p: &mut Publisher<'_>,
    year: SchoolYear,
    measure: Measure,
    place: FigureId,
) -> Count {
    let cells = p.all_swvs(year, measure);
    if measure.is_child_count() {
        p.count(place, cells)
    } else {
        p.tally(place, cells)
    }
}

/// Totals over all SWVs for one school year; `at` names the place in the document.
pub fn year_totals(p: &mut Publisher<'_>, year: SchoolYear, at: &FigureId) -> YearTotals {
    let mut t = |name: &str, m| total(p, year, m, at.field(name));
    YearTotals {
        schooljaar: year.label(),
        swvs: t("swvs", Measure::Deelname),
        swvs_met_jeugdigen: t("swvs_met_jeugdigen", Measure::JeugdigenGemeld),
        benaderd: t("benaderd", Measure::Benaderd),
        in_ontwikkeling: t("in_ontwikkeling", Measure::InOntwikkeling),
        vrijstelling_5a: t("vrijstelling_5a", Measure::Vrijstelling5a),
        absoluut_verzuim: t("absoluut_verzuim", Measure::AbsoluutVerzuim),
        werkateliers: t("werkateliers", Measure::Werkateliers),
        interviews: t("interviews", Measure::Interviews),
    }
}

/// The key figures of `year` (the last of a phase).
pub fn latest_totals(p: &mut Publisher<'_>, year: SchoolYear) -> LatestTotals {
    let mut t = |name: &str, m| total(p, year, m, FigureId::new("laatste").field(name));
    LatestTotals {
        schooljaar: year.label(),
        swvs: t("swvs", Measure::Deelname),
        werkateliers: t("werkateliers", Measure::Werkateliers),
        deelnemers: t("deelnemers", Measure::Deelnemers),
        interviews: t("interviews", Measure::Interviews),
    }
}

/// Participating SWVs per school year (up to `until`), as bars and their alt text.
pub fn growth(
    p: &mut Publisher<'_>,
    programme: &Programme,
    until: Option<SchoolYear>,
) -> (Vec<Bar>, Phrase) {
    let bars: Vec<Bar> = programme
        .published_years()
        .into_iter()
        .filter(|y| until.is_none_or(|u| *y <= u))
        .map(|y| {
            let n = p.tally(
                FigureId::new("groei").key(y),
                p.all_swvs(y, Measure::Deelname),
            );
            Bar::new(y.label(), &n)
        })
        .collect();
    let items = bars.iter().map(|b| {
        Phrase::new()
            .text(format!("{}: ", b.schooljaar))
            .label(&b.count)
    });
    let alt = Phrase::from("Staafdiagram: aantal deelnemende SWV's per schooljaar: ")
        .then(Phrase::join(items, "; "))
        .text(".");
    (bars, alt)
}

/// The public national figures (e.g. exemptions per school year) for context.
#[derive(Debug, Clone, Serialize)]
pub struct NationalView {
    pub bron: String,
    pub alt: Phrase,
    pub rijen: Vec<NationalRowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NationalRowView {
    pub schooljaar: String,
    /// `21-22`.
    pub kort: String,
    pub vrijstelling_5a: Count,
}

pub fn national_context(
    p: &mut Publisher<'_>,
    project: &Project,
    until: Option<SchoolYear>,
) -> Option<NationalView> {
    let l = project.landelijk.as_ref()?;
    let rows: Vec<&crate::model::NationalRow> = l
        .rows
        .iter()
        .filter(|r| until.is_none_or(|u| r.schooljaar <= u))
        .collect();
    let rijen: Vec<NationalRowView> = rows
        .iter()
        .map(|r| {
            let y = r.schooljaar;
            NationalRowView {
                schooljaar: y.label(),
                kort: format!("{:02}-{:02}", y.start() % 100, (y.start() + 1) % 100),
                vrijstelling_5a: p.given(
                    FigureId::new("landelijk").key(y).field("vrijstelling_5a"),
                    Given::NationalStatistic(r.vrijstelling_5a),
                ),
            }
        })
        .collect();
    let items = rows
        .iter()
        .zip(&rijen)
        .filter(|(row, _)| row.vrijstelling_5a.is_some())
        .map(|(_, r)| {
            Phrase::new()
                .text(format!("{}: ", r.schooljaar))
                .label(&r.vrijstelling_5a)
        });
    let alt =
        Phrase::from("Staafdiagram: landelijk aantal vrijstellingen 5 onder a per schooljaar: ")
            .then(Phrase::join(items, "; "))
            .text(format!(". Bron: {}.", l.bron));
    Some(NationalView {
        bron: l.bron.clone(),
        alt,
        rijen,
    })
}
