use actix_web::{web, HttpResponse};

use crate::error::{ApiResult, Problem};
use crate::http::extract::IfMatchHeader;
use crate::http::json::Json;
use crate::http::query::Query;
use crate::http::respond::{created, ok_tagged};
use crate::service::page::{Page, PageQuery};
use crate::service::registry::persons::{self as svc, NewPerson, Person, PersonPatch, PersonQuery};
use crate::service::{AppState, Ctx};

/// Register a person
///
/// A teacher or cadre, with the school of personnel record. The resident ID number is checked
/// (GB 11643) and returned masked except to the county bureau.
#[utoipa::path(
    post, path = "/api/v1/persons", operation_id = "createPerson", tag = "registry",
    request_body = NewPerson,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe: the same key and body return the first response.", example = "9d0e-create-person")),
    responses(
        (status = 201, description = "Registered", body = Person,
            headers(("Location" = String, description = "The new person"), ("ETag" = String, description = "Its version"))),
        (status = 409, description = "`id_number_taken`: the resident ID number is registered already", body = Problem),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    ctx: Ctx,
    body: Json<NewPerson>,
) -> ApiResult<HttpResponse> {
    let person = svc::create(&state, &ctx, body.into_inner()).await?;
    Ok(created(
        format!("/api/v1/persons/{}", person.id),
        person.version,
        &person,
    ))
}

/// List persons
///
/// Persons in the caller's scope, by id, filtered by the query parameters. Resident ID numbers
/// are masked except for the county bureau.
#[utoipa::path(
    get, path = "/api/v1/persons", operation_id = "listPersons", tag = "registry",
    params(PersonQuery, PageQuery),
    responses((status = 200, description = "A page of persons", body = Page<Person>))
)]
pub async fn list(
    state: web::Data<AppState>,
    ctx: Ctx,
    q: Query<PersonQuery>,
    page: Query<PageQuery>,
) -> ApiResult<HttpResponse> {
    let page = svc::list(&state, &ctx, q.into_inner(), page.into_inner()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Read a person
///
/// A person of the registry. The resident ID number is masked (`id_number_masked: true`) for
/// every role but the county bureau.
#[utoipa::path(
    get, path = "/api/v1/persons/{id}", operation_id = "getPerson", tag = "registry",
    params(("id" = i64, Path, description = "Person id", example = 7)),
    responses((status = 200, description = "The person", body = Person,
        headers(("ETag" = String, description = "The version, for If-Match"))))
)]
pub async fn get(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let person = svc::get(&state, &ctx, id.into_inner()).await?;
    Ok(ok_tagged(person.version, &person))
}

/// Update a person
///
/// Send only the fields that change; `null` clears a nullable field. `If-Match` must carry the
/// `ETag` last read. The county follows the school of personnel record.
#[utoipa::path(
    patch, path = "/api/v1/persons/{id}", operation_id = "updatePerson", tag = "registry",
    request_body = PersonPatch,
    params(
        ("id" = i64, Path, description = "Person id", example = 7),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"1\""),
    ),
    responses(
        (status = 200, description = "The person as it now stands", body = Person,
            headers(("ETag" = String, description = "The new version"))),
        (status = 409, description = "`id_number_taken`", body = Problem),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
    body: Json<PersonPatch>,
) -> ApiResult<HttpResponse> {
    let person = svc::update(
        &state,
        &ctx,
        id.into_inner(),
        if_match.required()?,
        body.into_inner(),
    )
    .await?;
    Ok(ok_tagged(person.version, &person))
}

/// Delete a person
///
/// Only a person who is no school's legal representative; the change feed carries the deletion.
/// `If-Match` must carry the `ETag` last read.
#[utoipa::path(
    delete, path = "/api/v1/persons/{id}", operation_id = "deletePerson", tag = "registry",
    params(
        ("id" = i64, Path, description = "Person id", example = 7),
        ("If-Match" = String, Header, description = "The ETag last read", example = "\"1\""),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "`person_in_use`: the person is a school's legal representative", body = Problem),
    )
)]
pub async fn delete(
    state: web::Data<AppState>,
    ctx: Ctx,
    id: web::Path<i64>,
    if_match: IfMatchHeader,
) -> ApiResult<HttpResponse> {
    svc::delete(&state, &ctx, id.into_inner(), if_match.required()?).await?;
    Ok(HttpResponse::NoContent().finish())
}
