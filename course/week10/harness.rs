//! Week 10 (c4w4) harness: adapters from the protocol to the learner's
//! functions in `face.rs` and `style.rs`. The face database travels as a
//! list of (name, embedding) pairs, in enrolment order (the order
//! `who_is_it` scans); style layers as a list of (a_S, a_G, coeff) triples.
//! Shapes and names are checked here first: a wrong one would make the
//! learner's code panic for a reason that is not theirs.
//! `style_transfer_cost` runs the learner's content cost, style cost and
//! total cost together, never a course helper. The cases live in `cases.rs`.

use dlc::ValueError;
use dlc::harness::{Args, Graded, Outputs};
use ndarray::{Array1, Array2, Array4};

use crate::face::{embedding_distance, triplet_loss, verify, who_is_it};
use crate::style::{
    StyleLayer, compute_content_cost, compute_layer_style_cost, compute_style_cost, gram_matrix, total_cost,
};

/// What `who_is_it` reports for a face that is not in the database (the
/// original prints "Not in the database.").
pub const NOT_IN_DATABASE: &str = "not in the database";

/// The graded functions, in the order of the two assignments, then the
/// harness-only style transfer cost through the learner's three costs.
pub const FUNCTIONS: &[Graded] = &[
    Graded {
        name: "triplet_loss",
        call: call_triplet_loss,
    },
    Graded {
        name: "embedding_distance",
        call: call_embedding_distance,
    },
    Graded {
        name: "verify",
        call: call_verify,
    },
    Graded {
        name: "who_is_it",
        call: call_who_is_it,
    },
    Graded {
        name: "compute_content_cost",
        call: call_compute_content_cost,
    },
    Graded {
        name: "gram_matrix",
        call: call_gram_matrix,
    },
    Graded {
        name: "compute_layer_style_cost",
        call: call_compute_layer_style_cost,
    },
    Graded {
        name: "compute_style_cost",
        call: call_compute_style_cost,
    },
    Graded {
        name: "total_cost",
        call: call_total_cost,
    },
    Graded {
        name: "style_transfer_cost",
        call: call_style_transfer_cost,
    },
];

// ---------------------------------------------------------------------------
// Arguments, checked before the learner's code sees them
// ---------------------------------------------------------------------------

/// The database: a non-empty list of (name, embedding) pairs whose
/// embeddings all have the camera embedding's length `d`.
fn database_arg(args: &Args, d: usize) -> Result<Vec<(String, Array1<f64>)>, ValueError> {
    let database: Vec<(String, Array1<f64>)> = args.get("database")?;
    if database.is_empty() {
        return Err(ValueError("argument `database`: no identity in it".into()));
    }
    if let Some((name, e)) = database.iter().find(|(_, e)| e.len() != d) {
        return Err(ValueError(format!(
            "argument `database`: `{name}`'s embedding has {} numbers, the image's {d}",
            e.len()
        )));
    }
    Ok(database)
}

/// One layer's activations: (1, n_H, n_W, n_C), none of them empty.
fn layer_arg(what: &str, a: &Array4<f64>) -> Result<(), ValueError> {
    let (m, n_h, n_w, n_c) = a.dim();
    if m != 1 || n_h * n_w * n_c == 0 {
        return Err(ValueError(format!(
            "argument `{what}`: expected shape (1, n_H, n_W, n_C), found {:?}",
            a.shape()
        )));
    }
    Ok(())
}

/// Two layers' activations of one shape.
fn layer_pair(what: &str, a: &Array4<f64>, b: &Array4<f64>) -> Result<(), ValueError> {
    layer_arg(what, a)?;
    layer_arg(what, b)?;
    if a.dim() != b.dim() {
        return Err(ValueError(format!(
            "argument `{what}`: shapes {:?} and {:?} differ",
            a.shape(),
            b.shape()
        )));
    }
    Ok(())
}

/// The style layers, each pair of one shape.
fn style_layers_arg(args: &Args) -> Result<Vec<StyleLayer>, ValueError> {
    let layers: Vec<StyleLayer> = args.get("style_layers")?;
    for (a_s, a_g, _) in &layers {
        layer_pair("style_layers", a_s, a_g)?;
    }
    Ok(layers)
}

// ---------------------------------------------------------------------------
// Adapters
// ---------------------------------------------------------------------------

fn call_triplet_loss(args: &mut Args) -> Result<Outputs, ValueError> {
    let anchor: Array2<f64> = args.get("anchor")?;
    let positive: Array2<f64> = args.get("positive")?;
    let negative: Array2<f64> = args.get("negative")?;
    if positive.dim() != anchor.dim() || negative.dim() != anchor.dim() {
        return Err(ValueError(
            "arguments `anchor`, `positive`, `negative`: expected one shape (m, d)".into(),
        ));
    }
    let loss = triplet_loss(&anchor, &positive, &negative, args.get("alpha")?);
    Ok(Outputs::new().with("loss", loss))
}

fn call_embedding_distance(args: &mut Args) -> Result<Outputs, ValueError> {
    let a: Array1<f64> = args.get("a")?;
    let b: Array1<f64> = args.get("b")?;
    if a.len() != b.len() {
        return Err(ValueError(
            "arguments `a` and `b`: embeddings of different lengths".into(),
        ));
    }
    Ok(Outputs::new().with("dist", embedding_distance(a.view(), b.view())))
}

fn call_verify(args: &mut Args) -> Result<Outputs, ValueError> {
    let image: Array1<f64> = args.get("image_embedding")?;
    let database = database_arg(args, image.len())?;
    let identity: String = args.get("identity")?;
    if !database.iter().any(|(name, _)| *name == identity) {
        return Err(ValueError(format!(
            "argument `identity`: `{identity}` is not in the database"
        )));
    }
    match verify(&image, &identity, &database, args.get("threshold")?) {
        Some((dist, door_open)) => Ok(Outputs::new().with("dist", dist).with("door_open", door_open)),
        // The identity was checked above: only a changed lookup gets here.
        None => Err(ValueError(format!(
            "verify found no `{identity}` in the database"
        ))),
    }
}

fn call_who_is_it(args: &mut Args) -> Result<Outputs, ValueError> {
    let image: Array1<f64> = args.get("image_embedding")?;
    let database = database_arg(args, image.len())?;
    let (min_dist, identity) = who_is_it(&image, &database, args.get("threshold")?);
    let identity = identity.unwrap_or_else(|| NOT_IN_DATABASE.to_string());
    Ok(Outputs::new()
        .with("min_dist", min_dist)
        .with("identity", identity))
}

fn call_compute_content_cost(args: &mut Args) -> Result<Outputs, ValueError> {
    let a_c: Array4<f64> = args.get("a_C")?;
    let a_g: Array4<f64> = args.get("a_G")?;
    layer_pair("a_C, a_G", &a_c, &a_g)?;
    Ok(Outputs::new().with("J_content", compute_content_cost(&a_c, &a_g)))
}

fn call_gram_matrix(args: &mut Args) -> Result<Outputs, ValueError> {
    let a: Array2<f64> = args.get("A")?;
    Ok(Outputs::new().with("GA", gram_matrix(&a)))
}

fn call_compute_layer_style_cost(args: &mut Args) -> Result<Outputs, ValueError> {
    let a_s: Array4<f64> = args.get("a_S")?;
    let a_g: Array4<f64> = args.get("a_G")?;
    layer_pair("a_S, a_G", &a_s, &a_g)?;
    Ok(Outputs::new().with("J_style_layer", compute_layer_style_cost(&a_s, &a_g)))
}

fn call_compute_style_cost(args: &mut Args) -> Result<Outputs, ValueError> {
    let layers = style_layers_arg(args)?;
    Ok(Outputs::new().with("J_style", compute_style_cost(&layers)))
}

fn call_total_cost(args: &mut Args) -> Result<Outputs, ValueError> {
    let j = total_cost(
        args.get("J_content")?,
        args.get("J_style")?,
        args.get("alpha")?,
        args.get("beta")?,
    );
    Ok(Outputs::new().with("J", j))
}

/// Harness-only integration check: one step of the original's training
/// loop, without the network: the learner's content cost on the content
/// layer, the learner's style cost over the style layers, and the learner's
/// total cost of the two. All three are compared.
fn call_style_transfer_cost(args: &mut Args) -> Result<Outputs, ValueError> {
    let a_c: Array4<f64> = args.get("a_C")?;
    let a_g: Array4<f64> = args.get("a_G")?;
    layer_pair("a_C, a_G", &a_c, &a_g)?;
    let layers = style_layers_arg(args)?;
    let j_content = compute_content_cost(&a_c, &a_g);
    let j_style = compute_style_cost(&layers);
    let j = total_cost(j_content, j_style, args.get("alpha")?, args.get("beta")?);
    Ok(Outputs::new()
        .with("J_content", j_content)
        .with("J_style", j_style)
        .with("J", j))
}
