//! The runtime inside a compiled week: reads a [`Request`], calls the graded
//! function through the week's adapter, writes a [`Response`].
//!
//! A week's harness file lists its graded functions as [`Graded`] adapters and
//! calls [`serve`] from `main`. Panics are caught and reported as a
//! [`Response::Panic`]; an abort or a stack overflow ends the process, and the
//! CLI reports that from the exit status.

use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

use crate::protocol::{CaseSpec, Request, Response};
use crate::value::{FromValue, IntoValue, Value, ValueError};

/// A graded function as the harness can call it.
pub struct Graded {
    /// The function's name, as in the course manifest.
    pub name: &'static str,
    /// Converts the arguments, calls the function, converts the outputs.
    pub call: fn(&mut Args) -> Result<Outputs, ValueError>,
}

/// The arguments of one call, by name.
pub struct Args(BTreeMap<String, Value>);

impl Args {
    /// Wraps named arguments.
    pub fn new(values: BTreeMap<String, Value>) -> Args {
        Args(values)
    }

    /// The argument `name`, converted to the type the function takes.
    pub fn get<T: FromValue>(&self, name: &str) -> Result<T, ValueError> {
        let v = self
            .0
            .get(name)
            .ok_or_else(|| ValueError(format!("argument `{name}` is missing")))?;
        T::from_value(v).map_err(|e| ValueError(format!("argument `{name}`: {e}")))
    }

    /// Stores an argument's value after the call (for `&mut` arguments), so
    /// the CLI can check whether it was modified.
    pub fn set(&mut self, name: &str, value: impl IntoValue) {
        self.0.insert(name.to_string(), value.into_value());
    }

    fn take(self) -> BTreeMap<String, Value> {
        self.0
    }
}

/// The named outputs of one call.
#[derive(Default)]
pub struct Outputs(BTreeMap<String, Value>);

impl Outputs {
    /// No outputs yet.
    pub fn new() -> Outputs {
        Outputs::default()
    }

    /// Adds an output.
    pub fn with(mut self, name: &str, value: impl IntoValue) -> Outputs {
        self.0.insert(name.to_string(), value.into_value());
        self
    }
}

static PANIC: Mutex<Option<(String, Option<String>)>> = Mutex::new(None);

fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "panic with a non-text payload".to_string()
        };
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        if let Ok(mut slot) = PANIC.lock() {
            *slot = Some((message, location));
        }
    }));
}

/// Calls one function as `request` asks.
pub fn handle(functions: &[Graded], request: Request) -> Response {
    let Some(graded) = functions.iter().find(|g| g.name == request.function) else {
        return Response::BadRequest {
            message: format!("this week has no graded function `{}`", request.function),
        };
    };
    crate::variant::select(request.variant);
    let mut args = Args::new(request.args);
    match panic::catch_unwind(AssertUnwindSafe(|| (graded.call)(&mut args))) {
        Ok(Ok(outputs)) => {
            let mut all = args.take();
            let echo = request
                .echo
                .iter()
                .filter_map(|name| all.remove(name).map(|v| (name.clone(), v)))
                .collect();
            Response::Ok {
                outputs: outputs.0,
                echo,
            }
        }
        Ok(Err(e)) => Response::BadRequest { message: e.0 },
        Err(_) => {
            let (message, location) = PANIC
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .unwrap_or_else(|| ("panicked".to_string(), None));
            Response::Panic { message, location }
        }
    }
}

fn write_json(path: &str, value: &impl serde::Serialize) {
    let text = match serde_json::to_string(value) {
        Ok(t) => t,
        Err(e) => fail(&format!("cannot encode the result: {e}")),
    };
    if let Err(e) = std::fs::write(path, text) {
        fail(&format!("cannot write {path}: {e}"));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("dl-course harness: {message}");
    std::process::exit(3)
}

/// The week binary's `main`: `run <result-file>`, `cases <file> [--seed N [--redraw-notebook]]`
/// or `functions <file>`.
pub fn serve(functions: &[Graded], cases: fn() -> Vec<CaseSpec>) {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("This program is a compiled week of dl-course. Run `dl-course check <week>` instead.");
        std::process::exit(2);
    };
    match mode.as_str() {
        "run" => {
            let mut input = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut input) {
                fail(&format!("cannot read the request: {e}"));
            }
            let request: Request = match serde_json::from_str(&input) {
                Ok(r) => r,
                Err(e) => fail(&format!("malformed request: {e}")),
            };
            install_panic_hook();
            let response = handle(functions, request);
            write_json(path, &response);
        }
        "cases" => {
            // `cases <file> --seed N [--redraw-notebook]`: a hidden set's inputs.
            if let Some(at) = args.iter().position(|a| a == "--seed") {
                let Some(seed) = args.get(at + 1).and_then(|s| s.parse::<u32>().ok()) else {
                    fail("--seed needs a whole number from 0 to 4294967295");
                };
                crate::draws::hide(crate::draws::Hidden {
                    seed,
                    notebook: args.iter().any(|a| a == "--redraw-notebook"),
                });
            }
            write_json(path, &cases())
        }
        "functions" => {
            let names: Vec<&str> = functions.iter().map(|g| g.name).collect();
            write_json(path, &names);
        }
        other => fail(&format!("unknown mode `{other}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn double(args: &mut Args) -> Result<Outputs, ValueError> {
        let x: f64 = args.get("x")?;
        if x < 0.0 {
            panic!("negative input");
        }
        Ok(Outputs::new().with("y", 2.0 * x))
    }

    const FUNCTIONS: &[Graded] = &[Graded {
        name: "double",
        call: double,
    }];

    fn request(x: f64) -> Request {
        Request {
            function: "double".into(),
            args: [("x".to_string(), x.into_value())].into(),
            echo: vec!["x".into()],
            variant: Default::default(),
        }
    }

    #[test]
    fn a_call_returns_outputs_and_echoes_arguments() {
        match handle(FUNCTIONS, request(1.5)) {
            Response::Ok { outputs, echo } => {
                assert_eq!(outputs["y"], 3.0.into_value());
                assert_eq!(echo["x"], 1.5.into_value());
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_panic_becomes_a_response() {
        install_panic_hook();
        match handle(FUNCTIONS, request(-1.0)) {
            Response::Panic { message, location } => {
                assert_eq!(message, "negative input");
                assert!(location.unwrap().contains("harness.rs"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_function_and_missing_argument_are_bad_requests() {
        let mut r = request(1.0);
        r.function = "triple".into();
        assert!(matches!(handle(FUNCTIONS, r), Response::BadRequest { .. }));
        let mut r = request(1.0);
        r.args.clear();
        match handle(FUNCTIONS, r) {
            Response::BadRequest { message } => assert_eq!(message, "argument `x` is missing"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
