//! Rules over inputs and the model: privacy (personal data, small counts).

pub mod privacy;
