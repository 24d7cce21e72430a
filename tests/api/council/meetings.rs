//! Convening, the demand of a third of the council's seats, attendance with proxies, closing a
//! meeting.

use edugroups::domain::auth::Role;
use serde_json::json;

use super::*;
use crate::dual_test;
use crate::life::{changes_with, today};

fn meeting_body(kind: &str) -> Value {
    json!({"body": "council", "kind": kind, "scheduled_at": "2026-03-01T16:00:00+08:00", "agenda": "审议年度工作计划"})
}

dual_test! {
    async fn the_chair_convenes_others_are_refused(app: TestApp) {
        let f = seated_group(&app, 5).await;
        let path = format!("/api/v1/groups/{}/meetings", f.group);
        let r = app.post(&path, &f.chair, &meeting_body("regular")).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.body["id"].as_i64().unwrap();
        assert_eq!(r.header("location"), Some(format!("/api/v1/meetings/{id}")));
        assert_eq!(r.header("etag").as_deref(), Some("\"1\""));
        assert_eq!(r.body["scheduled_at"], "2026-03-01T08:00:00Z");
        assert_eq!(r.body["status"], "convened");
        assert_eq!(r.body["demanded_by"], json!([]));

        // The bureau sees the group but does not convene; nor does a member school; a seat
        // holder is refused by MEETING-CONVENE (it demands, the chair convenes).
        app.post(&path, &app.bureau(DUYUN), &meeting_body("regular")).await.assert_problem(403, "forbidden");
        let member_admin = app.token(Role::SchoolAdmin, Some(DUYUN), Some(f.member));
        app.post(&path, &member_admin, &meeting_body("regular")).await.assert_problem(403, "forbidden");
        let r = app.post(&path, &f.tokens[1], &meeting_body("extraordinary")).await;
        r.assert_problem(409, "MEETING-CONVENE");
        assert_eq!(r.body["policy_ref"], "§2.3.2");
        // Outside the caller's scope the group does not exist.
        app.post(&path, &app.bureau(FUQUAN), &meeting_body("regular")).await.assert_problem(404, "not_found");
        let stranger = app.school(DUYUN, 9, "ordinary").await;
        let stranger = app.token(Role::SchoolAdmin, Some(DUYUN), stranger["id"].as_i64());
        app.post(&path, &stranger, &meeting_body("regular")).await.assert_problem(404, "not_found");
        app.get(&format!("/api/v1/meetings/{id}"), &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");

        // Every bad field at once.
        let r = app.post(&path, &f.chair, &json!({"body": "senate", "kind": "weekly", "agenda": ""})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["body", "kind", "scheduled_at", "agenda"]);

        let office = f.convene(&app, "office").await;
        let list = app.get(&format!("{path}?limit=1"), &f.tokens[0]).await;
        assert_eq!(list.status, 200, "{}", list.text);
        assert_eq!(list.body["items"][0]["id"], id);
        let cursor = list.body["next_cursor"].as_str().unwrap().to_string();
        let next = app.get(&format!("{path}?limit=1&cursor={cursor}"), &f.chair).await;
        assert_eq!(next.body["items"][0]["id"], office);
        assert!(next.body["next_cursor"].is_null());
        let offices = app.get(&format!("{path}?body=office"), &f.chair).await;
        assert_eq!(offices.body["items"].as_array().unwrap().len(), 1);
        app.get(&format!("{path}?body=senate"), &f.chair).await.assert_problem(400, "invalid_query");
        assert_eq!(app.count("meetings"), 2);
    }
}

dual_test! {
    async fn a_group_without_seats_cannot_meet(app: TestApp) {
        let f = seated_group(&app, 3).await;
        let now = edugroups::repo::now();
        let empty = groups::insert(&mut app.conn(), &NewGroupRow {
            code: "G522701002".into(), name: "空集团".into(), county_code: DUYUN.into(),
            kind: "collaborative".parse().unwrap(), pattern: "other".parse().unwrap(), core_school_id: f.core,
            status: "preparing".parse().unwrap(), version: 1, created_at: now, updated_at: now,
        }).unwrap();
        let r = app.post(&format!("/api/v1/groups/{}/meetings", empty.id), &f.chair, &meeting_body("regular")).await;
        r.assert_problem(409, "body_has_no_seats");
        assert_eq!(app.count("meetings"), 0);
    }
}

dual_test! {
    async fn a_third_of_the_seats_may_demand_an_extraordinary_meeting(app: TestApp) {
        let f = seated_group(&app, 7).await;
        let path = format!("/api/v1/groups/{}/meeting-demands", f.group);
        let demand = |seats: Vec<i64>| json!({"seat_ids": seats, "agenda": "审议成员校教师交流轮岗中出现的问题"});
        let s = &f.seats;
        // 2 of 7 (and a seat named twice counts once): refused with the rule.
        let r = app.post(&path, &f.tokens[1], &demand(vec![s[1], s[2]])).await;
        r.assert_problem(409, "MEETING-DEMAND");
        assert_eq!(r.body["policy_ref"], "§2.3.2");
        app.post(&path, &f.tokens[1], &demand(vec![s[1], s[2], s[2]])).await.assert_problem(409, "MEETING-DEMAND");
        // The poster must be among the demanding seats; the seats must be council seats.
        app.post(&path, &f.tokens[6], &demand(vec![s[1], s[2], s[3]])).await.assert_problem(403, "forbidden");
        let r = app.post(&path, &f.tokens[1], &demand(vec![s[1], s[2], f.office[0]])).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["seat_ids"]);
        app.post(&path, &app.bureau(DUYUN), &demand(vec![s[1], s[2], s[3]])).await.assert_problem(403, "forbidden");
        assert_eq!(app.count("meeting_demands"), 0);

        // 3 of 7: the demand is recorded, pending, due within the charter's deadline (the
        // county's 10 days here); no meeting exists yet.
        let r = app.post(&path, &f.tokens[1], &demand(vec![s[3], s[1], s[2]])).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.body["id"].as_i64().unwrap();
        assert_eq!(r.header("location"), Some(format!("/api/v1/meeting-demands/{id}")));
        assert_eq!(r.body["seat_ids"], json!([s[1], s[2], s[3]]));
        assert_eq!((r.body["status"].as_str(), r.body["overdue"].as_bool()), (Some("pending"), Some(false)));
        let due = today().checked_add_days(chrono::Days::new(10)).unwrap();
        assert_eq!(r.body["due_on"], due.to_string());
        assert_eq!(r.body["demanded_by"], f.persons[1].to_string());
        assert_eq!(app.count("meetings"), 0);
        assert_eq!(changes_with(&app, "meeting_demand.create"), 1);
        // Past the deadline, still unanswered, it shows as overdue.
        {
            use diesel::prelude::*;
            use edugroups::db::schema::meeting_demands as md;
            let n = diesel::update(md::table.find(id))
                .set(md::due_on.eq(today().pred_opt().unwrap()))
                .execute(&mut app.conn())
                .unwrap();
            assert_eq!(n, 1);
        }
        let pending = app.get(&format!("{path}?status=pending"), &f.chair).await;
        assert_eq!(pending.body["items"][0]["overdue"], true, "{}", pending.text);

        // The chair convenes the extraordinary council meeting that answers it.
        let meetings = format!("/api/v1/groups/{}/meetings", f.group);
        let mut answer = meeting_body("regular");
        answer["demand_id"] = json!(id);
        app.post(&meetings, &f.chair, &answer).await.assert_problem(409, "MEETING-CONVENE");
        answer["kind"] = json!("extraordinary");
        let r = app.post(&meetings, &f.chair, &answer).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["kind"], "extraordinary");
        assert_eq!(r.body["demanded_by"], json!([s[1], s[2], s[3]]));
        let meeting = r.body["id"].clone();
        let d = app.get(&format!("/api/v1/meeting-demands/{id}"), &f.tokens[2]).await;
        assert_eq!((d.body["status"].as_str(), d.body["overdue"].as_bool()), (Some("convened"), Some(false)));
        assert_eq!(d.body["meeting_id"], meeting);
        // A demand is answered once.
        app.post(&meetings, &f.chair, &answer).await.assert_problem(409, "meeting_demand_decided");
        assert_eq!(app.count("meetings"), 1);
        app.get(&format!("/api/v1/meeting-demands/{id}"), &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
    }
}

dual_test! {
    async fn attendance_with_proxies(app: TestApp) {
        let f = seated_group(&app, 5).await;
        let m = f.convene(&app, "council").await;
        let path = format!("/api/v1/meetings/{m}/attendance");
        let s = &f.seats;
        let entries = json!({"entries": [
            {"seat_id": s[0], "status": "present"},
            {"seat_id": s[1], "status": "proxy", "proxy_seat_id": s[0]},
            {"seat_id": s[2], "status": "absent"},
        ]});
        app.put(&path, &f.chair, None, &entries).await.assert_problem(428, "precondition_required");
        app.put(&path, &f.chair, Some("\"7\""), &entries).await.assert_problem(412, "precondition_failed");
        app.put(&path, &app.bureau(DUYUN), Some("\"1\""), &entries).await.assert_problem(403, "forbidden");
        // A proxy to an absent seat, a seat listed twice, an office seat.
        let bad = json!({"entries": [
            {"seat_id": s[2], "status": "absent"},
            {"seat_id": s[1], "status": "proxy", "proxy_seat_id": s[2]},
            {"seat_id": s[1], "status": "present"},
            {"seat_id": f.office[0], "status": "present"},
        ]});
        let r = app.put(&path, &f.chair, Some("\"1\""), &bad).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["entries[1].proxy_seat_id", "entries[2].seat_id", "entries[3].seat_id"]);

        let r = app.put(&path, &f.chair, Some("\"1\""), &entries).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
        let got = app.get(&format!("/api/v1/meetings/{m}"), &f.tokens[3]).await;
        assert_eq!(got.header("etag").as_deref(), Some("\"2\""));
        assert_eq!(got.body["attendance"], json!([
            {"seat_id": s[0], "status": "present", "proxy_seat_id": null},
            {"seat_id": s[1], "status": "proxy", "proxy_seat_id": s[0]},
            {"seat_id": s[2], "status": "absent", "proxy_seat_id": null},
        ]));
        assert_eq!(app.count("attendance"), 3);
    }
}

dual_test! {
    async fn a_meeting_closes_once_its_motions_are_decided(app: TestApp) {
        let f = seated_group(&app, 3).await;
        let m = f.convene(&app, "council").await;
        f.present(&app, m, 3).await;
        let motion = f.motion(&app, m, "work_plan", "open").await;
        let close = format!("/api/v1/meetings/{m}/close");
        app.post(&close, &f.chair, &json!({})).await.assert_problem(409, "motions_open");
        let r = app.post(&format!("/api/v1/motions/{motion}/defer"), &f.chair, &json!({})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"], "deferred");
        assert_eq!(r.body["outcome"], "deferred");
        f.vote(&app, motion, 0, "for").await.assert_problem(409, "MOTION-THRESHOLD");
        f.close(&app, motion).await.assert_problem(409, "motion_not_open");

        app.post(&close, &f.tokens[0], &json!({})).await.assert_problem(403, "forbidden");
        let r = app.post(&close, &f.chair, &json!({})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"], "closed");
        app.post(&close, &f.chair, &json!({})).await.assert_problem(409, "meeting_closed");
        f.attend(&app, m, json!([])).await.assert_problem(409, "meeting_closed");
        let r = app.post(&format!("/api/v1/meetings/{m}/motions"), &f.chair,
            &json!({"title": "迟到的议案", "motion_type": "other", "ballot": "open"})).await;
        r.assert_problem(409, "meeting_closed");
    }
}
