//! The runtime (`codegen/runtime/`) as a crate of its own, so that its unit tests run once
//! from the workspace instead of inside every generated crate (emission strips them).
//! `settings` stands in for the module a generated crate would have.

// Which runtime items a generated crate uses depends on its spec; here none are used.
#![allow(dead_code, unused_imports, unused_macros)]

#[path = "../../runtime/mod.rs"]
pub mod runtime;
mod settings;

pub use runtime::*;
