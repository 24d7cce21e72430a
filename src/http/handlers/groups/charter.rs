use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::respond::ok_tagged;
use crate::service::groups::charter::{self as svc, Charter, CharterDraft};
use crate::service::{AppState, Ctx};

/// Read the charter
///
/// The newest version: its sections, rules of procedure, status and the sections still missing.
/// It may be a draft or an amendment awaiting approval: `in_force` says whether it is the
/// version in force, `in_force_version_no` which one is (`…/charter/versions/{version_no}`).
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/charter", operation_id = "getCharter", tag = "groups",
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses((status = 200, description = "The charter", body = Charter, headers(("ETag" = String, description = "The draft's version"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let c = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(c.version, &c))
}

/// Write the charter draft
///
/// The core school writes the draft: the sections CHARTER-SECTIONS requires and the rules of
/// procedure (quorum, thresholds, matters needing two thirds, how the office meeting decides;
/// the county's defaults when absent). Editing an existing draft needs `If-Match`; the first
/// draft (201) or a new version after an adopted, approved or rejected one (201) needs none; the
/// new version is in force only once the council adopts it and the bureau approves it.
#[utoipa::path(
    put, path = "/api/v1/groups/{id}/charter", operation_id = "putCharter", tag = "groups",
    request_body = CharterDraft,
    params(("id" = i64, Path, description = "Group id", example = 1),
        ("If-Match" = Option<String>, Header, description = "The draft's ETag, to edit an existing draft", example = "\"1\"")),
    responses(
        (status = 200, description = "The draft, edited", body = Charter),
        (status = 201, description = "A new draft version", body = Charter),
        (status = 409, description = "`GROUP-STATE`: the group is not being prepared or established; `CHARTER-APPROVAL`: a version is with the bureau for approval; `charter_under_vote`", body = Problem),
    )
)]
pub async fn put(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    m: IfMatchHeader,
    body: Json<CharterDraft>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (c, created) = svc::put(&state, &ctx, id, m.0, body.into_inner()).await?;
    Ok(if created {
        crate::http::respond::created(format!("/api/v1/groups/{id}/charter"), c.version, &c)
    } else {
        ok_tagged(c.version, &c)
    })
}
