//! One module per command. Each takes the loaded course and its own
//! arguments, calls the pipeline, prints with `report`, and returns the exit
//! code; `main.rs` only parses and dispatches.

pub mod app;
pub mod autograder;
pub mod batch;
pub mod check;
pub mod fixtures;
pub mod grade;
pub mod hint;
pub mod list;
pub mod progress;
pub mod reset;
pub mod restore;
mod shared;
pub mod show;
pub mod stub;
pub mod verify;
pub mod watch;

pub use shared::load_course;
