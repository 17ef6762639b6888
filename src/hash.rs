//! Content hashes: SHA-256 of bytes and files, written as lowercase hex.

use std::path::Path;

use sha2::{Digest, Sha256};

/// Lowercase hex of any bytes (a digest, usually).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of `bytes`, as hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of a file's bytes, as hex; `None` when it cannot be read.
pub fn file_sha256(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| sha256_hex(&b))
}
