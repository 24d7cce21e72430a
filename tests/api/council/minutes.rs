//! The minutes: attendance with names and proxies, motions with the threshold in words, counts,
//! outcome, resolution number and the roll call of open ballots, in the caller's language.

use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn the_minutes_of_a_meeting(app: TestApp) {
        let f = seated_group(&app, 3).await;
        let m = f.convene(&app, "council").await;
        let s = &f.seats;
        f.attend(&app, m, json!([
            {"seat_id": s[0], "status": "present"},
            {"seat_id": s[1], "status": "proxy", "proxy_seat_id": s[0]},
        ])).await;
        let motion = f.motion(&app, m, "work_plan", "open").await;
        assert_eq!(f.vote(&app, motion, 0, "for").await.status, 200);
        let r = app.put(&format!("/api/v1/motions/{motion}/votes/{}", s[1]), &f.tokens[0], None, &json!({"choice": "for"})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let closed = f.close(&app, motion).await;
        assert_eq!(closed.body["outcome"], "adopted", "{}", closed.text);

        let path = format!("/api/v1/meetings/{m}/minutes");
        let zh = app.get(&path, &f.chair).await;
        assert_eq!(zh.status, 200, "{}", zh.text);
        assert_eq!(zh.header("content-language").as_deref(), Some("zh-CN"));
        assert_eq!(zh.body["group_code"], GROUP_CODE);
        let att = zh.body["attendance"].as_array().unwrap();
        assert_eq!(att.len(), 3);
        assert_eq!(att[0]["person_name"], "教师1");
        assert_eq!(att[0]["school_name"], "测试学校1");
        assert_eq!(att[1]["status"], "proxy");
        assert_eq!(att[1]["status_label"], "委托出席");
        assert_eq!(att[1]["proxy_person_name"], "教师1");
        assert_eq!(att[2]["status"], "absent");
        let mo = &zh.body["motions"][0];
        assert_eq!(mo["threshold"], "超过全体席位的1/2");
        assert_eq!(mo["outcome_label"], "通过");
        assert_eq!(mo["resolution_number"], closed.body["resolution"]["number"]);
        assert_eq!(mo["tally"]["votes_for"], 2);
        assert_eq!(mo["roll_call"], json!([
            {"seat_id": s[0], "person_name": "教师1", "choice": "for", "choice_label": "赞成"},
            {"seat_id": s[1], "person_name": "教师2", "choice": "for", "choice_label": "赞成"},
        ]));

        let en = read(app.client.get(app.url(&path)).bearer_auth(&f.chair).header("Accept-Language", "en").send().await.unwrap()).await;
        assert_eq!(en.header("content-language").as_deref(), Some("en"));
        assert_eq!(en.body["motions"][0]["threshold"], "more than 1/2 of all seats");
        assert_eq!(en.body["motions"][0]["motion_type_label"], "work plan");
        app.get(&path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
    }
}
