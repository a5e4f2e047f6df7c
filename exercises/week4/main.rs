//! week4 as a Cargo target for your editor (being written).
fn main() {}
