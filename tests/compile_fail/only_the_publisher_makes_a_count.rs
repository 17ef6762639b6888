// A `Count` cannot be made outside the publisher.
pub fn forge(r: wel::privacy::Relation, s: wel::privacy::Shown) -> wel::privacy::Count {
    wel::privacy::Count::new(wel::privacy::FigureId::new("x"), r, s)
}
