//! Cursor pagination: `?limit=` (default 50, max 200) and an opaque `cursor`.

use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult, ErrorKind, FieldError};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 200;

/// A page of a list, in a stable order; `next_cursor` is null on the last page.
#[derive(Debug, Serialize, ToSchema, serde::Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    /// How many items the whole list has (every page together), when `count=true` was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0)]
    pub total: Option<i64>,
}

impl<T> Page<T> {
    pub fn empty() -> Page<T> {
        Page {
            items: Vec::new(),
            next_cursor: None,
            total: None,
        }
    }

    /// The same page with the list's total, when one was counted.
    pub fn with_total(mut self, total: Option<i64>) -> Page<T> {
        self.total = total;
        self
    }
}

crate::vocab_enum! {
    /// The orders of a list of schools or groups: by id (the default), by name or by code,
    /// each ascending or, with a leading `-`, descending. Names sort as the database collates
    /// them; ties go by id, so a page never repeats or skips a row.
    pub enum RecordSort ("record_sort") {
        Id = ("id", "按编号", "by id"),
        IdDesc = ("-id", "按编号倒序", "by id, descending"),
        Name = ("name", "按名称", "by name"),
        NameDesc = ("-name", "按名称倒序", "by name, descending"),
        Code = ("code", "按代码", "by code"),
        CodeDesc = ("-code", "按代码倒序", "by code, descending"),
    }
}

crate::vocab_enum! {
    /// The orders of a list of persons: by id (the default) or by name, ascending or, with a
    /// leading `-`, descending.
    pub enum PersonSort ("person_sort") {
        Id = ("id", "按编号", "by id"),
        IdDesc = ("-id", "按编号倒序", "by id, descending"),
        Name = ("name", "按名称", "by name"),
        NameDesc = ("-name", "按名称倒序", "by name, descending"),
    }
}

impl From<PersonSort> for RecordSort {
    fn from(s: PersonSort) -> RecordSort {
        match s {
            PersonSort::Id => RecordSort::Id,
            PersonSort::IdDesc => RecordSort::IdDesc,
            PersonSort::Name => RecordSort::Name,
            PersonSort::NameDesc => RecordSort::NameDesc,
        }
    }
}

/// Where a sorted page starts: after the row with this id and sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seek {
    pub id: i64,
    /// The sort column's value (a name or a code); absent for the orders by id.
    pub key: Option<String>,
}

/// A page of a sorted list: its order, where it starts and how long it is.
#[derive(Debug, Clone)]
pub struct SortedWindow {
    pub sort: RecordSort,
    pub after: Option<Seek>,
    pub limit: i64,
}

impl SortedWindow {
    /// The sort key of a row, for the next page's cursor.
    pub fn key_of<'a>(&self, name: &'a str, code: &'a str) -> Option<&'a str> {
        match self.sort {
            RecordSort::Id | RecordSort::IdDesc => None,
            RecordSort::Name | RecordSort::NameDesc => Some(name),
            RecordSort::Code | RecordSort::CodeDesc => Some(code),
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
        let limit = self.window_limit()?;
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

    /// The window of a list ordered by `sort`. A cursor is only good for the order it was
    /// issued in; a cursor of the plain id order (`after:{id}`) continues `sort=id`.
    pub fn sorted_window(&self, sort: RecordSort) -> ApiResult<SortedWindow> {
        let limit = self.window_limit()?;
        let after = match &self.cursor {
            None => None,
            Some(c) => Some(decode_sorted(c, sort).ok_or_else(|| {
                bad_query(
                    "cursor",
                    "cursor 无效或不属于当前排序，请使用同一排序上一页返回的 next_cursor。",
                    "The cursor is not valid for this sort; pass the next_cursor of the previous page, with the same sort.",
                )
            })?),
        };
        Ok(SortedWindow { sort, after, limit })
    }

    fn window_limit(&self) -> ApiResult<i64> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(bad_query(
                "limit",
                format!("limit 须在 1 到 {MAX_LIMIT} 之间。"),
                format!("limit must be between 1 and {MAX_LIMIT}."),
            ));
        }
        Ok(limit)
    }
}

fn encode_sorted(sort: RecordSort, seek: &Seek) -> String {
    let text = match (&seek.key, sort) {
        (None, RecordSort::Id) => format!("after:{}", seek.id),
        (None, s) => format!("{}:{}", s.as_str(), seek.id),
        (Some(k), s) => format!("{}:{}:{k}", s.as_str(), seek.id),
    };
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

fn decode_sorted(c: &str, sort: RecordSort) -> Option<Seek> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(c)
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (head, rest) = text.split_once(':')?;
    let (id, key) = match rest.split_once(':') {
        Some((id, key)) => (id, Some(key.to_string())),
        None => (rest, None),
    };
    let id = id.parse::<i64>().ok().filter(|v| *v >= 0)?;
    let sort_of_cursor = if head == "after" {
        RecordSort::Id
    } else {
        RecordSort::parse(head)?
    };
    let keyed = !matches!(sort, RecordSort::Id | RecordSort::IdDesc);
    (sort_of_cursor == sort && key.is_some() == keyed).then_some(Seek { id, key })
}

/// Builds a page of a sorted list from rows fetched with `limit + 1`.
pub fn paginate_sorted<R, T>(
    mut rows: Vec<R>,
    w: &SortedWindow,
    seek_of: impl Fn(&R) -> Seek,
    view: impl FnMut(R) -> T,
) -> Page<T> {
    let more = rows.len() as i64 > w.limit;
    rows.truncate(w.limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| encode_sorted(w.sort, &seek_of(r)))
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
        total: None,
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
        total: None,
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
    fn a_cursor_is_good_for_its_own_sort_only() {
        let name = Seek {
            id: 9,
            key: Some("都匀:一中".into()),
        };
        let c = encode_sorted(RecordSort::Name, &name);
        assert_eq!(decode_sorted(&c, RecordSort::Name), Some(name));
        assert_eq!(decode_sorted(&c, RecordSort::NameDesc), None);
        assert_eq!(decode_sorted(&c, RecordSort::Id), None);
        let plain = encode_cursor(42);
        assert_eq!(
            decode_sorted(&plain, RecordSort::Id),
            Some(Seek { id: 42, key: None })
        );
        let desc = encode_sorted(RecordSort::IdDesc, &Seek { id: 5, key: None });
        assert_eq!(
            decode_sorted(&desc, RecordSort::IdDesc).map(|s| s.id),
            Some(5)
        );
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
