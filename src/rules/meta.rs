//! Rule metadata: what `sdlint rules`, `sdlint explain` and every renderer show about a rule.

use serde::Serialize;

use crate::parse::DocumentKind;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "info" => Some(Self::Info),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

/// The documentation fields of a rule, as written in its TOML.
#[derive(Clone, Debug, Serialize)]
pub struct RuleMeta {
    pub id: String,
    pub name: String,
    pub severity: Severity,
    pub summary: String,
    pub why: String,
    pub message: String,
    pub help: String,
    pub references: Vec<String>,
    pub documents: Vec<DocumentKind>,
    /// The check kind ("require", "require-scope", ...).
    pub check: &'static str,
    /// The pack the rule came from ("builtin:rules/cmr.toml" or a path).
    pub pack: String,
}
