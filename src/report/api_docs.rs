//! Links to ndarray's documentation for the calls an instruction or hint
//! names (`x.mapv(...)`, `sum_axis(Axis(1))`): the API a learner looks for
//! is one click away, at the version the course builds with.

/// ndarray's documentation, at the version of the workspace's `ndarray`.
const DOCS: &str = "https://docs.rs/ndarray/0.17/ndarray";

/// What a text must contain to name a call, the call's name, and its page
/// under [`DOCS`]. Patterns carry their punctuation (`.dot(`) so that plain
/// words ("the dot product") do not match.
const CALLS: &[(&str, &str, &str)] = &[
    (".mapv(", "mapv", "struct.ArrayBase.html#method.mapv"),
    (
        ".mapv_inplace(",
        "mapv_inplace",
        "struct.ArrayBase.html#method.mapv_inplace",
    ),
    (".dot(", "dot", "struct.ArrayBase.html#method.dot"),
    (".t()", "t", "struct.ArrayBase.html#method.t"),
    (".sum_axis(", "sum_axis", "struct.ArrayBase.html#method.sum_axis"),
    (
        ".mean_axis(",
        "mean_axis",
        "struct.ArrayBase.html#method.mean_axis",
    ),
    (
        ".insert_axis(",
        "insert_axis",
        "struct.ArrayBase.html#method.insert_axis",
    ),
    (
        ".into_shape_with_order(",
        "into_shape_with_order",
        "struct.ArrayBase.html#method.into_shape_with_order",
    ),
    (".sum()", "sum", "struct.ArrayBase.html#method.sum"),
    (".mean()", "mean", "struct.ArrayBase.html#method.mean"),
    (".shape()", "shape", "struct.ArrayBase.html#method.shape"),
    (".ncols()", "ncols", "struct.ArrayBase.html#method.ncols"),
    (".nrows()", "nrows", "struct.ArrayBase.html#method.nrows"),
    (".column(", "column", "struct.ArrayBase.html#method.column"),
    (".row(", "row", "struct.ArrayBase.html#method.row"),
    (".slice(", "slice", "struct.ArrayBase.html#method.slice"),
    (".select(", "select", "struct.ArrayBase.html#method.select"),
    (
        ".fold_axis(",
        "fold_axis",
        "struct.ArrayBase.html#method.fold_axis",
    ),
    (".to_owned()", "to_owned", "struct.ArrayBase.html#method.to_owned"),
    ("::zeros(", "zeros", "struct.ArrayBase.html#method.zeros"),
    ("::ones(", "ones", "struct.ArrayBase.html#method.ones"),
    (
        "::from_elem(",
        "from_elem",
        "struct.ArrayBase.html#method.from_elem",
    ),
    (
        "::from_shape_vec(",
        "from_shape_vec",
        "struct.ArrayBase.html#method.from_shape_vec",
    ),
    ("Axis(", "Axis", "struct.Axis.html"),
    ("s![", "s!", "macro.s.html"),
    ("concatenate", "concatenate", "fn.concatenate.html"),
    ("Zip::", "Zip", "struct.Zip.html"),
];

/// `(name, url)` of every ndarray call `text` names, in the table's order, each once.
pub fn ndarray_links(text: &str) -> Vec<(&'static str, String)> {
    CALLS
        .iter()
        .filter(|(pattern, _, _)| text.contains(pattern))
        .map(|(_, name, page)| (*name, format!("{DOCS}/{page}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_found_with_their_punctuation_not_as_plain_words() {
        let text = "Use `x.mapv(|v| ...)`, then `a.sum_axis(Axis(1))`; the dot product is `w.dot(&x)`.";
        let names: Vec<&str> = ndarray_links(text).iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["mapv", "dot", "sum_axis", "Axis"]);
        assert!(ndarray_links("the dot product, summed over rows").is_empty());
        assert_eq!(
            ndarray_links("x.t()")[0].1,
            "https://docs.rs/ndarray/0.17/ndarray/struct.ArrayBase.html#method.t"
        );
    }
}
