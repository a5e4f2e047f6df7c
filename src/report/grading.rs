//! Grading results in the formats grading platforms read: this project's
//! JSON, Gradescope's `results.json`, Exercism's `results.json` (version 3)
//! and JUnit XML; and the batch's `summary.csv`. Only lays out: the scores
//! and marks come from `grade`.

use serde_json::{Value, json};

use super::catalogue::Msg;
use super::json::{json_cases, json_report};
use crate::grade::{FunctionGrade, Graded, Mark, Outcome};
use crate::judge::Status;
use crate::manifest::Lang;
use crate::submission::{Danger, Problem};

/// A grading result's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GradeFormat {
    /// This project's JSON, with a `submission` field.
    Json,
    /// Gradescope's results.json.
    Gradescope,
    /// Exercism's results.json, version 3.
    Exercism,
    /// JUnit XML.
    Junit,
}

impl GradeFormat {
    /// The extension of a result file in this format.
    pub fn extension(self) -> &'static str {
        match self {
            GradeFormat::Junit => "xml",
            _ => "json",
        }
    }
}

/// The most of a function's printed output a result carries.
const OUTPUT_LIMIT: usize = 8 * 1024;

fn danger(why: Danger, lang: Lang) -> &'static str {
    match why {
        Danger::ReadsFiles => Msg::DangerReadsFiles,
        Danger::ReadsEnvironment => Msg::DangerReadsEnvironment,
        Danger::DeclaresModule => Msg::DangerDeclaresModule,
        Danger::LinksCode => Msg::DangerLinksCode,
        Danger::StartsPrograms => Msg::DangerStartsPrograms,
        Danger::Assembly => Msg::DangerAssembly,
        Danger::Attribute => Msg::DangerAttribute,
        Danger::Unreadable => Msg::DangerUnreadable,
    }
    .text(lang)
}

/// A submission's problem, in words.
pub fn problem_text(problem: &Problem, lang: Lang) -> String {
    match problem {
        Problem::Missing { file, .. } => Msg::GradeMissingFile.say(lang, &[("file", file)]),
        Problem::Markers { error, .. } => {
            let file = error.path.display().to_string();
            Msg::GradeBrokenMarkers.say(
                lang,
                &[
                    ("file", &file),
                    ("line", &error.line),
                    ("message", &error.message),
                ],
            )
        }
        Problem::Rejected {
            function,
            file,
            line,
            token,
            why,
            ..
        } => Msg::GradeRejected.say(
            lang,
            &[
                ("file", file),
                ("line", line),
                ("token", token),
                ("why", &danger(*why, lang)),
                ("function", function),
            ],
        ),
        Problem::ChangedOutside { file, lines } => {
            Msg::GradeChangedOutside.say(lang, &[("file", file), ("from", &lines.0), ("to", &lines.1)])
        }
    }
}

/// What a student reads about one function: why it scored what it did.
pub fn function_feedback(graded: &Graded, f: &FunctionGrade, lang: Lang) -> String {
    let mut lines = Vec::new();
    match f.mark {
        Mark::Rejected => lines.extend(f.problems.iter().map(|p| problem_text(p, lang))),
        Mark::NotDone => lines.push(Msg::GradeNotDone.text(lang).to_string()),
        Mark::NotCompiled => {
            lines.push(Msg::GradeNotCompiled.text(lang).to_string());
            lines.extend(
                graded
                    .checked
                    .compile_errors
                    .iter()
                    .take(3)
                    .map(|e| e.rendered.clone()),
            );
        }
        Mark::Passed | Mark::Partial | Mark::Failed => {
            lines.push(Msg::GradeCasesPassed.say(lang, &[("passed", &f.passed), ("total", &f.cases)]));
            for case in json_cases(&graded.checked, lang)
                .into_iter()
                .filter(|c| c.function == f.name && c.status != Status::Pass)
            {
                lines.push(Msg::GradeCase.say(lang, &[("case", &case.id), ("message", &case.message)]));
            }
        }
    }
    lines.join("\n")
}

/// What a function's failing cases printed (bounded).
fn function_output(graded: &Graded, f: &FunctionGrade) -> String {
    let mut out = String::new();
    for v in graded
        .checked
        .verdicts
        .iter()
        .filter(|v| v.function == f.name && v.status != Status::Pass && !v.output.is_empty())
    {
        out += &format!("[{}]\n{}\n", v.case_id, v.output);
        if out.len() > OUTPUT_LIMIT {
            let mut end = OUTPUT_LIMIT;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            out += "…";
            break;
        }
    }
    out
}

/// Notes on the whole submission (changes outside blanks), in words.
fn notes(graded: &Graded, lang: Lang) -> Vec<String> {
    graded
        .problems
        .iter()
        .filter(|p| matches!(p, Problem::ChangedOutside { .. }))
        .map(|p| problem_text(p, lang))
        .collect()
}

/// `passed`, `partial`, `failed` (no point) or `error` (not graded).
pub fn status_word(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Failed { .. } => "error",
        Outcome::Graded(g) if g.score() >= g.max() && g.max() > 0.0 => "passed",
        Outcome::Graded(g) if g.score() > 0.0 => "partial",
        Outcome::Graded(_) => "failed",
    }
}

/// A score as the formats write it: at most four decimals, trailing zeros dropped.
fn points(x: f64) -> Value {
    let rounded = (x * 10_000.0).round() / 10_000.0;
    json!(rounded)
}

/// One submission's result in `format`.
pub fn render_grade(outcome: &Outcome, format: GradeFormat, lang: Lang) -> String {
    match format {
        GradeFormat::Json => pretty(&own_json(outcome, lang)),
        GradeFormat::Gradescope => pretty(&gradescope(outcome, lang)),
        GradeFormat::Exercism => pretty(&exercism(outcome, lang)),
        GradeFormat::Junit => junit(outcome, lang),
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

fn own_json(outcome: &Outcome, lang: Lang) -> Value {
    match outcome {
        Outcome::Failed { name, max, error } => json!({
            "format": 1,
            "submission": name,
            "status": "error",
            "score": 0,
            "max_score": points(*max),
            "error": Msg::GradeFailed.say(lang, &[("error", error)]),
            "functions": [],
        }),
        Outcome::Graded(g) => json!({
            "format": 1,
            "submission": g.name,
            "week": g.checked.week.id,
            "status": status_word(outcome),
            "score": points(g.score()),
            "max_score": points(g.max()),
            "notes": notes(g, lang),
            "functions": g.functions.iter().map(|f| json!({
                "name": f.name,
                "mark": f.mark,
                "score": points(f.score),
                "max_score": points(f.points),
                "passed": f.passed,
                "cases": f.cases,
                "feedback": function_feedback(g, f, lang),
            })).collect::<Vec<_>>(),
            "check": serde_json::to_value(json_report(&g.checked, lang)).unwrap_or(Value::Null),
        }),
    }
}

fn gradescope(outcome: &Outcome, lang: Lang) -> Value {
    match outcome {
        Outcome::Failed { error, .. } => json!({
            "score": 0,
            "output": Msg::GradeFailed.say(lang, &[("error", error)]),
            "tests": [],
        }),
        Outcome::Graded(g) => json!({
            "score": points(g.score()),
            "output": notes(g, lang).join("\n"),
            "tests": g.functions.iter().map(|f| {
                let output = function_output(g, f);
                let feedback = function_feedback(g, f, lang);
                json!({
                    "name": f.name,
                    "score": points(f.score),
                    "max_score": points(f.points),
                    "status": if f.mark == Mark::Passed { "passed" } else { "failed" },
                    "output": if output.is_empty() { feedback } else { format!("{feedback}\n\n{output}") },
                    "visibility": "visible",
                })
            }).collect::<Vec<_>>(),
        }),
    }
}

fn exercism(outcome: &Outcome, lang: Lang) -> Value {
    match outcome {
        Outcome::Failed { error, .. } => json!({
            "version": 3,
            "status": "error",
            "message": Msg::GradeFailed.say(lang, &[("error", error)]),
            "tests": [],
        }),
        Outcome::Graded(g) => {
            let compiled = g.checked.compile_errors.is_empty();
            let all = g.functions.iter().all(|f| f.mark == Mark::Passed);
            let mut value = json!({
                "version": 3,
                "status": if !compiled { "error" } else if all { "pass" } else { "fail" },
                "tests": g.functions.iter().map(|f| {
                    let output = function_output(g, f);
                    json!({
                        "name": f.name,
                        "test_code": format!("dl-course check {} ({})", g.checked.week.id, f.name),
                        "status": match f.mark {
                            Mark::Passed => "pass",
                            Mark::NotCompiled | Mark::Rejected => "error",
                            _ => "fail",
                        },
                        "message": if f.mark == Mark::Passed { Value::Null } else { json!(function_feedback(g, f, lang)) },
                        "output": if output.is_empty() { Value::Null } else { json!(output) },
                    })
                }).collect::<Vec<_>>(),
            });
            if !compiled {
                let text: Vec<&str> = g
                    .checked
                    .compile_errors
                    .iter()
                    .map(|e| e.rendered.as_str())
                    .collect();
                value["message"] = json!(format!(
                    "{}\n{}",
                    Msg::GradeNotCompiled.text(lang),
                    text.join("\n")
                ));
            }
            value
        }
    }
}

fn junit(outcome: &Outcome, lang: Lang) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut report = Report::new("dl-course");
    let mut suite = TestSuite::new(outcome.name().to_string());
    match outcome {
        Outcome::Failed { error, .. } => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(Msg::GradeFailed.say(lang, &[("error", error)]));
            suite.add_test_case(TestCase::new("submission", status));
        }
        Outcome::Graded(g) => {
            for f in &g.functions {
                let status = if f.mark == Mark::Passed {
                    TestCaseStatus::success()
                } else {
                    let kind = match f.mark {
                        Mark::NotCompiled | Mark::Rejected => NonSuccessKind::Error,
                        _ => NonSuccessKind::Failure,
                    };
                    let mut s = TestCaseStatus::non_success(kind);
                    let feedback = function_feedback(g, f, lang);
                    s.set_message(feedback.lines().next().unwrap_or_default().to_string());
                    s.set_description(feedback);
                    s
                };
                let mut case = TestCase::new(f.name.clone(), status);
                case.set_classname(format!("{}.{}", g.name, g.checked.week.id));
                case.add_property(("score", format!("{}", points(f.score)).as_str()));
                case.add_property(("max_score", format!("{}", points(f.points)).as_str()));
                let output = function_output(g, f);
                if !output.is_empty() {
                    case.set_system_out(output);
                }
                suite.add_test_case(case);
            }
        }
    }
    report.add_test_suite(suite);
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- cannot write JUnit XML: {e} -->\n"))
}

/// The header of `summary.csv`.
pub const SUMMARY_HEADER: &str = "submission,score,max,status";

/// One line of `summary.csv` (the name quoted as CSV wants it).
pub fn summary_row(outcome: &Outcome) -> String {
    let (score, max) = match outcome {
        Outcome::Graded(g) => (g.score(), g.max()),
        Outcome::Failed { max, .. } => (0.0, *max),
    };
    let name = outcome.name();
    let name = if name.contains([',', '"', '\n']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    };
    format!(
        "{name},{},{},{}",
        points(score),
        points(max),
        status_word(outcome)
    )
}

/// One line for the terminal when a submission is graded.
pub fn total_line(outcome: &Outcome, lang: Lang) -> String {
    match outcome {
        Outcome::Graded(g) => Msg::GradeTotal.say(
            lang,
            &[
                ("name", &g.name),
                ("score", &points(g.score())),
                ("max", &points(g.max())),
            ],
        ),
        Outcome::Failed { name, error, .. } => {
            format!("{name}: {}", Msg::GradeFailed.say(lang, &[("error", error)]))
        }
    }
}
