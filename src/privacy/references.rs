//! Figures named in texts (`{benaderd 2023-2024 Zeeland}`): which cells a reference counts, in
//! the context of the text that names it, and the catalog of every figure a text may name (`wel
//! cijfers --verwijzingen`). A reference is published like any table cell: through the
//! [`super::Publisher`], so the small-count rule, secondary suppression and the audit apply.

use crate::model::{
    FigureRef, Measure, Programme, Province, RefMeasure, RefScope, SchoolYear, SwvCode,
};

use super::figures::Counts;
use super::figures::Data;
use super::ledger::Cell;

/// What a text's references leave out: the SWV and school year of the summary they are in
/// (none for the project group's texts, which count every SWV and name their years).
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    pub swv: Option<&'a SwvCode>,
    pub year: Option<SchoolYear>,
}

/// How a reference is printed: a count of children by the small-count rule, or a count of
/// SWVs or activities as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Children,
    Other,
}

/// The cells a reference counts, or why it counts nothing.
pub fn cells(
    programme: &Programme,
    r: &FigureRef,
    ctx: &Context<'_>,
) -> Result<(Vec<Cell>, Kind), String> {
    let first = r.years.first.or(ctx.year).ok_or("noem het schooljaar")?;
    let last = r.years.last.or(ctx.year).unwrap_or(first);
    let measure = match r.measure {
        RefMeasure::Count(m) => m,
        RefMeasure::Swvs => Measure::Deelname,
    };
    let kind = if measure.is_child_count() {
        Kind::Children
    } else {
        Kind::Other
    };
    let scope = match (&r.scope, ctx.swv) {
        (RefScope::Default, Some(code)) => RefScope::Swv(code.clone()),
        (RefScope::Default, None) => RefScope::National,
        (s, _) => s.clone(),
    };
    let years: Vec<SchoolYear> = programme
        .school_years()
        .into_iter()
        .filter(|y| *y >= first && *y <= last)
        .collect();
    let mut cells = Vec::new();
    for s in &programme.swvs {
        let inside = match &scope {
            RefScope::National | RefScope::Default => true,
            RefScope::Province(p) => s.provincie == *p,
            RefScope::Swv(code) => &s.code == code,
        };
        for y in years.iter().filter(|_| inside) {
            if s.years.get(y).is_some_and(|f| f.reported(measure)) {
                cells.push(Cell {
                    swv: s.code.clone(),
                    schooljaar: *y,
                    measure,
                });
            }
        }
    }
    if cells.is_empty() {
        return Err(format!(
            "hiervoor zijn geen cijfers opgegeven ({}); kijk met `wel cijfers --verwijzingen` welke cijfers er zijn",
            describe_years(first, last)
        ));
    }
    Ok((cells, kind))
}

fn describe_years(first: SchoolYear, last: SchoolYear) -> String {
    if first == last {
        format!("schooljaar {first}")
    } else {
        format!("schooljaren {first} t/m {last}")
    }
}

/// One figure a text may name: the reference as written, and its cells.
pub struct Entry {
    pub written: String,
    pub scope: RefScope,
    pub cells: Vec<Cell>,
    pub kind: Kind,
    /// The sum of its cells (read here, inside the privacy module, only to compare).
    value: u32,
}

/// Every figure the project group's texts may name, per published school year: each measure
/// and the number of SWVs, for the whole country, each province and each SWV.
pub fn catalog(data: Data<'_>) -> Vec<Entry> {
    let programme = data.programme;
    let mut out = Vec::new();
    for year in programme.published_years() {
        for (name, measure) in RefMeasure::NAMES {
            let mut scopes: Vec<(String, RefScope)> = vec![(String::new(), RefScope::National)];
            scopes.extend(
                Province::ALL
                    .iter()
                    .map(|p| (format!(" {p}"), RefScope::Province(*p))),
            );
            if measure != RefMeasure::Swvs {
                scopes.extend(
                    programme
                        .swvs
                        .iter()
                        .map(|s| (format!(" {}", s.code), RefScope::Swv(s.code.clone()))),
                );
            }
            for (suffix, scope) in scopes {
                let r = FigureRef {
                    measure,
                    years: crate::model::Years {
                        first: Some(year),
                        last: Some(year),
                    },
                    scope,
                    written: String::new(),
                    at: crate::model::At {
                        file: Default::default(),
                        line: 0,
                        column: 0,
                    },
                };
                if let Ok((cells, kind)) = cells(programme, &r, &Context::default()) {
                    out.push(Entry {
                        written: format!("{{{name} {year}{suffix}}}"),
                        scope: r.scope.clone(),
                        value: data.counts.sum(&cells).unwrap_or(0),
                        cells,
                        kind,
                    });
                }
            }
        }
    }
    out
}

/// The figure of the catalog in `years` that counts children and equals `value`, of the
/// measure `near` when the text names one (then the whole country first, then provinces, then
/// SWVs), else of the whole country only.
pub fn equal_to<'e>(
    entries: &'e [Entry],
    years: &[SchoolYear],
    value: u32,
    near: Option<Measure>,
) -> Option<&'e Entry> {
    let fits = |e: &&Entry| {
        e.kind == Kind::Children
            && e.value == value
            && e.cells.iter().all(|c| years.contains(&c.schooljaar))
            && near.is_none_or(|m| e.cells.iter().all(|c| c.measure == m))
    };
    let scope = |e: &Entry| match e.scope {
        RefScope::National | RefScope::Default => 0,
        RefScope::Province(_) => 1,
        RefScope::Swv(_) => 2,
    };
    entries
        .iter()
        .filter(fits)
        .filter(|e| near.is_some() || scope(e) == 0)
        .min_by_key(|e| scope(e))
}

/// The values of the small counts of children (1 to threshold-1) of `years`: every such cell
/// is printed as `<N` on its SWV's one-pager.
pub fn small_values(counts: &Counts, programme: &Programme, years: &[SchoolYear]) -> Vec<u32> {
    let t = programme.project.drempel;
    let mut values = Vec::new();
    for s in &programme.swvs {
        for y in years {
            for m in Measure::REPORTED.iter().filter(|m| m.is_child_count()) {
                if let Some(v) = counts.value(&s.code, *y, *m)
                    && (1..t).contains(&v)
                    && !values.contains(&v)
                {
                    values.push(v);
                }
            }
        }
    }
    values.sort_unstable();
    values
}

/// `wel cijfers --verwijzingen`: every figure a text may name, one per line with how it would
/// be printed in running text after this build's secondary suppression (`1.234`, `minder dan
/// 5`, `een niet getoond aantal`).
pub fn listing(data: Data<'_>, withholding: &super::ledger::Withholding) -> String {
    let mut out = String::from("verwijzing\tin de tekst\n");
    for e in catalog(data) {
        let rule = match e.kind {
            Kind::Children => super::rule::Shown::child_count(Some(e.value), data.threshold()),
            Kind::Other => super::rule::Shown::count(e.value),
        };
        let shown = if rule.exact().is_some() && withholding.withholds(&e.cells) {
            super::rule::Shown::Withheld
        } else {
            rule
        };
        out.push_str(&format!("{}\t{}\n", e.written, shown.in_text()));
    }
    out
}
