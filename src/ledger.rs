//! The ledger of published figures: every number any output shows, with the (SWV, school
//! year, measure) cells it is computed from and how it is shown.
//!
//! Views cannot print a count without it: a [`Count`] is made only by a [`Publisher`], which
//! computes the value itself from the cells it is given and records the figure. So the ledger
//! lists exactly what the documents show, and the disclosure audit reads it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::checks::small_counts::Shown;
use crate::dutch;
use crate::model::{Programme, SchoolYear, SwvCode, YearFigures};

/// What a cell counts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Children (and parents) approached.
    Benaderd,
    /// Children back in development.
    InOntwikkeling,
    /// Exemptions under article 5 a.
    Vrijstelling5a,
    /// Children absolutely absent.
    AbsoluutVerzuim,
    Werkateliers,
    Deelnemers,
    Interviews,
    /// Cases discussed (about individual children: a child count).
    Casussen,
    /// 1 when the SWV reported figures for the year (it took part).
    Deelname,
    /// 1 when the SWV reported children figures for the year.
    JeugdigenGemeld,
}

impl Measure {
    /// Counts of children: those follow the small-count rule.
    pub fn is_child_count(self) -> bool {
        matches!(
            self,
            Self::Benaderd
                | Self::InOntwikkeling
                | Self::Vrijstelling5a
                | Self::AbsoluutVerzuim
                | Self::Casussen
        )
    }

    /// The Dutch name, as in the workbook's column headers.
    pub fn label(self) -> &'static str {
        match self {
            Self::Benaderd => "benaderd",
            Self::InOntwikkeling => "in ontwikkeling",
            Self::Vrijstelling5a => "vrijstelling 5 onder a",
            Self::AbsoluutVerzuim => "absoluut verzuim",
            Self::Werkateliers => "werkateliers",
            Self::Deelnemers => "deelnemers",
            Self::Interviews => "interviews",
            Self::Casussen => "casussen",
            Self::Deelname => "deelname",
            Self::JeugdigenGemeld => "jeugdigen gemeld",
        }
    }

    /// The value of this measure in one year's figures (`None`: not reported).
    pub fn value(self, figures: &YearFigures) -> Option<u32> {
        let j = figures.jeugdigen.as_ref();
        let a = figures.activiteiten.as_ref();
        match self {
            Self::Benaderd => j?.benaderd,
            Self::InOntwikkeling => j?.in_ontwikkeling,
            Self::Vrijstelling5a => j?.vrijstelling_5a,
            Self::AbsoluutVerzuim => j?.absoluut_verzuim,
            Self::Werkateliers => a?.werkateliers,
            Self::Deelnemers => a?.deelnemers,
            Self::Interviews => a?.interviews,
            Self::Casussen => a?.casussen,
            Self::Deelname => Some(1),
            Self::JeugdigenGemeld => Some(u32::from(j.is_some())),
        }
    }
}

/// One (SWV, school year, measure) cell of the inputs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Cell {
    pub swv: SwvCode,
    pub schooljaar: SchoolYear,
    pub measure: Measure,
}

/// How a figure relates to the cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The sum of the cells (one cell: the cell itself).
    Sum(Vec<Cell>),
    /// `part / whole` as a percentage.
    Share { part: Vec<Cell>, whole: Vec<Cell> },
    /// `now - before`.
    Difference { now: Vec<Cell>, before: Vec<Cell> },
    /// A number from outside the SWV cells (national statistics, a text file).
    Given,
}

/// How a figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShownAs {
    Exact,
    /// Printed as `<threshold`.
    Suppressed,
    /// Not printed at all (`–`, or left out).
    Hidden,
    /// Withheld by secondary suppression (printed as `×`): it would give a small count away.
    Withheld,
}

/// What secondary suppression withholds: sums of cells (each sorted, child counts only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withholding {
    sums: std::collections::BTreeSet<Vec<Cell>>,
}

impl Withholding {
    pub fn new(sums: impl IntoIterator<Item = Vec<Cell>>) -> Self {
        Self {
            sums: sums.into_iter().map(|c| sum_key(&c)).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sums.is_empty()
    }

    fn withholds(&self, cells: &[Cell]) -> bool {
        !self.sums.is_empty() && self.sums.contains(&sum_key(cells))
    }
}

/// How a withheld total is printed.
pub const WITHHELD_LABEL: &str = "×";

/// The identity of a sum: its child-count cells, sorted, without repeats.
fn sum_key(cells: &[Cell]) -> Vec<Cell> {
    let mut key: Vec<Cell> = cells
        .iter()
        .filter(|c| c.measure.is_child_count())
        .cloned()
        .collect();
    key.sort();
    key.dedup();
    key
}

/// What a sum of cells is, in words: `totaal vrijstelling 5 onder a 2021-2022`, or over
/// several school years `... 2021-2022 tot en met 2024-2025`.
pub fn describe_sum(cells: &[Cell]) -> String {
    let measures: std::collections::BTreeSet<&str> =
        cells.iter().map(|c| c.measure.label()).collect();
    let years: std::collections::BTreeSet<_> = cells.iter().map(|c| c.schooljaar).collect();
    let measure = measures.into_iter().collect::<Vec<_>>().join("/");
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} tot en met {b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    };
    format!("totaal {measure} {span}")
}

/// The value of one cell in the inputs (`None`: not reported).
pub fn cell_value(programme: &Programme, cell: &Cell) -> Option<u32> {
    find_swv(programme, &cell.swv)
        .and_then(|s| s.years.get(&cell.schooljaar))
        .and_then(|f| cell.measure.value(f))
}

/// One figure as some output shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Where it is shown inside the document (`reeks[2021-2022].benaderd`).
    pub place: String,
    pub relation: Relation,
    /// Exactly what is printed.
    pub label: String,
    pub shown: ShownAs,
}

/// A count as a template shows it: the printed label, the exact value (when printed exactly,
/// for bar heights) and whether it is a suppressed small count. Only a [`Publisher`] makes one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    label: String,
    waarde: Option<u32>,
    klein: bool,
}

impl Count {
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn exact(&self) -> Option<u32> {
        self.waarde
    }
}

/// Records the figures of one output while its view is made.
pub struct Publisher<'a> {
    programme: &'a Programme,
    threshold: u32,
    withholding: &'a Withholding,
    figures: Vec<Figure>,
}

impl<'a> Publisher<'a> {
    /// A publisher that withholds the sums in `withholding` (see [`crate::disclosure`]).
    pub fn new(programme: &'a Programme, withholding: &'a Withholding) -> Self {
        Self {
            programme,
            threshold: programme.project.drempel,
            withholding,
            figures: Vec::new(),
        }
    }

    pub fn threshold(&self) -> u32 {
        self.threshold
    }

    /// The figures recorded so far.
    pub fn into_figures(self) -> Vec<Figure> {
        self.figures
    }

    /// What this output withholds so far, in words, each once.
    pub fn withheld(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in self.figures.iter().filter(|f| f.shown == ShownAs::Withheld) {
            if let Relation::Sum(cells) = &f.relation {
                let d = describe_sum(cells);
                if !out.contains(&d) {
                    out.push(d);
                }
            }
        }
        out
    }

    /// The cells of one measure of one SWV in one year.
    pub fn cell(swv: &SwvCode, schooljaar: SchoolYear, measure: Measure) -> Cell {
        Cell {
            swv: swv.clone(),
            schooljaar,
            measure,
        }
    }

    /// The cells of `measure` in `year` of every SWV that reported it.
    pub fn all_swvs(&self, year: SchoolYear, measure: Measure) -> Vec<Cell> {
        self.programme
            .swvs
            .iter()
            .filter(|s| s.years.get(&year).and_then(|f| measure.value(f)).is_some())
            .map(|s| Self::cell(&s.code, year, measure))
            .collect()
    }

    /// The cells of `measure` of every SWV in every published year it reported it.
    pub fn all_years(&self, measure: Measure) -> Vec<Cell> {
        let published = self.programme.published_years();
        let mut cells = Vec::new();
        for s in &self.programme.swvs {
            for (year, f) in &s.years {
                if measure.value(f).is_some() && published.contains(year) {
                    cells.push(Self::cell(&s.code, *year, measure));
                }
            }
        }
        cells
    }

    /// The sum of the reported cells; `None` when none of them was reported.
    fn sum(&self, cells: &[Cell]) -> Option<u32> {
        let mut total = None;
        for c in cells {
            if let Some(v) = cell_value(self.programme, c) {
                total = Some(total.unwrap_or(0) + v);
            }
        }
        total
    }

    fn record(&mut self, place: String, relation: Relation, label: String, shown: ShownAs) {
        self.figures.push(Figure {
            place,
            relation,
            label,
            shown,
        });
    }

    /// Records a sum of `cells` as `shown` and returns what the template gets.
    fn publish(&mut self, place: String, cells: Vec<Cell>, shown: Shown) -> Count {
        if shown != Shown::Unknown && self.withholding.withholds(&cells) {
            let label = WITHHELD_LABEL.to_string();
            self.record(
                place,
                Relation::Sum(cells),
                label.clone(),
                ShownAs::Withheld,
            );
            return Count {
                label,
                waarde: None,
                klein: false,
            };
        }
        let count = Count {
            label: shown.label(self.threshold),
            waarde: shown.exact(),
            klein: shown == Shown::Small,
        };
        let how = match shown {
            Shown::Exact(_) => ShownAs::Exact,
            Shown::Small => ShownAs::Suppressed,
            Shown::Unknown => ShownAs::Hidden,
        };
        self.record(place, Relation::Sum(cells), count.label.clone(), how);
        count
    }

    /// A count computed from `cells`: child counts below the threshold are shown as `<N`,
    /// other measures exactly; nothing reported is `–`.
    pub fn count(&mut self, place: impl Into<String>, cells: Vec<Cell>) -> Count {
        let value = self.sum(&cells);
        let shown = if cells.iter().any(|c| c.measure.is_child_count()) {
            Shown::of(value, self.threshold)
        } else {
            value.map_or(Shown::Unknown, Shown::Exact)
        };
        self.publish(place.into(), cells, shown)
    }

    /// A count of SWVs or activities that is 0 when nothing was reported (never a child count).
    pub fn tally(&mut self, place: impl Into<String>, cells: Vec<Cell>) -> Count {
        debug_assert!(cells.iter().all(|c| !c.measure.is_child_count()));
        let value = self.sum(&cells).unwrap_or(0);
        self.publish(place.into(), cells, Shown::Exact(value))
    }

    /// A number that is not computed from SWV cells (national statistics, a text file).
    pub fn given(&mut self, place: impl Into<String>, value: Option<u32>) -> Count {
        let label = value.map_or("–".to_string(), |n| dutch::integer(n.into()));
        let how = if value.is_some() {
            ShownAs::Exact
        } else {
            ShownAs::Hidden
        };
        self.record(place.into(), Relation::Given, label.clone(), how);
        Count {
            label,
            waarde: value,
            klein: false,
        }
    }

    /// `part / whole` in percent, printed only when both counts would be printed exactly.
    pub fn share(
        &mut self,
        place: impl Into<String>,
        part: Vec<Cell>,
        whole: Vec<Cell>,
    ) -> Option<String> {
        let withheld = self.withholding.withholds(&part) || self.withholding.withholds(&whole);
        let shown = crate::checks::small_counts::safe_share(
            self.sum(&part),
            self.sum(&whole),
            self.threshold,
        )
        .filter(|_| !withheld)
        .map(dutch::percent);
        self.record_text(place.into(), Relation::Share { part, whole }, shown)
    }

    /// Records a figure printed as text (a share, a difference), or not printed at all.
    fn record_text(
        &mut self,
        place: String,
        relation: Relation,
        shown: Option<String>,
    ) -> Option<String> {
        let how = if shown.is_some() {
            ShownAs::Exact
        } else {
            ShownAs::Hidden
        };
        self.record(place, relation, shown.clone().unwrap_or_default(), how);
        shown
    }

    /// `now - before` with a sign, printed only when both counts would be printed exactly.
    pub fn difference(
        &mut self,
        place: impl Into<String>,
        now: Vec<Cell>,
        before: Vec<Cell>,
    ) -> Option<String> {
        let t = self.threshold;
        let exact = |v: Option<u32>| Shown::of(v, t).exact();
        let withheld = self.withholding.withholds(&now) || self.withholding.withholds(&before);
        let shown = match (exact(self.sum(&now)), exact(self.sum(&before))) {
            _ if withheld => None,
            (Some(a), Some(b)) => {
                let d = i64::from(a) - i64::from(b);
                Some(if d > 0 {
                    format!("+{}", dutch::integer(d))
                } else {
                    dutch::integer(d)
                })
            }
            _ => None,
        };
        self.record_text(place.into(), Relation::Difference { now, before }, shown)
    }
}

/// The SWV with this code: a binary search (SWVs are kept in code order), else a scan.
fn find_swv<'p>(programme: &'p Programme, code: &SwvCode) -> Option<&'p crate::model::Swv> {
    let swvs = &programme.swvs;
    match swvs.binary_search_by(|s| s.code.cmp(code)) {
        Ok(i) => Some(&swvs[i]),
        Err(_) => swvs.iter().find(|s| &s.code == code),
    }
}

/// Every figure of one build, by output (`regio/PO2801.pdf`,
/// `bundels/PO2801.zip:PO2801-cijfers.csv`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Ledger {
    pub outputs: BTreeMap<String, Vec<Figure>>,
}

impl Ledger {
    pub fn insert(&mut self, output: String, figures: Vec<Figure>) {
        self.outputs.insert(output, figures);
    }

    /// Every figure with the output it is in.
    pub fn figures(&self) -> impl Iterator<Item = (&str, &Figure)> {
        self.outputs
            .iter()
            .flat_map(|(o, figs)| figs.iter().map(move |f| (o.as_str(), f)))
    }

    /// One line per figure: output, place, printed label, how shown, cells.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from("uitvoer\tplaats\tgetoond\twijze\tcellen\n");
        for (output, f) in self.figures() {
            let how = match f.shown {
                ShownAs::Exact => "exact",
                ShownAs::Suppressed => "onderdrukt",
                ShownAs::Hidden => "niet getoond",
                ShownAs::Withheld => "aanvullend afgeschermd",
            };
            out.push_str(&format!(
                "{output}\t{}\t{}\t{how}\t{}\n",
                f.place,
                f.label,
                describe(&f.relation)
            ));
        }
        out
    }
}

fn cells_text(cells: &[Cell]) -> String {
    if cells.is_empty() {
        return "(geen)".to_string();
    }
    cells
        .iter()
        .map(|c| format!("{}/{}/{}", c.swv, c.schooljaar, c.measure.label()))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn describe(relation: &Relation) -> String {
    match relation {
        Relation::Sum(cells) => cells_text(cells),
        Relation::Share { part, whole } => {
            format!("({}) / ({})", cells_text(part), cells_text(whole))
        }
        Relation::Difference { now, before } => {
            format!("({}) - ({})", cells_text(now), cells_text(before))
        }
        Relation::Given => "(buiten de SWV-cijfers)".to_string(),
    }
}
