//! Integration tests of `wel`: one binary, one module per feature (as mdBook and ripgrep do).

mod bad_inputs;
mod cli;
mod common;
mod delivery;
mod fuzz;
mod good_inputs;
mod incremental;
mod pipeline;
mod publication;
