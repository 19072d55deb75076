//! The tree builder names a duplicate key's mapping by a pointer derived from the
//! open containers (a list item by its index, a key with `/` escaped), now that
//! containers no longer store their own segment.

use std::path::PathBuf;

#[test]
fn a_duplicate_key_in_a_list_item_under_an_escaped_key_names_its_pointer() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/lowerspeed/duplicate_in_list.yaml");
    let api = codegen::build_ir(&path, &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{err}"));
    let warning = api
        .warnings
        .iter()
        .find(|w| w.message.contains("duplicate key"))
        .expect("a duplicate-key warning");
    assert_eq!(
        warning.location,
        "duplicate_in_list.yaml#/paths/~1a~1b/get/parameters/1"
    );
    assert_eq!(
        warning.message,
        "line 10: duplicate key `in`; the later value is kept"
    );
}
