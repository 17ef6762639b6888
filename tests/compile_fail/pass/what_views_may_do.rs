// What a view may do: make a given number, and ask for a settled label.
pub fn fine(p: &mut wel::privacy::Publisher<'_>) -> Option<String> {
    let c = p.given("x", wel::privacy::Given::ProjectText(12));
    c.label()
}
