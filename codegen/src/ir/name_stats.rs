//! How long the type names of an API are: the figure behind the naming goal that
//! inline types read like hand-written ones (few names beyond 40 characters).

use super::{Api, TypeDef};

/// Length statistics of an API's type names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameStats {
    /// Number of named types.
    pub total: usize,
    /// Number of type names longer than the limit asked for.
    pub over_limit: usize,
    /// How many of those the spec chose itself (component schema keys, kept as written
    /// because they are the API's vocabulary).
    pub spec_chosen_over_limit: usize,
    /// The longest type name.
    pub longest: String,
    /// The longest name the generator chose (not a component's).
    pub longest_chosen: String,
}

impl NameStats {
    /// `over_limit` as a share of `total`, in percent.
    pub fn percent_over(&self) -> f64 {
        percent(self.over_limit, self.total)
    }

    /// Names over the limit that the generator chose, as a share of `total`, in percent.
    pub fn percent_chosen_over(&self) -> f64 {
        percent(self.over_limit - self.spec_chosen_over_limit, self.total)
    }
}

fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}

impl TypeDef {
    /// Whether the type is a component schema (`#/components/schemas/<key>`), whose
    /// name the spec chose.
    pub fn is_component(&self) -> bool {
        self.source
            .rsplit_once("#/components/schemas/")
            .is_some_and(|(_, key)| !key.contains('/'))
    }
}

impl Api {
    /// Length statistics of the type names, counting names longer than `limit` characters.
    pub fn name_stats(&self, limit: usize) -> NameStats {
        let longest = |chosen_only: bool| {
            self.types
                .iter()
                .filter(|t| !chosen_only || !t.is_component())
                .map(|t| t.name.as_str())
                .max_by_key(|name| (name.len(), std::cmp::Reverse(*name)))
                .unwrap_or_default()
                .to_string()
        };
        let over: Vec<&TypeDef> = self.types.iter().filter(|t| t.name.len() > limit).collect();
        NameStats {
            total: self.types.len(),
            over_limit: over.len(),
            spec_chosen_over_limit: over.iter().filter(|t| t.is_component()).count(),
            longest: longest(false),
            longest_chosen: longest(true),
        }
    }
}
