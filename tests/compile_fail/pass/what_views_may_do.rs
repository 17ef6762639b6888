// What a view may do: make a given number, and ask for a settled label.
pub fn fine(p: &mut wel::privacy::Publisher<'_>) -> Option<String> {
    let c = p.given(wel::privacy::FigureId::new("x"), wel::privacy::Given::ProjectText(12));
    c.label()
}
