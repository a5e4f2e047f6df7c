//! The machine-readable report (format documented in README.md).

use serde::Serialize;

use super::catalogue::Msg;
use super::words::{case_hint, describe, evidence_text, explain_blame, mistake_text};
use crate::batch::{CheckedCopy, Seating};
use crate::blame::Attribution;
use crate::judge::Status;
use crate::manifest::Lang;
use crate::pipeline::{CheckedWeek, Summary};
use dlc::protocol::CaseKind;

/// One case in the JSON checked.
#[derive(Serialize)]
pub struct JsonCase<'a> {
    /// Case id.
    pub id: &'a str,
    /// Week id.
    pub week: &'a str,
    /// Function checked.
    pub function: &'a str,
    /// `unit` or `integration`.
    pub kind: CaseKind,
    /// `pass`, `fail`, `error`, `timeout` or `not_done`.
    pub status: Status,
    /// What happened, in words.
    pub message: String,
    /// What to try, in words (null when passed).
    pub hint: Option<String>,
    /// Blank ids held responsible for a failure (empty when none is named).
    pub blame: Vec<String>,
    /// The common mistake recognised, in words (null when none).
    pub mistake: Option<String>,
    /// What the code printed.
    pub output: &'a str,
    /// Wall-clock time of the case's process, in milliseconds (0 when not run).
    pub elapsed_ms: u64,
}

/// The JSON report (documented in README.md).
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// Format version of this object.
    pub format: u32,
    /// Week id.
    pub week: &'a str,
    /// Compile errors, as rustc renders them (no colours).
    pub compile_errors: Vec<&'a str>,
    /// Counts.
    pub summary: Summary,
    /// One record per case.
    pub cases: Vec<JsonCase<'a>>,
}

/// One JSON record per case of `checked`, in fixture order.
pub fn json_cases<'a>(checked: &'a CheckedWeek, lang: Lang) -> Vec<JsonCase<'a>> {
    checked
        .verdicts
        .iter()
        .map(|v| {
            let blame = checked.blame.get(&v.case_id);
            let mut message = describe(&v.finding, lang);
            let mistake = mistake_text(checked, v, lang);
            if let Some(m) = &mistake {
                message = format!("{message}\n{} {m}", Msg::LabelLikelyMistake.text(lang));
            }
            if let Some(e) = evidence_text(v, lang) {
                message = format!("{message}\n{e}");
            }
            if let Some(b) = blame {
                message = format!("{message}\n{}", explain_blame(checked, v, b, lang));
            }
            JsonCase {
                id: &v.case_id,
                week: &checked.week.id,
                function: &v.function,
                kind: v.kind,
                status: v.status,
                message,
                hint: case_hint(checked, v, lang),
                blame: blame.map(Attribution::blanks).unwrap_or_default(),
                mistake,
                output: &v.output,
                elapsed_ms: v.elapsed.as_millis() as u64,
            }
        })
        .collect()
}

/// The JSON report as a value (the `check` part of a grading result too).
pub fn json_report<'a>(checked: &'a CheckedWeek, lang: Lang) -> JsonReport<'a> {
    JsonReport {
        format: 1,
        week: &checked.week.id,
        compile_errors: checked
            .compile_errors
            .iter()
            .map(|e| e.rendered.as_str())
            .collect(),
        summary: checked.summary(),
        cases: json_cases(checked, lang),
    }
}

/// One line of `dl-course batch`: a copy's check (the same report as
/// `check --format json`) and how the batch checked it, on one line.
pub fn render_batch_line(copy: &str, checked: &CheckedCopy, lang: Lang) -> String {
    let alone = match &checked.seating {
        Seating::Together => None,
        Seating::Alone(why) => Some(why.as_str()),
    };
    serde_json::json!({
        "copy": copy,
        "passed": checked.checked.all_passed(),
        "built_alone_because": alone,
        "report": json_report(&checked.checked, lang),
    })
    .to_string()
}

/// The machine-readable checked.
pub fn render_json(checked: &CheckedWeek, lang: Lang) -> String {
    serde_json::to_string_pretty(&json_report(checked, lang))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
