//! Enumerations with their codes and zh-Hans/English labels, declared once.
//!
//! Every enum of the API is declared with [`vocab_enum!`], which gives serde codes, the OpenAPI
//! schema, parsing and both labels. `GET /api/v1/vocabularies` lists them from the hand-kept
//! list in `service::registry::vocabularies::enums`: a new enum is added there too.

use serde::Serialize;
use utoipa::ToSchema;

/// One value of a vocabulary.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Term {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
}

/// A vocabulary: an enum of the API or a lookup table.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Vocabulary {
    pub name: String,
    /// `enum` (fixed by the service) or `lookup` (a table the bureau may extend).
    pub kind: String,
    pub terms: Vec<Term>,
}

/// Declares an API enum with its codes and labels.
#[macro_export]
macro_rules! vocab_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($vocab:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $zh:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

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
    };
}
