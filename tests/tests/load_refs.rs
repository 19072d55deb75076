//! What `$ref`s the loader follows and what they may point at: data and extensions are
//! never followed, files are read only when regular and under the spec's folder, and a
//! `$ref` naming the wrong kind of node is an error naming the `$ref`'s pointer.

use std::path::{Path, PathBuf};

use codegen::{Config, Error};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/load")
        .join(name)
}

fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("load_refs")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn lenient() -> Config {
    Config::named("fixture")
}

/// The lenient config, with `$ref`s outside the spec's folder allowed: what is checked
/// of a file then is that it is a regular one.
fn allowing_outside() -> Config {
    let mut config = lenient();
    config.allow_refs_outside_spec_dir = true;
    config
}

fn error_with(path: &Path, config: &Config) -> Error {
    match codegen::build_ir(path, config) {
        Ok(api) => panic!(
            "{} should not load; warnings {:#?}",
            path.display(),
            api.warnings
        ),
        Err(err) => err,
    }
}

fn error_of(path: &Path) -> String {
    let err = error_with(path, &lenient());
    assert!(matches!(err, Error::Load(_)), "{err:?}");
    err.to_string()
}

#[test]
fn refs_inside_examples_defaults_enums_consts_and_extensions_are_not_followed() {
    let mut config = lenient();
    config.strict = true;
    let api = codegen::build_ir(&fixture("data_refs.yaml"), &config)
        .unwrap_or_else(|err| panic!("{err}"));
    // A property *named* `default` is a schema, and its `$ref` is followed.
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    assert!(format!("{pet:?}").contains("Named(\"Tag\")"), "{pet:?}");
}

#[test]
fn ref_to_info_is_an_error_naming_the_ref() {
    assert_eq!(
        error_of(&fixture("bad/ref_info.yaml")),
        "load: ref_info.yaml#/components/schemas/Pet/properties/meta: $ref `#/info` points at \
         the `info` object, where a schema is expected"
    );
}

#[test]
fn ref_to_the_document_itself_is_an_error() {
    assert_eq!(
        error_of(&fixture("bad/ref_root.yaml")),
        "load: ref_root.yaml#/components/schemas/Pet: $ref `#` points at the whole document, \
         where a schema is expected"
    );
}

#[test]
fn ref_to_paths_is_an_error() {
    let err = error_of(&fixture("bad/ref_paths.yaml"));
    assert!(err.contains("ref_paths.yaml#/components/schemas/Pet/items: $ref `#/paths` points at the paths object"), "{err}");
}

#[test]
fn a_ref_that_is_not_a_string_is_an_error_naming_each_pointer() {
    let err = error_of(&fixture("bad/ref_not_string.yaml"));
    assert!(err.contains("ref_not_string.yaml#/components/schemas/Pet/properties/owner: `$ref` must be a string, found a number"), "{err}");
    assert!(err.contains("ref_not_string.yaml#/components/schemas/Pet/properties/tags: `$ref` must be a string, found a list"), "{err}");
}

#[test]
fn a_response_ref_to_a_schema_and_back_are_errors() {
    let err = error_of(&fixture("bad/response_ref_schema.yaml"));
    assert!(err.contains("response_ref_schema.yaml#/paths/~1pets/get/responses/200: $ref `#/components/schemas/Pet` points at a schema, where a response is expected"), "{err}");
    let err = error_of(&fixture("bad/schema_ref_response.yaml"));
    assert!(err.contains("schema_ref_response.yaml#/components/schemas/Pet: $ref `#/components/responses/Ok` points at a response, where a schema is expected"), "{err}");
    let err = error_of(&fixture("bad/parameter_ref_schema.yaml"));
    assert!(err.contains("parameter_ref_schema.yaml#/paths/~1pets/get/parameters/0: $ref `#/components/schemas/Limit` points at a schema, where a parameter is expected"), "{err}");
}

#[test]
fn ref_to_dev_zero_is_refused_without_reading_it() {
    let err = error_of(&fixture("bad/ref_dev_zero.yaml"));
    assert!(err.contains("is outside the root spec's folder"), "{err}");
    let err = error_with(&fixture("bad/ref_dev_zero.yaml"), &allowing_outside()).to_string();
    assert!(
        err.contains(
            "ref_dev_zero.yaml#/components/schemas/Pet: $ref `/dev/zero` cannot be loaded"
        ),
        "{err}"
    );
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn ref_to_dev_stdin_and_a_fifo_never_block() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
         A: {$ref: '/dev/stdin'}\n    B: {$ref: 'pipe.yaml'}\n",
    )
    .unwrap();
    let err = error_with(&spec, &allowing_outside()).to_string();
    assert!(
        err.contains("/dev/stdin") && err.contains("not a regular file"),
        "{err}"
    );
    if made.is_ok_and(|s| s.success()) {
        std::fs::write(
            &spec,
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
             B: {$ref: 'pipe.yaml'}\n",
        )
        .unwrap();
        let err = error_of(&spec);
        assert!(err.contains("pipe.yaml: not a regular file"), "{err}");
    }
}

#[test]
fn ref_to_a_folder_is_refused() {
    let err = error_with(&fixture("bad/ref_dir.yaml"), &allowing_outside()).to_string();
    assert!(err.contains("ref_dir.yaml#/components/schemas/Pet: $ref `../dir_ref` cannot be loaded: ../dir_ref: not a regular file"), "{err}");
}

#[test]
fn ref_outside_the_spec_folder_is_refused_unless_the_config_allows_it() {
    let err = error_of(&fixture("bad/ref_outside.yaml"));
    assert!(
        err.contains("ref_outside.yaml#/components/schemas/Pet: $ref `../outside.yaml#/Pet` cannot be loaded: ../outside.yaml is outside the root spec's folder"),
        "{err}"
    );
    assert!(err.contains("allow_refs_outside_spec_dir: true"), "{err}");
    let mut config = lenient();
    config.allow_refs_outside_spec_dir = true;
    let api = codegen::build_ir(&fixture("bad/ref_outside.yaml"), &config)
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(api.types.iter().any(|t| t.name == "Pet"));
}

#[test]
fn a_ref_steps_out_of_the_folder_as_many_times_as_it_says_and_is_refused_before_any_lookup() {
    // `a/b/openapi.yaml` refers three levels up: outside, whether or not the file exists.
    let dir = scratch("steps_out");
    let nested = dir.join("a").join("b");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(dir.join("shared.yaml"), "X: {type: string}\n").unwrap();
    for reference in ["../../shared.yaml#/X", "../../../missing/none.yaml#/X"] {
        let spec = nested.join("openapi.yaml");
        std::fs::write(
            &spec,
            format!(
                "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  \
                 schemas:\n    A: {{$ref: '{reference}'}}\n"
            ),
        )
        .unwrap();
        let err = error_of(&spec);
        let file = reference.split('#').next().unwrap();
        assert!(
            err.contains(&format!("{file} is outside the root spec's folder")),
            "{err}"
        );
    }
    // Allowed, the two steps land on the file two levels up.
    let mut config = lenient();
    config.allow_refs_outside_spec_dir = true;
    std::fs::write(
        nested.join("openapi.yaml"),
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  \
         schemas:\n    A: {$ref: '../../shared.yaml#/X'}\n",
    )
    .unwrap();
    codegen::build_ir(&nested.join("openapi.yaml"), &config).unwrap_or_else(|err| panic!("{err}"));
}

#[test]
fn the_config_switch_is_read_from_yaml() {
    let dir = scratch("config");
    let path = dir.join("config.yaml");
    std::fs::write(
        &path,
        "crate_name: demo\nallow_refs_outside_spec_dir: true\n",
    )
    .unwrap();
    assert!(Config::read(&path).unwrap().allow_refs_outside_spec_dir);
}

#[test]
fn a_needed_file_that_is_not_yaml_is_an_error_naming_the_ref() {
    let err = error_of(&fixture("bad/ref_not_yaml.yaml"));
    assert!(err.contains("ref_not_yaml.yaml#/components/schemas/Pet: $ref `not_yaml.ts` cannot be loaded: not_yaml.ts: invalid YAML/JSON"), "{err}");
}

#[test]
fn an_unneeded_file_that_cannot_be_read_is_no_error() {
    let dir = scratch("lazy");
    let spec = dir.join("spec.yaml");
    std::fs::write(dir.join("code.ts"), "const a = {: [\n").unwrap();
    std::fs::write(
        &spec,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  examples:\n    \
         A: {$ref: 'missing.yaml'}\n    B: {$ref: 'code.ts'}\n  links:\n    L: {$ref: 'nope.yaml'}\n",
    )
    .unwrap();
    let mut config = lenient();
    config.strict = true;
    codegen::build_ir(&spec, &config).unwrap_or_else(|err| panic!("{err}"));
}

#[test]
fn a_huge_size_limit_is_documented() {
    assert_eq!(codegen::load::limits::MAX_FILE_BYTES, 256 * 1024 * 1024);
    assert_eq!(codegen::load::limits::MAX_DEPTH, 200);
}

#[test]
fn a_properties_map_given_by_ref_loads_the_file_it_names() {
    let dir = scratch("map_by_ref");
    std::fs::write(dir.join("props.yaml"), "name: {type: string}\n").unwrap();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    \
         A:\n      type: object\n      properties: {$ref: 'props.yaml'}\n",
    )
    .unwrap();
    let loaded = codegen::load::load(&spec).unwrap_or_else(|err| panic!("{err}"));
    assert!(loaded.files.iter().any(|f| f.name == "props.yaml"));
}
