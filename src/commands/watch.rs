//! `wel watch`: rebuild what an edited input or template affects, as soon as it is saved.
//! Polls file sizes and modification times (no platform watcher needed) and runs the
//! incremental build; errors are printed and watching goes on.

use std::time::{Duration, Instant};

use crate::pipeline::{BuildOptions, BuildReport, build, input_fingerprint};

/// How often the inputs are looked at.
pub const POLL: Duration = Duration::from_millis(200);

/// Watches until the process is stopped; `report` is called after every build.
pub fn watch(
    options: &BuildOptions,
    mut report: impl FnMut(Result<&BuildReport, String>, f64),
) -> ! {
    let mut last = String::new();
    loop {
        let now = input_fingerprint(options);
        if now != last {
            last = now;
            let started = Instant::now();
            match build(options) {
                Ok(r) => report(Ok(&r), started.elapsed().as_secs_f64()),
                Err(e) => report(Err(e.to_string()), started.elapsed().as_secs_f64()),
            }
        }
        std::thread::sleep(POLL);
    }
}
