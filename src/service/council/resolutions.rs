//! Resolutions: an adopted motion becomes one, numbered `{group code}-{year}-{sequence}`, in
//! the transaction that closed it. They are never changed or deleted; a council resolution on
//! the charter marks the charter draft adopted (the dossier needs it, GRP-ESTABLISH-DOSSIER).

use serde::Deserialize;
use utoipa::IntoParams;

use super::rules::{resolution_number, resolution_year};
use super::views::Resolution;
use super::{record, Audit};
use crate::db::DbConnection;
use crate::domain::council::MotionType;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::Op;
use crate::repo::council::motions::MotionRow;
use crate::repo::council::resolutions::{self as repo, NewResolutionRow, ResolutionFilter};
use crate::repo::groups::group::GroupRow;
use crate::service::groups::access;
use crate::service::page::{paginate, Page, PageQuery};
use crate::service::{AppState, Ctx};

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResolutionQuery {
    /// Any of these motion types (repeat the parameter for several).
    #[serde(default)]
    pub motion_type: Vec<MotionType>,
    /// The year of the number (China Standard Time).
    #[param(example = 2026)]
    pub year: Option<i32>,
}

/// Issues the resolution of an adopted motion; part of the closing transaction.
pub(crate) fn issue(
    conn: &mut DbConnection,
    ctx: &Ctx,
    g: &GroupRow,
    motion: &MotionRow,
) -> ApiResult<Resolution> {
    let at = motion.closed_at.unwrap_or_else(crate::repo::now);
    let year = resolution_year(at);
    let sequence = repo::last_sequence(conn, g.id, year)? + 1;
    let row = repo::insert(
        conn,
        &NewResolutionRow {
            group_id: g.id,
            motion_id: motion.id,
            number: resolution_number(&g.code, year, sequence),
            year,
            sequence,
            title: motion.title.clone(),
            motion_type: motion.motion_type,
            issued_at: at,
        },
    )?;
    let res = Resolution::from_row(row);
    record(
        conn,
        ctx,
        g,
        Audit {
            op: Op::Created,
            action: "resolution.issue",
            entity: "resolution",
            entity_id: res.id.to_string(),
            natural_key: Some(res.number.clone()),
            after: serde_json::to_value(&res).unwrap_or_default(),
            published: true,
        },
    )?;
    Ok(res)
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    group_id: i64,
    q: ResolutionQuery,
    page: PageQuery,
) -> ApiResult<Page<Resolution>> {
    let w = page.window()?;
    let filter = ResolutionFilter {
        motion_type: q.motion_type,
        year: q.year,
    };
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let g = access::load(conn, &ctx, group_id)?;
            let rows = repo::list(conn, g.id, &filter, w.after_id, w.limit + 1)?;
            Ok(paginate(rows, w, |r| r.id, Resolution::from_row))
        })
        .await
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<Resolution> {
    let ctx = ctx.clone();
    state
        .db
        .read(move |conn| {
            let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
            access::load(conn, &ctx, row.group_id)?;
            Ok(Resolution::from_row(row))
        })
        .await
}
