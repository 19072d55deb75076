//! Type names on a large real API (OpenAI's): the names the generator chooses for inline
//! schemas stay short (at most 5% of all names beyond 40 characters, counting only
//! chosen ones: component names are the API's vocabulary and kept as written), and no
//! name repeats a segment (`…StaticStatic`).
//!
//! The spec lives in the shared corpus beside the checkout (`shared/specs/` in an
//! ancestor folder, or `NAMES_CORPUS` names the folder); without it the test says so and passes.

use std::path::PathBuf;

use codegen::ir::Api;

fn openai_spec() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("NAMES_CORPUS") {
        return Some(PathBuf::from(dir).join("openai/openapi.yaml"));
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("shared/specs/openai/openapi.yaml"))
        .find(|path| path.is_file())
}

fn openai() -> Option<Api> {
    let Some(spec) = openai_spec() else {
        eprintln!("shared/specs/openai/openapi.yaml not found; name statistics not computed");
        return None;
    };
    Some(codegen::build_ir(&spec, &codegen::Config::named("openai")).expect("OpenAI spec lowers"))
}

/// Capitalised words of a PascalCase name.
fn words(name: &str) -> Vec<&str> {
    let starts: Vec<usize> = name
        .char_indices()
        .filter(|(i, c)| *i == 0 || c.is_ascii_uppercase())
        .map(|(i, _)| i)
        .chain([name.len()])
        .collect();
    starts.windows(2).map(|w| &name[w[0]..w[1]]).collect()
}

#[test]
fn at_most_five_percent_of_openai_type_names_are_chosen_longer_than_40_characters() {
    let Some(api) = openai() else { return };
    let stats = api.name_stats(40);
    eprintln!(
        "{} of {} type names exceed 40 characters ({:.1}%), {} of them component names the \
         spec chose; chosen names over 40: {:.1}%; longest chosen ({}): {}; longest ({}): {}",
        stats.over_limit,
        stats.total,
        stats.percent_over(),
        stats.spec_chosen_over_limit,
        stats.percent_chosen_over(),
        stats.longest_chosen.len(),
        stats.longest_chosen,
        stats.longest.len(),
        stats.longest,
    );
    assert!(
        stats.percent_chosen_over() <= 5.0,
        "{:.1}% of type names are chosen longer than 40 characters",
        stats.percent_chosen_over()
    );
}

#[test]
fn openai_component_names_are_kept_as_the_spec_wrote_them() {
    let Some(api) = openai() else { return };
    for ty in api.types.iter().filter(|t| t.is_component()) {
        let key = ty.source.rsplit('/').next().unwrap();
        let natural = codegen::lower::type_name(key);
        // A name the runtime uses itself (`Error`) gets a `Type` suffix.
        assert!(
            ty.name == natural || ty.name == format!("{natural}Type"),
            "{}: {} is not {natural}",
            ty.source,
            ty.name
        );
    }
}

#[test]
fn no_chosen_openai_type_name_repeats_a_segment() {
    let Some(api) = openai() else { return };
    let repeating: Vec<&str> = api
        .types
        .iter()
        .filter(|t| !t.is_component())
        .map(|t| t.name.as_str())
        .filter(|name| {
            let w = words(name);
            (1..=3).any(|k| {
                (0..w.len()).any(|i| i + 2 * k <= w.len() && w[i..i + k] == w[i + k..i + 2 * k])
            })
        })
        .collect();
    assert!(
        repeating.is_empty(),
        "names repeating a segment: {repeating:?}"
    );
}
