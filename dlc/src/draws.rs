//! Where a case's random inputs come from: the public set's seeds, or a hidden set's.
//!
//! A week's `cases.rs` draws the inputs of its own cases from [`own`] and those
//! of the original notebook's test cases from [`notebook`]. Making the public
//! fixtures, both are `np.random.seed(seed)` as written. Making a hidden set
//! (`dl-course fixtures <week> --seed N --out DIR`), the CLI asks the
//! reference's binary for its cases with a hidden seed; then [`own`] mixes `N`
//! into every seed, so the same cases hold other numbers and memorising the
//! public fixtures is worth nothing. The notebook's cases keep their
//! published inputs unless the instructor asks to redraw them too.
//!
//! Seeds that must equal the code under test's own (a reference that seeds
//! its initialisation with 3, a dropout mask drawn with the case's seed) are
//! not inputs: they stay `NumpyRng::new`.

use std::sync::OnceLock;

use crate::NumpyRng;

/// A hidden set's seed, and whether the notebook's cases are redrawn too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hidden {
    /// Mixed into every seed of the week's own cases.
    pub seed: u32,
    /// Redraw the notebook's test cases as well.
    pub notebook: bool,
}

static HIDDEN: OnceLock<Hidden> = OnceLock::new();

/// Makes this process draw a hidden set (once; set before the cases are made).
pub fn hide(hidden: Hidden) {
    let _ = HIDDEN.set(hidden);
}

/// The generator for one of the week's own cases, seeded `seed` in the public set.
pub fn own(seed: u32) -> NumpyRng {
    NumpyRng::new(mixed(seed, HIDDEN.get().copied()))
}

/// The generator for a case of the original notebook, seeded as the notebook did;
/// redrawn in a hidden set only when the instructor asked for it.
pub fn notebook(seed: u32) -> NumpyRng {
    let hidden = HIDDEN.get().copied().filter(|h| h.notebook);
    NumpyRng::new(mixed(seed, hidden))
}

/// `seed` itself without a hidden set, else a seed depending on both
/// (splitmix64's finaliser: neighbouring seeds land far apart).
fn mixed(seed: u32, hidden: Option<Hidden>) -> u32 {
    let Some(h) = hidden else { return seed };
    let mut z = (u64::from(h.seed) << 32 | u64::from(seed)).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_set_draws_as_seeded() {
        assert_eq!(mixed(7, None), 7);
        let hidden = Hidden {
            seed: 1,
            notebook: false,
        };
        // The process-wide setting is set once (other tests may share the
        // process): the mixing is tested on its own.
        assert_ne!(mixed(7, Some(hidden)), 7);
    }

    #[test]
    fn hidden_seeds_are_deterministic_and_distinct() {
        let h = |seed| Hidden {
            seed,
            notebook: false,
        };
        assert_eq!(mixed(11, Some(h(5))), mixed(11, Some(h(5))));
        let mut seen = std::collections::BTreeSet::new();
        for hidden in 0..20 {
            for seed in 0..50 {
                seen.insert(mixed(seed, Some(h(hidden))));
            }
        }
        assert_eq!(seen.len(), 1000, "two (hidden, seed) pairs share a seed");
    }
}
