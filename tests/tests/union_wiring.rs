//! What the union wiring (`json_tagged!`, `json_untagged!`) sends and reads, on the
//! generated crate of `tests/clients/unions`: each way a tagged variant gets its tag,
//! and each kind of untagged dispatch line.

use serde_json::{json, Value};
use unions_client::types::{
    Circle, Flag, HasA, HasB, Holder, Keyed, Label, Loose, Numbers, Scalar, Shape, Square,
};

/// Decodes `value` from a `Value`, from text, from bytes, from a reader and with the
/// client's own reader (`decode::from_slice`), which must all agree, whatever the
/// deserializer.
fn decode<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(value: Value) -> T {
    let text = value.to_string();
    let from_client: T =
        unions_client::decode::from_slice(text.as_bytes()).expect("decodes as the client does");
    let from_value: T = serde_json::from_value(value).expect("decodes from a Value");
    let from_str: T = serde_json::from_str(&text).expect("decodes from text");
    let from_slice: T = serde_json::from_slice(text.as_bytes()).expect("decodes from bytes");
    let from_reader: T = serde_json::from_reader(text.as_bytes()).expect("decodes from a reader");
    assert_eq!(from_value, from_str);
    assert_eq!(from_value, from_slice);
    assert_eq!(from_value, from_reader);
    assert_eq!(from_value, from_client);
    from_value
}

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("encodes")
}

#[test]
fn a_variant_that_writes_its_own_tag_is_read_and_sent_with_it_once() {
    let wire = json!({"kind": "circle", "radius": 2.0});
    let shape: Shape = decode(wire.clone());
    let Shape::Circle(circle) = &shape else {
        panic!("{shape:?}")
    };
    assert_eq!(circle.radius, 2.0);
    assert!(circle.extra.is_empty());
    assert_eq!(encode(&shape), wire);
}

#[test]
fn a_tag_the_union_adds_is_written_first_and_kept_out_of_extra() {
    let shape: Shape = decode(json!({"kind": "square", "side": 3.0}));
    let Shape::Square(square) = &shape else {
        panic!("{shape:?}")
    };
    assert!(square.extra.is_empty(), "{:?}", square.extra);
    let sent = serde_json::to_string(&Shape::from(Square::new(3.0))).unwrap();
    assert_eq!(sent, r#"{"kind":"square","side":3.0}"#);
}

#[test]
fn a_tag_read_into_a_field_fills_it_and_is_sent_once() {
    let shape: Shape = decode(json!({"kind": "label", "text": "hi"}));
    let Shape::Label(label) = &shape else {
        panic!("{shape:?}")
    };
    assert_eq!(label.kind.as_deref(), Some("label"));
    let sent = serde_json::to_string(&shape).unwrap();
    assert_eq!(sent, r#"{"kind":"label","text":"hi"}"#);
    // Set by the caller to something else, the union's tag still wins.
    let built = Shape::from(Label::new("hi").kind("other"));
    assert_eq!(encode(&built), json!({"kind": "label", "text": "hi"}));
}

#[test]
fn an_unknown_or_missing_tag_is_kept_whole_and_sent_back() {
    for wire in [
        json!({"kind": "triangle", "sides": 3}),
        json!({"sides": 3}),
        json!("not even an object"),
    ] {
        let shape: Shape = decode(wire.clone());
        assert_eq!(shape, Shape::Other(wire.clone()));
        assert_eq!(encode(&shape), wire);
    }
}

#[test]
fn a_known_tag_with_a_bad_body_is_an_error_naming_the_tag() {
    let err =
        serde_json::from_value::<Shape>(json!({"kind": "circle", "radius": "big"})).unwrap_err();
    assert!(err.to_string().contains("kind `circle`"), "{err}");
}

#[test]
fn required_keys_pick_the_object_variant_and_other_objects_go_to_the_last() {
    assert_eq!(
        decode::<Keyed>(json!({"a": "x"})),
        Keyed::HasA(HasA::new("x"))
    );
    assert_eq!(
        decode::<Keyed>(json!({"b": "y"})),
        Keyed::HasB(HasB::new("y"))
    );
    // No variant's keys: the last object variant decides (a required property a
    // server left out is defaulted), keeping what it does not know, and explains a
    // failure.
    let loose = decode::<Keyed>(json!({"c": 1}));
    let Keyed::HasB(b) = &loose else {
        panic!("{loose:?}")
    };
    assert_eq!(b.extra["c"], json!(1));
    let err = serde_json::from_value::<Keyed>(json!({"c": 1, "b": 2})).unwrap_err();
    assert!(err.to_string().contains("HasB"), "{err}");
    let err = serde_json::from_value::<Keyed>(json!(5)).unwrap_err();
    assert_eq!(err.to_string(), "expected an object for Keyed");
}

#[test]
fn an_earlier_variant_of_a_kind_is_tried_and_the_last_decides() {
    assert_eq!(
        decode::<Numbers>(json!([1, 2])),
        Numbers::IntegerList(vec![1, 2])
    );
    assert_eq!(
        decode::<Numbers>(json!(["a"])),
        Numbers::StringList(vec!["a".into()])
    );
    let err = serde_json::from_value::<Numbers>(json!([true])).unwrap_err();
    assert!(err.to_string().contains("StringList"), "{err}");
}

#[test]
fn each_json_kind_goes_to_its_variant_and_any_takes_the_rest() {
    assert_eq!(decode::<Scalar>(json!(true)), Scalar::Bool(true));
    assert_eq!(decode::<Scalar>(json!(7)), Scalar::Integer(7));
    assert_eq!(decode::<Scalar>(json!("s")), Scalar::String("s".into()));
    assert_eq!(decode::<Scalar>(json!(1.5)), Scalar::Value(json!(1.5)));
    assert_eq!(decode::<Scalar>(json!(null)), Scalar::Value(json!(null)));
}

#[test]
fn a_variant_after_any_is_never_decoded_but_still_sent() {
    assert_eq!(decode::<Loose>(json!(true)), Loose::Value(json!(true)));
    let built = Loose::from(true);
    assert_eq!(built, Loose::Flag(Flag::Bool(true)));
    assert_eq!(encode(&built), json!(true));
}

#[test]
fn conversions_go_one_level_through_a_nested_union() {
    let holder = Holder::from(Circle::new(1.0));
    assert_eq!(holder, Holder::Shape(Shape::Circle(Circle::new(1.0))));
    assert_eq!(encode(&holder), json!({"kind": "circle", "radius": 1.0}));
    let list: Holder = decode(json!([{"kind": "square", "side": 1.0}]));
    assert_eq!(
        list,
        Holder::ShapeList(vec![Shape::Square(Square::new(1.0))])
    );
}

#[test]
fn a_tag_anywhere_in_the_object_with_escapes_and_nesting_is_found() {
    let wire = r#"{"side": 2.0, "nested": {"kind": "circle"}, "k\u0069nd": "square"}"#;
    let shape: Shape = serde_json::from_str(wire).unwrap();
    let Shape::Square(square) = &shape else {
        panic!("{shape:?}")
    };
    assert_eq!(square.side, 2.0);
    // Only the tag is hidden from the variant; a nested `kind` is kept.
    assert_eq!(square.extra["nested"], json!({"kind": "circle"}));
    assert!(!square.extra.contains_key("kind"));
    let listed: Vec<Shape> =
        serde_json::from_str(r#"[{"kind": "circle", "radius": 1.0}, {"kind": 5}, [1], null]"#)
            .unwrap();
    assert!(matches!(listed[0], Shape::Circle(_)));
    assert_eq!(listed[1], Shape::Other(json!({"kind": 5})));
    assert_eq!(listed[2], Shape::Other(json!([1])));
    assert_eq!(listed[3], Shape::Other(json!(null)));
}
