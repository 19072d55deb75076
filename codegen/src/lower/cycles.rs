//! Recursive types: a field or variant that leads back to its own type is boxed,
//! and type aliases that would expand forever are replaced by JSON values.

use std::collections::HashMap;

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Sets `boxed` on every direct (not through `Vec` or a map) reference that stays
/// within a cycle, and breaks alias-only cycles.
/// Returns the names of aliases replaced by JSON values.
pub(crate) fn box_recursive_references(types: &mut [TypeDef]) -> Vec<String> {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let direct: Vec<Vec<usize>> = types
        .iter()
        .map(|t| direct_edges(&t.kind, &index))
        .collect();
    let component = strongly_connected(&direct);
    let alias_cycles = alias_cycle_members(types, &index);

    let same = |from: usize, ty: &TypeRef| {
        direct_target(ty)
            .and_then(|n| index.get(n))
            .is_some_and(|&to| component[to] == component[from])
    };
    let boxes: Vec<(usize, Vec<bool>)> = types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let flags = match &t.kind {
                TypeKind::Struct(s) => s.fields.iter().map(|f| same(i, &f.ty)).collect(),
                TypeKind::Untagged(u) => u.variants.iter().map(|v| same(i, &v.ty)).collect(),
                TypeKind::Tagged(u) => u
                    .variants
                    .iter()
                    .map(|v| same(i, &TypeRef::Named(v.ty.clone())))
                    .collect(),
                _ => Vec::new(),
            };
            (i, flags)
        })
        .collect();
    for (i, flags) in boxes {
        match &mut types[i].kind {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .zip(flags)
                .for_each(|(f, b)| f.boxed = b),
            TypeKind::Untagged(u) => u
                .variants
                .iter_mut()
                .zip(flags)
                .for_each(|(v, b)| v.boxed = b),
            TypeKind::Tagged(u) => u
                .variants
                .iter_mut()
                .zip(flags)
                .for_each(|(v, b)| v.boxed = b),
            _ => {}
        }
    }
    let mut replaced = Vec::new();
    for i in alias_cycles {
        types[i].kind = TypeKind::Alias(TypeRef::Any);
        replaced.push(types[i].source.clone());
    }
    replaced
}

/// The named type a value of `ty` contains inline (not behind a `Vec` or map).
fn direct_target(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Nullable(inner) => direct_target(inner),
        _ => None,
    }
}

fn direct_edges(kind: &TypeKind, index: &HashMap<&str, usize>) -> Vec<usize> {
    let targets: Vec<&str> = match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| direct_target(&f.ty))
            .collect(),
        TypeKind::Untagged(u) => u
            .variants
            .iter()
            .filter_map(|v| direct_target(&v.ty))
            .collect(),
        TypeKind::Tagged(u) => u.variants.iter().map(|v| v.ty.as_str()).collect(),
        TypeKind::Alias(ty) => direct_target(ty).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    };
    targets
        .iter()
        .filter_map(|t| index.get(t).copied())
        .collect()
}

/// Aliases whose expansion, through any wrapper, reaches themselves only via aliases.
fn alias_cycle_members(types: &[TypeDef], index: &HashMap<&str, usize>) -> Vec<usize> {
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Alias(ty) => {
                let mut names = Vec::new();
                all_names(ty, &mut names);
                names
                    .into_iter()
                    .filter_map(|n| index.get(n).copied())
                    .filter(|&j| matches!(types[j].kind, TypeKind::Alias(_)))
                    .collect()
            }
            _ => Vec::new(),
        })
        .collect();
    let component = strongly_connected(&edges);
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    component
        .iter()
        .for_each(|c| *sizes.entry(*c).or_default() += 1);
    (0..types.len())
        .filter(|&i| sizes[&component[i]] > 1 || edges[i].contains(&i))
        .collect()
}

fn all_names<'t>(ty: &'t TypeRef, out: &mut Vec<&'t str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            all_names(inner, out)
        }
        _ => {}
    }
}

/// Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
/// Returns a component id per node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut counter, mut components) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if *next == 0 && order[node] == UNSEEN {
                order[node] = counter;
                low[node] = counter;
                counter += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&child) = edges[node].get(*next) {
                *next += 1;
                if order[child] == UNSEEN {
                    work.push((child, 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(order[child]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn cycles_share_a_component_and_chains_do_not() {
        let components = strongly_connected(&[vec![1], vec![0], vec![0], vec![3]]);
        assert_eq!(components[0], components[1]);
        assert_ne!(components[2], components[0]);
        assert_ne!(components[3], components[0]);
    }
}
