// A `Count` has no value to read.
pub fn leak(c: &wel::privacy::Count) -> String {
    format!("{:?}", c.0)
}
