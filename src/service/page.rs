//! Cursor pagination: `?limit=` (default 50, max 200) and an opaque `cursor`.

use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult, ErrorKind, FieldError};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

/// A page of a list, in a stable order; `next_cursor` is null on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn empty() -> Page<T> {
        Page {
            items: Vec::new(),
            next_cursor: None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub after_id: i64,
    pub limit: i64,
}

impl PageQuery {
    pub fn window(&self) -> ApiResult<Window> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(bad_query(
                "limit",
                format!("limit 须在 1 到 {MAX_LIMIT} 之间。"),
                format!("limit must be between 1 and {MAX_LIMIT}."),
            ));
        }
        let after_id = match &self.cursor {
            None => 0,
            Some(c) => decode_cursor(c).ok_or_else(|| {
                bad_query(
                    "cursor",
                    "cursor 无效，请使用上一页返回的 next_cursor。",
                    "The cursor is not valid; pass the next_cursor of the previous page.",
                )
            })?,
        };
        Ok(Window { after_id, limit })
    }
}

pub fn bad_query(field: &str, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
    let (zh, en) = (zh.into(), en.into());
    ApiError::new(ErrorKind::InvalidQuery, zh.clone(), en.clone())
        .with_errors(vec![FieldError::new(field, zh, en)])
}

/// `400 invalid_query` listing several bad parameters at once.
pub fn bad_queries(errors: Vec<FieldError>) -> ApiError {
    ApiError::new(
        ErrorKind::InvalidQuery,
        format!("有 {} 个查询参数无效。", errors.len()),
        format!("{} query parameter(s) are invalid.", errors.len()),
    )
    .with_errors(errors)
}

pub fn encode_cursor(last_id: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("after:{last_id}"))
}

fn decode_cursor(c: &str) -> Option<i64> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.strip_prefix("after:")?
        .parse::<i64>()
        .ok()
        .filter(|v| *v >= 0)
}

/// Builds a page from rows fetched with `limit + 1`, so that the last page says so.
pub fn paginate<R, T>(
    mut rows: Vec<R>,
    w: Window,
    id_of: impl Fn(&R) -> i64,
    view: impl FnMut(R) -> T,
) -> Page<T> {
    let more = rows.len() as i64 > w.limit;
    rows.truncate(w.limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| encode_cursor(id_of(r)))
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip() {
        assert_eq!(decode_cursor(&encode_cursor(42)), Some(42));
        assert_eq!(decode_cursor("garbage!"), None);
    }

    #[test]
    fn limit_bounds() {
        let q = |l| PageQuery {
            limit: Some(l),
            cursor: None,
        };
        assert!(q(0).window().is_err());
        assert!(q(201).window().is_err());
        assert_eq!(q(200).window().map(|w| w.limit).unwrap_or(0), 200);
    }

    #[test]
    fn last_page_has_no_cursor() {
        let w = Window {
            after_id: 0,
            limit: 2,
        };
        let p = paginate(vec![1, 2, 3], w, |r| *r, |r| r);
        assert_eq!(p.items, vec![1, 2]);
        assert!(p.next_cursor.is_some());
        let p = paginate(vec![1, 2], w, |r| *r, |r| r);
        assert!(p.next_cursor.is_none());
    }
}
