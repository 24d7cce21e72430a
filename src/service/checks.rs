//! Collects every invalid field of a request, so that a `422` lists them all at once.

use crate::error::{ApiError, ApiResult, FieldError};

#[derive(Debug, Default)]
pub struct Checks {
    errors: Vec<FieldError>,
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &str, zh: impl Into<String>, en: impl Into<String>) {
        self.errors.push(FieldError::new(field, zh, en));
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// The value of a required field, or an error for it.
    pub fn required<T>(&mut self, field: &str, v: Option<T>) -> Option<T> {
        if v.is_none() {
            self.push(field, "必填字段。", "This field is required.");
        }
        v
    }

    /// Trimmed text of `min..=max` characters (counted as characters, not bytes: names are Chinese).
    pub fn text(&mut self, field: &str, v: &str, min: u64, max: u64) -> String {
        let t = v.trim().to_string();
        if !validator::ValidateLength::validate_length(&t, Some(min), Some(max), None) {
            self.push(
                field,
                format!("长度须在 {min} 到 {max} 个字符之间。"),
                format!("Must be {min} to {max} characters long."),
            );
        }
        t
    }

    /// An optional free text (a note, a reason): trimmed, blank read as absent, at most `max`
    /// characters.
    pub fn optional_text(&mut self, field: &str, v: Option<String>, max: usize) -> Option<String> {
        let t = v.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        if t.as_ref().is_some_and(|n| n.chars().count() > max) {
            self.push(
                field,
                format!("不超过 {max} 字。"),
                format!("At most {max} characters."),
            );
        }
        t
    }

    pub fn range(&mut self, field: &str, v: i64, min: i64, max: i64) {
        if !validator::ValidateRange::validate_range(&v, Some(min), Some(max), None, None) {
            self.push(
                field,
                format!("须在 {min} 到 {max} 之间。"),
                format!("Must be between {min} and {max}."),
            );
        }
    }

    /// Parses an enum code, listing the allowed codes when it is not one.
    pub fn enum_code<E>(
        &mut self,
        field: &str,
        v: &str,
        parse: fn(&str) -> Option<E>,
        allowed: String,
    ) -> Option<E> {
        let parsed = parse(v);
        if parsed.is_none() {
            self.push(
                field,
                format!("取值无效，可选值：{allowed}。"),
                format!("Not a valid value; use one of: {allowed}."),
            );
        }
        parsed
    }

    pub fn finish(self) -> ApiResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(self.errors))
        }
    }
}

/// Deserialises a field that may be absent (`None`), `null` (`Some(None)`) or a value, so that a
/// PATCH can clear a nullable field.
pub fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_error() {
        let mut c = Checks::new();
        c.required::<i32>("a", None);
        c.text("b", "  ", 1, 5);
        c.range("c", 7, 0, 5);
        let e = c.finish().err().map(|e| e.errors.len());
        assert_eq!(e, Some(3));
    }

    #[test]
    fn counts_characters_not_bytes() {
        let mut c = Checks::new();
        c.text("name", "都匀市第一中学", 2, 7);
        assert!(c.finish().is_ok());
    }
}
