//! OAuth 2.0 client credentials for integrations: a service account's secret is shown once and
//! kept as an Argon2id hash.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::Db;
use crate::domain::auth::Role;
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::repo::changes::{self, AuditActor, Change, Op};
use crate::repo::clients::{self as repo, ClientRow};
use crate::security::jwt::{check_scope_claims, JwtKeys, TokenRequest};
use crate::security::secrets;

/// The answer of the token endpoint (RFC 6749 §5.1).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"access_token": "eyJhbGciOiJIUzI1NiJ9…", "token_type": "Bearer", "expires_in": 3600}))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
}

/// A service account just created; the secret is not kept and cannot be shown again.
#[derive(Debug, Serialize, serde::Deserialize)]
pub struct NewClient {
    pub client_id: String,
    pub client_secret: String,
    pub name: String,
    pub role: String,
    pub county: Option<String>,
}

fn invalid_client() -> ApiError {
    let mut e = ApiError::new(
        ErrorKind::InvalidClient,
        "客户端编号或密钥错误，或该客户端已停用。",
        "Unknown client, wrong secret, or a disabled client.",
    );
    e.oauth_error = Some("invalid_client");
    e
}

/// Exchanges client credentials for a bearer token.
pub async fn issue_token(
    db: &Db,
    keys: &JwtKeys,
    client_id: String,
    client_secret: String,
) -> ApiResult<TokenResponse> {
    let found = db
        .read(move |conn| {
            let row = if client_id.len() <= 64 {
                repo::find(conn, &client_id)?
            } else {
                None
            };
            Ok(row)
        })
        .await?;
    let secret = client_secret.clone();
    let stored = found.as_ref().map(|r| r.secret_hash.clone());
    // Verified off the executor: Argon2 is deliberately slow. An unknown id is checked against a
    // dummy hash so that timing does not reveal which ids exist.
    let ok = actix_web::web::block(move || {
        let hash = stored.as_deref().unwrap_or(secrets::dummy_hash());
        secrets::verify(&secret, hash)
    })
    .await?;
    let row = match found {
        Some(row) if ok && row.active => row,
        _ => return Err(invalid_client()),
    };
    let role = row.role;
    let (token, claims) = keys
        .issue(&TokenRequest {
            sub: format!("client:{}", row.id),
            role,
            county: row.county_code,
            school: row.school_id,
            ttl_secs: None,
        })
        .map_err(|_| invalid_client())?;
    Ok(TokenResponse {
        access_token: token,
        token_type: "Bearer".to_string(),
        expires_in: claims.exp - claims.iat,
    })
}

/// Creates a service account (from the command line); prints-once secret in the result.
pub async fn create(
    db: &Db,
    name: String,
    role: Role,
    county: Option<String>,
    school: Option<i64>,
) -> ApiResult<NewClient> {
    check_scope_claims(role, county.as_deref(), school)
        .map_err(|e| ApiError::new(ErrorKind::Validation, e.to_string(), e.to_string()))?;
    let secret = secrets::generate();
    let hash = secrets::hash(&secret).map_err(|_| ApiError::internal())?;
    let row = ClientRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.clone(),
        role,
        county_code: county.clone(),
        school_id: school,
        secret_hash: hash,
        active: true,
        created_at: crate::repo::now(),
    };
    let id = row.id.clone();
    db.write(move |conn| {
        repo::insert(conn, &row)?;
        changes::record(
            conn,
            &AuditActor { sub: "cli".into(), role: "operator".into(), request_id: None },
            Change {
                op: Op::Created,
                action: "service_client.create".into(),
                entity: "service_client",
                entity_id: row.id.clone(),
                natural_key: None,
                county_code: row.county_code.clone(),
                before: None,
                after: Some(serde_json::json!({"id": row.id, "name": row.name, "role": row.role, "county": row.county_code})),
                published: false,
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(NewClient {
        client_id: id,
        client_secret: secret,
        name,
        role: role.as_str().to_string(),
        county,
    })
}
