//! The `wel` binary: parses arguments and hands over to the library.

fn main() {
    // Every file is written atomically, so stopping is always safe; say so.
    let _ = ctrlc::set_handler(|| {
        eprintln!(
            "\nafgebroken (Ctrl-C): wat al klaar was, blijft staan; er is geen half geschreven bestand"
        );
        std::process::exit(130);
    });
    let code = match wel::cli::parse(std::env::args_os()) {
        Ok(cli) => wel::cli::run(cli),
        Err(code) => code,
    };
    std::process::exit(code);
}

/// mimalloc: Typst's layout allocates and frees many small objects from several threads,
/// where it is measurably faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
