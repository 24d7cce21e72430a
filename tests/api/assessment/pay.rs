//! PAY-POOL: the bureau allocates the county's pool of extra performance pay to groups graded
//! good or excellent in a published assessment, never above the pool; the chair distributes the
//! group's allocation among its schools, the office meeting passes the plan, the bureau
//! approves it, and it never exceeds the allocation.

use edugroups::domain::auth::Role;

use super::*;
use crate::cadres::{office_meeting, vote_and_close};

fn alloc(lines: &[(i64, i64)]) -> Value {
    let lines: Vec<Value> = lines
        .iter()
        .map(|(g, a)| json!({"group_id": g, "amount_yuan": a}))
        .collect();
    json!({"base_yuan": 1_000_000, "allocations": lines, "note": "2026年度新增绩效工资"})
}

fn amounts(lines: &Value) -> Vec<(i64, i64)> {
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["group_id"].as_i64().unwrap(),
                l["amount_yuan"].as_i64().unwrap(),
            )
        })
        .collect()
}

dual_test! {
    async fn the_pool_tilts_to_good_results_and_the_plan_passes_office_and_bureau(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let one = established_tight_group(&app, &mut b).await;
        let two = established_tight_group(&app, &mut b).await;
        let three = established_tight_group(&app, &mut b).await;
        let bureau = b.bureau();
        for (g, score, grade) in [(one.id, 9.5, "excellent"), (two.id, 8.0, "good"), (three.id, 6.5, "pass")] {
            let a = published(&app, DUYUN, g, YEAR, score).await;
            assert_eq!((a["status"].as_str(), a["grade"].as_str()), (Some("published"), Some(grade)), "{a}");
        }
        let pool = format!("/api/v1/counties/{DUYUN}/pay-pools/{YEAR}");

        // Base 1,000,000 at 25%: a pool of 250,000. One yuan over is refused, and nothing stored.
        app.put(&pool, &bureau, Some("\"0\""), &alloc(&[(one.id, 150_001), (two.id, 100_000)])).await
            .assert_problem(409, "PAY-POOL");
        app.get(&pool, &bureau).await.assert_problem(404, "not_found");
        // Nothing to a group graded pass.
        app.put(&pool, &bureau, Some("\"0\""), &alloc(&[(one.id, 100_000), (three.id, 1)])).await
            .assert_problem(409, "PAY-POOL");
        app.get(&pool, &bureau).await.assert_problem(404, "not_found");
        // Fields: a negative amount, a group twice.
        let r = app.put(&pool, &bureau, Some("\"0\""), &alloc(&[(one.id, -1), (two.id, 1), (two.id, 1)])).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["allocations[0].amount_yuan", "allocations[2].group_id"], "{}", r.text);
        // Only the county's bureau puts it.
        app.put(&pool, &b.admin(one.core.id), Some("\"0\""), &alloc(&[])).await.assert_problem(403, "forbidden");

        // Exactly the pool; a zero line for the pass group is fine.
        let r = app.put(&pool, &bureau, Some("\"0\""), &alloc(&[(one.id, 150_000), (two.id, 100_000), (three.id, 0)])).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            (r.body["pool_percent"].as_i64(), r.body["pool_yuan"].as_i64(), r.body["allocated_yuan"].as_i64(), r.body["remaining_yuan"].as_i64()),
            (Some(25), Some(250_000), Some(250_000), Some(0)),
            "{}", r.text
        );
        assert_eq!(amounts(&r.body["allocations"]), vec![(one.id, 150_000), (two.id, 100_000), (three.id, 0)]);
        assert_eq!(r.body["allocations"][0]["grade"], "excellent", "{}", r.text);
        assert!(r.body["allocations"][0]["group_code"].as_str().is_some_and(|c| !c.is_empty()), "{}", r.text);
        // The suggestion follows the weights (excellent 2, good 1, pass 0), rounded down.
        assert_eq!(amounts(&r.body["suggested"]), vec![(one.id, 166_666), (two.id, 83_333), (three.id, 0)], "{}", r.text);
        let grades: Vec<&str> = r.body["suggested"].as_array().unwrap().iter().map(|l| l["grade"].as_str().unwrap()).collect();
        assert_eq!(grades, vec!["excellent", "good", "pass"]);
        // One yuan over on a revision is refused; the pool stays as it was.
        app.put(&pool, &bureau, Some("\"1\""), &alloc(&[(one.id, 150_001), (two.id, 100_000)])).await
            .assert_problem(409, "PAY-POOL");
        let r = app.get(&pool, &app.token(Role::Inspector, Some(DUYUN), None)).await;
        assert_eq!((r.status, r.body["version"].as_i64(), r.header("etag").as_deref()), (200, Some(1), Some("\"1\"")), "{}", r.text);
        assert_eq!(amounts(&r.body["allocations"])[0], (one.id, 150_000));
        // Not for a school.
        app.get(&pool, &b.admin(one.core.id)).await.assert_problem(403, "forbidden");

        // The plan: over the allocation is refused; a plan without an allocation too.
        let chair = b.admin(one.core.id);
        let plan = format!("/api/v1/groups/{}/pay-plans/{YEAR}", one.id);
        let lines = |core: i64, member: i64| json!({"lines": [
            {"school_id": one.core.id, "amount_yuan": core, "contribution": "派出骨干教师，牵头集团教研"},
            {"school_id": one.member.id, "amount_yuan": member, "contribution": "接收交流教师，薄弱学科提升"}
        ], "note": "按贡献分配"});
        app.put(&plan, &chair, Some("\"0\""), &lines(100_000, 50_001)).await.assert_problem(409, "PAY-POOL");
        app.get(&plan, &chair).await.assert_problem(404, "not_found");
        let other = format!("/api/v1/groups/{}/pay-plans/2027", one.id);
        app.put(&other, &chair, Some("\"0\""), &lines(1, 1)).await.assert_problem(409, "PAY-POOL");
        // Only the chair drafts it, only for the group's schools.
        app.put(&plan, &b.admin(one.member.id), Some("\"0\""), &lines(1, 1)).await.assert_problem(403, "forbidden");
        let stranger = json!({"lines": [{"school_id": two.core.id, "amount_yuan": 1, "contribution": "x"}]});
        let r = app.put(&plan, &chair, Some("\"0\""), &stranger).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), vec!["lines[0].school_id"]);
        let r = app.put(&plan, &chair, Some("\"0\""), &lines(90_000, 60_000)).await;
        assert_eq!(
            (r.status, r.body["status"].as_str(), r.body["total_yuan"].as_i64(), r.body["allocation_yuan"].as_i64()),
            (200, Some("proposed"), Some(150_000), Some(150_000)),
            "{}", r.text
        );
        assert_eq!(r.body["lines"][0]["is_core"], true, "{}", r.text);
        let id = r.body["id"].as_i64().unwrap();
        // The member reads it.
        assert_eq!(app.get(&plan, &b.admin(one.member.id)).await.status, 200);
        // The bureau decides only what the office meeting passed.
        let decision = format!("{plan}/decision");
        app.post_if(&decision, &bureau, Some("\"1\""), &json!({"decision": "approve"})).await
            .assert_problem(409, "pay_plan_status");

        // The council does not decide it; the office meeting does.
        let motion = json!({"title": "关于新增绩效工资分配方案的议案", "motion_type": "performance_pay_distribution", "ballot": "open", "subject_id": id});
        let council = app.post(&format!("/api/v1/groups/{}/meetings", one.id), &chair, &json!({"body": "council", "kind": "regular", "scheduled_at": "2026-12-02T08:00:00Z", "agenda": "审议分配方案"})).await;
        assert_eq!(council.status, 201, "{}", council.text);
        app.post(&format!("/api/v1/meetings/{}/motions", council.body["id"]), &chair, &motion).await
            .assert_problem(409, "PAY-POOL");
        let meeting = office_meeting(&app, &chair, one.id).await;
        let m = app.post(&format!("/api/v1/meetings/{meeting}/motions"), &chair, &motion).await;
        assert_eq!(m.status, 201, "{}", m.text);
        let motion_id = m.body["id"].as_i64().unwrap();
        // Not revised while it is being voted on.
        let v = app.get(&plan, &chair).await.header("etag").unwrap();
        app.put(&plan, &chair, Some(&v), &lines(90_000, 60_000)).await.assert_problem(409, "pay_plan_on_agenda");
        let closed = vote_and_close(&app, DUYUN, &chair, one.id, motion_id, "for", json!({})).await;
        assert_eq!(closed["outcome"], "adopted", "{closed}");
        let r = app.get(&plan, &bureau).await;
        assert_eq!((r.body["status"].as_str(), r.body["motion_id"].as_i64()), (Some("office_passed"), Some(motion_id)), "{}", r.text);
        assert!(r.body["office_decided_at"].is_string(), "{}", r.text);

        // The allocation no longer drops below the passed plan.
        app.put(&pool, &bureau, Some("\"1\""), &alloc(&[(one.id, 149_999), (two.id, 100_000)])).await
            .assert_problem(409, "PAY-POOL");
        // A rejection gives reasons; the bureau approves with If-Match.
        let etag = r.header("etag").unwrap();
        app.post_if(&decision, &bureau, Some(&etag), &json!({"decision": "reject"})).await
            .assert_problem(422, "validation_failed");
        app.post_if(&decision, &chair, Some(&etag), &json!({"decision": "approve"})).await
            .assert_problem(403, "forbidden");
        let r = app.post_if(&decision, &bureau, Some(&etag), &json!({"decision": "approve", "note": "经县教育局审定。"})).await;
        assert_eq!((r.status, r.body["status"].as_str()), (200, Some("approved")), "{}", r.text);
        assert!(r.body["decided_by"].is_string() && r.body["decided_at"].is_string(), "{}", r.text);
        // Approved is final.
        let v = r.header("etag").unwrap();
        app.put(&plan, &chair, Some(&v), &lines(80_000, 70_000)).await.assert_problem(409, "pay_plan_status");
        app.post_if(&decision, &bureau, Some(&v), &json!({"decision": "approve"})).await
            .assert_problem(409, "pay_plan_status");

        // The change feed has every step.
        let acts = crate::staffing::actions(&app, "pay_plan");
        assert_eq!(acts, vec!["pay_plan.put", "pay_plan.table", "pay_plan.office_pass", "pay_plan.approve"], "{acts:?}");
        let feed = crate::staffing::feed(&app, DUYUN, "pay_plan").await;
        assert_eq!(feed.len(), 4, "{feed:?}");
        let ops: Vec<&str> = feed.iter().map(|e| e["op"].as_str().unwrap()).collect();
        assert_eq!(ops, vec!["created", "updated", "updated", "updated"], "{feed:?}");
        let sid = id.to_string();
        assert!(feed.iter().all(|e| e["id"] == sid.as_str() && e["key"].as_str().is_some_and(|k| k.ends_with(":2026"))), "{feed:?}");
        assert_eq!(crate::staffing::actions(&app, "pay_pool"), vec!["pay_pool.put"]);
    }
}
