//! The change feed for provincial integrations: every created, updated and deleted record in
//! commit order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{AppState, Ctx};
use crate::domain::auth::Permission;
use crate::error::{ApiResult, FieldError};
use crate::repo::changes as repo;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "seq": 42, "occurred_at": "2026-03-01T08:00:00Z", "op": "deleted", "entity": "school",
    "id": "17", "key": "2152012345", "county_code": "522701"
}))]
pub struct ChangeEntry {
    /// Position in the feed; pass the last one seen as `after` to continue.
    pub seq: i64,
    pub occurred_at: DateTime<Utc>,
    /// `created`, `updated` or `deleted`.
    pub op: String,
    /// The kind of record: `school`, `person`, …
    pub entity: String,
    /// The record's id (read it at its resource for the current state).
    pub id: String,
    /// The record's natural key where it has one (a school's MOE code); deletions carry it, so
    /// that a deleted record can be matched in another system.
    pub key: Option<String>,
    pub county_code: Option<String>,
}

#[derive(Debug, Serialize, ToSchema, serde::Deserialize)]
pub struct ChangeFeed {
    pub items: Vec<ChangeEntry>,
    /// The `after` to pass next; equal to the request's `after` when nothing new has happened.
    pub next_after: i64,
    /// Whether more changes are waiting right now.
    pub has_more: bool,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeQuery {
    /// Return changes with a `seq` greater than this (0 for the beginning).
    #[param(minimum = 0, example = 0)]
    pub after: Option<i64>,
    /// At most this many changes, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000, example = 100)]
    pub limit: Option<i64>,
    /// Only changes of this kind of record.
    #[param(example = "school")]
    pub entity: Option<String>,
}

pub async fn feed(state: &AppState, ctx: &Ctx, q: ChangeQuery) -> ApiResult<ChangeFeed> {
    ctx.require(Permission::ChangesRead)?;
    let after = q.after.unwrap_or(0);
    let limit = q.limit.unwrap_or(100);
    let mut bad = Vec::new();
    if after < 0 {
        bad.push(FieldError::new(
            "after",
            "after 不能为负数。",
            "after cannot be negative.",
        ));
    }
    if !(1..=1000).contains(&limit) {
        bad.push(FieldError::new(
            "limit",
            "limit 须在 1 到 1000 之间。",
            "limit must be between 1 and 1000.",
        ));
    }
    if !bad.is_empty() {
        return Err(super::page::bad_queries(bad));
    }
    let county = ctx.principal.county_filter().map(str::to_string);
    state
        .db
        .read(move |conn| {
            let mut rows = repo::feed(
                conn,
                after,
                limit + 1,
                county.as_deref(),
                q.entity.as_deref(),
            )?;
            let has_more = rows.len() as i64 > limit;
            rows.truncate(limit as usize);
            let next_after = rows.last().map_or(after, |r| r.seq);
            Ok(ChangeFeed {
                items: rows
                    .into_iter()
                    .map(|r| ChangeEntry {
                        seq: r.seq,
                        occurred_at: r.occurred_at.and_utc(),
                        op: r.op,
                        entity: r.entity,
                        id: r.entity_id,
                        key: r.natural_key,
                        county_code: r.county_code,
                    })
                    .collect(),
                next_after,
                has_more,
            })
        })
        .await
}
