//! placeholder
use std::process::ExitCode;
use crate::manifest::{Course, Lang};
/// x
pub fn run(_c: &Course, _l: Lang, _w: Option<&str>) -> anyhow::Result<ExitCode> { Ok(ExitCode::SUCCESS) }
