//! The human report: grouped by function, unit cases then integration cases,
//! coloured only when the output is a terminal and `NO_COLOR` is unset.

use std::fmt::Write as _;

use colored::Colorize;
use dlc::protocol::CaseKind;

use super::catalogue::Msg;
use super::words::{
    case_hint, compile_hint, describe, describe_mistake, evidence_text, explain_blame, kind_word, status_word,
};
use crate::judge::{Status, Verdict};
use crate::manifest::Lang;
use crate::pipeline::CheckedWeek;

fn colored_status(status: Status, lang: Lang) -> String {
    let word = format!("{:<8}", status_word(status, lang));
    match status {
        Status::Pass => word.green().to_string(),
        Status::Fail | Status::Error | Status::Timeout => word.red().bold().to_string(),
        Status::NotDone => word.yellow().to_string(),
    }
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

/// The human report: grouped by function, unit cases then integration cases.
pub fn render_human(checked: &CheckedWeek, lang: Lang) -> String {
    let mut out = String::new();
    let title = checked.week.title.get(lang);
    let _ = writeln!(
        out,
        "{}",
        format!("{} ({}): {title}", checked.week.id, checked.week.alias).bold()
    );
    if !checked.compile_errors.is_empty() {
        let _ = writeln!(out, "{}", Msg::DoesNotCompileYet.text(lang).red().bold());
        for e in &checked.compile_errors {
            out += &indent(&e.rendered, "  ");
            if let Some(h) = compile_hint(e, lang) {
                let _ = writeln!(out, "  {} {h}\n", Msg::LabelHint.text(lang).cyan());
            }
        }
    }
    for function in &checked.week.functions {
        let cases: Vec<&Verdict> = checked
            .verdicts
            .iter()
            .filter(|v| v.function == function.name)
            .collect();
        if cases.is_empty() {
            continue;
        }
        let passed = cases.iter().filter(|v| v.status == Status::Pass).count();
        let _ = writeln!(
            out,
            "\n{} {}",
            function.name.bold(),
            format!("({passed}/{})", cases.len()).dimmed()
        );
        // A function with nothing written yet gets one line, not a wall of failures.
        if cases.iter().all(|v| v.status == Status::NotDone) {
            let _ = writeln!(
                out,
                "  {} {}",
                colored_status(Status::NotDone, lang),
                describe(&cases[0].finding, lang)
            );
            continue;
        }
        for kind in [CaseKind::Unit, CaseKind::Integration] {
            for v in cases.iter().filter(|v| v.kind == kind) {
                let tag = kind_word(kind, lang);
                let _ = writeln!(
                    out,
                    "  {} {} {}",
                    colored_status(v.status, lang),
                    v.case_id,
                    format!("[{tag}] {}", v.note).dimmed()
                );
                if v.status == Status::Pass {
                    continue;
                }
                let _ = writeln!(out, "           {}", describe(&v.finding, lang));
                if let Some(m) = &v.mistake {
                    let _ = writeln!(
                        out,
                        "           {} {}",
                        Msg::LabelLikelyMistake.text(lang).magenta().bold(),
                        describe_mistake(m, checked.week, lang)
                    );
                }
                if let Some(e) = evidence_text(v, lang) {
                    out += &indent(&e, "           ");
                }
                if let Some(b) = checked.blame.get(&v.case_id) {
                    out += &indent(&explain_blame(checked, v, b, lang), "           ");
                }
                if let Some(h) = case_hint(checked, v, lang) {
                    let _ = writeln!(out, "           {} {h}", Msg::LabelHint.text(lang).cyan());
                }
                if !v.output.trim().is_empty() {
                    let _ = writeln!(out, "           {}", Msg::LabelPrinted.text(lang).dimmed());
                    out += &indent(v.output.trim_end(), "             | ");
                }
            }
        }
    }
    let s = checked.summary();
    let _ = writeln!(out);
    if s.not_done > 0 {
        let _ = writeln!(out, "{}", Msg::NotDoneCount.say(lang, &[("n", &s.not_done)]));
    }
    // The closing line stays plain and in English: scripts and CI read it.
    let _ = writeln!(out, "{} passed, {} failed", s.passed, s.failed);
    out
}
