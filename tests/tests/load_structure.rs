//! Structurally wrong documents are errors naming the pointer, never a method that
//! silently does the wrong thing.

use std::path::{Path, PathBuf};

use codegen::{Config, Error};

fn bad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/load/bad")
        .join(name)
}

fn error_of(name: &str) -> String {
    match codegen::build_ir(&bad(name), &Config::named("fixture")) {
        Ok(api) => panic!("{name} should not load; warnings {:#?}", api.warnings),
        Err(err) => {
            assert!(matches!(err, Error::Load(_)), "{err:?}");
            err.to_string()
        }
    }
}

#[test]
fn each_wrong_shape_is_an_error_naming_its_pointer() {
    for (file, expected) in [
        (
            "operation_string.yaml",
            "operation_string.yaml#/paths/~1pets/get: an operation must be an object (a mapping), found a string",
        ),
        (
            "operation_list.yaml",
            "operation_list.yaml#/paths/~1pets/post: an operation must be an object (a mapping), found a list",
        ),
        (
            "responses_list.yaml",
            "responses_list.yaml#/paths/~1pets/get/responses: a responses object must be an object (a mapping), found a list",
        ),
        (
            "parameters_map.yaml",
            "parameters_map.yaml#/paths/~1pets/get/parameters: a parameter list must be a list, found a mapping",
        ),
        (
            "path_item_list.yaml",
            "path_item_list.yaml#/paths/~1pets: a path item must be an object (a mapping), found a list",
        ),
        (
            "content_string.yaml",
            "content_string.yaml#/paths/~1pets/get/responses/200/content: a content map must be an object (a mapping), found a string",
        ),
        (
            "in_body.yaml",
            "in_body.yaml#/paths/~1pets/post/parameters/0: `in: body` is a Swagger 2 parameter; OpenAPI 3 sends bodies and forms as `requestBody`",
        ),
        (
            "in_form_data.yaml",
            "in_form_data.yaml#/paths/~1pets/post/parameters/0: `in: formData` is a Swagger 2 parameter",
        ),
    ] {
        let err = error_of(file);
        assert!(err.contains(expected), "{file}:\n{err}\nwanted: {expected}");
    }
}

#[test]
fn a_parameter_with_an_unknown_place_or_no_name_is_an_error() {
    let err = error_of("parameter_in_bogus.yaml");
    assert!(err.contains("parameter_in_bogus.yaml#/paths/~1pets/get/parameters/0: a parameter's `in` must be one of query, header, path, cookie, querystring, found bogus"), "{err}");
    assert!(err.contains("parameter_in_bogus.yaml#/paths/~1pets/get/parameters/1: a parameter needs a string `name`"), "{err}");
}

#[test]
fn several_problems_are_listed_together() {
    let err = error_of("ref_not_string.yaml");
    assert!(
        err.starts_with("load: 2 problems in the spec:\n  "),
        "{err}"
    );
}
