//! Many seat holders voting at once, and two chairs' requests closing at once.

use diesel::prelude::*;
use edugroups::db::schema::{resolutions, votes};
use futures_util::future::join_all;
use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn every_concurrent_vote_is_counted_once(app: TestApp) {
        let f = seated_group(&app, 7).await;
        let m = f.convene(&app, "council").await;
        f.present(&app, m, 7).await;
        let motion = f.motion(&app, m, "development_plan", "open").await;
        let choices = ["for", "for", "for", "for", "for", "against", "abstain"];
        let all = join_all((0..7).map(|i| f.vote(&app, motion, i, choices[i]))).await;
        for r in &all {
            assert_eq!(r.status, 200, "{}", r.text);
        }
        // Again at once, each seat changing its vote: still one row per seat.
        let all = join_all((0..7).map(|i| f.vote(&app, motion, i, if i < 6 { "for" } else { "against" }))).await;
        assert!(all.iter().all(|r| r.status == 200));
        let n: i64 = votes::table.filter(votes::motion_id.eq(motion)).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 7);
        let r = f.close(&app, motion).await;
        assert_eq!(r.body["tally"]["votes_for"], 6, "{}", r.text);
        assert_eq!(r.body["tally"]["votes_against"], 1);
        assert_eq!(r.body["outcome"], "adopted");
    }
}

dual_test! {
    async fn of_two_concurrent_closes_exactly_one_wins(app: TestApp) {
        let f = seated_group(&app, 5).await;
        let m = f.convene(&app, "council").await;
        f.present(&app, m, 5).await;
        for if_match in [None, Some("\"1\"")] {
            let motion = f.motion(&app, m, "work_plan", "open").await;
            f.votes(&app, motion, 3, 0).await;
            let path = format!("/api/v1/motions/{motion}/close");
            let send = || {
                let mut rb = app.client.post(app.url(&path)).bearer_auth(&f.chair).json(&json!({}));
                if let Some(v) = if_match {
                    rb = rb.header("If-Match", v);
                }
                async move { read(rb.send().await.unwrap()).await }
            };
            let both = join_all([send(), send()]).await;
            let mut statuses: Vec<u16> = both.iter().map(|r| r.status).collect();
            statuses.sort();
            let loser = if if_match.is_some() { 412 } else { 409 };
            assert_eq!(statuses, [200, loser], "{:?}", both.iter().map(|r| &r.text).collect::<Vec<_>>());
            let n: i64 = resolutions::table.filter(resolutions::motion_id.eq(motion)).count().get_result(&mut app.conn()).unwrap();
            assert_eq!(n, 1);
        }
    }
}
