//! The `wel` binary: parses arguments and hands over to the library.

use clap::Parser;

fn main() {
    let cli = wel::cli::Cli::parse();
    std::process::exit(wel::cli::run(cli));
}
