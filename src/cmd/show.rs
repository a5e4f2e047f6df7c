//! `dl-course show <week> [function]`: a week's functions, or one function's instructions.

use std::process::ExitCode;

use anyhow::{Context, Result};
use colored::Colorize;

use super::shared;
use crate::manifest::{Course, Lang};
use crate::report::{self, Msg};

/// Prints the week's functions, or the instructions of `function`.
pub fn run(course: &Course, lang: Lang, week: &str, function: Option<&str>) -> Result<ExitCode> {
    let week = course.week(week)?;
    match function {
        None => {
            println!(
                "{}",
                format!("{} ({}): {}", week.id, week.alias, week.title.get(lang)).bold()
            );
            println!("{}", week.original.dimmed());
            for f in &week.functions {
                println!("  {:<32} {}", f.name, f.summary.get(lang));
            }
        }
        Some(name) => {
            let f = shared::find_function(week, name)?;
            let path = course.instructions_file(week, &f.name);
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the instructions {}", path.display()))?;
            let shown = instructions_in(&text, lang);
            println!("{shown}");
            print_ndarray_links(&shown, lang);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Links to ndarray's documentation for the calls `text` names (nothing when it names none).
pub fn print_ndarray_links(text: &str, lang: Lang) {
    let links = report::ndarray_links(text);
    if links.is_empty() {
        return;
    }
    println!();
    println!("{}", Msg::NdarrayDocs.text(lang).bold());
    for (name, url) in links {
        println!("  {:<24} {}", name, url.dimmed());
    }
}

/// The part of an instructions file in `lang`: the `## English` or `## 日本語`
/// section (with the title), or the whole text when it has no such sections.
fn instructions_in(text: &str, lang: Lang) -> String {
    let heading = lang.pick("## English", "## 日本語");
    let Some(start) = text.find(heading) else {
        return text.to_string();
    };
    let title = text[..text.find("## ").unwrap_or(0)].trim_end();
    let body = &text[start + heading.len()..];
    let end = body.find("\n## ").unwrap_or(body.len());
    format!("{title}\n{}", body[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_show_the_title_and_one_language() {
        let text = "# linear_forward\n\n## English\nCompute Z.\n\n## 日本語\nZ を計算します。\n";
        assert_eq!(instructions_in(text, Lang::En), "# linear_forward\n\nCompute Z.");
        assert_eq!(
            instructions_in(text, Lang::Ja),
            "# linear_forward\n\nZ を計算します。"
        );
        assert_eq!(instructions_in("plain", Lang::Ja), "plain");
    }
}
