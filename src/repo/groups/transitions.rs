use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::group_transitions as t;
use crate::db::DbConnection;
use crate::domain::groups::GroupStatus;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = t)]
pub struct TransitionRow {
    #[diesel(skip_insertion)]
    pub id: i64,
    pub group_id: i64,
    pub from_status: Option<GroupStatus>,
    pub to_status: GroupStatus,
    pub action: String,
    pub actor_sub: String,
    pub actor_role: String,
    pub reason: Option<String>,
    pub at: NaiveDateTime,
}

pub fn record(conn: &mut DbConnection, row: &TransitionRow) -> QueryResult<()> {
    diesel::insert_into(t::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn of_group(conn: &mut DbConnection, group_id: i64) -> QueryResult<Vec<TransitionRow>> {
    t::table
        .filter(t::group_id.eq(group_id))
        .order(t::id.asc())
        .select(TransitionRow::as_select())
        .load(conn)
}
