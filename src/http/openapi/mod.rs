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

mod examples;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "edugroups — 黔南州集团化办学 API",
        description = "The REST API that runs the reform of Qiannan's public schools into education groups (黔南州推进中小学集团化办学改革, 2021). \
Every error is an RFC 9457 problem (`application/problem+json`) in zh-CN or en by `Accept-Language`; rule refusals carry the rule id of the domain brief as `code` and the policy section as `policy_ref`. \
Lists take `limit` and an opaque `cursor`. Single resources carry an `ETag`; updates and deletions require `If-Match`. `POST` accepts `Idempotency-Key`. \
Every response has an `X-Request-Id`.",
        license(name = "MIT", identifier = "MIT"),
        contact(name = "edugroups maintainers", url = "https://edugroups.example/")
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
        crate::service::page::RecordSort, crate::service::page::PersonSort,
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
    doc.merge(handlers::hiring::HiringDoc::openapi());
    doc.merge(handlers::life::LifeDoc::openapi());
    doc.merge(handlers::staffing::StaffingDoc::openapi());
    doc.merge(handlers::exchange::ExchangeDoc::openapi());
    doc.merge(handlers::assessment::AssessmentDoc::openapi());
    doc.merge(handlers::funds::FundsDoc::openapi());
    Conventions.modify(&mut doc);
    doc.servers = Some(vec![utoipa::openapi::server::ServerBuilder::new()
        .url("/")
        .description(Some(
            "The service that serves this document (its origin: e.g. http://127.0.0.1:8080).",
        ))
        .build()]);
    with_examples(doc)
}

/// The document with an example on every schema (see `examples`); the round trip through JSON
/// is how utoipa's types are edited as a whole.
fn with_examples(doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let Ok(mut value) = serde_json::to_value(&doc) else {
        return doc;
    };
    examples::fill(&mut value);
    serde_json::from_value(value).unwrap_or(doc)
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
        for schema in components.schemas.values_mut() {
            single_branch_as_all_of(schema);
        }
        page_items_by_reference(components);
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
        if matches!(method, "post" | "put" | "patch") {
            // The token endpoint too: its body is a form, and anything else is a 415.
            kinds.extend([
                ErrorKind::RequestTimeout,
                ErrorKind::PayloadTooLarge,
                ErrorKind::UnsupportedMediaType,
            ]);
            if !public {
                kinds.push(ErrorKind::Validation);
            }
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
    for (status, response) in op.responses.responses.iter_mut() {
        if let (true, RefOr::T(r)) = (status.starts_with(['4', '5']), response) {
            as_problem(r);
        }
    }
}

/// utoipa inlines a generic's type parameter: `Page_School.items` would repeat the whole
/// `School` schema, and generated clients would get an anonymous item type. Each page refers to
/// its item schema instead.
fn page_items_by_reference(components: &mut utoipa::openapi::Components) {
    use utoipa::openapi::schema::{ArrayItems, Schema};
    let names: Vec<String> = components.schemas.keys().cloned().collect();
    for (name, schema) in components.schemas.iter_mut() {
        let Some(item) = name.strip_prefix("Page_") else {
            continue;
        };
        if !names.iter().any(|n| n == item) {
            continue;
        }
        if let RefOr::T(Schema::Object(page)) = schema {
            if let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items") {
                items.items =
                    ArrayItems::RefOrSchema(Box::new(RefOr::Ref(Ref::from_schema_name(item))));
            }
        }
    }
}

/// utoipa wraps a `$ref` that has a default or a description in a one-branch `oneOf`, which
/// says "exactly one of one" and trips linters; `allOf` of one says what is meant.
fn single_branch_as_all_of(schema: &mut RefOr<utoipa::openapi::schema::Schema>) {
    use utoipa::openapi::schema::{AllOfBuilder, Schema};
    let RefOr::T(s) = schema else { return };
    match s {
        Schema::Object(o) => {
            for p in o.properties.values_mut() {
                single_branch_as_all_of(p);
            }
        }
        Schema::OneOf(one) if one.items.len() == 1 => {
            let all = one
                .items
                .iter()
                .fold(AllOfBuilder::new(), |b, item| b.item(item.clone()))
                .description(one.description.clone())
                .default(one.default.clone())
                .build();
            *s = Schema::AllOf(all);
        }
        _ => {}
    }
}

/// Every error answer is a problem document: whatever a handler declared for it, its content
/// is `application/problem+json` with the `Problem` schema, and a `409` lists what each code it
/// names means, from the rule catalogue.
fn as_problem(r: &mut utoipa::openapi::Response) {
    let example = r
        .content
        .values()
        .find_map(|c| c.example.clone())
        .or_else(|| {
            r.content
                .get("application/problem+json")
                .and_then(|c| c.example.clone())
        });
    r.content.clear();
    r.content.insert(
        "application/problem+json".to_string(),
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .example(example)
            .build(),
    );
    let codes = catalogue_codes(&r.description);
    if !codes.is_empty() {
        let mut text = r.description.clone();
        text.push_str("\n\n");
        for e in codes {
            match e.policy_ref {
                Some(section) => text.push_str(&format!(
                    "- `{}` ({section}) {}: {}\n",
                    e.code, e.title_en, e.text_en
                )),
                None => text.push_str(&format!("- `{}` {}: {}\n", e.code, e.title_en, e.text_en)),
            }
        }
        r.description = text.trim_end().to_string();
    }
}

/// The catalogue entries a description names in backquotes, in the order named.
fn catalogue_codes(description: &str) -> Vec<crate::domain::rules::catalogue::CatalogueEntry> {
    let mut out: Vec<crate::domain::rules::catalogue::CatalogueEntry> = Vec::new();
    for (i, part) in description.split('`').enumerate() {
        if i % 2 == 1 && !out.iter().any(|e| e.code == part) {
            if let Some(e) = crate::domain::rules::catalogue::entry(part) {
                out.push(e);
            }
        }
    }
    out
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
