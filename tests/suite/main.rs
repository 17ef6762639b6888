//! Integration tests of `wel`: one binary, one module per feature (as mdBook and ripgrep do).

mod architecture;
mod bad_inputs;
mod cli;
mod common;
mod compile_fail;
mod delivery;
mod disclosure;
mod editions;
mod files;
mod fuzz;
mod good_inputs;
mod handleiding;
mod incremental;
mod ledger;
mod map;
mod national;
mod pipeline;
mod prose;
mod publication;
mod returns;
mod round;
mod typography;
mod views;
mod web;
