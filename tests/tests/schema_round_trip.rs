//! Round trips through the generated `schema_forms_client` crate: JSON a server sends
//! for each schema form decodes into the typed variant and re-encodes with no field lost.

use schema_forms_client::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

/// Decodes `input` as `T`, re-encodes it, and checks nothing changed.
#[track_caller]
fn round_trip<T: DeserializeOwned + Serialize>(input: Value) -> T {
    let value: T = serde_json::from_value(input.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&value).expect("encodes"), input);
    value
}

#[test]
fn a_discriminated_base_decodes_each_subtype_with_its_own_fields() {
    let dog = json!({"pet_type": "dog", "name": "Rex", "bark": "woof"});
    let Pet::Dog(decoded) = round_trip::<Pet>(dog) else {
        panic!("not a dog")
    };
    assert_eq!(decoded.bark, "woof");
    let cat = json!({"pet_type": "cat", "name": "Tom", "indoor": true});
    assert!(matches!(round_trip::<Pet>(cat), Pet::Cat(c) if c.indoor == Some(true)));
    let base = json!({"pet_type": "pet", "name": "Generic"});
    assert!(matches!(round_trip::<Pet>(base), Pet::Pet(_)));
    let puppy = json!({"pet_type": "Puppy", "name": "Bit", "bark": "yip", "age": 1});
    assert!(matches!(round_trip::<Pet>(puppy), Pet::Puppy(p) if p.age == Some(1)));
    let unknown = json!({"pet_type": "ferret", "name": "Slinky"});
    assert!(matches!(round_trip::<Pet>(unknown), Pet::Other(_)));
}

#[test]
fn a_subtype_built_by_the_user_sends_its_mapped_tag() {
    let pet = Pet::from(Dog::new("Rex", "woof"));
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        json!({"pet_type": "dog", "name": "Rex", "bark": "woof"})
    );
}

#[test]
fn a_base_used_in_a_field_and_a_list_keeps_every_field() {
    round_trip::<Owner>(json!({
        "pet": {"pet_type": "cat", "name": "Tom"},
        "shapes": [{"kind": "Circle", "radius": 1.5}, {"kind": "Square", "side": 2.0}]
    }));
}

#[test]
fn a_union_inside_all_of_keeps_the_shared_and_the_arm_fields() {
    let click = json!({"kind": "click", "id": "e1", "created": 5, "x": 3});
    let Event::Click(decoded) = round_trip::<Event>(click) else {
        panic!("not a click")
    };
    assert_eq!((decoded.id.as_str(), decoded.x), ("e1", 3));
    round_trip::<NotedPayment>(json!({"method": "bank", "iban": "DE00", "note": "rent"}));
}

#[test]
fn an_empty_one_of_with_a_mapping_decodes_the_mapped_schemas() {
    let dog = json!({"pet_type": "dog", "name": "Rex", "bark": "woof"});
    assert!(matches!(round_trip::<Animal>(dog), Animal::Dog(_)));
}

#[test]
fn read_only_fields_are_not_asked_for_nor_sent_unless_set() {
    let account = Account::new("Ada");
    assert_eq!(
        serde_json::to_value(&account).unwrap(),
        json!({"name": "Ada"})
    );
    // A response without the writeOnly password decodes.
    round_trip::<Account>(json!({"id": "a1", "name": "Ada"}));
}

#[test]
fn properties_given_by_ref_round_trip_as_fields() {
    let settings = round_trip::<Settings>(json!({"id": "s", "created": 1}));
    assert_eq!(settings.id.as_deref(), Some("s"));
}

#[test]
fn a_subtype_repeating_the_base_mapping_and_an_all_of_discriminator_round_trip() {
    assert!(matches!(
        round_trip::<Vehicle>(json!({"kind": "car", "wheels": 4})),
        Vehicle::Car(c) if c.wheels == Some(4)
    ));
    assert!(matches!(
        round_trip::<Notice>(json!({"method": "card", "id": "n", "number": "4242"})),
        Notice::Card(_)
    ));
}
