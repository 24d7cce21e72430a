//! The macro behind every code enum of the group domain.
//!
//! The API, the database and the data-exchange feed all carry these values as snake_case
//! strings, and the service shows them in zh-Hans and English. Writing each variant once, with
//! its code and both labels side by side, keeps the serde name, `as_str`, `parse` and the labels
//! from drifting apart; the tests in `types.rs` check that serde and `as_str` agree.

/// Declares a plain enum with its snake_case code and its zh-Hans and English labels.
///
/// ```text
/// code_enum! {
///     /// Doc comment.
///     pub enum GroupKind {
///         Tight => "tight", "紧密型", "tight";
///     }
/// }
/// ```
///
/// It derives `Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize` (snake_case) and
/// adds `ALL`, `as_str`, `parse`, `label_zh`, `label_en` and `Display` (the code). Extra
/// attributes (e.g. `#[derive(PartialOrd, Ord)]`) go before `pub enum`.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, $zh:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The snake_case code, as in JSON and in the database.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The value of a snake_case code; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The simplified Chinese label.
            pub fn label_zh(&self) -> &'static str {
                match self {
                    $(Self::$variant => $zh,)+
                }
            }

            /// The English label.
            pub fn label_en(&self) -> &'static str {
                match self {
                    $(Self::$variant => $en,)+
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

pub(crate) use code_enum;
