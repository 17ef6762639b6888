//! Sample inputs.
