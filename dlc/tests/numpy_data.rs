//! Compares `dlc::data` with the data sets NumPy and scikit-learn produce
//! (`tools/numpy/data_reference.py` → `data/numpy_data.json`).
//!
//! Labels must match exactly and points to 1e-12. On Linux/glibc the points
//! match bit for bit (the same correctly rounded libm sin/cos/log as NumPy's
//! scalar loops), and that is asserted there too; other platforms' libm may
//! differ in the last bit of a sine, hence the tolerance elsewhere.

use dlc::data::{circles, moons, planar};
use ndarray::Array2;
use serde_json::Value;

const DATA: &str = include_str!("data/numpy_data.json");

fn float(v: &Value) -> f64 {
    let s = v.as_str().expect("float stored as a string");
    s.parse().unwrap_or_else(|e| panic!("bad float {s:?}: {e}"))
}

fn arg<'a>(args: &'a Value, key: &str) -> &'a Value {
    args.get(key).unwrap_or_else(|| panic!("missing {key} in {args}"))
}

#[test]
fn data_sets_match_numpy_and_sklearn() {
    let doc: Value = serde_json::from_str(DATA).expect("valid JSON");
    let sets = doc["sets"].as_array().expect("sets");
    assert!(sets.len() >= 4, "reference file looks truncated");
    for set in sets {
        let kind = set["kind"].as_str().expect("kind");
        let args = &set["args"];
        let seed = arg(args, "seed").as_u64().expect("seed") as u32;
        let (x, y): (Array2<f64>, Array2<f64>) = match kind {
            "planar" => planar(seed, arg(args, "m").as_u64().expect("m") as usize),
            "circles" | "moons" => {
                let n = arg(args, "n").as_u64().expect("n") as usize;
                let noise = arg(args, "noise").as_f64().expect("noise");
                if kind == "circles" {
                    circles(n, noise, seed)
                } else {
                    moons(n, noise, seed)
                }
            }
            other => panic!("unknown data set {other}"),
        };
        let ex = set["x"].as_array().expect("x");
        let ey = set["y"].as_array().expect("y");
        let m = ex[0].as_array().expect("x row").len();
        assert_eq!(x.dim(), (2, m), "{kind} {args}: X shape");
        assert_eq!(y.dim(), (1, m), "{kind} {args}: Y shape");

        let mut max_diff = 0.0f64;
        let mut bit_mismatches = 0;
        for (r, row) in ex.iter().enumerate() {
            for (c, v) in row.as_array().expect("x row").iter().enumerate() {
                let e = float(v);
                let g = x[[r, c]];
                max_diff = max_diff.max((g - e).abs());
                if g.to_bits() != e.to_bits() {
                    bit_mismatches += 1;
                }
            }
        }
        for (c, v) in ey[0].as_array().expect("y row").iter().enumerate() {
            let e = v.as_i64().expect("label") as f64;
            assert_eq!(y[[0, c]], e, "{kind} {args}: label {c}");
        }
        assert!(max_diff <= 1e-12, "{kind} {args}: max |diff| {max_diff:e}");
        if cfg!(all(target_os = "linux", target_env = "gnu")) {
            assert_eq!(
                bit_mismatches, 0,
                "{kind} {args}: {bit_mismatches} values differ in the last bits (max {max_diff:e})"
            );
        }
    }
}

#[test]
fn course_calls_first_values() {
    // Spot values of the course's own calls, readable without the JSON.
    let (x, y) = planar(1, 400);
    assert_eq!(x[[0, 0]], 1.204442292254319);
    assert_eq!((x.dim(), y.sum()), ((2, 400), 200.0));
    let (x, y) = circles(300, 0.05, 1);
    assert_eq!((x.dim(), y.dim()), ((2, 300), (1, 300)));
    let (x, y) = moons(300, 0.2, 3);
    assert_eq!((x.dim(), y.dim()), ((2, 300), (1, 300)));
}
