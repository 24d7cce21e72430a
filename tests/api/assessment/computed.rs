//! Every computed indicator of one group, recomputed by the test from the raw records it can
//! read through the API (staff, exchanges, subjects, meetings and their motions, resolutions,
//! rectification orders, inspections), and compared with what the service computed and the
//! inputs it kept.

use std::collections::{BTreeSet, HashMap};

use edugroups::domain::auth::Role;

use super::*;
use crate::exchange::{exchange_ok, recount, settings, teacher};
use crate::life::today;

/// Full marks (10, in tenths: 100) scaled by n / d, capped, rounded half up; 0/0 is full.
fn expect(n: u64, d: u64) -> f64 {
    if d == 0 {
        return 10.0;
    }
    let n = n.min(d);
    ((2 * n * 100 + d) / (2 * d)) as f64 / 10.0
}

async fn items(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let r = app.get(path, token).await;
    assert_eq!(r.status, 200, "{path}: {}", r.text);
    match r.body.get("items") {
        Some(v) => v.as_array().unwrap().clone(),
        None => r.body.as_array().unwrap().clone(),
    }
}

dual_test! {
    async fn every_computed_indicator_recomputed_from_the_raw_records(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let bureau = app.bureau(DUYUN);
        let chair = b.admin(t.core.id);
        // Count the core's share from this year (a stable group).
        settings(&app, DUYUN, json!({"group_stable_after_years": 0})).await;

        // Staff and exchanges: a backbone dispatch teaching 13 at the new member, a rotation.
        let bb = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let rot = teacher(&app, &mut b, t.core.id, false, &["14"]).await;
        for _ in 0..3 {
            teacher(&app, &mut b, t.core.id, false, &["13"]).await;
        }
        teacher(&app, &mut b, t.member.id, false, &["13"]).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": bb, "kind": "backbone_dispatch", "to_school_id": t.member.id, "subject_codes": ["13"]})).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": rot, "to_school_id": t.member.id})).await;
        // The member teaches 13 and 14, both weak.
        let sp = format!("/api/v1/schools/{}/subjects/{YEAR}", t.member.id);
        let r = app.put(&sp, &bureau, Some("\"0\""), &json!({"subjects": [{"subject_code": "13", "weak": true}, {"subject_code": "14", "weak": true}]})).await;
        assert_eq!(r.status, 200, "{}", r.text);

        // The council adopts the year's work plan (one of the three annual resolutions).
        council_votes(&app, &b, t.id, t.core.id, 0, "work_plan", "审议2026年度工作计划").await;

        // Two orders to the member: one resolved in time, one still within its deadline.
        let deadline = (today() + chrono::Days::new(30)).to_string();
        let issue = |v: &str| json!({"school_id": t.member.id, "violation": v, "deadline": deadline});
        let o1 = app.post(&format!("/api/v1/groups/{}/rectification-orders", t.id), &bureau, &issue("交流台账缺失。")).await;
        assert_eq!(o1.status, 201, "{}", o1.text);
        let o1 = o1.body["id"].as_i64().unwrap();
        assert_eq!(app.post(&format!("/api/v1/rectification-orders/{o1}/response"), &b.admin(t.member.id), &json!({"response": "已补齐。"})).await.status, 200);
        assert_eq!(app.post(&format!("/api/v1/rectification-orders/{o1}/resolution"), &bureau, &json!({"note": "已整改到位。"})).await.status, 200);
        assert_eq!(app.post(&format!("/api/v1/groups/{}/rectification-orders", t.id), &bureau, &issue("课程开设不全。")).await.status, 201);

        // An inspection of the group rated good.
        let inspector = app.token(Role::Inspector, Some(DUYUN), None);
        let i = app.post(&format!("/api/v1/groups/{}/inspections", t.id), &inspector, &json!({"kind": "regular", "inspected_on": today().to_string(), "rating": "good", "summary": "常规督导。"})).await;
        assert_eq!(i.status, 201, "{}", i.text);

        // The service computes.
        let f = app.post("/api/v1/assessment-frameworks", &bureau, &json!({"year": YEAR, "title": "2026年度考核", "template": true})).await;
        let a = open(&app, DUYUN, t.id, f.body["id"].as_i64().unwrap(), YEAR).await;
        let c = act_ok(&app, DUYUN, a["id"].as_i64().unwrap(), "compute").await;
        let got: HashMap<(String, Option<i64>), Value> = c["lines"].as_array().unwrap().iter()
            .filter(|l| l["source"] == "computed")
            .map(|l| ((l["indicator_code"].as_str().unwrap().to_string(), l["school_id"].as_i64()), l.clone()))
            .collect();
        let score = |code: &str, school: Option<i64>| got[&(code.to_string(), school)]["score"].as_f64().unwrap();
        let inputs = |code: &str, school: Option<i64>| got[&(code.to_string(), school)]["inputs"].clone();

        // The test's own count from the raw records.
        let rc = recount(&app, &chair, t.id).await;
        let xs = items(&app, &chair, &format!("/api/v1/groups/{}/exchanges?year={YEAR}&status=active&status=completed&limit=200", t.id)).await;
        let backbone_to_member: BTreeSet<i64> = xs.iter()
            .filter(|x| x["kind"] == "backbone_dispatch" && x["from_school_id"] == t.core.id && x["to_school_id"] == t.member.id)
            .map(|x| x["person_id"].as_i64().unwrap()).collect();
        let covered: BTreeSet<String> = xs.iter()
            .filter(|x| x["kind"] == "backbone_dispatch" && x["to_school_id"] == t.member.id)
            .flat_map(|x| x["subject_codes"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect::<Vec<_>>())
            .collect();
        let subjects = app.get(&sp, &bureau).await.body["subjects"].as_array().unwrap().clone();
        let weak: Vec<String> = subjects.iter().filter(|s| s["weak"] == true).map(|s| s["subject_code"].as_str().unwrap().to_string()).collect();
        let taught: Vec<String> = subjects.iter().map(|s| s["subject_code"].as_str().unwrap().to_string()).collect();
        let weak_covered = weak.iter().filter(|s| covered.contains(*s)).count() as u64;
        let taught_covered = taught.iter().filter(|s| covered.contains(*s)).count() as u64;

        let resolutions = items(&app, &chair, &format!("/api/v1/groups/{}/resolutions", t.id)).await;
        let annual: BTreeSet<&str> = resolutions.iter()
            .filter(|r| r["year"] == YEAR)
            .filter_map(|r| r["motion_type"].as_str())
            .filter(|m| ["work_plan", "budget_plan", "assessment_plan"].contains(m))
            .collect();
        let mut quorate = 0u64;
        for m in items(&app, &chair, &format!("/api/v1/groups/{}/meetings", t.id)).await {
            if m["body"] != "council" || !m["scheduled_at"].as_str().unwrap().starts_with(&YEAR.to_string()) {
                continue;
            }
            let d = app.get(&format!("/api/v1/meetings/{}", m["id"]), &chair).await;
            if d.body["motions"].as_array().unwrap().iter().any(|x| x["status"] == "closed" && x["tally"]["present"].as_i64() >= x["tally"]["quorum_required"].as_i64()) {
                quorate += 1;
            }
        }
        let orders = items(&app, &bureau, &format!("/api/v1/groups/{}/rectification-orders", t.id)).await;
        let in_time = orders.iter().filter(|o| o["status"] == "resolved" && o["resolved_at"].as_str().unwrap()[..10] <= *o["deadline"].as_str().unwrap()).count() as u64;
        let late = orders.iter().filter(|o| o["status"] == "not_rectified" || (o["status"] == "resolved" && o["resolved_at"].as_str().unwrap()[..10] > *o["deadline"].as_str().unwrap()) || o["overdue"] == true).count() as u64;
        let ratings = items(&app, &bureau, &format!("/api/v1/groups/{}/inspections?year={YEAR}", t.id)).await;
        let rank = |r: &str| match r { "excellent" => 3, "good" => 2, "pass" => 1, _ => 0 };
        let rank_sum: u64 = ratings.iter().map(|r| rank(r["rating"].as_str().unwrap())).sum();

        // Each computed score equals the test's, and says what it read.
        assert_eq!(score("G1", None), expect(rc.exchanged * 100, rc.teachers * 10), "{}", inputs("G1", None));
        assert_eq!(inputs("G1", None)["numerator"].as_u64(), Some(rc.exchanged));
        assert_eq!(inputs("G1", None)["denominator"].as_u64(), Some(rc.teachers));
        assert_eq!(score("G2", None), expect(rc.backbone_exchanged * 100, rc.exchanged * 40), "{}", inputs("G2", None));
        assert_eq!(score("G3", None), 10.0, "no allocation exceeds the pool: {}", inputs("G3", None));
        assert_eq!(score("G4", None), expect(annual.len() as u64, 3), "{}", inputs("G4", None));
        assert_eq!(annual.len(), 1);
        assert_eq!(score("G5", None), expect(quorate, 2), "{}", inputs("G5", None));
        assert_eq!(inputs("G5", None)["meetings"].as_array().unwrap().len() as u64, quorate);
        assert_eq!(score("G6", None), expect(in_time, in_time + late), "{}", inputs("G6", None));
        assert_eq!(inputs("G6", None)["resolved_in_time"], json!([o1]));
        assert_eq!(score("G7", None), expect(rank_sum, 3 * ratings.len() as u64), "{}", inputs("G7", None));
        assert_eq!(score("C1", Some(t.core.id)), expect(rc.core_sent * 100, rc.core_teachers * 10), "{}", inputs("C1", Some(t.core.id)));
        assert_eq!(score("C2", Some(t.core.id)), expect(taught_covered, taught.len() as u64), "{}", inputs("C2", Some(t.core.id)));
        assert_eq!(score("C3", Some(t.core.id)), expect(weak_covered, weak.len() as u64), "{}", inputs("C3", Some(t.core.id)));
        let m = Some(t.member.id);
        assert_eq!(score("M1", m), expect(backbone_to_member.len() as u64, 2), "{}", inputs("M1", m));
        assert_eq!(score("M2", m), expect(weak_covered, weak.len() as u64), "{}", inputs("M2", m));
        assert_eq!(score("M3", m), expect(in_time, in_time + late), "{}", inputs("M3", m));
        assert_eq!(score("M4", m), 10.0, "no earlier year: {}", inputs("M4", m));
        assert_eq!(inputs("M4", m)["applicable"], false);
        // Not every figure is at full marks: the test exercises the scaling.
        assert!(score("M1", m) < 10.0 && score("C3", Some(t.core.id)) < 10.0, "{c}");

        // Computed again after a record changes, the score follows; finalised, it is kept.
        exchange_ok(&app, &chair, t.id, json!({"person_id": teacher(&app, &mut b, t.core.id, true, &["14"]).await, "kind": "backbone_dispatch", "to_school_id": t.member.id, "subject_codes": ["14"]})).await;
        let c2 = act_ok(&app, DUYUN, a["id"].as_i64().unwrap(), "compute").await;
        let m1 = c2["lines"].as_array().unwrap().iter().find(|l| l["indicator_code"] == "M1").unwrap();
        assert_eq!(m1["score"], 10.0, "two backbone teachers received: {m1}");
        assert_eq!(m1["inputs"]["teachers"].as_array().unwrap().len(), 2);
    }
}
