//! The reports recomputed from the raw records: a group whose members pool on every basis (the
//! core and a weak member all of their quota, an ordinary member a share by its agreement, plus
//! a special quota), and the county roll-up over two groups.

use diesel::prelude::*;
use edugroups::db::schema::{
    edu_groups, group_memberships, post_allocations, schools, special_quotas,
};

use super::*;

/// An established collaborative group: a quality core, a weak member the bureau assigned and an
/// ordinary member that joined by agreement.
async fn mixed_group(app: &TestApp, b: &mut Builder<'_>) -> (i64, SchoolKit, SchoolKit, SchoolKit) {
    let core = b.school("211", "urban", "quality", 3, None).await;
    let weak = b.school("211", "rural", "weak", 1, None).await;
    let ordinary = b.school("211", "rural", "ordinary", 1, None).await;
    let g = b.authorize(core.id, "collaborative", "other").await;
    b.prepare(g, core.id).await;
    let r = b.assign(g, weak.id, None).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = b.record_agreement(g, core.id, ordinary.id, None).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let r = b.confirm(g, ordinary.id, "approve", None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let chair = b.admin(core.id);
    let r = app
        .put(
            &format!("/api/v1/groups/{g}/charter"),
            &chair,
            None,
            &full_charter(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let council = b
        .council_body("collaborative", &core, &[&weak, &ordinary])
        .await;
    let r = app
        .put(
            &format!("/api/v1/groups/{g}/council"),
            &chair,
            None,
            &council,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        council_adopts_charter(app, b, g, core.id, 0).await["outcome"],
        "adopted"
    );
    establish(app, b, g, core.id).await;
    (g, core, weak, ordinary)
}

/// The pool from the rows, by the policy's words, without the service's code.
fn raw_pool(app: &TestApp, group: i64) -> (i64, Vec<(i64, i64)>) {
    let mut conn = app.conn();
    let (core, county): (i64, String) = edu_groups::table
        .find(group)
        .select((edu_groups::core_school_id, edu_groups::county_code))
        .first(&mut conn)
        .unwrap();
    let _ = county;
    let quota = |id: i64, conn: &mut _| -> (i32, String) {
        schools::table
            .find(id)
            .select((schools::staffing_quota, schools::standing))
            .first(conn)
            .unwrap()
    };
    let mut out = vec![(core, i64::from(quota(core, &mut conn).0))];
    let members: Vec<(i64, Option<i32>, Option<i32>)> = group_memberships::table
        .filter(group_memberships::group_id.eq(group))
        .filter(group_memberships::status.eq("active"))
        .select((
            group_memberships::school_id,
            group_memberships::pooled_quota,
            group_memberships::pooled_share,
        ))
        .load(&mut conn)
        .unwrap();
    for (school, n, share) in members {
        let (q, standing) = quota(school, &mut conn);
        let q = i64::from(q);
        let pooled = if standing == "weak" || standing == "newly_opened" {
            q
        } else if let Some(n) = n {
            i64::from(n).min(q)
        } else if let Some(s) = share {
            q * i64::from(s) / 100
        } else {
            0
        };
        out.push((school, pooled));
    }
    let special: i64 = special_quotas::table
        .filter(special_quotas::group_id.eq(group))
        .filter(special_quotas::year.eq(YEAR))
        .select(special_quotas::amount)
        .first::<i32>(&mut conn)
        .optional()
        .unwrap()
        .map_or(0, i64::from);
    (out.iter().map(|(_, p)| p).sum::<i64>() + special, out)
}

/// `(pooled, bonus)` posts of a group's year, from the rows.
fn raw_allocated(app: &TestApp, group: i64) -> (i64, i64) {
    let rows: Vec<(i32, bool)> = post_allocations::table
        .filter(post_allocations::group_id.eq(group))
        .filter(post_allocations::year.eq(YEAR))
        .select((post_allocations::posts, post_allocations::bonus))
        .load(&mut app.conn())
        .unwrap();
    let sum = |bonus: bool| {
        rows.iter()
            .filter(|r| r.1 == bonus)
            .map(|r| i64::from(r.0))
            .sum::<i64>()
    };
    (sum(false), sum(true))
}

dual_test! {
    async fn the_reports_equal_a_recomputation_from_the_raw_records(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let (g, core, weak, ordinary) = mixed_group(&app, &mut b).await;
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(core.id);
        set_totals(&app, DUYUN, 2000, 300, 600, 10).await;
        // The ordinary member pools a quarter of its 80 by its agreement; the weak one all.
        let pooling = format!("/api/v1/groups/{g}/members/{}/pooling", ordinary.id);
        let r = app.put(&pooling, &chair, None, &json!({"pooled_share": 25})).await;
        assert_eq!((r.status, r.body["pooled"].as_i64(), r.body["basis"].as_str()), (200, Some(20), Some("agreement_share")), "{}", r.text);
        let r = app.put(&format!("/api/v1/groups/{g}/members/{}/pooling", weak.id), &chair, None, &json!({"pooled_share": 10})).await;
        r.assert_problem(422, "validation_failed");
        app.put(&pooling, &b.admin(ordinary.id), None, &json!({"pooled_quota": 5})).await.assert_problem(403, "forbidden");
        let r = app.put(&format!("/api/v1/groups/{g}/special-quotas/{YEAR}"), &b.bureau(), Some("\"0\""),
            &json!({"kind": "headcount", "amount": 7, "purposes": ["internal_bodies", "management_teams"]})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        allocate(&app, DUYUN, &chair, g, vec![line(core.id, "senior", false, 30), line(core.id, "senior", true, 3),
            line(weak.id, "junior", false, 40), line(ordinary.id, "ungraded", false, 15), line(core.id, "intermediate", false, 19), line(core.id, "junior", false, 80)]).await;
        allocate(&app, DUYUN, &b.admin(t.core.id), t.id, vec![line(t.core.id, "intermediate", false, 50), line(t.member.id, "junior", false, 60)]).await;
        // A pooling term that would leave the pool short of what it carries is refused.
        app.put(&pooling, &chair, None, &json!({"pooled_share": 0})).await.assert_problem(409, "STAFF-POOL");

        let mut county_posts = 0;
        for group in [g, t.id] {
            let rep = report(&app, &b.bureau(), group).await;
            let (pool, members) = raw_pool(&app, group);
            assert_eq!(rep["pool"]["total"].as_i64(), Some(pool), "{rep}");
            for (school, pooled) in members {
                let m = rep["pool"]["members"].as_array().unwrap().iter().find(|m| m["school_id"] == school).unwrap();
                assert_eq!(m["pooled"].as_i64(), Some(pooled), "{m}");
            }
            let (allocated, bonus) = raw_allocated(&app, group);
            assert_eq!((rep["allocated"].as_i64(), rep["bonus_posts"].as_i64(), rep["remaining"].as_i64()), (Some(allocated), Some(bonus), Some(pool - allocated)), "{rep}");
            county_posts += allocated + bonus;
        }
        let (pool, _) = raw_pool(&app, g);
        assert_eq!(pool, 80 + 80 + 20 + 7);
        let c = app.get(&format!("/api/v1/counties/{DUYUN}/staffing?year={YEAR}"), &b.bureau()).await;
        assert_eq!(c.body["allocated"]["posts"].as_i64(), Some(county_posts), "{}", c.text);
        assert_eq!(c.body["remaining"]["posts"].as_i64(), Some(2000 - county_posts));
        for item in c.body["groups"].as_array().unwrap() {
            let id = item["group_id"].as_i64().unwrap();
            let (pool, _) = raw_pool(&app, id);
            let (allocated, bonus) = raw_allocated(&app, id);
            assert_eq!((item["pool"].as_i64(), item["allocated"].as_i64(), item["bonus_posts"].as_i64()), (Some(pool), Some(allocated), Some(bonus)), "{item}");
        }
    }
}
