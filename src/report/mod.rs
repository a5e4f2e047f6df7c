//! Report: turn a checked week into words, for a person or for a machine.
//!
//! Reporting never decides: it renders [`Verdict`](crate::judge::Verdict)s,
//! findings and attributions, in English or Japanese. The words live in
//! [`catalogue`]; [`words`] picks them by situation ([`numbers`] writes
//! numbers and lists); [`human`] and [`json`]
//! lay them out.

mod api_docs;
mod catalogue;
mod duration;
mod grading;
mod human;
mod json;
mod numbers;
mod words;

pub use api_docs::ndarray_links;
pub use catalogue::Msg;
pub use duration::duration;
pub use grading::{GradeFormat, SUMMARY_HEADER, render_grade, summary_row, total_line};
pub use human::{HumanOptions, render_details, render_overview};
pub use json::{render_batch_line, render_json};
pub use words::{death_text, describe, mistake_is_worded};
