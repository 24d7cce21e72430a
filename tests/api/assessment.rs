//! The annual assessment (§2.4.4, §3.4) through the API: frameworks (ASSESS-FRAMEWORK), a
//! county's year from opening to publication (ASSESS-STATE, ASSESS-RECUSAL), the computed
//! indicators recomputed from the raw records, the reports, and the outcomes (PAY-POOL,
//! GROWTH-3Y, inspections and rectification).

mod computed;
mod flow;
mod frameworks;
mod outcomes;
mod pay;

use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

pub const YEAR: i32 = 2026;

/// A framework of manual indicators only, so that a test fixes the totals: one group indicator
/// (weight 100), one core and one member indicator, each out of 10. Returns its id.
pub async fn manual_framework(app: &TestApp, county: &str, year: i32) -> i64 {
    let ind = |code: &str, level: &str| {
        json!({"code": code, "name_zh": "办学成效", "name_en": "Results", "level": level, "weight": 100,
               "max_score": 10, "guide": "按实绩评分。", "source": "manual", "metric": null, "target": null})
    };
    let r = app
        .post(
            "/api/v1/assessment-frameworks",
            &app.bureau(county),
            &json!({"year": year, "title": format!("{year}年度集团化办学考核"), "dimensions": [
                {"code": "D", "name_zh": "综合", "name_en": "Overall",
                 "indicators": [ind("G", "group"), ind("C", "core"), ind("M", "member")]}
            ]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["id"].as_i64().unwrap()
}

/// Opens `group`'s assessment under `framework`; asserts `201`.
pub async fn open(app: &TestApp, county: &str, group: i64, framework: i64, year: i32) -> Value {
    let r = app
        .post(
            &format!("/api/v1/groups/{group}/assessments"),
            &app.bureau(county),
            &json!({"year": year, "framework_id": framework}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body
}

pub async fn get(app: &TestApp, county: &str, id: i64) -> Value {
    let r = app
        .get(&format!("/api/v1/assessments/{id}"), &app.bureau(county))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body
}

fn etag(a: &Value) -> String {
    format!("\"{}\"", a["version"])
}

/// The bureau's `act` at the assessment's current version.
pub async fn act(app: &TestApp, token: &str, id: i64, act: &str, reason: Option<&str>) -> Resp {
    let cur = app.get(&format!("/api/v1/assessments/{id}"), token).await;
    app.post_if(
        &format!("/api/v1/assessments/{id}/acts"),
        token,
        Some(&etag(&cur.body)),
        &json!({"act": act, "reason": reason}),
    )
    .await
}

pub async fn act_ok(app: &TestApp, county: &str, id: i64, a: &str) -> Value {
    let r = act(app, &app.bureau(county), id, a, None).await;
    assert_eq!(r.status, 200, "{a}: {}", r.text);
    r.body
}

/// Scores every manual line of the assessment `score` (an assessor's), by `token`.
pub async fn score_manual(app: &TestApp, token: &str, a: &Value, score: f64) -> Resp {
    let scores: Vec<Value> = a["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["source"] == "manual")
        .map(|l| json!({"indicator_code": l["indicator_code"], "school_id": l["school_id"], "score": score, "evidence": "实地查看"}))
        .collect();
    app.put(
        &format!("/api/v1/assessments/{}/scores", a["id"]),
        token,
        Some(&etag(a)),
        &json!({"scores": scores}),
    )
    .await
}

/// Opens, scores (every manual line `score`), computes, finalises and publishes `group`'s
/// `year` under a manual framework: the group's total is `score × 10`. Returns the assessment.
pub async fn published(app: &TestApp, county: &str, group: i64, year: i32, score: f64) -> Value {
    let f = manual_framework(app, county, year).await;
    let a = open(app, county, group, f, year).await;
    let r = score_manual(app, &app.bureau(county), &a, score).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = a["id"].as_i64().unwrap();
    for step in ["mark_scored", "finalise", "publish"] {
        act_ok(app, county, id, step).await;
    }
    get(app, county, id).await
}
