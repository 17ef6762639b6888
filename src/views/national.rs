//! Figures the national documents share: totals per school year, the growth of the
//! programme, and the public national context.

use serde::Serialize;

use super::shared::Bar;
use crate::ledger::{Count, Measure, Publisher};
use crate::model::{Programme, Project, SchoolYear};

/// Totals over all SWVs for one school year.
#[derive(Debug, Clone, Serialize)]
pub struct YearTotals {
    pub schooljaar: String,
    /// SWVs that took part.
    pub swvs: Count,
    /// SWVs that reported children figures.
    pub swvs_met_jeugdigen: Count,
    pub benaderd: Count,
    pub in_ontwikkeling: Count,
    pub aandeel: Option<String>,
    pub vrijstelling_5a: Count,
    pub absoluut_verzuim: Count,
    pub werkateliers: Count,
    pub deelnemers: Count,
    pub interviews: Count,
    pub casussen: Count,
}

/// Totals over all SWVs for one school year; `at` names the place in the document.
pub fn year_totals(p: &mut Publisher<'_>, year: SchoolYear, at: &str) -> YearTotals {
    let mut total = |name: &str, m| {
        let cells = p.all_swvs(year, m);
        p.count(format!("{at}.{name}"), cells)
    };
    let benaderd = total("benaderd", Measure::Benaderd);
    let in_ontwikkeling = total("in_ontwikkeling", Measure::InOntwikkeling);
    let vrijstelling_5a = total("vrijstelling_5a", Measure::Vrijstelling5a);
    let absoluut_verzuim = total("absoluut_verzuim", Measure::AbsoluutVerzuim);
    let werkateliers = total("werkateliers", Measure::Werkateliers);
    let deelnemers = total("deelnemers", Measure::Deelnemers);
    let interviews = total("interviews", Measure::Interviews);
    let casussen = total("casussen", Measure::Casussen);
    let swvs = p.tally(format!("{at}.swvs"), p.all_swvs(year, Measure::Deelname));
    let swvs_met_jeugdigen = p.tally(
        format!("{at}.swvs_met_jeugdigen"),
        p.all_swvs(year, Measure::JeugdigenGemeld),
    );
    let aandeel = p.share(
        format!("{at}.aandeel"),
        p.all_swvs(year, Measure::InOntwikkeling),
        p.all_swvs(year, Measure::Benaderd),
    );
    YearTotals {
        schooljaar: year.label(),
        swvs,
        swvs_met_jeugdigen,
        benaderd,
        in_ontwikkeling,
        aandeel,
        vrijstelling_5a,
        absoluut_verzuim,
        werkateliers,
        deelnemers,
        interviews,
        casussen,
    }
}

/// Participating SWVs per school year (up to `until`), as bars and their alt text.
pub fn growth(
    p: &mut Publisher<'_>,
    programme: &Programme,
    until: Option<SchoolYear>,
) -> (Vec<Bar>, String) {
    let bars: Vec<Bar> = programme
        .school_years()
        .into_iter()
        .filter(|y| until.is_none_or(|u| *y <= u))
        .map(|y| {
            let n = p.tally(format!("groei[{y}]"), p.all_swvs(y, Measure::Deelname));
            Bar::new(y.label(), &n)
        })
        .collect();
    let alt = format!(
        "Staafdiagram: aantal deelnemende SWV's per schooljaar: {}.",
        bars.iter()
            .map(|b| format!("{}: {}", b.schooljaar, b.label))
            .collect::<Vec<_>>()
            .join("; ")
    );
    (bars, alt)
}

/// The public national figures (e.g. exemptions per school year) for context.
#[derive(Debug, Clone, Serialize)]
pub struct NationalView {
    pub bron: String,
    pub alt: String,
    pub rijen: Vec<NationalRowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NationalRowView {
    pub schooljaar: String,
    /// `21-22`.
    pub kort: String,
    pub vrijstelling_5a: Count,
    pub absoluut_verzuim: Count,
}

pub fn national_context(
    p: &mut Publisher<'_>,
    project: &Project,
    until: Option<SchoolYear>,
) -> Option<NationalView> {
    let l = project.landelijk.as_ref()?;
    let rijen: Vec<NationalRowView> = l
        .rows
        .iter()
        .filter(|r| until.is_none_or(|u| r.schooljaar <= u))
        .map(|r| {
            let y = r.schooljaar;
            NationalRowView {
                schooljaar: y.label(),
                kort: format!("{:02}-{:02}", y.start() % 100, (y.start() + 1) % 100),
                vrijstelling_5a: p
                    .given(format!("landelijk[{y}].vrijstelling_5a"), r.vrijstelling_5a),
                absoluut_verzuim: p.given(
                    format!("landelijk[{y}].absoluut_verzuim"),
                    r.absoluut_verzuim,
                ),
            }
        })
        .collect();
    let alt = format!(
        "Staafdiagram: landelijk aantal vrijstellingen 5 onder a per schooljaar: {}. Bron: {}.",
        rijen
            .iter()
            .filter_map(|r| r.vrijstelling_5a.exact().map(|_| format!(
                "{}: {}",
                r.schooljaar,
                r.vrijstelling_5a.label()
            )))
            .collect::<Vec<_>>()
            .join("; "),
        l.bron
    );
    Some(NationalView {
        bron: l.bron.clone(),
        alt,
        rijen,
    })
}
