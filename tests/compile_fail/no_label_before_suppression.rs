// A figure's printed label exists only once secondary suppression has settled it: code that
// wants one must say what it does before then.
pub fn label(c: &wel::privacy::Count) -> String {
    c.label()
}
