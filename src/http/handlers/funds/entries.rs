//! Pooled-use entries and their reversals (ACCOUNTS-INDEPENDENT, §2.3.3; FUNDS-PURPOSE, §3.3).

use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::created;
use crate::service::funds::entries::{
    self as svc, FundEntries, FundEntry, FundEntryQuery, FundEntryReversalInput, NewFundEntry,
};
use crate::service::{AppState, Ctx};

/// Record a pooled-use entry
///
/// A pooled use of a member's people (`quantity` + `unit`), goods (`quantity` + `unit`) or
/// money (`amount_yuan`), against the member whose account bears it (`bearer_school_id`) and,
/// where relevant, the member that benefits. Money names a resolution of the group's council
/// of motion type `budget_plan`. From the group's funds (`source: group_funds`, money only),
/// `FUNDS-PURPOSE`: within the purpose's allocation for the year of `starts_on`, and never for
/// a purpose without one. The group's chair or the county bureau records. Entries are never
/// changed: correct one with a reversal.
#[utoipa::path(
    post, path = "/api/v1/groups/{id}/fund-entries", operation_id = "createFundEntry", tag = "funds",
    request_body = NewFundEntry,
    params(("id" = i64, Path, description = "Group id", example = 1)),
    responses(
        (status = 201, description = "The entry", body = FundEntry,
            headers(("Location" = String, description = "The entry"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair or the county bureau", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 409, description = "`FUNDS-PURPOSE`: beyond the purpose's allocation, a purpose without one, or money under a resolution that is not a budget plan", body = Problem),
        (status = 422, description = "`validation_failed`: e.g. a school outside the group, a resolution of another group, money without a resolution, a quantity for money", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<NewFundEntry>,
) -> ApiResult<HttpResponse> {
    let e = svc::create(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(format!("/api/v1/fund-entries/{}", e.id), 1, &e))
}

/// List a group's pooled-use entries
///
/// Oldest first, reversals included (each entry names the one reversing it). The bureaus,
/// inspectors and the chair read all; a member's administrator its own school's.
#[utoipa::path(
    get, path = "/api/v1/groups/{id}/fund-entries", operation_id = "listFundEntries", tag = "funds",
    params(("id" = i64, Path, description = "Group id", example = 1), FundEntryQuery),
    responses(
        (status = 200, description = "The entries", body = FundEntries),
        (status = 403, description = "Not a reader of the group's entries", body = Problem),
        (status = 404, description = "No such group in your scope", body = Problem),
        (status = 422, description = "`validation_failed`: a year out of range, a kind not in the vocabulary", body = Problem),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    q: Query<FundEntryQuery>,
) -> ApiResult<HttpResponse> {
    let r = svc::list(&state, &ctx, id.into_inner(), q.into_inner()).await?;
    Ok(HttpResponse::Ok().json(r))
}

/// Read a pooled-use entry
#[utoipa::path(
    get, path = "/api/v1/fund-entries/{id}", operation_id = "getFundEntry", tag = "funds",
    params(("id" = i64, Path, description = "Entry id", example = 7)),
    responses(
        (status = 200, description = "The entry", body = FundEntry),
        (status = 403, description = "Not a reader of the group's entries", body = Problem),
        (status = 404, description = "No such entry in your scope", body = Problem),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let e = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(e))
}

/// Reverse a pooled-use entry
///
/// The correction of an entry (ACCOUNTS-INDEPENDENT: entries are never changed): a new entry
/// negating its amount or quantity, with the reason as its description and `reverses_id`.
/// At most one reversal per entry, and a reversal is not reversed (`409 entry_reversed`).
#[utoipa::path(
    post, path = "/api/v1/fund-entries/{id}/reversal", operation_id = "reverseFundEntry", tag = "funds",
    request_body = FundEntryReversalInput,
    params(("id" = i64, Path, description = "Entry id", example = 7)),
    responses(
        (status = 201, description = "The reversing entry", body = FundEntry,
            headers(("Location" = String, description = "The reversing entry"), ("ETag" = String, description = "Its version"))),
        (status = 403, description = "Not the group's chair or the county bureau", body = Problem),
        (status = 404, description = "No such entry in your scope", body = Problem),
        (status = 409, description = "`entry_reversed`: reversed already, or itself a reversal", body = Problem),
        (status = 422, description = "`validation_failed`: no reason", body = Problem),
    )
)]
pub async fn reverse(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    body: Json<FundEntryReversalInput>,
) -> ApiResult<HttpResponse> {
    let e = svc::reverse(&state, &ctx, id.into_inner(), body.into_inner()).await?;
    Ok(created(format!("/api/v1/fund-entries/{}", e.id), 1, &e))
}
