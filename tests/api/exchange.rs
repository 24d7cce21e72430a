//! Teacher exchange (§2.4.2, §2.4.3) through the API: records and their refusals
//! (EXCH-OVERLAP, EXCH-SCOPE), the annual plan through the office meeting, the compliance
//! figures recomputed from the raw records, the roll-ups, the treatments and the staffing link.

mod figures;
mod overlap;
mod plans;
mod reports;

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

pub const YEAR: i32 = 2026;

/// A member of staff at `school` with `backbone` and `subjects`; returns the id.
pub async fn teacher(
    app: &TestApp,
    b: &mut Builder<'_>,
    school: i64,
    backbone: bool,
    subjects: &[&str],
) -> i64 {
    let seq = b.seq_next();
    let r = app
        .post(
            "/api/v1/persons",
            &b.bureau(),
            &json!({
                "name": format!("交流教师{seq}"), "id_number": id_number(b.county, seq),
                "school_id": school, "title_code": "yj", "subject_codes": subjects, "is_backbone": backbone,
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["id"].as_i64().unwrap()
}

/// Records an exchange with `body` (merged over an active rotation of the school year).
pub async fn exchange(app: &TestApp, token: &str, group: i64, body: Value) -> Resp {
    let mut full = json!({"kind": "rotation", "starts_on": "2026-09-01", "ends_on": "2027-07-15", "status": "active"});
    for (k, v) in body.as_object().unwrap() {
        full[k] = v.clone();
    }
    app.post(&format!("/api/v1/groups/{group}/exchanges"), token, &full)
        .await
}

pub async fn exchange_ok(app: &TestApp, token: &str, group: i64, body: Value) -> i64 {
    let r = exchange(app, token, group, body).await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["id"].as_i64().unwrap()
}

pub async fn act(app: &TestApp, token: &str, id: i64, act: &str) -> Resp {
    app.post(
        &format!("/api/v1/exchanges/{id}/acts"),
        token,
        &json!({"act": act}),
    )
    .await
}

pub async fn compliance(app: &TestApp, token: &str, group: i64) -> Value {
    let r = app
        .get(
            &format!("/api/v1/groups/{group}/compliance?year={YEAR}"),
            token,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body
}

/// Sets county settings (creating or replacing the overrides).
pub async fn settings(app: &TestApp, county: &str, patch: Value) {
    let path = format!("/api/v1/counties/{county}/settings");
    let bureau = app.bureau(county);
    let cur = app.get(&path, &bureau).await;
    let etag = cur.header("etag").unwrap_or_else(|| "\"0\"".into());
    let r = app.put(&path, &bureau, Some(&etag), &patch).await;
    assert_eq!(r.status, 200, "{}", r.text);
}

/// The EXCH-GROUP-10, EXCH-BACKBONE-40 and EXCH-CORE-10 counts recomputed by the test from the
/// raw records it can read: the group's schools, their staff, and the group's exchanges that
/// are active or completed with a day in the year.
#[derive(Debug, PartialEq, Eq)]
pub struct Recount {
    pub teachers: u64,
    pub exchanged: u64,
    pub backbone_exchanged: u64,
    pub core_teachers: u64,
    pub core_sent: u64,
}

pub async fn recount(app: &TestApp, token: &str, group: i64) -> Recount {
    let g = app.get(&format!("/api/v1/groups/{group}"), token).await;
    let core = g.body["core_school"]["id"].as_i64().unwrap();
    let members: Vec<i64> = g.body["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "active")
        .map(|m| m["school"]["id"].as_i64().unwrap())
        .collect();
    let mut staff: HashMap<i64, (i64, bool)> = HashMap::new();
    for s in std::iter::once(core).chain(members.iter().copied()) {
        let r = app
            .get(
                &format!("/api/v1/persons?school_id={s}&kind=staff&limit=200"),
                token,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        for p in r.body["items"].as_array().unwrap() {
            staff.insert(
                p["id"].as_i64().unwrap(),
                (s, p["is_backbone"].as_bool().unwrap()),
            );
        }
    }
    let r = app
        .get(&format!("/api/v1/groups/{group}/exchanges?year={YEAR}&status=active&status=completed&limit=200"), token)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let xs = r.body["items"].as_array().unwrap().clone();
    let moved: HashSet<i64> = xs
        .iter()
        .map(|x| x["person_id"].as_i64().unwrap())
        .collect();
    let member_set: HashSet<i64> = members.iter().copied().collect();
    let sent: HashSet<i64> = xs
        .iter()
        .filter(|x| {
            x["from_school_id"] == core && member_set.contains(&x["to_school_id"].as_i64().unwrap())
        })
        .map(|x| x["person_id"].as_i64().unwrap())
        .collect();
    Recount {
        teachers: staff.len() as u64,
        exchanged: staff.keys().filter(|p| moved.contains(p)).count() as u64,
        backbone_exchanged: staff
            .iter()
            .filter(|(p, (_, bb))| *bb && moved.contains(p))
            .count() as u64,
        core_teachers: staff.values().filter(|(s, _)| *s == core).count() as u64,
        core_sent: sent.len() as u64,
    }
}

/// The service's figures in the recount's shape.
pub fn counted(c: &Value) -> Recount {
    let n = |v: &Value| v.as_u64().unwrap();
    Recount {
        teachers: n(&c["group"]["denominator"]),
        exchanged: n(&c["group"]["numerator"]),
        backbone_exchanged: n(&c["backbone"]["numerator"]),
        core_teachers: n(&c["core"]["denominator"]),
        core_sent: n(&c["core"]["numerator"]),
    }
}
