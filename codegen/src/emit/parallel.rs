//! Running independent emission jobs on all cores.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `job(0..count)` on up to one thread per core, each thread taking the next
/// unstarted job, and returns the results in job order. Tokens are not `Send`, so each
/// job builds and formats its own.
pub(crate) fn run<T: Send>(count: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(count.max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..count).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            // Deeply nested types recurse while formatting; see `stack.rs`.
            let worker = std::thread::Builder::new().stack_size(crate::stack::STACK_BYTES);
            let spawned = worker.spawn_scoped(scope, || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= count {
                    break;
                }
                let result = job(index);
                results
                    .lock()
                    .expect("no job panicked while holding the lock")[index] = Some(result);
            });
            spawned.expect("the system can start a thread");
        }
    });
    results
        .into_inner()
        .expect("no job panicked while holding the lock")
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_job_order() {
        assert_eq!(
            super::run(20, |i| i * 2),
            (0..20).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert!(super::run(0, |i| i).is_empty());
    }
}
