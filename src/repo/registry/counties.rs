use diesel::prelude::*;

use crate::db::schema::counties;
use crate::db::DbConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = counties)]
pub struct CountyRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub level: String,
    pub parent_code: Option<String>,
    pub sort_order: i32,
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<CountyRow>> {
    counties::table
        .order(counties::sort_order.asc())
        .select(CountyRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, code: &str) -> QueryResult<Option<CountyRow>> {
    counties::table
        .find(code)
        .select(CountyRow::as_select())
        .first(conn)
        .optional()
}
