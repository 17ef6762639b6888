//! The command line: help, usage errors and exit codes.

use crate::common::*;

#[test]
fn help_is_in_dutch_and_names_the_commands() {
    let out = wel(&["--help"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for word in ["build", "check", "sample", "Maakt de PDF's", "Afsluitcode"] {
        assert!(text.contains(word), "{word} missing in help:\n{text}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(wel(&["build", "--only", "poster"]).status.code(), Some(2));
    assert_eq!(wel(&["bouw"]).status.code(), Some(2));
    let bad_code = wel(&["build", "--swv", "XX12"]);
    assert_eq!(bad_code.status.code(), Some(2));
    assert!(stderr(&bad_code).contains("geen geldige SWV-code"));
}

#[test]
fn unknown_swv_is_a_usage_error() {
    let out = wel(&[
        "build",
        "--inputs",
        fixture("good/minimaal").to_str().unwrap(),
        "--out",
        tempfile::tempdir().unwrap().path().to_str().unwrap(),
        "--swv",
        "PO9999",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", all_output(&out));
    assert!(stderr(&out).contains("PO9999 bestaat niet"));
}

#[test]
fn missing_inputs_folder_is_reported_not_a_panic() {
    let out = wel(&["check", "--inputs", "/nonexistent/wel-inputs"]);
    assert_eq!(out.status.code(), Some(1));
    let text = all_output(&out);
    assert!(
        text.contains("de invoermap /nonexistent/wel-inputs bestaat niet")
            && text.contains("geef de invoermap met --inputs")
            && !text.contains("panicked"),
        "{text}"
    );
}

#[test]
fn sample_writes_any_number_of_valid_swvs() {
    // 850 is past the point where an earlier code scheme ran out of unique SWV codes.
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    let o = wel(&["sample", "--swvs", "850", "--out", inputs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", all_output(&o));
    assert_eq!(std::fs::read_dir(inputs.join("swv")).unwrap().count(), 850);
    let check = wel(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", all_output(&check));
    assert!(stdout(&check).contains("850 SWV's gelezen"));
}

#[test]
fn the_bundled_sample_is_what_wel_sample_writes() {
    // The showcase in inputs/ is generated; a change to the generator lands together with
    // the regenerated inputs (`cargo run -- sample --out inputs --force`).
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("in");
    let o = wel(&["sample", "--out", fresh.to_str().unwrap()]);
    assert!(o.status.success(), "{}", all_output(&o));
    let files = |root: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
                    out.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
        out.sort();
        out
    };
    let (bundled, generated) = (files(&root().join("inputs")), files(&fresh));
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&bundled), names(&generated));
    for ((name, a), (_, b)) in bundled.iter().zip(&generated) {
        assert!(a == b, "inputs/{name} differs from what wel sample writes");
    }
}

/// Words clap prints in English unless told otherwise.
const ENGLISH: [&str; 9] = [
    "Usage",
    "Options",
    "Commands",
    "Print help",
    "Print version",
    "possible values",
    "[default",
    "error:",
    "For more information",
];

#[test]
fn help_of_every_command_is_dutch() {
    let commands = [
        "", "build", "bundle", "check", "sample", "verify", "intake", "watch", "cijfers",
    ];
    for command in commands {
        let args: Vec<&str> = command.split_whitespace().chain(["--help"]).collect();
        let out = wel(&args);
        assert_eq!(out.status.code(), Some(0), "wel {command} --help");
        let text = all_output(&out);
        assert!(text.contains("Gebruik:"), "{text}");
        assert!(text.contains("Opties:"), "{text}");
        for word in ENGLISH {
            assert!(
                !text.contains(word),
                "wel {command} --help says {word:?}:\n{text}"
            );
        }
    }
}

#[test]
fn usage_errors_are_dutch_with_a_suggestion() {
    let cases = [
        (
            vec!["bouw"],
            "onbekend commando 'bouw'; bedoelde u 'build'?",
        ),
        (
            vec!["buidl"],
            "onbekend commando 'buidl'; bedoelde u 'build'?",
        ),
        (
            vec!["build", "--forse"],
            "onbekende optie '--forse'; bedoelde u '--force'?",
        ),
        (
            vec!["build", "--only", "poster"],
            "ongeldige waarde 'poster' voor --only <SOORT>; kies uit: rapportage, regio, brochure",
        ),
        (
            vec!["build", "--jobs", "veel"],
            "ongeldige waarde 'veel' voor --jobs <N>",
        ),
        (vec!["check", "extra"], "onverwacht argument 'extra'"),
    ];
    for (args, expected) in cases {
        let out = wel(&args);
        assert_eq!(out.status.code(), Some(2), "wel {args:?}");
        let text = stderr(&out);
        assert!(text.contains(expected), "wel {args:?}:\n{text}");
        assert!(text.contains("Meer uitleg: wel --help"), "{text}");
        for word in ENGLISH {
            assert!(!text.contains(word), "wel {args:?} says {word:?}:\n{text}");
        }
    }
}

#[test]
fn no_command_shows_the_dutch_help_and_exits_with_2() {
    let out = wel(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Commando's:"), "{}", stderr(&out));
    let version = wel(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("wel "));
}

/// `wel sample --force` overwrites sample data only: a folder of real inputs
/// (`voorbeeldgegevens = false`) is refused and left as it was.
#[test]
fn sample_never_overwrites_real_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("invoer");
    copy_dir(&root().join("inputs"), &inputs);
    let path = inputs.join("project.toml");
    let real = std::fs::read_to_string(&path)
        .unwrap()
        .replace("voorbeeldgegevens = true", "voorbeeldgegevens = false");
    std::fs::write(&path, real).unwrap();
    let before = tree(&inputs);
    let o = wel(&["sample", "--out", inputs.to_str().unwrap(), "--force"]);
    let said = all_output(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("bevat echte invoer"), "{said}");
    assert!(tree(&inputs) == before, "the inputs changed");
    // Sample data may be written over with --force.
    let sample = tmp.path().join("voorbeeld");
    copy_dir(&root().join("inputs"), &sample);
    let o = wel(&[
        "sample",
        "--out",
        sample.to_str().unwrap(),
        "--force",
        "--swvs",
        "3",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", all_output(&o));
}

/// A long listing into a pipe that closes early (`wel cijfers | head -1`) ends quietly: no
/// panic, no message.
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wel"))
        .args(["cijfers"])
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed now; the rest of the listing has nowhere to go.
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("panicked"), "{said}");
    assert!(String::from_utf8_lossy(&first).starts_with("uitvoer\tplaats"));
}
