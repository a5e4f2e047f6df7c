//! The human report, coloured only when the output is a terminal and
//! `NO_COLOR` is unset.
//!
//! [`render_overview`] then [`render_details`], printed apart so that the
//! verdicts show while blame runs. Focused by default: one line per function, the first failing function in
//! full (each distinct cause once, with the cases it explains), a `Next:` line
//! and the counts. `--verbose` lists every case.

use std::fmt::Write as _;

use colored::Colorize;
use dlc::protocol::CaseKind;
use unicode_width::UnicodeWidthStr;

use super::catalogue::Msg;
use super::duration::duration;
use super::words::{
    blank_label, case_hint, compile_hint, describe, evidence_text, explain_blame, kind_word, mistake_text,
    status_word,
};
use crate::judge::{Finding, Status, Verdict};
use crate::manifest::{Function, Lang, Week};
use crate::pipeline::{BlankPlace, CheckedWeek};

/// How much the human report shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions<'a> {
    /// List every case, as before the focused report.
    pub verbose: bool,
    /// The week after this one, named when this one is done.
    pub next_week: Option<&'a Week>,
    /// Seconds worked on this week, said after the Next line when every case passes.
    pub week_time: Option<u64>,
}

/// Lines of a learner's printed output shown in the focused report.
const OUTPUT_LINES: usize = 8;

/// `text` padded with spaces to `width` columns of the terminal (a Japanese
/// character takes two).
fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn colored_status(status: Status, lang: Lang) -> String {
    let word = pad(status_word(status, lang), 8);
    match status {
        Status::Pass => word.green().to_string(),
        Status::Fail | Status::Error | Status::Timeout => word.red().bold().to_string(),
        Status::NotDone => word.yellow().to_string(),
    }
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

fn failed(v: &Verdict) -> bool {
    v.status.is_failure()
}

/// Each graded function with its cases and how many passed (functions without cases left out).
fn by_function<'c>(checked: &'c CheckedWeek) -> Vec<(&'c Function, Vec<&'c Verdict>, usize)> {
    checked
        .week
        .functions
        .iter()
        .map(|f| {
            let cases: Vec<&Verdict> = checked.verdicts.iter().filter(|v| v.function == f.name).collect();
            let passed = cases.iter().filter(|v| v.status == Status::Pass).count();
            (f, cases, passed)
        })
        .filter(|(_, cases, _)| !cases.is_empty())
        .collect()
}

/// The part of the report that blame does not change: the title, compile
/// errors and (focused) one line per function; shown while blame runs.
pub fn render_overview(checked: &CheckedWeek, lang: Lang, options: HumanOptions) -> String {
    let mut out = String::new();
    let title = checked.week.title.get(lang);
    let _ = writeln!(
        out,
        "{}",
        format!("{} ({}): {title}", checked.week.id, checked.week.alias).bold()
    );
    compile_errors(&mut out, checked, lang, options.verbose);
    if !options.verbose {
        function_lines(&mut out, checked, lang);
    }
    out
}

/// The rest: the failing function explained (or, verbose, every case), the
/// `Next:` line and the counts.
pub fn render_details(checked: &CheckedWeek, lang: Lang, options: HumanOptions) -> String {
    let mut out = String::new();
    if options.verbose {
        every_case(&mut out, checked, lang);
    } else if let Some(function) = first_failing(checked) {
        explain_function(&mut out, checked, function, lang);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", next_line(checked, lang, options.next_week));
    if let Some(secs) = options.week_time.filter(|_| checked.all_passed()) {
        let (week, time) = (&checked.week.id, duration(secs, lang));
        let line = match options.next_week {
            Some(w) => Msg::WeekDoneIn.say(
                lang,
                &[
                    ("week", week),
                    ("time", &time),
                    ("next", &w.id),
                    ("alias", &w.alias),
                ],
            ),
            None => Msg::CourseDoneIn.say(lang, &[("week", week), ("time", &time)]),
        };
        let _ = writeln!(out, "{}", line.green());
    }
    let s = checked.summary();
    // The closing line stays plain and in English: scripts and CI read it.
    let _ = writeln!(
        out,
        "{} passed, {} failed, {} not done",
        s.passed, s.failed, s.not_done
    );
    out
}

/// Compile errors once each; the focused report shows the first in full.
fn compile_errors(out: &mut String, checked: &CheckedWeek, lang: Lang, verbose: bool) {
    if checked.compile_errors.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", Msg::DoesNotCompileYet.text(lang).red().bold());
    let shown = if verbose { checked.compile_errors.len() } else { 1 };
    for e in checked.compile_errors.iter().take(shown) {
        *out += &indent(&e.rendered, "  ");
        if let Some(h) = compile_hint(e, lang) {
            let _ = writeln!(out, "  {} {h}", Msg::LabelHint.text(lang).cyan());
        }
    }
    let more = checked.compile_errors.len() - shown;
    if more > 0 {
        let _ = writeln!(
            out,
            "  {}",
            Msg::MoreCompileErrors.say(lang, &[("n", &more)]).dimmed()
        );
    }
}

/// The first function, in the week's order, with a failing case.
fn first_failing<'c>(checked: &'c CheckedWeek) -> Option<&'c str> {
    checked
        .week
        .functions
        .iter()
        .find(|f| checked.verdicts.iter().any(|v| v.function == f.name && failed(v)))
        .map(|f| f.name.as_str())
}

/// One line per function.
fn function_lines(out: &mut String, checked: &CheckedWeek, lang: Lang) {
    let width = checked
        .week
        .functions
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0);
    for (function, cases, passed) in by_function(checked) {
        let count = format!("{passed}/{}", cases.len());
        let name = pad(&function.name, width);
        let line = if cases.iter().any(|v| failed(v)) {
            format!("  {} {name} {count}", "✗".red().bold())
        } else if passed == cases.len() {
            format!("  {} {name} {count}", "✓".green())
        } else if passed == 0
            && checked
                .blanks
                .iter()
                .any(|b| b.function == function.name && b.untouched)
        {
            format!(
                "  {} {name} {}",
                "·".dimmed(),
                Msg::NotStarted.text(lang).dimmed()
            )
        } else {
            let waiting = cases.iter().find_map(|v| match &v.finding {
                Finding::NotDone { functions } if !functions.is_empty() => Some(functions.clone()),
                _ => None,
            });
            let why = waiting
                .map(|w| {
                    let list: Vec<String> = w.iter().take(2).map(|f| format!("`{f}`")).collect();
                    let mut list = super::words::join(&list, lang);
                    if w.len() > 2 {
                        list = Msg::AndMore.say(lang, &[("list", &list), ("n", &(w.len() - 2))]);
                    }
                    Msg::WaitingFor.say(lang, &[("list", &list)])
                })
                .unwrap_or_default();
            format!("  {} {name} {count} {}", "·".dimmed(), why.dimmed())
        };
        let _ = writeln!(out, "{line}");
    }
}

/// A failing function in full: each distinct cause once, with the cases it explains.
fn explain_function(out: &mut String, checked: &CheckedWeek, function: &str, lang: Lang) {
    let failing: Vec<&Verdict> = checked
        .verdicts
        .iter()
        .filter(|v| v.function == function && failed(v))
        .collect();
    let total = checked.verdicts.iter().filter(|v| v.function == function).count();
    let _ = writeln!(
        out,
        "\n{} {}",
        "✗".red().bold(),
        Msg::FunctionFails
            .say(
                lang,
                &[
                    ("function", &function),
                    ("failed", &failing.len()),
                    ("total", &total)
                ]
            )
            .bold()
    );
    // Cases with the same blame, mistake and hint share one explanation.
    let mut causes: Vec<(String, Vec<&Verdict>)> = Vec::new();
    for v in &failing {
        let key = format!(
            "{:?}|{}|{}|{:?}",
            v.status,
            checked
                .blame
                .get(&v.case_id)
                .map(|b| explain_blame(checked, v, b, lang))
                .unwrap_or_default(),
            mistake_text(checked, v, lang).unwrap_or_default(),
            case_hint(checked, v, lang)
        );
        match causes.iter_mut().find(|(k, _)| *k == key) {
            Some((_, cases)) => cases.push(v),
            None => causes.push((key, vec![v])),
        }
    }
    for (_, cases) in causes {
        let v = cases[0];
        let label = v.case_id.split_once('/').map(|(_, l)| l).unwrap_or(&v.case_id);
        let _ = writeln!(
            out,
            "  {} {}",
            format!("{label} [{}]:", kind_word(v.kind, lang)).dimmed(),
            describe(&v.finding, lang)
        );
        explanation(out, checked, v, lang, "    ");
        if cases.len() > 1 {
            let others: Vec<String> = cases[1..]
                .iter()
                .map(|c| {
                    c.case_id
                        .split_once('/')
                        .map(|(_, l)| l)
                        .unwrap_or(&c.case_id)
                        .to_string()
                })
                .collect();
            let _ = writeln!(
                out,
                "    {}",
                Msg::SameCause
                    .say(lang, &[("list", &super::words::join(&others, lang))])
                    .dimmed()
            );
        }
        printed(out, &v.output, lang, "    ", Some(OUTPUT_LINES));
    }
}

/// A failing case's named mistake, evidence, blame and hint.
fn explanation(out: &mut String, checked: &CheckedWeek, v: &Verdict, lang: Lang, by: &str) {
    if let Some(m) = mistake_text(checked, v, lang) {
        let _ = writeln!(
            out,
            "{by}{} {m}",
            Msg::LabelLikelyMistake.text(lang).magenta().bold()
        );
    }
    if let Some(e) = evidence_text(v, lang) {
        *out += &indent(&e, by);
    }
    if let Some(b) = checked.blame.get(&v.case_id) {
        *out += &indent(&explain_blame(checked, v, b, lang), by);
    }
    if let Some(h) = case_hint(checked, v, lang) {
        let _ = writeln!(out, "{by}{} {h}", Msg::LabelHint.text(lang).cyan());
    }
}

/// What the learner's code printed, at most `limit` lines.
fn printed(out: &mut String, output: &str, lang: Lang, by: &str, limit: Option<usize>) {
    let output = output.trim_end();
    if output.trim().is_empty() {
        return;
    }
    let _ = writeln!(out, "{by}{}", Msg::LabelPrinted.text(lang).dimmed());
    let lines: Vec<&str> = output.lines().collect();
    let shown = limit.unwrap_or(lines.len()).min(lines.len());
    for l in &lines[..shown] {
        let _ = writeln!(out, "{by}  | {l}");
    }
    if shown < lines.len() {
        let more = lines.len() - shown;
        let _ = writeln!(
            out,
            "{by}  {}",
            Msg::MoreLines.say(lang, &[("n", &more)]).dimmed()
        );
    }
}

/// Every case, grouped by function, unit cases then integration cases.
fn every_case(out: &mut String, checked: &CheckedWeek, lang: Lang) {
    for (function, cases, passed) in by_function(checked) {
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
                let _ = writeln!(
                    out,
                    "  {} {} {}",
                    colored_status(v.status, lang),
                    v.case_id,
                    format!(
                        "[{}] {}",
                        kind_word(kind, lang),
                        checked.week.case_note(&v.case_id, &v.note, lang)
                    )
                    .dimmed()
                );
                if v.status == Status::Pass {
                    continue;
                }
                let _ = writeln!(out, "           {}", describe(&v.finding, lang));
                explanation(out, checked, v, lang, "           ");
                printed(out, &v.output, lang, "           ", None);
            }
        }
    }
}

/// The blank to work on next, with where it is and what to run.
fn next_line(checked: &CheckedWeek, lang: Lang, next_week: Option<&Week>) -> String {
    let week = &checked.week.id;
    let label = Msg::LabelNext.text(lang).bold();
    if let Some(e) = checked.compile_errors.first() {
        let location = e.location.clone().unwrap_or_default();
        return format!(
            "{label} {}",
            Msg::NextCompileError.say(lang, &[("location", &location)])
        );
    }
    let place = |b: &BlankPlace| match &b.size {
        Some(size) => format!("{} ({size})", b.location),
        None => b.location.clone(),
    };
    // The first failing case in the week's order, and the blank blame names for it.
    let order = |f: &str| checked.week.functions.iter().position(|g| g.name == f);
    let first_failing = checked
        .verdicts
        .iter()
        .filter(|v| failed(v))
        .min_by_key(|v| order(&v.function));
    if let Some(v) = first_failing {
        let blamed = checked
            .blame
            .get(&v.case_id)
            .map(|a| a.blanks())
            .unwrap_or_default();
        let blank = blamed
            .first()
            .and_then(|id| checked.blanks.iter().find(|b| &b.id == id))
            .or_else(|| checked.blanks.iter().find(|b| b.function == v.function));
        let function = blank.map(|b| b.function.as_str()).unwrap_or(&v.function);
        let id = blank.map(|b| b.id.as_str()).unwrap_or(function);
        let id = match blank_label(checked, id, lang) {
            Some(label) => format!("`{id}` ({label})"),
            None => format!("`{id}`"),
        };
        let at = blank.map(place).unwrap_or_default();
        return format!(
            "{label} {}",
            Msg::NextFix.say(
                lang,
                &[
                    ("blank", &id),
                    ("place", &at),
                    ("week", week),
                    ("function", &function)
                ]
            )
        );
    }
    let todo = checked.week.functions.iter().find_map(|f| {
        checked
            .blanks
            .iter()
            .find(|b| b.function == f.name && b.untouched)
    });
    if let Some(b) = todo {
        return format!(
            "{label} {}",
            Msg::NextWrite.say(
                lang,
                &[("function", &b.function), ("place", &place(b)), ("week", week)]
            )
        );
    }
    match next_week {
        Some(w) => format!(
            "{label} {}",
            Msg::NextWeek.say(
                lang,
                &[
                    ("week", week),
                    ("next", &w.id),
                    ("alias", &w.alias),
                    ("title", &w.title.get(lang))
                ]
            )
        ),
        None => format!("{label} {}", Msg::CourseDone.say(lang, &[("week", week)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_terminal_columns() {
        assert_eq!(pad("PASS", 8), "PASS    ");
        assert_eq!(pad("合格", 8), "合格    ");
        assert_eq!(pad("未完成", 8), "未完成  ");
        assert_eq!(pad("too long here", 4), "too long here");
    }
}
