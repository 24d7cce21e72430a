//! Each EXCH figure at and just below its threshold, recomputed by the test from the raw
//! records, with the shortfall named.

use super::*;

dual_test! {
    async fn group_ten_and_backbone_forty_at_and_just_below_their_thresholds(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let bb1 = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let bb2 = teacher(&app, &mut b, t.core.id, true, &["14"]).await;
        let mut nb = Vec::new();
        for _ in 0..7 {
            nb.push(teacher(&app, &mut b, t.core.id, false, &["13"]).await);
        }
        for _ in 0..4 {
            teacher(&app, &mut b, t.member.id, false, &["13"]).await;
        }
        // 7 fixture staff + 13 = 20 teachers, none exchanged: short by 2 (10% of 20).
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["group"]["denominator"].as_u64(), c["group"]["standing"].as_str(), c["group"]["more_needed"].as_u64()), (Some(20), Some("short"), Some(2)), "{c}");
        assert_eq!(c["backbone"]["standing"], "not_applicable", "a share of nobody");
        // The newly opened member's subject lacks its backbone teacher, too.
        assert_eq!(c["short"], json!(["EXCH-GROUP-10", "EXCH-NEW-SCHOOL-SUBJECT"]), "{c}");

        // Five exchanged, two of them backbone: 25% and exactly 40%.
        let mut ids = HashMap::new();
        for p in [bb1, bb2, nb[0], nb[1], nb[2]] {
            ids.insert(p, exchange_ok(&app, &chair, t.id, json!({"person_id": p, "to_school_id": t.member.id})).await);
        }
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["group"]["numerator"].as_u64(), c["group"]["standing"].as_str()), (Some(5), Some("met")), "{c}");
        assert_eq!((c["backbone"]["numerator"].as_u64(), c["backbone"]["denominator"].as_u64(), c["backbone"]["percent"].as_f64(), c["backbone"]["standing"].as_str()), (Some(2), Some(5), Some(40.0), Some("met")), "{c}");

        // A sixth, not backbone: 2 of 6 is below 40%; one more backbone teacher (3 of 7) meets it.
        ids.insert(nb[3], exchange_ok(&app, &chair, t.id, json!({"person_id": nb[3], "to_school_id": t.member.id})).await);
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["backbone"]["standing"].as_str(), c["backbone"]["more_needed"].as_u64()), (Some("short"), Some(1)), "{c}");
        assert_eq!(c["backbone"]["members_below"], json!([t.core.id]), "the core sent them: its own share is below");
        assert_eq!(c["short"], json!(["EXCH-BACKBONE-40", "EXCH-NEW-SCHOOL-SUBJECT"]), "{c}");

        // Cancelled exchanges do not count: two of 20 is exactly 10%.
        for p in [nb[0], nb[1], nb[2], nb[3]] {
            assert_eq!(act(&app, &chair, ids[&p], "cancel").await.status, 200);
        }
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["group"]["numerator"].as_u64(), c["group"]["percent"].as_f64(), c["group"]["standing"].as_str()), (Some(2), Some(10.0), Some("met")), "{c}");
        assert_eq!(c["short"], json!(["EXCH-NEW-SCHOOL-SUBJECT"]), "{c}");

        // One of 20 is short by one, and both schools are below on their own.
        assert_eq!(act(&app, &chair, ids[&bb2], "cancel").await.status, 200);
        // A planned exchange and one that ended in 2025 do not count; one from September 2025 to
        // January 2026 counts in 2026.
        exchange_ok(&app, &chair, t.id, json!({"person_id": nb[4], "to_school_id": t.member.id, "status": "planned"})).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": nb[5], "to_school_id": t.member.id, "starts_on": "2025-03-01", "ends_on": "2025-07-10", "status": "completed"})).await;
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["group"]["numerator"].as_u64(), c["group"]["standing"].as_str(), c["group"]["more_needed"].as_u64()), (Some(1), Some("short"), Some(1)), "{c}");
        let mut below: Vec<i64> = c["group"]["members_below"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        below.sort_unstable();
        assert_eq!(below, vec![t.core.id, t.member.id], "{c}");
        exchange_ok(&app, &chair, t.id, json!({"person_id": nb[6], "to_school_id": t.member.id, "starts_on": "2025-09-01", "ends_on": "2026-01-15", "status": "completed"})).await;
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["group"]["numerator"].as_u64(), c["group"]["standing"].as_str()), (Some(2), Some("met")), "{c}");
        // The year before the group was established is not measured.
        let r = app.get(&format!("/api/v1/groups/{}/compliance?year={}", t.id, YEAR - 1), &chair).await;
        assert_eq!((r.body["measured"].as_bool(), r.body["met"].as_bool(), r.body["group"]["standing"].as_str(), r.body["short"].clone()), (Some(false), Some(false), Some("not_applicable"), json!([])), "{}", r.text);
        // The same figures as CSV, one row per figure.
        let r = app.get_with(&format!("/api/v1/groups/{}/compliance?year={YEAR}", t.id), &chair, &[("accept", "text/csv")]).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.text.lines().any(|l| l.contains(",EXCH-GROUP-10,2,20,10,10,met,0,")), "{}", r.text);
    }
}

dual_test! {
    async fn core_ten_applies_once_stable_and_counts_a_transferred_teacher(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let mut own = Vec::new();
        for i in 0..6 {
            own.push(teacher(&app, &mut b, t.core.id, i == 0, &["13"]).await);
        }
        // 10 teachers at the core. Established this year: not stable, so nothing is owed.
        let x = exchange_ok(&app, &chair, t.id, json!({"person_id": own[1], "to_school_id": t.member.id})).await;
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["core"]["numerator"].as_u64(), c["core"]["denominator"].as_u64(), c["core"]["standing"].as_str()), (Some(1), Some(10), Some("not_applicable")), "{c}");
        assert_eq!((c["stable"].as_bool(), c["stable_from_year"].as_i64()), (Some(false), Some(i64::from(YEAR) + 3)), "{c}");
        // A county that counts a group stable at once: 1 of 10 is exactly 10%.
        settings(&app, DUYUN, json!({"group_stable_after_years": 0})).await;
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!((c["core"]["standing"].as_str(), c["core"]["percent"].as_f64(), c["thresholds"]["stable_after_years"].as_u64()), (Some("met"), Some(10.0), Some(0)), "{c}");
        // Just below: cancelled, and a move the other way (member to core) is not the core's.
        assert_eq!(act(&app, &chair, x, "cancel").await.status, 200);
        let from_member = teacher(&app, &mut b, t.member.id, false, &["13"]).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": from_member, "to_school_id": t.core.id})).await;
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!((c["core"]["numerator"].as_u64(), c["core"]["standing"].as_str(), c["core"]["more_needed"].as_u64()), (Some(0), Some("short"), Some(1)), "{c}");
        assert!(c["short"].as_array().unwrap().contains(&json!("EXCH-CORE-10")), "{c}");
        // A teacher whose personnel relation moved with the exchange still counts for the core:
        // the registry now has 9 at the core, the figure 1 sent of 10.
        exchange_ok(&app, &chair, t.id, json!({"person_id": own[2], "to_school_id": t.member.id, "relation": "transferred"})).await;
        let r = app.patch(&format!("/api/v1/persons/{}", own[2]), &b.bureau(), Some("\"1\""), &json!({"school_id": t.member.id})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!((c["core"]["numerator"].as_u64(), c["core"]["denominator"].as_u64(), c["core"]["standing"].as_str()), (Some(1), Some(10), Some("met")), "{c}");
        assert_eq!(recount(&app, &chair, t.id).await.core_teachers, 9, "the registry's count");
    }
}

dual_test! {
    async fn every_subject_of_a_new_member_and_its_weak_subjects_need_a_backbone_dispatch(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        // Nothing recorded: the subjects the member's teachers teach (语文, "13").
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!((c["new_school_subjects"]["required"].as_u64(), c["new_school_subjects"]["standing"].as_str()), (Some(1), Some("short")), "{c}");
        assert_eq!(c["weak_subjects"]["standing"], "not_applicable", "no weak subject recorded");
        // Recorded: 语文 and 数学, 数学 weak.
        let path = format!("/api/v1/schools/{}/subjects/{YEAR}", t.member.id);
        let body = json!({"subjects": [{"subject_code": "13"}, {"subject_code": "14", "weak": true}]});
        assert_eq!(app.put(&path, &chair, Some("\"0\""), &body).await.status, 403, "the core's admin is not the member's");
        let r = app.put(&path, &b.bureau(), None, &body).await;
        r.assert_problem(428, "precondition_required");
        let r = app.put(&path, &b.bureau(), Some("\"0\""), &body).await;
        assert_eq!((r.status, r.body["version"].as_i64()), (200, Some(1)), "{}", r.text);
        let c = compliance(&app, &chair, t.id).await;
        let missing = |c: &Value, f: &str| -> Vec<String> {
            c[f]["missing"].as_array().unwrap().iter().map(|m| format!("{}:{}", m["school_id"], m["subject_code"].as_str().unwrap())).collect()
        };
        let m = t.member.id;
        assert_eq!(missing(&c, "new_school_subjects"), vec![format!("{m}:13"), format!("{m}:14")], "{c}");
        assert_eq!(missing(&c, "weak_subjects"), vec![format!("{m}:14")], "{c}");
        assert!(c["new_school_subjects"]["missing"][0]["school_name"].as_str().is_some_and(|n| !n.is_empty()), "{c}");
        let bb1 = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        let bb2 = teacher(&app, &mut b, t.core.id, true, &["14"]).await;
        // A rotation does not cover a subject, nor does a planned dispatch.
        exchange_ok(&app, &chair, t.id, json!({"person_id": bb1, "to_school_id": m, "subject_codes": ["13"]})).await;
        let planned = exchange_ok(&app, &chair, t.id, json!({"person_id": bb2, "kind": "backbone_dispatch", "to_school_id": m, "subject_codes": ["14"], "status": "planned"})).await;
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(c["new_school_subjects"]["covered"], 0, "{c}");
        // One of two: just below; both: met.
        let bb3 = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        exchange_ok(&app, &chair, t.id, json!({"person_id": bb3, "kind": "backbone_dispatch", "to_school_id": m, "subject_codes": ["13"]})).await;
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!((c["new_school_subjects"]["covered"].as_u64(), c["new_school_subjects"]["required"].as_u64(), c["new_school_subjects"]["standing"].as_str()), (Some(1), Some(2), Some("short")), "{c}");
        assert_eq!(missing(&c, "new_school_subjects"), vec![format!("{m}:14")]);
        assert_eq!(act(&app, &chair, planned, "start").await.status, 200);
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!((c["new_school_subjects"]["standing"].as_str(), c["weak_subjects"]["standing"].as_str()), (Some("met"), Some("met")), "{c}");
        assert!(c["short"].as_array().unwrap().iter().all(|r| r != "EXCH-NEW-SCHOOL-SUBJECT" && r != "EXCH-WEAK-SUBJECT"), "{c}");
    }
}
