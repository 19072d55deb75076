//! Integration tests for the generator and the generated client live in `tests/`.
