//! Privacy in one place. Nothing a build publishes may reveal a count of 1 to threshold-1
//! children, also not by combining everything published together. This module holds every
//! part of that promise:
//!
//! - [`rule`]: the small-count rule, how figures are printed, and the one wording of the rule;
//! - [`figures`]: the raw counts of the inputs, whose values only this module can read;
//! - [`ledger`]: every published figure with its cells, and how it is finally printed;
//! - [`figure_id`]: where a figure stands in its document, as a typed path;
//! - [`publisher`]: the only maker of printed figures ([`Count`], [`Phrase`]);
//! - [`disclosure`]: the audit of what the published figures give away together, to a reader
//!   who also knows the rules between the counts and every earlier edition (exact, by an
//!   integer search in `solver`);
//! - [`protect`]: secondary suppression (which totals to withhold), kept between builds;
//! - [`references`]: figures named in texts (`{benaderd 2023-2024}`), resolved like cells;
//! - [`prose`]: typed numbers in texts that would give a small count or a withheld total away.
//!
//! What a view cannot do does not compile, for the reason named: `tests/compile_fail/` holds
//! one example per rule with the compiler's error beside it (`.stderr`), and
//! `tests/suite/compile_fail.rs` compiles each against the built library and compares the
//! errors exactly (a rename that breaks an example gives another error and fails). The rules:
//! the model holds no values (which cells were reported, never how much); the values are in
//! [`figures::Counts`], readable only inside this module; a [`Count`] has no value to read,
//! cannot be made outside the publisher, and has no printed label before secondary
//! suppression has settled it ([`Count::label`] is an `Option`); a given number (national
//! statistics, a number typed in a text) never takes an SWV's cell.
//!
//! A given number builds:
//!
//! ```
//! fn fine(p: &mut wel::privacy::Publisher<'_>) -> wel::privacy::Count {
//!     p.given(wel::privacy::FigureId::new("x"), wel::privacy::Given::ProjectText(12))
//! }
//! ```
//!
//! The same visibility holds inside the crate: `crate::views` is outside `crate::privacy`.

pub mod disclosure;
pub mod editions;
pub mod figure_id;
pub mod figures;
pub mod ledger;
pub mod prose;
pub mod protect;
pub mod publisher;
pub mod references;
pub mod rule;
mod solver;

pub use crate::model::Measure;
pub use ledger::{
    Cell, Count, EarlierEdition, FigureId, Ledger, Recorded, Relation, ShownAs, Source, Withholding,
};
pub use publisher::{Data, Given, Part, Phrase, Published, Publisher, SharedFigures};
pub use references::Context;
pub use rule::Shown;
