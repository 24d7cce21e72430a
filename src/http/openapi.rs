//! The OpenAPI document, generated from the code. `openapi/openapi.json` is a committed copy
//! that a test keeps equal to this, so that integrators can read it without running the service.

use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa::{Modify, OpenApi};

use crate::error::{ApiError, ErrorKind, Problem};
use crate::http::handlers::{self, auth, changes, registry, system};
use crate::i18n::Lang;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "edugroups — 黔南州集团化办学 API",
        description = "The REST API that runs the reform of Qiannan's public schools into education groups (黔南州推进中小学集团化办学改革, 2021). \
Every error is an RFC 9457 problem (`application/problem+json`) in zh-CN or en by `Accept-Language`; rule refusals carry the rule id of the domain brief as `code` and the policy section as `policy_ref`. \
Lists take `limit` and an opaque `cursor`. Single resources carry an `ETag`; updates and deletions require `If-Match`. `POST` accepts `Idempotency-Key`. \
Every response has an `X-Request-Id`.",
        license(name = "MIT")
    ),
    paths(
        system::discovery, system::health, system::ready,
        auth::token, auth::whoami,
        changes::feed,
        registry::vocabularies::list, registry::rules::list,
        registry::counties::list, registry::counties::get,
        registry::schools::create, registry::schools::list, registry::schools::get,
        registry::schools::update, registry::schools::delete,
        registry::persons::create, registry::persons::list, registry::persons::get,
        registry::persons::update, registry::persons::delete,
    ),
    components(schemas(
        Problem, crate::error::ProblemField,
        crate::domain::rules::catalogue::CatalogueEntry, crate::domain::rules::catalogue::EntryKind,
    )),
    tags(
        (name = "system", description = "Liveness, readiness and discovery"),
        (name = "auth", description = "Tokens and the caller's rights"),
        (name = "registry", description = "Counties, schools, persons and vocabularies"),
        (name = "changes", description = "The change feed for data exchange"),
    )
)]
pub struct ApiDoc;

/// The whole document: the foundation's paths and each area's, with the shared conventions
/// applied to every operation.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(handlers::groups::GroupsDoc::openapi());
    doc.merge(handlers::council::CouncilDoc::openapi());
    doc.merge(handlers::cadres::CadresDoc::openapi());
    doc.merge(handlers::life::LifeDoc::openapi());
    Conventions.modify(&mut doc);
    doc
}

/// The generated document as pretty JSON with a trailing newline, exactly as committed.
pub fn document_json() -> String {
    let mut s = document().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}

/// Adds what every operation shares instead of repeating it on each: the security schemes, the
/// security requirement of `/api/v1`, the request-id header, and the problem responses each
/// kind of operation can give, with examples.
struct Conventions;

impl Modify for Conventions {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A token from `edugroups token` or `POST /api/v1/oauth/token`.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "client_credentials",
            SecurityScheme::OAuth2(OAuth2::new([Flow::ClientCredentials(
                ClientCredentials::new("/api/v1/oauth/token", Scopes::new()),
            )])),
        );
        for (path, item) in api.paths.paths.iter_mut() {
            let ops: [(&str, &mut Option<Operation>); 5] = [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("put", &mut item.put),
                ("patch", &mut item.patch),
                ("delete", &mut item.delete),
            ];
            for (method, op) in ops {
                if let Some(op) = op.as_mut() {
                    decorate(path, method, op);
                }
            }
        }
    }
}

fn decorate(path: &str, method: &str, op: &mut Operation) {
    let is_api = path.starts_with("/api/v1");
    let public = !is_api || path == "/api/v1/oauth/token";
    if !public {
        op.security = Some(vec![
            utoipa::openapi::security::SecurityRequirement::new("bearer", Vec::<String>::new()),
            utoipa::openapi::security::SecurityRequirement::new(
                "client_credentials",
                Vec::<String>::new(),
            ),
        ]);
    }
    let params = op.parameters.get_or_insert_with(Vec::new);
    let takes_if_match = params.iter().any(|p| p.name == "If-Match");
    params.push(
        ParameterBuilder::new()
            .name("Accept-Language")
            .parameter_in(ParameterIn::Header)
            .description(Some(
                "`zh-CN` (default) or `en`: the language of problem titles and details.",
            ))
            .schema(Some(
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String),
            ))
            .example(Some(serde_json::json!("en")))
            .build(),
    );
    let mut kinds: Vec<ErrorKind> = vec![];
    if is_api {
        kinds.push(ErrorKind::BadRequest);
        if !public {
            kinds.extend([ErrorKind::InvalidToken, ErrorKind::Forbidden]);
        }
        if path.contains('{') {
            kinds.push(ErrorKind::NotFound);
        }
        if matches!(method, "post" | "put" | "patch") && !public {
            kinds.extend([
                ErrorKind::PayloadTooLarge,
                ErrorKind::UnsupportedMediaType,
                ErrorKind::Validation,
            ]);
        }
        if method == "post" && !public {
            kinds.extend([
                ErrorKind::IdempotencyKeyReused,
                ErrorKind::IdempotencyInProgress,
            ]);
        }
        if matches!(method, "put" | "patch" | "delete") {
            kinds.extend([
                ErrorKind::PreconditionFailed,
                ErrorKind::PreconditionRequired,
            ]);
        } else if takes_if_match {
            // Workflow steps check If-Match when it is given.
            kinds.push(ErrorKind::PreconditionFailed);
        }
        kinds.push(ErrorKind::Unavailable);
    }
    kinds.push(ErrorKind::Internal);
    for kind in kinds {
        let status = kind.spec().status.to_string();
        if op.responses.responses.contains_key(&status) {
            continue;
        }
        op.responses
            .responses
            .insert(status, problem_response(kind));
    }
}

fn problem_response(kind: ErrorKind) -> RefOr<utoipa::openapi::Response> {
    let spec = kind.spec();
    let example =
        ApiError::plain(kind).to_body(Lang::En, Some("6f1c1e2a-0d3b-4c55-9b7e-2f1d8f0e9a10"));
    RefOr::T(
        ResponseBuilder::new()
            .description(format!("`{}`: {}", spec.code, spec.title_en))
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .example(serde_json::to_value(example).ok())
                    .build(),
            )
            .build(),
    )
}
