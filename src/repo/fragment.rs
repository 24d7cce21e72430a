//! SQL fragments whose text never changes, for what diesel's query builder cannot say (a
//! correlated subquery in a select list). diesel's own `sql()` literal marks every statement it
//! appears in as not cacheable, so such a statement is parsed and planned again on every call;
//! a [`Fixed`] fragment is fixed text, so the statement is prepared once per connection and
//! found again by its type (`M` names the fragment: one marker type per text).

use std::marker::PhantomData;

use diesel::backend::Backend;
use diesel::expression::{is_aggregate, AppearsOnTable, Expression, SelectableExpression};
use diesel::expression::{TypedExpressionType, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, HasSqlType};
use diesel::QueryResult;

/// A fixed SQL expression of type `ST`, optionally with one `BIGINT` parameter placed after
/// `sql` and followed by `tail`. `M` is the fragment's own marker type: two fragments with
/// different text must not share one, because the statement cache finds statements by type.
#[derive(Debug)]
pub struct Fixed<ST, M> {
    sql: &'static str,
    bind: Option<(i64, &'static str)>,
    _types: PhantomData<(ST, M)>,
}

// By hand: the derives would ask the marker types to be `Clone` too.
impl<ST, M> Clone for Fixed<ST, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<ST, M> Copy for Fixed<ST, M> {}

impl<ST, M> Fixed<ST, M> {
    pub fn new(sql: &'static str) -> Self {
        Fixed {
            sql,
            bind: None,
            _types: PhantomData,
        }
    }

    /// `sql`, the parameter `value`, then `tail`.
    pub fn with_bind(sql: &'static str, value: i64, tail: &'static str) -> Self {
        Fixed {
            sql,
            bind: Some((value, tail)),
            _types: PhantomData,
        }
    }
}

impl<ST: TypedExpressionType, M> Expression for Fixed<ST, M> {
    type SqlType = ST;
}

impl<ST, M, DB> QueryFragment<DB> for Fixed<ST, M>
where
    DB: Backend + HasSqlType<BigInt>,
    i64: ToSql<BigInt, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql(self.sql);
        if let Some((value, tail)) = &self.bind {
            out.push_bind_param::<BigInt, i64>(value)?;
            out.push_sql(tail);
        }
        Ok(())
    }
}

impl<ST: 'static, M: 'static> QueryId for Fixed<ST, M> {
    type QueryId = Fixed<ST, M>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<ST, M, QS> AppearsOnTable<QS> for Fixed<ST, M> where Self: Expression {}

impl<ST, M, QS> SelectableExpression<QS> for Fixed<ST, M> where Self: AppearsOnTable<QS> {}

impl<ST, M, GB> ValidGrouping<GB> for Fixed<ST, M> {
    type IsAggregate = is_aggregate::Never;
}
