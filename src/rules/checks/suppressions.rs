//! `suppressions`: findings about `sdlint-disable` comments, made by the suppression stage after
//! every other rule has run (see `crate::suppress`, which writes their messages, naming the rule
//! where the pack's message has `{rule}`); nothing to do on the document itself.
//!
//! ```toml
//! check = { kind = "suppressions" }
//! ```

use super::Context;
use super::kind::{Check, Kind, Run, TableRow};
use crate::rules::Finding;

/// The `suppressions` kind.
pub const SUPPRESSIONS: Kind = Kind {
    name: "suppressions",
    fields: &[],
    placeholders: &["rule"],
    table: Some(TableRow {
        fields: "none",
        reports: "nothing by itself: the findings of the suppression stage (SDLINT-003, SDLINT-004) are reported under the rule",
    }),
    compile: |_| Ok(Check::new(Suppressions)),
};

/// A compiled `suppressions` check: it finds nothing on the document.
#[derive(Debug)]
struct Suppressions;

impl Run for Suppressions {
    fn run(&self, _: &Context<'_>, _: &mut Vec<Finding>) {}
}
