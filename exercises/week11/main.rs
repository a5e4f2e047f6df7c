//! Week 11 as a Cargo target for your editor (rust-analyzer). Check your work
//! with `dl-course check week11`; this file is not yours to edit.
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
mod rnn;
#[rustfmt::skip] // keep the course files' layout: fixtures and seeded bugs quote them
#[path = "../../course/week11/harness.rs"]
mod harness;

fn main() {
    dlc::harness::serve(harness::FUNCTIONS, Vec::new)
}
