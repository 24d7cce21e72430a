//! A county's year from opening to publication: the group's self-assessment, the assessors'
//! scores with recusal, the computed indicators, finalisation, a recorded reopening, and
//! publication; the reports and the change feed.

use edugroups::domain::auth::Role;

use super::*;

fn line<'a>(a: &'a Value, code: &str, school: Option<i64>) -> &'a Value {
    a["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["indicator_code"] == code && l["school_id"].as_i64() == school)
        .unwrap_or_else(|| panic!("no line {code} {school:?}: {a}"))
}

/// The level's total recomputed from the lines: Σ score / max × weight, to hundredths.
fn recomputed(a: &Value, level: &str, school: Option<i64>) -> f64 {
    let sum: f64 = a["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["level"] == level && l["school_id"].as_i64() == school)
        .map(|l| {
            l["score"].as_f64().unwrap() / l["max_score"].as_f64().unwrap()
                * l["weight"].as_f64().unwrap()
        })
        .sum();
    (sum * 100.0).round() / 100.0
}

dual_test! {
    async fn a_groups_year_from_opening_to_publication(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let bureau = app.bureau(DUYUN);
        let chair = b.admin(t.core.id);
        let f = app.post("/api/v1/assessment-frameworks", &bureau, &json!({"year": YEAR, "title": "2026年度考核", "template": true})).await;
        let a = open(&app, DUYUN, t.id, f.body["id"].as_i64().unwrap(), YEAR).await;
        let id = a["id"].as_i64().unwrap();
        assert_eq!(a["status"], "open");
        assert_eq!(a["units"].as_array().unwrap().len(), 2, "{a}");
        // 8 group lines, 4 for the core, 5 for the one member.
        assert_eq!(a["lines"].as_array().unwrap().len(), 17, "{a}");
        // One per group and year.
        app.post(&format!("/api/v1/groups/{}/assessments", t.id), &bureau, &json!({"year": YEAR, "framework_id": f.body["id"]})).await
            .assert_problem(409, "assessment_exists");
        // Only the bureau opens and scores; the chair self-assesses.
        app.post(&format!("/api/v1/groups/{}/assessments", t.id), &chair, &json!({"year": 2027, "framework_id": f.body["id"]})).await
            .assert_problem(403, "forbidden");

        // The self-assessment needs every manual indicator.
        let path = format!("/api/v1/assessments/{id}/self-assessment");
        let partial = app.post_if(&path, &chair, Some("\"1\""), &json!({"scores": [{"indicator_code": "G8", "score": 9.0}]})).await;
        partial.assert_problem(422, "validation_failed");
        let own = json!({"scores": [
            {"indicator_code": "G8", "score": 9.0, "comment": "满意度调查优秀"},
            {"indicator_code": "C4", "score": 9.5},
            {"indicator_code": "M5", "school_id": t.member.id, "score": 8.0}
        ], "note": "集团自评报告"});
        let s = app.post_if(&path, &chair, Some("\"1\""), &own).await;
        assert_eq!(s.status, 200, "{}", s.text);
        assert_eq!(s.body["status"], "self_assessed");
        assert_eq!(line(&s.body, "C4", Some(t.core.id))["self_score"], 9.5);
        app.post_if(&path, &chair, Some(&format!("\"{}\"", s.body["version"])), &own).await
            .assert_problem(409, "ASSESS-STATE");

        // An assessor from the core school is recused; scores above the maximum, or for a
        // computed indicator, are refused.
        let own_school = app.token(Role::CountyBureau, Some(DUYUN), Some(t.core.id));
        score_manual(&app, &own_school, &s.body, 8.0).await.assert_problem(409, "ASSESS-RECUSAL");
        let sp = format!("/api/v1/assessments/{id}/scores");
        let ev = format!("\"{}\"", s.body["version"]);
        app.put(&sp, &bureau, Some(&ev), &json!({"scores": [{"indicator_code": "G8", "score": 10.5}]})).await
            .assert_problem(422, "validation_failed");
        app.put(&sp, &bureau, Some(&ev), &json!({"scores": [{"indicator_code": "G1", "score": 5}]})).await
            .assert_problem(422, "validation_failed");
        app.put(&sp, &bureau, Some(&ev), &json!({"scores": [{"indicator_code": "G8", "score": 8.25}]})).await
            .assert_problem(422, "validation_failed");
        let scored = score_manual(&app, &bureau, &s.body, 8.0).await;
        assert_eq!(scored.status, 200, "{}", scored.text);
        assert_eq!(line(&scored.body, "G8", None)["score"], 8.0);
        assert_eq!(line(&scored.body, "G8", None)["self_score"], 9.0, "the self-assessment stays beside it");

        // Not scored until the computed indicators are computed.
        act(&app, &bureau, id, "mark_scored", None).await.assert_problem(409, "ASSESS-STATE");
        let c = act_ok(&app, DUYUN, id, "compute").await;
        for l in c["lines"].as_array().unwrap().iter().filter(|l| l["source"] == "computed") {
            assert!(l["score"].is_number(), "{l}");
            assert!(l["inputs"].is_object(), "a computed score keeps its inputs: {l}");
        }
        let m = act_ok(&app, DUYUN, id, "mark_scored").await;
        assert_eq!(m["status"], "scored");
        // Totals per level are the lines' contributions.
        for (level, school) in [("group", None), ("core", Some(t.core.id)), ("member", Some(t.member.id))] {
            let r = m["results"].as_array().unwrap().iter().find(|r| r["level"] == level && r["school_id"].as_i64() == school).unwrap();
            assert_eq!(r["total"].as_f64().unwrap(), recomputed(&m, level, school), "{level}: {m}");
        }

        let fin = act_ok(&app, DUYUN, id, "finalise").await;
        assert_eq!(fin["status"], "finalised");
        let total = fin["total"].as_f64().unwrap();
        assert_eq!(total, recomputed(&fin, "group", None));
        let grade = match total { t if t >= 90.0 => "excellent", t if t >= 75.0 => "good", t if t >= 60.0 => "pass", _ => "fail" };
        assert_eq!(fin["grade"], grade, "{fin}");
        // Scores no longer change, not even computed ones.
        score_manual(&app, &bureau, &fin, 10.0).await.assert_problem(409, "ASSESS-STATE");
        act(&app, &bureau, id, "compute", None).await.assert_problem(409, "ASSESS-STATE");
        act(&app, &own_school, id, "finalise", None).await.assert_problem(409, "ASSESS-STATE");

        // A correction needs a recorded reopening with reasons.
        act(&app, &bureau, id, "reopen", None).await.assert_problem(422, "validation_failed");
        let re = act(&app, &bureau, id, "reopen", Some("G8 评分录入有误，经复核更正。")).await;
        assert_eq!(re.status, 200, "{}", re.text);
        assert_eq!(re.body["status"], "scored");
        assert_eq!(re.body["reopenings"][0]["reason"], "G8 评分录入有误，经复核更正。");
        assert_eq!(re.body["reopenings"][0]["results_before"][0]["total"].as_f64(), Some(total));
        let fix = app.put(&sp, &bureau, Some(&format!("\"{}\"", re.body["version"])), &json!({"scores": [{"indicator_code": "G8", "score": 10.0, "evidence": "复核记录"}]})).await;
        assert_eq!(fix.status, 200, "{}", fix.text);
        act_ok(&app, DUYUN, id, "finalise").await;
        let p = act_ok(&app, DUYUN, id, "publish").await;
        assert_eq!(p["status"], "published");
        assert_eq!(p["total"].as_f64().unwrap(), ((total + 4.0) * 100.0).round() / 100.0, "G8 weighs 20: +2 points of 10 is +4");
        // Published results are final.
        act(&app, &bureau, id, "reopen", Some("再改")).await.assert_problem(409, "ASSESS-STATE");
        // The newly opened member's growth period runs: its review is flagged.
        assert!(p["flags"].as_array().unwrap().iter().any(|f| f["flag"] == "growth_review_due" && f["school_id"].as_i64() == Some(t.member.id) && f["rule"] == "GROWTH-3Y"), "{}", p["flags"]);

        // The reports.
        let county = app.get(&format!("/api/v1/counties/{DUYUN}/assessments?year={YEAR}"), &bureau).await;
        assert_eq!(county.status, 200, "{}", county.text);
        assert_eq!(county.body["groups"][0]["rank"], 1);
        assert_eq!(county.body["groups"][0]["total"], p["total"]);
        assert_eq!(county.body["published"], 1);
        let csv = app.get_with(&format!("/api/v1/counties/{DUYUN}/assessments?year={YEAR}"), &bureau, &[("accept", "text/csv")]).await;
        assert!(csv.text.starts_with("county_code,year,rank,group_id"), "{}", csv.text);
        assert_eq!(csv.text.lines().count(), 2);
        app.get(&format!("/api/v1/counties/{DUYUN}/assessments?year={YEAR}"), &chair).await.assert_problem(403, "forbidden");
        let pref = app.get(&format!("/api/v1/assessment-report?year={YEAR}"), &app.prefecture()).await;
        assert_eq!(pref.body["counties"][0]["county_code"], DUYUN, "{}", pref.text);
        assert_eq!(pref.body["counties"][0]["published"], 1);
        let mine = app.get(&format!("/api/v1/groups/{}/assessments", t.id), &chair).await;
        assert_eq!(mine.body["years"][0]["grade"], p["grade"], "{}", mine.text);
        assert_eq!(mine.body["years"][0]["schools"].as_array().unwrap().len(), 2);

        // Every step is in the change feed.
        let feed = app.get("/api/v1/changes?entity=assessment", &bureau).await;
        let actions: Vec<&str> = feed.body["items"].as_array().unwrap().iter().map(|c| c["action"].as_str().unwrap()).collect();
        for want in ["assessment.open", "assessment.self_assess", "assessment.score", "assessment.compute", "assessment.finalise", "assessment.reopen", "assessment.publish"] {
            assert!(actions.contains(&want), "{want} in {actions:?}");
        }
    }
}

dual_test! {
    async fn a_member_admin_reads_but_does_not_score_and_another_county_sees_nothing(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let f = manual_framework(&app, DUYUN, YEAR).await;
        let a = open(&app, DUYUN, t.id, f, YEAR).await;
        let id = a["id"].as_i64().unwrap();
        let member = b.admin(t.member.id);
        assert_eq!(app.get(&format!("/api/v1/assessments/{id}"), &member).await.status, 200);
        score_manual(&app, &member, &a, 5.0).await.assert_problem(403, "forbidden");
        app.post_if(&format!("/api/v1/assessments/{id}/self-assessment"), &member, Some("\"1\""), &json!({"scores": [{"indicator_code": "G", "score": 5}]})).await
            .assert_problem(403, "forbidden");
        assert_eq!(app.get(&format!("/api/v1/assessments/{id}"), &app.bureau(FUQUAN)).await.status, 404);
        assert_eq!(app.get(&format!("/api/v1/counties/{DUYUN}/assessments?year={YEAR}"), &app.bureau(FUQUAN)).await.status, 404);
    }
}
