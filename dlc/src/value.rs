//! Values that cross the process boundary: a function's arguments and outputs.
//!
//! Arrays travel as a shape plus row-major data. Non-finite numbers are spelled
//! `"NaN"`, `"inf"` and `"-inf"` because JSON has no literal for them, and a
//! learner's NaN must reach the judge as a NaN, not as `null`.

use std::collections::BTreeMap;
use std::fmt;

use ndarray::{Array1, Array2, Array3, Array4, ArrayD, Dimension, IxDyn};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A float that survives JSON even when it is NaN or infinite.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.is_nan() {
            s.serialize_str("NaN")
        } else if x.is_infinite() {
            s.serialize_str(if x > 0.0 { "inf" } else { "-inf" })
        } else {
            s.serialize_f64(x)
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(f64),
            Word(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(x) => Ok(Num(x)),
            Raw::Word(w) => match w.as_str() {
                "NaN" => Ok(Num(f64::NAN)),
                "inf" => Ok(Num(f64::INFINITY)),
                "-inf" => Ok(Num(f64::NEG_INFINITY)),
                other => Err(serde::de::Error::custom(format!(
                    "expected a number, \"NaN\", \"inf\" or \"-inf\", found \"{other}\""
                ))),
            },
        }
    }
}

/// One argument or output of a graded function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Value {
    /// A real scalar (`f64`).
    Float { value: Num },
    /// An integer scalar (sizes, counts, seeds).
    Int { value: i64 },
    /// A flag.
    Bool { value: bool },
    /// A word, such as an activation name.
    Str { value: String },
    /// An n-dimensional array of `f64`, row-major.
    Array { shape: Vec<usize>, data: Vec<Num> },
    /// An ordered sequence (layer sizes, caches, costs).
    List { items: Vec<Value> },
    /// Named values (parameters `W1`, `b1`, ...; gradients).
    Map { entries: BTreeMap<String, Value> },
}

/// Why a [`Value`] could not become the Rust type a function expects.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

impl Value {
    /// A short description of the value's type and shape, for messages.
    pub fn describe(&self) -> String {
        match self {
            Value::Float { .. } => "a float".into(),
            Value::Int { .. } => "an integer".into(),
            Value::Bool { .. } => "a bool".into(),
            Value::Str { .. } => "a string".into(),
            Value::Array { shape, .. } => format!("an array of shape {}", shape_text(shape)),
            Value::List { items } => format!("a list of {} items", items.len()),
            Value::Map { entries } => {
                let keys: Vec<&str> = entries.keys().map(String::as_str).collect();
                format!("a map with keys {{{}}}", keys.join(", "))
            }
        }
    }

    /// Builds an array value from any ndarray array of `f64`.
    pub fn array<D: Dimension>(a: &ndarray::Array<f64, D>) -> Value {
        Value::Array {
            shape: a.shape().to_vec(),
            data: a.iter().map(|&x| Num(x)).collect(),
        }
    }

    /// Builds a map value from `(name, value)` pairs.
    pub fn map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Map {
            entries: entries.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        }
    }

    fn array_parts(&self) -> Result<(&[usize], &[Num]), ValueError> {
        match self {
            Value::Array { shape, data } => {
                if shape.iter().product::<usize>() != data.len() {
                    return Err(ValueError(format!(
                        "array of shape {} holds {} numbers",
                        shape_text(shape),
                        data.len()
                    )));
                }
                Ok((shape, data))
            }
            other => Err(ValueError(format!(
                "expected an array, found {}",
                other.describe()
            ))),
        }
    }
}

/// `(2, 3)`: a shape the way NumPy prints it, so learners recognise it.
pub fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Converts a Rust value into a [`Value`] for the protocol.
pub trait IntoValue {
    /// The protocol form of `self`.
    fn into_value(self) -> Value;
}

/// Converts a [`Value`] from the protocol into the Rust type a function takes.
pub trait FromValue: Sized {
    /// `Err` names what was expected and what was found.
    fn from_value(v: &Value) -> Result<Self, ValueError>;
}

impl IntoValue for Value {
    fn into_value(self) -> Value {
        self
    }
}

impl IntoValue for f64 {
    fn into_value(self) -> Value {
        Value::Float { value: Num(self) }
    }
}

impl IntoValue for usize {
    fn into_value(self) -> Value {
        Value::Int { value: self as i64 }
    }
}

impl IntoValue for i64 {
    fn into_value(self) -> Value {
        Value::Int { value: self }
    }
}

impl IntoValue for bool {
    fn into_value(self) -> Value {
        Value::Bool { value: self }
    }
}

impl IntoValue for String {
    fn into_value(self) -> Value {
        Value::Str { value: self }
    }
}

impl IntoValue for &str {
    fn into_value(self) -> Value {
        Value::Str {
            value: self.to_string(),
        }
    }
}

impl<D: Dimension> IntoValue for ndarray::Array<f64, D> {
    fn into_value(self) -> Value {
        Value::array(&self)
    }
}

impl<T: IntoValue> IntoValue for Vec<T> {
    fn into_value(self) -> Value {
        Value::List {
            items: self.into_iter().map(IntoValue::into_value).collect(),
        }
    }
}

impl<V: IntoValue> IntoValue for BTreeMap<String, V> {
    fn into_value(self) -> Value {
        Value::Map {
            entries: self.into_iter().map(|(k, v)| (k, v.into_value())).collect(),
        }
    }
}

impl<V: IntoValue> IntoValue for std::collections::HashMap<String, V> {
    fn into_value(self) -> Value {
        Value::Map {
            entries: self.into_iter().map(|(k, v)| (k, v.into_value())).collect(),
        }
    }
}

impl<A: IntoValue, B: IntoValue> IntoValue for (A, B) {
    fn into_value(self) -> Value {
        Value::List {
            items: vec![self.0.into_value(), self.1.into_value()],
        }
    }
}

impl<A: IntoValue, B: IntoValue, C: IntoValue> IntoValue for (A, B, C) {
    fn into_value(self) -> Value {
        Value::List {
            items: vec![self.0.into_value(), self.1.into_value(), self.2.into_value()],
        }
    }
}

impl FromValue for Value {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        Ok(v.clone())
    }
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::Float { value } => Ok(value.0),
            Value::Int { value } => Ok(*value as f64),
            other => Err(ValueError(format!(
                "expected a float, found {}",
                other.describe()
            ))),
        }
    }
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::Int { value } => Ok(*value),
            other => Err(ValueError(format!(
                "expected an integer, found {}",
                other.describe()
            ))),
        }
    }
}

impl FromValue for usize {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        let n = i64::from_value(v)?;
        usize::try_from(n).map_err(|_| ValueError(format!("expected a non-negative integer, found {n}")))
    }
}

impl FromValue for u64 {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        let n = i64::from_value(v)?;
        u64::try_from(n).map_err(|_| ValueError(format!("expected a non-negative integer, found {n}")))
    }
}

impl FromValue for bool {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::Bool { value } => Ok(*value),
            other => Err(ValueError(format!("expected a bool, found {}", other.describe()))),
        }
    }
}

impl FromValue for String {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::Str { value } => Ok(value.clone()),
            other => Err(ValueError(format!(
                "expected a string, found {}",
                other.describe()
            ))),
        }
    }
}

impl FromValue for ArrayD<f64> {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        let (shape, data) = v.array_parts()?;
        ArrayD::from_shape_vec(IxDyn(shape), data.iter().map(|n| n.0).collect())
            .map_err(|e| ValueError(e.to_string()))
    }
}

impl FromValue for Array2<f64> {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        let (shape, _) = v.array_parts()?;
        if shape.len() != 2 {
            return Err(ValueError(format!(
                "expected a 2-D array, found shape {}",
                shape_text(shape)
            )));
        }
        ArrayD::from_value(v)?
            .into_dimensionality()
            .map_err(|e| ValueError(e.to_string()))
    }
}

/// `FromValue` for a fixed-rank array: the rank is checked first, so a wrong
/// one is named ("expected a 4-D array, found shape (2, 3)").
macro_rules! fixed_rank_from_value {
    ($array:ty, $rank:literal) => {
        impl FromValue for $array {
            fn from_value(v: &Value) -> Result<Self, ValueError> {
                let (shape, _) = v.array_parts()?;
                if shape.len() != $rank {
                    return Err(ValueError(format!(
                        "expected a {}-D array, found shape {}",
                        $rank,
                        shape_text(shape)
                    )));
                }
                ArrayD::from_value(v)?
                    .into_dimensionality()
                    .map_err(|e| ValueError(e.to_string()))
            }
        }
    };
}

fixed_rank_from_value!(Array3<f64>, 3);
fixed_rank_from_value!(Array4<f64>, 4);

impl FromValue for Array1<f64> {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        let (shape, _) = v.array_parts()?;
        if shape.len() != 1 {
            return Err(ValueError(format!(
                "expected a 1-D array, found shape {}",
                shape_text(shape)
            )));
        }
        ArrayD::from_value(v)?
            .into_dimensionality()
            .map_err(|e| ValueError(e.to_string()))
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::List { items } => items.iter().map(T::from_value).collect(),
            other => Err(ValueError(format!("expected a list, found {}", other.describe()))),
        }
    }
}

impl<V: FromValue> FromValue for BTreeMap<String, V> {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::Map { entries } => entries
                .iter()
                .map(|(k, v)| V::from_value(v).map(|v| (k.clone(), v)))
                .collect(),
            other => Err(ValueError(format!("expected a map, found {}", other.describe()))),
        }
    }
}

impl<V: FromValue> FromValue for std::collections::HashMap<String, V> {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        Ok(BTreeMap::<String, V>::from_value(v)?.into_iter().collect())
    }
}

impl<A: FromValue, B: FromValue> FromValue for (A, B) {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::List { items } if items.len() == 2 => {
                Ok((A::from_value(&items[0])?, B::from_value(&items[1])?))
            }
            other => Err(ValueError(format!("expected a pair, found {}", other.describe()))),
        }
    }
}

impl<A: FromValue, B: FromValue, C: FromValue> FromValue for (A, B, C) {
    fn from_value(v: &Value) -> Result<Self, ValueError> {
        match v {
            Value::List { items } if items.len() == 3 => Ok((
                A::from_value(&items[0])?,
                B::from_value(&items[1])?,
                C::from_value(&items[2])?,
            )),
            other => Err(ValueError(format!(
                "expected a triple, found {}",
                other.describe()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn arrays_round_trip_through_json_with_non_finite_numbers() {
        let a = array![[1.0, f64::NAN], [f64::INFINITY, -0.5]];
        let text = serde_json::to_string(&a.clone().into_value()).unwrap();
        assert!(text.contains("\"NaN\"") && text.contains("\"inf\""));
        let back: Value = serde_json::from_str(&text).unwrap();
        let b = Array2::<f64>::from_value(&back).unwrap();
        assert_eq!(b[[0, 0]], 1.0);
        assert!(b[[0, 1]].is_nan());
        assert_eq!(b[[1, 0]], f64::INFINITY);
    }

    #[test]
    fn wrong_rank_is_a_named_error() {
        let v = Array1::from(vec![1.0, 2.0]).into_value();
        let err = Array2::<f64>::from_value(&v).unwrap_err();
        assert_eq!(err.0, "expected a 2-D array, found shape (2,)");
    }

    #[test]
    fn four_d_arrays_round_trip_in_row_major_order() {
        let a = Array4::from_shape_fn((2, 3, 1, 2), |(i, h, w, c)| {
            (i * 100 + h * 10 + w + c) as f64 + 0.5
        });
        let v = a.clone().into_value();
        match &v {
            Value::Array { shape, data } => {
                assert_eq!(shape, &vec![2, 3, 1, 2]);
                assert_eq!(data[1], Num(1.5)); // [0, 0, 0, 1]: the last axis moves fastest
            }
            other => panic!("not an array: {other:?}"),
        }
        assert_eq!(Array4::<f64>::from_value(&v).unwrap(), a);
        let err = Array3::<f64>::from_value(&v).unwrap_err();
        assert_eq!(err.0, "expected a 3-D array, found shape (2, 3, 1, 2)");
        let three = Array3::from_elem((1, 2, 2), 7.0);
        assert_eq!(
            Array3::<f64>::from_value(&three.clone().into_value()).unwrap(),
            three
        );
    }

    #[test]
    fn inconsistent_array_is_rejected() {
        let v = Value::Array {
            shape: vec![2, 2],
            data: vec![Num(1.0)],
        };
        assert!(ArrayD::<f64>::from_value(&v).is_err());
    }
}
