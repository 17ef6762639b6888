//! Privacy in one place. Nothing a build publishes may reveal a count of 1 to threshold-1
//! children, also not by combining everything published together. This module holds every
//! part of that promise:
//!
//! - [`rule`]: the small-count rule, how figures are printed, and the one wording of the rule;
//! - [`figures`]: the raw counts of the inputs, whose values only this module can read;
//! - [`ledger`]: every published figure with its cells, and how it is finally printed;
//! - [`publisher`]: the only maker of printed figures ([`Count`], [`Phrase`]);
//! - [`disclosure`]: the audit of what the published figures give away together, to a reader
//!   who also knows the rules between the counts and every earlier edition (exact, by an
//!   integer search in `solver`);
//! - [`protect`]: secondary suppression (which totals to withhold), kept between builds;
//! - [`references`]: figures named in texts (`{benaderd 2023-2024}`), resolved like cells;
//! - [`prose`]: typed numbers in texts that would give a small count or a withheld total away.
//!
//! What a view cannot do does not compile. The model says which cells were reported, never how
//! much they are:
//!
//! ```compile_fail,E0609
//! fn leak(swv: &wel::model::Swv, year: wel::model::SchoolYear) -> Option<u32> {
//!     swv.years[&year].benaderd // no such field: the model holds no values
//! }
//! ```
//!
//! The values are in [`figures::Counts`], readable only inside this module:
//!
//! ```compile_fail,E0624
//! fn leak(c: &wel::privacy::figures::Counts, swv: &wel::model::SwvCode,
//!         year: wel::model::SchoolYear) -> Option<u32> {
//!     c.value(swv, year, wel::model::Measure::Benaderd) // private to `crate::privacy`
//! }
//! ```
//!
//! ```compile_fail,E0616
//! fn leak(c: &wel::privacy::figures::Counts) -> usize {
//!     c.rows.len() // private field
//! }
//! ```
//!
//! A [`Count`] has no value to read, and cannot be made outside the publisher:
//!
//! ```compile_fail,E0616
//! fn leak(c: &wel::privacy::Count) -> String {
//!     format!("{:?}", c.0) // private field
//! }
//! ```
//!
//! ```compile_fail,E0624
//! fn forge(r: wel::privacy::Relation, s: wel::privacy::Shown) -> wel::privacy::Count {
//!     wel::privacy::Count::new(String::new(), r, s) // private to `crate::privacy`
//! }
//! ```
//!
//! A given number (national statistics, a number typed in a text) never takes an SWV's cell:
//!
//! ```compile_fail,E0308
//! fn leak(p: &mut wel::privacy::Publisher<'_>, cell: wel::privacy::Cell) {
//!     p.given("x", cell);
//! }
//! ```
//!
//! And the same function with a given number builds, so the examples above fail for the
//! reason they name:
//!
//! ```
//! fn fine(p: &mut wel::privacy::Publisher<'_>) -> wel::privacy::Count {
//!     p.given("x", wel::privacy::Given::ProjectText(12))
//! }
//! ```
//!
//! The same visibility holds inside the crate: `crate::views` is outside `crate::privacy`.

pub mod disclosure;
pub mod editions;
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
    Cell, Count, EarlierEdition, Ledger, Recorded, Relation, ShownAs, Source, Withholding,
};
pub use publisher::{Data, Given, Part, Phrase, Published, Publisher};
pub use references::Context;
pub use rule::Shown;
