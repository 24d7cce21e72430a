//! Staffing allocation (§2.4.1, §2.4.2) through the API: the county's totals, the group's pool,
//! adjustments through the office meeting and the bureau, filings, and the reports.

mod concurrency;
mod limits;
mod recompute;

use edugroups::domain::auth::Role;
use serde_json::{json, Value};

use crate::cadres::{office_meeting, today, vote_and_close};
use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

pub const YEAR: i32 = 2026;

/// Sets a county's totals for `YEAR` (creating or replacing them); asserts `200`.
pub async fn set_totals(
    app: &TestApp,
    county: &str,
    quota: i32,
    senior: i32,
    inter: i32,
    pct: i32,
) -> Value {
    let path = format!("/api/v1/counties/{county}/staffing-totals/{YEAR}");
    let bureau = app.bureau(county);
    let cur = app.get(&path, &bureau).await;
    let etag = cur.header("etag").unwrap_or_else(|| "\"0\"".into());
    let body = json!({"staff_quota": quota, "senior_posts": senior, "intermediate_posts": inter, "senior_bonus_percent": pct});
    let r = app.put(&path, &bureau, Some(&etag), &body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body
}

/// A professional-technical line (or a management one for `ungraded`).
pub fn line(school: i64, level: &str, bonus: bool, posts: i32) -> Value {
    let category = if level == "ungraded" {
        "management"
    } else {
        "professional_technical"
    };
    let reason = if bonus { "senior_bonus" } else { "school_size" };
    json!({"school_id": school, "category": category, "level": level, "bonus": bonus, "posts": posts, "reason": reason})
}

pub async fn propose(app: &TestApp, chair: &str, group: i64, lines: Vec<Value>) -> Resp {
    app.post(
        &format!("/api/v1/groups/{group}/staffing-adjustments"),
        chair,
        &json!({"year": YEAR, "title": "年度岗位分配方案", "lines": lines, "note": "按规模和班额分配"}),
    )
    .await
}

/// Tables the adjustment in a new office meeting, every seat votes `choice`, the chair closes.
pub async fn office_votes(
    app: &TestApp,
    county: &str,
    chair: &str,
    group: i64,
    adjustment: i64,
    choice: &str,
) -> Value {
    let meeting = office_meeting(app, chair, group).await;
    let m = app
        .post(
            &format!("/api/v1/meetings/{meeting}/motions"),
            chair,
            &json!({"title": "关于编制调整方案的议案", "motion_type": "staffing_adjustment", "ballot": "open", "subject_id": adjustment}),
        )
        .await;
    assert_eq!(m.status, 201, "{}", m.text);
    vote_and_close(
        app,
        county,
        chair,
        group,
        m.body["id"].as_i64().unwrap(),
        choice,
        json!({}),
    )
    .await
}

pub async fn decide(app: &TestApp, county: &str, adjustment: i64, decision: &str) -> Resp {
    let body = match decision {
        "approve" => {
            json!({"decision": "approve", "decided_on": today(), "decision_ref": "都教编〔2026〕2号"})
        }
        _ => {
            json!({"decision": decision, "decided_on": today(), "note": "超出集团统筹编制，不同意。"})
        }
    };
    app.post(
        &format!("/api/v1/staffing-adjustments/{adjustment}/decision"),
        &app.bureau(county),
        &body,
    )
    .await
}

/// Proposes, passes and approves `lines`; returns the approved adjustment.
pub async fn allocate(
    app: &TestApp,
    county: &str,
    chair: &str,
    group: i64,
    lines: Vec<Value>,
) -> Value {
    let p = propose(app, chair, group, lines).await;
    assert_eq!(p.status, 201, "{}", p.text);
    let id = p.body["id"].as_i64().unwrap();
    assert_eq!(
        office_votes(app, county, chair, group, id, "for").await["outcome"],
        "adopted"
    );
    let r = decide(app, county, id, "approve").await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body
}

pub async fn report(app: &TestApp, token: &str, group: i64) -> Value {
    let r = app
        .get(
            &format!("/api/v1/groups/{group}/staffing?year={YEAR}"),
            token,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body
}

/// The change feed's entries of `entity`, as the bureau reads them.
pub async fn feed(app: &TestApp, county: &str, entity: &str) -> Vec<Value> {
    let r = app
        .get(
            &format!("/api/v1/changes?limit=1000&entity={entity}"),
            &app.bureau(county),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["items"].as_array().unwrap().clone()
}

/// The audited actions on `entity`, oldest first.
pub fn actions(app: &TestApp, entity: &str) -> Vec<String> {
    use diesel::prelude::*;
    use edugroups::db::schema::changes as c;
    c::table
        .filter(c::entity.eq(entity))
        .order(c::seq.asc())
        .select(c::action)
        .load(&mut app.conn())
        .unwrap()
}

dual_test! {
    async fn an_adjustment_goes_office_meeting_bureau_filing_and_takes_effect_only_at_approval(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (chair, bureau) = (b.admin(t.core.id), b.bureau());
        set_totals(&app, DUYUN, 1000, 200, 300, 10).await;

        let p = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 20), line(t.member.id, "intermediate", false, 8)]).await;
        assert_eq!(p.status, 201, "{}", p.text);
        assert_eq!(p.header("location"), Some(format!("/api/v1/staffing-adjustments/{}", p.body["id"])));
        assert_eq!((p.body["status"].as_str(), p.body["in_effect"].as_bool()), (Some("proposed"), Some(false)));
        let id = p.body["id"].as_i64().unwrap();
        let path = format!("/api/v1/staffing-adjustments/{id}");
        // Proposed is not in effect: nothing is allocated.
        assert_eq!(report(&app, &bureau, t.id).await["allocations"], json!([]));
        // The bureau decides only once the office meeting has passed it; nobody else decides.
        decide(&app, DUYUN, id, "approve").await.assert_problem(409, "STAFF-ADJUST");
        app.post(&format!("{path}/decision"), &chair, &json!({"decision": "approve", "decided_on": today(), "decision_ref": "x"})).await.assert_problem(403, "forbidden");
        // The council does not decide it.
        let council = app.post(&format!("/api/v1/groups/{}/meetings", t.id), &chair,
            &json!({"body": "council", "kind": "regular", "scheduled_at": "2026-12-02T08:00:00Z", "agenda": "编制"})).await;
        assert_eq!(council.status, 201, "{}", council.text);
        app.post(&format!("/api/v1/meetings/{}/motions", council.body["id"]), &chair,
            &json!({"title": "编制调整", "motion_type": "staffing_adjustment", "ballot": "open", "subject_id": id})).await
            .assert_problem(409, "STAFF-ADJUST");

        let closed = office_votes(&app, DUYUN, &chair, t.id, id, "for").await;
        assert_eq!(closed["outcome"], "adopted", "{closed}");
        let a = app.get(&path, &bureau).await;
        assert_eq!(a.body["status"], "office_passed", "{}", a.text);
        assert!(a.body["motion_id"].is_i64() && a.body["office_decided_at"].is_string(), "{}", a.text);
        assert_eq!(report(&app, &bureau, t.id).await["allocated"], 0);

        // Approval: the lines are in effect, each on the change feed.
        let r = app.post_if(&format!("{path}/decision"), &bureau, Some("\"1\""),
            &json!({"decision": "approve", "decided_on": today(), "decision_ref": "都教编〔2026〕2号"})).await;
        r.assert_problem(412, "precondition_failed");
        let r = decide(&app, DUYUN, id, "approve").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!((r.body["status"].as_str(), r.body["in_effect"].as_bool()), (Some("approved"), Some(true)));
        let rep = report(&app, &bureau, t.id).await;
        assert_eq!((rep["allocated"].as_i64(), rep["pool"]["total"].as_i64(), rep["remaining"].as_i64()), (Some(28), Some(160), Some(132)), "{rep}");
        let allocs = feed(&app, DUYUN, "post_allocation").await;
        assert_eq!(allocs.len(), 2, "{allocs:?}");
        assert!(allocs.iter().all(|c| c["op"] == "created"), "{allocs:?}");
        assert_eq!(actions(&app, "post_allocation"), ["post_allocation.approve", "post_allocation.approve"]);
        assert_eq!(actions(&app, "staffing_adjustment"), ["staffing_adjustment.propose", "staffing_adjustment.table", "staffing_adjustment.office_pass", "staffing_adjustment.approve"]);
        decide(&app, DUYUN, id, "refuse").await.assert_problem(409, "staffing_adjustment_decided");

        // A refused proposal changes nothing.
        let p2 = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 30)]).await;
        let id2 = p2.body["id"].as_i64().unwrap();
        office_votes(&app, DUYUN, &chair, t.id, id2, "for").await;
        let r = decide(&app, DUYUN, id2, "refuse").await;
        assert_eq!(r.body["status"], "refused", "{}", r.text);
        assert_eq!(report(&app, &bureau, t.id).await, rep);
        // An office rejection ends it too.
        let p3 = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 25)]).await;
        let id3 = p3.body["id"].as_i64().unwrap();
        assert_eq!(office_votes(&app, DUYUN, &chair, t.id, id3, "against").await["outcome"], "rejected");
        decide(&app, DUYUN, id3, "approve").await.assert_problem(409, "staffing_adjustment_decided");
        assert_eq!(report(&app, &bureau, t.id).await, rep);

        // Filing: every approved adjustment up to the date, once per period.
        let filings = format!("/api/v1/counties/{DUYUN}/staffing-filings");
        let f = app.post(&filings, &chair, &json!({"period": "2026-H2", "filed_on": today(), "filing_ref": "都编备〔2026〕11号"})).await;
        f.assert_problem(403, "forbidden");
        let f = app.post(&filings, &bureau, &json!({"period": "2026-H2", "filed_on": today(), "filing_ref": "都编备〔2026〕11号"})).await;
        assert_eq!(f.status, 201, "{}", f.text);
        assert_eq!(f.body["adjustment_ids"], json!([id]));
        assert_eq!(app.get(&path, &bureau).await.body["filing_id"], f.body["id"]);
        app.post(&filings, &bureau, &json!({"period": "2026-H2", "filed_on": today(), "filing_ref": "x"})).await.assert_problem(409, "filing_period_taken");
        app.post(&filings, &bureau, &json!({"period": "2026-12", "filed_on": today(), "filing_ref": "x"})).await.assert_problem(409, "nothing_to_file");
        let bad = app.post(&filings, &bureau, &json!({"period": "2026-H3", "filed_on": "2030-01-01"})).await;
        bad.assert_problem(422, "validation_failed");
        assert_eq!(bad.error_fields(), vec!["period", "filed_on", "filing_ref"]);
        let list = app.get(&filings, &bureau).await;
        assert_eq!(list.body["items"][0]["adjustment_ids"], json!([id]), "{}", list.text);
        assert_eq!(feed(&app, DUYUN, "staffing_filing").await.len(), 1);
    }
}

dual_test! {
    async fn an_approval_supersedes_the_other_open_proposals_of_the_year(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        set_totals(&app, DUYUN, 1000, 200, 300, 10).await;
        let a = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 20)]).await.body["id"].as_i64().unwrap();
        let c = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 30)]).await.body["id"].as_i64().unwrap();
        office_votes(&app, DUYUN, &chair, t.id, a, "for").await;
        office_votes(&app, DUYUN, &chair, t.id, c, "for").await;
        assert_eq!(decide(&app, DUYUN, a, "approve").await.status, 200);
        let other = app.get(&format!("/api/v1/staffing-adjustments/{c}"), &b.bureau()).await;
        assert_eq!((other.body["status"].as_str(), other.body["superseded_by"].as_i64()), (Some("superseded"), Some(a)), "{}", other.text);
        decide(&app, DUYUN, c, "approve").await.assert_problem(409, "staffing_adjustment_decided");
        // Withdrawing: only the chair, only while open.
        let w = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 0)]).await.body["id"].as_i64().unwrap();
        let wpath = format!("/api/v1/staffing-adjustments/{w}/withdrawal");
        app.post(&wpath, &b.bureau(), &json!({})).await.assert_problem(403, "forbidden");
        let r = app.post(&wpath, &chair, &json!({"note": "重新编制。"})).await;
        assert_eq!(r.body["status"], "withdrawn", "{}", r.text);
        app.post(&wpath, &chair, &json!({})).await.assert_problem(409, "staffing_adjustment_decided");
        let listed = app.get(&format!("/api/v1/groups/{}/staffing-adjustments?status=superseded&status=withdrawn", t.id), &chair).await;
        let ids: Vec<i64> = listed.body["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![c, w], "{}", listed.text);
    }
}

dual_test! {
    async fn reports_are_scoped_and_answer_csv(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        set_totals(&app, DUYUN, 1000, 200, 300, 10).await;
        allocate(&app, DUYUN, &chair, t.id, vec![line(t.core.id, "senior", false, 20), line(t.member.id, "junior", false, 8), line(t.core.id, "senior", true, 2)]).await;
        // A member school sees its own lines and its own contribution.
        let own = report(&app, &b.admin(t.member.id), t.id).await;
        assert_eq!(own["allocations"].as_array().unwrap().len(), 1, "{own}");
        assert_eq!(own["allocations"][0]["school_id"], t.member.id);
        assert_eq!(own["pool"]["members"].as_array().unwrap().len(), 1);
        let full = report(&app, &chair, t.id).await;
        assert_eq!((full["allocated"].as_i64(), full["bonus_posts"].as_i64(), full["senior"].as_i64()), (Some(28), Some(2), Some(22)), "{full}");
        // CSV carries the same lines.
        let r = app.client.get(app.url(&format!("/api/v1/groups/{}/staffing?year={YEAR}", t.id))).bearer_auth(&chair).header("Accept", "text/csv").send().await.unwrap();
        let status = r.status(); let ct = r.headers()["content-type"].to_str().unwrap().to_string(); assert!(ct.starts_with("text/csv"), "{status} {ct} {}", r.text().await.unwrap());
        let text = r.text().await.unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows.len(), 4, "{text}");
        assert!(rows[0].starts_with("group_code,year,school_id"), "{text}");
        // The county roll-up: bureaus and inspectors only, the county's own.
        let path = format!("/api/v1/counties/{DUYUN}/staffing?year={YEAR}");
        app.get(&path, &chair).await.assert_problem(403, "forbidden");
        app.get(&path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        let inspector = app.token(Role::Inspector, Some(DUYUN), None);
        let c = app.get(&path, &inspector).await;
        assert_eq!(c.status, 200, "{}", c.text);
        assert_eq!(c.body["allocated"], json!({"posts": 30, "senior": 22, "intermediate": 0}));
        assert_eq!(c.body["remaining"], json!({"posts": 970, "senior": 178, "intermediate": 300}));
        let g = &c.body["groups"][0];
        assert_eq!((g["pool"].as_i64(), g["allocated"].as_i64(), g["bonus_posts"].as_i64()), (Some(160), Some(28), Some(2)), "{g}");
        let r = app.client.get(app.url(&path)).bearer_auth(&inspector).header("Accept", "text/csv").send().await.unwrap();
        let text = r.text().await.unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.lines().nth(1).unwrap().contains(",160,0,28,2,132,22,0,0"), "{text}");
        app.get(&format!("/api/v1/counties/{DUYUN}/staffing"), &inspector).await.assert_problem(422, "validation_failed");
    }
}
