//! The switchboard: every blame variant of a week in one binary.
//!
//! Blame runs the failing cases on variants of the week, each taking some
//! blanks from the reference solution and the rest from the learner. Built
//! one binary per variant, a failing check paid a dozen compilations and
//! links of the whole week. Here each function whose blanks are compared is
//! compiled in several versions (the learner's, the reference's, one blank
//! of the learner's and the rest the reference's, …), side by side in the
//! learner's own file, and the function itself becomes a dispatcher asking
//! [`dlc::variant::version`] which one to call. One build serves every
//! variant; a case's request carries the selection.
//!
//! A version of a function is the whole function cut out of the learner's
//! file spliced with that function's blanks from the reference, so every
//! version sees exactly the items the spliced file would. Week files whose
//! blanks are not all inside top-level functions, or whose signatures cannot
//! be forwarded (a `self` receiver), are [`SwitchError::Unsupported`]: blame
//! then builds variants one by one, as before.
//!
//! [`batch`] seats many copies of a week (an instructor's seeded mistakes and
//! alternatives) on one switchboard, so that one build checks them all.

pub mod batch;
mod board;

pub use board::Switchboard;
