//! NumPy-compatible random numbers: the legacy `np.random.RandomState`
//! (MT19937 seeded by the Knuth initialiser), bit for bit, so that seeded
//! initialisations print the original notebooks' numbers.
//!
//! Every method mirrors one legacy NumPy code path and consumes exactly the
//! same 32-bit draws in the same order; that is what keeps a sequence of calls
//! (`rand`, then `randn`, then `permutation`, …) aligned with NumPy's. The
//! reference values in `dlc/tests/data/numpy_rng.json` come from NumPy itself
//! (`tools/numpy/rng_reference.py`).

use std::fmt;

use ndarray::{Array1, Array2, Array3, Array4, ArrayD, IxDyn};

/// Length of the MT19937 state, in 32-bit words.
const N: usize = 624;
/// MT19937 middle word offset.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// NumPy's legacy generator, as after `np.random.seed(seed)`.
///
/// Holds the MT19937 key, the position in it, and the cached second value of
/// the last polar Box–Muller pair (NumPy's `has_gauss`/`gauss`), because the
/// legacy `randn` hands that value out on the next call instead of drawing.
#[derive(Clone)]
pub struct NumpyRng {
    key: [u32; N],
    pos: usize,
    gauss: Option<f64>,
}

impl fmt::Debug for NumpyRng {
    // The 624-word key is noise in a debug print; position and the cached
    // gauss are what explain "why did the next value differ".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NumpyRng")
            .field("pos", &self.pos)
            .field("gauss", &self.gauss)
            .finish_non_exhaustive()
    }
}

impl NumpyRng {
    /// `np.random.seed(seed)`.
    ///
    /// Uses the Knuth initialiser (`init_genrand`), which is what NumPy's
    /// legacy seeding does for an integer seed in `0..=2^32-1`.
    pub fn new(seed: u32) -> NumpyRng {
        let mut key = [0u32; N];
        key[0] = seed;
        for i in 1..N {
            let prev = key[i - 1];
            key[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        // pos = N forces a full regeneration before the first output, as in
        // NumPy; seeding also forgets any cached gauss.
        NumpyRng {
            key,
            pos: N,
            gauss: None,
        }
    }
    /// `np.random.seed(seed)` again on this generator.
    pub fn seed(&mut self, seed: u32) {
        *self = NumpyRng::new(seed);
    }

    /// Regenerates the whole key at once (NumPy's `mt19937_gen`).
    fn generate(&mut self) {
        let twist = |upper: u32, lower: u32, far: u32| {
            let y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
            far ^ (y >> 1) ^ ((y & 1).wrapping_neg() & MATRIX_A)
        };
        for i in 0..N - M {
            self.key[i] = twist(self.key[i], self.key[i + 1], self.key[i + M]);
        }
        for i in N - M..N - 1 {
            self.key[i] = twist(self.key[i], self.key[i + 1], self.key[i + M - N]);
        }
        self.key[N - 1] = twist(self.key[N - 1], self.key[0], self.key[M - 1]);
        self.pos = 0;
    }

    /// One tempered 32-bit output (`genrand_int32`).
    fn next_u32(&mut self) -> u32 {
        if self.pos == N {
            self.generate();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// NumPy's `next_uint64` for MT19937: high word first, then low word.
    fn next_u64(&mut self) -> u64 {
        let hi = u64::from(self.next_u32());
        let lo = u64::from(self.next_u32());
        (hi << 32) | lo
    }

    /// A uniform integer in `[0, max]` by masked rejection: NumPy's
    /// `random_interval` (legacy `rk_interval`), used by `shuffle`.
    fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            // NumPy draws nothing here; drawing would desynchronise the stream.
            return 0;
        }
        let mask = smallest_mask(max);
        if max <= 0xffff_ffff {
            loop {
                let v = u64::from(self.next_u32()) & mask;
                if v <= max {
                    return v;
                }
            }
        } else {
            loop {
                let v = self.next_u64() & mask;
                if v <= max {
                    return v;
                }
            }
        }
    }

    /// One `np.random.rand()` value in [0, 1).
    ///
    /// 53 random bits from two draws: `((a>>5)·2^26 + (b>>6)) / 2^53`.
    pub fn random_sample(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }
    /// One `np.random.randn()` value.
    ///
    /// Legacy polar Box–Muller (`legacy_gauss`): each accepted pair yields two
    /// normals; the first computed (`x1·f`) is kept for the next call.
    pub fn standard_normal(&mut self) -> f64 {
        if let Some(g) = self.gauss.take() {
            return g;
        }
        loop {
            let x1 = 2.0 * self.random_sample() - 1.0;
            let x2 = 2.0 * self.random_sample() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 >= 1.0 || r2 == 0.0 {
                continue;
            }
            let f = (-2.0 * r2.ln() / r2).sqrt();
            self.gauss = Some(f * x1);
            return f * x2;
        }
    }
    /// `np.random.rand(rows, cols)`.
    pub fn rand(&mut self, rows: usize, cols: usize) -> Array2<f64> {
        Array2::from_shape_simple_fn((rows, cols), || self.random_sample())
    }
    /// `np.random.randn(rows, cols)`.
    pub fn randn(&mut self, rows: usize, cols: usize) -> Array2<f64> {
        Array2::from_shape_simple_fn((rows, cols), || self.standard_normal())
    }
    /// `np.random.randn(n)`.
    pub fn randn1(&mut self, n: usize) -> Array1<f64> {
        Array1::from_shape_simple_fn(n, || self.standard_normal())
    }
    /// `np.random.randn(d0, d1, d2)`.
    pub fn randn3(&mut self, shape: (usize, usize, usize)) -> Array3<f64> {
        Array3::from_shape_simple_fn(shape, || self.standard_normal())
    }
    /// `np.random.randn(d0, d1, d2, d3)`: a batch of images (m, n_H, n_W, n_C)
    /// or filters (f, f, n_C_prev, n_C), drawn in row-major order as NumPy does.
    pub fn randn4(&mut self, shape: (usize, usize, usize, usize)) -> Array4<f64> {
        Array4::from_shape_simple_fn(shape, || self.standard_normal())
    }
    /// `np.random.rand(*shape)` for any number of dimensions.
    pub fn rand_shape(&mut self, shape: &[usize]) -> ArrayD<f64> {
        ArrayD::from_shape_simple_fn(IxDyn(shape), || self.random_sample())
    }
    /// `np.random.randn(*shape)` for any number of dimensions.
    pub fn randn_shape(&mut self, shape: &[usize]) -> ArrayD<f64> {
        ArrayD::from_shape_simple_fn(IxDyn(shape), || self.standard_normal())
    }
    /// `np.random.permutation(n)`.
    ///
    /// `arange(n)` shuffled by the legacy Fisher–Yates pass from the end:
    /// for i = n−1 down to 1, swap element i with `interval(i)`.
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            // usize fits in u64 on every supported target, and j <= i.
            let j = self.interval(i as u64) as usize;
            out.swap(i, j);
        }
        out
    }
    /// `np.random.randint(low, high)`: one integer in [low, high).
    ///
    /// Legacy bounded-integer path (`random_bounded_uint64_fill` with
    /// masking): range `high−low−1`, 32-bit draws when it fits in 32 bits,
    /// otherwise 64-bit draws.
    ///
    /// # Panics
    /// If `low >= high`, as NumPy raises `ValueError: low >= high`.
    pub fn randint(&mut self, low: i64, high: i64) -> i64 {
        assert!(low < high, "randint: low >= high ({low} >= {high})");
        // Two's-complement arithmetic, as NumPy does with unsigned types:
        // the span of any i64 interval fits in u64.
        let rng = (high as u64).wrapping_sub(1).wrapping_sub(low as u64);
        let off = low as u64;
        let v = if rng == 0 {
            0
        } else if rng <= 0xffff_ffff {
            // For rng == 0xffffffff NumPy takes the draw unmasked; the mask is
            // all ones then, so the masked loop below gives the same value.
            let mask = smallest_mask(rng) as u32;
            loop {
                let v = self.next_u32() & mask;
                if u64::from(v) <= rng {
                    break u64::from(v);
                }
            }
        } else {
            let mask = smallest_mask(rng);
            loop {
                let v = self.next_u64() & mask;
                if v <= rng {
                    break v;
                }
            }
        };
        off.wrapping_add(v) as i64
    }
    /// `np.random.choice(n, p=p)` (`p = None`: uniform).
    ///
    /// Uniform: `randint(0, n)`. Weighted: `cdf = cumsum(p); cdf /= cdf[-1]`,
    /// then the first index whose cdf exceeds one `random_sample()`
    /// (`searchsorted(..., side='right')`).
    ///
    /// # Panics
    /// As NumPy raises `ValueError`: if `n == 0`, if `p.len() != n`, if any
    /// probability is negative or not finite, or if they do not sum to 1
    /// within `sqrt(f64::EPSILON)`.
    pub fn choice(&mut self, n: usize, p: Option<&[f64]>) -> usize {
        assert!(n > 0, "choice: 'a' cannot be empty unless no samples are taken");
        let Some(p) = p else {
            return self.randint(0, n as i64) as usize;
        };
        assert!(p.len() == n, "choice: 'a' and 'p' must have same size");
        assert!(
            p.iter().all(|&x| x.is_finite() && x >= 0.0),
            "choice: probabilities are not non-negative and finite"
        );
        // NumPy validates with a Kahan sum; the tolerance is what matters.
        let total = kahan_sum(p);
        assert!(
            (total - 1.0).abs() <= f64::EPSILON.sqrt(),
            "choice: probabilities do not sum to 1 (sum = {total})"
        );
        // Sequential cumulative sum, exactly as `ndarray.cumsum` adds.
        let mut cdf = Vec::with_capacity(n);
        let mut acc = 0.0;
        for &x in p {
            acc += x;
            cdf.push(acc);
        }
        let last = acc;
        for c in &mut cdf {
            *c /= last;
        }
        let u = self.random_sample();
        // side='right': number of cdf entries <= u (cdf is non-decreasing).
        cdf.partition_point(|&c| c <= u)
    }
}

/// Smallest all-ones bit mask covering `max` (NumPy's `gen_mask`).
fn smallest_mask(max: u64) -> u64 {
    let mut mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    mask
}

/// Compensated sum, as NumPy's `kahan_sum` used to validate `p`.
fn kahan_sum(xs: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut c = 0.0;
    for &x in xs {
        let y = x - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_mt19937_seed_5489() {
        // First outputs of the reference mt19937ar.c with init_genrand(5489).
        let mut r = NumpyRng::new(5489);
        assert_eq!(r.next_u32(), 3_499_211_612);
        assert_eq!(r.next_u32(), 581_869_302);
        assert_eq!(r.next_u32(), 3_890_346_734);
    }

    #[test]
    fn mt19937_10000th_output() {
        // The C++ standard requires the 10000th output of a default-seeded
        // mt19937 (seed 5489) to be 4123659995.
        let mut r = NumpyRng::new(5489);
        for _ in 0..9_999 {
            r.next_u32();
        }
        assert_eq!(r.next_u32(), 4_123_659_995);
    }

    #[test]
    fn seed_resets_cached_gauss() {
        let mut a = NumpyRng::new(7);
        let first = a.standard_normal();
        a.seed(7);
        assert_eq!(a.standard_normal().to_bits(), first.to_bits());
    }

    #[test]
    fn mask_and_bounds() {
        assert_eq!(smallest_mask(1), 1);
        assert_eq!(smallest_mask(5), 7);
        assert_eq!(smallest_mask(8), 15);
        assert_eq!(smallest_mask(u64::MAX), u64::MAX);
        let mut r = NumpyRng::new(0);
        for _ in 0..1000 {
            let v = r.randint(-3, 4);
            assert!((-3..4).contains(&v));
        }
        assert_eq!(r.randint(i64::MIN, i64::MIN + 1), i64::MIN);
        let _ = r.randint(i64::MIN, i64::MAX);
        assert_eq!(r.choice(1, Some(&[1.0])), 0);
        let mut p = r.permutation(50);
        p.sort_unstable();
        assert_eq!(p, (0..50).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "low >= high")]
    fn randint_empty_range_panics() {
        NumpyRng::new(0).randint(3, 3);
    }

    #[test]
    #[should_panic(expected = "do not sum to 1")]
    fn choice_bad_p_panics() {
        NumpyRng::new(0).choice(2, Some(&[0.5, 0.6]));
    }
}
