//! Simulated time. Some states of the demo only time produces: a growth period that has ended
//! (three years after the join, GROWTH-3Y) and a rectification order past its deadline (REVOKE).
//! The API refuses to make them (a deadline cannot be in the past, a growth period is at least a
//! year), so the seed moves the date directly in the database, as the integration tests do
//! (`tests/api/life.rs`), as if the days had gone by; the services then act on it with every rule
//! applied.
//!
//! Only the date moves: the passing of time is nobody's act, so the row keeps its version and no
//! change is recorded. The repos have no setter for these dates (the API never sets them), so
//! the update is written here, on the row the repo reads.

use chrono::{Days, NaiveDate};
use diesel::prelude::*;

use crate::db::schema::{group_memberships as gm, rectification_orders as ro};
use crate::domain::life::MembershipStatus;
use crate::error::ApiError;
use crate::repo::groups::memberships;
use crate::repo::life::rectification;
use crate::seed::groups::walk::failed;
use crate::service::life::today;
use crate::service::AppState;

/// The end of a growth period that is over: today, the first day GROWTH-3Y lets the member go.
pub fn growth_over(today: NaiveDate) -> NaiveDate {
    today
}

/// A deadline that has passed: yesterday, so the order is overdue today.
pub fn lapsed(today: NaiveDate) -> NaiveDate {
    today.checked_sub_days(Days::new(1)).unwrap_or(today)
}

fn refused(zh: &str, en: String) -> ApiError {
    ApiError::conflict(zh.to_string(), en)
}

/// The growth period of the school's membership of the group ends today. Only a period the join
/// set is moved: a member without one (joined by agreement) has nothing to graduate from.
pub async fn end_growth_period(
    state: &AppState,
    group_id: i64,
    school_id: i64,
) -> Result<(), String> {
    let to = growth_over(today());
    state
        .db
        .write(move |conn| {
            let m = memberships::latest_in_group(conn, group_id, school_id)?
                .filter(|m| m.growth_until.is_some() && m.status != MembershipStatus::Ended)
                .ok_or_else(|| {
                    refused(
                        "该成员没有成长考核期。",
                        format!("School #{school_id} has no growth period in group #{group_id}."),
                    )
                })?;
            diesel::update(gm::table.filter(gm::id.eq(m.id)))
                .set(gm::growth_until.eq(Some(to)))
                .execute(conn)?;
            Ok(())
        })
        .await
        .map_err(|e| failed("let the growth period pass", e))
}

/// The order's deadline passes: it is yesterday, the order still open.
pub async fn let_deadline_pass(state: &AppState, order_id: i64) -> Result<(), String> {
    let to = lapsed(today());
    state
        .db
        .write(move |conn| {
            let o = rectification::find(conn, order_id)?
                .filter(|o| !o.status.is_final())
                .ok_or_else(|| {
                    refused(
                        "整改通知不存在或已办结。",
                        format!("Order #{order_id} is absent or resolved."),
                    )
                })?;
            diesel::update(ro::table.filter(ro::id.eq(o.id)))
                .set(ro::deadline.eq(to))
                .execute(conn)?;
            Ok(())
        })
        .await
        .map_err(|e| failed("let the deadline pass", e))
}
