//! Verdicts in words: what a finding, a named mistake, a blame or a hint says,
//! chosen by the situation and taken from the [catalogue](super::catalogue).

use dlc::protocol::CaseKind;
use dlc::value::shape_text;

use super::catalogue::Msg;
use crate::blame::Attribution;
use crate::build::CompileError;
use crate::judge::{Finding, Named, Status, Verdict};
use crate::manifest::{Lang, Week};
use crate::pipeline::CheckedWeek;

/// A number as the report prints it; NaN and infinity by name.
fn num(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf".into() } else { "-inf".into() }
    } else {
        format!("{x:.8}")
    }
}

fn index_text(index: &[usize]) -> String {
    if index.is_empty() {
        String::new()
    } else {
        format!(
            "[{}]",
            index.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
        )
    }
}

/// What a finding means, in one or two sentences.
pub fn describe(finding: &Finding, lang: Lang) -> String {
    match finding {
        Finding::Passed => Msg::Passed.text(lang).into(),
        Finding::NotDone { functions } if functions.is_empty() => Msg::NotDoneTodo.text(lang).into(),
        Finding::NotDone { functions } => {
            let list = functions
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            Msg::NotDoneWrite.say(lang, &[("list", &list)])
        }
        Finding::Missing { path } => Msg::Missing.say(lang, &[("path", path)]),
        Finding::Type { path, expected, got } => {
            Msg::WrongType.say(lang, &[("path", path), ("expected", expected), ("got", got)])
        }
        Finding::Shape { path, expected, got } => Msg::WrongShape.say(
            lang,
            &[
                ("path", path),
                ("got", &shape_text(got)),
                ("expected", &shape_text(expected)),
            ],
        ),
        Finding::Values {
            path,
            index,
            expected,
            got,
            max_error,
            wrong,
            total,
        } => {
            let at = format!("{path}{}", index_text(index));
            let mut s = Msg::WrongValues.say(
                lang,
                &[
                    ("at", &at),
                    ("got", &num(*got)),
                    ("expected", &num(*expected)),
                    ("wrong", wrong),
                    ("total", total),
                    ("max_error", &num(*max_error)),
                ],
            );
            if !got.is_finite() {
                s += &Msg::NonFiniteAppeared.say(lang, &[("got", &num(*got))]);
            }
            s
        }
        Finding::Trajectory {
            path,
            step,
            expected,
            got,
        } => {
            let (got, expected) = (num(*got), num(*expected));
            let vars: [(&str, &dyn std::fmt::Display); 5] = [
                ("path", path),
                ("got", &got),
                ("expected", &expected),
                ("step", step),
                ("last", &step.saturating_sub(1)),
            ];
            match step {
                0 => Msg::TrajectoryFromStart.say(lang, &vars),
                1 => Msg::TrajectoryFromSecond.say(lang, &vars),
                _ => Msg::TrajectoryLater.say(lang, &vars),
            }
        }
        Finding::Different { path, expected, got } => {
            Msg::Different.say(lang, &[("path", path), ("got", got), ("expected", expected)])
        }
        Finding::Modified { argument } => Msg::Modified.say(lang, &[("argument", argument)]),
        Finding::Panic { message, location } => {
            let at = location.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
            Msg::Panicked.say(lang, &[("message", message), ("at", &at)])
        }
        Finding::NotCompiled => Msg::NotCompiled.text(lang).into(),
        Finding::Died { how } => Msg::Died.say(lang, &[("how", how)]),
        Finding::Timeout { limit } => {
            Msg::TimedOut.say(lang, &[("secs", &format!("{:.1}", limit.as_secs_f64()))])
        }
        Finding::BadRequest { message } => Msg::BadRequest.say(lang, &[("message", message)]),
    }
}

/// The catalogue entry of a mistake id any week may use.
fn general_mistake(id: &str) -> Option<Msg> {
    Some(match id {
        "hardcoded_learning_rate" => Msg::HardcodedLearningRate,
        "hardcoded_iterations" => Msg::HardcodedIterations,
        "hardcoded_size" => Msg::HardcodedSize,
        "wrong_activation" => Msg::WrongActivation,
        "relu_last_layer" => Msg::ReluLastLayer,
        "sigmoid_all_layers" => Msg::SigmoidAllLayers,
        "no_update_carried" => Msg::NoUpdateCarried,
        "first_layer_skipped" => Msg::FirstLayerSkipped,
        _ => return None,
    })
}

/// A known mistake's id in words: the week's own words first (week.toml
/// `[mistakes]`), then the general ones every week may use.
fn mistake_words(id: &str, week: &Week, lang: Lang) -> String {
    if let Some(text) = week.mistakes.get(id) {
        return text.get(lang).to_string();
    }
    general_mistake(id)
        .map(|m| m.text(lang).to_string())
        .unwrap_or_else(|| id.replace('_', " "))
}

/// Is there wording for this mistake id (in the week or built in)?
pub fn mistake_is_worded(id: &str, week: &Week) -> bool {
    week.mistakes.contains_key(id) || general_mistake(id).is_some()
}

/// A recognised mistake in words.
pub fn describe_mistake(named: &Named, week: &Week, lang: Lang) -> String {
    match named {
        Named::Known { id } => mistake_words(id, week, lang),
        Named::Scaled { path, factor, size } => {
            let two = (factor.abs() - 2.0).abs() < 1e-6 || (factor.abs() - 0.5).abs() < 1e-6;
            let why = match size {
                Some(2) if two => Msg::ScaledTwoOrHalfM.text(lang).to_string(),
                Some(m) if (factor.abs() - *m as f64).abs() < 1e-6 * *m as f64 => {
                    Msg::ScaledMissingM.say(lang, &[("m", m)])
                }
                Some(m) => Msg::ScaledExtraM.say(lang, &[("m", m)]),
                None if (factor + 1.0).abs() < 1e-6 => Msg::ScaledSign.text(lang).to_string(),
                None if two => Msg::ScaledTwo.text(lang).to_string(),
                None => String::new(),
            };
            let factor = num(*factor);
            let factor = factor.trim_end_matches('0').trim_end_matches('.');
            Msg::Scaled.say(lang, &[("path", path), ("factor", &factor), ("why", &why)])
        }
        Named::Transposed { path } => Msg::Transposed.say(lang, &[("path", path)]),
        Named::LostColumn { path } => Msg::LostColumn.say(lang, &[("path", path)]),
        Named::WrongAxis { path } => Msg::WrongAxis.say(lang, &[("path", path)]),
        Named::ArrayForScalar { path } => Msg::ArrayForScalar.say(lang, &[("path", path)]),
    }
}

/// The hint for a case: a glue failure found by blame gets its own; otherwise
/// by the kind of failure ([`hint`]).
pub fn case_hint(checked: &CheckedWeek, verdict: &Verdict, lang: Lang) -> Option<String> {
    if verdict.mistake.is_none()
        && matches!(
            checked.blame.get(&verdict.case_id),
            Some(Attribution::Glue { .. })
        )
    {
        return Some(Msg::HintGlue.say(lang, &[("function", &verdict.function)]));
    }
    hint(verdict, lang)
}

/// A hint chosen by the kind of failure; the function's own hints come from `dl-course hint`.
pub fn hint(verdict: &Verdict, lang: Lang) -> Option<String> {
    if verdict.mistake.is_some() {
        return Some(Msg::HintNamedMistake.text(lang).to_string());
    }
    let msg = match &verdict.finding {
        Finding::Passed | Finding::NotDone { .. } => return None,
        Finding::Shape { .. } | Finding::Type { .. } => Msg::HintShape,
        Finding::Values { got, .. } if !got.is_finite() => Msg::HintNonFinite,
        Finding::Values { .. } | Finding::Different { .. } | Finding::Missing { .. } => Msg::HintValues,
        Finding::Trajectory { step: 1, .. } => Msg::HintTrajectorySecond,
        Finding::Trajectory { step, .. } if *step > 1 => Msg::HintTrajectoryLater,
        Finding::Trajectory { .. } => Msg::HintTrajectoryFirst,
        Finding::Modified { .. } => Msg::HintModified,
        Finding::Panic { .. } => Msg::HintPanic,
        Finding::NotCompiled => Msg::HintNotCompiled,
        Finding::Died { .. } => Msg::HintDied,
        Finding::Timeout { .. } => Msg::HintTimeout,
        Finding::BadRequest { .. } => Msg::HintBadRequest,
    };
    Some(msg.text(lang).to_string())
}

/// Hints for the most common compile errors, by rustc error code.
pub fn compile_hint(error: &CompileError, lang: Lang) -> Option<&'static str> {
    let m = &error.message;
    let array = m.contains("ArrayBase") || m.contains("Dim<") || m.contains("Array");
    let msg = match error.code.as_deref()? {
        "E0308" if array => Msg::CompileArrayTypes,
        "E0308" => Msg::CompileTypes,
        "E0382" | "E0505" => Msg::CompileMoved,
        "E0369" | "E0277" if array || m.contains("f64") => Msg::CompileOperator,
        "E0599" => Msg::CompileNoMethod,
        _ => return None,
    };
    Some(msg.text(lang))
}

/// Evidence outputs in words: for a map of relative differences (a gradient
/// check), the gradients that disagree, largest first.
pub fn evidence_text(verdict: &Verdict, lang: Lang) -> Option<String> {
    let mut lines = Vec::new();
    for (name, value) in &verdict.evidence {
        let dlc::Value::Map { entries } = value else {
            continue;
        };
        let mut wrong: Vec<(&String, f64)> = entries
            .iter()
            .filter_map(|(k, v)| match v {
                dlc::Value::Float { value } if !(value.0 <= 1e-6) => Some((k, value.0)),
                _ => None,
            })
            .collect();
        wrong.sort_by(|a, b| b.1.total_cmp(&a.1));
        if wrong.is_empty() {
            continue;
        }
        let list = wrong
            .iter()
            .map(|(k, d)| format!("`{k}` ({})", relative_difference_text(*d, lang)))
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(Msg::GradientCheckDiffers.say(lang, &[("name", name), ("list", &list)]));
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn relative_difference_text(x: f64, lang: Lang) -> String {
    if x.is_finite() {
        Msg::RelativeDifference.say(lang, &[("x", &format!("{x:.2e}"))])
    } else {
        Msg::MissingOrMisshapen.text(lang).to_string()
    }
}

/// `linear_activation_backward#2 (the relu branch, deep_nn.rs:120)`.
fn blank_name(checked: &CheckedWeek, id: &str, lang: Lang) -> String {
    let (function, n) = id.split_once('#').unwrap_or((id, "1"));
    let label = checked
        .week
        .function(function)
        .and_then(|f| f.blanks.get(n.parse::<usize>().unwrap_or(1).saturating_sub(1)))
        .map(|t| t.get(lang).to_string());
    let place = checked.blank_locations.get(id).cloned();
    let detail: Vec<String> = label.into_iter().chain(place).collect();
    if detail.is_empty() {
        format!("`{id}`")
    } else {
        format!("`{id}` ({})", detail.join(", "))
    }
}

/// Blame in words: which blank, and the experiment that shows it.
pub fn explain_blame(
    checked: &CheckedWeek,
    verdict: &Verdict,
    attribution: &Attribution,
    lang: Lang,
) -> String {
    let f = &verdict.function;
    let names = |ids: &[String]| {
        ids.iter()
            .map(|b| blank_name(checked, b, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match attribution {
        Attribution::Only { blank } => {
            Msg::BlameOnly.say(lang, &[("blank", &blank_name(checked, blank, lang))])
        }
        Attribution::Piece {
            blank,
            piece_cases_pass,
        } => {
            let pieces_pass = checked.week.pieces_of(f).iter().all(|p| {
                checked
                    .verdicts
                    .iter()
                    .filter(|v| v.function == p.name && v.kind == CaseKind::Unit)
                    .all(|v| v.status == Status::Pass)
            });
            let piece = blank.split('#').next().unwrap_or(blank);
            let opening = if pieces_pass {
                Msg::BlamePiecesPass.say(lang, &[("function", f)])
            } else {
                String::new()
            };
            let closing = if *piece_cases_pass {
                Msg::BlamePieceUnreached
            } else {
                Msg::BlamePieceFailsToo
            };
            Msg::BlamePiece.say(
                lang,
                &[
                    ("opening", &opening),
                    ("piece", &piece),
                    ("blank", &blank_name(checked, blank, lang)),
                    ("closing", &closing.text(lang)),
                ],
            )
        }
        Attribution::Glue { blanks } => {
            Msg::BlameGlue.say(lang, &[("function", f), ("blanks", &names(blanks))])
        }
        Attribution::Several { blanks } => Msg::BlameSeveral.say(lang, &[("blanks", &names(blanks))]),
        Attribution::Unexplained { fixers } if fixers.is_empty() => {
            Msg::BlameUnexplained.text(lang).to_string()
        }
        Attribution::Unexplained { fixers } => {
            Msg::BlameUnexplainedFixers.say(lang, &[("fixers", &names(fixers))])
        }
        Attribution::OutsideBlanks => Msg::BlameOutside.text(lang).to_string(),
    }
}

/// The word for a verdict's status.
pub fn status_word(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Pass => Msg::StatusPass,
        Status::Fail => Msg::StatusFail,
        Status::Error => Msg::StatusError,
        Status::Timeout => Msg::StatusTimeout,
        Status::NotDone => Msg::StatusNotDone,
    }
    .text(lang)
}

/// The word for a kind of case.
pub fn kind_word(kind: CaseKind, lang: Lang) -> &'static str {
    match kind {
        CaseKind::Unit => Msg::KindUnit,
        CaseKind::Integration => Msg::KindIntegration,
    }
    .text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scaled(factor: f64, size: Option<usize>) -> Named {
        Named::Scaled {
            path: "dW1".into(),
            factor,
            size,
        }
    }

    #[test]
    fn every_named_mistake_has_a_message_in_both_languages() {
        let cases = [
            (scaled(-1.0, None), "sign is flipped", "符号が逆"),
            (scaled(4.0, Some(4)), "1/m is missing (m = 4)", "1/m (m = 4)"),
            (
                scaled(0.25, Some(4)),
                "divided by m = 4 once too often",
                "m = 4 で一回多く",
            ),
            (scaled(2.0, None), "factor 2", "係数 2"),
            (scaled(0.5, Some(2)), "a 1/m with m = 2", "m = 2 の 1/m"),
            (Named::Transposed { path: "dW1".into() }, "transpose", "転置"),
            (
                Named::LostColumn { path: "db1".into() },
                "(n, 1) column",
                "(n, 1) の列",
            ),
            (
                Named::WrongAxis { path: "db1".into() },
                "wrong axis",
                "間違った軸",
            ),
            (
                Named::ArrayForScalar { path: "cost".into() },
                "(1, 1) array",
                "(1, 1) の配列",
            ),
            (
                Named::Known {
                    id: "hardcoded_learning_rate".into(),
                },
                "learning rate is hard-coded",
                "学習率が固定値",
            ),
            (
                Named::Known {
                    id: "hardcoded_iterations".into(),
                },
                "number of iterations is hard-coded",
                "反復回数が固定値",
            ),
            (
                Named::Known {
                    id: "relu_last_layer".into(),
                },
                "last layer uses relu",
                "最後の層が relu",
            ),
            (
                Named::Known {
                    id: "something_new".into(),
                },
                "something new",
                "something new",
            ),
        ];
        let mut week = crate::manifest::tests_support::week();
        week.mistakes.insert(
            "weekly".into(),
            crate::manifest::Text {
                en: "a weekly one".into(),
                ja: "週の間違い".into(),
            },
        );
        let cases =
            cases
                .into_iter()
                .chain([(Named::Known { id: "weekly".into() }, "a weekly one", "週の間違い")]);
        for (named, en, ja) in cases {
            let (got_en, got_ja) = (
                describe_mistake(&named, &week, Lang::En),
                describe_mistake(&named, &week, Lang::Ja),
            );
            assert!(got_en.contains(en), "{named:?}: {got_en}");
            assert!(got_ja.contains(ja), "{named:?}: {got_ja}");
        }
    }

    #[test]
    fn findings_are_worded_in_both_languages() {
        let shape = Finding::Shape {
            path: "dW".into(),
            expected: vec![4, 3],
            got: vec![3, 4],
        };
        assert_eq!(
            describe(&shape, Lang::En),
            "`dW` has shape (3, 4), expected (4, 3)"
        );
        assert!(describe(&shape, Lang::Ja).contains("(4, 3)"));
        let nan = Finding::Values {
            path: "cost".into(),
            index: vec![],
            expected: 0.5,
            got: f64::NAN,
            max_error: f64::NAN,
            wrong: 1,
            total: 1,
        };
        assert!(describe(&nan, Lang::En).contains("NaN appeared"));
        let step = Finding::Trajectory {
            path: "costs".into(),
            step: 1,
            expected: 0.6,
            got: 0.65,
        };
        assert!(describe(&step, Lang::En).contains("matches at step 0 and differs from step 1"));
    }
}
