//! Group funds and pooled resources (§2.3.3, §3.3) through the API: the county's allocation by
//! purpose, spending within and beyond it (FUNDS-PURPOSE), reversals (ACCOUNTS-INDEPENDENT),
//! statements recomputed from the entries, and the people an exchange pools.

use serde_json::{json, Value};

use crate::dual_test;
use crate::exchange::{act, exchange_ok, teacher};
use crate::formation_fixture::*;
use crate::helpers::*;

const YEAR: i32 = 2026;

/// An established tight group with a budget plan adopted by its council and the year's funds:
/// informatisation 100000, backbone_teacher_mobility 30000. Returns (group, budget resolution).
async fn funded(app: &TestApp, b: &mut Builder<'_>) -> (TightGroup, i64) {
    let t = established_tight_group(app, b).await;
    let closed = council_votes(
        app,
        b,
        t.id,
        t.core.id,
        0,
        "budget_plan",
        "审议2026年度预算方案",
    )
    .await;
    let resolution = closed["resolution"]["id"].as_i64().expect("resolution");
    let r = app
        .put(
            &format!("/api/v1/groups/{}/funds/{YEAR}", t.id),
            &b.bureau(),
            Some("\"0\""),
            &json!({"lines": [
                {"purpose": "informatisation", "amount_yuan": 100000},
                {"purpose": "backbone_teacher_mobility", "amount_yuan": 30000}
            ], "note": "都财教〔2026〕12 号"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    (t, resolution)
}

fn money(purpose: &str, bearer: i64, beneficiary: i64, resolution: i64, amount: i64) -> Value {
    json!({
        "kind": "money", "source": "group_funds", "purpose": purpose,
        "bearer_school_id": bearer, "beneficiary_school_id": beneficiary,
        "resolution_id": resolution, "amount_yuan": amount,
        "starts_on": "2026-04-01", "description": "录播教室设备"
    })
}

dual_test! {
    async fn an_allocation_is_spent_within_its_purpose_and_no_further(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let (t, budget) = funded(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let path = format!("/api/v1/groups/{}/funds/{YEAR}", t.id);

        let f = app.get(&path, &b.admin(t.member.id)).await;
        assert_eq!(f.status, 200, "{}", f.text);
        assert_eq!(f.body["allocated_yuan"], 130000);
        assert_eq!(f.header("etag").as_deref(), Some("\"1\""));
        // Only the bureau allocates; a purpose twice is refused.
        app.put(&path, &chair, Some("\"1\""), &json!({"lines": []})).await.assert_problem(403, "forbidden");
        app.put(&path, &b.bureau(), Some("\"1\""), &json!({"lines": [
            {"purpose": "informatisation", "amount_yuan": 1}, {"purpose": "informatisation", "amount_yuan": 2}
        ]})).await.assert_problem(422, "validation_failed");

        let entries = format!("/api/v1/groups/{}/fund-entries", t.id);
        let r = app.post(&entries, &chair, &money("informatisation", t.core.id, t.member.id, budget, 60000)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let first = r.body["id"].as_i64().unwrap();
        let before = app.count("fund_entries");
        // Beyond the purpose's allocation: refused citing the rule, nothing stored.
        app.post(&entries, &chair, &money("informatisation", t.core.id, t.member.id, budget, 40001))
            .await
            .assert_problem(409, "FUNDS-PURPOSE");
        // A purpose cannot pay for another: none allocated for shared venues.
        app.post(&entries, &b.bureau(), &money("shared_venues", t.core.id, t.member.id, budget, 1))
            .await
            .assert_problem(409, "FUNDS-PURPOSE");
        assert_eq!(app.count("fund_entries"), before);
        // Exactly what remains is fine.
        let r = app.post(&entries, &b.bureau(), &money("informatisation", t.core.id, t.member.id, budget, 40000)).await;
        assert_eq!(r.status, 201, "{}", r.text);

        // Money needs a budget plan: the charter's resolution is no authority for spending.
        let res = app.get(&format!("/api/v1/groups/{}/resolutions", t.id), &b.bureau()).await;
        let other = res.body["items"].as_array().unwrap().iter()
            .find(|r| r["motion_type"] != "budget_plan").unwrap()["id"].as_i64().unwrap();
        app.post(&entries, &chair, &money("backbone_teacher_mobility", t.core.id, t.member.id, other, 10))
            .await
            .assert_problem(409, "FUNDS-PURPOSE");
        let mut no_resolution = money("backbone_teacher_mobility", t.core.id, t.member.id, budget, 10);
        no_resolution.as_object_mut().unwrap().remove("resolution_id");
        app.post(&entries, &chair, &no_resolution).await.assert_problem(422, "validation_failed");
        // A member's administrator does not write.
        app.post(&entries, &b.admin(t.member.id), &money("backbone_teacher_mobility", t.core.id, t.member.id, budget, 10))
            .await
            .assert_problem(403, "forbidden");

        // The allocation cannot drop below what is spent.
        let f = app.get(&path, &b.bureau()).await;
        assert_eq!(f.body["lines"][0]["spent_yuan"], 100000);
        assert_eq!(f.body["lines"][0]["remaining_yuan"], 0);
        app.put(&path, &b.bureau(), Some("\"1\""), &json!({"lines": [
            {"purpose": "informatisation", "amount_yuan": 99999}
        ]})).await.assert_problem(409, "FUNDS-PURPOSE");

        // A reversal negates the entry and frees its amount; a second one is refused.
        let rev = format!("/api/v1/fund-entries/{first}/reversal");
        let r = app.post(&rev, &chair, &json!({"reason": "发票金额录入错误"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["amount_yuan"], -60000);
        assert_eq!(r.body["reverses_id"], first);
        let reversal = r.body["id"].as_i64().unwrap();
        app.post(&rev, &chair, &json!({"reason": "再次冲销"})).await.assert_problem(409, "entry_reversed");
        app.post(&format!("/api/v1/fund-entries/{reversal}/reversal"), &chair, &json!({"reason": "冲销冲销"}))
            .await
            .assert_problem(409, "entry_reversed");
        let e = app.get(&format!("/api/v1/fund-entries/{first}"), &chair).await;
        assert_eq!(e.body["reversed_by_id"], reversal);
        let f = app.get(&path, &b.bureau()).await;
        assert_eq!(f.body["lines"][0]["spent_yuan"], 40000);
        assert_eq!(f.body["remaining_yuan"], 90000);
        let r = app.post(&entries, &chair, &money("informatisation", t.core.id, t.member.id, budget, 60000)).await;
        assert_eq!(r.status, 201, "{}", r.text);

        // The group's and county's statements agree with the allocation.
        let s = app.get(&format!("/api/v1/groups/{}/fund-statement?year={YEAR}", t.id), &chair).await;
        assert_eq!(s.status, 200, "{}", s.text);
        assert_eq!(s.body["spent_yuan"], 100000);
        assert_eq!(s.body["remaining_yuan"], 30000);
        let c = app.get(&format!("/api/v1/counties/{DUYUN}/fund-statement?year={YEAR}"), &b.bureau()).await;
        assert_eq!(c.status, 200, "{}", c.text);
        let line = c.body["groups"].as_array().unwrap().iter().find(|g| g["group_id"] == t.id).unwrap();
        assert_eq!(line["spent_yuan"], 100000);
        let csv = app.get_with(&format!("/api/v1/groups/{}/fund-statement?year={YEAR}", t.id), &chair, &[("accept", "text/csv")]).await;
        assert_eq!(csv.status, 200);
        assert!(csv.text.starts_with("group_code,year,purpose"), "{}", csv.text);
        assert!(csv.text.contains(",informatisation,100000,100000,0"), "{}", csv.text);
        app.get(&format!("/api/v1/counties/{DUYUN}/fund-statement?year={YEAR}"), &chair)
            .await
            .assert_problem(403, "forbidden");
    }
}

dual_test! {
    async fn a_member_statement_adds_up_its_entries_and_exchanges(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let (t, budget) = funded(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let entries = format!("/api/v1/groups/{}/fund-entries", t.id);
        for body in [
            money("informatisation", t.core.id, t.member.id, budget, 25000),
            money("backbone_teacher_mobility", t.core.id, t.member.id, budget, 5000),
            json!({"kind": "money", "source": "member_own", "purpose": "teaching_research_training",
                   "bearer_school_id": t.member.id, "resolution_id": budget, "amount_yuan": 3000,
                   "starts_on": "2026-05-10", "description": "承办集团教研活动"}),
            json!({"kind": "goods", "source": "member_own", "purpose": "shared_venues",
                   "bearer_school_id": t.core.id, "beneficiary_school_id": t.member.id,
                   "quantity": 12.5, "unit": "hours", "starts_on": "2026-06-01", "description": "共享田径场"}),
            json!({"kind": "people", "source": "member_own", "purpose": "teaching_research_training",
                   "bearer_school_id": t.core.id, "beneficiary_school_id": t.member.id,
                   "quantity": 3, "unit": "person_days", "starts_on": "2026-10-12", "description": "骨干教师送教"}),
        ] {
            let r = app.post(&entries, &chair, &body).await;
            assert_eq!(r.status, 201, "{}", r.text);
        }
        // Goods need a quantity and unit, not an amount.
        app.post(&entries, &chair, &json!({"kind": "goods", "source": "member_own", "purpose": "shared_venues",
            "bearer_school_id": t.core.id, "amount_yuan": 5, "starts_on": "2026-06-01", "description": "x"}))
            .await
            .assert_problem(422, "validation_failed");
        let first = app.get(&format!("{entries}?year={YEAR}"), &chair).await.body["items"][0]["id"].as_i64().unwrap();
        assert_eq!(app.post(&format!("/api/v1/fund-entries/{first}/reversal"), &chair, &json!({"reason": "更正"})).await.status, 201);

        // The member's administrator reads its own school's entries, and its statement.
        let member = b.admin(t.member.id);
        let read = app.get(&format!("{entries}?year={YEAR}&school_id={}", t.member.id), &member).await;
        assert_eq!(read.status, 200, "{}", read.text);
        let items = read.body["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 6);
        let s = app.get(&format!("/api/v1/schools/{}/fund-statement?year={YEAR}", t.member.id), &member).await;
        assert_eq!(s.status, 200, "{}", s.text);
        // Recompute what it received and gave, by kind, source and purpose.
        let sum = |side: &str, kind: &str, source: &str, purpose: &str, field: &str| -> f64 {
            items.iter()
                .filter(|e| e["kind"] == kind && e["source"] == source && e["purpose"] == purpose)
                .filter(|e| if side == "gave" { e["bearer_school_id"] == t.member.id } else { e["beneficiary_school_id"] == t.member.id })
                .map(|e| e[field].as_f64().unwrap_or(0.0))
                .sum()
        };
        for side in ["gave", "received"] {
            let totals = s.body[side].as_array().unwrap();
            for tl in totals {
                let (k, so, p) = (tl["kind"].as_str().unwrap(), tl["source"].as_str().unwrap(), tl["purpose"].as_str().unwrap());
                if so == "exchange" { continue; }
                assert_eq!(tl["amount_yuan"].as_f64().unwrap(), sum(side, k, so, p, "amount_yuan"), "{side} {k} {so} {p}");
                assert_eq!(tl["quantity"].as_f64().unwrap(), sum(side, k, so, p, "quantity"), "{side} {k} {so} {p}");
            }
        }
        let received = s.body["received"].as_array().unwrap();
        let info = received.iter().find(|t| t["purpose"] == "informatisation").unwrap();
        assert_eq!(info["amount_yuan"], 0);
        assert_eq!(info["lines"], 2);
        let goods = received.iter().find(|t| t["kind"] == "goods").unwrap();
        assert_eq!(goods["quantity"], 12.5);
        let gave = s.body["gave"].as_array().unwrap();
        assert_eq!(gave.len(), 1);
        assert_eq!(gave[0]["amount_yuan"], 3000);
        // Another school's statement is not the member's to read.
        app.get(&format!("/api/v1/schools/{}/fund-statement?year={YEAR}", t.core.id), &member)
            .await
            .assert_problem(403, "forbidden");
        let csv = app.get_with(&format!("/api/v1/schools/{}/fund-statement?year={YEAR}", t.member.id), &member, &[("accept", "text/csv")]).await;
        assert!(csv.text.contains("gave,money,member_own,teaching_research_training,,3000,0,1"), "{}", csv.text);

        // An exchange pools people: 2026-09-01..12-31 is 122 person-days, gone once cancelled.
        let p = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let x = exchange_ok(&app, &chair, t.id, json!({"person_id": p, "to_school_id": t.member.id})).await;
        let s = app.get(&format!("/api/v1/schools/{}/fund-statement?year={YEAR}", t.member.id), &member).await;
        let line = s.body["lines"].as_array().unwrap().iter().find(|l| l["source"] == "exchange").unwrap().clone();
        assert_eq!(line["exchange_id"], x);
        assert_eq!(line["kind"], "people");
        assert_eq!(line["quantity"], 122.0);
        assert_eq!(line["unit"], "person_days");
        assert_eq!(line["bearer_school_id"], t.core.id);
        let from_exchange = s.body["received"].as_array().unwrap().iter().find(|t| t["source"] == "exchange").unwrap().clone();
        assert_eq!(from_exchange["quantity"], 122.0);
        let g = app.get(&format!("/api/v1/groups/{}/fund-statement?year={YEAR}", t.id), &b.bureau()).await;
        assert!(g.body["pooled"].as_array().unwrap().iter().any(|t| t["source"] == "exchange" && t["quantity"] == 122.0), "{}", g.text);
        assert_eq!(act(&app, &chair, x, "cancel").await.status, 200);
        let s = app.get(&format!("/api/v1/schools/{}/fund-statement?year={YEAR}", t.member.id), &member).await;
        assert!(!s.body["lines"].as_array().unwrap().iter().any(|l| l["source"] == "exchange"), "{}", s.text);
    }
}
