//! Submission: a learner's files for grading, reduced to their blanks.
//!
//! Only the text between the markers is taken from a submission; everything
//! else comes from the course's stub (generated from the solution), so code a
//! learner adds outside the blanks never reaches the build. Each blank's
//! tokens are then screened: a blank that could read files at compile time
//! (`include_str!`, `#[path]`), read the grader's environment (`env!`), pull in
//! other code (`mod`, `extern crate`), start programs (`Command`) or reach
//! the linker (`#[no_mangle]`, `#[link]`, `asm!`) is rejected with its line,
//! and the course's stub stands in for it so the rest of the file still
//! builds. Screening is on tokens (`proc-macro2`'s lexer), never on text:
//! a comment or a string that mentions `include!` is not a use of it.

use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::blanks::{self, BlankError, Source};
use crate::manifest::{Course, Week};

/// Why a token is not allowed in a graded blank (`report` words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Danger {
    /// `include!`, `include_str!`, `include_bytes!`: reads a file at compile time.
    ReadsFiles,
    /// `env!`, `option_env!`: reads the grader's environment at compile time.
    ReadsEnvironment,
    /// `mod`: declares a module, which pulls in another file.
    DeclaresModule,
    /// `extern crate`, `extern` blocks: links other code.
    LinksCode,
    /// `Command`: starts other programs.
    StartsPrograms,
    /// `asm!` and its kin.
    Assembly,
    /// `#[path]`, `#[link]`, `#[no_mangle]`, …: changes how code is found or linked.
    Attribute,
    /// The file cannot be read as Rust tokens, so the blank cannot be screened.
    Unreadable,
}

/// Identifiers a blank may not hold anywhere, with why.
const BANNED_WORDS: &[(&str, Danger)] = &[
    ("include", Danger::ReadsFiles),
    ("include_str", Danger::ReadsFiles),
    ("include_bytes", Danger::ReadsFiles),
    ("env", Danger::ReadsEnvironment),
    ("option_env", Danger::ReadsEnvironment),
    ("mod", Danger::DeclaresModule),
    ("extern", Danger::LinksCode),
    ("Command", Danger::StartsPrograms),
    ("asm", Danger::Assembly),
    ("global_asm", Danger::Assembly),
    ("naked_asm", Danger::Assembly),
];

/// Attribute names a blank may not use.
const BANNED_ATTRIBUTES: &[&str] = &[
    "path",
    "link",
    "link_name",
    "link_section",
    "no_mangle",
    "export_name",
    "used",
    "naked",
    "linkage",
];

/// Something a submission's file got wrong, or that grading ignored.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The file is not in the submission.
    Missing {
        /// The week's file name.
        file: String,
        /// Its graded functions (scored as errors).
        functions: Vec<String>,
    },
    /// Its markers are missing, mangled or do not match the course's.
    Markers {
        /// The marker problem, naming the submission's file and line.
        error: BlankError,
        /// The file's graded functions (scored as errors).
        functions: Vec<String>,
    },
    /// A blank was rejected for a dangerous token.
    Rejected {
        /// The blank (`function#n`).
        blank: String,
        /// Its function.
        function: String,
        /// The submission's file name.
        file: String,
        /// 1-based line in the submission's file.
        line: usize,
        /// The token (`include_str!`, `#[path]`).
        token: String,
        /// Why it is not allowed.
        why: Danger,
    },
    /// Code outside the blanks differs from the course's: ignored.
    ChangedOutside {
        /// The submission's file name.
        file: String,
        /// First and last line of the changed stretch.
        lines: (usize, usize),
    },
}

impl Problem {
    /// The functions this problem scores 0 (none for an ignored change).
    pub fn functions(&self) -> Vec<String> {
        match self {
            Problem::Missing { functions, .. } | Problem::Markers { functions, .. } => functions.clone(),
            Problem::Rejected { function, .. } => vec![function.clone()],
            Problem::ChangedOutside { .. } => Vec::new(),
        }
    }
}

/// Why a submission could not be read at all.
#[derive(Debug)]
pub enum SubmissionError {
    /// The path is neither a directory nor, for a one-file week, a `.rs` file.
    NotASubmission(PathBuf, String),
    /// The course's own files are broken.
    Course(BlankError),
}

impl fmt::Display for SubmissionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubmissionError::NotASubmission(p, why) => write!(f, "{}: {why}", p.display()),
            SubmissionError::Course(e) => write!(f, "the course's own file is broken: {e}"),
        }
    }
}

impl std::error::Error for SubmissionError {}

/// A submission put together for the build.
#[derive(Clone, Debug)]
pub struct Grafted {
    /// Per week file, in manifest order: the text to build.
    pub texts: Vec<String>,
    /// The same texts, parsed (their blanks are the learner's, after screening).
    pub sources: Vec<Source>,
    /// The solution files, parsed, in manifest order.
    pub solutions: Vec<Source>,
    /// What was wrong or ignored, in file order.
    pub problems: Vec<Problem>,
}

/// The path of week file `file` in `submission` (a directory, or the one
/// `.rs` file of a one-file week).
fn submitted_file(week: &Week, submission: &Path, file: &str) -> Result<PathBuf, SubmissionError> {
    if submission.is_dir() {
        return Ok(submission.join(file));
    }
    let is_rs = submission.extension().is_some_and(|e| e == "rs");
    if is_rs && week.files.len() == 1 {
        return Ok(submission.to_path_buf());
    }
    Err(SubmissionError::NotASubmission(
        submission.to_path_buf(),
        if is_rs {
            format!(
                "{} has {} files ({}): give a directory holding them",
                week.id,
                week.files.len(),
                week.files.join(", ")
            )
        } else {
            "not a directory (nor a .rs file)".to_string()
        },
    ))
}

/// Reads `submission` and grafts its blanks into the course's stubs.
pub fn graft(course: &Course, week: &Week, submission: &Path) -> Result<Grafted, SubmissionError> {
    let mut grafted = Grafted {
        texts: Vec::new(),
        sources: Vec::new(),
        solutions: Vec::new(),
        problems: Vec::new(),
    };
    for file in &week.files {
        let solution = Source::read(&course.solution_file(week, file)).map_err(SubmissionError::Course)?;
        let stub_text = blanks::stub_text(&solution);
        let stub =
            Source::parse(&course.exercise_file(week, file), &stub_text).map_err(SubmissionError::Course)?;
        let mut functions: Vec<String> = solution.blanks.iter().map(|b| b.function.clone()).collect();
        functions.dedup();
        let path = submitted_file(week, submission, file)?;
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => Some(t),
            Err(_) => {
                grafted.problems.push(Problem::Missing {
                    file: file.clone(),
                    functions: functions.clone(),
                });
                None
            }
        };
        let learner = text.map(|t| {
            Source::parse(Path::new(file), &t).and_then(|s| blanks::check_same_blanks(&s, &stub).map(|_| s))
        });
        let text = match learner {
            None => stub_text.clone(),
            Some(Err(error)) => {
                grafted.problems.push(Problem::Markers {
                    error,
                    functions: functions.clone(),
                });
                stub_text.clone()
            }
            Some(Ok(learner)) => {
                for lines in blanks::changed_outside_blanks(&stub, &learner) {
                    grafted.problems.push(Problem::ChangedOutside {
                        file: file.clone(),
                        lines,
                    });
                }
                let mut learner = learner;
                let rejected = screen(file, &stub, &learner);
                for p in &rejected {
                    if let Problem::Rejected { blank, .. } = p
                        && let Some(k) = learner.blanks.iter().position(|b| &b.id == blank)
                    {
                        // The course's stub stands in, so the rest of the file builds.
                        learner.blanks[k].code = stub.blanks[k].code.clone();
                    }
                }
                grafted.problems.extend(rejected);
                blanks::graft(&stub, &learner).map_err(SubmissionError::Course)?
            }
        };
        let source =
            Source::parse(&course.exercise_file(week, file), &text).map_err(SubmissionError::Course)?;
        grafted.texts.push(text);
        grafted.sources.push(source);
        grafted.solutions.push(solution);
    }
    Ok(grafted)
}

/// One token of a blank, flattened, with its 1-based line in the grafted text.
#[derive(Debug)]
enum Tok {
    Ident(String),
    Punct(char),
    Attribute(Vec<String>),
    Other,
}

/// Flattens `stream`; an attribute (`#[…]`, `#![…]`) becomes one token holding its identifiers.
fn flatten(stream: TokenStream, out: &mut Vec<(Tok, usize)>) {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        let line = trees[i].span().start().line;
        match &trees[i] {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                let bang = matches!(trees.get(i + 1), Some(TokenTree::Punct(q)) if q.as_char() == '!');
                let at = if bang { i + 2 } else { i + 1 };
                if let Some(TokenTree::Group(g)) = trees.get(at)
                    && g.delimiter() == Delimiter::Bracket
                {
                    let mut idents = Vec::new();
                    idents_of(g.stream(), &mut idents);
                    out.push((Tok::Attribute(idents), line));
                    // The attribute's own tokens are screened too (`#[doc = include_str!(…)]`).
                    flatten(g.stream(), out);
                    i = at + 1;
                    continue;
                }
                out.push((Tok::Punct('#'), line));
            }
            TokenTree::Punct(p) => out.push((Tok::Punct(p.as_char()), line)),
            TokenTree::Ident(id) => {
                let text = id.to_string();
                let text = text.strip_prefix("r#").map(str::to_string).unwrap_or(text);
                out.push((Tok::Ident(text), line));
            }
            TokenTree::Group(g) => {
                out.push((Tok::Other, line));
                flatten(g.stream(), out);
            }
            TokenTree::Literal(_) => out.push((Tok::Other, line)),
        }
        i += 1;
    }
}

fn idents_of(stream: TokenStream, out: &mut Vec<String>) {
    for t in stream {
        match t {
            TokenTree::Ident(id) => out.push(id.to_string().trim_start_matches("r#").to_string()),
            TokenTree::Group(g) => idents_of(g.stream(), out),
            _ => {}
        }
    }
}

/// The dangerous tokens of `learner`'s blanks, one problem per blank (its first).
///
/// The learner's blanks are grafted into the stub and the whole file is
/// lexed (a blank alone need not be balanced: `for … {` may close in the
/// next one); a token counts when its line is inside a blank.
fn screen(file: &str, stub: &Source, learner: &Source) -> Vec<Problem> {
    let Ok(text) = blanks::graft(stub, learner) else {
        return Vec::new();
    };
    let Ok(grafted) = Source::parse(Path::new(file), &text) else {
        return Vec::new();
    };
    let mut tokens = Vec::new();
    match text.parse::<TokenStream>() {
        Ok(stream) => flatten(stream, &mut tokens),
        Err(e) => {
            // Not Rust tokens at all: rustc would refuse it too, but a blank we
            // cannot screen is never built. Blame the blank holding the error.
            let line = e.span().start().line;
            return blank_at(&grafted, learner, line)
                .map(|(k, line)| Problem::Rejected {
                    blank: learner.blanks[k].id.clone(),
                    function: learner.blanks[k].function.clone(),
                    file: file.to_string(),
                    line,
                    token: String::from("?"),
                    why: Danger::Unreadable,
                })
                .into_iter()
                .collect();
        }
    }
    let mut problems: Vec<Problem> = Vec::new();
    for (i, (tok, line)) in tokens.iter().enumerate() {
        let found = match tok {
            Tok::Ident(word) => BANNED_WORDS.iter().find(|(w, _)| w == word).map(|(w, why)| {
                let bang = matches!(tokens.get(i + 1), Some((Tok::Punct('!'), _)));
                (format!("{w}{}", if bang { "!" } else { "" }), *why)
            }),
            Tok::Attribute(idents) => idents
                .iter()
                .find(|w| BANNED_ATTRIBUTES.contains(&w.as_str()))
                .map(|w| (format!("#[{w}]"), Danger::Attribute)),
            _ => None,
        };
        let Some((token, why)) = found else { continue };
        let Some((k, line)) = blank_at(&grafted, learner, *line) else {
            continue;
        };
        let blank = &learner.blanks[k];
        if problems
            .iter()
            .any(|p| matches!(p, Problem::Rejected { blank: b, .. } if *b == blank.id))
        {
            continue;
        }
        problems.push(Problem::Rejected {
            blank: blank.id.clone(),
            function: blank.function.clone(),
            file: file.to_string(),
            line,
            token,
            why,
        });
    }
    problems
}

/// The blank of `grafted` holding line `line`, and that line in `learner`'s file.
fn blank_at(grafted: &Source, learner: &Source, line: usize) -> Option<(usize, usize)> {
    let k = grafted
        .blanks
        .iter()
        .position(|b| b.start_line < line && line < b.end_line)?;
    let offset = line - grafted.blanks[k].start_line;
    // A learner's blank may keep `// STUB:` lines (a copy of the solution): they come first.
    let own = learner.blanks.get(k)?;
    Some((k, own.start_line + own.stub.len() + offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUB: &str = "\
pub fn f(x: f64) -> f64 {
    // START CODE HERE
    todo!()
    // END CODE HERE
}

pub fn g() -> f64 {
    // START CODE HERE
    todo!()
    // END CODE HERE
}
";

    fn rejected(f_body: &str) -> Vec<(String, usize, String)> {
        let stub = Source::parse(Path::new("w.rs"), STUB).unwrap();
        let text = STUB.replacen("    todo!()\n", &format!("{f_body}\n"), 1);
        let learner = Source::parse(Path::new("w.rs"), &text).unwrap();
        screen("w.rs", &stub, &learner)
            .into_iter()
            .map(|p| match p {
                Problem::Rejected {
                    blank, line, token, ..
                } => (blank, line, token),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn dangerous_tokens_are_rejected_with_their_line() {
        let cases = [
            ("    include_str!(\"/etc/passwd\").len() as f64", "include_str!"),
            ("    let _ = std::include_bytes!(\"x\"); 1.0", "include_bytes!"),
            (
                "    #[path = \"../../solutions/week3/deep_nn.rs\"] mod r; r::f(x)",
                "#[path]",
            ),
            ("    env!(\"HOME\").len() as f64", "env!"),
            ("    std::process::Command::new(\"sh\"); 1.0", "Command"),
            ("    extern crate std as s; 1.0", "extern"),
            (
                "    #[unsafe(no_mangle)] extern \"C\" fn main() {} 1.0",
                "#[no_mangle]",
            ),
            ("    unsafe { std::arch::asm!(\"nop\") }; 1.0", "asm!"),
            ("    let r#include = 1; 1.0", "include"),
        ];
        for (body, token) in cases {
            let got = rejected(&format!("    let _y = 0;\n{body}"));
            assert_eq!(got, vec![("f#1".to_string(), 4, token.to_string())], "{body}");
        }
    }

    #[test]
    fn mentions_in_comments_and_strings_are_not_uses() {
        assert!(rejected("    // include_str!(\"x\") and #[path] and Command\n    let s = \"env!(X) mod y;\"; s.len() as f64").is_empty());
        assert!(rejected("    let path = 2.0; x * path").is_empty());
    }

    #[test]
    fn a_blank_may_open_a_brace_the_next_closes_and_code_outside_is_flagged() {
        let stub = Source::parse(Path::new("w.rs"), STUB).unwrap();
        let text = STUB.replace("pub fn g() -> f64 {", "pub fn g() -> f64 {\n    let extra = 1;");
        let learner = Source::parse(Path::new("w.rs"), &text).unwrap();
        assert_eq!(blanks::changed_outside_blanks(&stub, &learner), vec![(5, 8)]);
        let grafted = blanks::graft(&stub, &learner).unwrap();
        assert!(!grafted.contains("extra"));
    }
}
