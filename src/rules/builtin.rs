//! The built-in rule packs, embedded in the binary.

/// `(path in the repository, TOML text)` of every built-in pack, in load order.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    (
        "rules/form_sd.toml",
        include_str!("../../rules/form_sd.toml"),
    ),
    ("rules/cmr.toml", include_str!("../../rules/cmr.toml")),
    ("rules/oecd.toml", include_str!("../../rules/oecd.toml")),
    (
        "rules/cross_field.toml",
        include_str!("../../rules/cross_field.toml"),
    ),
    (
        "rules/smelters.toml",
        include_str!("../../rules/smelters.toml"),
    ),
    ("rules/sdlint.toml", include_str!("../../rules/sdlint.toml")),
];
