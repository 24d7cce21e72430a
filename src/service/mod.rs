//! Use cases: authorisation, rules and transactions. Handlers call these; these call `repo`.

pub mod assessment;
pub mod auth;
pub mod cadres;
pub mod changes;
pub mod checks;
pub mod council;
pub mod effects;
pub mod exchange;
pub mod funds;
pub mod groups;
pub mod hiring;
pub mod life;
pub mod page;
pub mod registry;
pub mod staffing;

use crate::db::Db;
use crate::domain::auth::{Permission, Principal};
use crate::error::{ApiError, ApiResult, ErrorKind};
use crate::repo::changes::AuditActor;

/// What every service call shares: the database and the deployment's settings.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// The province digits school codes must carry (REFERENCE-CODES.md: Guizhou is `52`).
    pub province_code: String,
    /// How long an attempt holds its `Idempotency-Key` (`EDUGROUPS_IDEMPOTENCY_LEASE_SECONDS`).
    pub idempotency_lease_secs: u32,
}

/// The caller of one request.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub principal: Principal,
    pub request_id: String,
}

impl Ctx {
    pub fn audit_actor(&self) -> AuditActor {
        AuditActor {
            sub: self.principal.sub.clone(),
            role: self.principal.role.as_str().to_string(),
            request_id: Some(self.request_id.clone()),
        }
    }

    /// Refuses with `403` a caller whose role lacks `p`.
    pub fn require(&self, p: Permission) -> ApiResult<()> {
        if self.principal.can(p) {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorKind::Forbidden,
                format!(
                    "角色“{}”没有“{}”权限。",
                    self.principal.role.label_zh(),
                    p.label_zh()
                ),
                format!(
                    "The role {} lacks the permission {}.",
                    self.principal.role.as_str(),
                    p.as_str()
                ),
            ))
        }
    }

    /// The county a list is confined to: the caller's own for county-scoped callers, else what
    /// was asked. `None` when the caller asked for another county: such a list is empty.
    pub fn list_county(&self, asked: Option<String>) -> Option<Option<String>> {
        match (self.principal.county_filter(), asked) {
            (Some(own), Some(asked)) if asked != own => None,
            (Some(own), _) => Some(Some(own.to_string())),
            (None, asked) => Some(asked),
        }
    }

    /// `403` unless the caller is a bureau or an inspector: the roll-ups over a whole county, and
    /// the lists of named people with their priorities, are theirs. `what` names the report.
    pub fn ensure_county_reader(&self, what_zh: &str, what_en: &str) -> ApiResult<()> {
        use crate::domain::auth::Role;
        if matches!(
            self.principal.role,
            Role::CountyBureau | Role::PrefectureBureau | Role::Inspector
        ) {
            return Ok(());
        }
        Err(ApiError::new(
            ErrorKind::Forbidden,
            format!("{what_zh}仅供教育局和督导查看。"),
            format!("{what_en} is for the bureaus and inspectors."),
        ))
    }

    /// `404` for a record outside the caller's county: its existence is not revealed.
    pub fn ensure_sees(&self, county: &str) -> ApiResult<()> {
        if self.principal.sees_county(county) {
            Ok(())
        } else {
            Err(ApiError::not_found())
        }
    }
}

/// The client's `If-Match`: `*` or the versions (ETags) it last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    Any,
    Versions(Vec<i32>),
}

impl IfMatch {
    /// `412` unless the current version is one the client names.
    pub fn check(&self, current: i32) -> ApiResult<()> {
        match self {
            IfMatch::Any => Ok(()),
            IfMatch::Versions(v) if v.contains(&current) => Ok(()),
            IfMatch::Versions(_) => Err(stale(current)),
        }
    }
}

pub fn stale(current: i32) -> ApiError {
    ApiError::new(
        ErrorKind::PreconditionFailed,
        format!("资源已被他人修改（当前版本 {current}），请重新读取后再提交。"),
        format!("The resource has changed (now at version {current}); read it again and retry."),
    )
}
