//! A group's life after establishment (§2.4.4): graduation and conversion after the growth
//! period, spin-off, rectification orders and revocation, dissolution, and the bureau's inbox
//! of applications with concurrent decisions.
//!
//! Time is simulated by writing dates through `app.conn()`: the API refuses a deadline in the
//! past and the county settings refuse a growth period under a year, so a test moves a growth
//! period's end or an order's deadline into the past directly, as if the days had gone by.

mod dissolution;
mod growth;
mod inbox;
mod sanctions;
mod spin_off;

use chrono::NaiveDate;
use diesel::prelude::*;
use edugroups::db::schema::{changes, group_memberships as gm, rectification_orders as ro};
use serde_json::{json, Value};

use crate::formation_fixture::*;
use crate::helpers::*;

/// Today in China Standard Time, as the service dates deadlines and growth periods.
pub fn today() -> NaiveDate {
    edugroups::domain::clock::today()
}

pub async fn exit(app: &TestApp, token: &str, group: i64, school: i64, body: Value) -> Resp {
    app.post(
        &format!("/api/v1/groups/{group}/members/{school}/exit"),
        token,
        &body,
    )
    .await
}

pub async fn decide(app: &TestApp, token: &str, application: i64, body: Value) -> Resp {
    app.post(
        &format!("/api/v1/applications/{application}/decision"),
        token,
        &body,
    )
    .await
}

/// The school's latest membership as the group shows it.
pub fn membership(group: &Value, school: i64) -> Value {
    group["members"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["school"]["id"] == school)
        .cloned()
        .unwrap_or(Value::Null)
}

/// The growth period of the school's membership ends on `until`, as if the years had passed.
pub fn set_growth_until(app: &TestApp, group: i64, school: i64, until: NaiveDate) {
    let n = diesel::update(
        gm::table
            .filter(gm::group_id.eq(group))
            .filter(gm::school_id.eq(school)),
    )
    .set(gm::growth_until.eq(Some(until)))
    .execute(&mut app.conn())
    .unwrap();
    assert_eq!(n, 1);
}

/// The order's deadline is `deadline`, as if the days had passed.
pub fn move_deadline(app: &TestApp, order: i64, deadline: NaiveDate) {
    let n = diesel::update(ro::table.filter(ro::id.eq(order)))
        .set(ro::deadline.eq(deadline))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(n, 1);
}

/// How many changes with `action` the feed holds.
pub fn changes_with(app: &TestApp, action: &str) -> i64 {
    changes::table
        .filter(changes::action.eq(action))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// The actions of the group's history, oldest first.
pub async fn history(app: &TestApp, token: &str, group: i64) -> Vec<String> {
    let h = app
        .get(&format!("/api/v1/groups/{group}/history"), token)
        .await;
    assert_eq!(h.status, 200, "{}", h.text);
    h.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["action"].as_str().unwrap().to_string())
        .collect()
}

/// A collaborative group in the builder's county, `preparing`, led by a township centre school.
pub async fn preparing_collaborative(b: &mut Builder<'_>) -> (i64, SchoolKit) {
    let core = b.school("211", "township_centre", "quality", 1, None).await;
    let g = b
        .authorize(core.id, "collaborative", "township_plus_rural")
        .await;
    b.prepare(g, core.id).await;
    (g, core)
}

pub fn note(text: &str, reason: &str) -> Value {
    json!({"reason": reason, "note": text})
}
