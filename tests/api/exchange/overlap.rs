//! EXCH-OVERLAP and EXCH-SCOPE refusals, cited by rule, and two conflicting exchanges for one
//! teacher at once: exactly one is recorded.

use super::*;

dual_test! {
    async fn overlapping_exchanges_are_refused_citing_the_rule(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let p = teacher(&app, &mut b, t.core.id, true, &["13", "24"]).await;
        let first = exchange_ok(&app, &chair, t.id, json!({"person_id": p, "to_school_id": t.member.id, "status": "planned"})).await;
        // A second full-time exchange that shares a day, even a planned one, is refused.
        let r = exchange(&app, &chair, t.id, json!({"person_id": p, "kind": "cross_stage", "to_school_id": t.member.id, "starts_on": "2027-07-15", "ends_on": "2027-12-31"})).await;
        r.assert_problem(409, "EXCH-OVERLAP");
        assert!(r.body["detail"].as_str().unwrap().contains(&first.to_string()), "{}", r.text);
        assert_eq!(r.body["policy_ref"], "§2.4.3", "{}", r.text);
        // The day after is free.
        exchange_ok(&app, &chair, t.id, json!({"person_id": p, "kind": "cross_stage", "to_school_id": t.member.id, "starts_on": "2027-07-16", "ends_on": "2027-12-31", "status": "planned"})).await;
        // Cancelling frees the time: part-time shares then add up to 100% and no more.
        assert_eq!(act(&app, &chair, first, "cancel").await.status, 200);
        let outside = b.school("211", "rural", "ordinary", 0, None).await;
        let part = |share: i32, to: i64| json!({"person_id": p, "kind": "cross_school_teaching", "to_school_id": to, "subject_codes": ["24"], "share_percent": share, "starts_on": "2026-09-01", "ends_on": "2027-01-20"});
        let a = exchange(&app, &chair, t.id, part(60, t.member.id)).await;
        assert_eq!((a.status, a.body["within_group"].as_bool()), (201, Some(true)), "{}", a.text);
        let c = exchange(&app, &chair, t.id, part(40, outside.id)).await;
        assert_eq!((c.status, c.body["within_group"].as_bool()), (201, Some(false)), "cross-school teaching may leave the group: {}", c.text);
        exchange(&app, &chair, t.id, part(10, t.member.id)).await.assert_problem(409, "EXCH-OVERLAP");
        assert_eq!(app.count("exchanges"), 4);
        // Two part-time exchanges, one outside the group: the teacher counts once, as exchanged.
        let c = compliance(&app, &chair, t.id).await;
        assert_eq!(counted(&c), recount(&app, &chair, t.id).await);
        assert_eq!(c["group"]["numerator"], 1, "{c}");
        // On the feed: four created, one updated (the cancel); the audit names each act.
        let feed = crate::staffing::feed(&app, DUYUN, "exchange").await;
        assert_eq!(feed.iter().filter(|c| c["op"] == "created").count(), 4, "{feed:?}");
        assert_eq!(feed.iter().filter(|c| c["op"] == "updated").count(), 1, "{feed:?}");
        let acts = crate::staffing::actions(&app, "exchange");
        assert_eq!(acts.iter().filter(|a| a.as_str() == "exchange.cancel").count(), 1, "{acts:?}");
    }
}

dual_test! {
    async fn two_conflicting_exchanges_at_once_one_is_recorded(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let bureau = b.bureau();
        let p = teacher(&app, &mut b, t.core.id, true, &["13"]).await;
        for round in 0..3 {
            let start = format!("{}-09-01", 2030 + round);
            let one = json!({"person_id": p, "to_school_id": t.member.id, "starts_on": start, "ends_on": null, "status": "planned"});
            let two = json!({"person_id": p, "kind": "backbone_dispatch", "subject_codes": ["13"], "to_school_id": t.member.id, "starts_on": start, "ends_on": null, "status": "planned"});
            let (ra, rb) = tokio::join!(exchange(&app, &chair, t.id, one), exchange(&app, &bureau, t.id, two));
            let mut statuses = vec![ra.status, rb.status];
            statuses.sort_unstable();
            assert_eq!(statuses, vec![201, 409], "{} / {}", ra.text, rb.text);
            let refused = if ra.status == 409 { &ra } else { &rb };
            refused.assert_problem(409, "EXCH-OVERLAP");
            // Clear the way for the next round.
            let won = if ra.status == 201 { &ra } else { &rb };
            assert_eq!(act(&app, &chair, won.body["id"].as_i64().unwrap(), "cancel").await.status, 200);
        }
        assert_eq!(app.count("exchanges"), 3);
    }
}

dual_test! {
    async fn where_an_exchange_may_go_and_who_may_be_sent(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let plain = teacher(&app, &mut b, t.core.id, false, &["13"]).await;
        let outside = b.school("211", "rural", "ordinary", 0, None).await;
        let member_teacher = teacher(&app, &mut b, t.member.id, true, &["13"]).await;
        // EXCH-SCOPE: a rotation stays in the group; a backbone dispatch sends a backbone teacher
        // from the core.
        exchange(&app, &chair, t.id, json!({"person_id": plain, "to_school_id": outside.id})).await.assert_problem(409, "EXCH-SCOPE");
        exchange(&app, &chair, t.id, json!({"person_id": plain, "kind": "backbone_dispatch", "subject_codes": ["13"], "to_school_id": t.member.id})).await.assert_problem(409, "EXCH-SCOPE");
        exchange(&app, &chair, t.id, json!({"person_id": member_teacher, "kind": "management_dispatch", "to_school_id": t.core.id})).await.assert_problem(409, "EXCH-SCOPE");
        // Not a teacher of the group's schools, even "transferred after the fact".
        let stranger = teacher(&app, &mut b, outside.id, false, &["13"]).await;
        exchange(&app, &chair, t.id, json!({"person_id": stranger, "kind": "cross_school_teaching", "subject_codes": ["13"], "relation": "transferred", "from_school_id": t.core.id, "to_school_id": outside.id})).await.assert_problem(422, "validation_failed");
        // 422: what the fields say.
        let r = exchange(&app, &chair, t.id, json!({"person_id": plain, "to_school_id": t.member.id, "share_percent": 50, "subject_codes": ["99"]})).await;
        r.assert_problem(422, "validation_failed");
        assert!(r.error_fields().contains(&"share_percent".to_string()), "{}", r.text);
        exchange(&app, &chair, t.id, json!({"person_id": plain, "to_school_id": t.member.id, "subject_codes": ["99"]})).await.assert_problem(422, "validation_failed");
        exchange(&app, &chair, t.id, json!({"person_id": plain, "to_school_id": t.member.id, "from_school_id": t.member.id})).await.assert_problem(422, "validation_failed");
        exchange(&app, &chair, t.id, json!({"person_id": plain, "to_school_id": t.member.id, "starts_on": "2026-09-01", "ends_on": "2026-08-01"})).await.assert_problem(422, "validation_failed");
        exchange(&app, &chair, t.id, json!({"person_id": plain, "kind": "swap", "to_school_id": t.member.id})).await.assert_problem(422, "validation_failed");
        // 403: a member school's administrator does not record the group's exchanges.
        assert_eq!(exchange(&app, &b.admin(t.member.id), t.id, json!({"person_id": member_teacher, "to_school_id": t.core.id})).await.status, 403);
        // Acts follow the status: a completed exchange is not started or cancelled again.
        let x = exchange_ok(&app, &chair, t.id, json!({"person_id": plain, "to_school_id": t.member.id, "status": "planned"})).await;
        assert_eq!(act(&app, &chair, x, "complete").await.status, 409);
        assert_eq!(act(&app, &chair, x, "start").await.status, 200);
        let r = app.post(&format!("/api/v1/exchanges/{x}/acts"), &chair, &json!({"act": "complete", "on": "2027-01-31"})).await;
        assert_eq!((r.status, r.body["ends_on"].as_str(), r.body["status"].as_str()), (200, Some("2027-01-31"), Some("completed")), "{}", r.text);
        act(&app, &chair, x, "cancel").await.assert_problem(409, "exchange_status");
        assert_eq!(app.count("exchanges"), 1, "no refused record was written");
    }
}
