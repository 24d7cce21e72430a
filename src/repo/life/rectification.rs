//! Rectification orders (整改通知) the bureau gives a member school (§2.4.4, REVOKE).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::rectification_orders as r;
use crate::db::DbConnection;
use crate::domain::life::RectificationStatus;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct OrderRow {
    pub id: i64,
    pub group_id: i64,
    pub school_id: i64,
    /// The membership the order was given under: a school that leaves and rejoins starts clean.
    pub membership_id: Option<i64>,
    pub violation: String,
    pub deadline: NaiveDate,
    /// A `RectificationStatus`.
    pub status: RectificationStatus,
    pub response: Option<String>,
    pub responded_at: Option<NaiveDateTime>,
    pub resolved_at: Option<NaiveDateTime>,
    pub resolution_note: Option<String>,
    pub issued_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When the bureau found the report not rectified (`not_rectified`), and its reasons.
    pub rejected_at: Option<NaiveDateTime>,
    pub rejection_note: Option<String>,
    /// The inspection whose finding required it, if one did.
    pub inspection_id: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = r)]
pub struct NewOrderRow {
    pub group_id: i64,
    pub school_id: i64,
    pub membership_id: Option<i64>,
    pub violation: String,
    pub deadline: NaiveDate,
    pub status: RectificationStatus,
    pub issued_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub inspection_id: Option<i64>,
}

/// What answering, resolving or rejecting an order writes.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = r)]
pub struct OrderChange {
    pub status: Option<RectificationStatus>,
    pub response: Option<Option<String>>,
    pub responded_at: Option<Option<NaiveDateTime>>,
    pub resolved_at: Option<Option<NaiveDateTime>>,
    pub resolution_note: Option<Option<String>>,
    pub rejected_at: Option<Option<NaiveDateTime>>,
    pub rejection_note: Option<Option<String>>,
}

pub fn insert(conn: &mut DbConnection, row: &NewOrderRow) -> QueryResult<OrderRow> {
    diesel::insert_into(r::table)
        .values(row)
        .returning(r::all_columns)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<OrderRow>> {
    r::table
        .find(id)
        .select(OrderRow::as_select())
        .first(conn)
        .optional()
}

/// A group's orders by id, optionally of one school and one status.
pub fn of_group(
    conn: &mut DbConnection,
    group_id: i64,
    school_id: Option<i64>,
    status: &[RectificationStatus],
    after_id: i64,
    limit: i64,
) -> QueryResult<Vec<OrderRow>> {
    let mut q = r::table
        .filter(r::group_id.eq(group_id))
        .filter(r::id.gt(after_id))
        .order(r::id.asc())
        .limit(limit)
        .select(OrderRow::as_select())
        .into_boxed();
    if let Some(s) = school_id {
        q = q.filter(r::school_id.eq(s));
    }
    if !status.is_empty() {
        q = q.filter(r::status.eq_any(status.to_vec()));
    }
    q.load(conn)
}

/// The orders given under one membership, oldest first.
pub fn of_membership(conn: &mut DbConnection, membership_id: i64) -> QueryResult<Vec<OrderRow>> {
    r::table
        .filter(r::membership_id.eq(membership_id))
        .order(r::id.asc())
        .select(OrderRow::as_select())
        .load(conn)
}

/// Applies `change` if the order is still at `version` and open (`issued` or `responded`: the
/// bureau has not closed it); `None` otherwise.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    change: &OrderChange,
    at: NaiveDateTime,
) -> QueryResult<Option<OrderRow>> {
    diesel::update(
        r::table
            .filter(r::id.eq(id))
            .filter(r::version.eq(version))
            .filter(
                r::status.eq_any([RectificationStatus::Issued, RectificationStatus::Responded]),
            ),
    )
    .set((change, r::version.eq(version + 1), r::updated_at.eq(at)))
    .returning(r::all_columns)
    .get_result(conn)
    .optional()
}
