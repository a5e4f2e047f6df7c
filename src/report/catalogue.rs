//! Every sentence dl-course says, in English and Japanese side by side.
//!
//! One entry per message: its id, then its English and Japanese templates.
//! A template names its variable parts `{like_this}`; [`Msg::say`] fills them.
//! A translator reads this file top to bottom; the tests below fail when a
//! language is missing or the two templates do not take the same variables.
//!
//! Long because it is the whole catalogue: one file a translator reads top
//! to bottom is worth more than a split by command.

use std::fmt::Display;

use crate::manifest::Lang;

macro_rules! catalogue {
    ($($(#[$doc:meta])* $id:ident => $en:literal, $ja:literal;)*) => {
        /// A message id; [`Msg::template`] gives its words.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg {
            $($(#[$doc])* $id,)*
        }

        impl Msg {
            /// Every message, in catalogue order.
            #[cfg(test)]
            pub const ALL: &'static [Msg] = &[$(Msg::$id,)*];

            /// The message's template in `lang`.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Msg::$id, Lang::En) => $en,
                        (Msg::$id, Lang::Ja) => $ja,
                    )*
                }
            }
        }
    };
}

impl Msg {
    /// The message in `lang` with its variables filled in.
    ///
    /// One pass over the template: a value that itself holds `{…}` (a panic
    /// message, say) is copied as it is, never filled again.
    pub fn say(self, lang: Lang, vars: &[(&str, &dyn Display)]) -> String {
        fill(self.template(lang), vars)
    }

    /// The message in `lang`, for messages without variables.
    pub fn text(self, lang: Lang) -> &'static str {
        self.template(lang)
    }
}

fn fill(template: &str, vars: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            vars.iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|v| (close, v.1))
        });
        match value {
            Some((close, v)) => {
                out.push_str(&v.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

catalogue! {
    // Verdict words and labels of the human report.
    /// Status word.
    StatusPass => "PASS", "合格";
    /// Status word.
    StatusFail => "FAIL", "不合格";
    /// Status word.
    StatusError => "ERROR", "エラー";
    /// Status word.
    StatusTimeout => "TIMEOUT", "時間切れ";
    /// Status word.
    StatusNotDone => "NOT DONE", "未完成";
    /// Kind of case.
    KindUnit => "unit", "単体";
    /// Kind of case.
    KindIntegration => "integration", "結合";
    /// Label before a named mistake.
    LabelLikelyMistake => "likely mistake:", "よくある間違い:";
    /// Label before a hint.
    LabelHint => "hint:", "ヒント:";
    /// Label before the learner's printed output.
    LabelPrinted => "your code printed:", "コードの出力:";
    /// Heading of the compile errors.
    DoesNotCompileYet => "Your code does not compile yet:", "コードがまだコンパイルできません:";
    /// More compile errors than the focused report shows.
    MoreCompileErrors =>
        "… and {n} more compile errors (`--verbose` shows them all)",
        "… ほかに {n} 件のコンパイルエラーがあります(`--verbose` ですべて表示)";
    /// A function whose blanks are all untouched, in the focused report.
    NotStarted => "not started", "未着手";
    /// A function whose cases wait on other functions.
    WaitingFor => "waiting for {list}", "{list} 待ち";
    /// The rest of a long list.
    AndMore => "{list} and {n} more", "{list} ほか {n} 件";
    /// Heading of the failing function's explanation.
    FunctionFails => "{function}: {failed} of {total} cases fail", "{function}: {total} 件中 {failed} 件が不合格";
    /// Cases that share the explanation above.
    SameCause => "same cause: {list}", "同じ原因: {list}";
    /// Printed lines left out.
    MoreLines => "… {n} more lines (`--verbose` shows them all)", "… ほかに {n} 行(`--verbose` ですべて表示)";
    /// Shown on a terminal while blame builds its variants.
    LookingForBlank =>
        "looking for the blank at fault (rebuilding your week with reference code in some blanks)…",
        "原因の空欄を探しています(いくつかの空欄を参照解答に置き換えて再ビルドしています)…";
    /// Label of the closing advice.
    LabelNext => "Next:", "次:";
    /// Next step: a compile error.
    NextCompileError => "fix the compile error at {location}, then check again.", "{location} のコンパイルエラーを直してから、もう一度チェックしてください。";
    /// Next step: a failing blank.
    NextFix =>
        "fix {blank} at {place}\n      stuck? `dl-course hint {week} {function}` shows one more hint each time",
        "{place} の {blank} を直してください\n    行き詰まったら `dl-course hint {week} {function}`(実行するたびにヒントが一つ増えます)";
    /// Next step: a blank not written yet.
    NextWrite =>
        "write `{function}` at {place}\n      instructions: `dl-course show {week} {function}` · hints: `dl-course hint {week} {function}`",
        "{place} の `{function}` を書いてください\n    説明: `dl-course show {week} {function}` · ヒント: `dl-course hint {week} {function}`";
    /// Next step: the week is done.
    NextWeek =>
        "every case of {week} passes. Go on with {next} ({alias}): {title} — `dl-course show {next}`",
        "{week} のすべてのケースに合格しました。次は {next} ({alias}): {title} — `dl-course show {next}`";
    /// The last week is done.
    CourseDone => "every case of {week} passes.", "{week} のすべてのケースに合格しました。";

    // Findings: what happened in a case.
    /// Finding.
    Passed => "passed", "合格";
    /// Finding: the learner's own function still holds a `todo!()`.
    NotDoneTodo => "not done yet: a todo!() is still in the code", "未完成です: まだ todo!() が残っています";
    /// Finding: functions still to write.
    NotDoneWrite => "not done yet: write {list} first", "未完成です: まず {list} を書いてください";
    /// Finding.
    Missing => "the output `{path}` is missing", "出力 `{path}` がありません";
    /// Finding.
    WrongType => "`{path}` should be {expected}, but it is {got}", "`{path}` は {expected} であるべきですが、{got} です";
    /// Finding.
    WrongShape => "`{path}` has shape {got}, expected {expected}", "`{path}` の形が {got} です。期待される形は {expected} です";
    /// Finding.
    WrongValues =>
        "`{at}` is {got}, expected {expected} ({wrong} of {total} values differ; largest error {max_error})",
        "`{at}` が {got} です。期待値は {expected} です({total} 個中 {wrong} 個が違います。最大誤差 {max_error})";
    /// Added to a finding whose value is NaN or infinite.
    NonFiniteAppeared => ". {got} appeared: look for a division by zero or log(0)", "。{got} が出ています: ゼロ除算や log(0) を探してください";
    /// Finding.
    TrajectoryFromStart =>
        "`{path}` differs from the first step: {got} instead of {expected}",
        "`{path}` は最初のステップから違います: {got}(期待値 {expected})";
    /// Finding.
    TrajectoryFromSecond =>
        "`{path}` matches at step 0 and differs from step 1: {got} instead of {expected}",
        "`{path}` はステップ 0 で一致し、ステップ 1 から違います: {got}(期待値 {expected})";
    /// Finding.
    TrajectoryLater =>
        "`{path}` matches for steps 0 to {last} and differs from step {step}: {got} instead of {expected}",
        "`{path}` はステップ 0〜{last} まで一致し、ステップ {step} から違います: {got}(期待値 {expected})";
    /// Finding: a trajectory whose recording interval is known.
    TrajectoryAt =>
        "`{path}` matches up to {unit} {last} and differs from {unit} {at} (values are recorded at {unit} 0, {every}, {twice}, …): {got} instead of {expected}",
        "`{path}` は{unit} {last} まで一致し、{unit} {at} から違います({unit} 0、{every}、{twice}、… で記録): {got}(期待値 {expected})";
    /// What a trajectory counts.
    UnitIteration => "iteration", "反復";
    /// What a trajectory counts.
    UnitEpoch => "epoch", "エポック";
    /// Finding.
    Different => "`{path}` is {got}, expected {expected}", "`{path}` が {got} です。期待値は {expected} です";
    /// Finding.
    Modified =>
        "the argument `{argument}` was modified; return new values instead of changing the input",
        "引数 `{argument}` が変更されました。入力を書き換えず、新しい値を返してください";
    /// Finding.
    Panicked => "panicked: {message}{at}", "パニックしました: {message}{at}";
    /// Finding.
    NotCompiled =>
        "not run: your code does not compile (see the errors above)",
        "実行できません: コードがコンパイルできません(上のエラーを見てください)";
    /// Finding.
    DiedAbort =>
        "the program aborted (SIGABRT: a panic while panicking, or an explicit abort)",
        "プログラムが中断しました(SIGABRT: パニック処理中のパニック、または明示的な abort)";
    /// Finding.
    DiedKilled =>
        "the program was killed (SIGKILL: out of memory?)",
        "プログラムが強制終了されました(SIGKILL: メモリ不足?)";
    /// Finding.
    DiedSegv =>
        "the program crashed (SIGSEGV: a stack overflow from deep or endless recursion?)",
        "プログラムがクラッシュしました(SIGSEGV: 深すぎる再帰や無限再帰によるスタックオーバーフロー?)";
    /// Finding.
    DiedSignal => "the program was killed by signal {signal}", "プログラムがシグナル {signal} で終了しました";
    /// Finding.
    DiedExited =>
        "the program exited with code {code} without returning a result (std::process::exit?)",
        "プログラムが結果を返さずにコード {code} で終了しました(std::process::exit?)";
    /// Finding.
    DiedNoResult => "the program ended without returning a result", "プログラムが結果を返さずに終了しました";
    /// Finding.
    DiedUnreadable =>
        "the program returned an unreadable result ({error})",
        "プログラムの結果を読めませんでした({error})";
    /// Finding.
    DiedNotWaited => "the program could not be waited for: {error}", "プログラムの終了を待てませんでした: {error}";
    /// Finding.
    DiedNotStarted => "the case could not be started: {why}", "ケースを開始できませんでした: {why}";
    /// Finding: over the memory limit.
    OverMemory =>
        "used more than {limit} MiB of memory (the limit for one case; `--memory` changes it)",
        "{limit} MiB を超えるメモリを使いました(1 ケースあたりの上限です。`--memory` で変えられます)";
    /// Finding: over the file-size limit.
    OverFileSize =>
        "wrote a file larger than {limit} MiB (the limit for one case)",
        "{limit} MiB を超えるファイルを書き込みました(1 ケースあたりの上限です)";
    /// Finding: a result file too large to read.
    OverResult =>
        "returned a result of {bytes} bytes, more than the {limit} MiB allowed",
        "結果が {bytes} バイトあり、上限の {limit} MiB を超えました";
    /// Finding.
    TimedOut => "did not finish within {secs} s: an endless loop?", "{secs} 秒以内に終わりませんでした。無限ループではありませんか?";
    /// Finding.
    BadRequest =>
        "could not be called: {message} (did the function's signature change?)",
        "呼び出せませんでした: {message}(関数のシグネチャを変えていませんか?)";

    // Named mistakes any week may record (ids in fixtures).
    /// Known mistake `hardcoded_learning_rate`.
    HardcodedLearningRate =>
        "the learning rate is hard-coded: use the `learning_rate` argument",
        "学習率が固定値になっています。引数 `learning_rate` を使ってください";
    /// Known mistake `hardcoded_iterations`.
    HardcodedIterations =>
        "the number of iterations is hard-coded: use the `num_iterations` argument",
        "反復回数が固定値になっています。引数 `num_iterations` を使ってください";
    /// Known mistake `hardcoded_size`.
    HardcodedSize =>
        "a size is hard-coded: take sizes from the arguments' shapes",
        "サイズが固定値になっています。引数の形からサイズを取ってください";
    /// Known mistake `wrong_activation`.
    WrongActivation =>
        "the activations are swapped: relu where sigmoid belongs, or the reverse",
        "活性化関数が入れ替わっています(sigmoid の場所に relu、またはその逆)";
    /// Known mistake `relu_last_layer`.
    ReluLastLayer => "the last layer uses relu; it must use sigmoid", "最後の層が relu になっています。sigmoid にしてください";
    /// Known mistake `sigmoid_all_layers`.
    SigmoidAllLayers =>
        "every layer uses sigmoid; the hidden layers use relu",
        "すべての層が sigmoid になっています。隠れ層は relu です";
    /// Known mistake `no_update_carried`.
    NoUpdateCarried =>
        "the parameters are not carried to the next iteration",
        "更新したパラメータが次の反復に引き継がれていません";
    /// Known mistake `first_layer_skipped`.
    FirstLayerSkipped =>
        "the loop over layers skips a layer (an off-by-one in the range)",
        "層のループが一つの層を飛ばしています(範囲の off-by-one)";

    // Named mistakes recognised from the values.
    /// A constant factor between output and expected value.
    Scaled => "`{path}` is exactly {factor} × the expected value{why}", "`{path}` は期待値のちょうど {factor} 倍です{why}";
    /// Why a factor of 2 or ½ with m = 2.
    ScaledTwoOrHalfM =>
        " — a factor 2, or a 1/m with m = 2, too many or too few?",
        "。係数 2、または m = 2 の 1/m が多すぎるか少なすぎませんか?";
    /// Why a factor m.
    ScaledMissingM => " — a 1/m is missing (m = {m})?", "。1/m (m = {m}) を掛け忘れていませんか?";
    /// Why a factor 1/m.
    ScaledExtraM => " — divided by m = {m} once too often?", "。m = {m} で一回多く割っていませんか?";
    /// Why a factor −1.
    ScaledSign => " — a sign is flipped (a missing minus)?", "。符号が逆です(マイナスの付け忘れ?)";
    /// Why a factor 2.
    ScaledTwo => " — a factor 2 too many or too few?", "。係数 2 が多すぎるか少なすぎませんか?";
    /// Named mistake.
    Transposed =>
        "`{path}` is the transpose of the expected array: rows and columns are swapped (a `.t()` too many or missing, or two sizes given in the wrong order)",
        "`{path}` は期待される配列の転置です。行と列が入れ替わっています(`.t()` が多いか足りないか、2 つのサイズの順番が逆です)";
    /// Named mistake.
    LostColumn =>
        "`{path}` lost its (n, 1) column shape: after `sum_axis(Axis(1))` add `.insert_axis(Axis(1))`",
        "`{path}` が (n, 1) の列の形を失っています。`sum_axis(Axis(1))` の後に `.insert_axis(Axis(1))` を付けてください";
    /// Named mistake.
    WrongAxis =>
        "`{path}` looks summed over the wrong axis: sum over the examples, `Axis(1)`",
        "`{path}` は間違った軸で和をとっているようです。例の方向 `Axis(1)` で和をとってください";
    /// Named mistake.
    ArrayForScalar =>
        "`{path}` is a (1, 1) array; return a plain f64 (for example `x[[0, 0]]` or `.sum()`)",
        "`{path}` が (1, 1) の配列です。f64 の値を返してください(例: `x[[0, 0]]` や `.sum()`)";

    /// Named mistake: a 2-D array made with its sizes in the wrong order.
    SwappedSizes =>
        "`{path}` has shape {got}: the expected {expected} with its two sizes swapped, and its values are not the transpose: it was made with its sizes in the wrong order (rows first)",
        "`{path}` の形が {got} です。期待される {expected} の 2 つの大きさが入れ替わっていて、値は転置でもありません。大きさを逆の順番で作っています(行が先です)";
    /// ndarray's panic on `*` between shapes whose matrix product is defined.
    ElementwiseForProduct =>
        "`*` (or `+`, `-`) between arrays of shapes {left} and {right}, which do not broadcast but can be matrix-multiplied: `*` multiplies element by element; for the matrix product write `a.dot(&b)`",
        "形 {left} と {right} の配列を `*`(または `+`、`-`)で演算しています。ブロードキャストはできませんが行列積はできる形です。`*` は要素ごとの積です。行列積は `a.dot(&b)` と書きます";
    /// ndarray's panic on an elementwise operation between an array and a transpose.
    TransposedOperand =>
        "an elementwise operation between arrays of shapes {left} and {right}, each the other's transpose: a `.t()` too many or missing on one of them",
        "形 {left} と {right} の配列を要素ごとに演算しています。互いに転置の形です。どちらかで `.t()` が多いか足りません";
    /// ndarray's panic on a product that one transposed factor would fit.
    ProductTranspose =>
        "a matrix product {left} · {right}, whose inner sizes differ ({inner}): with the {which} factor transposed it would fit: a `.t()` missing or too many?",
        "行列積 {left} · {right} の内側の大きさが一致しません({inner})。{which}の因子を転置すれば合います。`.t()` の付け忘れか付けすぎではありませんか?";
    /// Which factor.
    FactorLeft => "left", "左";
    /// Which factor.
    FactorRight => "right", "右";
    /// ndarray's panic on a product whose factors in the other order would fit.
    ProductOrder =>
        "a matrix product {left} · {right}, whose inner sizes differ ({inner}); in the other order, {right} · {left}, it would fit: are the factors in the wrong order?",
        "行列積 {left} · {right} の内側の大きさが一致しません({inner})。逆の順番 {right} · {left} なら合います。掛ける順番が逆ではありませんか?";
    /// Hint beside a shape panic that no mistake explains.
    HintShapePanic =>
        "The shapes {left} and {right} do not fit together here, and the failing cases do not point at one missing `.t()` or a `*` for `.dot`: one of the two arrays is likely not the one meant here. Print the `.shape()` of the arrays {place} and compare with the instructions.",
        "形 {left} と {right} はここでは合いません。失敗したケースからは、`.t()` の付け忘れや `.dot` の代わりの `*` とは言えません。どちらかの配列が、ここで使うべき配列ではない可能性があります。{place}で使う配列の `.shape()` を表示して、説明と比べてください。";
    /// Hint beside a shape panic that names no shapes.
    HintShapePanicNoShapes =>
        "Two arrays whose shapes neither match nor broadcast were combined element by element: print the `.shape()` of the arrays {place} and compare with the instructions.",
        "形が一致せずブロードキャストもできない 2 つの配列を要素ごとに演算しています。{place}で使う配列の `.shape()` を表示して、説明と比べてください。";
    /// Where to look, a blank.
    PlaceBlank => "used in blank `{blank}`", "空欄 `{blank}` ";
    /// Where to look, no blank known.
    PlaceAnywhere => "used on the panicking line", "パニックした行";

    /// A mistake named in another case blamed on the same blank.
    MistakeSeenIn => "as seen in `{case}`: {mistake}", "`{case}` で見られたとおり: {mistake}";

    // Hints chosen by the kind of failure.
    /// Hint when blame finds the composite's own code at fault.
    HintGlue =>
        "Your pieces are right here; look at how `{function}` connects them: the arguments and caches it passes to each piece, the activation of each layer, the loop's bounds, and the keys it reads and writes.",
        "ここでは部品は正しく動いています。`{function}` が部品をどうつないでいるかを確認してください: 各部品に渡す引数とキャッシュ、各層の活性化関数、ループの範囲、読み書きするキー。";
    /// Hint beside a named mistake.
    HintNamedMistake =>
        "This is a common mistake with a known fix: apply the fix named above, then run the check again.",
        "これはよくある間違いで、直し方も分かっています。上に書かれた修正をしてから、もう一度チェックしてください。";
    /// Hint.
    HintShape =>
        "Shapes first: print `x.shape()` at each step and compare with the shapes in the instructions. A missing transpose (`.t()`), a sum over the wrong axis, or a lost (n, 1) column are the usual causes.",
        "まず形を確認しましょう。各ステップで `x.shape()` を表示し、説明の形と比べてください。転置 (`.t()`) 忘れ、間違った軸での和、(n, 1) の列の消失がよくある原因です。";
    /// Hint.
    HintNonFinite =>
        "A NaN or infinity usually comes from log(0), a division by zero, or an exploding value; check the formula's edge cases.",
        "NaN や無限大は、たいてい log(0)、ゼロ除算、値の発散から生じます。式の端のケースを確認してください。";
    /// Hint.
    HintValues =>
        "The shape is right but the numbers are not: compare your formula with the instructions term by term (signs, 1/m, matrix product `dot` versus elementwise `*`).",
        "形は正しいのに数値が違います。説明の式と一項ずつ比べてください(符号、1/m、行列積 `dot` と要素ごとの積 `*` の違い)。";
    /// Hint.
    HintTrajectorySecond =>
        "The value before any update matches, so the initialization, the forward pass and the cost are right. What differs is how the parameters change: the backward pass, the update, or parameters not carried to the next iteration.",
        "更新前の値は一致しているので、初期化・順伝播・コストは正しいです。違うのはパラメータの変わり方です: 逆伝播、更新、または次の反復にパラメータが引き継がれていない可能性があります。";
    /// Hint.
    HintTrajectoryLater =>
        "The first steps match, so one step of training is right: look at what carries over from one iteration to the next (the updated parameters, the learning rate, the loop counter).",
        "最初のステップは一致しているので、1 ステップの学習は正しいです。反復から次の反復へ引き継ぐもの(更新したパラメータ、学習率、ループの回数)を確認してください。";
    /// Hint for a trajectory whose divergence blame traced to a blank.
    HintTrajectoryBlamed =>
        "Start from the blank named above: compare it with the instructions term by term, then check again.",
        "上に示した空欄から始めてください。説明と一項ずつ比べてから、もう一度チェックしてください。";
    /// Hint.
    HintTrajectoryFirst =>
        "Already the first step differs: check the initialization and the first forward pass.",
        "最初のステップから違います。初期化と最初の順伝播を確認してください。";
    /// Hint.
    HintModified =>
        "Build new arrays (for example `&w - &(lr * &dw)`) instead of writing into the inputs.",
        "入力に書き込まず、新しい配列を作ってください(例: `&w - &(lr * &dw)`)。";
    /// Hint.
    HintPanic =>
        "Read the panic message and its line: an index out of bounds or incompatible shapes in an ndarray operation are the usual causes.",
        "パニックのメッセージと行番号を読んでください。範囲外のインデックスや、ndarray の演算での形の不一致がよくある原因です。";
    /// Hint.
    HintNotCompiled =>
        "Fix the first compile error first: later errors often follow from it.",
        "まず最初のコンパイルエラーを直してください。後のエラーはそこから生じていることがよくあります。";
    /// Hint.
    HintDied =>
        "The process ended abruptly: endless recursion overflows the stack; huge arrays exhaust memory.",
        "プロセスが突然終了しました。無限再帰はスタックを溢れさせ、巨大な配列はメモリを使い果たします。";
    /// Hint after a resource limit.
    HintOverLimit =>
        "Check the shapes of the arrays you create: an (m, m) matrix where (1, m) was meant grows with the square of the data.",
        "作る配列の形を確認してください。(1, m) のつもりの (m, m) 行列は、データの 2 乗で大きくなります。";
    /// Hint.
    HintTimeout =>
        "Check every loop's bound: does it use the argument (num_iterations, m) and does it advance?",
        "すべてのループの上限を確認してください。引数 (num_iterations, m) を使っていますか? ループは進んでいますか?";
    /// Hint.
    HintBadRequest =>
        "Keep the function's signature as given: the checker calls it with those argument types.",
        "関数のシグネチャは与えられたとおりにしてください。チェッカーはその型で呼び出します。";

    // Hints for rustc's usual errors with ndarray.
    /// E0308 on arrays.
    CompileArrayTypes =>
        "Mismatched array types: an `Array2` is not an `Array1` (use `.insert_axis(Axis(1))` or `.into_shape_with_order(...)`), and a view (`ArrayView`) is not an owned array (use `.to_owned()`).",
        "配列の型が合いません。`Array2` と `Array1` は別の型です(`.insert_axis(Axis(1))` や `.into_shape_with_order(...)` を使います)。ビュー (`ArrayView`) は所有配列ではありません(`.to_owned()` を使います)。";
    /// E0308.
    CompileTypes =>
        "Mismatched types: check numeric literals (`1.0` for an f64, not `1`) and what the function returns.",
        "型が合いません。数値リテラル(f64 には `1` ではなく `1.0`)と、関数の戻り値の型を確認してください。";
    /// E0382, E0505.
    CompileMoved =>
        "A value was moved and then used again: ndarray arithmetic on owned arrays consumes them. Write `&a + &b` (borrow) or `a.clone()` when you still need `a`.",
        "値がムーブされた後に再び使われています。所有配列どうしの ndarray 演算は値を消費します。`a` をまだ使うなら `&a + &b`(借用)か `a.clone()` と書いてください。";
    /// E0369, E0277 on arrays or floats.
    CompileOperator =>
        "This operation is not defined for these types: mix arrays by reference (`&a * &b`), use `a.dot(&b)` for matrix products, and `f64` scalars (`2.0`, not `2`).",
        "この型どうしでは演算が定義されていません。配列は参照で組み合わせ (`&a * &b`)、行列積は `a.dot(&b)`、スカラーは `f64`(`2` ではなく `2.0`)を使ってください。";
    /// E0599.
    CompileNoMethod =>
        "No such method: check the ndarray name (`mapv`, `sum_axis(Axis(1))`, `t()`, `dot`) and that the value is an array, not a reference to a tuple.",
        "そのメソッドはありません。ndarray の名前(`mapv`、`sum_axis(Axis(1))`、`t()`、`dot`)と、値が配列であることを確認してください。";

    // Evidence shown with a failure.
    /// A gradient check's disagreeing gradients.
    GradientCheckDiffers =>
        "gradient check ({name}): against numerical gradients of your own forward pass and cost, these differ: {list}",
        "勾配チェック ({name}): あなた自身の順伝播とコストの数値勾配と比べて、次が違います: {list}";
    /// One gradient's relative difference.
    RelativeDifference => "relative difference {x}", "相対誤差 {x}";
    /// A gradient that could not be compared.
    MissingOrMisshapen => "missing or misshapen", "ないか形が違います";

    // Blame: which blank is at fault, and the experiment that shows it.
    /// Blame on the only blank involved.
    BlameOnly => "→ the fault is in blank {blank}.", "→ 原因は空欄 {blank} にあります。";
    /// Opening of a piece's blame when every piece passes its own cases.
    BlamePiecesPass =>
        "`{function}` fails although every piece passes its own cases. ",
        "各部品は自分のテストに合格していますが、`{function}` は不合格です。";
    /// Closing of a piece's blame: its unit cases pass.
    BlamePieceUnreached => ", which its own cases did not reach.", "。この誤りは部品自身のテストでは見つかりませんでした。";
    /// Closing of a piece's blame: its unit cases fail too.
    BlamePieceFailsToo => "; its own cases fail too, so fix it first.", "。部品自身のテストも不合格なので、まずそこを直してください。";
    /// Blame on a piece's blank.
    BlamePiece =>
        "→ {opening}With your `{piece}` and reference code for the rest, the same case fails; with reference code there and yours everywhere else, it passes. The fault is in {blank}{closing}",
        "→ {opening}あなたの `{piece}` と残りを参照解答にすると同じケースが不合格になり、そこだけを参照解答にして残りをあなたのコードにすると合格します。原因は {blank}{closing}";
    /// Blame on the composite's own code.
    BlameGlue =>
        "→ Every function you wrote behaves correctly inside this pipeline; the fault is in `{function}`'s own code: {blanks}.",
        "→ あなたが書いた各関数はこの処理の中で正しく動いています。原因は `{function}` 自身のコードにあります: {blanks}。";
    /// Blame on a unit case's own code (its pieces are right).
    BlameOwnCode =>
        "→ The functions `{function}` calls behave correctly here; the fault is in its own code: {blanks}.",
        "→ `{function}` が呼び出す関数はここでは正しく動いています。原因は `{function}` 自身のコードにあります: {blanks}。";
    /// Blame on several blanks.
    BlameSeveral =>
        "→ Several blanks are wrong, each enough to make this case fail: {blanks}. With reference code in all of them it passes.",
        "→ 複数の空欄が間違っています(どれか一つだけでもこのケースは不合格になります): {blanks}。これらをすべて参照解答にすると合格します。";
    /// No blank explains the failure.
    BlameUnexplained =>
        "→ No single blank explains this failure: it comes from how several of your blanks work together.",
        "→ 一つの空欄だけでは説明できない失敗です。複数の空欄の組み合わせが原因です。";
    /// No blank explains the failure, but replacing some fixes it.
    BlameUnexplainedFixers =>
        "→ No single blank explains this failure. Replacing {fixers} with reference code makes it pass, but that blank alone does not make it fail: look at how it works with the others.",
        "→ 一つの空欄だけでは説明できない失敗です。{fixers} を参照解答にすると合格しますが、その空欄だけでは不合格になりません。他の空欄との組み合わせを確認してください。";
    /// The fault is outside the blanks.
    BlameOutside =>
        "→ Even with reference code in every blank this case uses, it fails: look at code you changed outside the blanks.",
        "→ このケースが使うすべての空欄を参照解答にしても不合格です。空欄の外で変更したコードを確認してください。";

    // `list`, `hint`.
    /// A week's state in `list`.
    WeekCannotRead => "cannot read", "読めません";
    /// A week's state in `list`.
    WeekNotStarted => "not started", "未着手";
    /// A week's state in `list`.
    WeekDone => "done", "完了";
    /// A week's state in `list`.
    WeekInProgress => "in progress", "取り組み中";
    /// Heading of the ndarray documentation links under instructions and hints.
    NdarrayDocs => "ndarray docs:", "ndarray のドキュメント:";
    /// `show`: where a function is, `file:line` from the course root.
    ShowPlace => "file: {place}", "ファイル: {place}";
    /// `show`: a function's status from the last check.
    ShowStatus => "status: {status}", "状態: {status}";
    /// `show`: the week has never been checked.
    FunctionNotChecked => "not checked yet", "まだチェックしていません";
    /// `show`: every case of the function passed in the last check.
    FunctionPassed => "passed in the last check", "前回のチェックで合格";
    /// `show`: a case of the function failed in the last check.
    FunctionFailing => "failing in the last check", "前回のチェックで不合格";
    /// `show`: the function was neither passing nor failing in the last check.
    FunctionNotDone =>
        "not done in the last check (a blank still holds its stub, or the week did not compile)",
        "前回のチェックでは未完成(スタブのままの空欄があるか、コンパイルできませんでした)";
    /// `hint` for a function without hints.
    NoHints => "No hints for this function.", "この関数にはヒントがありません。";

    // Time and progress: `check`, `list`, `progress`.
    /// A duration of an hour or more.
    DurationHours => "{h} h {m} min", "{h} 時間 {m} 分";
    /// A duration under an hour.
    DurationMinutes => "{m} min", "{m} 分";
    /// A duration under a minute.
    DurationUnderMinute => "under a minute", "1 分未満";
    /// After the Next line of a week whose every case passes.
    WeekDoneIn =>
        "{week} done in {time} of work — next: {next} ({alias}) · `dl-course watch {next}`",
        "{week} を作業時間 {time} で完了しました — 次: {next} ({alias}) · `dl-course watch {next}`";
    /// After the Next line of the last week, done.
    CourseDoneIn =>
        "{week} done in {time} of work — that was the last week of the course.",
        "{week} を作業時間 {time} で完了しました — これがコースの最後の週です。";
    /// `list` and `progress`: functions done.
    ProgressFunctions => "{done}/{total} functions", "関数 {done}/{total}";
    /// `list` and `progress`: cases passed in the last check.
    ProgressCases => "{passed}/{total} cases", "ケース {passed}/{total}";
    /// `list` and `progress`: time worked beside the estimate for the original.
    ProgressTime => "{time} worked (original ≈ {hours} h, our estimate)", "作業 {time}(元の課題は約 {hours} 時間・当方の見積もり)";
    /// `progress`: the estimate beside a week not started.
    ProgressEstimate => "original ≈ {hours} h (our estimate)", "元の課題は約 {hours} 時間(当方の見積もり)";
    /// `progress`: first and last activity.
    ProgressActivity => "first {first} · last {last}", "開始 {first} · 最終 {last}";
    /// `progress`: the closing line.
    ProgressTotal =>
        "{done} of {total} weeks done · {time} worked in all (breaks over 15 min not counted)",
        "{total} 週中 {done} 週完了 · 合計作業時間 {time}(15 分を超える休憩は数えません)";
    /// `progress`: where to go on.
    ProgressNext => "next: `dl-course watch {week}`", "次: `dl-course watch {week}`";
    /// The progress file could not be used.
    StateCorrupt =>
        "your progress file could not be read ({reason}); it was kept in {backup} and progress starts afresh. Your code is untouched.",
        "進捗ファイルを読めませんでした({reason})。{backup} に保存し、進捗を新しく始めます。コードには手を付けていません。";

    // `reset` and `restore`.
    /// Question before resetting one function.
    ResetFunctionAsk =>
        "Reset `{function}` of {week} to the stub? Your text is kept in .dl-course/backups/. [y/N] ",
        "{week} の `{function}` をスタブに戻しますか? 今のコードは .dl-course/backups/ に保存されます。[y/N] ";
    /// Question before resetting a whole week.
    ResetWeekAsk =>
        "Reset every blank of {week} to the stub? Your text is kept in .dl-course/backups/. [y/N] ",
        "{week} のすべての空欄をスタブに戻しますか? 今のコードは .dl-course/backups/ に保存されます。[y/N] ";
    /// A change to the learner's files without a terminal to confirm it.
    ConfirmNeedsYes =>
        "not changed: this replaces your code and there is no terminal to ask; run `{command} --yes` (a backup is kept)",
        "変更していません: コードを置き換える操作ですが、確認できる端末がありません。`{command} --yes` で実行してください(バックアップは残ります)";
    /// The learner answered no.
    NothingChanged => "Nothing changed.", "何も変更していません。";
    /// A file reset, with its backup.
    ResetFile => "{file}: back to the stub; your text is in {backup}", "{file}: スタブに戻しました。元のコードは {backup} にあります";
    /// A file already holding the stub.
    ResetUntouched => "{file}: already the stub, nothing to reset", "{file}: すでにスタブです。戻すものはありません";
    /// One function cannot be reset when the markers are broken.
    ResetMarkersBroken =>
        "cannot reset one function: {error}. `dl-course reset {week}` resets the whole week (with a backup)",
        "一つの関数だけを戻せません: {error}。`dl-course reset {week}` で週全体を戻せます(バックアップあり)";
    /// No backups yet.
    RestoreNone =>
        "No backups yet: `dl-course reset` and `dl-course stub --force` keep one before they change a file.",
        "バックアップはまだありません。`dl-course reset` と `dl-course stub --force` はファイルを変える前にバックアップを残します。";
    /// Heading of the list of backups.
    RestoreHeading =>
        "Backups, oldest first (restore one with `dl-course restore <number>`):",
        "バックアップ(古い順。`dl-course restore <番号>` で戻せます):";
    /// Question before restoring a backup.
    RestoreAsk =>
        "Replace {file} with the backup of {when}? Your current text is kept in a backup first. [y/N] ",
        "{file} を {when} のバックアップで置き換えますか? 今のコードは先にバックアップされます。[y/N] ";
    /// A backup restored.
    RestoreDone => "restored {file} from {backup}", "{backup} から {file} を戻しました";
    /// The text replaced by a restore.
    RestoreKept => "the text it replaced is in {kept}", "置き換えられたコードは {kept} にあります";
    /// An unknown backup.
    RestoreUnknown =>
        "no backup `{id}`: `dl-course restore` lists them",
        "バックアップ `{id}` はありません。`dl-course restore` で一覧を表示できます";

    // `watch`.
    /// Shown while a check runs.
    WatchChecking => "checking {week}…", "{week} をチェックしています…";
    /// The progress line of the week's functions.
    WatchProgress => "{week}: {bar} {done}/{total} functions done", "{week}: {bar} 関数 {done}/{total} 完了";
    /// The function being worked on.
    WatchCurrent => "current function: `{function}`", "取り組み中の関数: `{function}`";
    /// Every function of the week passes.
    WatchWeekDone => "every function of {week} passes.", "{week} のすべての関数が合格しています。";
    /// The keys of watch mode.
    WatchKeys =>
        "watching {dir} — save to check again · h hint · n next function · l list · r reset function · q quit",
        "{dir} を監視中 — 保存すると再チェック · h ヒント · n 次の関数 · l 一覧 · r 関数をリセット · q 終了";
    /// The check itself could not run.
    WatchCheckFailed => "the check could not run: {error}", "チェックを実行できませんでした: {error}";
    /// A key watch does not know.
    WatchUnknownKey => "unknown key `{key}`", "不明なキー `{key}`";
    /// Quitting.
    WatchBye => "stopped watching.", "監視を終了しました。";

    // `run`.
    /// `run` on a week without an application yet.
    RunNoApplication =>
        "{week} has no application to run yet: `dl-course run week2`, `run week4` and `run week5` train networks with your code and draw them; `dl-course check {week}` checks this week.",
        "{week} にはまだ実行できるアプリケーションがありません。`dl-course run week2`・`run week4`・`run week5` はあなたのコードでネットワークを学習して描画します。この週は `dl-course check {week}` でチェックしてください。";
    /// The learner's week does not compile.
    RunNotCompiled =>
        "your code does not compile yet: `dl-course check {week}` shows the errors.",
        "コードがまだコンパイルできません。`dl-course check {week}` でエラーを確認してください。";
    /// Training starts.
    RunTraining =>
        "training your nn_model on the planar data (n_h = {n_h}, {iterations} iterations, learning rate {rate})…",
        "あなたの nn_model を平面データで学習しています(n_h = {n_h}、反復 {iterations} 回、学習率 {rate})…";
    /// Training starts: week4's three initialisations.
    RunTrainingInit =>
        "training the 3-layer model [2, 10, 5, 1] on the circles with your initializers zeros, random and he ({iterations} iterations each, learning rate {rate})…",
        "3 層モデル [2, 10, 5, 1] を円のデータで、あなたの初期化 zeros・random・he それぞれで学習しています(各 {iterations} 反復、学習率 {rate})…";
    /// Training starts: week4's three regularizations.
    RunTrainingRegularization =>
        "training the 3-layer reg_model [2, 20, 3, 1] on the regularization set without regularization, with your L2 (lambd 0.7) and with your dropout (keep_prob 0.86) ({iterations} iterations each, learning rate {rate})…",
        "3 層の reg_model [2, 20, 3, 1] を正則化用のデータで、正則化なし・あなたの L2(lambd 0.7)・あなたのドロップアウト(keep_prob 0.86)それぞれで学習しています(各 {iterations} 反復、学習率 {rate})…";
    /// Training starts: week5's three optimisers.
    RunTrainingOptimizers =>
        "training the 3-layer model [2, 5, 2, 1] on the moons with your mini-batches (64) and optimizers gd, momentum and adam ({epochs} epochs each, learning rate {rate})…",
        "3 層モデル [2, 5, 2, 1] を月形のデータで、あなたのミニバッチ(64)と最適化手法 gd・momentum・adam それぞれで学習しています(各 {epochs} エポック、学習率 {rate})…";
    /// The heading of one of several runs.
    RunOf => "— {run} —", "— {run} での学習 —";
    /// A learner's function failed in the application.
    RunFailed =>
        "your `{function}` did not finish: {why}. `dl-course check {week}` says which blank is at fault.",
        "あなたの `{function}` が最後まで実行できませんでした: {why}。`dl-course check {week}` で原因の空欄が分かります。";
    /// One cost of the training.
    RunCostAt => "cost after iteration {i}: {cost}", "反復 {i} 回目のコスト: {cost}";
    /// One cost of the training, per epoch.
    RunCostAtEpoch => "cost after epoch {i}: {cost}", "エポック {i} のコスト: {cost}";
    /// Accuracy on the training data.
    RunAccuracy => "training accuracy: {accuracy} %", "訓練データでの正解率: {accuracy} %";
    /// Title of the cost plot.
    RunCostTitle => "cost per iteration", "反復ごとのコスト";
    /// Title of the cost plot, per epoch.
    RunCostTitleEpoch => "cost per epoch", "エポックごとのコスト";
    /// Title of the boundary plot.
    RunBoundaryTitle =>
        "decision boundary: ░ where your network predicts 1 · x class 1 · o class 0",
        "決定境界: ░ はネットワークが 1 と予測する領域 · x はクラス 1 · o はクラス 0";
    /// A PNG written.
    RunPlotWritten => "plot written: {path}", "図を書き出しました: {path}";

    // Finding the course.
    /// No course in reach.
    CourseNotFound =>
        "no course found: no folder from {start} upwards holds course/course.toml, and DL_COURSE_HOME {home}. Run dl-course inside the course folder, or set DL_COURSE_HOME to it.",
        "コースが見つかりません: {start} から上のフォルダに course/course.toml がなく、DL_COURSE_HOME {home}。コースのフォルダ内で実行するか、DL_COURSE_HOME にそのフォルダを設定してください。";
    /// DL_COURSE_HOME unset.
    HomeUnset => "is not set", "は設定されていません";
    /// DL_COURSE_HOME set to a folder without a course.
    HomeNoCourse => "is {dir}, which holds no course/course.toml", "は {dir} ですが、そこに course/course.toml がありません";
    // Grading (`dl-course grade`).
    /// A blank rejected for a token.
    GradeRejected =>
        "{file}:{line}: `{token}` is not allowed in a graded blank ({why}); {function} scores 0",
        "{file}:{line}: 採点する空欄では `{token}` を使えません({why})。{function} は 0 点です";
    /// Why: include! and its kin.
    DangerReadsFiles => "it reads another file at compile time", "コンパイル時に別のファイルを読み込みます";
    /// Why: env! and option_env!.
    DangerReadsEnvironment => "it reads the grader's environment", "採点環境の環境変数を読み取ります";
    /// Why: mod.
    DangerDeclaresModule => "a module declaration pulls in another file", "モジュール宣言は別のファイルを取り込みます";
    /// Why: extern.
    DangerLinksCode => "it links other code", "ほかのコードをリンクします";
    /// Why: Command.
    DangerStartsPrograms => "it starts other programs", "ほかのプログラムを起動します";
    /// Why: asm!.
    DangerAssembly => "inline assembly", "インラインアセンブリです";
    /// Why: #[path], #[no_mangle], …
    DangerAttribute => "it changes how code is found or linked", "コードの読み込み方やリンクの仕方を変えます";
    /// Why: the file does not lex.
    DangerUnreadable =>
        "it cannot be read as Rust tokens (an unclosed string or comment?)",
        "Rust のトークンとして読めません(閉じていない文字列かコメント?)";
    /// A week file missing from the submission.
    GradeMissingFile => "{file} is not in the submission; its functions score 0", "提出物に {file} がありません。その関数は 0 点です";
    /// Broken markers in a submitted file.
    GradeBrokenMarkers =>
        "{file}:{line}: the blank markers do not match the course's ({message}); the functions of {file} score 0",
        "{file}:{line}: 空欄の目印が課題と一致しません({message})。{file} の関数は 0 点です";
    /// Code outside the blanks was changed.
    GradeChangedOutside =>
        "{file}, lines {from}–{to}: changed outside a blank: ignored (only the blanks are graded)",
        "{file} の {from}–{to} 行目: 空欄の外が変更されています。無視しました(採点するのは空欄だけです)";
    /// A function whose blank still holds its stub.
    GradeNotDone => "not done: a blank of it still holds its stub", "未完成: 空欄がまだ最初のままです";
    /// A function that cannot run because the submission does not compile.
    GradeNotCompiled => "the submission does not compile:", "提出物がコンパイルできません:";
    /// Cases passed of a function.
    GradeCasesPassed => "{passed} of {total} cases pass", "{total} 件中 {passed} 件が合格";
    /// A failing case, before its explanation.
    GradeCase => "case {case}: {message}", "ケース {case}: {message}";
    /// A submission that could not be graded at all.
    GradeFailed => "could not be graded: {error}", "採点できませんでした: {error}";
    /// The total of a submission.
    GradeTotal => "{name}: {score} / {max}", "{name}: {max} 点中 {score} 点";
    /// The sandbox is unavailable and grading refuses.
    SandboxUnavailable =>
        "the sandbox is unavailable here ({why}); refusing to run submissions unsandboxed. Pass --unsandboxed to grade anyway, trusting every submission.",
        "この環境ではサンドボックスを使えません({why})。サンドボックスなしでは提出物を実行しません。すべての提出物を信頼して採点するには --unsandboxed を指定してください。";
    /// Grading unsandboxed on request.
    Unsandboxed =>
        "warning: grading WITHOUT the sandbox (--unsandboxed): submissions run with the grader's rights",
        "警告: サンドボックスなしで採点します(--unsandboxed)。提出物は採点者の権限で実行されます";
    /// An output directory that already holds files.
    DirNotEmpty => "{dir} is not empty: give a new directory", "{dir} は空ではありません。新しいディレクトリを指定してください";
    /// The autograder is written.
    AutograderWritten =>
        "{dir}: zip its contents (setup.sh and run_autograder at the top) and upload them as the Gradescope autograder of {week}",
        "{dir}: 中身を zip にまとめ(setup.sh と run_autograder を最上位に)、{week} の Gradescope オートグレーダーとしてアップロードしてください";
    /// Several submissions need --out.
    GradeNeedsOut =>
        "{n} submissions: give --out DIR (one result file each, and summary.csv)",
        "提出物が {n} 件あります: --out DIR を指定してください(提出物ごとの結果ファイルと summary.csv を書きます)";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn variables(template: &str) -> BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name))
            .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.is_empty())
            .collect()
    }

    #[test]
    fn every_message_has_both_languages_with_the_same_variables() {
        for &msg in Msg::ALL {
            let (en, ja) = (msg.template(Lang::En), msg.template(Lang::Ja));
            assert!(!en.trim().is_empty() && !ja.trim().is_empty(), "{msg:?}");
            assert_eq!(variables(en), variables(ja), "{msg:?}: {en} / {ja}");
        }
    }

    #[test]
    fn the_japanese_text_is_a_translation_not_a_copy() {
        // Status words and labels may coincide only where both are code.
        for &msg in Msg::ALL {
            let (en, ja) = (msg.template(Lang::En), msg.template(Lang::Ja));
            assert_ne!(en, ja, "{msg:?} is not translated");
            assert!(!ja.is_ascii(), "{msg:?}: the Japanese text is ASCII: {ja}");
        }
    }

    #[test]
    fn variables_are_filled_once_and_values_are_not_rescanned() {
        let s = Msg::Panicked.say(Lang::En, &[("message", &"bad {at}"), ("at", &" (x.rs:1)")]);
        assert_eq!(s, "panicked: bad {at} (x.rs:1)");
        assert_eq!(fill("a {b} {c}", &[("b", &1)]), "a 1 {c}");
        assert_eq!(fill("{", &[]), "{");
    }
}
