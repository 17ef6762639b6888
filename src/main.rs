//! The `wel` binary: parses arguments and hands over to the library.

fn main() {
    // Output into a pipe that closed (`wel cijfers | head`) ends the program as it ends any Unix
    // tool, silently, instead of a panic in `println!`.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal, before any other thread runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Started again by a build as a layout helper (`render::worker`): nothing else runs.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == wel::render::worker::WORKER_ARG)
    {
        std::process::exit(wel::render::worker::serve());
    }
    wel::render::worker::enable();
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
