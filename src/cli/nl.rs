//! The command line in Dutch: clap's help headings and its own strings translated, and every
//! usage error put in Dutch words with a suggestion where one is close.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// clap's own words in help and usage texts, and their Dutch.
const WORDS: [(&str, &str); 14] = [
    ("Usage:", "Gebruik:"),
    ("Options:", "Opties:"),
    ("Commands:", "Commando's:"),
    ("Arguments:", "Argumenten:"),
    ("[OPTIONS]", "[OPTIES]"),
    ("<COMMAND>", "<COMMANDO>"),
    ("[COMMAND]", "[COMMANDO]"),
    (
        "Print this message or the help of the given subcommand(s)",
        "Toon deze hulp of die van het genoemde commando",
    ),
    (
        "Print help (see more with '--help')",
        "Toon de hulp (meer met '--help')",
    ),
    (
        "Print help (see a summary with '-h')",
        "Toon de hulp (korter met '-h')",
    ),
    ("Print help", "Toon de hulp"),
    ("Print version", "Toon de versie"),
    ("[default: ", "[standaard: "),
    ("[possible values: ", "[mogelijke waarden: "),
];

/// A help or usage text with clap's English words in Dutch.
pub fn translate(text: &str) -> String {
    WORDS
        .iter()
        .fold(text.to_string(), |t, (en, nl)| t.replace(en, nl))
}

/// Dutch words people may type for a command.
const DUTCH_COMMANDS: [(&str, &str); 12] = [
    ("bouw", "build"),
    ("bouwen", "build"),
    ("maak", "build"),
    ("bundel", "bundle"),
    ("bundels", "bundle"),
    ("controleer", "check"),
    ("controleren", "check"),
    ("voorbeeld", "sample"),
    ("controle", "verify"),
    ("verifieer", "verify"),
    ("formulieren", "intake"),
    ("kijk", "watch"),
];

fn value(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn values(e: &Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// The Dutch message of a usage error (without the usage line).
pub fn message(e: &Error) -> String {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let given = value(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let word = value(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let command = <super::Cli as clap::CommandFactory>::command();
            let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            let suggestion = DUTCH_COMMANDS
                .iter()
                .find(|(nl, _)| nl.eq_ignore_ascii_case(&word))
                .map(|(_, en)| en.to_string())
                .or_else(|| crate::suggest::closest(&word, &names).map(String::from))
                .or_else(|| {
                    values(e, ContextKind::SuggestedSubcommand)
                        .into_iter()
                        .next()
                });
            match suggestion {
                Some(s) => format!("onbekend commando '{word}'; bedoelde u '{s}'?"),
                None => format!("onbekend commando '{word}'; zie wel --help voor de commando's"),
            }
        }
        ErrorKind::UnknownArgument => {
            let suggestion = values(e, ContextKind::SuggestedArg).into_iter().next();
            if !arg.starts_with('-') {
                return format!("onverwacht argument '{arg}'");
            }
            match suggestion {
                Some(s) => format!("onbekende optie '{arg}'; bedoelde u '{s}'?"),
                None => format!("onbekende optie '{arg}'"),
            }
        }
        ErrorKind::InvalidValue => {
            let valid = values(e, ContextKind::ValidValue);
            if valid.is_empty() {
                format!("ontbrekende of ongeldige waarde voor {arg}")
            } else {
                format!(
                    "ongeldige waarde '{given}' voor {arg}; kies uit: {}",
                    valid.join(", ")
                )
            }
        }
        ErrorKind::ValueValidation => {
            format!("ongeldige waarde '{given}' voor {arg}; verwacht een geheel getal")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("dit moet worden opgegeven: {arg}")
        }
        ErrorKind::ArgumentConflict => {
            let other = value(e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} gaat niet samen met {other}")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("verkeerd aantal waarden voor {arg}")
        }
        ErrorKind::NoEquals => format!("{arg} heeft een waarde nodig met ="),
        _ => "verkeerd gebruik van de opdrachtregel".to_string(),
    }
}

/// Prints what clap stopped at, in Dutch, and returns the exit code: 0 for help and version,
/// 2 for a usage error.
pub fn report(e: &Error) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", translate(&e.render().to_string()));
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprint!("{}", translate(&e.render().to_string()));
            2
        }
        _ => {
            eprintln!("fout: {}", message(e));
            if let Some(usage) = value(e, ContextKind::Usage) {
                eprintln!("\n{}", translate(usage.trim()));
            }
            eprintln!("\nMeer uitleg: wel --help");
            2
        }
    }
}
