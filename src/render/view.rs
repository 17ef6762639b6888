//! Template views: the model turned into the data each template reads from `/data.json`.
//!
//! Every number is formatted here (Dutch notation) and passed through the small-count rule,
//! so templates only place values; texts stay plain strings that Typst shows literally.

use serde_json::{Value, json};

use crate::checks::privacy::{Shown, safe_share, safe_total};
use crate::dutch;
use crate::model::{Date, Footnote, Jeugdigen, Phase, Programme, Project, SchoolYear, Swv};

/// The document kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Rapportage,
    Regio,
    Brochure,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Rapportage => "rapportage",
            Self::Regio => "regio",
            Self::Brochure => "brochure",
        }
    }

    pub fn template(self) -> &'static str {
        match self {
            Self::Rapportage => "rapportage.typ",
            Self::Regio => "regio.typ",
            Self::Brochure => "brochure.typ",
        }
    }
}

fn date_value(d: Date) -> Value {
    json!({ "year": d.year, "month": d.month, "day": d.day, "tekst": dutch::month_year(d), "lang": dutch::long_date(d) })
}

fn meta(
    project: &Project,
    title: &str,
    ident: &str,
    date: Date,
    subject: &str,
    keywords: &[&str],
) -> Value {
    json!({
        "programma": project.naam,
        "uitvoerder": project.uitvoerder,
        "website": project.website,
        "voorbeeldgegevens": project.voorbeeldgegevens,
        "titel": title,
        "kenmerk": ident,
        "onderwerp": subject,
        "trefwoorden": keywords,
        "datum": date_value(date),
        "drempel": project.drempel,
    })
}

/// Splits plain text into paragraphs (blank lines) of runs; `[^id]` becomes a footnote run.
pub fn paragraphs(text: &str, notes: &[Footnote]) -> Value {
    let mut out = Vec::new();
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let joined: String = para.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        out.push(runs(&joined, notes));
    }
    Value::Array(out)
}

fn runs(text: &str, notes: &[Footnote]) -> Value {
    let mut runs = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[^") {
        let Some(len) = rest[start..].find(']') else {
            break;
        };
        let id = &rest[start + 2..start + len];
        match notes.iter().find(|n| n.id == id) {
            Some(note) => {
                if start > 0 {
                    runs.push(json!({ "t": &rest[..start] }));
                }
                runs.push(json!({ "fn": note.tekst.trim() }));
            }
            None => runs.push(json!({ "t": &rest[..start + len + 1] })),
        }
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        runs.push(json!({ "t": rest }));
    }
    Value::Array(runs)
}

fn count(v: Option<u32>, threshold: u32) -> Value {
    let shown = Shown::of(v, threshold);
    json!({ "label": shown.label(threshold), "waarde": shown.exact(), "klein": shown == Shown::Small })
}

fn plain(v: Option<u32>) -> Value {
    json!({ "label": v.map_or("–".to_string(), |n| dutch::integer(n.into())), "waarde": v, "klein": false })
}

// ---------------------------------------------------------------- regional one-pager

/// The one-pager of one SWV.
pub fn regio(programme: &Programme, swv: &Swv) -> Value {
    let project = &programme.project;
    let t = project.drempel;
    let summary = swv
        .summary
        .as_ref()
        .expect("one-pagers are built only for SWVs with a valid summary");
    let years: Vec<SchoolYear> = swv.years.keys().copied().collect();
    let latest = years.last().copied();
    let rows: Vec<Value> = swv
        .years
        .iter()
        .map(|(y, f)| {
            let j = f.jeugdigen.unwrap_or_default();
            let a = f.activiteiten.unwrap_or_default();
            json!({
                "schooljaar": y.label(),
                "benaderd": count(j.benaderd, t),
                "in_ontwikkeling": count(j.in_ontwikkeling, t),
                "vrijstelling_5a": count(j.vrijstelling_5a, t),
                "absoluut_verzuim": count(j.absoluut_verzuim, t),
                "aandeel": safe_share(j.in_ontwikkeling, j.benaderd, t).map(dutch::percent),
                "werkateliers": plain(a.werkateliers),
                "deelnemers": plain(a.deelnemers),
                "interviews": plain(a.interviews),
                "casussen": count(a.casussen, t),
            })
        })
        .collect();
    let title = format!(
        "{} – {} ({})",
        project.naam,
        swv.naam,
        swv.code.display_form()
    );
    let ident = format!("wel:regio:{}", swv.code);
    let latest_row = latest
        .and_then(|y| rows.iter().find(|r| r["schooljaar"] == y.label()))
        .cloned();
    let previous = latest.and_then(|y| swv.years.range(..y).next_back());
    let change = match (latest.and_then(|y| swv.years.get(&y)), previous) {
        (Some(now), Some((_, before))) => difference(
            now.jeugdigen.and_then(|j| j.in_ontwikkeling),
            before.jeugdigen.and_then(|j| j.in_ontwikkeling),
            t,
        ),
        _ => None,
    };
    json!({
        "meta": meta(project, &title, &ident, project.peildatum, &format!("Regio-overzicht van {} in het programma {}", swv.naam, project.naam), &["WEL in Ontwikkeling", "regio-overzicht", swv.code.as_str(), swv.provincie]),
        "swv": {
            "code": swv.code.as_str(),
            "code_weergave": swv.code.display_form(),
            "naam": swv.naam,
            "provincie": swv.provincie,
            "sector": swv.sector.label(),
            "gemeenten": swv.gemeenten,
            "deelname_sinds": swv.deelname_sinds.label(),
            "schooljaren": years.iter().map(|y| y.label()).collect::<Vec<_>>(),
        },
        "laatste": latest_row,
        "verschil_in_ontwikkeling": change,
        "reeks": rows,
        "grafiek_alt": regio_chart_alt(swv, t),
        "samenvatting": paragraphs(&summary.samenvatting, &[]),
        "samenvatting_jaar": summary.schooljaar.label(),
        "wat_werkt": summary.wat_werkt,
        "voorbeelden": summary.voorbeelden.iter().map(|e| json!({ "titel": e.titel, "tekst": e.tekst })).collect::<Vec<_>>(),
        "citaten": summary.citaten.iter().map(|q| json!({ "tekst": q.tekst, "rol": q.rol.label() })).collect::<Vec<_>>(),
        "foto": summary.foto.as_ref().map(|f| json!({ "pad": photo_path(swv), "alt": f.alt, "breed": f.width >= f.height })),
    })
}

/// The virtual path a photo is served at.
pub fn photo_path(swv: &Swv) -> String {
    format!("/foto/{}.jpg", swv.code)
}

/// A signed difference between two child counts, only when both are printed exactly.
fn difference(now: Option<u32>, before: Option<u32>, t: u32) -> Option<String> {
    let now = Shown::of(now, t).exact()?;
    let before = Shown::of(before, t).exact()?;
    let d = i64::from(now) - i64::from(before);
    Some(if d > 0 {
        format!("+{}", dutch::integer(d))
    } else {
        dutch::integer(d)
    })
}

fn regio_chart_alt(swv: &Swv, t: u32) -> String {
    let parts: Vec<String> = swv
        .years
        .iter()
        .map(|(y, f)| {
            let j = f.jeugdigen.unwrap_or_default();
            format!(
                "{}: benaderd {}, in ontwikkeling {}",
                y,
                Shown::of(j.benaderd, t).label(t),
                Shown::of(j.in_ontwikkeling, t).label(t)
            )
        })
        .collect();
    format!(
        "Staafdiagram: jeugdigen van {} per schooljaar. {}.",
        swv.naam,
        parts.join("; ")
    )
}

// ---------------------------------------------------------------- national figures

/// Totals over all SWVs for one school year, with the small-count rule on the totals.
fn year_totals(programme: &Programme, year: SchoolYear) -> Value {
    let t = programme.project.drempel;
    let figures: Vec<_> = programme
        .swvs
        .iter()
        .filter_map(|s| s.years.get(&year))
        .collect();
    let sum = |f: &dyn Fn(&crate::model::YearFigures) -> Option<u32>| -> Option<u32> {
        let vals: Vec<u32> = figures.iter().filter_map(|y| f(y)).collect();
        (!vals.is_empty()).then(|| vals.iter().sum())
    };
    let j = |g: fn(&Jeugdigen) -> Option<u32>| sum(&|y| y.jeugdigen.as_ref().and_then(g));
    let a = |g: fn(&crate::model::Activiteiten) -> Option<u32>| {
        sum(&|y| y.activiteiten.as_ref().and_then(g))
    };
    let benaderd = j(|x| x.benaderd);
    let in_ontw = j(|x| x.in_ontwikkeling);
    json!({
        "schooljaar": year.label(),
        "swvs": plain(Some(figures.len() as u32)),
        "swvs_met_jeugdigen": figures.iter().filter(|f| f.jeugdigen.is_some()).count(),
        "benaderd": count(benaderd, t),
        "in_ontwikkeling": count(in_ontw, t),
        "aandeel": safe_share(in_ontw, benaderd, t).map(dutch::percent),
        "vrijstelling_5a": count(j(|x| x.vrijstelling_5a), t),
        "absoluut_verzuim": count(j(|x| x.absoluut_verzuim), t),
        "werkateliers": plain(a(|x| x.werkateliers)),
        "deelnemers": plain(a(|x| x.deelnemers)),
        "interviews": plain(a(|x| x.interviews)),
        "casussen": count(a(|x| x.casussen), t),
    })
}

fn growth(programme: &Programme, until: Option<SchoolYear>) -> (Value, String) {
    let rows: Vec<(SchoolYear, usize)> = programme
        .participation()
        .into_iter()
        .filter(|(y, _)| until.is_none_or(|u| *y <= u))
        .collect();
    let alt = format!(
        "Staafdiagram: aantal deelnemende SWV's per schooljaar: {}.",
        rows.iter()
            .map(|(y, n)| format!("{y}: {n}"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let value = rows.iter().map(|(y, n)| json!({ "schooljaar": y.label(), "waarde": n, "label": dutch::integer(*n as i64) })).collect();
    (Value::Array(value), alt)
}

fn national_context(project: &Project, until: Option<SchoolYear>) -> Value {
    let Some(l) = &project.landelijk else {
        return Value::Null;
    };
    let rows: Vec<_> = l
        .rows
        .iter()
        .filter(|r| until.is_none_or(|u| r.schooljaar <= u))
        .collect();
    let alt = format!(
        "Staafdiagram: landelijk aantal vrijstellingen 5 onder a per schooljaar: {}. Bron: {}.",
        rows.iter()
            .filter_map(|r| r.vrijstelling_5a.map(|v| format!(
                "{}: {}",
                r.schooljaar,
                dutch::integer(v.into())
            )))
            .collect::<Vec<_>>()
            .join("; "),
        l.bron
    );
    json!({
        "bron": l.bron,
        "alt": alt,
        "rijen": rows.iter().map(|r| json!({
            "schooljaar": r.schooljaar.label(),
            "kort": format!("{:02}-{:02}", r.schooljaar.start() % 100, (r.schooljaar.start() + 1) % 100),
            "vrijstelling_5a": plain(r.vrijstelling_5a),
            "absoluut_verzuim": plain(r.absoluut_verzuim),
        })).collect::<Vec<_>>(),
    })
}

// ---------------------------------------------------------------- phase report

pub fn rapportage(programme: &Programme, phase: &Phase) -> Value {
    let project = &programme.project;
    let t = project.drempel;
    let texts = &phase.teksten;
    let last = phase.last_year();
    let years: Vec<Value> = phase
        .schooljaren
        .iter()
        .map(|y| year_totals(programme, *y))
        .collect();
    let (groei, groei_alt) = growth(programme, Some(last));
    let deelname_alt = format!(
        "Staafdiagram: deelnemende SWV's per schooljaar, en hoeveel daarvan jeugdigen en ouders benaderden: {}.",
        years
            .iter()
            .map(|y| format!(
                "{}: {} deelnemend, {} met jeugdigen",
                y["schooljaar"].as_str().unwrap_or(""),
                y["swvs"]["label"].as_str().unwrap_or(""),
                y["swvs_met_jeugdigen"]
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let title = format!("{}: {}", project.naam, texts.titel);
    let ident = format!("wel:{}", phase.slug());
    let chapters: Vec<Value> = texts
        .hoofdstuk
        .iter()
        .map(|h| {
            let regios: Vec<Value> = if h.blok.as_deref() == Some("pilotregios") {
                phase.pilotregios.iter().filter_map(|c| programme.swv(c)).map(|s| pilot(s, phase, h, t)).collect()
            } else {
                Vec::new()
            };
            json!({
                "titel": h.titel,
                "tekst": paragraphs(&h.tekst, &texts.voetnoot),
                "punten": h.punten,
                "thema": h.thema.iter().map(|th| json!({ "titel": th.titel, "punten": th.punten })).collect::<Vec<_>>(),
                "blok": h.blok,
                "regios": regios,
                "slot": paragraphs(&h.slot, &texts.voetnoot),
            })
        })
        .collect();
    let schooljaren: Vec<String> = phase.schooljaren.iter().map(|y| y.label()).collect();
    json!({
        "meta": meta(project, &title, &ident, phase.datum, &format!("{} over schooljaar {}", texts.titel, schooljaren.join(" en ")), &["WEL in Ontwikkeling", "rapportage", &format!("fase {}", phase.nummer)]),
        "titel": texts.titel,
        "ondertitel": texts.ondertitel,
        "fase": phase.nummer,
        "schooljaren": schooljaren,
        "hoofdstukken": chapters,
        "jaren": years,
        "laatste": year_totals(programme, last),
        "groei": groei,
        "groei_alt": groei_alt,
        "deelname_alt": deelname_alt,
        "landelijk": national_context(project, Some(last)),
    })
}

fn pilot(swv: &Swv, phase: &Phase, chapter: &crate::model::Chapter, t: u32) -> Value {
    let text = chapter
        .regio
        .iter()
        .find(|r| crate::model::SwvCode::parse(&r.code).is_ok_and(|c| c == swv.code));
    let mut figures = Vec::new();
    for y in &phase.schooljaren {
        if let Some(f) = swv.years.get(y) {
            let a = f.activiteiten.unwrap_or_default();
            let j = f.jeugdigen.unwrap_or_default();
            figures.push(json!({
                "schooljaar": y.label(),
                "benaderd": count(j.benaderd, t),
                "interviews": plain(a.interviews),
                "casussen": count(a.casussen, t),
            }));
        }
    }
    json!({
        "naam": swv.naam,
        "code": swv.code.display_form(),
        "provincie": swv.provincie,
        "tekst": text.map(|r| paragraphs(&r.tekst, &[])).unwrap_or(Value::Array(vec![])),
        "cijfers": figures,
    })
}

// ---------------------------------------------------------------- brochure

pub fn brochure(programme: &Programme) -> Option<Value> {
    let project = &programme.project;
    let texts = project.brochure.as_ref()?;
    let t = project.drempel;
    let years = programme.school_years();
    let first = years.first().copied();
    let last = years.last().copied();
    let (groei, groei_alt) = growth(programme, None);
    let all_years = |g: fn(&crate::model::YearFigures) -> Option<u32>| -> Option<u32> {
        let v: Vec<u32> = programme
            .swvs
            .iter()
            .flat_map(|s| s.years.values())
            .filter_map(g)
            .collect();
        (!v.is_empty()).then(|| v.iter().sum())
    };
    let key = |name: &str| -> Shown {
        match name {
            "swv_start" => Shown::Exact(first.map_or(0, |y| {
                programme
                    .swvs
                    .iter()
                    .filter(|s| s.years.get(&y).is_some_and(|f| f.jeugdigen.is_some()))
                    .count()
            }) as u32),
            "swv_eind" => Shown::Exact(last.map_or(0, |y| {
                programme.swvs.iter().filter(|s| s.took_part(y)).count()
            }) as u32),
            "benaderd_totaal" => {
                safe_total(&[all_years(|f| f.jeugdigen.and_then(|j| j.benaderd))], t)
            }
            "in_ontwikkeling_totaal" => safe_total(
                &[all_years(|f| f.jeugdigen.and_then(|j| j.in_ontwikkeling))],
                t,
            ),
            "werkateliers_totaal" => Shown::Exact(
                all_years(|f| f.activiteiten.and_then(|a| a.werkateliers)).unwrap_or(0),
            ),
            "deelnemers_totaal" => {
                Shown::Exact(all_years(|f| f.activiteiten.and_then(|a| a.deelnemers)).unwrap_or(0))
            }
            _ => safe_total(&[all_years(|f| f.activiteiten.and_then(|a| a.casussen))], t),
        }
    };
    let kengetallen: Vec<Value> = texts
        .kengetal
        .iter()
        .map(|k| {
            let label = match (&k.cijfer, k.waarde) {
                (Some(c), _) => key(c).label(t),
                (None, Some(v)) => dutch::integer(v.into()),
                (None, None) => "–".into(),
            };
            json!({ "waarde": label, "label": k.label })
        })
        .collect();
    let datum = texts.datum.unwrap_or(project.peildatum);
    let title = format!("{}: {}", project.naam, texts.titel);
    Some(json!({
        "meta": meta(project, &title, "wel:brochure", datum, &texts.ondertitel, &["WEL in Ontwikkeling", "brochure", "thuiszitters", "passend onderwijs"]),
        "titel": texts.titel,
        "ondertitel": texts.ondertitel,
        "inleiding": paragraphs(&texts.inleiding, &texts.voetnoot),
        "delen": texts.deel.iter().map(|d| json!({ "kop": d.kop, "tekst": paragraphs(&d.tekst, &texts.voetnoot) })).collect::<Vec<_>>(),
        "citaten": texts.citaat.iter().map(|c| json!({ "tekst": c.tekst.trim(), "bron": c.bron })).collect::<Vec<_>>(),
        "kengetallen": kengetallen,
        "slot": paragraphs(&texts.slot, &texts.voetnoot),
        "groei": groei,
        "groei_alt": groei_alt,
        "landelijk": national_context(project, None),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_markers_become_footnote_runs() {
        let notes = vec![Footnote {
            id: "1".into(),
            tekst: "https://example.org".into(),
        }];
        let p = paragraphs(
            "Vier jaar WEL[^1] heeft\nveel geleerd.\n\nTweede [^x] alinea.",
            &notes,
        );
        assert_eq!(p[0][0]["t"], "Vier jaar WEL");
        assert_eq!(p[0][1]["fn"], "https://example.org");
        assert_eq!(p[0][2]["t"], " heeft veel geleerd.");
        assert_eq!(p[1][0]["t"], "Tweede [^x]");
    }

    #[test]
    fn differences_need_two_exact_counts() {
        assert_eq!(difference(Some(12), Some(8), 5), Some("+4".into()));
        assert_eq!(difference(Some(12), Some(3), 5), None);
        assert_eq!(difference(Some(5), Some(9), 5), Some("-4".into()));
    }
}
