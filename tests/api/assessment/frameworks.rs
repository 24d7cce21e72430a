//! ASSESS-FRAMEWORK through the API: weights per level, the template, copies, locking.

use super::*;

dual_test! {
    async fn weights_sum_to_100_per_level_and_a_framework_locks_when_used(app: TestApp) {
        let bureau = app.bureau(DUYUN);
        // From the built-in template: every level at 100.
        let r = app.post("/api/v1/assessment-frameworks", &bureau, &json!({"year": YEAR, "title": "2026年度考核", "template": true})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["weights"], json!({"core": 100, "group": 100, "member": 100}));
        assert_eq!((r.body["status"].as_str(), r.body["edition"].as_i64(), r.body["county_code"].as_str()), (Some("draft"), Some(1), Some(DUYUN)));
        let template_id = r.body["id"].as_i64().unwrap();

        // Weights of 99 are refused, citing the rule; nothing is stored.
        let mut dims = r.body["dimensions"].clone();
        dims[0]["indicators"][0]["weight"] = json!(14);
        let before = app.count("assessment_frameworks");
        let bad = app.post("/api/v1/assessment-frameworks", &bureau, &json!({"year": YEAR, "title": "错误权重", "dimensions": dims})).await;
        bad.assert_problem(409, "ASSESS-FRAMEWORK");
        assert!(bad.body["detail"].as_str().unwrap().contains("99"), "{}", bad.text);
        assert_eq!(app.count("assessment_frameworks"), before);
        // A computed metric of another level is refused too.
        let mut dims = r.body["dimensions"].clone();
        dims[0]["indicators"][0]["metric"] = json!("core_exchange_share");
        app.post("/api/v1/assessment-frameworks", &bureau, &json!({"year": YEAR, "title": "错误口径", "dimensions": dims})).await
            .assert_problem(409, "ASSESS-FRAMEWORK");
        // Shape errors are 422 with the field named.
        let r422 = app.post("/api/v1/assessment-frameworks", &bureau, &json!({"year": YEAR, "title": "x"})).await;
        r422.assert_problem(422, "validation_failed");

        // A copy is the next edition and can be revised while a draft.
        let copy = app.post("/api/v1/assessment-frameworks", &bureau, &json!({"year": YEAR, "title": "第二版", "copy_from": template_id})).await;
        assert_eq!(copy.status, 201, "{}", copy.text);
        assert_eq!((copy.body["edition"].as_i64(), copy.body["based_on_id"].as_i64()), (Some(2), Some(template_id)));
        let id = copy.body["id"].as_i64().unwrap();
        let rev = app.put(&format!("/api/v1/assessment-frameworks/{id}"), &bureau, Some("\"1\""), &json!({"title": "第二版（修订）", "dimensions": copy.body["dimensions"]})).await;
        assert_eq!(rev.status, 200, "{}", rev.text);

        // Opening an assessment under it locks it.
        let mut b = Builder::new(&app, DUYUN);
        let tg = established_tight_group(&app, &mut b).await;
        open(&app, DUYUN, tg.id, id, YEAR).await;
        let f = app.get(&format!("/api/v1/assessment-frameworks/{id}"), &bureau).await;
        assert_eq!(f.body["status"], "locked");
        let etag = f.header("etag").unwrap();
        app.put(&format!("/api/v1/assessment-frameworks/{id}"), &bureau, Some(&etag), &json!({"title": "改不了", "dimensions": copy.body["dimensions"]})).await
            .assert_problem(409, "framework_locked");

        // The prefecture makes templates every county sees; a county cannot make one for
        // another county, and a school cannot make any.
        let t = app.post("/api/v1/assessment-frameworks", &app.prefecture(), &json!({"year": YEAR, "title": "州模板", "template": true})).await;
        assert_eq!(t.status, 201, "{}", t.text);
        assert_eq!(t.body["county_code"], Value::Null);
        let listed = app.get(&format!("/api/v1/assessment-frameworks?year={YEAR}"), &app.bureau(FUQUAN)).await;
        assert_eq!(listed.body.as_array().unwrap().len(), 1, "Libo sees the template only: {}", listed.text);
        app.post("/api/v1/assessment-frameworks", &b.admin(tg.core.id), &json!({"year": YEAR, "title": "x", "template": true})).await
            .assert_problem(403, "forbidden");
        // A county framework cannot be opened from a template directly.
        let mut b2 = Builder::new(&app, FUQUAN);
        let g2 = established_tight_group(&app, &mut b2).await;
        let r = app.post(&format!("/api/v1/groups/{}/assessments", g2.id), &app.bureau(FUQUAN), &json!({"year": YEAR, "framework_id": t.body["id"]})).await;
        r.assert_problem(422, "validation_failed");
        // …but a copy of it can.
        let c = app.post("/api/v1/assessment-frameworks", &app.bureau(FUQUAN), &json!({"year": YEAR, "title": "荔波县考核", "copy_from": t.body["id"]})).await;
        assert_eq!(c.status, 201, "{}", c.text);
        open(&app, FUQUAN, g2.id, c.body["id"].as_i64().unwrap(), YEAR).await;
    }
}
