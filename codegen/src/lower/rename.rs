//! Renaming types across the whole IR: inline types carry provisional names while
//! lowering (their final names depend on all their users), and get final ones here.

use rustc_hash::FxHashMap as HashMap;

use crate::ir::{BodyKind, Extra, Operation, PartKind, ResponseKind, TypeDef, TypeKind, TypeRef};

/// Replaces every type name found in `map` by its value, in definitions and in uses.
pub(crate) fn rename_types(
    types: &mut [TypeDef],
    operations: &mut [Operation],
    map: &HashMap<String, String>,
) {
    if map.is_empty() {
        return;
    }
    let name = |name: &mut String| {
        if let Some(new) = map.get(name.as_str()) {
            name.clone_from(new);
        }
    };
    for def in types.iter_mut() {
        name(&mut def.name);
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    rename_ref(&mut field.ty, map);
                }
                if let Extra::Typed(ty) = &mut s.extra {
                    rename_ref(ty, map);
                }
            }
            TypeKind::Enum(_) => {}
            TypeKind::Tagged(t) => {
                for variant in &mut t.variants {
                    name(&mut variant.ty);
                }
            }
            TypeKind::Untagged(u) => {
                for variant in &mut u.variants {
                    rename_ref(&mut variant.ty, map);
                }
            }
            TypeKind::Alias(ty) => rename_ref(ty, map),
        }
    }
    for op in operations.iter_mut() {
        for param in &mut op.path_params {
            rename_ref(&mut param.ty, map);
        }
        if let Some(query) = &mut op.query {
            name(query);
        }
        for param in &mut op.params {
            rename_ref(&mut param.ty, map);
        }
        if let Some(body) = &mut op.body {
            match &mut body.kind {
                BodyKind::Json(ty) | BodyKind::Form { ty, .. } => rename_ref(ty, map),
                BodyKind::Multipart(form) => {
                    for field in &mut form.fields {
                        if let PartKind::Text(ty) | PartKind::Json(ty) = &mut field.kind {
                            rename_ref(ty, map);
                        }
                    }
                }
                _ => {}
            }
        }
        match &mut op.response {
            Some(ResponseKind::Json(ty)) => rename_ref(ty, map),
            Some(ResponseKind::Outcomes(outcomes)) => {
                for ty in outcomes.variants.iter_mut().filter_map(|v| v.body.as_mut()) {
                    rename_ref(ty, map);
                }
            }
            _ => {}
        }
        if let Some(stream) = &mut op.stream {
            rename_ref(&mut stream.item, map);
        }
        for error in &mut op.errors {
            if let Some(ty) = &mut error.body {
                rename_ref(ty, map);
            }
        }
    }
}

/// Renames the names inside one type expression.
pub(crate) fn rename_ref(ty: &mut TypeRef, map: &HashMap<String, String>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(new) = map.get(name.as_str()) {
                name.clone_from(new);
            }
        }
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            rename_ref(inner, map)
        }
        TypeRef::String | TypeRef::Integer(_) | TypeRef::Number | TypeRef::Bool | TypeRef::Any => {}
    }
}
