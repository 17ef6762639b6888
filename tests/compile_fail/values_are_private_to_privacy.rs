// The values are in `Counts`, readable only inside `crate::privacy`.
pub fn leak(
    c: &wel::privacy::figures::Counts,
    swv: &wel::model::SwvCode,
    year: wel::model::SchoolYear,
) -> Option<u32> {
    c.value(swv, year, wel::model::Measure::Benaderd)
}
