//! The roll-ups, the treatments and the staffing link.

use super::*;

dual_test! {
    async fn the_county_and_prefecture_roll_ups_list_every_group_with_its_figures(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let one = established_tight_group(&app, &mut b).await;
        let two = established_tight_group(&app, &mut b).await;
        let chair = b.admin(one.core.id);
        // Group one exchanges a backbone teacher: of its 8 teachers 1 (12.5%), backbone 100%.
        let bb = teacher(&app, &mut b, one.core.id, true, &["13"]).await;
        exchange_ok(&app, &chair, one.id, json!({"person_id": bb, "kind": "backbone_dispatch", "subject_codes": ["13"], "to_school_id": one.member.id, "voluntary": true})).await;
        let path = format!("/api/v1/counties/{DUYUN}/compliance?year={YEAR}");
        assert_eq!(app.get(&path, &chair).await.status, 403, "for the bureaus and inspectors");
        let r = app.get(&path, &b.bureau()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let groups = r.body["groups"].as_array().unwrap();
        assert_eq!(groups.len(), 2, "{}", r.text);
        // Each group's figures in the roll-up are the group's own report.
        for (g, id) in groups.iter().zip([one.id, two.id]) {
            assert_eq!(g["group_id"], id);
            let own = compliance(&app, &b.bureau(), id).await;
            assert_eq!(counted(g), counted(&own));
            assert_eq!(counted(g), recount(&app, &b.bureau(), id).await);
        }
        assert_eq!((groups[0]["group"]["standing"].as_str(), groups[1]["group"]["standing"].as_str()), (Some("met"), Some("short")), "{}", r.text);
        assert_eq!(r.body["groups_met"], 1, "{}", r.text);
        let tally = r.body["by_rule"].as_array().unwrap().iter().find(|t| t["rule"] == "EXCH-GROUP-10").unwrap().clone();
        assert_eq!((tally["met"].as_u64(), tally["short"].as_u64()), (Some(1), Some(1)), "{tally}");
        let csv = app.get_with(&path, &b.bureau(), &[("accept", "text/csv")]).await;
        assert_eq!((csv.status, csv.text.lines().count()), (200, 3), "{}", csv.text);
        assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
        // Another county's bureau does not see it; an unknown year is a 422.
        assert_eq!(app.get(&path, &app.bureau(FUQUAN)).await.status, 404);
        app.get(&format!("/api/v1/counties/{DUYUN}/compliance"), &b.bureau()).await.assert_problem(422, "validation_failed");
        // The prefecture compares counties; a county bureau sees its own.
        let r = app.get(&format!("/api/v1/compliance?year={YEAR}"), &app.prefecture()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let duyun = r.body["counties"].as_array().unwrap().iter().find(|c| c["county_code"] == DUYUN).unwrap().clone();
        let teachers: u64 = groups.iter().map(|g| g["group"]["denominator"].as_u64().unwrap()).sum();
        assert_eq!((duyun["groups_total"].as_u64(), duyun["groups_met"].as_u64(), duyun["teachers"].as_u64(), duyun["exchanged"].as_u64()), (Some(2), Some(1), Some(teachers), Some(1)), "{duyun}");
        let fuquan = r.body["counties"].as_array().unwrap().iter().find(|c| c["county_code"] == FUQUAN).unwrap().clone();
        assert_eq!(fuquan["groups_total"], 0);
        let own = app.get(&format!("/api/v1/compliance?year={YEAR}"), &b.bureau()).await;
        assert_eq!(own.body["counties"].as_array().map(Vec::len), Some(1), "{}", own.text);
        let csv = app.get_with(&format!("/api/v1/compliance?year={YEAR}"), &app.prefecture(), &[("accept", "text/csv")]).await;
        assert!(csv.text.lines().next().unwrap().ends_with("EXCH-WEAK-SUBJECT_short"), "{}", csv.text);
    }
}

dual_test! {
    async fn treatments_follow_the_exchanges_and_the_office_can_pull_them(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let bb = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let vol = teacher(&app, &mut b, t.core.id, false, &["13"]).await;
        let outside = b.school("211", "rural", "ordinary", 0, None).await;
        let far = teacher(&app, &mut b, t.core.id, false, &["24"]).await;
        let d = exchange_ok(&app, &chair, t.id, json!({"person_id": bb, "kind": "backbone_dispatch", "subject_codes": ["13"], "to_school_id": t.member.id, "status": "planned"})).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": vol, "to_school_id": t.member.id, "voluntary": true})).await;
        // Voluntary, but to a school outside the group: the policy's 成员单位, so nothing.
        exchange_ok(&app, &chair, t.id, json!({"person_id": far, "kind": "cross_school_teaching", "subject_codes": ["24"], "share_percent": 30, "to_school_id": outside.id, "voluntary": true})).await;
        let list = |r: &Resp| -> Vec<String> { r.body["items"].as_array().unwrap().iter().map(|i| i["treatment"].as_str().unwrap().to_string()).collect() };
        let r = app.get(&format!("/api/v1/persons/{bb}/treatments"), &chair).await;
        assert_eq!(list(&r), Vec::<String>::new(), "a planned dispatch earns nothing yet");
        assert_eq!(act(&app, &chair, d, "start").await.status, 200);
        let r = app.get(&format!("/api/v1/persons/{bb}/treatments"), &chair).await;
        assert_eq!(list(&r), vec!["middle_cadre", "award_priority", "title_priority"], "{}", r.text);
        assert_eq!((r.body["items"][0]["at_school_id"].as_i64(), r.body["items"][0]["from"].as_str(), r.body["items"][0]["until"].as_str()), (Some(t.member.id), Some("2026-09-01"), Some("2027-07-15")));
        let x = app.get(&format!("/api/v1/exchanges/{d}"), &chair).await;
        assert_eq!(x.body["treatments"], json!(["middle_cadre", "award_priority", "title_priority"]));
        let path = format!("/api/v1/counties/{DUYUN}/treatments?year={YEAR}&treatment=title_priority");
        let r = app.get(&path, &b.bureau()).await;
        let people: Vec<i64> = r.body["items"].as_array().unwrap().iter().map(|i| i["person_id"].as_i64().unwrap()).collect();
        assert_eq!(people, vec![bb, vol], "{}", r.text);
        let csv = app.get_with(&path, &b.bureau(), &[("accept", "text/csv")]).await;
        assert_eq!(csv.text.lines().count(), 3, "{}", csv.text);
        // Names and priorities are for the bureaus, the inspectors and the person's own school.
        assert_eq!(app.get(&path, &chair).await.status, 403);
        assert_eq!(app.get(&path, &app.token(edugroups::domain::auth::Role::CouncilMember, Some(DUYUN), None)).await.status, 403);
        assert_eq!(app.get(&format!("/api/v1/persons/{bb}/treatments"), &b.admin(t.member.id)).await.status, 403);
        let inspector = app.token(edugroups::domain::auth::Role::Inspector, Some(DUYUN), None);
        assert_eq!(app.get(&path, &inspector).await.status, 200);
        // Cancelled, it no longer earns anything.
        assert_eq!(act(&app, &chair, d, "cancel").await.status, 200);
        let r = app.get(&format!("/api/v1/persons/{bb}/treatments"), &chair).await;
        assert!(list(&r).is_empty(), "{}", r.text);
    }
}

dual_test! {
    async fn an_active_exchange_lends_and_borrows_posts_in_the_staffing_report(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let p = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let q = teacher(&app, &mut b, t.core.id, false, &["13"]).await;
        // Active over the head-count day (today, in the running year) — and one only planned.
        let today = edugroups::domain::clock::today();
        let from = (today - chrono::Duration::days(30)).to_string();
        exchange_ok(&app, &chair, t.id, json!({"person_id": p, "to_school_id": t.member.id, "starts_on": from, "ends_on": null})).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": q, "to_school_id": t.member.id, "starts_on": from, "ends_on": null, "status": "planned"})).await;
        // One teacher on two part-time exchanges lends one post.
        let r = teacher(&app, &mut b, t.core.id, false, &["25"]).await;
        let outside = b.school("211", "rural", "ordinary", 0, None).await;
        for (to, share) in [(t.member.id, 50), (outside.id, 50)] {
            exchange_ok(&app, &chair, t.id, json!({"person_id": r, "kind": "cross_school_teaching", "subject_codes": ["25"], "share_percent": share, "to_school_id": to, "starts_on": from, "ends_on": null})).await;
        }
        let year = chrono::Datelike::year(&today);
        let r = app.get(&format!("/api/v1/groups/{}/staffing?year={year}", t.id), &chair).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let m = r.body["pool"]["members"].as_array().unwrap();
        let of = |id: i64| m.iter().find(|x| x["school_id"] == id).unwrap().clone();
        assert_eq!((of(t.core.id)["lent"].as_i64(), of(t.core.id)["borrowed"].as_i64()), (Some(2), Some(0)), "{}", r.text);
        assert_eq!((of(t.member.id)["lent"].as_i64(), of(t.member.id)["borrowed"].as_i64()), (Some(0), Some(2)), "{}", r.text);
    }
}

dual_test! {
    async fn the_cores_bonus_posts_are_tied_to_the_teachers_it_sends(app: TestApp) {
        use crate::staffing::{allocate, line, set_totals};
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        set_totals(&app, DUYUN, 1000, 200, 300, 10).await;
        allocate(&app, DUYUN, &chair, t.id, vec![line(t.core.id, "intermediate", false, 20), line(t.core.id, "intermediate", true, 2)]).await;
        let round = app.post(&format!("/api/v1/groups/{}/hiring-rounds", t.id), &chair, &json!({"name": "2026年岗位双向聘用", "year": YEAR, "opened_on": crate::cadres::today(),
            "methods": [{"category": "professional_technical", "ethics": 30, "ability": 30, "performance": 25, "contribution": 15}]})).await;
        assert_eq!(round.status, 201, "{}", round.text);
        let rid = round.body["id"].as_i64().unwrap();
        let sent = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let kept = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        for p in [sent, kept] {
            let post = app.post(&format!("/api/v1/hiring-rounds/{rid}/posts"), &chair,
                &json!({"school_id": t.core.id, "category": "professional_technical", "level": "intermediate", "bonus": true, "name": "交流骨干教师岗"})).await;
            assert_eq!(post.status, 201, "{}", post.text);
            let hired = app.post(&format!("/api/v1/hiring-rounds/{rid}/outcomes"), &chair, &json!({"person_id": p, "status": "hired", "post_id": post.body["id"],
                "scores": {"ethics": 90, "ability": 80, "performance": 70, "contribution": 60},
                "reason": "竞聘考核结果。", "decided_on": crate::cadres::today(), "deciding_body": "office_meeting", "document_ref": "集团办〔2026〕12号"})).await;
            assert_eq!(hired.status, 201, "{}", hired.text);
        }
        exchange_ok(&app, &chair, t.id, json!({"person_id": sent, "kind": "backbone_dispatch", "subject_codes": ["13"], "to_school_id": t.member.id})).await;
        let c = compliance(&app, &chair, t.id).await;
        let holders: Vec<(i64, bool)> = c["bonus_posts"].as_array().unwrap().iter().map(|h| (h["person_id"].as_i64().unwrap(), h["sent"].as_bool().unwrap())).collect();
        assert_eq!(holders, vec![(sent, true), (kept, false)], "{c}");
        // A member school's administrator sees the figures, not the core's post holders.
        let c = compliance(&app, &b.admin(t.member.id), t.id).await;
        assert_eq!((c["bonus_posts"].as_array().map(Vec::len), c["group"]["numerator"].as_u64()), (Some(0), Some(1)), "{c}");
    }
}
