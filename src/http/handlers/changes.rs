use actix_web::{web, HttpResponse};

use crate::error::ApiResult;
use crate::http::query::Query;
use crate::service::changes::{self as svc, ChangeFeed, ChangeQuery};
use crate::service::{AppState, Ctx};

/// The change feed
///
/// Every created, updated and deleted record in commit order, for provincial integrations:
/// poll with `after` set to the last `next_after`. A county-scoped caller sees its county's
/// changes only.
#[utoipa::path(
    get, path = "/api/v1/changes", operation_id = "listChanges", tag = "changes",
    params(ChangeQuery),
    responses((status = 200, description = "Changes after `after`", body = ChangeFeed))
)]
pub async fn feed(
    state: web::Data<AppState>,
    ctx: Ctx,
    q: Query<ChangeQuery>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(svc::feed(&state, &ctx, q.into_inner()).await?))
}
