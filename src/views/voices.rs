//! The regions' own voices in a phase report: quotes grouped by role, examples of local
//! practice and the `wat_werkt` items most SWVs name, each attributed to its SWV.
//!
//! Selection is deterministic (documented in docs/invoer.md): only SWVs that took part in the
//! phase and whose summary has no errors; pinned SWVs (`citaten_vast`, `voorbeelden_vast`)
//! first, in the order listed; then one SWV per province in turn (provinces in the one order,
//! north to south; SWVs by code within a province), so the voices are spread over the country; at most one
//! quote per role and one example per SWV; a text already chosen (same words) is not repeated;
//! excluded SWVs (`citaten_uit`, `voorbeelden_uit`) are never used.

use std::collections::BTreeMap;

use serde::Serialize;

use super::shared::{TextAt, line};
use crate::model::{Phase, Programme, Province, QuoteRole, Summary, Swv, SwvCode, VoiceSettings};
use crate::privacy::{Context, Count, Given, Phrase, Publisher};

#[derive(Debug, Clone, Serialize)]
pub struct VoicesView {
    pub citaten: Vec<RoleQuotes>,
    pub voorbeelden: Vec<ExampleFrom>,
    pub wat_werkt: Vec<WorksItem>,
    pub wat_werkt_alt: Phrase,
    /// SWVs whose summary lists what works.
    pub wat_werkt_swvs: Count,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleQuotes {
    /// "Ouders", "Jongeren", "Professionals".
    pub rol: &'static str,
    pub citaten: Vec<QuoteFrom>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteFrom {
    pub tekst: Phrase,
    /// "ouder, Samenwerkingsverband PO Zaanstreek (Noord-Holland)".
    pub bron: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExampleFrom {
    pub titel: Phrase,
    pub tekst: Phrase,
    pub swv: String,
    pub provincie: Province,
}

#[derive(Debug, Clone, Serialize)]
pub struct WorksItem {
    pub tekst: String,
    /// How many SWVs name it.
    pub aantal: Count,
}

/// An item of `wat werkt` as tallied: its text and how many SWVs name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tallied {
    pub tekst: String,
    pub swvs: usize,
}

/// The SWVs whose texts a phase report may use, spread over the provinces: round-robin over
/// the provinces (in the one order), SWVs by code within each.
fn spread<'a>(programme: &'a Programme, phase: &Phase) -> Vec<&'a Swv> {
    let mut by_province: BTreeMap<Province, Vec<&Swv>> = BTreeMap::new();
    for s in &programme.swvs {
        let took_part = phase.schooljaren.iter().any(|y| s.took_part(*y));
        if took_part && s.summary.is_some() {
            by_province.entry(s.provincie).or_default().push(s);
        }
    }
    for list in by_province.values_mut() {
        list.sort_by(|a, b| a.code.cmp(&b.code));
    }
    let mut out = Vec::new();
    let mut round = 0;
    loop {
        let before = out.len();
        for list in by_province.values() {
            if let Some(s) = list.get(round) {
                out.push(*s);
            }
        }
        if out.len() == before {
            return out;
        }
        round += 1;
    }
}

/// The candidates in order: pinned ones first (as listed), then the spread; excluded never.
fn ordered<'a>(spread: &[&'a Swv], pinned: &[String], excluded: &[String]) -> Vec<&'a Swv> {
    let parse = |list: &[String]| -> Vec<SwvCode> {
        list.iter().filter_map(|c| SwvCode::parse(c).ok()).collect()
    };
    let (pinned, excluded) = (parse(pinned), parse(excluded));
    let mut out: Vec<&Swv> = pinned
        .iter()
        .filter_map(|c| spread.iter().find(|s| &s.code == c).copied())
        .collect();
    for s in spread {
        if !out.iter().any(|o| o.code == s.code) {
            out.push(s);
        }
    }
    out.retain(|s| !excluded.contains(&s.code));
    out
}

/// A text's key for "the same words": lower case, letters and digits only, single spaces.
pub fn normalise(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn source(swv: &Swv) -> String {
    format!("{} ({})", swv.naam, swv.provincie)
}

/// The regions' voices for one phase report.
pub fn voices(p: &mut Publisher<'_>, programme: &Programme, phase: &Phase) -> VoicesView {
    let settings = &phase.teksten.stemmen;
    let spread = spread(programme, phase);
    let (tallied, listing) = tally(&spread, settings.wat_werkt as usize);
    let wat_werkt: Vec<WorksItem> = tallied
        .into_iter()
        .enumerate()
        .map(|(i, t)| WorksItem {
            aantal: p.given(format!("wat_werkt[{}]", i + 1), Given::SwvsNaming(t.swvs)),
            tekst: t.tekst,
        })
        .collect();
    let items = wat_werkt
        .iter()
        .map(|w| Phrase::new().text(format!("{} ", w.tekst)).label(&w.aantal));
    let wat_werkt_alt = super::shared::alt_text(
        Phrase::from(
            "Staafdiagram: wat werkt volgens de regio's, met het aantal samenwerkingsverbanden dat het noemt: ",
        )
        .then(Phrase::join(items, "; "))
        .text("."),
    );
    VoicesView {
        citaten: quotes(p, &spread, settings),
        voorbeelden: examples(p, &spread, settings),
        wat_werkt,
        wat_werkt_alt,
        wat_werkt_swvs: p.given("wat_werkt_swvs", Given::SwvsNaming(listing)),
    }
}

/// Where an SWV's text is printed in a report, and what its references leave out.
fn from_summary<'a>(swv: &'a Swv, summary: &Summary, place: &'a str) -> TextAt<'a> {
    TextAt {
        place,
        ctx: Context {
            swv: Some(&swv.code),
            year: Some(summary.schooljaar),
        },
    }
}

fn quotes(p: &mut Publisher<'_>, spread: &[&Swv], settings: &VoiceSettings) -> Vec<RoleQuotes> {
    let order = ordered(spread, &settings.citaten_vast, &settings.citaten_uit);
    let mut seen: Vec<String> = Vec::new();
    [
        (QuoteRole::Ouder, "Ouders"),
        (QuoteRole::Jongere, "Jongeren"),
        (QuoteRole::Professional, "Professionals"),
    ]
    .into_iter()
    .map(|(role, label)| {
        let mut citaten = Vec::new();
        for s in &order {
            if citaten.len() >= settings.citaten_per_rol as usize {
                break;
            }
            let summary = s.summary.as_ref().expect("spread keeps valid summaries");
            let Some(q) = summary.citaten.iter().find(|q| q.rol == role) else {
                continue;
            };
            let key = normalise(q.tekst.as_str());
            if key.is_empty() || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let place = format!("citaten[{}]", s.code);
            citaten.push(QuoteFrom {
                tekst: line(p, &q.tekst, from_summary(s, summary, &place)),
                bron: format!("{}, {}", role.label(), source(s)),
            });
        }
        RoleQuotes {
            rol: label,
            citaten,
        }
    })
    .filter(|r| !r.citaten.is_empty())
    .collect()
}

fn examples(p: &mut Publisher<'_>, spread: &[&Swv], settings: &VoiceSettings) -> Vec<ExampleFrom> {
    let order = ordered(
        spread,
        &settings.voorbeelden_vast,
        &settings.voorbeelden_uit,
    );
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for s in order {
        if out.len() >= settings.voorbeelden as usize {
            break;
        }
        let summary = s.summary.as_ref().expect("spread keeps valid summaries");
        let Some(e) = summary.voorbeelden.iter().find(|e| {
            let key = normalise(&format!("{} {}", e.titel, e.tekst));
            !key.is_empty() && !seen.contains(&key)
        }) else {
            continue;
        };
        seen.push(normalise(&format!("{} {}", e.titel, e.tekst)));
        let place = format!("voorbeelden[{}]", s.code);
        let at = from_summary(s, summary, &place);
        out.push(ExampleFrom {
            titel: line(p, &e.titel, at),
            tekst: line(p, &e.tekst, at),
            swv: s.naam.clone(),
            provincie: s.provincie,
        });
    }
    out
}

/// The `wat_werkt` items counted across SWVs (variants in case, spacing or punctuation count
/// as one; an SWV counts once per item), the `limit` most named; and how many SWVs listed any.
/// An item is shown as most SWVs wrote it (alphabetically first on a tie).
pub fn tally(swvs: &[&Swv], limit: usize) -> (Vec<Tallied>, usize) {
    let mut counts: BTreeMap<String, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    let mut listing = 0;
    for s in swvs {
        let Some(summary) = &s.summary else { continue };
        let mut own: Vec<String> = Vec::new();
        for item in &summary.wat_werkt {
            let item = item.as_str();
            let key = normalise(item);
            if key.is_empty() || own.contains(&key) {
                continue;
            }
            own.push(key.clone());
            let entry = counts.entry(key).or_default();
            entry.0 += 1;
            let shown = item
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .trim_end_matches(['.', ';', ',', '!'])
                .to_string();
            *entry.1.entry(shown).or_default() += 1;
        }
        listing += usize::from(!own.is_empty());
    }
    let mut items: Vec<Tallied> = counts
        .into_values()
        .map(|(swvs, variants)| {
            let tekst = variants
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(v, _)| v.clone())
                .unwrap_or_default();
            Tallied { tekst, swvs }
        })
        .collect();
    items.sort_by(|a, b| b.swvs.cmp(&a.swvs).then(a.tekst.cmp(&b.tekst)));
    items.truncate(limit);
    (items, listing)
}
