//! Problems found in inputs: each carries a place a user can act on and what was expected.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::SchoolYear;
use crate::outputs::DocumentId;

/// Where a problem was found: a file, and optionally a sheet cell or a text position in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: PathBuf,
    pub within: Option<Within>,
}

/// The position inside a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Within {
    /// A workbook sheet, optionally a cell such as `C14`.
    Sheet { sheet: String, cell: Option<String> },
    /// A text file position (1-based).
    Line { line: usize, column: usize },
    /// A key or field inside a structured file.
    Key(String),
}

impl Place {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self {
            file: file.into(),
            within: None,
        }
    }

    pub fn cell(file: impl Into<PathBuf>, sheet: &str, cell: Option<String>) -> Self {
        Self {
            file: file.into(),
            within: Some(Within::Sheet {
                sheet: sheet.to_string(),
                cell,
            }),
        }
    }

    pub fn line(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Self {
            file: file.into(),
            within: Some(Within::Line { line, column }),
        }
    }

    /// The place of a text position as the model keeps it.
    pub fn at(at: &crate::model::At) -> Self {
        Self::line(&at.file, at.line, at.column)
    }

    pub fn key(file: impl Into<PathBuf>, key: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            within: Some(Within::Key(key.into())),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match &self.within {
            None => Ok(()),
            Some(Within::Sheet {
                sheet,
                cell: Some(cell),
            }) => write!(f, ", {sheet}!{cell}"),
            Some(Within::Sheet { sheet, cell: None }) => write!(f, ", blad {sheet}"),
            Some(Within::Line { line, column }) => write!(f, ":{line}:{column}"),
            Some(Within::Key(key)) => write!(f, ", {key}"),
        }
    }
}

/// How bad a problem is: errors stop the affected document, warnings are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What a problem concerns, and so which documents an error of it blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Concern {
    /// The programme's settings (`project.toml`): every document.
    Programme,
    /// Figures (a workbook, its rows, the national figures file): every national document,
    /// and the one-pager of the SWV the problem belongs to.
    Figures,
    /// An SWV's own texts and photo (`samenvatting.toml`): that SWV's one-pager only.
    Summary,
    /// A text file of the project group: the documents made from it.
    Texts(Vec<DocumentId>),
    /// What everything published together would give away: every national document.
    Publication,
}

/// One problem with the inputs, in Dutch, for the person who filled them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// What it concerns: which documents an error blocks.
    pub concern: Concern,
    /// The SWV the problem belongs to, when it belongs to one (used for grouping and isolation).
    pub swv: Option<String>,
    pub place: Place,
    pub message: String,
    /// The problem is suspected personal data (can be overridden explicitly).
    pub privacy: bool,
    /// For text files: the line itself, with a mark under the column.
    pub excerpt: Option<String>,
    /// The school year of the row it is in, for an error in one row of figures: it keeps only
    /// the national documents that cover that year from being made.
    pub schooljaar: Option<SchoolYear>,
}

impl Problem {
    pub fn error(place: Place, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            concern: Concern::Figures,
            swv: None,
            place,
            message: message.into(),
            privacy: false,
            excerpt: None,
            schooljaar: None,
        }
    }

    pub fn warning(place: Place, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            concern: Concern::Figures,
            swv: None,
            place,
            message: message.into(),
            privacy: false,
            excerpt: None,
            schooljaar: None,
        }
    }

    /// An error at a byte offset of a text file: place `file:line:column`, and the line itself
    /// with a mark under the column.
    pub fn in_text(
        file: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let offset = offset.min(text.len());
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[start..offset].chars().count() + 1;
        let source: String = text[start..end].chars().take(120).collect();
        let number = line.to_string();
        let excerpt = format!(
            "{number} | {source}\n{} | {}^",
            " ".repeat(number.len()),
            " ".repeat(column - 1)
        );
        Self {
            excerpt: Some(excerpt),
            ..Self::error(Place::line(file, line, column), message)
        }
    }

    /// The same problem as a warning.
    pub fn as_warning(self) -> Self {
        Self {
            severity: Severity::Warning,
            ..self
        }
    }

    /// Suspected personal data: an error unless the user overrides the check.
    pub fn privacy(place: Place, message: impl Into<String>) -> Self {
        Self {
            privacy: true,
            ..Self::error(place, message)
        }
    }

    /// The problem concerns `concern`.
    pub fn concerning(mut self, concern: Concern) -> Self {
        self.concern = concern;
        self
    }

    /// Whether this problem, if an error, keeps the national document `id` from being planned:
    /// an error in its texts does not (the document is planned, so the check of what all
    /// documents publish together sees it, and refused afterwards).
    pub fn blocks_planning(&self, id: &DocumentId, horizon: Option<SchoolYear>) -> bool {
        self.blocks_national(id, horizon) && !matches!(self.concern, Concern::Texts(_))
    }

    /// Whether this problem, if an error, keeps the national document `id` (covering school
    /// years up to `horizon`) from being made: an error in a row of a later year does not.
    pub fn blocks_national(&self, id: &DocumentId, horizon: Option<SchoolYear>) -> bool {
        self.is_error()
            && match &self.concern {
                Concern::Figures => match (self.schooljaar, horizon) {
                    (Some(year), Some(last)) => year <= last,
                    _ => true,
                },
                Concern::Programme | Concern::Publication => true,
                Concern::Texts(ids) => ids.contains(id),
                Concern::Summary => false,
            }
    }

    /// The school year of the row it is in.
    pub fn in_year(mut self, year: SchoolYear) -> Self {
        self.schooljaar = Some(year);
        self
    }

    /// Whether this problem, if an error, keeps the one-pager of `code` from being made.
    pub fn blocks_one_pager(&self, code: &str) -> bool {
        self.is_error()
            && match &self.concern {
                Concern::Programme => true,
                Concern::Figures | Concern::Summary => self.swv.as_deref() == Some(code),
                Concern::Texts(_) | Concern::Publication => false,
            }
    }

    pub fn for_swv(mut self, code: impl Into<String>) -> Self {
        self.swv = Some(code.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
        };
        write!(f, "{label}: {}: {}", self.place, self.message)?;
        if let Some(excerpt) = &self.excerpt {
            for line in excerpt.lines() {
                write!(f, "\n      {line}")?;
            }
        }
        Ok(())
    }
}

/// A collection of problems, gathered over a whole run instead of stopping at the first.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    items: Vec<Problem>,
}

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, problem: Problem) {
        self.items.push(problem);
    }

    pub fn error(&mut self, place: Place, message: impl Into<String>) {
        self.push(Problem::error(place, message));
    }

    pub fn warning(&mut self, place: Place, message: impl Into<String>) {
        self.push(Problem::warning(place, message));
    }

    pub fn extend(&mut self, other: Problems) {
        self.items.extend(other.items);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Problem::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|p| p.is_error()).count()
    }

    /// Number of problems so far (a mark for [`Problems::tag_since`]).
    pub fn mark(&self) -> usize {
        self.items.len()
    }

    /// Marks the problems pushed since `mark` as concerning `concern`.
    pub fn concern_since(&mut self, mark: usize, concern: Concern) {
        for p in &mut self.items[mark..] {
            p.concern = concern.clone();
        }
    }

    /// Marks the problems pushed since `mark` that were given no concern yet (they have the
    /// default, [`Concern::Figures`]) as concerning `concern`.
    pub fn concern_unset_since(&mut self, mark: usize, concern: Concern) {
        for p in &mut self.items[mark..] {
            if p.concern == Concern::Figures {
                p.concern = concern.clone();
            }
        }
    }

    /// Tags the problems pushed since `mark` with the school year of their row.
    pub fn year_since(&mut self, mark: usize, year: SchoolYear) {
        for p in &mut self.items[mark..] {
            p.schooljaar.get_or_insert(year);
        }
    }

    /// Tags the problems pushed since `mark` with an SWV code, unless already tagged.
    pub fn tag_since(&mut self, mark: usize, code: &str) {
        for p in &mut self.items[mark..] {
            if p.swv.is_none() {
                p.swv = Some(code.to_string());
            }
        }
    }

    /// Turns privacy errors into warnings: the user explicitly allowed personal data.
    pub fn allow_privacy(&mut self) -> usize {
        let mut n = 0;
        for p in &mut self.items {
            if p.privacy && p.is_error() {
                p.severity = Severity::Warning;
                n += 1;
            }
        }
        n
    }

    /// Problems that belong to this SWV (errors and warnings).
    pub fn for_swv<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.items
            .iter()
            .filter(move |p| p.swv.as_deref() == Some(code))
    }

    /// Whether any error blocks this SWV's document.
    pub fn swv_has_errors(&self, code: &str) -> bool {
        self.for_swv(code).any(Problem::is_error)
    }

    /// The errors that keep the national document `id` from being made.
    pub fn blocking_national<'a>(
        &'a self,
        id: &'a DocumentId,
        horizon: Option<SchoolYear>,
    ) -> impl Iterator<Item = &'a Problem> + 'a {
        self.items
            .iter()
            .filter(move |p| p.blocks_national(id, horizon))
    }

    /// Whether an error keeps the one-pager of `code` from being made.
    pub fn blocks_one_pager(&self, code: &str) -> bool {
        self.items.iter().any(|p| p.blocks_one_pager(code))
    }

    /// Sorted for stable output: global problems first, then per SWV, then by place.
    pub fn sorted(&self) -> Vec<&Problem> {
        let mut v: Vec<&Problem> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.swv, &a.place, a.severity, &a.message)
                .cmp(&(&b.swv, &b.place, b.severity, &b.message))
        });
        v
    }
}

/// Shows a path relative to a base folder when it lies inside it.
pub fn relative(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
