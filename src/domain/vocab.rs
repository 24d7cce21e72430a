//! Enumerations with their codes and zh-Hans/English labels, declared once.
//!
//! Every enum of the API is declared with [`vocab_enum!`], which gives serde codes, the OpenAPI
//! schema, parsing and both labels. `GET /api/v1/vocabularies` lists them from the hand-kept
//! list in `service::registry::vocabularies::enums`: a new enum is added there too.

use serde::Serialize;
use utoipa::ToSchema;

/// One value of a vocabulary.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct Term {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
}

/// A vocabulary: an enum of the API or a lookup table.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct Vocabulary {
    pub name: String,
    /// `enum` (fixed by the service) or `lookup` (a table the bureau may extend).
    pub kind: String,
    /// The OpenAPI schema of an enum vocabulary, so that a test can hold the two equal.
    #[serde(skip)]
    pub schema: Option<&'static str>,
    pub terms: Vec<Term>,
}

/// Declares an API enum with its codes and labels: serde, the OpenAPI schema, the database
/// column type (text) and the vocabulary entry all come from this one list of variants, so the
/// document lists exactly what the server speaks, and an unknown stored value is an error, never
/// a silent default.
///
/// The codes are matched as `tt`, not `literal`: a `literal` fragment reaches derive macros
/// wrapped in an invisible group, which utoipa does not see through (its schema then listed the
/// Rust variant names instead of the codes).
#[macro_export]
macro_rules! vocab_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($vocab:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:tt, $zh:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema, diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The vocabulary's name in `/vocabularies`.
            pub const VOCABULARY: &'static str = $vocab;

            pub fn as_str(&self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($code => Some(Self::$variant),)+ _ => None }
            }

            pub fn label_zh(&self) -> &'static str {
                match self { $(Self::$variant => $zh),+ }
            }

            pub fn label_en(&self) -> &'static str {
                match self { $(Self::$variant => $en),+ }
            }

            /// The codes, comma-separated, for messages that list what is allowed.
            pub fn codes() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }

            pub fn vocabulary() -> $crate::domain::vocab::Vocabulary {
                $crate::domain::vocab::Vocabulary {
                    name: $vocab.to_string(),
                    kind: "enum".to_string(),
                    schema: Some(stringify!($name)),
                    terms: Self::ALL
                        .iter()
                        .map(|v| $crate::domain::vocab::Term {
                            code: v.as_str().to_string(),
                            label_zh: v.label_zh().to_string(),
                            // Display labels start with a capital, whatever the source's casing.
                            label_en: $crate::domain::rules::capitalise_first(v.label_en()),
                        })
                        .collect(),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::vocab::UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s).ok_or_else(|| $crate::domain::vocab::UnknownCode {
                    vocabulary: $vocab,
                    value: s.to_string(),
                })
            }
        }

        $crate::text_column!($name, $crate::db::MultiBackend);
        $crate::text_column!($name, diesel::sqlite::Sqlite);
        $crate::text_column!($name, diesel::pg::Pg);
    };
}

/// A `vocab_enum!` as a text column of backend `$db`: the multi-connection backend for reads and
/// filters, and each inner backend for inserts (diesel dispatches those per backend).
#[doc(hidden)]
#[macro_export]
macro_rules! text_column {
    ($name:ident, $db:ty) => {
        impl diesel::deserialize::FromSql<diesel::sql_types::Text, $db> for $name {
            fn from_sql(
                bytes: <$db as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, $db>>::from_sql(
                    bytes,
                )?;
                Ok(s.parse::<Self>()?)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, $db> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, $db>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, $db>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }
    };
}

/// Checks that every value of a `vocab_enum!` serialises to its code and parses back, in JSON
/// and through `parse`: the codes of the wire, the database and `/vocabularies` are one.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub fn assert_round_trips<T>(
    all: &[T],
    as_str: fn(&T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Copy,
{
    for v in all {
        let json = serde_json::to_string(v).unwrap();
        assert_eq!(json, format!("\"{}\"", as_str(v)));
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
        assert_eq!(parse(as_str(v)), Some(*v));
    }
}

/// A stored or sent code that is not one of its vocabulary's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a {vocabulary} code")]
pub struct UnknownCode {
    pub vocabulary: &'static str,
    pub value: String,
}
