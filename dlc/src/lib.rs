//! `dlc`: the small library that dl-course week files and their harnesses use.
//!
//! It is linked into every compiled week, so it stays light: ndarray, serde and
//! serde_json only. The CLI shares [`value`] and [`protocol`] with it so that
//! both sides of the process boundary speak exactly the same types. [`nn`]
//! holds the course's given helpers (the original's `*_utils.py`), which the
//! weeks import instead of carrying copies.

pub mod data;
pub mod draws;
pub mod gradcheck;
pub mod harness;
pub mod nn;
pub mod protocol;
pub mod rng;
pub mod value;
pub mod variant;

pub use rng::NumpyRng;
pub use value::{FromValue, IntoValue, Value, ValueError};
