//! Orchestrating a build.
