//! Votes: for one's own seat or as proxy, refused when recused, absent, not one's seat, closed;
//! one vote per seat, changeable while the motion is open.

use diesel::prelude::*;
use edugroups::db::schema::votes;
use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn who_may_vote_for_which_seat(app: TestApp) {
        let f = seated_group(&app, 5).await;
        let m = f.convene(&app, "council").await;
        let s = &f.seats;
        let r = f.attend(&app, m, json!([
            {"seat_id": s[0], "status": "present"},
            {"seat_id": s[1], "status": "present"},
            {"seat_id": s[2], "status": "proxy", "proxy_seat_id": s[0]},
            {"seat_id": s[3], "status": "absent"},
            {"seat_id": s[4], "status": "present"},
        ])).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = app.post(&format!("/api/v1/meetings/{m}/motions"), &f.chair, &json!({
            "title": "关于成员校招生方案的议案", "motion_type": "enrollment_plan", "ballot": "open",
            "concerns_school_id": f.member, "recused_seat_ids": [s[1]],
        })).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["recused_seat_ids"], json!([s[1]]));
        assert_eq!(r.body["threshold"], json!({"fraction": {"numerator": 1, "denominator": 2}, "strict": true, "base": "all_seats"}));
        assert_eq!(r.body["quorum"], json!({"numerator": 2, "denominator": 3}));
        let motion = r.body["id"].as_i64().unwrap();
        let vote = |seat: i64| format!("/api/v1/motions/{motion}/votes/{seat}");

        // Own seat.
        let r = f.vote(&app, motion, 0, "for").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body, json!({"motion_id": motion, "seat_id": s[0], "choice": "for", "cast_by": f.persons[0], "updated_at": r.body["updated_at"]}));
        // As proxy: seat 2 gave its proxy to seat 0's holder.
        let r = app.put(&vote(s[2]), &f.tokens[0], None, &json!({"choice": "against"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["cast_by"], f.persons[0]);
        // The holder who gave its proxy does not vote; nor does anyone for a seat not theirs.
        app.put(&vote(s[2]), &f.tokens[2], None, &json!({"choice": "for"})).await.assert_problem(403, "forbidden");
        app.put(&vote(s[4]), &f.tokens[0], None, &json!({"choice": "for"})).await.assert_problem(403, "forbidden");
        // Recused and absent seats are refused by the rule.
        f.vote(&app, motion, 1, "for").await.assert_problem(409, "MOTION-THRESHOLD");
        f.vote(&app, motion, 3, "for").await.assert_problem(409, "MOTION-THRESHOLD");
        // Not a council member, a seat holder of no seat here, a seat of another body.
        app.put(&vote(s[0]), &f.chair, None, &json!({"choice": "for"})).await.assert_problem(403, "forbidden");
        let outsider = app.person(&app.school(DUYUN, 8, "ordinary").await, 99).await;
        let outsider = member_token(&app, outsider["id"].as_i64().unwrap());
        app.put(&vote(s[0]), &outsider, None, &json!({"choice": "for"})).await.assert_problem(404, "not_found");
        app.put(&vote(f.office[0]), &f.tokens[0], None, &json!({"choice": "for"})).await.assert_problem(404, "not_found");
        let r = f.vote(&app, motion, 4, "maybe").await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["choice"]);

        // A vote can change while the motion is open: still one row per seat.
        assert_eq!(f.vote(&app, motion, 0, "abstain").await.status, 200);
        let rows: Vec<(i64, Option<String>)> = votes::table
            .filter(votes::motion_id.eq(motion))
            .order(votes::seat_id.asc())
            .select((votes::seat_id, votes::choice))
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(rows, vec![(s[0], Some("abstain".into())), (s[2], Some("against".into()))]);
        // An open ballot's roll call is visible while open.
        let got = app.get(&format!("/api/v1/motions/{motion}"), &f.tokens[4]).await;
        assert_eq!(got.body["votes_cast"], 2);
        assert_eq!(got.body["roll_call"].as_array().unwrap().len(), 2);
        assert_eq!(got.header("etag").as_deref(), Some("\"1\""));

        let r = f.close(&app, motion).await;
        assert_eq!(r.status, 200, "{}", r.text);
        f.vote(&app, motion, 0, "for").await.assert_problem(409, "MOTION-THRESHOLD");
    }
}

dual_test! {
    async fn the_recused_must_be_seats_of_the_body(app: TestApp) {
        let f = seated_group(&app, 3).await;
        let m = f.convene(&app, "council").await;
        let outsider = app.school(DUYUN, 7, "ordinary").await;
        let r = app.post(&format!("/api/v1/meetings/{m}/motions"), &f.chair, &json!({
            "title": "x", "motion_type": "bribe", "ballot": "public",
            "concerns_school_id": outsider["id"], "recused_seat_ids": [f.office[0]],
        })).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["title", "motion_type", "ballot", "concerns_school_id", "recused_seat_ids"]);
        app.post(&format!("/api/v1/meetings/{m}/motions"), &f.tokens[0], &json!({"title": "关于工作计划", "motion_type": "work_plan", "ballot": "open"}))
            .await.assert_problem(403, "forbidden");
        assert_eq!(app.count("motions"), 0);
    }
}
