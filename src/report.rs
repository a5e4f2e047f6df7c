//! Report: turn judged verdicts into words, for a person or for a machine.
//!
//! Reporting never decides: it renders [`Verdict`]s and [`Finding`]s, in
//! English or Japanese, coloured only when the output is a terminal and
//! `NO_COLOR` is unset.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use colored::Colorize;
use serde::Serialize;

use crate::blame::Attribution;
use crate::build::CompileError;
use crate::judge::{Finding, Status, Verdict};
use crate::manifest::{Lang, Week};
use crate::mistakes::Named;
use crate::run::Exceeded;
use dlc::protocol::CaseKind;
use dlc::value::shape_text;

/// Everything `check` learned about one week, ready to render.
pub struct WeekReport<'a> {
    /// The week.
    pub week: &'a Week,
    /// Compile errors, when the learner's file does not compile.
    pub compile_errors: Vec<CompileError>,
    /// One verdict per case, in fixture order.
    pub verdicts: Vec<Verdict>,
    /// Blame per failing case id.
    pub blame: BTreeMap<String, Attribution>,
    /// Where each blank starts in the learner's files (`file:line`), by blank id.
    pub blank_locations: BTreeMap<String, String>,
}

/// Counts for the closing line.
#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that did not pass (failures, errors, timeouts, not done).
    pub failed: usize,
    /// Of the failed, those not done yet.
    pub not_done: usize,
}

impl WeekReport<'_> {
    /// Counts of passed and failed cases.
    pub fn summary(&self) -> Summary {
        let passed = self.verdicts.iter().filter(|v| v.status == Status::Pass).count();
        let not_done = self
            .verdicts
            .iter()
            .filter(|v| v.status == Status::NotDone)
            .count();
        Summary {
            passed,
            failed: self.verdicts.len() - passed,
            not_done,
        }
    }

    /// Did every case pass?
    pub fn all_passed(&self) -> bool {
        self.compile_errors.is_empty() && self.verdicts.iter().all(|v| v.status == Status::Pass)
    }
}

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
        Finding::Passed => lang.pick("passed", "合格").into(),
        Finding::NotDone { functions } if functions.is_empty() => lang
            .pick(
                "not done yet: a todo!() is still in the code",
                "未完成です: まだ todo!() が残っています",
            )
            .into(),
        Finding::NotDone { functions } => {
            let list = functions
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            match lang {
                Lang::En => format!("not done yet: write {list} first"),
                Lang::Ja => format!("未完成です: まず {list} を書いてください"),
            }
        }
        Finding::Missing { path } => match lang {
            Lang::En => format!("the output `{path}` is missing"),
            Lang::Ja => format!("出力 `{path}` がありません"),
        },
        Finding::Type { path, expected, got } => match lang {
            Lang::En => format!("`{path}` should be {expected}, but it is {got}"),
            Lang::Ja => format!("`{path}` は {expected} であるべきですが、{got} です"),
        },
        Finding::Shape { path, expected, got } => match lang {
            Lang::En => format!(
                "`{path}` has shape {}, expected {}",
                shape_text(got),
                shape_text(expected)
            ),
            Lang::Ja => format!(
                "`{path}` の形が {} です。期待される形は {} です",
                shape_text(got),
                shape_text(expected)
            ),
        },
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
            let non_finite = !got.is_finite();
            match lang {
                Lang::En => {
                    let mut s = format!(
                        "`{at}` is {}, expected {} ({wrong} of {total} values differ; largest error {})",
                        num(*got),
                        num(*expected),
                        num(*max_error)
                    );
                    if non_finite {
                        s += &format!(". {} appeared: look for a division by zero or log(0)", num(*got));
                    }
                    s
                }
                Lang::Ja => {
                    let mut s = format!(
                        "`{at}` が {} です。期待値は {} です({total} 個中 {wrong} 個が違います。最大誤差 {})",
                        num(*got),
                        num(*expected),
                        num(*max_error)
                    );
                    if non_finite {
                        s += &format!("。{} が出ています: ゼロ除算や log(0) を探してください", num(*got));
                    }
                    s
                }
            }
        }
        Finding::Trajectory {
            path,
            step,
            expected,
            got,
        } => match lang {
            Lang::En if *step == 0 => format!(
                "`{path}` differs from the first step: {} instead of {}",
                num(*got),
                num(*expected)
            ),
            Lang::En if *step == 1 => format!(
                "`{path}` matches at step 0 and differs from step 1: {} instead of {}",
                num(*got),
                num(*expected)
            ),
            Lang::En => format!(
                "`{path}` matches for steps 0 to {} and differs from step {step}: {} instead of {}",
                step - 1,
                num(*got),
                num(*expected)
            ),
            Lang::Ja if *step == 0 => {
                format!(
                    "`{path}` は最初のステップから違います: {}(期待値 {})",
                    num(*got),
                    num(*expected)
                )
            }
            Lang::Ja if *step == 1 => format!(
                "`{path}` はステップ 0 で一致し、ステップ 1 から違います: {}(期待値 {})",
                num(*got),
                num(*expected)
            ),
            Lang::Ja => format!(
                "`{path}` はステップ 0〜{} まで一致し、ステップ {step} から違います: {}(期待値 {})",
                step - 1,
                num(*got),
                num(*expected)
            ),
        },
        Finding::Different { path, expected, got } => match lang {
            Lang::En => format!("`{path}` is {got}, expected {expected}"),
            Lang::Ja => format!("`{path}` が {got} です。期待値は {expected} です"),
        },
        Finding::Modified { argument } => match lang {
            Lang::En => format!(
                "the argument `{argument}` was modified; return new values instead of changing the input"
            ),
            Lang::Ja => {
                format!("引数 `{argument}` が変更されました。入力を書き換えず、新しい値を返してください")
            }
        },
        Finding::Panic { message, location } => {
            let at = location.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
            match lang {
                Lang::En => format!("panicked: {message}{at}"),
                Lang::Ja => format!("パニックしました: {message}{at}"),
            }
        }
        Finding::NotCompiled => lang
            .pick(
                "not run: your code does not compile (see the errors above)",
                "実行できません: コードがコンパイルできません(上のエラーを見てください)",
            )
            .into(),
        Finding::Died { how } => match lang {
            Lang::En => format!("the program {how}"),
            Lang::Ja => format!("プログラムが異常終了しました: {how}"),
        },
        Finding::OverLimit(exceeded) => over_limit(*exceeded, lang),
        Finding::Timeout { limit } => match lang {
            Lang::En => format!(
                "did not finish within {:.1} s: an endless loop?",
                limit.as_secs_f64()
            ),
            Lang::Ja => format!(
                "{:.1} 秒以内に終わりませんでした。無限ループではありませんか?",
                limit.as_secs_f64()
            ),
        },
        Finding::BadRequest { message } => match lang {
            Lang::En => format!("could not be called: {message} (did the function's signature change?)"),
            Lang::Ja => format!("呼び出せませんでした: {message}(関数のシグネチャを変えていませんか?)"),
        },
    }
}

/// A resource limit a case went over, in words.
fn over_limit(exceeded: Exceeded, lang: Lang) -> String {
    match (exceeded, lang) {
        (Exceeded::Memory { limit_mib }, Lang::En) => format!(
            "used more than {limit_mib} MiB of memory (the limit for one case; `--memory` changes it)"
        ),
        (Exceeded::Memory { limit_mib }, Lang::Ja) => format!(
            "{limit_mib} MiB を超えるメモリを使いました(1 ケースあたりの上限です。`--memory` で変えられます)"
        ),
        (Exceeded::FileSize { limit_mib }, Lang::En) => {
            format!("wrote a file larger than {limit_mib} MiB (the limit for one case)")
        }
        (Exceeded::FileSize { limit_mib }, Lang::Ja) => {
            format!("{limit_mib} MiB を超えるファイルを書き込みました(1 ケースあたりの上限です)")
        }
        (Exceeded::Result { bytes, limit }, Lang::En) => format!(
            "returned a result of {bytes} bytes, more than the {} MiB allowed",
            limit / (1024 * 1024)
        ),
        (Exceeded::Result { bytes, limit }, Lang::Ja) => format!(
            "結果が {bytes} バイトあり、上限の {} MiB を超えました",
            limit / (1024 * 1024)
        ),
    }
}

/// A known mistake's id in words: the week's own words first (week.toml
/// `[mistakes]`), then the general ones every week may use.
fn mistake_words(id: &str, week: &Week, lang: Lang) -> String {
    if let Some(text) = week.mistakes.get(id) {
        return text.get(lang).to_string();
    }
    general_mistake(id, lang).unwrap_or_else(|| id.replace('_', " "))
}

/// Is there wording for this mistake id (in the week or built in)?
pub fn mistake_is_worded(id: &str, week: &Week) -> bool {
    week.mistakes.contains_key(id) || general_mistake(id, Lang::En).is_some()
}

/// Words for mistake ids any week may use.
fn general_mistake(id: &str, lang: Lang) -> Option<String> {
    let known = match id {
        "hardcoded_learning_rate" => Some((
            "the learning rate is hard-coded: use the `learning_rate` argument",
            "学習率が固定値になっています。引数 `learning_rate` を使ってください",
        )),
        "hardcoded_iterations" => Some((
            "the number of iterations is hard-coded: use the `num_iterations` argument",
            "反復回数が固定値になっています。引数 `num_iterations` を使ってください",
        )),
        "hardcoded_size" => Some((
            "a size is hard-coded: take sizes from the arguments' shapes",
            "サイズが固定値になっています。引数の形からサイズを取ってください",
        )),
        "wrong_activation" => Some((
            "the activations are swapped: relu where sigmoid belongs, or the reverse",
            "活性化関数が入れ替わっています(sigmoid の場所に relu、またはその逆)",
        )),
        "relu_last_layer" => Some((
            "the last layer uses relu; it must use sigmoid",
            "最後の層が relu になっています。sigmoid にしてください",
        )),
        "sigmoid_all_layers" => Some((
            "every layer uses sigmoid; the hidden layers use relu",
            "すべての層が sigmoid になっています。隠れ層は relu です",
        )),
        "no_update_carried" => Some((
            "the parameters are not carried to the next iteration",
            "更新したパラメータが次の反復に引き継がれていません",
        )),
        "first_layer_skipped" => Some((
            "the loop over layers skips a layer (an off-by-one in the range)",
            "層のループが一つの層を飛ばしています(範囲の off-by-one)",
        )),
        _ => None,
    };
    known.map(|(en, ja)| lang.pick(en, ja).to_string())
}

/// A recognised mistake in words.
pub fn describe_mistake(named: &Named, week: &Week, lang: Lang) -> String {
    match (named, lang) {
        (Named::Known { id }, _) => mistake_words(id, week, lang),
        (Named::Scaled { path, factor, size }, Lang::En) => {
            let two = (factor.abs() - 2.0).abs() < 1e-6 || (factor.abs() - 0.5).abs() < 1e-6;
            let why = match size {
                Some(2) if two => " — a factor 2, or a 1/m with m = 2, too many or too few?".to_string(),
                Some(m) if (factor.abs() - *m as f64).abs() < 1e-6 * *m as f64 => {
                    format!(" — a 1/m is missing (m = {m})?")
                }
                Some(m) => format!(" — divided by m = {m} once too often?"),
                None if (factor + 1.0).abs() < 1e-6 => " — a sign is flipped (a missing minus)?".to_string(),
                None if two => " — a factor 2 too many or too few?".to_string(),
                None => String::new(),
            };
            format!(
                "`{path}` is exactly {} × the expected value{why}",
                num(*factor).trim_end_matches('0').trim_end_matches('.')
            )
        }
        (Named::Scaled { path, factor, size }, Lang::Ja) => {
            let two = (factor.abs() - 2.0).abs() < 1e-6 || (factor.abs() - 0.5).abs() < 1e-6;
            let why = match size {
                Some(2) if two => "。係数 2、または m = 2 の 1/m が多すぎるか少なすぎませんか?".to_string(),
                Some(m) if (factor.abs() - *m as f64).abs() < 1e-6 * *m as f64 => {
                    format!("。1/m (m = {m}) を掛け忘れていませんか?")
                }
                Some(m) => format!("。m = {m} で一回多く割っていませんか?"),
                None if (factor + 1.0).abs() < 1e-6 => "。符号が逆です(マイナスの付け忘れ?)".to_string(),
                None if two => "。係数 2 が多すぎるか少なすぎませんか?".to_string(),
                None => String::new(),
            };
            format!(
                "`{path}` は期待値のちょうど {} 倍です{why}",
                num(*factor).trim_end_matches('0').trim_end_matches('.')
            )
        }
        (Named::Transposed { path }, Lang::En) => format!(
            "`{path}` is the transpose of the expected array: rows and columns are swapped (a `.t()` too many or missing, or two sizes given in the wrong order)"
        ),
        (Named::Transposed { path }, Lang::Ja) => format!(
            "`{path}` は期待される配列の転置です。行と列が入れ替わっています(`.t()` が多いか足りないか、2 つのサイズの順番が逆です)"
        ),
        (Named::LostColumn { path }, Lang::En) => format!(
            "`{path}` lost its (n, 1) column shape: after `sum_axis(Axis(1))` add `.insert_axis(Axis(1))`"
        ),
        (Named::LostColumn { path }, Lang::Ja) => format!(
            "`{path}` が (n, 1) の列の形を失っています。`sum_axis(Axis(1))` の後に `.insert_axis(Axis(1))` を付けてください"
        ),
        (Named::WrongAxis { path }, Lang::En) => {
            format!("`{path}` looks summed over the wrong axis: sum over the examples, `Axis(1)`")
        }
        (Named::WrongAxis { path }, Lang::Ja) => {
            format!("`{path}` は間違った軸で和をとっているようです。例の方向 `Axis(1)` で和をとってください")
        }
        (Named::ArrayForScalar { path }, Lang::En) => {
            format!("`{path}` is a (1, 1) array; return a plain f64 (for example `x[[0, 0]]` or `.sum()`)")
        }
        (Named::ArrayForScalar { path }, Lang::Ja) => {
            format!("`{path}` が (1, 1) の配列です。f64 の値を返してください(例: `x[[0, 0]]` や `.sum()`)")
        }
    }
}

/// The hint for a case: a glue failure found by blame gets its own; otherwise
/// by the kind of failure ([`hint`]).
pub fn case_hint(report: &WeekReport, verdict: &Verdict, lang: Lang) -> Option<String> {
    if verdict.mistake.is_none()
        && matches!(report.blame.get(&verdict.case_id), Some(Attribution::Glue { .. }))
    {
        return Some(match lang {
            Lang::En => format!(
                "Your pieces are right here; look at how `{}` connects them: the arguments and caches it passes to each piece, the activation of each layer, the loop's bounds, and the keys it reads and writes.",
                verdict.function
            ),
            Lang::Ja => format!(
                "ここでは部品は正しく動いています。`{}` が部品をどうつないでいるかを確認してください: 各部品に渡す引数とキャッシュ、各層の活性化関数、ループの範囲、読み書きするキー。",
                verdict.function
            ),
        });
    }
    hint(verdict, lang)
}

/// A hint chosen by the kind of failure; the function's own hints come from `dl-course hint`.
pub fn hint(verdict: &Verdict, lang: Lang) -> Option<String> {
    if verdict.mistake.is_some() {
        return Some(
            lang.pick(
                "This is a common mistake with a known fix: apply the fix named above, then run the check again.",
                "これはよくある間違いで、直し方も分かっています。上に書かれた修正をしてから、もう一度チェックしてください。",
            )
            .to_string(),
        );
    }
    let text = match &verdict.finding {
        Finding::Passed | Finding::NotDone { .. } => return None,
        Finding::Shape { .. } | Finding::Type { .. } => lang.pick(
            "Shapes first: print `x.shape()` at each step and compare with the shapes in the instructions. A missing transpose (`.t()`), a sum over the wrong axis, or a lost (n, 1) column are the usual causes.",
            "まず形を確認しましょう。各ステップで `x.shape()` を表示し、説明の形と比べてください。転置 (`.t()`) 忘れ、間違った軸での和、(n, 1) の列の消失がよくある原因です。",
        ),
        Finding::Values { got, .. } if !got.is_finite() => lang.pick(
            "A NaN or infinity usually comes from log(0), a division by zero, or an exploding value; check the formula's edge cases.",
            "NaN や無限大は、たいてい log(0)、ゼロ除算、値の発散から生じます。式の端のケースを確認してください。",
        ),
        Finding::Values { .. } | Finding::Different { .. } | Finding::Missing { .. } => lang.pick(
            "The shape is right but the numbers are not: compare your formula with the instructions term by term (signs, 1/m, matrix product `dot` versus elementwise `*`).",
            "形は正しいのに数値が違います。説明の式と一項ずつ比べてください(符号、1/m、行列積 `dot` と要素ごとの積 `*` の違い)。",
        ),
        Finding::Trajectory { step: 1, .. } => lang.pick(
            "The value before any update matches, so the initialization, the forward pass and the cost are right. What differs is how the parameters change: the backward pass, the update, or parameters not carried to the next iteration.",
            "更新前の値は一致しているので、初期化・順伝播・コストは正しいです。違うのはパラメータの変わり方です: 逆伝播、更新、または次の反復にパラメータが引き継がれていない可能性があります。",
        ),
        Finding::Trajectory { step, .. } if *step > 1 => lang.pick(
            "The first steps match, so one step of training is right: look at what carries over from one iteration to the next (the updated parameters, the learning rate, the loop counter).",
            "最初のステップは一致しているので、1 ステップの学習は正しいです。反復から次の反復へ引き継ぐもの(更新したパラメータ、学習率、ループの回数)を確認してください。",
        ),
        Finding::Trajectory { .. } => lang.pick(
            "Already the first step differs: check the initialization and the first forward pass.",
            "最初のステップから違います。初期化と最初の順伝播を確認してください。",
        ),
        Finding::Modified { .. } => lang.pick(
            "Build new arrays (for example `&w - &(lr * &dw)`) instead of writing into the inputs.",
            "入力に書き込まず、新しい配列を作ってください(例: `&w - &(lr * &dw)`)。",
        ),
        Finding::Panic { .. } => lang.pick(
            "Read the panic message and its line: an index out of bounds or incompatible shapes in an ndarray operation are the usual causes.",
            "パニックのメッセージと行番号を読んでください。範囲外のインデックスや、ndarray の演算での形の不一致がよくある原因です。",
        ),
        Finding::NotCompiled => lang.pick(
            "Fix the first compile error first: later errors often follow from it.",
            "まず最初のコンパイルエラーを直してください。後のエラーはそこから生じていることがよくあります。",
        ),
        Finding::Died { .. } => lang.pick(
            "The process ended abruptly: endless recursion overflows the stack; huge arrays exhaust memory.",
            "プロセスが突然終了しました。無限再帰はスタックを溢れさせ、巨大な配列はメモリを使い果たします。",
        ),
        Finding::OverLimit(_) => lang.pick(
            "Check the shapes of the arrays you create: an (m, m) matrix where (1, m) was meant grows with the square of the data.",
            "作る配列の形を確認してください。(1, m) のつもりの (m, m) 行列は、データの 2 乗で大きくなります。",
        ),
        Finding::Timeout { .. } => lang.pick(
            "Check every loop's bound: does it use the argument (num_iterations, m) and does it advance?",
            "すべてのループの上限を確認してください。引数 (num_iterations, m) を使っていますか? ループは進んでいますか?",
        ),
        Finding::BadRequest { .. } => lang.pick(
            "Keep the function's signature as given: the checker calls it with those argument types.",
            "関数のシグネチャは与えられたとおりにしてください。チェッカーはその型で呼び出します。",
        ),
    };
    Some(text.to_string())
}

/// Hints for the most common compile errors, by rustc error code.
pub fn compile_hint(error: &CompileError, lang: Lang) -> Option<&'static str> {
    let m = &error.message;
    let array = m.contains("ArrayBase") || m.contains("Dim<") || m.contains("Array");
    Some(match error.code.as_deref()? {
        "E0308" if array => lang.pick(
            "Mismatched array types: an `Array2` is not an `Array1` (use `.insert_axis(Axis(1))` or `.into_shape_with_order(...)`), and a view (`ArrayView`) is not an owned array (use `.to_owned()`).",
            "配列の型が合いません。`Array2` と `Array1` は別の型です(`.insert_axis(Axis(1))` や `.into_shape_with_order(...)` を使います)。ビュー (`ArrayView`) は所有配列ではありません(`.to_owned()` を使います)。",
        ),
        "E0308" => lang.pick(
            "Mismatched types: check numeric literals (`1.0` for an f64, not `1`) and what the function returns.",
            "型が合いません。数値リテラル(f64 には `1` ではなく `1.0`)と、関数の戻り値の型を確認してください。",
        ),
        "E0382" | "E0505" => lang.pick(
            "A value was moved and then used again: ndarray arithmetic on owned arrays consumes them. Write `&a + &b` (borrow) or `a.clone()` when you still need `a`.",
            "値がムーブされた後に再び使われています。所有配列どうしの ndarray 演算は値を消費します。`a` をまだ使うなら `&a + &b`(借用)か `a.clone()` と書いてください。",
        ),
        "E0369" | "E0277" if array || m.contains("f64") => lang.pick(
            "This operation is not defined for these types: mix arrays by reference (`&a * &b`), use `a.dot(&b)` for matrix products, and `f64` scalars (`2.0`, not `2`).",
            "この型どうしでは演算が定義されていません。配列は参照で組み合わせ (`&a * &b`)、行列積は `a.dot(&b)`、スカラーは `f64`(`2` ではなく `2.0`)を使ってください。",
        ),
        "E0599" => lang.pick(
            "No such method: check the ndarray name (`mapv`, `sum_axis(Axis(1))`, `t()`, `dot`) and that the value is an array, not a reference to a tuple.",
            "そのメソッドはありません。ndarray の名前(`mapv`、`sum_axis(Axis(1))`、`t()`、`dot`)と、値が配列であることを確認してください。",
        ),
        _ => return None,
    })
}

/// Evidence outputs in words: for a map of relative differences (a gradient
/// check), the gradients that disagree, largest first.
fn evidence_text(verdict: &Verdict, lang: Lang) -> Option<String> {
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
        lines.push(match lang {
            Lang::En => format!(
                "gradient check ({name}): against numerical gradients of your own forward pass and cost, these differ: {list}"
            ),
            Lang::Ja => format!("勾配チェック ({name}): あなた自身の順伝播とコストの数値勾配と比べて、次が違います: {list}"),
        });
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn relative_difference_text(x: f64, lang: Lang) -> String {
    match (x.is_finite(), lang) {
        (true, Lang::En) => format!("relative difference {x:.2e}"),
        (true, Lang::Ja) => format!("相対誤差 {x:.2e}"),
        (false, _) => lang
            .pick("missing or misshapen", "ないか形が違います")
            .to_string(),
    }
}

/// `linear_activation_backward#2 (the relu branch, deep_nn.rs:120)`.
fn blank_name(report: &WeekReport, id: &str, lang: Lang) -> String {
    let (function, n) = id.split_once('#').unwrap_or((id, "1"));
    let label = report
        .week
        .function(function)
        .and_then(|f| f.blanks.get(n.parse::<usize>().unwrap_or(1).saturating_sub(1)))
        .map(|t| t.get(lang).to_string());
    let place = report.blank_locations.get(id).cloned();
    let detail: Vec<String> = label.into_iter().chain(place).collect();
    if detail.is_empty() {
        format!("`{id}`")
    } else {
        format!("`{id}` ({})", detail.join(", "))
    }
}

/// Blame in words: which blank, and the experiment that shows it.
pub fn explain_blame(
    report: &WeekReport,
    verdict: &Verdict,
    attribution: &Attribution,
    lang: Lang,
) -> String {
    let f = &verdict.function;
    let names = |ids: &[String]| {
        ids.iter()
            .map(|b| blank_name(report, b, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let pieces_pass = report.week.pieces_of(f).iter().all(|p| {
        report
            .verdicts
            .iter()
            .filter(|v| v.function == p.name && v.kind == CaseKind::Unit)
            .all(|v| v.status == Status::Pass)
    });
    match (attribution, lang) {
        (Attribution::Only { blank }, Lang::En) => format!("→ the fault is in blank {}.", blank_name(report, blank, lang)),
        (Attribution::Only { blank }, Lang::Ja) => format!("→ 原因は空欄 {} にあります。", blank_name(report, blank, lang)),
        (Attribution::Piece { blank, piece_cases_pass }, Lang::En) => {
            let piece = blank.split('#').next().unwrap_or(blank);
            let opening = if pieces_pass {
                format!("`{f}` fails although every piece passes its own cases. ")
            } else {
                String::new()
            };
            let closing = if *piece_cases_pass {
                ", which its own cases did not reach."
            } else {
                "; its own cases fail too, so fix it first."
            };
            format!(
                "→ {opening}With your `{piece}` and reference code for the rest, the same case fails; with reference code there and yours everywhere else, it passes. The fault is in {}{closing}",
                blank_name(report, blank, lang)
            )
        }
        (Attribution::Piece { blank, piece_cases_pass }, Lang::Ja) => {
            let piece = blank.split('#').next().unwrap_or(blank);
            let opening = if pieces_pass {
                format!("各部品は自分のテストに合格していますが、`{f}` は不合格です。")
            } else {
                String::new()
            };
            let closing = if *piece_cases_pass {
                "。この誤りは部品自身のテストでは見つかりませんでした。"
            } else {
                "。部品自身のテストも不合格なので、まずそこを直してください。"
            };
            format!(
                "→ {opening}あなたの `{piece}` と残りを参照解答にすると同じケースが不合格になり、そこだけを参照解答にして残りをあなたのコードにすると合格します。原因は {}{closing}",
                blank_name(report, blank, lang)
            )
        }
        (Attribution::Glue { blanks }, Lang::En) => format!(
            "→ Every function you wrote behaves correctly inside this pipeline; the fault is in `{f}`'s own code: {}.",
            names(blanks)
        ),
        (Attribution::Glue { blanks }, Lang::Ja) => format!(
            "→ あなたが書いた各関数はこの処理の中で正しく動いています。原因は `{f}` 自身のコードにあります: {}。",
            names(blanks)
        ),
        (Attribution::Several { blanks }, Lang::En) => format!(
            "→ Several blanks are wrong, each enough to make this case fail: {}. With reference code in all of them it passes.",
            names(blanks)
        ),
        (Attribution::Several { blanks }, Lang::Ja) => format!(
            "→ 複数の空欄が間違っています(どれか一つだけでもこのケースは不合格になります): {}。これらをすべて参照解答にすると合格します。",
            names(blanks)
        ),
        (Attribution::Unexplained { fixers }, Lang::En) if fixers.is_empty() => {
            "→ No single blank explains this failure: it comes from how several of your blanks work together.".to_string()
        }
        (Attribution::Unexplained { fixers }, Lang::Ja) if fixers.is_empty() => {
            "→ 一つの空欄だけでは説明できない失敗です。複数の空欄の組み合わせが原因です。".to_string()
        }
        (Attribution::Unexplained { fixers }, Lang::En) => format!(
            "→ No single blank explains this failure. Replacing {} with reference code makes it pass, but that blank alone does not make it fail: look at how it works with the others.",
            names(fixers)
        ),
        (Attribution::Unexplained { fixers }, Lang::Ja) => format!(
            "→ 一つの空欄だけでは説明できない失敗です。{} を参照解答にすると合格しますが、その空欄だけでは不合格になりません。他の空欄との組み合わせを確認してください。",
            names(fixers)
        ),
        (Attribution::OutsideBlanks, Lang::En) => {
            "→ Even with reference code in every blank this case uses, it fails: look at code you changed outside the blanks.".to_string()
        }
        (Attribution::OutsideBlanks, Lang::Ja) => {
            "→ このケースが使うすべての空欄を参照解答にしても不合格です。空欄の外で変更したコードを確認してください。".to_string()
        }
    }
}

fn status_word(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Pass => lang.pick("PASS", "合格"),
        Status::Fail => lang.pick("FAIL", "不合格"),
        Status::Error => lang.pick("ERROR", "エラー"),
        Status::Timeout => lang.pick("TIMEOUT", "時間切れ"),
        Status::NotDone => lang.pick("NOT DONE", "未完成"),
    }
}

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
pub fn render_human(report: &WeekReport, lang: Lang) -> String {
    let mut out = String::new();
    let title = report.week.title.get(lang);
    let _ = writeln!(
        out,
        "{}",
        format!("{} ({}): {title}", report.week.id, report.week.alias).bold()
    );
    if !report.compile_errors.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "Your code does not compile yet:",
                "コードがまだコンパイルできません:"
            )
            .red()
            .bold()
        );
        for e in &report.compile_errors {
            out += &indent(&e.rendered, "  ");
            if let Some(h) = compile_hint(e, lang) {
                let _ = writeln!(out, "  {} {h}\n", lang.pick("hint:", "ヒント:").cyan());
            }
        }
    }
    for function in &report.week.functions {
        let cases: Vec<&Verdict> = report
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
                let tag = match (kind, lang) {
                    (CaseKind::Unit, Lang::En) => "unit",
                    (CaseKind::Unit, Lang::Ja) => "単体",
                    (CaseKind::Integration, Lang::En) => "integration",
                    (CaseKind::Integration, Lang::Ja) => "結合",
                };
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
                        lang.pick("likely mistake:", "よくある間違い:").magenta().bold(),
                        describe_mistake(m, report.week, lang)
                    );
                }
                if let Some(e) = evidence_text(v, lang) {
                    out += &indent(&e, "           ");
                }
                if let Some(b) = report.blame.get(&v.case_id) {
                    out += &indent(&explain_blame(report, v, b, lang), "           ");
                }
                if let Some(h) = case_hint(report, v, lang) {
                    let _ = writeln!(out, "           {} {h}", lang.pick("hint:", "ヒント:").cyan());
                }
                if !v.output.trim().is_empty() {
                    let _ = writeln!(
                        out,
                        "           {}",
                        lang.pick("your code printed:", "コードの出力:").dimmed()
                    );
                    out += &indent(v.output.trim_end(), "             | ");
                }
            }
        }
    }
    let s = report.summary();
    let _ = writeln!(out);
    if s.not_done > 0 {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::En => format!("{} of the failed cases are not done yet.", s.not_done),
                Lang::Ja => format!("不合格のうち {} 件は未完成です。", s.not_done),
            }
        );
    }
    // The closing line stays plain and in English: scripts and CI read it.
    let _ = writeln!(out, "{} passed, {} failed", s.passed, s.failed);
    out
}

/// One case in the JSON report.
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

/// The machine-readable report.
pub fn render_json(report: &WeekReport, lang: Lang) -> String {
    let json = JsonReport {
        format: 1,
        week: &report.week.id,
        compile_errors: report
            .compile_errors
            .iter()
            .map(|e| e.rendered.as_str())
            .collect(),
        summary: report.summary(),
        cases: report
            .verdicts
            .iter()
            .map(|v| {
                let blame = report.blame.get(&v.case_id);
                let mut message = describe(&v.finding, lang);
                if let Some(m) = &v.mistake {
                    message = format!(
                        "{message}\n{} {}",
                        lang.pick("likely mistake:", "よくある間違い:"),
                        describe_mistake(m, report.week, lang)
                    );
                }
                if let Some(e) = evidence_text(v, lang) {
                    message = format!("{message}\n{e}");
                }
                if let Some(b) = blame {
                    message = format!("{message}\n{}", explain_blame(report, v, b, lang));
                }
                JsonCase {
                    id: &v.case_id,
                    week: &report.week.id,
                    function: &v.function,
                    kind: v.kind,
                    status: v.status,
                    message,
                    hint: case_hint(report, v, lang),
                    blame: blame.map(Attribution::blanks).unwrap_or_default(),
                    mistake: v.mistake.as_ref().map(|m| describe_mistake(m, report.week, lang)),
                    output: &v.output,
                    elapsed_ms: v.elapsed.as_millis() as u64,
                }
            })
            .collect(),
    };
    serde_json::to_string_pretty(&json).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
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
}
