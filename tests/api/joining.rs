//! Joining by agreement takes effect when the bureau arranges it (§2.1.1 "由县（市）教育行政部门
//! 安排其通过与集团……以签订协议的形式加入"): the chair's record is `prospective`, holding its place
//! but no member, until the bureau confirms it or declines it with reasons. And a school of another
//! county offered to a group is named by GRP-COUNTY (§2.1, §2.2).

use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;
use crate::life::changes_with;

fn member(group: &Value, school: i64) -> Value {
    group["members"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["school"]["id"] == school)
        .cloned()
        .unwrap_or(Value::Null)
}

fn actions(group: &Value) -> Vec<String> {
    group["allowed_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

dual_test! {
    async fn an_agreement_is_prospective_until_the_bureau_confirms_it(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 1, None).await;
        let g = b.authorize(core.id, "tight", "urban_quality_plus_new").await;
        b.prepare(g, core.id).await;
        let (bureau, chair) = (b.bureau(), b.admin(core.id));
        let path = format!("/api/v1/groups/{g}");
        let ordinary = b.school("211", "urban", "ordinary", 1, Some(core.principal)).await;

        // The chair records the agreement: prospective, every join rule checked now.
        let r = b.record_agreement(g, core.id, ordinary.id, Some(ordinary.principal)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let m = member(&r.body, ordinary.id);
        assert_eq!((m["status"].as_str(), m["basis"].as_str()), (Some("prospective"), Some("signed_agreement")), "{m}");
        assert!(m["growth_until"].is_null() && m["decided_at"].is_null(), "{m}");
        assert!(!actions(&r.body).contains(&"confirm_member".to_string()), "the chair does not confirm");
        let g_bureau = app.get(&path, &bureau).await;
        assert!(actions(&g_bureau.body).contains(&"confirm_member".to_string()), "{}", g_bureau.text);
        let list = app.get(&format!("/api/v1/groups?county={DUYUN}"), &bureau).await;
        let item = list.body["items"].as_array().unwrap().iter().find(|i| i["id"] == g).unwrap().clone();
        assert_eq!(item["member_count"], 0, "{item}");
        assert!(item["allowed_actions"].as_array().unwrap().contains(&json!("confirm_member")), "{item}");

        // Not a member yet: the dossier has no member, it cannot leave, it is given no order.
        let r = app.post(&format!("{path}/dossier"), &chair, &json!({"note": "组建材料齐备,请审核。"})).await;
        r.assert_problem(409, "GRP-ESTABLISH-DOSSIER");
        assert!(r.body["detail"].as_str().unwrap().contains("除核心成员外有0个成员"), "{}", r.text);
        let r = app.post(&format!("{path}/members/{}/exit", ordinary.id), &b.admin(ordinary.id), &json!({"reason": "withdrawn", "note": "申请退出集团。"})).await;
        r.assert_problem(409, "MEMBERSHIP-STATE");
        let r = app.post(&format!("{path}/rectification-orders"), &bureau, &json!({"school_id": ordinary.id, "violation": "违规办学。", "deadline": "2099-01-01"})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["school_id"]);
        // ... but it holds its place: in the group (GRP-TIGHT-SIZE) and for the school (GRP-ONE-MEMBERSHIP).
        let r = app.put(&format!("/api/v1/counties/{DUYUN}/settings"), &bureau, Some("\"0\""), &json!({"tight_initial_max_members": 1})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let weak = b.school("211", "rural", "weak", 1, Some(core.principal)).await;
        b.assign(g, weak.id, Some(weak.principal)).await.assert_problem(409, "GRP-TIGHT-SIZE");
        let core2 = b.school("211", "urban", "quality", 0, None).await;
        let g2 = b.authorize(core2.id, "collaborative", "other").await;
        b.prepare(g2, core2.id).await;
        b.record_agreement(g2, core2.id, ordinary.id, None).await.assert_problem(409, "GRP-ONE-MEMBERSHIP");

        // Only the bureau confirms; declining needs reasons.
        let confirmation = format!("{path}/members/{}/confirmation", ordinary.id);
        app.post(&confirmation, &chair, &json!({"decision": "approve"})).await.assert_problem(403, "forbidden");
        let r = b.confirm(g, ordinary.id, "reject", None).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["note"]);
        let etag = g_bureau.header("etag");
        let r = read(app.client.post(app.url(&confirmation)).bearer_auth(&bureau).header("If-Match", "\"1\"")
            .json(&json!({"decision": "approve"})).send().await.unwrap()).await;
        r.assert_problem(412, "precondition_failed");
        let r = read(app.client.post(app.url(&confirmation)).bearer_auth(&bureau).header("If-Match", etag.unwrap())
            .json(&json!({"decision": "approve", "note": "同意按协议加入。"})).send().await.unwrap()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let m = member(&r.body, ordinary.id);
        assert_eq!(m["status"], "active", "{m}");
        assert_eq!(m["joined_on"], edugroups::domain::clock::today().to_string());
        assert_eq!(m["decision_note"], "同意按协议加入。");
        assert!(m["decided_at"].is_string() && m["decided_by"].is_string(), "{m}");
        assert!(m["growth_until"].is_null(), "an ordinary school has no growth period");
        assert!(!actions(&r.body).contains(&"confirm_member".to_string()));
        assert_eq!(r.header("etag"), Some(format!("\"{}\"", r.body["version"])));
        // Stored, audited, and in the change feed under the membership's key.
        assert_eq!(changes_with(&app, "membership.signed_agreement"), 1);
        assert_eq!(changes_with(&app, "membership.confirm"), 1);
        let feed = app.get("/api/v1/changes?entity=membership", &bureau).await;
        let items = feed.body["items"].as_array().unwrap();
        let last = items.last().unwrap();
        assert_eq!(last["op"], "updated");
        let created = items.iter().find(|i| i["id"] == last["id"]).unwrap();
        assert_eq!((created["op"].as_str(), created["key"].clone()), (Some("created"), last["key"].clone()));
        let list = app.get(&format!("/api/v1/groups?county={DUYUN}"), &bureau).await;
        let item = list.body["items"].as_array().unwrap().iter().find(|i| i["id"] == g).unwrap().clone();
        assert_eq!(item["member_count"], 1, "{item}");
        // Now a member: it counts for the dossier's members.
        let r = app.post(&format!("{path}/dossier"), &chair, &json!({"note": "组建材料齐备,请审核。"})).await;
        r.assert_problem(409, "GRP-ESTABLISH-DOSSIER");
        assert!(!r.body["detail"].as_str().unwrap().contains("除核心成员外有0个成员"), "{}", r.text);

        // Nothing more to confirm (MEMBERSHIP-STATE).
        let r = b.confirm(g, ordinary.id, "approve", None).await;
        r.assert_problem(409, "MEMBERSHIP-STATE");
        assert_eq!(r.body["policy_ref"], "§2.4.4");
        // A school that never joined the group: 404.
        b.confirm(g, weak.id, "approve", None).await.assert_problem(404, "not_found");
    }
}

dual_test! {
    async fn the_bureau_declines_an_agreement_with_its_reasons(app: TestApp) {
        let mut b = Builder::new(&app, FUQUAN);
        let core = b.school("211", "township_centre", "quality", 1, None).await;
        let g = b.authorize(core.id, "collaborative", "township_plus_rural").await;
        b.prepare(g, core.id).await;
        let bureau = b.bureau();
        let path = format!("/api/v1/groups/{g}");
        let potential = b.school("211", "rural", "potential", 0, None).await;
        let weak = b.school("211", "rural", "weak", 0, None).await;
        assert_eq!(b.record_agreement(g, core.id, potential.id, None).await.status, 201);
        // An assignment took effect when it was made: nothing to confirm (GRP-JOIN-BASIS).
        assert_eq!(b.assign(g, weak.id, None).await.status, 201);
        let r = b.confirm(g, weak.id, "approve", None).await;
        r.assert_problem(409, "MEMBERSHIP-STATE");
        assert!(r.body["detail"].as_str().unwrap().contains("组织安排"), "{}", r.text);
        // An agreement is not declined by an exit.
        let r = app.post(&format!("{path}/members/{}/exit", potential.id), &bureau, &json!({"reason": "agreement_not_confirmed", "note": "不予确认。"})).await;
        r.assert_problem(422, "validation_failed");

        // The rules are checked again at the confirmation: the school is weak now, so it is
        // assigned, not joined by agreement.
        let s = app.get(&format!("/api/v1/schools/{}", potential.id), &bureau).await;
        let r = app.patch(&format!("/api/v1/schools/{}", potential.id), &bureau, s.header("etag").as_deref(), &json!({"standing": "weak"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        b.confirm(g, potential.id, "approve", None).await.assert_problem(409, "GRP-JOIN-BASIS");
        let s = app.get(&format!("/api/v1/schools/{}", potential.id), &bureau).await;
        let r = app.patch(&format!("/api/v1/schools/{}", potential.id), &bureau, s.header("etag").as_deref(), &json!({"standing": "potential"})).await;
        assert_eq!(r.status, 200, "{}", r.text);

        // Declined, with reasons: the membership ends, and the place is free again.
        let r = b.confirm(g, potential.id, "reject", Some("该校与集团办学方向不一致，暂不安排加入。")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let m = member(&r.body, potential.id);
        assert_eq!((m["status"].as_str(), m["exit_reason"].as_str()), (Some("ended"), Some("agreement_not_confirmed")), "{m}");
        assert_eq!(m["decision_note"], "该校与集团办学方向不一致，暂不安排加入。");
        assert_eq!(m["left_on"], edugroups::domain::clock::today().to_string());
        assert_eq!(changes_with(&app, "membership.agreement_not_confirmed"), 1);
        b.confirm(g, potential.id, "reject", Some("再次不予确认。")).await.assert_problem(409, "MEMBERSHIP-STATE");
        let r = b.agree(g, core.id, potential.id, None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let rows: Vec<Value> = r.body["members"].as_array().unwrap().iter().filter(|m| m["school"]["id"] == potential.id).cloned().collect();
        assert_eq!(rows.len(), 2, "a second membership");
        assert_eq!(rows[1]["status"], "active");
        let v = app.get("/api/v1/vocabularies", &bureau).await;
        assert!(v.text.contains("agreement_not_confirmed") && v.text.contains("confirm_member") && v.text.contains("not_rectified"));
    }
}

dual_test! {
    async fn a_school_of_another_county_is_named_by_grp_county(app: TestApp) {
        let mut fq = Builder::new(&app, FUQUAN);
        let far_core = fq.school("211", "urban", "quality", 0, None).await;
        let far_weak = fq.school("211", "rural", "weak", 0, None).await;
        let far_ordinary = fq.school("211", "rural", "ordinary", 0, None).await;
        let name = app.get(&format!("/api/v1/schools/{}", far_core.id), &fq.bureau()).await.body["name"].as_str().unwrap().to_string();
        let mut b = Builder::new(&app, DUYUN);
        let bureau = b.bureau();

        // On authorisation.
        let body = |core: i64| json!({"name": "测试教育集团", "kind": "tight", "pattern": "urban_quality_plus_new", "core_school_id": core});
        let r = app.post("/api/v1/groups", &bureau, &body(far_core.id)).await;
        r.assert_problem(409, "GRP-COUNTY");
        assert_eq!(r.body["policy_ref"], "§2.1, §2.2");
        let detail = r.body["detail"].as_str().unwrap();
        assert!(detail.contains(FUQUAN) && detail.contains(DUYUN) && detail.contains(&format!("#{}", far_core.id)), "{detail}");
        assert!(!r.text.contains(&name), "{}", r.text);
        let r = app.post("/api/v1/groups", &bureau, &body(999_999)).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["core_school_id"]);
        assert_eq!(app.count("edu_groups"), 0);

        // On joining, by assignment and by agreement.
        let core = b.school("211", "township_centre", "quality", 0, None).await;
        let g = b.authorize(core.id, "collaborative", "township_plus_rural").await;
        b.prepare(g, core.id).await;
        let r = b.assign(g, far_weak.id, None).await;
        r.assert_problem(409, "GRP-COUNTY");
        assert!(r.body["detail"].as_str().unwrap().contains(FUQUAN), "{}", r.text);
        b.record_agreement(g, core.id, far_ordinary.id, None).await.assert_problem(409, "GRP-COUNTY");
        let r = b.assign(g, 999_999, None).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["school_id"]);
        assert_eq!(app.count("group_memberships"), 0);
        // Another county's bureau still does not see the group (404).
        fq.assign(g, far_weak.id, None).await.assert_problem(404, "not_found");
    }
}
