//! The `wel` binary: parses arguments and hands over to the library.

use clap::Parser;

fn main() {
    let cli = wel::cli::Cli::parse();
    std::process::exit(wel::cli::run(cli));
}

/// mimalloc: Typst's layout allocates and frees many small objects from several threads,
/// where it is measurably faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
