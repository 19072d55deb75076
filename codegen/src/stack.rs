//! Generation runs on threads with a large, explicit stack.
//!
//! Lowering and emission recurse through inline schema nesting and, up to a fixed
//! budget, through `$ref` targets (past it they are lowered from a worklist), and
//! lowering refuses inline nesting deeper than
//! `lower::MAX_INLINE_DEPTH`. That bounded recursion still needs more stack than the
//! 2 MiB a spawned thread (such as a test's) gets by default, so the pipeline does not
//! depend on its caller's stack: it runs on a thread of its own with this much.
//! The memory is reserved, not used, until a deep spec needs it.

/// Stack size of the threads generation runs on.
pub(crate) const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Runs `job` on a new thread with [`STACK_BYTES`] of stack and returns its result.
/// A panic in `job` is resumed on the caller's thread.
pub(crate) fn with_large_stack<T: Send>(job: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("codegen".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, job)
            .expect("the system can start a thread")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
