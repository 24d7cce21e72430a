//! Schools and kindergartens of the registry.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::super::checks::{double_option, Checks};
use super::super::page::{paginate_sorted, Page, PageQuery, RecordSort, Seek};
use super::super::{stale, AppState, Ctx, IfMatch};
use crate::db::DbConnection;
use crate::domain::auth::Permission;
use crate::domain::codes::{school_code, uscc};
use crate::domain::registry::{county::is_county, PersonKind, SchoolLocation, SchoolStanding};
use crate::domain::rules::Conflict;
use crate::error::{ApiError, ApiResult};
use crate::repo::changes::{self, Change, Op};
use crate::repo::registry::schools::{SchoolFields, SchoolFilter, SchoolRow};
use crate::repo::registry::{lookups, persons, schools as repo};
use crate::service::groups::succession;

/// A school as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "code": "2152012345", "name": "都匀市第一小学", "county_code": "522701",
    "type_code": "211", "urban_rural_code": "111", "location": "urban", "standing": "quality",
    "uscc": "12522701MB1234567T", "uscc_check_ok": true, "legal_representative_id": null,
    "staffing_quota": 120, "address": "都匀市剑江中路 1 号", "opened_on": "1956-09-01",
    "version": 1, "created_at": "2026-03-01T08:00:00Z", "updated_at": "2026-03-01T08:00:00Z"
}))]
pub struct School {
    pub id: i64,
    /// MOE school identification code (10 digits).
    pub code: String,
    pub name: String,
    /// GB/T 2260 county code.
    pub county_code: String,
    /// School type (JY/T 1001), a `school_types` lookup code.
    pub type_code: String,
    /// Urban–rural classification code, a `urban_rural_codes` lookup code.
    pub urban_rural_code: String,
    pub location: SchoolLocation,
    pub standing: SchoolStanding,
    /// Unified social credit code (GB 32100).
    pub uscc: Option<String>,
    /// False when the bureau kept a code whose check character does not compute (early pilot codes).
    pub uscc_check_ok: bool,
    /// The person who is the school's legal representative.
    pub legal_representative_id: Option<i64>,
    /// Approved staffing quota (编制数).
    pub staffing_quota: i32,
    pub address: Option<String>,
    pub opened_on: Option<NaiveDate>,
    /// The row's version; also its `ETag`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl School {
    pub fn from_row(r: SchoolRow) -> School {
        School {
            location: r.location,
            standing: r.standing,
            id: r.id,
            code: r.code,
            name: r.name,
            county_code: r.county_code,
            type_code: r.type_code,
            urban_rural_code: r.urban_rural_code,
            uscc: r.uscc,
            uscc_check_ok: r.uscc_check_ok,
            legal_representative_id: r.legal_representative_id,
            staffing_quota: r.staffing_quota,
            address: r.address,
            opened_on: r.opened_on,
            version: r.version,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

/// A new school. Every field is checked at once; a `422` lists each bad one.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "code": "2152012345", "name": "都匀市第一小学", "county_code": "522701", "type_code": "211",
    "urban_rural_code": "111", "location": "urban", "standing": "quality",
    "uscc": "12522701MB1234567T", "staffing_quota": 120, "address": "都匀市剑江中路 1 号",
    "opened_on": "1956-09-01"
}))]
pub struct NewSchool {
    /// MOE school identification code: 10 digits, digits 3–4 the province (`52`).
    #[schema(required = true)]
    pub code: Option<String>,
    #[schema(required = true)]
    pub name: Option<String>,
    #[schema(required = true)]
    pub county_code: Option<String>,
    #[schema(required = true)]
    pub type_code: Option<String>,
    #[schema(required = true)]
    pub urban_rural_code: Option<String>,
    #[schema(required = true, value_type = SchoolLocation)]
    pub location: Option<String>,
    #[schema(required = true, value_type = SchoolStanding)]
    pub standing: Option<String>,
    pub uscc: Option<String>,
    /// Keep a unified social credit code whose check character does not compute (some early pilot
    /// codes); without it such a code is refused with `422`.
    pub accept_uscc_check_warning: Option<bool>,
    pub legal_representative_id: Option<i64>,
    #[schema(required = true, minimum = 0, maximum = 20000)]
    pub staffing_quota: Option<i32>,
    pub address: Option<String>,
    #[serde(default, deserialize_with = "crate::domain::dates::date")]
    pub opened_on: Option<NaiveDate>,
}

/// Changes to a school: fields absent stay as they are; `null` clears a nullable field.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"standing": "quality", "staffing_quota": 130}))]
pub struct SchoolPatch {
    pub name: Option<String>,
    pub type_code: Option<String>,
    pub urban_rural_code: Option<String>,
    #[schema(value_type = Option<SchoolLocation>)]
    pub location: Option<String>,
    #[schema(value_type = Option<SchoolStanding>)]
    pub standing: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub uscc: Option<Option<String>>,
    pub accept_uscc_check_warning: Option<bool>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub legal_representative_id: Option<Option<i64>>,
    pub staffing_quota: Option<i32>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::domain::dates::date_patch")]
    #[schema(value_type = Option<NaiveDate>)]
    pub opened_on: Option<Option<NaiveDate>>,
    /// The county cannot change: a school moves between counties only by the bureaus' own
    /// procedure, outside this service.
    #[schema(value_type = Option<String>)]
    pub county_code: Option<String>,
    /// The MOE code is assigned once and never changes.
    #[schema(value_type = Option<String>)]
    pub code: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SchoolQuery {
    /// GB/T 2260 county code.
    #[param(example = "522701")]
    pub county: Option<String>,
    /// School type code.
    #[param(example = "211")]
    pub type_code: Option<String>,
    /// Any of these locations (repeat the parameter for several).
    #[serde(default)]
    pub location: Vec<SchoolLocation>,
    /// Any of these standings.
    #[serde(default)]
    pub standing: Vec<SchoolStanding>,
    pub urban_rural_code: Option<String>,
    /// Exact MOE code.
    pub code: Option<String>,
    /// Part of the name, Chinese or not (`q=一小`).
    #[param(example = "第一小学")]
    pub q: Option<String>,
    /// The order of the list (default `id`); a cursor continues the order it was issued in.
    pub sort: Option<RecordSort>,
    /// `true` adds `total`, the number of schools the filters select.
    pub count: Option<bool>,
}

/// Checks a complete draft of a school's fields against each other and the database.
fn validate(
    conn: &mut DbConnection,
    ctx: &Ctx,
    province: &str,
    d: NewSchool,
) -> ApiResult<SchoolFields> {
    let mut c = Checks::new();
    let code = c.required("code", d.code).unwrap_or_default();
    if !c.has("code") && school_code::validate(code.trim(), province).is_err() {
        c.push(
            "code",
            format!("学校标识码须为 10 位数字，第 3–4 位为省份代码 {province}。"),
            format!("The school code must be 10 digits with the province code {province} in digits 3–4."),
        );
    }
    let name = c.required("name", d.name).unwrap_or_default();
    let name = if c.has("name") {
        name
    } else {
        c.text("name", &name, 2, 100)
    };
    let county = c.required("county_code", d.county_code).unwrap_or_default();
    if !c.has("county_code") && !is_county(&county) {
        c.push(
            "county_code",
            "不是黔南州的县级行政区划代码。",
            "Not a county-level division code of Qiannan.",
        );
    }
    let type_code = c.required("type_code", d.type_code).unwrap_or_default();
    if !c.has("type_code") && !lookups::school_type_exists(conn, &type_code)? {
        c.push(
            "type_code",
            "未知的办学类型代码。",
            "Unknown school type code.",
        );
    }
    let ur = c
        .required("urban_rural_code", d.urban_rural_code)
        .unwrap_or_default();
    if !c.has("urban_rural_code") && !lookups::urban_rural_exists(conn, &ur)? {
        c.push(
            "urban_rural_code",
            "未知的城乡分类代码。",
            "Unknown urban–rural code.",
        );
    }
    let location = c.required("location", d.location).and_then(|v| {
        c.enum_code(
            "location",
            &v,
            SchoolLocation::parse,
            SchoolLocation::codes(),
        )
    });
    let standing = c.required("standing", d.standing).and_then(|v| {
        c.enum_code(
            "standing",
            &v,
            SchoolStanding::parse,
            SchoolStanding::codes(),
        )
    });
    let quota = c
        .required("staffing_quota", d.staffing_quota)
        .unwrap_or_default();
    c.range("staffing_quota", quota.into(), 0, 20_000);
    let address = d.address.map(|a| c.text("address", &a, 1, 200));
    let mut uscc_value = None;
    let mut uscc_ok = true;
    if let Some(raw) = d.uscc {
        match uscc::parse(&raw) {
            Err(_) => c.push(
                "uscc",
                "统一社会信用代码须为 18 位，只含数字和除 I、O、S、V、Z 外的大写字母。",
                "A unified social credit code is 18 characters: digits and capital letters other than I, O, S, V, Z.",
            ),
            Ok(p) => {
                if !p.check_ok && d.accept_uscc_check_warning != Some(true) {
                    c.push(
                        "uscc",
                        format!("校验码应为 {}，如确为早期试点代码，请加上 accept_uscc_check_warning: true 重新提交。", p.expected_check),
                        format!("The check character should be {}; if this is an early pilot code, resend with accept_uscc_check_warning: true.", p.expected_check),
                    );
                }
                uscc_ok = p.check_ok;
                uscc_value = Some(p.code);
            }
        }
    }
    if let Some(pid) = d.legal_representative_id {
        let person = persons::find(conn, pid)?;
        match person {
            Some(p) if p.county_code == county && ctx.principal.sees_county(&p.county_code) => {
                if p.kind != PersonKind::Staff {
                    c.push(
                        "legal_representative_id",
                        "学生家长不是教职工，不能担任学校的法定代表人。",
                        "A parent is not staff and cannot be a school's legal representative.",
                    );
                }
            }
            _ => c.push(
                "legal_representative_id",
                "本县没有该人员。",
                "No such person in this county.",
            ),
        }
    }
    if let Some(date) = d.opened_on {
        if date > crate::domain::clock::today() + chrono::Days::new(366) {
            c.push(
                "opened_on",
                "开办日期不能晚于明年。",
                "The opening date cannot be more than a year ahead.",
            );
        }
    }
    c.finish()?;
    let (Some(location), Some(standing)) = (location, standing) else {
        return Err(ApiError::internal());
    };
    Ok(SchoolFields {
        code: code.trim().to_string(),
        name,
        county_code: county,
        type_code,
        urban_rural_code: ur,
        location,
        standing,
        uscc: uscc_value,
        uscc_check_ok: uscc_ok,
        legal_representative_id: d.legal_representative_id,
        staffing_quota: quota,
        address,
        opened_on: d.opened_on,
    })
}

fn snapshot(s: &School) -> Option<serde_json::Value> {
    serde_json::to_value(s).ok()
}

/// The audit entry and change-feed row of a change to a school.
pub(crate) fn change(
    op: Op,
    action: &str,
    s: &School,
    before: Option<&School>,
    after: Option<&School>,
) -> Change {
    Change {
        op,
        action: action.to_string(),
        entity: "school",
        entity_id: s.id.to_string(),
        natural_key: Some(s.code.clone()),
        county_code: Some(s.county_code.clone()),
        before: before.and_then(snapshot),
        after: after.and_then(snapshot),
        published: true,
    }
}

/// `409` when another school holds the same unified social credit code.
fn check_uscc_free(
    conn: &mut DbConnection,
    fields: &SchoolFields,
    own_id: Option<i64>,
) -> ApiResult<()> {
    let Some(code) = &fields.uscc else {
        return Ok(());
    };
    match repo::find_by_uscc(conn, code)? {
        Some(other) if Some(other.id) != own_id => Err(ApiError::conflict_of(
            Conflict::UsccTaken,
            format!("统一社会信用代码 {code} 已属于学校 {}。", other.code),
            format!(
                "The unified social credit code {code} belongs to school {}.",
                other.code
            ),
        )
        .with_errors(vec![crate::error::FieldError::new(
            "uscc",
            "已被其他学校使用。",
            "Already used by another school.",
        )])),
        _ => Ok(()),
    }
}

fn duplicate_code(code: &str) -> ApiError {
    ApiError::conflict_of(
        Conflict::SchoolCodeTaken,
        format!("学校标识码 {code} 已登记。"),
        format!("A school with code {code} is already registered."),
    )
}

pub async fn create(state: &AppState, ctx: &Ctx, input: NewSchool) -> ApiResult<School> {
    let ctx = ctx.clone();
    let province = state.province_code.clone();
    state
        .db
        .write(move |conn| create_in(conn, &ctx, &province, input))
        .await
}

/// Registers a school in the transaction it is given, with every check and its audit entry:
/// a request, the demo seed and a bulk import all register schools through this.
pub fn create_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
    province: &str,
    input: NewSchool,
) -> ApiResult<School> {
    ctx.require(Permission::RegistryWrite)?;
    if let Some(county) = &input.county_code {
        if is_county(county) && !ctx.principal.sees_county(county) {
            return Err(ApiError::new(
                crate::error::ErrorKind::OutOfScope,
                "只能在本县登记学校。",
                "You may only register schools in your own county.",
            ));
        }
    }
    let fields = validate(conn, ctx, province, input)?;
    if repo::find_by_code(conn, &fields.code)?.is_some() {
        return Err(duplicate_code(&fields.code));
    }
    check_uscc_free(conn, &fields, None)?;
    let row = repo::insert(conn, &fields, crate::repo::now())?;
    let school = School::from_row(row);
    changes::record(
        conn,
        &ctx.audit_actor(),
        change(Op::Created, "school.create", &school, None, Some(&school)),
    )?;
    Ok(school)
}

pub async fn get(state: &AppState, ctx: &Ctx, id: i64) -> ApiResult<School> {
    ctx.require(Permission::RegistryRead)?;
    let ctx = ctx.clone();
    state
        .db
        .query(move |conn| {
            let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&row.county_code)?;
            Ok(School::from_row(row))
        })
        .await
}

pub async fn list(
    state: &AppState,
    ctx: &Ctx,
    q: SchoolQuery,
    page: PageQuery,
) -> ApiResult<Page<School>> {
    ctx.require(Permission::RegistryRead)?;
    let w = page.sorted_window(q.sort.unwrap_or(RecordSort::Id))?;
    let count = q.count.unwrap_or(false);
    let mut filter = SchoolFilter {
        county: q.county,
        type_code: q.type_code,
        location: q.location,
        standing: q.standing,
        urban_rural_code: q.urban_rural_code,
        code: q.code,
        name_contains: q.q.filter(|s| !s.trim().is_empty()),
    };
    match ctx.list_county(filter.county.take()) {
        Some(county) => filter.county = county,
        None => return Ok(Page::empty()),
    }
    state
        .db
        .read(move |conn| {
            let rows = repo::list(conn, &filter, &w)?;
            let total = if count {
                Some(repo::count(conn, &filter)?)
            } else {
                None
            };
            let seek = |r: &SchoolRow| Seek {
                id: r.id,
                key: w.key_of(&r.name, &r.code).map(str::to_string),
            };
            Ok(paginate_sorted(rows, &w, seek, School::from_row).with_total(total))
        })
        .await
}

pub async fn update(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    if_match: IfMatch,
    patch: SchoolPatch,
) -> ApiResult<School> {
    let ctx = ctx.clone();
    let province = state.province_code.clone();
    state
        .db
        .write(move |conn| update_in(conn, &ctx, &province, id, if_match, patch))
        .await
}

/// Changes a school in the transaction it is given (see `create_in`).
pub fn update_in(
    conn: &mut DbConnection,
    ctx: &Ctx,
    province: &str,
    id: i64,
    if_match: IfMatch,
    patch: SchoolPatch,
) -> ApiResult<School> {
    ctx.require(Permission::RegistryWrite)?;
    let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    ctx.ensure_sees(&row.county_code)?;
    if_match.check(row.version)?;
    let version = row.version;
    let mut c = Checks::new();
    if patch.code.as_ref().is_some_and(|v| *v != row.code) {
        c.push(
            "code",
            "学校标识码一经赋予不再变更。",
            "The school code never changes once assigned.",
        );
    }
    if patch
        .county_code
        .as_ref()
        .is_some_and(|v| *v != row.county_code)
    {
        c.push(
            "county_code",
            "学校所属县不能通过本接口变更。",
            "A school's county cannot be changed here.",
        );
    }
    c.finish()?;
    let before = School::from_row(row.clone());
    let draft = NewSchool {
        code: Some(row.code.clone()),
        name: Some(patch.name.unwrap_or(row.name)),
        county_code: Some(row.county_code.clone()),
        type_code: Some(patch.type_code.unwrap_or(row.type_code)),
        urban_rural_code: Some(patch.urban_rural_code.unwrap_or(row.urban_rural_code)),
        location: Some(patch.location.unwrap_or(row.location.as_str().to_string())),
        standing: Some(patch.standing.unwrap_or(row.standing.as_str().to_string())),
        accept_uscc_check_warning: match &patch.uscc {
            // An unchanged code that was accepted with a warning stays accepted.
            None => Some(true),
            Some(_) => patch.accept_uscc_check_warning,
        },
        uscc: patch.uscc.unwrap_or(row.uscc),
        legal_representative_id: patch
            .legal_representative_id
            .unwrap_or(row.legal_representative_id),
        staffing_quota: Some(patch.staffing_quota.unwrap_or(row.staffing_quota)),
        address: patch.address.unwrap_or(row.address),
        opened_on: patch.opened_on.unwrap_or(row.opened_on),
    };
    let fields = validate(conn, ctx, province, draft)?;
    check_uscc_free(conn, &fields, Some(id))?;
    let old_rep = row.legal_representative_id;
    let rep_changes = fields.legal_representative_id != old_rep;
    if rep_changes {
        succession::check_change(conn, id, fields.legal_representative_id)?;
    }
    let updated = repo::update(conn, id, version, &fields, crate::repo::now())?
        .ok_or_else(|| stale(version + 1))?;
    let after = School::from_row(updated.clone());
    changes::record(
        conn,
        &ctx.audit_actor(),
        change(
            Op::Updated,
            "school.update",
            &after,
            Some(&before),
            Some(&after),
        ),
    )?;
    // The school's own change first, then what follows from it (GRP-TIGHT-LEGAL-REP).
    if rep_changes {
        succession::carry_over(conn, ctx, &updated, old_rep)?;
    }
    Ok(after)
}

pub async fn delete(state: &AppState, ctx: &Ctx, id: i64, if_match: IfMatch) -> ApiResult<()> {
    ctx.require(Permission::RegistryWrite)?;
    let ctx = ctx.clone();
    state
        .db
        .write(move |conn| {
            let row = repo::find(conn, id)?.ok_or_else(ApiError::not_found)?;
            ctx.ensure_sees(&row.county_code)?;
            if_match.check(row.version)?;
            let version = row.version;
            let people = repo::person_count(conn, id)?;
            if people > 0 {
                return Err(ApiError::conflict_of(Conflict::SchoolInUse,
                    format!("该校仍有 {people} 名人员的人事关系，不能删除。"),
                    format!("{people} person(s) still have their personnel record at this school; it cannot be deleted."),
                ));
            }
            if repo::delete(conn, id, version)? == 0 {
                return Err(stale(version + 1));
            }
            let before = School::from_row(row);
            changes::record(conn, &ctx.audit_actor(), change(Op::Deleted, "school.delete", &before, Some(&before), None))?;
            Ok(())
        })
        .await
}
