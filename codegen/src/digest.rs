//! A stable fingerprint of the inputs, written into the generated crate so that any edit
//! to the spec or its config changes the output (and `cargo xtask check` notices).

/// FNV-1a over `bytes`, continuing from `state` (start with [`START`]).
pub fn fnv1a(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The FNV-1a offset basis.
pub const START: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
mod tests {
    #[test]
    fn known_vectors() {
        assert_eq!(super::fnv1a(super::START, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::fnv1a(super::START, b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
