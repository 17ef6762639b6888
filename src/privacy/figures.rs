//! The counts of the inputs: every value an SWV reported, by cell. The model knows which cells
//! were reported, never how much they are; the values are private to [`crate::privacy`]. A
//! document gets a number only as a [`super::Count`] from the [`super::Publisher`], which
//! applies the small-count rule and records it in the ledger; the intake form gets an SWV's own
//! earlier values only as [`FormValues`], which can be written into a worksheet and nothing
//! else.

use std::collections::BTreeMap;

use super::ledger::Cell;
use crate::model::{Measure, Programme, SchoolYear, Sheet, SwvCode};

/// The programme with its counts: what the privacy rules work on.
#[derive(Debug, Clone, Copy)]
pub struct Data<'a> {
    pub programme: &'a Programme,
    pub counts: &'a Counts,
}

impl Data<'_> {
    pub fn threshold(&self) -> u32 {
        self.programme.project.drempel
    }
}

/// The values of one sheet row, in the order of [`Sheet::measures`].
pub type RowValues = [Option<u32>; 4];

/// Every reported value of the inputs.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Counts {
    rows: BTreeMap<(SwvCode, SchoolYear, Sheet), RowValues>,
}

impl Counts {
    /// Keeps the values of one sheet row (assembling the model does this).
    pub fn insert(&mut self, swv: &SwvCode, year: SchoolYear, sheet: Sheet, values: RowValues) {
        self.rows.insert((swv.clone(), year, sheet), values);
    }

    /// The reported values of `swv` in `year`, in words, for the project group and the SWV
    /// itself ("benaderd 20, in ontwikkeling 9, ..."): never for a document.
    pub fn row_in_words(&self, swv: &SwvCode, year: SchoolYear) -> String {
        let mut parts = Vec::new();
        for sheet in [Sheet::Jeugdigen, Sheet::Activiteiten] {
            if let Some(values) = self.rows.get(&(swv.clone(), year, sheet)) {
                for (m, v) in sheet.measures().iter().zip(values) {
                    if let Some(v) = v {
                        parts.push(format!("{} {v}", m.label()));
                    }
                }
            }
        }
        parts.join(", ")
    }

    /// The value of `measure` of `swv` in `year` (`None`: not reported). Deelname and
    /// JeugdigenGemeld are derived from the rows: 1 when there is one (0 for no children row).
    pub(in crate::privacy) fn value(
        &self,
        swv: &SwvCode,
        year: SchoolYear,
        measure: Measure,
    ) -> Option<u32> {
        let row = |sheet| self.rows.get(&(swv.clone(), year, sheet));
        match measure.sheet() {
            Some(sheet) => {
                let i = sheet.measures().iter().position(|m| *m == measure)?;
                row(sheet)?[i]
            }
            None => {
                let took_part =
                    row(Sheet::Jeugdigen).is_some() || row(Sheet::Activiteiten).is_some();
                let jeugdigen = row(Sheet::Jeugdigen).is_some();
                match measure {
                    _ if !took_part => None,
                    Measure::JeugdigenGemeld => Some(u32::from(jeugdigen)),
                    // Deelname; the reported measures have a sheet and are read above.
                    Measure::Deelname
                    | Measure::Benaderd
                    | Measure::InOntwikkeling
                    | Measure::Vrijstelling5a
                    | Measure::AbsoluutVerzuim
                    | Measure::Werkateliers
                    | Measure::Deelnemers
                    | Measure::Interviews
                    | Measure::Casussen => Some(1),
                }
            }
        }
    }

    /// The value of one cell (`None`: not reported).
    pub(in crate::privacy) fn cell(&self, cell: &Cell) -> Option<u32> {
        self.value(&cell.swv, cell.schooljaar, cell.measure)
    }

    /// The sum of the reported cells; `None` when none of them was reported.
    pub(in crate::privacy) fn sum(&self, cells: &[Cell]) -> Option<u32> {
        let mut total = None;
        for c in cells {
            if let Some(v) = self.cell(c) {
                total = Some(total.unwrap_or(0) + v);
            }
        }
        total
    }

    /// The row of `sheet` for an intake form, which shows an SWV what it sent before.
    pub fn form_values(&self, swv: &SwvCode, year: SchoolYear, sheet: Sheet) -> FormValues {
        FormValues(
            self.rows
                .get(&(swv.clone(), year, sheet))
                .copied()
                .unwrap_or_default(),
        )
    }

    /// Every value with its cell, in cell order (for the key of the kept suppression choice).
    pub(in crate::privacy) fn fingerprint(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for ((swv, year, sheet), values) in &self.rows {
            out.extend(format!("{swv}|{year}|{sheet:?}|{values:?}\n").bytes());
        }
        out
    }
}

/// Values are never printed: a debug print says how many rows there are.
impl std::fmt::Debug for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Counts({} rows)", self.rows.len())
    }
}

/// The four counts of one row of an intake form. They can only be written into a worksheet:
/// an SWV's own earlier figures go back to that SWV, and nowhere else.
pub struct FormValues(RowValues);

impl FormValues {
    /// Writes the counts into `row` from column `first`, an empty cell for a count not
    /// reported.
    pub fn write(
        &self,
        ws: &mut rust_xlsxwriter::Worksheet,
        row: u32,
        first: u16,
        format: &rust_xlsxwriter::Format,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        for (i, v) in self.0.iter().enumerate() {
            let col = first + i as u16;
            match v {
                Some(n) => ws.write_with_format(row, col, *n, format)?,
                None => ws.write_blank(row, col, format)?,
            };
        }
        Ok(())
    }
}
