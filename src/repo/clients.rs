//! Service accounts of integrations (OAuth 2.0 client credentials).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::service_clients;
use crate::db::DbConnection;
use crate::domain::auth::Role;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = service_clients)]
pub struct ClientRow {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub county_code: Option<String>,
    pub school_id: Option<i64>,
    pub secret_hash: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &ClientRow) -> QueryResult<()> {
    diesel::insert_into(service_clients::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<ClientRow>> {
    service_clients::table
        .find(id)
        .select(ClientRow::as_select())
        .first(conn)
        .optional()
}
