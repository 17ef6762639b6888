//! Names of people in texts. No document may name a child, a parent or a professional, so a
//! text that seems to hold a person's name gets a warning at its line and column (in `wel
//! check` and in the SWV's letter). What counts as a name:
//!
//! - a word from a list of first names common in the Netherlands (chosen from the most given
//!   names of recent decades, as the Meertens Instituut's Nederlandse Voornamenbank lists
//!   them; names that are also ordinary Dutch words, such as Roos, Wil or Hoop, are left out);
//! - the capitalised word after "zijn moeder", "haar vader", "juf", "meneer" and the like.
//!
//! The limits are real: a name that is not in the list and not after such a word is missed,
//! and a place or product that looks like a first name is warned about. It is a warning, not
//! an error: the project group decides.

/// First names, as written (capital first).
const FIRST_NAMES: &[&str] = &[
    "Aaliyah",
    "Adam",
    "Ahmed",
    "Aisha",
    "Ali",
    "Amber",
    "Amira",
    "Anna",
    "Anouk",
    "Ayoub",
    "Bart",
    "Bas",
    "Benjamin",
    "Bilal",
    "Bram",
    "Britt",
    "Casper",
    "Charlotte",
    "Chloé",
    "Daan",
    "Dani",
    "David",
    "Dewi",
    "Dylan",
    "Elif",
    "Eline",
    "Emma",
    "Esmee",
    "Eva",
    "Evi",
    "Fatima",
    "Fenna",
    "Finn",
    "Floor",
    "Fleur",
    "Gijs",
    "Hamza",
    "Hanna",
    "Hannah",
    "Ibrahim",
    "Imane",
    "Inaya",
    "Isa",
    "Isabel",
    "Jan",
    "Jasper",
    "Jayden",
    "Jesse",
    "Joep",
    "Johan",
    "Jonas",
    "Julia",
    "Julian",
    "Kevin",
    "Khadija",
    "Kim",
    "Lars",
    "Laura",
    "Lauren",
    "Lieke",
    "Lisa",
    "Liam",
    "Lina",
    "Lotte",
    "Lucas",
    "Luuk",
    "Maarten",
    "Marieke",
    "Mark",
    "Marloes",
    "Mats",
    "Max",
    "Maya",
    "Mehmet",
    "Melissa",
    "Mila",
    "Milan",
    "Mohamed",
    "Mohammed",
    "Naomi",
    "Nina",
    "Noah",
    "Noor",
    "Nora",
    "Olivia",
    "Omar",
    "Pepijn",
    "Pieter",
    "Quinten",
    "Rayan",
    "Rick",
    "Robin",
    "Rutger",
    "Sam",
    "Sanne",
    "Sara",
    "Sarah",
    "Sem",
    "Senna",
    "Sevda",
    "Sophie",
    "Stijn",
    "Suze",
    "Tess",
    "Teun",
    "Thijs",
    "Thomas",
    "Tim",
    "Tom",
    "Vera",
    "Wouter",
    "Yara",
    "Yasmin",
    "Yusuf",
    "Zoë",
    "Zeynep",
];

/// Words after which a capitalised word is a name: "zijn moeder Fatima", "juf Anja".
const BEFORE_A_NAME: &[&str] = &[
    "moeder", "vader", "zoon", "dochter", "broer", "zus", "zusje", "broertje", "oma", "opa",
    "tante", "oom", "juf", "meester", "mevrouw", "meneer", "dhr.", "mw.",
];

/// A name found in a text: where (byte offset) and the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub offset: usize,
    pub name: String,
}

/// The names a text seems to hold, in order.
pub fn find(text: &str) -> Vec<Found> {
    let words = words(text);
    let mut out = Vec::new();
    for (i, (at, w)) in words.iter().enumerate() {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let after_relation =
            i > 0 && BEFORE_A_NAME.contains(&words[i - 1].1.to_lowercase().as_str()) && capital;
        if FIRST_NAMES.contains(w) || after_relation {
            // A surname after it is part of the name: "Fatima Yilmaz".
            let mut name = w.to_string();
            if let Some((_, next)) = words.get(i + 1)
                && next.chars().next().is_some_and(char::is_uppercase)
            {
                name = format!("{name} {next}");
            }
            if !out.iter().any(|f: &Found| f.offset + f.name.len() > *at) {
                out.push(Found { offset: *at, name });
            }
        }
    }
    out
}

/// The words of a text with their byte offsets (letters, with inner hyphens and dots).
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphabetic() || ((c == '-' || c == '.') && start.is_some());
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, text[s..i].trim_end_matches(['-', '.'])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text[s..].trim_end_matches(['-', '.'])));
    }
    out
}

/// The warning for a name.
pub fn message(name: &str) -> String {
    format!(
        "\"{name}\" lijkt een naam van een persoon; in de documenten staan nooit namen van kinderen, ouders of medewerkers. Haal de naam weg of schrijf bijvoorbeeld 'een moeder' of 'een jongere' (wel herkent veelvoorkomende voornamen en een naam na woorden als 'zijn moeder' of 'juf'; het mist andere namen en kan zich vergissen)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_name_and_a_name_after_a_relation_are_found() {
        let text = "Daan en zijn moeder Fatima Yilmaz kwamen. Juf Anja bleef.";
        let names: Vec<String> = find(text).into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["Daan", "Fatima Yilmaz", "Anja"]);
    }

    #[test]
    fn ordinary_words_and_places_are_not_names() {
        assert!(find("Een moeder vertelde over de Maatwerkklas in Zwolle.").is_empty());
        assert!(find("De regio koos voor Borger-Odoorn.").is_empty());
    }
}
