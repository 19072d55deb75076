use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn ir(name: &str) -> codegen::ir::Api {
    codegen::build_ir(&fixture(name), &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

macro_rules! dump {
    ($name:ident, $file:expr) => {
        #[test]
        fn $name() {
            let api = ir($file);
            insta::assert_yaml_snapshot!(stringify!($name), api);
            let code = codegen::emit::emit_types(&api).unwrap();
            std::fs::write(format!("/tmp/scratch/{}.rs", stringify!($name)), code).unwrap();
        }
    };
}
dump!(discriminator_mapping, "discriminator_mapping.yaml");
dump!(discriminator_no_mapping, "discriminator_no_mapping.yaml");
dump!(inferred_tag, "inferred_tag.yaml");
dump!(untagged, "untagged.yaml");
dump!(nested_unions, "nested_unions.yaml");
dump!(all_of, "all_of.yaml");
dump!(nullable_30, "nullable_30.yaml");
dump!(nullable_31, "nullable_31.yaml");
dump!(mixed_nullability, "mixed_nullability.yaml");
dump!(additional_properties, "additional_properties.yaml");
dump!(recursion, "recursion.yaml");
dump!(integer_formats, "integer_formats.yaml");
dump!(constants, "constants.yaml");
dump!(name_collisions, "name_collisions.yaml");
dump!(keywords, "keywords.yaml");
dump!(open_enum, "open_enum.yaml");
dump!(multi, "multi/api.yaml");
dump!(operation, "operation.yaml");
