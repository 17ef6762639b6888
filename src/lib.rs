//! `wel`: turns the spreadsheets and summaries of the WEL in Ontwikkeling partnerships into
//! accessible, archivable PDF documents (phase report, regional one-pagers, brochure).
//!
//! The pipeline reads as a recipe (see [`build`] and `docs/architectuur.md`): [`inputs`]
//! reads raw files, [`assemble`] merges them into the [`model`] and decides what is blocked,
//! [`checks`] holds the rules over the model, [`views`] turns the model into typed template
//! data while the [`ledger`] records every published figure, [`render`] lays documents out
//! with Typst, and [`export`] writes the manifest, bundles and overview. [`outputs`] knows
//! every document's identity and every path in the output folder.

pub mod assemble;
pub mod build;
pub mod checks;
pub mod cli;
pub mod diag;
pub mod disclosure;
pub mod dutch;
pub mod export;
pub mod feedback;
pub mod fsutil;
pub mod hash;
pub mod inputs;
pub mod intake;
pub mod ledger;
pub mod map;
pub mod model;
pub mod outputs;
pub mod receive;
pub mod render;
pub mod sample;
pub mod suggest;
pub mod views;
pub mod watch;

pub use diag::{Problem, Problems};
