//! `cargo xtask bench [--quick] [--report]`: runs the `bench` crate's criterion
//! benchmarks (`bench/benches/compare.rs`), measures the generator's peak
//! memory, and prints one Markdown table of medians and ratios against the
//! baselines measured in the same run, with the goals met and missed.
//!
//! Ratios are always `baseline time / our time`: above 1 means we are faster.
//!
//! - `--quick`: CI-sized sample counts (`BENCH_QUICK=1`), a minute or two, and no
//!   instruction counts.
//! - `--report`: print the table from the last run's results, running nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{bench_instructions, workspace_root};

/// Criterion groups written by `bench/benches/compare.rs` and `generate.rs`.
const GROUPS: &[&str] = &[
    "response_decode_1kb",
    "response_decode_1mb",
    "stream_decode",
    "request_encode",
    "request_decode",
    "generate",
];

const META: &str = "gradient-bench-meta.tsv";
const MEMORY: &str = "gradient-bench-memory.tsv";

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut quick = false;
    let mut report_only = false;
    for arg in args {
        match arg.as_str() {
            "--quick" => quick = true,
            "--report" => report_only = true,
            other => {
                return Err(format!(
                    "unknown option {other}\nusage: cargo xtask bench [--quick] [--report]"
                ))
            }
        }
    }
    let root = workspace_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let home = target.join("criterion");
    let load_before = load_average();

    if !report_only {
        for group in GROUPS {
            let _ = std::fs::remove_dir_all(home.join(group));
        }
        let _ = std::fs::remove_file(home.join(META));
        let _ = std::fs::remove_file(home.join(MEMORY));
        run_benches(&root, &home, quick)?;
        let memory = measure_memory(&root, &target)?;
        std::fs::write(home.join(MEMORY), memory).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(home.join(bench_instructions::FILE));
        if !quick {
            let counts = bench_instructions::measure(&root, &target)?;
            std::fs::write(home.join(bench_instructions::FILE), counts)
                .map_err(|e| e.to_string())?;
        }
    }

    let results = Results::read(&home)?;
    let table = results.table();
    println!();
    if report_only {
        println!("Results of the last `cargo xtask bench` run (nothing was run now).\n");
    } else {
        println!("{}", machine(quick, &load_before));
    }
    println!("{table}");
    Ok(())
}

fn run_benches(root: &Path, home: &Path, quick: bool) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    eprintln!(
        "running `BENCH_QUICK={} cargo bench -p bench --bench compare --bench generate`",
        u8::from(quick)
    );
    let status = Command::new(cargo)
        .args([
            "bench", "-p", "bench", "--bench", "compare", "--bench", "generate",
        ])
        .current_dir(root)
        .env("BENCH_QUICK", if quick { "1" } else { "0" })
        .env("CRITERION_HOME", home)
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!("cargo bench failed ({status})"));
    }
    Ok(())
}

/// Peak resident memory of `xtask generate` (release build) for the OpenAI
/// spec and the project's spec, from `/usr/bin/time -v`, as `key\tvalue` lines.
fn measure_memory(root: &Path, target: &Path) -> Result<String, String> {
    let mut out = String::new();
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("note: /usr/bin/time is absent (apt-get install time): peak memory not measured");
        return Ok(out);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot build xtask: {e}"))?;
    if !status.success() {
        return Err("cargo build --release -p xtask failed".to_string());
    }
    let exe = target.join("release/xtask");
    let scratch = std::env::temp_dir().join(format!("gradient-bench-mem-{}", std::process::id()));
    let specs = [
        ("openai", root.join("../shared/specs/openai/openapi.yaml")),
        ("project", root.join("spec/openapi.yaml")),
    ];
    for (name, spec) in specs {
        if !spec.exists() {
            eprintln!(
                "note: {} is absent: its memory is not measured",
                spec.display()
            );
            continue;
        }
        let output = Command::new(time)
            .arg("-v")
            .arg(&exe)
            .arg("generate")
            .arg("--spec")
            .arg(&spec)
            .arg("--out")
            .arg(scratch.join(name))
            .output()
            .map_err(|e| format!("cannot run /usr/bin/time: {e}"))?;
        let report = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            eprintln!("note: generating {name} for the memory measure failed:\n{report}");
            continue;
        }
        for (label, key) in [
            ("Maximum resident set size (kbytes):", "max_rss_kb"),
            ("Elapsed (wall clock) time (h:mm:ss or m:ss):", "wall"),
        ] {
            if let Some(value) = report
                .lines()
                .find_map(|l| l.trim().strip_prefix(label))
                .map(str::trim)
            {
                let _ = writeln!(out, "{name}.{key}\t{value}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(out)
}

/// Medians (ns) by `group/function`, and the facts the bench wrote down.
struct Results {
    medians: BTreeMap<String, f64>,
    meta: BTreeMap<String, String>,
}

impl Results {
    fn read(home: &Path) -> Result<Results, String> {
        let mut medians = BTreeMap::new();
        for group in GROUPS {
            let Ok(functions) = std::fs::read_dir(home.join(group)) else {
                continue;
            };
            for function in functions.flatten() {
                let file = function.path().join("new/estimates.json");
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let median = median_of(&text)
                    .ok_or_else(|| format!("{}: no median point estimate", file.display()))?;
                let name = function.file_name().to_string_lossy().into_owned();
                medians.insert(format!("{group}/{name}"), median);
            }
        }
        if medians.is_empty() {
            return Err(format!(
                "no results under {}: run `cargo xtask bench` first",
                home.display()
            ));
        }
        let mut meta = BTreeMap::new();
        for file in [META, MEMORY, bench_instructions::FILE] {
            let text = std::fs::read_to_string(home.join(file)).unwrap_or_default();
            for line in text.lines() {
                if let Some((k, v)) = line.split_once('\t') {
                    meta.insert(k.to_string(), v.to_string());
                }
            }
        }
        Ok(Results { medians, meta })
    }

    fn get(&self, id: &str) -> Option<f64> {
        self.medians.get(id).copied()
    }

    fn num(&self, key: &str) -> Option<f64> {
        self.meta.get(key).and_then(|v| v.parse().ok())
    }

    fn table(&self) -> String {
        let mut rows: Vec<Row> = Vec::new();
        let mut goals: Vec<(String, Option<bool>)> = Vec::new();

        // 1. Response decode.
        for (group, label) in [
            ("response_decode_1kb", "Response decode, 1 KB"),
            ("response_decode_1mb", "Response decode, 1 MB"),
        ] {
            let size = self
                .num(&format!("{group}.bytes"))
                .map(bytes)
                .unwrap_or_default();
            let met = rows_vs(
                &mut rows,
                format!("{label} ({size})"),
                self.get(&format!("{group}/gradient")),
                "async-openai 0.43",
                self.get(&format!("{group}/async_openai")),
                1.1,
            );
            goals.push((format!("{label}: ≥ 1.1× async-openai"), met));
        }

        // 2. Stream decode.
        let stream_label = format!(
            "Stream decode, {} events ({}, {} reads of 1 B–16 KiB)",
            self.meta
                .get("stream_decode.events")
                .map_or("?", String::as_str),
            self.num("stream_decode.bytes")
                .map(bytes)
                .unwrap_or_default(),
            self.meta
                .get("stream_decode.reads")
                .map_or("?", String::as_str),
        );
        let ours = self.get("stream_decode/gradient");
        let met = rows_vs(
            &mut rows,
            stream_label.clone(),
            ours,
            "async-openai 0.43 (eventsource-stream + serde_json)",
            self.get("stream_decode/async_openai"),
            1.5,
        );
        goals.push(("Stream decode: ≥ 1.5× async-openai".into(), met));
        let met = rows_vs(
            &mut rows,
            stream_label,
            ours,
            "floor: serde_json of the payloads, no framing",
            self.get("stream_decode/floor_serde_json"),
            0.91,
        );
        goals.push(("Stream decode: ≥ 0.91× the floor".into(), met));

        // 3. Request encode.
        let met = rows_vs(
            &mut rows,
            format!(
                "Request encode, {} messages ({})",
                self.meta
                    .get("request_encode.messages")
                    .map_or("?", String::as_str),
                self.num("request_encode.bytes")
                    .map(bytes)
                    .unwrap_or_default()
            ),
            self.get("request_encode/gradient"),
            "async-openai 0.43",
            self.get("request_encode/async_openai"),
            1.0,
        );
        goals.push(("Request encode: ≥ 1.0× async-openai".into(), met));

        // Request decode: tagged unions (no goal of its own; it shows what unions cost).
        rows_vs(
            &mut rows,
            format!(
                "Request decode, 100 messages in unions tagged by `role` and `type` ({})",
                self.num("request_decode.bytes")
                    .map(bytes)
                    .unwrap_or_default()
            ),
            self.get("request_decode/gradient"),
            "async-openai 0.43",
            self.get("request_decode/async_openai"),
            f64::NAN,
        );

        // 4. Generation.
        for (name, label) in [
            ("project", "Generate spec/openapi.yaml"),
            ("openai", "Generate the OpenAI spec"),
        ] {
            let Some(ours) = self.get(&format!("generate/{name}")) else {
                if name == "openai" {
                    rows.push(Row::note(format!(
                        "{label}: skipped (../shared/specs/openai/openapi.yaml absent)"
                    )));
                    goals.push(("Generate the OpenAI spec in < 0.5 s".into(), None));
                    goals.push((
                        "Generate the OpenAI spec in ≤ 3× the serde_yaml floor (ratio ≥ 0.33)"
                            .into(),
                        None,
                    ));
                    goals.push(("Generation grows linearly with the spec".into(), None));
                }
                continue;
            };
            let size = self
                .num(&format!("{name}.bytes"))
                .map(bytes)
                .unwrap_or_default();
            let floor_goal = if name == "openai" {
                1.0 / 3.0
            } else {
                f64::NAN
            };
            let met = rows_vs(
                &mut rows,
                format!("{label} ({size}) to formatted code"),
                Some(ours),
                "floor: serde_yaml into a Value tree",
                self.get(&format!("generate/{name}_yaml_floor")),
                floor_goal,
            );
            if name == "openai" {
                goals.push((
                    "Generate the OpenAI spec in ≤ 3× the serde_yaml floor (ratio ≥ 0.33)".into(),
                    met,
                ));
                for (phase, what) in [
                    ("load", "read and parse into the located tree"),
                    ("lower", "the IR"),
                    ("emit", "tokens to formatted files"),
                ] {
                    if let Some(t) = self.get(&format!("generate/openai_{phase}")) {
                        rows.push(Row::note(format!(
                            "Generate the OpenAI spec, {phase} stage alone ({what}): {:.1} ms = {:.0}% of the whole",
                            t / 1e6,
                            100.0 * t / ours
                        )));
                    }
                }
                let met = ours < 0.5e9;
                rows.push(Row {
                    case: "Generate the OpenAI spec: absolute".into(),
                    ours: Some(ours),
                    against: "goal: under 0.5 s".into(),
                    theirs: Some(0.5e9),
                    ratio: Some(0.5e9 / ours),
                    goal: "< 0.5 s".into(),
                    met: Some(met),
                });
                goals.push(("Generate the OpenAI spec in < 0.5 s".into(), Some(met)));
                goals.push((
                    "Generation grows linearly with the spec".into(),
                    self.scaling(&mut rows),
                ));
            }
        }

        // Width: time per operation for 1,000 and 4,000 small operations.
        let mut per_op: Vec<f64> = Vec::new();
        for operations in [1000, 4000] {
            let name = format!("wide_{operations}");
            if let Some(t) = self.get(&format!("generate/{name}")) {
                let us = t / 1e3 / operations as f64;
                per_op.push(us);
                rows.push(Row::note(format!(
                    "Generate {operations} small operations (synthetic, `bench::wide_spec`): {:.0} ms, {us:.0} µs per operation",
                    t / 1e6
                )));
            }
        }
        if let [narrow, wide] = per_op.as_slice() {
            rows.push(Row::note(format!(
                "Width: time per operation at 4000 / at 1000 = {:.2} (linear: about 1; 20,000 operations took 29 s and 1.4 GiB before)",
                wide / narrow
            )));
        }

        // 5. Memory.
        for (name, label) in [
            ("openai", "the OpenAI spec"),
            ("project", "spec/openapi.yaml"),
        ] {
            if let Some(kb) = self.num(&format!("{name}.max_rss_kb")) {
                let wall = self
                    .meta
                    .get(&format!("{name}.wall"))
                    .map_or(String::new(), |w| format!(", {w} wall"));
                let size = self.num(&format!("{name}.bytes")).unwrap_or(0.0);
                let times = if size > 0.0 {
                    format!(" = {:.0}× the spec's size", kb * 1024.0 / size)
                } else {
                    String::new()
                };
                rows.push(Row::note(format!(
                    "Peak memory, `xtask generate` of {label}: {:.0} MiB{times} (max RSS, /usr/bin/time -v{wall})",
                    kb / 1024.0
                )));
                if name == "openai" {
                    goals.push((
                        "Peak memory generating the OpenAI spec ≤ 100 MiB".into(),
                        Some(kb <= 100.0 * 1024.0),
                    ));
                }
            }
        }

        let mut out = String::new();
        out.push_str(
            "| case | ours (median) | compared with | its median | ratio (theirs / ours) | goal | met |\n",
        );
        out.push_str("|---|---:|---|---:|---:|---|---|\n");
        for row in &rows {
            out.push_str(&row.render());
            out.push('\n');
        }
        let decided: Vec<_> = goals.iter().filter(|(_, m)| m.is_some()).collect();
        let met = decided.iter().filter(|(_, m)| *m == Some(true)).count();
        let _ = writeln!(out, "\nGoals met: {met} of {}", decided.len());
        for (goal, m) in &goals {
            let mark = match m {
                Some(true) => "met",
                Some(false) => "MISSED",
                None => "not measured",
            };
            let _ = writeln!(out, "- {mark}: {goal}");
        }
        out.push_str(&bench_instructions::table(|key| self.num(key)));
        out
    }

    /// Rows for the OpenAI spec cut to 10/25/50/100% of its paths. Growth is
    /// called linear when the time per MiB of spec never rises by more than
    /// 15% from one cut to the next larger one.
    fn scaling(&self, rows: &mut Vec<Row>) -> Option<bool> {
        let mut per_mb: Vec<f64> = Vec::new();
        for percent in [10, 25, 50, 100] {
            // The 100% cut is the spec itself, measured as `generate/openai`.
            let name = if percent == 100 {
                "openai".to_string()
            } else {
                format!("openai_{percent}")
            };
            let (Some(t), Some(size)) = (
                self.get(&format!("generate/{name}")),
                self.num(&format!("{name}.bytes")),
            ) else {
                continue;
            };
            let paths = self
                .meta
                .get(&format!("{name}.paths"))
                .map_or("?", String::as_str);
            let ms_per_mb = t / 1e6 / (size / 1048576.0);
            per_mb.push(ms_per_mb);
            rows.push(Row {
                case: format!(
                    "Generate the OpenAI spec cut to {percent}% of paths ({paths} paths, {}, all components{})",
                    bytes(size),
                    if percent == 100 { ": the whole spec" } else { "" }
                ),
                ours: Some(t),
                against: format!("{ms_per_mb:.0} ms per MiB of spec"),
                theirs: None,
                ratio: None,
                goal: String::new(),
                met: None,
            });
        }
        if per_mb.len() < 2 {
            return None;
        }
        Some(per_mb.windows(2).all(|w| w[1] <= w[0] * 1.15))
    }
}

/// Pushes a comparison row; returns whether the goal (`ratio >= goal`) is
/// met, or `None` when a side is missing or there is no goal (`NaN`).
fn rows_vs(
    rows: &mut Vec<Row>,
    case: String,
    ours: Option<f64>,
    against: &str,
    theirs: Option<f64>,
    goal: f64,
) -> Option<bool> {
    let ratio = match (ours, theirs) {
        (Some(o), Some(t)) if o > 0.0 => Some(t / o),
        _ => None,
    };
    let met = if goal.is_nan() {
        None
    } else {
        ratio.map(|r| r >= goal)
    };
    rows.push(Row {
        case,
        ours,
        against: against.to_string(),
        theirs,
        ratio,
        goal: if goal.is_nan() {
            String::new()
        } else {
            format!("≥ {goal:.2}")
        },
        met,
    });
    met
}

struct Row {
    case: String,
    ours: Option<f64>,
    against: String,
    theirs: Option<f64>,
    ratio: Option<f64>,
    goal: String,
    met: Option<bool>,
}

impl Row {
    fn note(case: String) -> Row {
        Row {
            case,
            ours: None,
            against: String::new(),
            theirs: None,
            ratio: None,
            goal: String::new(),
            met: None,
        }
    }

    fn render(&self) -> String {
        let t = |v: Option<f64>| v.map(duration).unwrap_or_default();
        format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            self.case,
            t(self.ours),
            self.against,
            t(self.theirs),
            self.ratio.map(|r| format!("{r:.2}×")).unwrap_or_default(),
            self.goal,
            match self.met {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "",
            }
        )
    }
}

/// The median's point estimate (ns) in criterion's `estimates.json`:
/// `{"mean":{...},"median":{"confidence_interval":{...},"point_estimate":N,...},...}`.
fn median_of(json: &str) -> Option<f64> {
    let at = json.find("\"median\":")?;
    let rest = &json[at..];
    let at = rest.find("\"point_estimate\":")? + "\"point_estimate\":".len();
    let rest = rest[at..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

fn duration(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn bytes(n: f64) -> String {
    if n >= 1048576.0 {
        format!("{:.2} MiB", n / 1048576.0)
    } else if n >= 1024.0 {
        format!("{:.1} KiB", n / 1024.0)
    } else {
        format!("{n:.0} B")
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| {
            let parts: Vec<&str> = s.split_whitespace().take(3).collect();
            (parts.len() == 3).then(|| parts.join(" "))
        })
        .unwrap_or_else(|| "?".to_string())
}

/// One line about the machine and the run.
fn machine(quick: bool, load_before: &str) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "Machine: {cores} cores, {cpu}, {rustc}; load average {load_before} before, {} after{}. \
         Medians of one run; ratios compare sides measured in that same run.\n",
        load_average(),
        if quick { "; --quick (10 samples)" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_median() {
        let json = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0},"point_estimate":30270118.6,"standard_error":1.0},"median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":2.0,"upper_bound":3.0},"point_estimate":27396428.625,"standard_error":2.5},"slope":null}"#;
        assert_eq!(median_of(json), Some(27396428.625));
        assert_eq!(median_of("{}"), None);
        assert_eq!(duration(1_500.0), "1.50 µs");
        assert_eq!(duration(2.5e9), "2.500 s");
    }
}
