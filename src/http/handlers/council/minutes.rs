use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::ApiResult;
use crate::i18n::Lang;
use crate::service::council::minutes::{self as svc, Minutes};
use crate::service::{AppState, Ctx};

/// Read a meeting's minutes
///
/// Attendance (seat, person, school, status, proxy) and each motion with its type, threshold in
/// words, counts, outcome and resolution number; the roll call for open ballots, only the
/// counts for secret ones. Texts follow `Accept-Language` (`zh-CN` by default, or `en`).
#[utoipa::path(
    get, path = "/api/v1/meetings/{id}/minutes", operation_id = "getMinutes", tag = "council",
    params(("id" = i64, Path, description = "Meeting id", example = 1)),
    responses((status = 200, description = "The minutes", body = Minutes,
        headers(("Content-Language" = String, description = "`zh-CN` or `en`"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let lang = Lang::of(&req);
    let m = svc::get(&state, &ctx, id.into_inner(), lang).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_LANGUAGE, lang.tag()))
        .json(m))
}
