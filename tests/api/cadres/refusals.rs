//! What the path refuses: posts and schools outside it, the wrong party, a second nomination
//! under way, and an office rejection, after which nothing more happens.

use diesel::prelude::*;
use edugroups::db::schema::edu_groups;
use serde_json::json;

use super::*;
use crate::dual_test;

dual_test! {
    async fn nominations_outside_the_path_are_refused(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let path = format!("/api/v1/groups/{}/cadre-nominations", t.id);
        let body = |person: i64, school: i64, post: &str| json!({"person_id": person, "school_id": school, "post": post});
        let p = t.member.staff[1];
        app.post(&path, &chair, &body(p, t.member.id, "principal")).await.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        let r = app.post(&path, &chair, &body(p, t.core.id, "vice_principal")).await;
        r.assert_problem(409, "CADRE-VP");
        assert_eq!(r.body["policy_ref"], "§2.4.2");
        app.post(&path, &chair, &body(t.core.principal, t.member.id, "executive_principal")).await.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        let outsider = b.school("211", "rural", "weak", 0, None).await;
        let r = app.post(&path, &chair, &body(p, outsider.id, "middle_cadre")).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["school_id"]);
        let stranger = app.person(&app.school(FUQUAN, 90, "weak").await, 90).await;
        let r = app.post(&path, &chair, &body(stranger["id"].as_i64().unwrap(), t.member.id, "middle_cadre")).await;
        assert_eq!(r.error_fields(), ["person_id"], "{}", r.text);
        let r = app.post(&path, &chair, &json!({"note": "无"})).await;
        assert_eq!(r.error_fields(), ["post", "person_id", "school_id"], "{}", r.text);
        // Only the chair nominates; a member school's administrator may see, not nominate.
        app.post(&path, &b.admin(t.member.id), &body(p, t.member.id, "middle_cadre")).await.assert_problem(403, "forbidden");
        app.post(&path, &b.bureau(), &body(p, t.member.id, "middle_cadre")).await.assert_problem(403, "forbidden");
        app.post(&path, &app.bureau(FUQUAN), &body(p, t.member.id, "middle_cadre")).await.assert_problem(403, "forbidden");
        app.get(&path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");

        // One nomination of a person to a post at a time.
        let n = nominate(&app, &chair, t.id, p, t.member.id, "vice_principal").await;
        app.post(&path, &chair, &body(p, t.member.id, "vice_principal")).await.assert_problem(409, "nomination_pending");
        let id = n["id"].as_i64().unwrap();
        // The office meeting decides, not the council: put to the wrong body, the nomination is
        // refused by its post's rule.
        let council = app.post(&format!("/api/v1/groups/{}/meetings", t.id), &chair,
            &json!({"body": "council", "kind": "regular", "scheduled_at": "2026-12-03T08:00:00Z", "agenda": "审议"})).await;
        let r = app.post(&format!("/api/v1/meetings/{}/motions", council.body["id"]), &chair,
            &json!({"title": "干部提名", "motion_type": "cadre_nomination", "ballot": "open", "subject_id": id})).await;
        r.assert_problem(409, "CADRE-VP");
        assert_eq!(r.body["policy_ref"], "§2.4.2");
        assert_eq!(r.error_fields(), ["subject_id"]);
        assert!(r.body["detail"].as_str().unwrap().contains("理事长办公会议"), "{}", r.text);

        // The office meeting rejects it: the path ends there.
        let motion = table(&app, &chair, t.id, id).await.body["id"].as_i64().unwrap();
        let closed = vote_and_close(&app, DUYUN, &chair, t.id, motion, "against", json!({})).await;
        assert_eq!(closed["outcome"], "rejected");
        let n = app.get(&format!("/api/v1/cadre-nominations/{id}"), &chair).await;
        assert_eq!(n.body["status"], "office_rejected", "{}", n.text);
        let appoint = json!({"appointment_ref": "都教任〔2026〕9号", "appointed_on": today()});
        let r = app.post(&format!("/api/v1/cadre-nominations/{id}/appointment"), &b.bureau(), &appoint).await;
        r.assert_problem(409, "CADRE-VP");
        table(&app, &chair, t.id, id).await.assert_problem(409, "CADRE-VP");
        app.post(&format!("/api/v1/cadre-nominations/{id}/withdrawal"), &chair, &json!({})).await.assert_problem(409, "CADRE-VP");
        assert_eq!(cadre_post(&app, p, DUYUN).await, serde_json::Value::Null);
        // A new nomination may follow the ended one.
        nominate(&app, &chair, t.id, p, t.member.id, "vice_principal").await;
    }
}

dual_test! {
    async fn a_nomination_on_the_agenda_is_withdrawn_only_after_its_vote(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let n = nominate(&app, &chair, t.id, t.member.staff[1], t.member.id, "middle_cadre").await;
        let id = n["id"].as_i64().unwrap();
        let motion = table(&app, &chair, t.id, id).await.body["id"].as_i64().unwrap();
        let path = format!("/api/v1/cadre-nominations/{id}/withdrawal");
        app.post(&path, &chair, &json!({})).await.assert_problem(409, "nomination_on_agenda");
        table(&app, &chair, t.id, id).await.assert_problem(409, "nomination_on_agenda");
        let r = app.post(&format!("/api/v1/motions/{motion}/defer"), &chair, &json!({})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        app.post(&path, &b.admin(t.member.id), &json!({})).await.assert_problem(403, "forbidden");
        let r = app.client.post(app.url(&path)).bearer_auth(&chair).send().await.unwrap();
        let r = read(r).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"], "withdrawn");
        assert_eq!(r.body["note"], "拟任人选。", "an empty body keeps the note");
    }
}

dual_test! {
    async fn a_collaborative_groups_members_are_not_nominated_for(app: TestApp) {
        let mut b = Builder::new(&app, FUQUAN);
        let core = b.school("211", "township_centre", "quality", 1, None).await;
        let member = b.school("211", "rural", "potential", 1, None).await;
        let g = b.authorize(core.id, "collaborative", "township_plus_rural").await;
        b.prepare(g, core.id).await;
        assert_eq!(b.agree(g, core.id, member.id, None).await.status, 200);
        let chair = b.admin(core.id);
        let path = format!("/api/v1/groups/{g}/cadre-nominations");
        let body = |post: &str| json!({"person_id": member.staff[0], "school_id": member.id, "post": post});
        // Not before the group is established...
        app.post(&path, &chair, &body("vice_principal")).await.assert_problem(409, "GROUP-STATE");
        diesel::update(edu_groups::table.find(g)).set(edu_groups::status.eq("established")).execute(&mut app.conn()).unwrap();
        // ... and in a collaborative group never: each member keeps its own management.
        app.post(&path, &chair, &body("vice_principal")).await.assert_problem(409, "CADRE-VP");
        app.post(&path, &chair, &body("middle_cadre")).await.assert_problem(409, "CADRE-MIDDLE");
        app.post(&path, &chair, &body("executive_principal")).await.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        assert_eq!(app.count("cadre_nominations"), 0);
    }
}
