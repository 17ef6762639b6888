//! The sample summaries: who speaks in which year, the opening sentences, and each SWV's
//! summary.toml.

use super::*;

/// The quotes and examples of one summary.
#[derive(Default)]
pub(super) struct Voiced {
    pub(super) quotes: Vec<Voice>,
    pub(super) examples: Vec<Voice>,
}

/// Hands out the sample's quotes and examples, each to at most one summary (real returns do
/// not share words): the pool used least so far (relative to its size) gives the next one;
/// quotes take the roles in turn (a primary-school partnership quotes no young people).
#[derive(Default)]
pub(super) struct Voices {
    /// Quotes used per role: parents, young people, professionals.
    pub(super) roles: [usize; 3],
    pub(super) turn: usize,
    pub(super) examples: usize,
}

impl Voices {
    pub(super) fn pools() -> [&'static [&'static str]; 3] {
        [
            &texts::QUOTES_OUDER,
            &texts::QUOTES_JONGERE,
            &texts::QUOTES_PROFESSIONAL,
        ]
    }

    pub(super) fn quote_pool() -> usize {
        Self::pools().iter().map(|p| p.len()).sum()
    }

    pub(super) fn quotes(&self) -> usize {
        self.roles.iter().sum()
    }

    pub(super) fn left(&self) -> usize {
        Self::quote_pool() + texts::EXAMPLES.len() - self.quotes() - self.examples
    }

    /// `n` voices (none once the pools are used up), of alternating kinds; `young`: quotes of
    /// young people fit this partnership.
    pub(super) fn take(&mut self, n: usize, young: bool) -> Voiced {
        let (quote_pool, example_pool) = (Self::quote_pool(), texts::EXAMPLES.len());
        let mut out = Voiced::default();
        let mut example_first = self.examples * quote_pool <= self.quotes() * example_pool;
        for _ in 0..n {
            if example_first && self.examples < example_pool {
                out.examples.push(texts::EXAMPLES[self.examples]);
                self.examples += 1;
            } else {
                for _ in 0..3 {
                    let role = self.turn % 3;
                    self.turn += 1;
                    if role == 1 && !young {
                        continue;
                    }
                    if let Some(text) = Self::pools()[role].get(self.roles[role]) {
                        self.roles[role] += 1;
                        out.quotes
                            .push((*text, ["ouder", "jongere", "professional"][role]));
                        break;
                    }
                }
            }
            example_first = !example_first;
        }
        out
    }
}

/// Voices for the summaries of earlier school years, per year (the phase reports of those
/// years quote them): 2021-2022, 2022-2023, 2023-2024.
pub(super) const EARLIER_VOICES: [usize; 3] = [18, 8, 18];

/// Which summary gets which voices: the earlier years first, their share spread evenly over
/// the SWVs of that year (so every phase report has parents, young people and professionals to
/// quote, as its text says), then every summary of the last school year one (a pilot region
/// two: the reports tell its story) while the pools last.
pub(super) fn voice_plan(specs: &[Spec]) -> BTreeMap<(String, u16), Voiced> {
    let mut voices = Voices::default();
    let mut plan = BTreeMap::new();
    let last = YEARS - 1;
    earlier_voices(specs, &mut voices, &mut plan);
    for spec in specs.iter().filter(|s| !s.sparse) {
        let n = if spec.pilot.is_some() { 2 } else { 1 };
        plan.insert(
            (spec.code.clone(), last),
            voices.take(n, spec.sector != "PO"),
        );
    }
    plan
}

/// The voices of the summaries of the earlier school years (`EARLIER_VOICES` per year).
fn earlier_voices(specs: &[Spec], voices: &mut Voices, plan: &mut BTreeMap<(String, u16), Voiced>) {
    for (y, budget) in EARLIER_VOICES.iter().enumerate() {
        let y = y as u16;
        let of_year: Vec<&Spec> = specs.iter().filter(|s| s.joins <= y).collect();
        let n = of_year.len().max(1);
        let budget = (*budget).min(voices.left());
        for (k, spec) in of_year.iter().enumerate() {
            let share = (k + 1) * budget / n - k * budget / n;
            plan.insert(
                (spec.code.clone(), y),
                voices.take(share, spec.sector != "PO"),
            );
        }
    }
}

/// The summary's first sentence: an opening that fits how long the SWV has taken part in the
/// school year it writes about, naming the SWV or its region (so no other SWV writes it).
pub(super) fn opening(spec: &Spec, year: u16, rng: &mut Rng) -> String {
    let years_in = year + 1 - spec.joins;
    let openings: &[&str] = match years_in {
        1 => &texts::OPENINGS_FIRST,
        2 => &texts::OPENINGS_SECOND,
        _ => &texts::OPENINGS_LONGER,
    };
    // "Na {jaren} jaar": as many years as the SWV took part, counting this one.
    let jaren = [
        "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    ]
    .get(usize::from(years_in).saturating_sub(1))
    .map_or_else(|| years_in.to_string(), |w| (*w).to_string());
    // Drawn as before (the draws after it stay the same), then moved on by the school year:
    // one pool serves the third year and later, and consecutive years never open alike.
    let drawn = rng.pick(openings);
    let at = openings.iter().position(|o| *o == drawn).unwrap_or(0);
    let picked = if years_in >= 3 {
        // A VO and a PO partnership of one region start half the pool apart.
        let vo = if spec.sector == "PO" {
            0
        } else {
            openings.len() / 2
        };
        openings[(spec.index + vo + usize::from(year)) % openings.len()]
    } else {
        openings[at]
    };
    let first = picked.find(". ").map_or(picked, |end| &picked[..=end]);
    first.trim_end().replace("{jaren}", &jaren)
}

/// Three sentences no other SWV of the year writes: what happened, what was seen and what
/// comes next, each from its own pair of halves (`texts::WHEN` and so on). The pair of SWV
/// number `index` differs from every other SWV's for up to 144 SWVs; each year moves both
/// halves on (the first by one, the second by five of twelve), so no half comes back in an
/// SWV's own summaries of up to twelve years (its one-pager looks back on them side by side).
pub(super) fn own_sentences(index: usize, year: u16) -> [String; 3] {
    let halves = |first: &[&str; 12], second: &[&str; 12], step: usize, shift: usize| {
        // A permutation of 0..144 (step is prime to 144), split into two indices.
        let k = (index * step + shift) % 144;
        let y = usize::from(year);
        let (i, j) = ((k % 12 + y) % 12, ((k / 12 + k % 12) + 5 * y) % 12);
        format!("{} {}.", first[i], second[j])
    };
    [
        halves(&texts::WHEN, &texts::WHAT_HAPPENED, 1, 0),
        halves(&texts::WHO_SAW, &texts::WHAT_THEY_SAW, 5, 7),
        halves(&texts::WHO_WANTS, &texts::WHAT_NEXT, 7, 3),
    ]
}

/// Which of the newcomers' texts an SWV gets (by the last two digits of its code).
fn newcomer_text(code: &str) -> usize {
    let n: usize = code[code.len().saturating_sub(2)..].parse().unwrap_or(0);
    (n / 6) % texts::NEWCOMERS.len()
}

/// The summary of `spec` about school year `year` (index from the first year).
pub(super) fn summary_toml(spec: &Spec, year: u16, voiced: Option<&Voiced>) -> String {
    let mut rng = Rng::new(&format!("tekst-{}-{year}", spec.code));
    let fill = |s: &str| {
        s.replace("{regio}", &spec.regio)
            .replace("{naam}", &spec.naam)
    };
    let last = year == YEARS - 1;
    let samenvatting = match spec.pilot.map(|p| p.code) {
        Some(code) if year == 0 => pilot_summary(code).to_string(),
        // The sample's newcomers are numbered 00, 06 and 12: each gets its own text.
        _ if spec.sparse => fill(texts::NEWCOMERS[newcomer_text(&spec.code)]),
        _ => {
            let [happened, seen, next] = own_sentences(spec.index, year);
            format!(
                "{} {happened}\n\n{seen} {next}",
                fill(&opening(spec, year, &mut rng))
            )
        }
    };
    let mut s = String::from("# VOORBEELDGEGEVENS: verzonnen tekst, gemaakt door `wel sample`.\n");
    s.push_str(&format!(
        "code = {}\nschooljaar = {}\n",
        toml_string(&spec.code),
        toml_string(&SchoolYear::new(FIRST_YEAR + year).label())
    ));
    s.push_str(&format!(
        "samenvatting = \"\"\"\n{}\n\"\"\"\n",
        samenvatting
            .replace('\\', "\\\\")
            .replace("\"\"\"", "\\\"\\\"\\\"")
    ));
    s.push_str(&works_line(spec, &mut rng));
    for (titel, tekst) in voiced.map(|v| v.examples.as_slice()).unwrap_or_default() {
        s.push_str(&format!(
            "\n[[voorbeelden]]\ntitel = {}\ntekst = {}\n",
            toml_string(titel),
            toml_string(tekst)
        ));
    }
    for (tekst, rol) in voiced.map(|v| v.quotes.as_slice()).unwrap_or_default() {
        s.push_str(&format!(
            "\n[[citaten]]\ntekst = {}\nrol = {}\n",
            toml_string(tekst),
            toml_string(rol)
        ));
    }
    if spec.photo && last {
        s.push_str(&format!(
            "\n[foto]\npad = \"foto.jpg\"\nalt = {}\n",
            toml_string(&format!("Illustratie: een pad van stapstenen door een heuvellandschap, voor de regio {} (voorbeeldafbeelding, geen foto)", spec.regio))
        ));
    }
    s
}

pub(super) fn pilot_summary(code: &str) -> &'static str {
    match code {
        "PO2801" => include_str!("teksten/pilot-rotterdam.txt"),
        "PO2705" => include_str!("teksten/pilot-noord-kennemerland.txt"),
        "PO2202" => include_str!("teksten/pilot-emmen.txt"),
        _ => include_str!("teksten/pilot-tilburg.txt"),
    }
}

#[cfg(test)]
mod tests {
    use super::own_sentences;
    use crate::sample::texts;

    #[test]
    fn no_swv_repeats_a_half_sentence_in_its_own_summaries_and_no_two_share_a_sentence() {
        let seconds = [texts::WHAT_HAPPENED, texts::WHAT_THEY_SAW, texts::WHAT_NEXT];
        for index in 0..144 {
            for (part, second) in seconds.iter().enumerate() {
                let mut seen = std::collections::BTreeSet::new();
                for year in 0..12 {
                    let sentence = &own_sentences(index, year)[part];
                    let half = second
                        .iter()
                        .position(|h| sentence.ends_with(&format!(" {h}.")))
                        .expect("ends with a second half");
                    assert!(seen.insert(half), "SWV {index} repeats “{}”", second[half]);
                }
            }
        }
        for year in 0..4 {
            let all: std::collections::BTreeSet<String> = (0..144)
                .map(|i| own_sentences(i, year)[1].clone())
                .collect();
            assert_eq!(all.len(), 144, "year {year}: every SWV its own sentence");
        }
    }
}
