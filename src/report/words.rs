//! Verdicts in words: what a finding, a named mistake, a blame or a hint says,
//! chosen by the situation and taken from the [catalogue](super::catalogue).
//!
//! Long because the choice of words is one decision table: which finding,
//! which named mistake and which blame may speak together (a hint must never
//! contradict the blame beside it, a shape panic is worded only by evidence
//! every case of its blank agrees on), and split across files those rules
//! could disagree without anyone seeing it.

use dlc::protocol::CaseKind;
use dlc::value::shape_text;

use super::catalogue::Msg;
use crate::blame::Attribution;
use crate::build::CompileError;
use crate::judge::{Finding, Named, ProductFix, Status, Verdict, is_shape_panic, panic_shapes};
use crate::manifest::{Lang, Week};
use crate::pipeline::CheckedWeek;
use crate::run::{Death, Exceeded};

pub use super::numbers::{join, num, num_pair};

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

/// How a case's process ended without a result, in words.
pub fn death_text(how: &Death, lang: Lang) -> String {
    match how {
        Death::Signal(6) => Msg::DiedAbort.text(lang).to_string(),
        Death::Signal(9) => Msg::DiedKilled.text(lang).to_string(),
        Death::Signal(11) => Msg::DiedSegv.text(lang).to_string(),
        Death::Signal(signal) => Msg::DiedSignal.say(lang, &[("signal", signal)]),
        Death::Exited(code) => Msg::DiedExited.say(lang, &[("code", code)]),
        Death::NoResult => Msg::DiedNoResult.text(lang).to_string(),
        Death::UnreadableResult(error) => Msg::DiedUnreadable.say(lang, &[("error", error)]),
        Death::NotWaited(error) => Msg::DiedNotWaited.say(lang, &[("error", error)]),
        Death::NotStarted(why) => Msg::DiedNotStarted.say(lang, &[("why", why)]),
    }
}

/// What a finding means, in one or two sentences.
pub fn describe(finding: &Finding, lang: Lang) -> String {
    match finding {
        Finding::Passed => Msg::Passed.text(lang).into(),
        Finding::NotDone { functions } if functions.is_empty() => Msg::NotDoneTodo.text(lang).into(),
        Finding::NotDone { functions } => {
            let list = join(
                &functions.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>(),
                lang,
            );
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
            let (got_text, expected_text) = num_pair(*got, *expected);
            let mut s = Msg::WrongValues.say(
                lang,
                &[
                    ("at", &at),
                    ("got", &got_text),
                    ("expected", &expected_text),
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
            recorded: Some(recorded),
            expected,
            got,
        } if *step > 0 => {
            let (got, expected) = num_pair(*got, *expected);
            let unit = match recorded.unit {
                dlc::protocol::StepUnit::Iteration => Msg::UnitIteration.text(lang),
                dlc::protocol::StepUnit::Epoch => Msg::UnitEpoch.text(lang),
            };
            let vars: [(&str, &dyn std::fmt::Display); 8] = [
                ("path", path),
                ("got", &got),
                ("expected", &expected),
                ("unit", &unit),
                ("every", &recorded.every),
                ("twice", &(2 * recorded.every)),
                ("at", &(step * recorded.every)),
                ("last", &((step - 1) * recorded.every)),
            ];
            Msg::TrajectoryAt.say(lang, &vars)
        }
        Finding::Trajectory {
            path,
            step,
            expected,
            got,
            ..
        } => {
            let (got, expected) = num_pair(*got, *expected);
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
        Finding::Died { how } => death_text(how, lang),
        Finding::OverLimit(exceeded) => match exceeded {
            Exceeded::Memory { limit_mib } => Msg::OverMemory.say(lang, &[("limit", limit_mib)]),
            Exceeded::FileSize { limit_mib } => Msg::OverFileSize.say(lang, &[("limit", limit_mib)]),
            Exceeded::Result { bytes, limit } => {
                Msg::OverResult.say(lang, &[("bytes", bytes), ("limit", &(limit / (1024 * 1024)))])
            }
        },
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
            // num() already drops trailing zeros after a decimal point only.
            let factor = num(*factor);
            Msg::Scaled.say(lang, &[("path", path), ("factor", &factor), ("why", &why)])
        }
        Named::Transposed { path } => Msg::Transposed.say(lang, &[("path", path)]),
        Named::LostColumn { path } => Msg::LostColumn.say(lang, &[("path", path)]),
        Named::WrongAxis { path } => Msg::WrongAxis.say(lang, &[("path", path)]),
        Named::ArrayForScalar { path } => Msg::ArrayForScalar.say(lang, &[("path", path)]),
        Named::SwappedSizes { path, got, expected } => Msg::SwappedSizes.say(
            lang,
            &[
                ("path", path),
                ("got", &shape_text(&[got.0, got.1])),
                ("expected", &shape_text(&[expected.0, expected.1])),
            ],
        ),
        Named::ElementwiseForProduct { left, right } => {
            let (l, r) = (shape2(*left), shape2(*right));
            Msg::ElementwiseForProduct.say(lang, &[("left", &l), ("right", &r)])
        }
        Named::TransposedOperand { left, right } => {
            let (l, r) = (shape2(*left), shape2(*right));
            Msg::TransposedOperand.say(lang, &[("left", &l), ("right", &r)])
        }
        Named::ProductShapes { left, right, fix } => {
            let (l, r) = (shape2(*left), shape2(*right));
            let inner = format!("{} ≠ {}", left.1, right.0);
            let which = match fix {
                ProductFix::SwapOrder => {
                    return Msg::ProductOrder.say(lang, &[("left", &l), ("right", &r), ("inner", &inner)]);
                }
                ProductFix::TransposeLeft => Msg::FactorLeft.text(lang),
                ProductFix::TransposeRight => Msg::FactorRight.text(lang),
            };
            Msg::ProductTranspose.say(
                lang,
                &[("left", &l), ("right", &r), ("inner", &inner), ("which", &which)],
            )
        }
    }
}

/// A 2-D shape in words, `(3, 4)`.
fn shape2(shape: (usize, usize)) -> String {
    shape_text(&[shape.0, shape.1])
}

/// The named mistake of a case as the report shows it: a known mistake of
/// the function's own glue (a hard-coded rate, parameters not carried) is not
/// claimed when blame found the fault in another function's blank.
pub fn shown_mistake<'v>(checked: &CheckedWeek, verdict: &'v Verdict) -> Option<&'v Named> {
    let named = verdict.mistake.as_ref()?;
    let own = format!("{}#", verdict.function);
    let blamed_elsewhere = checked.blame.get(&verdict.case_id).is_some_and(|a| {
        let blanks = a.blanks();
        !blanks.is_empty() && blanks.iter().all(|b| !b.starts_with(&own))
    });
    if let Some(class) = named.shape_panic_class() {
        // A shape panic's explanation is the case's own only when blame keeps
        // the fault in this function: a composite's shapes go wrong after a
        // piece's mistake, which is then named as seen in the piece's case.
        if blamed_elsewhere {
            return None;
        }
        // The shape panics of this function blamed on the same blanks must
        // agree: shapes that fit a transpose in one case and nothing in the
        // next (a loop feeding the wrong array) are a coincidence. Panics of
        // two kinds (an elementwise one naming no shapes, products naming
        // theirs) come from one mistake seen at two places: m = 1
        // broadcasts a `*` and the product after it fails; a product in the
        // wrong order leaves a shape that a `+ b` then cannot broadcast. The
        // kind most of them show speaks; the others are named as seen there.
        let elementwise = |u: &Verdict| {
            matches!(&u.finding, Finding::Panic { message, .. }
                if is_shape_panic(message) && !message.contains("matrix multiplication"))
        };
        let blanks = |id: &str| checked.blame.get(id).map(|a| a.blanks());
        let own_blanks = blanks(&verdict.case_id);
        let siblings: Vec<&Verdict> = checked
            .verdicts
            .iter()
            .filter(|u| {
                u.function == verdict.function
                    && matches!(&u.finding, Finding::Panic { message, .. } if is_shape_panic(message))
                    && blanks(&u.case_id) == own_blanks
            })
            .collect();
        let elementwise_count = siblings.iter().filter(|u| elementwise(u)).count();
        let majority_elementwise = 2 * elementwise_count >= siblings.len();
        if elementwise(verdict) != majority_elementwise {
            return None;
        }
        let agree = siblings
            .iter()
            .filter(|u| elementwise(u) == elementwise(verdict))
            .all(|u| u.mistake.as_ref().and_then(Named::shape_panic_class) == Some(class));
        if !agree {
            return None;
        }
    }
    match named {
        Named::Known { .. } if blamed_elsewhere => None,
        _ => Some(named),
    }
}

/// The named mistake of a case in words: its own, or else one named in a case of
/// the blamed blank's own function (recognised, or known from a unit case: not a
/// composite's known glue mistake), said as seen there, as its words fit that case.
pub fn mistake_text(checked: &CheckedWeek, verdict: &Verdict, lang: Lang) -> Option<String> {
    if let Some(m) = shown_mistake(checked, verdict) {
        return Some(describe_mistake(m, checked.week, lang));
    }
    let blanks = checked.blame.get(&verdict.case_id)?.blanks();
    let [blank] = blanks.as_slice() else {
        return None;
    };
    let function = blank.split('#').next()?;
    let (source, named) = checked.verdicts.iter().find_map(|u| {
        let named = shown_mistake(checked, u)?;
        let same_blank = checked
            .blame
            .get(&u.case_id)
            .is_some_and(|a| a.blanks() == [blank.clone()]);
        let telling = !matches!(named, Named::Known { .. }) || u.kind == CaseKind::Unit;
        (u.case_id != verdict.case_id && u.function == function && same_blank && telling)
            .then_some((u, named))
    })?;
    Some(Msg::MistakeSeenIn.say(
        lang,
        &[
            ("case", &source.case_id),
            ("mistake", &describe_mistake(named, checked.week, lang)),
        ],
    ))
}

/// The hint for a case, never contradicting the blame shown with it: a glue
/// failure of a composite gets its own; a trajectory blamed on a blank points
/// at that blank instead of guessing which part is right; otherwise by the
/// kind of failure.
pub fn case_hint(checked: &CheckedWeek, verdict: &Verdict, lang: Lang) -> Option<String> {
    let attribution = checked.blame.get(&verdict.case_id);
    let mistake = mistake_text(checked, verdict, lang);
    let glue = matches!(attribution, Some(Attribution::Glue { .. }));
    if mistake.is_none() && glue && verdict.kind == CaseKind::Integration {
        return Some(Msg::HintGlue.say(lang, &[("function", &verdict.function)]));
    }
    if mistake.is_some() {
        return Some(Msg::HintNamedMistake.text(lang).to_string());
    }
    if let Finding::Panic { message, .. } = &verdict.finding
        && is_shape_panic(message)
    {
        return Some(shape_panic_hint(message, attribution, lang));
    }
    let blamed = attribution.is_some_and(|a| !a.blanks().is_empty());
    if blamed && matches!(verdict.finding, Finding::Trajectory { .. }) {
        return Some(Msg::HintTrajectoryBlamed.text(lang).to_string());
    }
    hint_for_finding(&verdict.finding, lang)
}

/// The hint beside a shape panic that no mistake explains: the two shapes
/// quoted when the panic names them, and the blamed blank as the place to
/// look, never a guess at `*` or `.t()`.
fn shape_panic_hint(message: &str, attribution: Option<&Attribution>, lang: Lang) -> String {
    let place = match attribution.map(Attribution::blanks).as_deref() {
        Some([blank]) => Msg::PlaceBlank.say(lang, &[("blank", blank)]),
        _ => Msg::PlaceAnywhere.text(lang).to_string(),
    };
    match panic_shapes(message) {
        Some((left, right)) => Msg::HintShapePanic.say(
            lang,
            &[
                ("left", &shape2(left)),
                ("right", &shape2(right)),
                ("place", &place),
            ],
        ),
        None => Msg::HintShapePanicNoShapes.say(lang, &[("place", &place)]),
    }
}

/// A hint chosen by the kind of failure; the function's own hints come from `dl-course hint`.
fn hint_for_finding(finding: &Finding, lang: Lang) -> Option<String> {
    let msg = match finding {
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
        Finding::OverLimit(_) => Msg::HintOverLimit,
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
                // Written so that NaN (a gradient missing or misshapen) counts as differing.
                dlc::Value::Float { value } if value.0.is_nan() || value.0 > 1e-6 => Some((k, value.0)),
                _ => None,
            })
            .collect();
        wrong.sort_by(|a, b| b.1.total_cmp(&a.1));
        if wrong.is_empty() {
            continue;
        }
        let list = join(
            &wrong
                .iter()
                .map(|(k, d)| format!("`{k}` ({})", relative_difference_text(*d, lang)))
                .collect::<Vec<_>>(),
            lang,
        );
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

/// A blank's short name from week.toml (`the relu branch`), when it has one.
pub fn blank_label(checked: &CheckedWeek, id: &str, lang: Lang) -> Option<String> {
    let (function, n) = id.split_once('#').unwrap_or((id, "1"));
    checked
        .week
        .function(function)
        .and_then(|f| f.blanks.get(n.parse::<usize>().unwrap_or(1).saturating_sub(1)))
        .map(|t| t.get(lang).to_string())
}

/// `linear_activation_backward#2 (the relu branch, exercises/week3/deep_nn.rs:120)`.
pub fn blank_name(checked: &CheckedWeek, id: &str, lang: Lang) -> String {
    let label = blank_label(checked, id, lang);
    let place = checked
        .blanks
        .iter()
        .find(|b| b.id == id)
        .map(|b| b.location.clone());
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
        join(
            &ids.iter()
                .map(|b| blank_name(checked, b, lang))
                .collect::<Vec<_>>(),
            lang,
        )
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
        // A unit case checks one call: there is no pipeline to speak of.
        Attribution::Glue { blanks } if verdict.kind == CaseKind::Unit => {
            Msg::BlameOwnCode.say(lang, &[("function", f), ("blanks", &names(blanks))])
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

    #[test]
    fn limits_are_worded_in_both_languages() {
        let memory = Finding::OverLimit(Exceeded::Memory { limit_mib: 4096 });
        assert!(describe(&memory, Lang::En).starts_with("used more than 4096 MiB of memory"));
        assert!(describe(&memory, Lang::Ja).contains("4096 MiB を超えるメモリ"));
        let result = Finding::OverLimit(Exceeded::Result {
            bytes: 200 << 20,
            limit: 64 << 20,
        });
        assert!(describe(&result, Lang::En).contains("more than the 64 MiB allowed"));
        assert!(describe(&result, Lang::Ja).contains("64 MiB"));
        let file = Finding::OverLimit(Exceeded::FileSize { limit_mib: 256 });
        assert!(describe(&file, Lang::En).contains("256 MiB"));
        assert!(describe(&file, Lang::Ja).contains("256 MiB"));
    }

    #[test]
    fn numbers_keep_their_significant_digits() {
        assert_eq!(num(3.26295337), "3.26295337");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(1.6e-10), "1.6e-10");
        assert_eq!(num(-2.5e7), "-2.5e7");
        assert_eq!(num(123456.0), "123456");
        assert_eq!(num(1234567.0), "1.234567e6");
        assert_eq!(num(0.000123456789123), "0.000123456789");
        assert_eq!(num(f64::NAN), "NaN");
        // Two different values never print the same.
        let (a, b) = num_pair(0.1234567891, 0.1234567892);
        assert_ne!(a, b);
        assert_eq!(
            num_pair(1.6e-10, 2.9e-10),
            ("1.6e-10".to_string(), "2.9e-10".to_string())
        );
    }

    #[test]
    fn lists_use_each_languages_punctuation() {
        let items = vec!["`a`".to_string(), "`b`".to_string()];
        assert_eq!(join(&items, Lang::En), "`a`, `b`");
        assert_eq!(join(&items, Lang::Ja), "`a`、`b`");
    }

    fn verdict(kind: CaseKind, finding: Finding, mistake: Option<Named>) -> Verdict {
        Verdict {
            case_id: "f/case".into(),
            function: "f".into(),
            kind,
            note: String::new(),
            status: Status::Fail,
            finding,
            mistake,
            evidence: Default::default(),
            output: String::new(),
            elapsed: Default::default(),
        }
    }

    fn checked<'w>(week: &'w Week, v: &Verdict, blame: Attribution) -> CheckedWeek<'w> {
        CheckedWeek {
            week,
            compile_errors: Vec::new(),
            verdicts: vec![v.clone()],
            blame: [(v.case_id.clone(), blame)].into(),
            blanks: Vec::new(),
        }
    }

    fn values() -> Finding {
        Finding::Values {
            path: "Z".into(),
            index: vec![0, 0],
            expected: 1.0,
            got: 2.0,
            max_error: 1.0,
            wrong: 1,
            total: 1,
        }
    }

    #[test]
    fn a_unit_case_is_not_told_about_a_pipeline() {
        let week = crate::manifest::tests_support::week();
        let glue = Attribution::Glue {
            blanks: vec!["f#1".into()],
        };
        let unit = verdict(CaseKind::Unit, values(), None);
        let c = checked(&week, &unit, glue.clone());
        let words = explain_blame(&c, &unit, &glue, Lang::En);
        assert!(
            words.contains("its own code") && !words.contains("pipeline"),
            "{words}"
        );
        let hint = case_hint(&c, &unit, Lang::En).unwrap();
        assert!(!hint.contains("loop's bounds"), "{hint}");
        let integration = verdict(CaseKind::Integration, values(), None);
        let c = checked(&week, &integration, glue.clone());
        assert!(explain_blame(&c, &integration, &glue, Lang::En).contains("pipeline"));
        assert!(
            case_hint(&c, &integration, Lang::En)
                .unwrap()
                .contains("connects them")
        );
    }

    #[test]
    fn every_blame_situation_has_its_own_words() {
        let week = crate::manifest::tests_support::week();
        let v = verdict(CaseKind::Integration, values(), None);
        let blanks = vec!["f#1".to_string(), "f#2".to_string()];
        let situations = [
            (
                Attribution::Only { blank: "f#1".into() },
                "the fault is in blank `f#1`",
            ),
            (
                Attribution::Piece {
                    blank: "p#1".into(),
                    piece_cases_pass: true,
                },
                "which its own cases did not reach",
            ),
            (
                Attribution::Piece {
                    blank: "p#1".into(),
                    piece_cases_pass: false,
                },
                "its own cases fail too, so fix it first",
            ),
            (
                Attribution::Glue {
                    blanks: blanks.clone(),
                },
                "inside this pipeline",
            ),
            (
                Attribution::Several {
                    blanks: blanks.clone(),
                },
                "Several blanks are wrong",
            ),
            (
                Attribution::Unexplained { fixers: Vec::new() },
                "how several of your blanks work together",
            ),
            (
                Attribution::Unexplained {
                    fixers: vec!["f#2".into()],
                },
                "Replacing `f#2` with reference code makes it pass",
            ),
            (Attribution::OutsideBlanks, "outside the blanks"),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (attribution, words) in situations {
            let c = checked(&week, &v, attribution.clone());
            let en = explain_blame(&c, &v, &attribution, Lang::En);
            assert!(en.contains(words), "{attribution:?}: {en}");
            let ja = explain_blame(&c, &v, &attribution, Lang::Ja);
            assert!(!ja.is_ascii() && ja != en, "{attribution:?}: {ja}");
            assert!(seen.insert(en.clone()), "two situations share words: {en}");
        }
    }

    #[test]
    fn hints_and_named_mistakes_never_contradict_the_blame() {
        let week = crate::manifest::tests_support::week();
        let trajectory = Finding::Trajectory {
            path: "costs".into(),
            step: 1,
            recorded: None,
            expected: 0.6,
            got: 0.7,
        };
        let carried = Named::Known {
            id: "no_update_carried".into(),
        };
        let v = verdict(CaseKind::Integration, trajectory, Some(carried));
        // Blame on another function's blank: the glue mistake is not claimed, and
        // the hint does not say which parts are right.
        let elsewhere = Attribution::Piece {
            blank: "compute_cost#1".into(),
            piece_cases_pass: false,
        };
        let c = checked(&week, &v, elsewhere);
        assert!(shown_mistake(&c, &v).is_none());
        let hint = case_hint(&c, &v, Lang::En).unwrap();
        assert!(
            !hint.contains("cost are right") && hint.contains("blank named above"),
            "{hint}"
        );
        // Blame on the function's own blank: the mistake stands.
        let own = Attribution::Glue {
            blanks: vec!["f#1".into()],
        };
        let c = checked(&week, &v, own);
        assert!(shown_mistake(&c, &v).is_some());
    }

    #[test]
    fn a_known_mistake_of_a_unit_case_is_repeated_in_the_cases_blamed_on_its_blank() {
        let week = crate::manifest::tests_support::week();
        let known = |id: &str| Named::Known { id: id.into() };
        let only = Attribution::Only { blank: "f#1".into() };
        let composite = Verdict {
            case_id: "g/case".into(),
            function: "g".into(),
            ..verdict(CaseKind::Integration, values(), None)
        };
        let with_source = |source: Verdict| CheckedWeek {
            week: &week,
            compile_errors: Vec::new(),
            verdicts: vec![source.clone(), composite.clone()],
            blame: [
                (source.case_id.clone(), only.clone()),
                (composite.case_id.clone(), only.clone()),
            ]
            .into(),
            blanks: Vec::new(),
        };
        let unit = verdict(CaseKind::Unit, values(), Some(known("missing_bias")));
        let text = mistake_text(&with_source(unit), &composite, Lang::En).expect("repeated");
        assert!(text.contains("f/case") && text.contains("missing bias"), "{text}");
        // A known glue mistake of an integration case is not carried over.
        let glue = verdict(
            CaseKind::Integration,
            values(),
            Some(known("hardcoded_learning_rate")),
        );
        assert_eq!(mistake_text(&with_source(glue), &composite, Lang::En), None);
    }

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

    fn panicked(case: &str, message: &str, mistake: Option<Named>) -> Verdict {
        Verdict {
            case_id: case.into(),
            status: Status::Error,
            ..verdict(
                CaseKind::Integration,
                Finding::Panic {
                    message: message.into(),
                    location: None,
                },
                mistake,
            )
        }
    }

    fn all_blamed<'w>(week: &'w Week, verdicts: &[Verdict], blank: &str) -> CheckedWeek<'w> {
        CheckedWeek {
            week,
            compile_errors: Vec::new(),
            verdicts: verdicts.to_vec(),
            blame: verdicts
                .iter()
                .map(|v| (v.case_id.clone(), Attribution::Only { blank: blank.into() }))
                .collect(),
            blanks: Vec::new(),
        }
    }

    const PRODUCT: &str = "ndarray: inputs 3 × 4 and 5 × 4 are not compatible for matrix multiplication";
    const FED_X: &str = "ndarray: inputs 4 × 5 and 6 × 8 are not compatible for matrix multiplication";

    #[test]
    fn every_shape_panic_is_worded_by_its_evidence() {
        let week = crate::manifest::tests_support::week();
        let cases = [
            (
                Named::ElementwiseForProduct {
                    left: (3, 4),
                    right: (4, 2),
                },
                "a.dot(&b)",
                "a.dot(&b)",
            ),
            (
                Named::TransposedOperand {
                    left: (3, 5),
                    right: (5, 3),
                },
                "each the other's transpose",
                "互いに転置",
            ),
            (
                Named::ProductShapes {
                    left: (3, 4),
                    right: (5, 4),
                    fix: ProductFix::TransposeRight,
                },
                "with the right factor transposed it would fit",
                "右の因子を転置すれば",
            ),
            (
                Named::ProductShapes {
                    left: (4, 2),
                    right: (3, 4),
                    fix: ProductFix::SwapOrder,
                },
                "in the other order, (3, 4) · (4, 2)",
                "逆の順番",
            ),
            (
                Named::SwappedSizes {
                    path: "W1".into(),
                    got: (3, 2),
                    expected: (2, 3),
                },
                "two sizes swapped",
                "入れ替わって",
            ),
        ];
        for (named, en, ja) in cases {
            let (got_en, got_ja) = (
                describe_mistake(&named, &week, Lang::En),
                describe_mistake(&named, &week, Lang::Ja),
            );
            assert!(got_en.contains(en), "{named:?}: {got_en}");
            assert!(got_ja.contains(ja), "{named:?}: {got_ja}");
        }
        // The transpose and order words never speak of `*`; the product words never of `.t()`.
        let order = describe_mistake(&cases_order(), &week, Lang::En);
        assert!(!order.contains(".t()") && !order.contains('*'), "{order}");
    }

    fn cases_order() -> Named {
        Named::ProductShapes {
            left: (4, 2),
            right: (3, 4),
            fix: ProductFix::SwapOrder,
        }
    }

    #[test]
    fn a_shape_panic_no_mistake_explains_gets_a_neutral_hint_quoting_its_shapes() {
        let week = crate::manifest::tests_support::week();
        let v = panicked("f/deep", FED_X, None);
        let c = all_blamed(&week, std::slice::from_ref(&v), "f#1");
        assert_eq!(mistake_text(&c, &v, Lang::En), None);
        let hint = case_hint(&c, &v, Lang::En).unwrap();
        assert!(
            hint.contains("(4, 5) and (6, 8)") && hint.contains("blank `f#1`"),
            "{hint}"
        );
        assert!(hint.contains("not the one meant here"), "{hint}");
        let ja = case_hint(&c, &v, Lang::Ja).unwrap();
        assert!(ja.contains("(4, 5)") && ja.contains("空欄 `f#1`"), "{ja}");
        // No shapes in the message: still neutral, pointing at the blank.
        let v = panicked(
            "f/deep",
            "ShapeError/IncompatibleShape: incompatible shapes",
            None,
        );
        let c = all_blamed(&week, std::slice::from_ref(&v), "f#1");
        let hint = case_hint(&c, &v, Lang::En).unwrap();
        assert!(
            hint.contains("neither match nor broadcast") && hint.contains("f#1"),
            "{hint}"
        );
    }

    #[test]
    fn a_shape_panic_is_explained_only_where_every_case_of_the_blank_agrees() {
        let week = crate::manifest::tests_support::week();
        let transposable = Named::ProductShapes {
            left: (3, 4),
            right: (5, 4),
            fix: ProductFix::TransposeRight,
        };
        // A loop feeding the wrong array: one case's shapes happen to fit a
        // transpose, another's fit nothing. Neither is called a transpose.
        let coincidence = panicked("f/notebook", PRODUCT, Some(transposable.clone()));
        let unexplained = panicked("f/deep", FED_X, None);
        let c = all_blamed(&week, &[coincidence.clone(), unexplained.clone()], "f#1");
        assert_eq!(shown_mistake(&c, &coincidence), None);
        assert_eq!(mistake_text(&c, &unexplained, Lang::En), None);
        assert!(
            case_hint(&c, &coincidence, Lang::En)
                .unwrap()
                .contains("(3, 4) and (5, 4)")
        );
        // Every case's shapes fit a transpose: each names it.
        let again = panicked("f/pipeline", PRODUCT, Some(transposable.clone()));
        let c = all_blamed(&week, &[coincidence.clone(), again.clone()], "f#1");
        assert!(shown_mistake(&c, &coincidence).is_some() && shown_mistake(&c, &again).is_some());
        // Cases of the function blamed on another blank do not count.
        let mut other = panicked("f/other", FED_X, None);
        other.case_id = "f/other".into();
        let mut c = all_blamed(&week, &[coincidence.clone(), again.clone(), other.clone()], "f#1");
        c.blame
            .insert(other.case_id.clone(), Attribution::Only { blank: "f#2".into() });
        assert!(shown_mistake(&c, &coincidence).is_some());
    }

    #[test]
    fn a_failed_product_defers_to_the_star_before_it() {
        let week = crate::manifest::tests_support::week();
        // `wᵀ * X` panics where m > 1; with m = 1 it broadcasts, and the
        // product downstream fails on shapes that happen to fit a transpose.
        let star = Named::ElementwiseForProduct {
            left: (1, 2),
            right: (2, 3),
        };
        let notebook = panicked(
            "f/notebook",
            "ShapeError/IncompatibleShape: incompatible shapes",
            Some(star),
        );
        let m1 = panicked(
            "f/edge_m1",
            "ndarray: inputs 3 × 1 and 3 × 3 are not compatible for matrix multiplication",
            Some(Named::ProductShapes {
                left: (3, 1),
                right: (3, 3),
                fix: ProductFix::TransposeLeft,
            }),
        );
        let c = all_blamed(&week, &[notebook.clone(), m1.clone()], "f#1");
        assert!(shown_mistake(&c, &notebook).is_some());
        assert_eq!(shown_mistake(&c, &m1), None);
        let text = mistake_text(&c, &m1, Lang::En).unwrap();
        assert!(
            text.contains("as seen in `f/notebook`") && text.contains("a.dot(&b)"),
            "{text}"
        );
        // Blamed on another function's blank: the composite's own shapes are not explained.
        let mut elsewhere = all_blamed(&week, std::slice::from_ref(&notebook), "g#1");
        elsewhere.blame.insert(
            notebook.case_id.clone(),
            Attribution::Piece {
                blank: "g#1".into(),
                piece_cases_pass: false,
            },
        );
        assert_eq!(shown_mistake(&elsewhere, &notebook), None);
    }

    #[test]
    fn the_kind_of_shape_panic_most_cases_show_speaks() {
        let week = crate::manifest::tests_support::week();
        // `a.dot(w) + b`: three products in the wrong order, and one case
        // (n_l = m) where the product works and `+ b` cannot broadcast.
        let order = |case: &str, l: (usize, usize), r: (usize, usize)| {
            panicked(
                case,
                &format!(
                    "ndarray: inputs {} × {} and {} × {} are not compatible for matrix multiplication",
                    l.0, l.1, r.0, r.1
                ),
                Some(Named::ProductShapes {
                    left: l,
                    right: r,
                    fix: ProductFix::SwapOrder,
                }),
            )
        };
        let square = panicked(
            "f/square",
            "ShapeError/IncompatibleShape: incompatible shapes",
            Some(Named::ElementwiseForProduct {
                left: (4, 3),
                right: (3, 4),
            }),
        );
        let cases = [
            order("f/notebook", (3, 2), (1, 3)),
            order("f/edge", (4, 1), (3, 4)),
            order("f/pipeline", (4, 5), (2, 4)),
            square.clone(),
        ];
        let c = all_blamed(&week, &cases, "f#1");
        for v in &cases[..3] {
            assert!(shown_mistake(&c, v).is_some(), "{}", v.case_id);
        }
        assert_eq!(shown_mistake(&c, &square), None);
        let text = mistake_text(&c, &square, Lang::En).unwrap();
        assert!(
            text.contains("wrong order") && !text.contains("a.dot(&b)"),
            "{text}"
        );
    }

    #[test]
    fn a_transpose_seen_in_a_unit_case_is_named_in_every_case_blamed_on_its_blank() {
        let week = crate::manifest::tests_support::week();
        let unit = verdict(
            CaseKind::Unit,
            values(),
            Some(Named::Transposed { path: "dW".into() }),
        );
        // A composite that panics on W − α·dWᵀ: no shapes, no evidence of its own.
        let composite = Verdict {
            case_id: "g/train".into(),
            function: "g".into(),
            ..panicked(
                "g/train",
                "ShapeError/IncompatibleShape: incompatible shapes",
                None,
            )
        };
        let c = all_blamed(&week, &[unit.clone(), composite.clone()], "f#1");
        let text = mistake_text(&c, &composite, Lang::En).expect("named as seen in the unit case");
        assert!(text.contains("f/case") && text.contains("transpose"), "{text}");
        assert!(case_hint(&c, &composite, Lang::En).unwrap().contains("known fix"));
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
            recorded: None,
            expected: 0.6,
            got: 0.65,
        };
        assert!(describe(&step, Lang::En).contains("matches at step 0 and differs from step 1"));
        // Recorded every 100 iterations: step 3 is iteration 300.
        let at = Finding::Trajectory {
            path: "costs".into(),
            step: 3,
            recorded: Some(dlc::protocol::Recording {
                every: 100,
                unit: dlc::protocol::StepUnit::Iteration,
            }),
            expected: 0.6,
            got: 0.65,
        };
        let en = describe(&at, Lang::En);
        assert!(
            en.contains("matches up to iteration 200 and differs from iteration 300"),
            "{en}"
        );
        let ja = describe(&at, Lang::Ja);
        assert!(ja.contains("反復 200") && ja.contains("反復 300"), "{ja}");
    }

    #[test]
    fn a_death_is_worded_in_either_language() {
        let segv = Finding::Died {
            how: Death::Signal(11),
        };
        assert!(describe(&segv, Lang::En).contains("SIGSEGV"));
        assert!(describe(&segv, Lang::Ja).contains("スタックオーバーフロー"));
        let exit = Finding::Died {
            how: Death::Exited(3),
        };
        assert!(describe(&exit, Lang::En).contains("exited with code 3"));
        assert!(describe(&exit, Lang::Ja).contains("コード 3"));
    }
}
