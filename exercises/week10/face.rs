//! Week 10 (course 4, week 4), part 1: face recognition.
//!
//! A face recognition network (FaceNet in the original) turns a face image
//! into an embedding: a vector whose distances say who looks like whom. You
//! write the triplet loss that trains such a network, then use a small
//! database of embeddings to open a door: `verify` checks a claimed identity
//! (face verification, 1:1), `who_is_it` finds the closest identity (face
//! recognition, 1:K). Both measure distances with your `embedding_distance`.
//!
//! 顔認識:トリプレット損失と、埋め込みのデータベースを使った本人確認(verify)と
//! 顔認識(who_is_it)を実装します。距離はどちらもあなたの `embedding_distance` で測ります。
//!
//! Shapes follow the original: in `triplet_loss`, each **row** of anchor,
//! positive and negative is one example's embedding, (m, d). An embedding on
//! its own is a 1-D array of d numbers. The course has no pretrained network:
//! its database holds seeded embeddings of its own, normalised to length 1 as
//! FaceNet's are; a camera's embeddings are noisy versions of them, not
//! normalised again.
#![allow(unused, unreachable_code)]

use ndarray::{Array1, Array2, ArrayView1, Axis};

/// The database: (name, embedding) pairs, in the order they were enrolled.
/// `who_is_it` scans it in this order, and on equal distances keeps the
/// first identity.
pub type Database = [(String, Array1<f64>)];

/// The triplet loss of a batch of m triplets (anchor, positive, negative),
/// each of shape (m, d), one example per row:
///
///     J = Σ_i max(‖a_i − p_i‖² − ‖a_i − n_i‖² + alpha, 0)
///
/// The maximum is taken for every example on its own, then summed.
/// バッチ m 組のトリプレット損失です。各行が 1 つの例で、max は例ごとにとってから和をとります。
pub fn triplet_loss(anchor: &Array2<f64>, positive: &Array2<f64>, negative: &Array2<f64>, alpha: f64) -> f64 {
    // The squared distances of every example, anchor to positive and anchor to negative.
    // START CODE HERE (≈ 2 lines)
    let (pos_dist, neg_dist): (Array1<f64>, Array1<f64>) = todo!();
    // END CODE HERE

    // Every example's loss, clipped at zero, then their sum.
    // START CODE HERE (≈ 2 lines)
    let loss: f64 = todo!();
    // END CODE HERE
    loss
}

/// The distance between two embeddings: the L2 norm of their difference,
/// ‖a − b‖ (the square root of the sum of the squared differences).
/// 2 つの埋め込みの距離、差の L2 ノルム ‖a − b‖ です。
pub fn embedding_distance(a: ArrayView1<f64>, b: ArrayView1<f64>) -> f64 {
    // START CODE HERE (≈ 1 line)
    let dist: f64 = todo!();
    // END CODE HERE
    dist
}

/// Face verification: is the person in front of the camera (whose embedding
/// is `image_embedding`) the `identity` they claim? The distance to that
/// identity's embedding in the database opens the door when it is strictly
/// below `threshold` (0.7 in the original). Returns (distance, door_open),
/// or None when `identity` is not in the database.
/// 本人確認です。主張された identity の埋め込みとの距離が threshold 未満ならドアを開けます。
pub fn verify(
    image_embedding: &Array1<f64>,
    identity: &str,
    database: &Database,
    threshold: f64,
) -> Option<(f64, bool)> {
    let (_, known) = database.iter().find(|(name, _)| name == identity)?;
    // START CODE HERE (≈ 2 lines)
    let (dist, door_open): (f64, bool) = todo!();
    // END CODE HERE
    Some((dist, door_open))
}

/// Face recognition: whose embedding in the database is closest to
/// `image_embedding`? Scans the database in order with your
/// `embedding_distance`; on equal distances the first identity stays.
/// Returns (the smallest distance, Some(name)) when that distance is strictly
/// below `threshold`, else (the smallest distance, None): not in the database.
/// 顔認識です。データベースを順に見て最も近い人を探し、その距離が threshold 未満なら名前を返します。
pub fn who_is_it(
    image_embedding: &Array1<f64>,
    database: &Database,
    threshold: f64,
) -> (f64, Option<String>) {
    let mut min_dist = f64::INFINITY;
    let mut identity: Option<&str> = None;
    for (name, embedding) in database {
        // The distance to this identity; keep it if it is the smallest so far.
        // START CODE HERE (≈ 5 lines)
        todo!();
        // END CODE HERE
    }

    // The closest identity, if it is close enough.
    // START CODE HERE (≈ 1 line)
    let found: Option<&str> = todo!();
    // END CODE HERE
    (min_dist, found.map(str::to_string))
}
