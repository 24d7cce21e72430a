//! Two approvals that together would exceed a limit cannot both succeed: writers are
//! serialised and each approval checks the limits against what the other wrote.

use super::*;

async fn passed(app: &TestApp, chair: &str, group: i64, lines: Vec<Value>) -> i64 {
    let p = propose(app, chair, group, lines).await;
    assert_eq!(p.status, 201, "{}", p.text);
    let id = p.body["id"].as_i64().unwrap();
    assert_eq!(
        office_votes(app, DUYUN, chair, group, id, "for").await["outcome"],
        "adopted"
    );
    id
}

dual_test! {
    async fn concurrent_approvals_never_exceed_the_county_total(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let one = established_tight_group(&app, &mut b).await;
        let two = established_tight_group(&app, &mut b).await;
        set_totals(&app, DUYUN, 100, 50, 50, 10).await;
        let a = passed(&app, &b.admin(one.core.id), one.id, vec![line(one.core.id, "junior", false, 60)]).await;
        let c = passed(&app, &b.admin(two.core.id), two.id, vec![line(two.core.id, "junior", false, 60)]).await;
        let (ra, rc) = tokio::join!(decide(&app, DUYUN, a, "approve"), decide(&app, DUYUN, c, "approve"));
        let mut statuses = vec![ra.status, rc.status];
        statuses.sort_unstable();
        assert_eq!(statuses, vec![200, 409], "{} / {}", ra.text, rc.text);
        let refused = if ra.status == 409 { &ra } else { &rc };
        refused.assert_problem(409, "STAFF-COUNTY-TOTAL");
        let county = app.get(&format!("/api/v1/counties/{DUYUN}/staffing?year={YEAR}"), &b.bureau()).await;
        assert_eq!(county.body["allocated"]["posts"], 60, "{}", county.text);
        assert_eq!(app.count("post_allocations"), 1);
    }
}

dual_test! {
    async fn concurrent_approvals_never_exceed_the_group_pool(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        set_totals(&app, DUYUN, 10_000, 1000, 1000, 10).await;
        // Each alone fits the pool of 160; together they would hold 200.
        let a = passed(&app, &chair, t.id, vec![line(t.core.id, "junior", false, 100)]).await;
        let c = passed(&app, &chair, t.id, vec![line(t.member.id, "junior", false, 100)]).await;
        let (ra, rc) = tokio::join!(decide(&app, DUYUN, a, "approve"), decide(&app, DUYUN, c, "approve"));
        let mut statuses = vec![ra.status, rc.status];
        statuses.sort_unstable();
        assert_eq!(statuses, vec![200, 409], "{} / {}", ra.text, rc.text);
        // The loser was superseded by the winner (its year changed under it), and nothing of it
        // is in effect.
        let refused = if ra.status == 409 { &ra } else { &rc };
        refused.assert_problem(409, "staffing_adjustment_decided");
        let rep = report(&app, &chair, t.id).await;
        assert_eq!((rep["allocated"].as_i64(), rep["allocations"].as_array().unwrap().len()), (Some(100), 1), "{rep}");
    }
}
