//! Logic shared by several rules, by topic. A helper used by one rule stays in that
//! rule's file; one used by two or more lives here.

mod build;
mod commands;
mod edits;
mod labels;
mod packages;
mod stages;
mod vars;
mod walk;

pub(crate) use build::*;
pub(crate) use commands::*;
pub(crate) use edits::*;
pub(crate) use labels::*;
pub(crate) use packages::*;
pub(crate) use stages::*;
pub(crate) use vars::*;
pub(crate) use walk::*;
