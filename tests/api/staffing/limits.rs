//! STAFF-POOL, STAFF-COUNTY-TOTAL and STAFF-SENIOR-BONUS at their limits: exactly the limit is
//! allowed, one more refused, at the proposal and again at the approval.

use super::*;

dual_test! {
    async fn staff_pool_allows_the_pool_and_refuses_one_more(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let (chair, bureau) = (b.admin(t.core.id), b.bureau());
        set_totals(&app, DUYUN, 10_000, 1000, 1000, 10).await;
        // The core and a newly opened member pool their whole quota: 80 + 80.
        let pool = report(&app, &chair, t.id).await["pool"].clone();
        assert_eq!(pool["total"], 160, "{pool}");
        assert!(pool["members"].as_array().unwrap().iter().all(|m| m["basis"] == "whole" && m["pooled"] == 80), "{pool}");
        let over = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 100), line(t.member.id, "ungraded", false, 61)]).await;
        over.assert_problem(409, "STAFF-POOL");
        assert!(over.body["detail"].as_str().unwrap().contains("161"), "{}", over.text);
        assert_eq!(over.body["policy_ref"], "§2.4.1, §2.4.2");
        assert_eq!(app.count("staffing_adjustments"), 0);
        // The special quota adds to the pool; it never drops below what is allocated.
        let sq = format!("/api/v1/groups/{}/special-quotas/{YEAR}", t.id);
        let r = app.put(&sq, &bureau, Some("\"0\""), &json!({"kind": "quota", "amount": 1, "purposes": ["backbone_teachers"]})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        allocate(&app, DUYUN, &chair, t.id, vec![line(t.core.id, "senior", false, 100), line(t.member.id, "ungraded", false, 61)]).await;
        let rep = report(&app, &chair, t.id).await;
        assert_eq!((rep["pool"]["total"].as_i64(), rep["allocated"].as_i64(), rep["remaining"].as_i64()), (Some(161), Some(161), Some(0)), "{rep}");
        app.put(&sq, &bureau, Some("\"1\""), &json!({"kind": "quota", "amount": 0, "purposes": ["backbone_teachers"]})).await.assert_problem(409, "STAFF-POOL");
        // One more post anywhere is refused.
        propose(&app, &chair, t.id, vec![line(t.member.id, "junior", false, 1)]).await.assert_problem(409, "STAFF-POOL");
        // Moving posts between members within the pool is allowed.
        let r = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 99), line(t.member.id, "junior", false, 1)]).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // Validation names every field.
        let bad = app.post(&format!("/api/v1/groups/{}/staffing-adjustments", t.id), &chair, &json!({"year": 1999, "title": "",
            "lines": [{"school_id": 999999, "category": "teaching", "level": "senior", "posts": -1, "reason": "school_size"},
                      {"school_id": t.core.id, "category": "management", "level": "senior", "posts": 1, "reason": "size"}]})).await;
        bad.assert_problem(422, "validation_failed");
        assert_eq!(bad.error_fields(), vec!["year", "title", "lines[0].category", "lines[0].posts", "lines[1].reason"]);
        let bad = propose(&app, &chair, t.id, vec![line(999_999, "senior", false, 1)]).await;
        bad.assert_problem(422, "validation_failed");
        assert_eq!(bad.error_fields(), vec!["lines[0].school_id"]);
    }
}

dual_test! {
    async fn county_totals_allow_their_number_and_refuse_one_more(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        // No totals for the year: nothing is allocated.
        propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 1)]).await.assert_problem(409, "STAFF-COUNTY-TOTAL");
        let bureau = b.bureau();
        let path = format!("/api/v1/counties/{DUYUN}/staffing-totals/{YEAR}");
        app.put(&path, &bureau, None, &json!({"staff_quota": 50})).await.assert_problem(428, "precondition_required");
        let bad = app.put(&path, &bureau, Some("\"0\""), &json!({"staff_quota": 50, "senior_posts": 40, "intermediate_posts": 20, "senior_bonus_percent": 11})).await;
        bad.assert_problem(422, "validation_failed");
        assert_eq!(bad.error_fields(), vec!["senior_bonus_percent", "senior_posts"]);
        app.put(&path, &chair, Some("\"0\""), &json!({"staff_quota": 50, "senior_posts": 10, "intermediate_posts": 20})).await.assert_problem(403, "forbidden");
        app.put(&format!("/api/v1/counties/{FUQUAN}/staffing-totals/{YEAR}"), &bureau, Some("\"0\""), &json!({"staff_quota": 50, "senior_posts": 10, "intermediate_posts": 20})).await.assert_problem(404, "not_found");
        set_totals(&app, DUYUN, 50, 10, 20, 10).await;
        assert_eq!(actions(&app, "staffing_totals"), ["staffing_totals.put"]);
        propose(&app, &chair, t.id, vec![line(t.core.id, "junior", false, 51)]).await.assert_problem(409, "STAFF-COUNTY-TOTAL");
        propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 11)]).await.assert_problem(409, "STAFF-COUNTY-TOTAL");
        propose(&app, &chair, t.id, vec![line(t.core.id, "intermediate", false, 21)]).await.assert_problem(409, "STAFF-COUNTY-TOTAL");
        allocate(&app, DUYUN, &chair, t.id, vec![line(t.core.id, "senior", false, 10), line(t.core.id, "intermediate", false, 20), line(t.member.id, "junior", false, 20)]).await;
        // At the totals: the county cannot lower them below what is held.
        let cur = app.get(&path, &bureau).await;
        let r = app.put(&path, &bureau, cur.header("etag").as_deref(), &json!({"staff_quota": 49, "senior_posts": 10, "intermediate_posts": 20})).await;
        r.assert_problem(409, "STAFF-COUNTY-TOTAL");
        let c = app.get(&format!("/api/v1/counties/{DUYUN}/staffing?year={YEAR}"), &bureau).await;
        assert_eq!(c.body["remaining"], json!({"posts": 0, "senior": 0, "intermediate": 0}), "{}", c.text);
    }
}

dual_test! {
    async fn the_core_bonus_is_its_share_within_the_county_senior_totals(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        set_totals(&app, DUYUN, 1000, 22, 100, 10).await;
        // 10% of the core's 20 senior posts: 2 more, on top of the pool.
        let own = line(t.core.id, "senior", false, 20);
        propose(&app, &chair, t.id, vec![own.clone(), line(t.core.id, "senior", true, 3)]).await.assert_problem(409, "STAFF-SENIOR-BONUS");
        propose(&app, &chair, t.id, vec![line(t.member.id, "senior", false, 20), line(t.member.id, "senior", true, 1)]).await.assert_problem(409, "STAFF-SENIOR-BONUS");
        propose(&app, &chair, t.id, vec![own.clone(), line(t.core.id, "junior", true, 1)]).await.assert_problem(409, "STAFF-SENIOR-BONUS");
        allocate(&app, DUYUN, &chair, t.id, vec![own.clone(), line(t.core.id, "senior", true, 2)]).await;
        let rep = report(&app, &chair, t.id).await;
        assert_eq!((rep["allocated"].as_i64(), rep["bonus_posts"].as_i64(), rep["senior"].as_i64()), (Some(20), Some(2), Some(22)), "{rep}");
        // The county's senior total holds: a 21st senior post anywhere is refused, bonus or not.
        propose(&app, &chair, t.id, vec![line(t.member.id, "senior", false, 1)]).await.assert_problem(409, "STAFF-COUNTY-TOTAL");
        set_totals(&app, DUYUN, 1000, 23, 100, 10).await;
        // 21 own senior posts still allow 2; the 23 total allows one more own post but not a bonus.
        let r = propose(&app, &chair, t.id, vec![line(t.core.id, "senior", false, 21)]).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // The county cannot lower the share below what its cores hold (2 of 20 is 10%).
        let path = format!("/api/v1/counties/{DUYUN}/staffing-totals/{YEAR}");
        let cur = app.get(&path, &b.bureau()).await;
        let r = app.put(&path, &b.bureau(), cur.header("etag").as_deref(), &json!({"staff_quota": 1000, "senior_posts": 23, "intermediate_posts": 100, "senior_bonus_percent": 5})).await;
        r.assert_problem(409, "STAFF-SENIOR-BONUS");
        // Intermediate posts have their own share: 10% of 40 is 4.
        propose(&app, &chair, t.id, vec![line(t.core.id, "intermediate", false, 40), line(t.core.id, "intermediate", true, 5)]).await.assert_problem(409, "STAFF-SENIOR-BONUS");
        let r = propose(&app, &chair, t.id, vec![line(t.core.id, "intermediate", false, 40), line(t.core.id, "intermediate", true, 4)]).await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
}

dual_test! {
    async fn a_group_not_yet_established_pools_and_allocates_nothing(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 1, None).await;
        let g = b.authorize(core.id, "tight", "urban_quality_plus_new").await;
        b.prepare(g, core.id).await;
        set_totals(&app, DUYUN, 1000, 200, 300, 10).await;
        propose(&app, &b.admin(core.id), g, vec![line(core.id, "senior", false, 1)]).await.assert_problem(409, "GROUP-STATE");
        app.put(&format!("/api/v1/groups/{g}/special-quotas/{YEAR}"), &b.bureau(), Some("\"0\""),
            &json!({"kind": "quota", "amount": 1, "purposes": ["internal_bodies"]})).await.assert_problem(409, "GROUP-STATE");
        assert_eq!(app.count("staffing_adjustments") + app.count("special_quotas"), 0);
    }
}
