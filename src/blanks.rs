//! Blanks: the `// START CODE HERE` … `// END CODE HERE` regions of a week file.
//!
//! The solution file is the single source of truth. Its blanks hold the
//! reference code, optionally preceded by `// STUB: <code>` lines that give the
//! stub's text for that blank (default `todo!()`). From it we derive the stub
//! ([`stub_text`]), decide whether a learner's blank is still untouched
//! ([`Blank::is_untouched`]), and splice blanks from two files ([`splice`]).

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::manifest::{Course, Week};

const START: &str = "// START CODE HERE";
const END: &str = "// END CODE HERE";
const STUB: &str = "// STUB:";

/// One blank of a week file.
#[derive(Clone, Debug, PartialEq)]
pub struct Blank {
    /// `function#n`, n counting this function's blanks from 1.
    pub id: String,
    /// The function the blank is in.
    pub function: String,
    /// 1-based line of the START marker.
    pub start_line: usize,
    /// 1-based line of the END marker.
    pub end_line: usize,
    /// The stub text the solution gives (`// STUB:` lines), trimmed; empty in a learner file.
    pub stub: Vec<String>,
    /// The lines between the markers, `// STUB:` lines excluded.
    pub code: Vec<String>,
    /// Indentation of the START marker.
    pub indent: String,
    /// The marker's size hint, `≈ 2 lines` from `// START CODE HERE (≈ 2 lines)`.
    pub size: Option<String>,
}

/// A parsed week file.
#[derive(Clone, Debug)]
pub struct Source {
    /// Where it came from, for messages.
    pub path: PathBuf,
    /// Its lines, without line ends.
    pub lines: Vec<String>,
    /// Its blanks, in file order.
    pub blanks: Vec<Blank>,
}

/// A marker problem, naming file and line.
#[derive(Clone, Debug, PartialEq)]
pub struct BlankError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for BlankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

impl std::error::Error for BlankError {}

/// The name a line declares with `fn name`, if it declares a function.
fn declared_function(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    for prefix in ["pub(crate) ", "pub ", "const ", "unsafe "] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    Some(&name[..end])
}

/// The function whose body holds line `index`: the nearest `fn name` above it.
fn enclosing_function(lines: &[String], index: usize) -> Option<String> {
    lines[..index]
        .iter()
        .rev()
        .find_map(|line| declared_function(line).map(str::to_string))
}

fn is_start(trimmed: &str) -> Result<bool, String> {
    let Some(rest) = trimmed.strip_prefix(START) else {
        return Ok(false);
    };
    let rest = rest.trim();
    if rest.is_empty() || (rest.starts_with('(') && rest.ends_with(')')) {
        Ok(true)
    } else {
        Err(format!(
            "unexpected text after `{START}`: `{rest}` (only `(≈ N lines)` may follow)"
        ))
    }
}

/// `≈ 2 lines` from a START marker `// START CODE HERE (≈ 2 lines)`.
fn size_hint(marker: &str) -> Option<String> {
    let rest = marker.trim().get(START.len()..)?.trim();
    let inner = rest.strip_prefix('(')?.strip_suffix(')')?.trim();
    (!inner.is_empty()).then(|| inner.to_string())
}

impl Source {
    /// Parses `text`, strictly: a marker that is missing, unpaired, nested,
    /// misspelt or not alone on its line is an error naming the line.
    pub fn parse(path: &Path, text: &str) -> Result<Source, BlankError> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let err = |line: usize, message: String| BlankError {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut blanks: Vec<Blank> = Vec::new();
        let mut open: Option<usize> = None;
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim();
            let upper = trimmed.to_ascii_uppercase();
            let mentions_start = upper.contains("START CODE HERE");
            let mentions_end = upper.contains("END CODE HERE");
            if !mentions_start && !mentions_end {
                continue;
            }
            if mentions_start {
                if !is_start(trimmed).map_err(|m| err(i + 1, m))? {
                    return Err(err(
                        i + 1,
                        format!("malformed marker: write `{START}` alone on its line"),
                    ));
                }
                if let Some(o) = open {
                    // A START inside an open blank almost always means the END before it is missing.
                    return Err(err(
                        o + 1,
                        format!(
                            "this blank is never closed: add `{END}` before the next `{START}` (line {})",
                            i + 1
                        ),
                    ));
                }
                open = Some(i);
            } else {
                if trimmed != END {
                    return Err(err(
                        i + 1,
                        format!("malformed marker: write `{END}` alone on its line"),
                    ));
                }
                let Some(o) = open.take() else {
                    return Err(err(i + 1, format!("`{END}` without a `{START}` before it")));
                };
                let function = enclosing_function(&lines, o)
                    .ok_or_else(|| err(o + 1, "this blank is not inside a function".to_string()))?;
                let n = blanks.iter().filter(|b| b.function == function).count() + 1;
                let body = &lines[o + 1..i];
                let stub_count = body.iter().take_while(|l| l.trim().starts_with(STUB)).count();
                blanks.push(Blank {
                    id: format!("{function}#{n}"),
                    function,
                    start_line: o + 1,
                    end_line: i + 1,
                    stub: body[..stub_count]
                        .iter()
                        .map(|l| l.trim()[STUB.len()..].trim().to_string())
                        .collect(),
                    code: body[stub_count..].to_vec(),
                    indent: lines[o][..lines[o].len() - lines[o].trim_start().len()].to_string(),
                    size: size_hint(&lines[o]),
                });
            }
        }
        if let Some(o) = open {
            return Err(err(
                o + 1,
                format!("`{START}` is never closed: add `{END}` after the blank"),
            ));
        }
        Ok(Source {
            path: path.to_path_buf(),
            lines,
            blanks,
        })
    }

    /// Reads and parses a file.
    pub fn read(path: &Path) -> Result<Source, BlankError> {
        let text = std::fs::read_to_string(path).map_err(|e| BlankError {
            path: path.to_path_buf(),
            line: 0,
            message: format!("cannot read: {e}"),
        })?;
        Source::parse(path, &text)
    }

    /// The 1-based line where `function` is declared (`fn function`), else
    /// the line of its first blank's START marker; `None` when the file
    /// holds neither.
    pub fn function_line(&self, function: &str) -> Option<usize> {
        self.lines
            .iter()
            .position(|line| declared_function(line) == Some(function))
            .map(|i| i + 1)
            .or_else(|| {
                self.blanks
                    .iter()
                    .find(|b| b.function == function)
                    .map(|b| b.start_line)
            })
    }

    /// Rebuilds the file with each blank's body chosen by `body`.
    fn render(&self, mut body: impl FnMut(usize, &Blank) -> Vec<String>) -> String {
        let mut out = Vec::with_capacity(self.lines.len());
        let mut next = 0;
        for (k, b) in self.blanks.iter().enumerate() {
            out.extend_from_slice(&self.lines[next..b.start_line]);
            out.extend(body(k, b));
            next = b.end_line - 1;
        }
        out.extend_from_slice(&self.lines[next..]);
        let mut text = out.join("\n");
        text.push('\n');
        text
    }
}

impl Blank {
    /// The stub's lines for this (solution) blank, indented like the marker.
    pub fn stub_lines(&self) -> Vec<String> {
        if self.stub.is_empty() {
            vec![format!("{}todo!()", self.indent)]
        } else {
            self.stub.iter().map(|l| format!("{}{l}", self.indent)).collect()
        }
    }

    /// Whether `learner`'s version of this solution blank still holds the stub
    /// (white space and blank lines aside).
    pub fn is_untouched(&self, learner: &Blank) -> bool {
        let norm = |lines: &[String]| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect()
        };
        norm(&learner.code) == norm(&self.stub_lines())
    }
}

/// The stub file for a solution: every blank's body replaced by its stub text.
pub fn stub_text(solution: &Source) -> String {
    solution.render(|_, b| b.stub_lines())
}

/// Checks that the learner's file has the same blanks as the solution, in order.
pub fn check_same_blanks(learner: &Source, solution: &Source) -> Result<(), BlankError> {
    let err = |line, message| BlankError {
        path: learner.path.clone(),
        line,
        message,
    };
    for (k, s) in solution.blanks.iter().enumerate() {
        match learner.blanks.get(k) {
            Some(l) if l.id == s.id => {}
            Some(l) => {
                return Err(err(
                    l.start_line,
                    format!(
                        "expected the blank `{}` here but found `{}`; were markers moved or deleted?",
                        s.id, l.id
                    ),
                ));
            }
            None => {
                return Err(err(
                    learner.lines.len(),
                    format!(
                        "the blank `{}` is missing (the file has {} blanks, the course {}); were markers deleted?",
                        s.id,
                        learner.blanks.len(),
                        solution.blanks.len()
                    ),
                ));
            }
        }
    }
    if let Some(extra) = learner.blanks.get(solution.blanks.len()) {
        return Err(err(
            extra.start_line,
            format!("unexpected extra blank `{}`", extra.id),
        ));
    }
    Ok(())
}

/// The learner's file with the blanks in `from_reference` taken from the solution.
pub fn splice(
    learner: &Source,
    solution: &Source,
    from_reference: &BTreeSet<String>,
) -> Result<String, BlankError> {
    check_same_blanks(learner, solution)?;
    Ok(learner.render(|k, b| {
        if from_reference.contains(&b.id) {
            solution.blanks[k].code.clone()
        } else {
            b.code.clone()
        }
    }))
}

/// The learner's file `text` (parsed as `learner`) with the blanks of
/// `function` (every blank when `None`) back to the solution's stub text.
/// Every other byte is kept as it was, line ends included (a file with
/// Windows line ends keeps them), so the other functions' blanks stay
/// byte-identical.
pub fn reset_blanks(
    text: &str,
    learner: &Source,
    solution: &Source,
    function: Option<&str>,
) -> Result<String, BlankError> {
    check_same_blanks(learner, solution)?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut next = 0; // index of the next line of `text` to copy
    for (s, l) in solution.blanks.iter().zip(&learner.blanks) {
        if function.is_some_and(|f| f != s.function) {
            continue;
        }
        // Copy up to and including the START marker, then the stub, then resume at END.
        let start = l.start_line; // 1-based START line = 0-based index of the first body line
        out.extend(lines[next..start].iter().copied());
        let eol = if lines[start - 1].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        for stub_line in s.stub_lines() {
            out.push_str(&stub_line);
            out.push_str(eol);
        }
        next = l.end_line - 1;
    }
    out.extend(lines[next..].iter().copied());
    Ok(out)
}

/// The course's file `course` (a stub) with each blank's body taken from
/// `submission`, and everything outside the blanks from the course: how a
/// graded submission is put together.
pub fn graft(course: &Source, submission: &Source) -> Result<String, BlankError> {
    check_same_blanks(submission, course)?;
    Ok(course.render(|k, _| submission.blanks[k].code.clone()))
}

/// `(first line in `submission`, last line)` of every stretch outside the
/// blanks that differs from `course` (white space and blank lines aside).
/// Both must have the same blanks ([`check_same_blanks`]).
pub fn changed_outside_blanks(course: &Source, submission: &Source) -> Vec<(usize, usize)> {
    // Stretches: before the first blank, between two, after the last (0-based line ranges).
    fn stretches(s: &Source) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut next = 0;
        for b in &s.blanks {
            // The markers themselves match (the blanks were checked): left out.
            out.push((next, b.start_line - 1));
            next = b.end_line;
        }
        out.push((next, s.lines.len()));
        out
    }
    let norm = |s: &Source, (a, b): (usize, usize)| -> Vec<String> {
        s.lines[a.min(s.lines.len())..b.min(s.lines.len())]
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    stretches(course)
        .into_iter()
        .zip(stretches(submission))
        .filter(|(c, s)| norm(course, *c) != norm(submission, *s))
        .map(|(_, (a, b))| (a + 1, b.max(a + 1)))
        .collect()
}

/// The learner's and the solution's versions of one week's files.
pub struct WeekSources {
    /// Parsed exercise files, in manifest order.
    pub learner: Vec<Source>,
    /// Parsed solution files, in manifest order.
    pub solution: Vec<Source>,
}

impl WeekSources {
    /// Reads and parses both sides, checking their blanks correspond.
    pub fn load(course: &Course, week: &Week) -> Result<WeekSources, BlankError> {
        Self::load_copy(course, week, &course.exercise_dir(week))
    }

    /// A copy of the week's files in `dir` (named as in `exercises/<week>/`)
    /// and the solution's, checking their blanks correspond.
    pub fn load_copy(course: &Course, week: &Week, dir: &Path) -> Result<WeekSources, BlankError> {
        let mut learner = Vec::new();
        let mut solution = Vec::new();
        for file in &week.files {
            let s = Source::read(&course.solution_file(week, file))?;
            let l = Source::read(&dir.join(file))?;
            check_same_blanks(&l, &s)?;
            learner.push(l);
            solution.push(s);
        }
        Ok(WeekSources { learner, solution })
    }

    /// Functions with at least one blank still holding its stub.
    pub fn untouched_functions(&self) -> BTreeSet<String> {
        self.pairs()
            .filter(|(s, l)| s.is_untouched(l))
            .map(|(s, _)| s.function.clone())
            .collect()
    }

    /// Is every blank of the week untouched?
    pub fn nothing_written(&self) -> bool {
        self.pairs().all(|(s, l)| s.is_untouched(l))
    }

    /// `(solution blank, learner blank)` for every blank of the week.
    pub fn pairs(&self) -> impl Iterator<Item = (&Blank, &Blank)> {
        self.solution
            .iter()
            .zip(&self.learner)
            .flat_map(|(s, l)| s.blanks.iter().zip(&l.blanks))
    }
}

/// The stub text of each of the week's files, generated from the solution.
pub fn stub_texts(course: &Course, week: &Week) -> Result<Vec<String>, BlankError> {
    week.files
        .iter()
        .map(|f| Ok(stub_text(&Source::read(&course.solution_file(week, f))?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOLUTION: &str = "\
pub fn f(x: f64) -> f64 {
    // START CODE HERE (≈ 1 line)
    // STUB: let y: f64 = todo!();
    let y = 2.0 * x;
    // END CODE HERE
    y
}

fn g() -> f64 {
    // START CODE HERE
    1.0
    // END CODE HERE
}
";

    fn parse(text: &str) -> Result<Source, BlankError> {
        Source::parse(Path::new("w.rs"), text)
    }

    #[test]
    fn a_function_is_found_at_its_fn_line() {
        let s = parse(SOLUTION).unwrap();
        assert_eq!(s.function_line("f"), Some(1));
        assert_eq!(s.function_line("g"), Some(9));
        assert_eq!(s.function_line("h"), None);
    }

    #[test]
    fn blanks_are_found_with_their_function_and_stub() {
        let s = parse(SOLUTION).unwrap();
        let ids: Vec<&str> = s.blanks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["f#1", "g#1"]);
        assert_eq!(s.blanks[0].stub, ["let y: f64 = todo!();"]);
        assert_eq!(s.blanks[0].code, ["    let y = 2.0 * x;"]);
    }

    #[test]
    fn stub_replaces_only_blank_bodies_and_is_recognised_as_untouched() {
        let s = parse(SOLUTION).unwrap();
        let stub = stub_text(&s);
        assert!(stub.contains("    let y: f64 = todo!();\n    // END CODE HERE\n    y\n"));
        assert!(stub.contains("    todo!()\n"));
        assert!(!stub.contains("STUB"));
        let learner = parse(&stub).unwrap();
        assert!(
            s.blanks
                .iter()
                .zip(&learner.blanks)
                .all(|(s, l)| s.is_untouched(l))
        );
        let solved = parse(&splice(&learner, &s, &BTreeSet::from(["f#1".to_string()])).unwrap()).unwrap();
        assert!(!s.blanks[0].is_untouched(&solved.blanks[0]));
    }

    #[test]
    fn splice_takes_chosen_blanks_from_the_reference() {
        let s = parse(SOLUTION).unwrap();
        let learner = parse(&stub_text(&s)).unwrap();
        let mixed = splice(&learner, &s, &BTreeSet::from(["f#1".to_string()])).unwrap();
        assert!(mixed.contains("let y = 2.0 * x;"));
        assert!(mixed.contains("    todo!()\n"));
        assert!(!mixed.contains("let y: f64 = todo!()"));
    }

    #[test]
    fn marker_errors_name_the_line() {
        let missing_end = "fn f() {\n    // START CODE HERE\n    1\n}\n";
        let e = parse(missing_end).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("never closed"));

        let nested = "fn f() {\n// START CODE HERE\n// START CODE HERE\n// END CODE HERE\n}\n";
        let e = parse(nested).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("never closed") && e.message.contains("line 3"));

        let stray_end = "fn f() {\n// END CODE HERE\n}\n";
        assert!(parse(stray_end).unwrap_err().message.contains("without"));

        let misspelt = "fn f() {\n// start code here please\n}\n";
        assert!(parse(misspelt).unwrap_err().message.contains("malformed"));

        let outside = "// START CODE HERE\n// END CODE HERE\n";
        assert!(
            parse(outside)
                .unwrap_err()
                .message
                .contains("not inside a function")
        );
    }

    #[test]
    fn reset_of_one_function_keeps_every_other_byte() {
        let s = parse(SOLUTION).unwrap();
        for eol in ["\n", "\r\n"] {
            let text = "pub fn f(x: f64) -> f64 {\n    // START CODE HERE (≈ 1 line)\n    let y = 3.0 * x;\n    let z = 1;\n    // END CODE HERE\n    y\n}\n\nfn g() -> f64 {\n    // START CODE HERE\n  2.0   \n    // END CODE HERE\n}"
                .replace('\n', eol);
            let learner = parse(&text).unwrap();
            let reset = reset_blanks(&text, &learner, &s, Some("f")).unwrap();
            let expected = "pub fn f(x: f64) -> f64 {\n    // START CODE HERE (≈ 1 line)\n    let y: f64 = todo!();\n    // END CODE HERE\n    y\n}\n\nfn g() -> f64 {\n    // START CODE HERE\n  2.0   \n    // END CODE HERE\n}"
                .replace('\n', eol);
            assert_eq!(reset, expected);
            let all = reset_blanks(&text, &learner, &s, None).unwrap();
            assert!(all.contains(&format!("    todo!(){eol}    // END CODE HERE{eol}}}")));
            assert!(!all.contains("2.0"));
            // Resetting a function whose blanks hold the stub changes nothing.
            let again = reset_blanks(&reset, &parse(&reset).unwrap(), &s, Some("f")).unwrap();
            assert_eq!(again, reset);
        }
    }

    #[test]
    fn a_deleted_blank_is_reported() {
        let s = parse(SOLUTION).unwrap();
        let learner = parse("pub fn f(x: f64) -> f64 {\n// START CODE HERE\n// END CODE HERE\n}\n").unwrap();
        assert!(
            check_same_blanks(&learner, &s)
                .unwrap_err()
                .message
                .contains("`g#1` is missing")
        );
    }
}
