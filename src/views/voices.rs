//! The regions' own voices in a phase report: quotes grouped by role, examples of local
//! practice and the `wat_werkt` items most SWVs name, each attributed to its SWV.
//!
//! Selection is deterministic (documented in docs/invoer.md): only SWVs that took part in the
//! phase and whose summary has no errors; pinned SWVs (`citaten_vast`, `voorbeelden_vast`)
//! first, in the order listed; then one SWV per province in turn (provinces in the one order,
//! north to south; SWVs by code within a province), so the voices are spread over the
//! country; at most one quote per role and one example per SWV; a text already chosen (same
//! words), also by the report of an earlier phase, is not repeated; excluded SWVs
//! (`citaten_uit`, `voorbeelden_uit`) are never used.

use std::collections::BTreeMap;

use serde::Serialize;

use super::shared::{TextAt, line};
use crate::model::{
    Example, Phase, Programme, Province, Quote, QuoteRole, SchoolYear, Summary, Swv, SwvCode,
    VoiceSettings,
};
use crate::privacy::{Context, Count, FigureId, Given, Phrase, Publisher};

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

/// At most this many points beyond the limit that tie with the last one shown (the report's
/// Verantwoording counts the points its chart shows, these included).
pub const MAX_TIES: usize = 3;

/// An item of `wat werkt` as tallied: its text and how many SWVs name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tallied {
    pub tekst: String,
    pub swvs: usize,
}

/// An SWV with the summary a phase report uses: its latest valid one about a school year of
/// the phase.
type Voiced<'a> = (&'a Swv, &'a Summary);

/// The SWVs whose texts a phase report may use, spread over the provinces: round-robin over
/// the provinces (in the one order), SWVs by code within each.
fn spread<'a>(programme: &'a Programme, phase: &Phase) -> Vec<Voiced<'a>> {
    let mut by_province: BTreeMap<Province, Vec<Voiced<'a>>> = BTreeMap::new();
    for s in &programme.swvs {
        let took_part = phase.schooljaren.iter().any(|y| s.took_part(*y));
        if let Some(summary) = s.summary_in(&phase.schooljaren).filter(|_| took_part) {
            by_province
                .entry(s.provincie)
                .or_default()
                .push((s, summary));
        }
    }
    for list in by_province.values_mut() {
        list.sort_by(|a, b| a.0.code.cmp(&b.0.code));
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
fn ordered<'a>(spread: &[Voiced<'a>], pinned: &[String], excluded: &[String]) -> Vec<Voiced<'a>> {
    let parse = |list: &[String]| -> Vec<SwvCode> {
        list.iter().filter_map(|c| SwvCode::parse(c).ok()).collect()
    };
    let (pinned, excluded) = (parse(pinned), parse(excluded));
    let mut out: Vec<Voiced<'a>> = pinned
        .iter()
        .filter_map(|c| spread.iter().find(|s| &s.0.code == c).copied())
        .collect();
    for s in spread {
        if !out.iter().any(|o| o.0.code == s.0.code) {
            out.push(*s);
        }
    }
    out.retain(|s| !excluded.contains(&s.0.code));
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

/// What works according to the regions of a phase: the `limit` items most SWVs name, each
/// with how many name it, the chart's alt text, and how many SWVs listed any. Places are
/// written under `at` ("wat_werkt[1]", "wat_werkt_swvs").
#[derive(Debug, Clone, Serialize)]
pub struct Works {
    pub items: Vec<WorksItem>,
    pub alt: Phrase,
    pub swvs: Count,
}

pub fn works(
    p: &mut Publisher<'_>,
    programme: &Programme,
    phase: &Phase,
    limit: usize,
    at: &str,
) -> Works {
    let spread = spread(programme, phase);
    let (tallied, listing) = tally(&spread, limit);
    let items: Vec<WorksItem> = tallied
        .into_iter()
        .enumerate()
        .map(|(i, t)| WorksItem {
            aantal: p.given(FigureId::new(at).key(i + 1), Given::SwvsNaming(t.swvs)),
            tekst: t.tekst,
        })
        .collect();
    let parts = items
        .iter()
        .map(|w| Phrase::new().text(format!("{} ", w.tekst)).label(&w.aantal));
    let alt = super::shared::alt_text(
        Phrase::from(
            "Staafdiagram: wat werkt volgens de regio's, met het aantal samenwerkingsverbanden dat het noemt: ",
        )
        .then(Phrase::join(parts, "; "))
        .text("."),
    );
    Works {
        items,
        alt,
        swvs: p.given(
            FigureId::new(&format!("{at}_swvs")),
            Given::SwvsNaming(listing),
        ),
    }
}

/// [`works`] of the phase that school year `year` belongs to, when the regions named anything
/// (the national picture of a one-pager, the brochure).
pub fn works_in_year(
    p: &mut Publisher<'_>,
    programme: &Programme,
    year: SchoolYear,
    at: &str,
) -> Option<Works> {
    let phase = programme
        .project
        .fases
        .iter()
        .find(|f| f.schooljaren.contains(&year))?;
    let works = works(p, programme, phase, 5, at);
    (!works.items.is_empty()).then_some(works)
}

/// The regions' voices for one phase report.
pub fn voices(p: &mut Publisher<'_>, programme: &Programme, phase: &Phase) -> VoicesView {
    let limit = phase.teksten.stemmen.wat_werkt as usize;
    let works = works(p, programme, phase, limit, "wat_werkt");
    let mut seen = printed_before(programme, phase);
    let chosen = select(programme, phase, &mut seen);
    VoicesView {
        citaten: quotes(p, &chosen.quotes),
        voorbeelden: examples(p, &chosen.examples),
        wat_werkt: works.items,
        wat_werkt_alt: works.alt,
        wat_werkt_swvs: works.swvs,
    }
}

/// Where an SWV's text is printed in a report, and what its references leave out.
fn from_summary<'a>(swv: &'a Swv, summary: &Summary, place: &'a FigureId) -> TextAt<'a> {
    TextAt {
        place,
        ctx: Context {
            swv: Some(&swv.code),
            year: Some(summary.schooljaar),
        },
    }
}

/// The quotes (per role) and examples a report prints, before they are written out.
struct Selection<'a> {
    quotes: Vec<(QuoteRole, Vec<(Voiced<'a>, &'a Quote)>)>,
    examples: Vec<(Voiced<'a>, &'a Example)>,
}

/// The voices of one phase's report; texts in `seen` (by their "same words" key) are not
/// used, and the ones used are added to it.
fn select<'a>(programme: &'a Programme, phase: &Phase, seen: &mut Vec<String>) -> Selection<'a> {
    let settings = &phase.teksten.stemmen;
    let spread = spread(programme, phase);
    Selection {
        quotes: select_quotes(&spread, settings, seen),
        examples: select_examples(&spread, settings, seen),
    }
}

/// The texts the reports of the phases before `phase` print: a report never repeats a quote
/// or an example an earlier report printed.
fn printed_before(programme: &Programme, phase: &Phase) -> Vec<String> {
    let mut seen = Vec::new();
    for earlier in programme
        .project
        .fases
        .iter()
        .filter(|f| f.nummer < phase.nummer)
    {
        select(programme, earlier, &mut seen);
    }
    seen
}

fn select_quotes<'a>(
    spread: &[Voiced<'a>],
    settings: &VoiceSettings,
    seen: &mut Vec<String>,
) -> Vec<(QuoteRole, Vec<(Voiced<'a>, &'a Quote)>)> {
    let order = ordered(spread, &settings.citaten_vast, &settings.citaten_uit);
    [
        QuoteRole::Ouder,
        QuoteRole::Jongere,
        QuoteRole::Professional,
    ]
    .into_iter()
    .map(|role| {
        let mut chosen = Vec::new();
        for s in &order {
            if chosen.len() >= settings.citaten_per_rol as usize {
                break;
            }
            let summary = s.1;
            let Some(q) = summary.citaten.iter().find(|q| q.rol == role) else {
                continue;
            };
            let key = format!("citaat {}", normalise(q.tekst.as_str()));
            if q.tekst.is_empty() || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            chosen.push((*s, q));
        }
        (role, chosen)
    })
    .filter(|(_, chosen)| !chosen.is_empty())
    .collect()
}

fn select_examples<'a>(
    spread: &[Voiced<'a>],
    settings: &VoiceSettings,
    seen: &mut Vec<String>,
) -> Vec<(Voiced<'a>, &'a Example)> {
    let order = ordered(
        spread,
        &settings.voorbeelden_vast,
        &settings.voorbeelden_uit,
    );
    let key = |e: &Example| {
        format!(
            "voorbeeld {}",
            normalise(&format!("{} {}", e.titel, e.tekst))
        )
    };
    let mut out = Vec::new();
    for s in order {
        if out.len() >= settings.voorbeelden as usize {
            break;
        }
        let summary = s.1;
        let Some(e) = summary
            .voorbeelden
            .iter()
            .find(|e| !e.tekst.is_empty() && !seen.contains(&key(e)))
        else {
            continue;
        };
        seen.push(key(e));
        out.push((s, e));
    }
    out
}

/// The selected quotes, written out by role.
fn quotes(
    p: &mut Publisher<'_>,
    chosen: &[(QuoteRole, Vec<(Voiced<'_>, &Quote)>)],
) -> Vec<RoleQuotes> {
    chosen
        .iter()
        .map(|(role, quotes)| RoleQuotes {
            rol: match role {
                QuoteRole::Ouder => "Ouders",
                QuoteRole::Jongere => "Jongeren",
                QuoteRole::Professional => "Professionals",
            },
            citaten: quotes
                .iter()
                .map(|((s, summary), q)| {
                    let place = FigureId::new("citaten").key(&s.code);
                    QuoteFrom {
                        tekst: line(p, &q.tekst, from_summary(s, summary, &place)),
                        bron: format!("{}, {}", role.label(), source(s)),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The selected examples, written out.
fn examples(p: &mut Publisher<'_>, chosen: &[(Voiced<'_>, &Example)]) -> Vec<ExampleFrom> {
    chosen
        .iter()
        .map(|((s, summary), e)| {
            let place = FigureId::new("voorbeelden").key(&s.code);
            let at = from_summary(s, summary, &place);
            ExampleFrom {
                titel: super::shared::item(p, &e.titel, at),
                tekst: line(p, &e.tekst, at),
                swv: s.naam.clone(),
                provincie: s.provincie,
            }
        })
        .collect()
}

/// `text` with a capital first letter.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The `wat_werkt` items counted across SWVs (variants in case, spacing or punctuation count
/// as one; an SWV counts once per item), the `limit` most named; and how many SWVs listed any.
/// An item is shown as most SWVs wrote it (alphabetically first on a tie).
pub fn tally(swvs: &[Voiced<'_>], limit: usize) -> (Vec<Tallied>, usize) {
    tally_lists(swvs.iter().map(|(_, s)| s.wat_werkt.as_slice()), limit)
}

/// [`tally`] over the `wat_werkt` lists themselves, one per SWV.
fn tally_lists<'a>(
    lists: impl Iterator<Item = &'a [crate::model::Prose]>,
    limit: usize,
) -> (Vec<Tallied>, usize) {
    let mut counts: BTreeMap<String, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    let mut listing = 0;
    for list in lists {
        let mut own: Vec<String> = Vec::new();
        for item in list {
            let item = item.as_str();
            let key = normalise(item);
            if key.is_empty() || own.contains(&key) {
                continue;
            }
            own.push(key.clone());
            let entry = counts.entry(key).or_default();
            entry.0 += 1;
            let shown = capitalised(
                item.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim_end_matches(['.', ';', ',', '!']),
            );
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
    // Points named as often as the last one shown are shown too (a few at most).
    let keep = match items.get(limit.saturating_sub(1)) {
        Some(last) if limit > 0 => {
            let ties = items[limit..]
                .iter()
                .take_while(|i| i.swvs == last.swvs)
                .count();
            limit + ties.min(MAX_TIES)
        }
        _ => limit,
    };
    items.truncate(keep);
    (items, listing)
}

#[cfg(test)]
mod tie_tests {
    use super::*;
    use crate::model::Prose;

    /// `n` SWVs that each name the points of `names`.
    fn lists(names: &[&str], n: usize) -> Vec<Vec<Prose>> {
        (0..n)
            .map(|_| names.iter().map(|t| Prose::plain(*t)).collect())
            .collect()
    }

    #[test]
    fn points_tied_with_the_last_one_shown_are_shown_up_to_max_ties() {
        // Ten points named twice, then five named once: with a limit of 10 all ten show.
        let twice: Vec<String> = (0..10).map(|i| format!("Punt {i:02}")).collect();
        let once: Vec<String> = (10..15).map(|i| format!("Punt {i:02}")).collect();
        let mut all = lists(&twice.iter().map(String::as_str).collect::<Vec<_>>(), 2);
        all.extend(lists(
            &once.iter().map(String::as_str).collect::<Vec<_>>(),
            1,
        ));
        let (shown, _) = tally_lists(all.iter().map(Vec::as_slice), 10);
        assert_eq!(shown.len(), 10);
        // Thirteen points each named once, limit 10: the ten, and MAX_TIES tied ones more.
        let names: Vec<String> = (0..13).map(|i| format!("Punt {i:02}")).collect();
        let all = lists(&names.iter().map(String::as_str).collect::<Vec<_>>(), 1);
        let (shown, _) = tally_lists(all.iter().map(Vec::as_slice), 10);
        assert_eq!(shown.len(), 10 + MAX_TIES);
        // Two tied beyond the limit: both show.
        let (shown, _) = tally_lists(all[..1].iter().map(Vec::as_slice), 11);
        assert_eq!(shown.len(), 13, "every tie within MAX_TIES is shown");
    }
}
