//! `wel`: turns the spreadsheets and summaries of the WEL in Ontwikkeling partnerships into
//! accessible, archivable PDF documents (phase report, regional one-pagers, brochure).
//!
//! The pipeline reads as a recipe (see [`pipeline`] and `docs/architectuur.md`): [`inputs`]
//! reads raw files, [`assemble`] merges them into the [`model`] (which knows which cells were
//! reported) and the counts (which only [`privacy`] can read), [`views`] turns the model into
//! typed template data with every figure made by the [`privacy::Publisher`], [`privacy`]
//! decides what may be printed, [`render`] lays documents out with Typst, and [`export`] writes
//! the manifest, bundles and overview. [`outputs`] knows every document's identity and every
//! path in the output folder.

pub mod assemble;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod contain;
pub mod controls;
pub mod diag;
pub mod dutch;
pub mod edition;
pub mod export;
pub mod fsutil;
pub mod guard;
pub mod hash;
pub mod inputs;
pub mod model;
pub mod outputs;
pub mod pipeline;
pub mod privacy;
pub mod render;
pub mod round;
pub mod sample;
pub mod suggest;
pub mod views;
pub mod web;

pub use diag::{Problem, Problems};
