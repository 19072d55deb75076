//! Instruction counts for the decode comparisons of `cargo xtask bench`, from valgrind's
//! cachegrind: on a shared machine wall-clock ratios near 1 swing by more than the goals'
//! margins between runs, while instruction counts do not move.
//!
//! Each case of `bench/examples/profile.rs` runs once with one iteration and once with
//! `n`; the difference divided by `n - 1` is the count of one iteration, setup left out.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// File (under the criterion home) the counts are written to, as `case.side\tcount`.
pub(crate) const FILE: &str = "gradient-bench-instructions.tsv";

/// A compared case: the profile case, our side, the baseline sides, iterations, goal.
struct Case {
    case: &'static str,
    label: &'static str,
    against: &'static [(&'static str, &'static str, f64)],
    iterations: usize,
}

const CASES: &[Case] = &[
    Case {
        case: "decode_1kb",
        label: "Response decode, 1 KB",
        against: &[("async_openai", "async-openai 0.43", 1.1)],
        iterations: 2001,
    },
    Case {
        case: "decode_1mb",
        label: "Response decode, 1 MB",
        against: &[("async_openai", "async-openai 0.43", 1.1)],
        iterations: 3,
    },
    Case {
        case: "stream",
        label: "Stream decode, 10000 events",
        against: &[
            ("async_openai", "async-openai 0.43", 1.5),
            ("floor", "floor: serde_json of the payloads", 0.91),
        ],
        iterations: 2,
    },
    Case {
        case: "decode_request",
        label: "Request decode, 100 messages",
        against: &[("async_openai", "async-openai 0.43", f64::NAN)],
        iterations: 101,
    },
];

/// Counts every case, as the lines of [`FILE`]; empty (with a note) without valgrind.
pub(crate) fn measure(root: &Path, target: &Path) -> Result<String, String> {
    let mut out = String::new();
    let have_valgrind = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_valgrind {
        eprintln!("note: valgrind is absent (apt-get install valgrind): instructions not counted");
        return Ok(out);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "bench",
            "--example",
            "profile",
        ])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot build the profile example: {e}"))?;
    if !status.success() {
        return Err("cargo build --release -p bench --example profile failed".to_string());
    }
    let exe = target.join("release/examples/profile");
    for case in CASES {
        let sides = std::iter::once("gradient").chain(case.against.iter().map(|a| a.0));
        for side in sides {
            let once = count(&exe, case.case, side, 1)?;
            let many = count(&exe, case.case, side, case.iterations)?;
            let per = many.saturating_sub(once) / (case.iterations as u64 - 1);
            let _ = writeln!(out, "{}.{side}\t{per}", case.case);
        }
    }
    Ok(out)
}

/// Instructions of one run of the profile example.
fn count(exe: &Path, case: &str, side: &str, iterations: usize) -> Result<u64, String> {
    let output = Command::new("valgrind")
        .args([
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
        ])
        .arg(exe)
        .args([case, side, &iterations.to_string()])
        .output()
        .map_err(|e| format!("cannot run valgrind: {e}"))?;
    let report = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "profile {case} {side} failed under valgrind:\n{report}"
        ));
    }
    refs(&report).ok_or_else(|| format!("no instruction count in valgrind's report:\n{report}"))
}

/// The `I refs` total of a cachegrind report (`==12== I   refs:      494,697,718`).
fn refs(report: &str) -> Option<u64> {
    report.lines().find_map(|line| {
        // `==pid==`, `I`, `refs:`, the count.
        match line.split_whitespace().collect::<Vec<_>>()[..] {
            [_, "I", "refs:", count] => count.replace(',', "").parse().ok(),
            _ => None,
        }
    })
}

/// The table of counts and ratios (`theirs / ours`: above 1 means fewer instructions of
/// ours), from the lines [`measure`] wrote; empty when there are none.
pub(crate) fn table(counts: impl Fn(&str) -> Option<f64>) -> String {
    let mut out = String::new();
    let mut verdicts = Vec::new();
    for case in CASES {
        let Some(ours) = counts(&format!("{}.gradient", case.case)) else {
            continue;
        };
        for (side, name, goal) in case.against {
            let Some(theirs) = counts(&format!("{}.{side}", case.case)) else {
                continue;
            };
            let ratio = theirs / ours;
            let (goal_text, met) = if goal.is_nan() {
                (String::new(), "")
            } else {
                verdicts.push((format!("{}: ≥ {goal}× {name}", case.label), ratio >= *goal));
                (
                    format!("≥ {goal:.2}"),
                    if ratio >= *goal { "yes" } else { "**no**" },
                )
            };
            let _ = writeln!(
                out,
                "| {} | {} | {name} | {} | {ratio:.2}× | {goal_text} | {met} |",
                case.label,
                thousands(ours),
                thousands(theirs),
            );
        }
    }
    if out.is_empty() {
        return out;
    }
    let met = verdicts.iter().filter(|(_, m)| *m).count();
    let mut text = String::from(
        "\nInstructions per iteration (cachegrind; steadier than the medians above on a shared \
         machine):\n\n| case | ours | compared with | theirs | ratio (theirs / ours) | goal | met |\n\
         |---|---:|---|---:|---:|---|---|\n",
    );
    text.push_str(&out);
    let _ = writeln!(
        text,
        "\nBy instruction count: {met} of {} met",
        verdicts.len()
    );
    for (goal, m) in verdicts {
        let _ = writeln!(text, "- {}: {goal}", if m { "met" } else { "MISSED" });
    }
    text
}

fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_is_read_from_a_cachegrind_report() {
        let report = "==9768== Cachegrind, a high-precision tracing profiler\n\
                      ==9768== \n==9768== I   refs:      494,697,718\n";
        assert_eq!(refs(report), Some(494_697_718));
        assert_eq!(refs("no count here"), None);
    }

    #[test]
    fn ratios_and_verdicts_come_from_the_counts() {
        let counts = |key: &str| match key {
            "decode_1kb.gradient" => Some(21_000.0),
            "decode_1kb.async_openai" => Some(23_996.0),
            // 1.0999×: printed as 1.10×, but short of the goal.
            "decode_1mb.gradient" => Some(21_816.0),
            "decode_1mb.async_openai" => Some(23_996.0),
            "stream.gradient" => Some(96_900_000.0),
            "stream.floor" => Some(90_100_000.0),
            "stream.async_openai" => Some(150_000_000.0),
            _ => None,
        };
        let text = table(counts);
        assert!(text.contains("| Response decode, 1 KB | 21,000 | async-openai 0.43 | 23,996 | 1.14× | ≥ 1.10 | yes |"), "{text}");
        assert!(
            text.contains("| 21,816 | async-openai 0.43 | 23,996 | 1.10× | ≥ 1.10 | **no** |"),
            "{text}"
        );
        assert!(text.contains("| 96,900,000 | floor: serde_json of the payloads | 90,100,000 | 0.93× | ≥ 0.91 | yes |"), "{text}");
        assert!(text.contains("By instruction count: 3 of 4 met"), "{text}");
        assert!(
            text.contains("- MISSED: Response decode, 1 MB: ≥ 1.1× async-openai 0.43"),
            "{text}"
        );
        assert_eq!(table(|_| None), "");
    }
}
