//! Cadre appointments in a tight group (CADRE-VP, CADRE-MIDDLE, §2.4.2), through the API: the
//! chair nominates, the office meeting votes on a `cadre_nomination` motion, the appointer
//! appoints, the bureau records the filing; the person's post changes only at the end.

mod chair_decides;
mod refusals;

use diesel::prelude::*;
use edugroups::db::schema::changes;
use edugroups::domain::auth::Role;
use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

/// The office seats of a group: `(seat_id, person_id)`.
pub async fn office_seats(app: &TestApp, chair: &str, group: i64) -> Vec<(i64, i64)> {
    let c = app
        .get(&format!("/api/v1/groups/{group}/council"), chair)
        .await;
    assert_eq!(c.status, 200, "{}", c.text);
    c.body["office"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["seat_id"].as_i64().unwrap(),
                s["person_id"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// An office meeting with every seat present; returns its id.
pub async fn office_meeting(app: &TestApp, chair: &str, group: i64) -> i64 {
    let m = app
        .post(
            &format!("/api/v1/groups/{group}/meetings"),
            chair,
            &json!({"body": "office", "kind": "regular", "scheduled_at": "2026-12-02T08:00:00Z", "agenda": "审议干部提名"}),
        )
        .await;
    assert_eq!(m.status, 201, "{}", m.text);
    let meeting = m.body["id"].as_i64().unwrap();
    let entries: Vec<Value> = office_seats(app, chair, group)
        .await
        .iter()
        .map(|(s, _)| json!({"seat_id": s, "status": "present"}))
        .collect();
    let a = app
        .put(
            &format!("/api/v1/meetings/{meeting}/attendance"),
            chair,
            m.header("etag").as_deref(),
            &json!({"entries": entries}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    meeting
}

/// Tables the nomination in a new office meeting; returns the response.
pub async fn table(app: &TestApp, chair: &str, group: i64, nomination: i64) -> Resp {
    let meeting = office_meeting(app, chair, group).await;
    app.post(
        &format!("/api/v1/meetings/{meeting}/motions"),
        chair,
        &json!({"title": "关于干部提名的议案", "motion_type": "cadre_nomination", "ballot": "open", "nomination_id": nomination}),
    )
    .await
}

/// The office seats vote `choice` on the motion, and the chair closes it with `close`.
pub async fn vote_and_close(
    app: &TestApp,
    county: &str,
    chair: &str,
    group: i64,
    motion: i64,
    choice: &str,
    close: Value,
) -> Value {
    for (seat, person) in office_seats(app, chair, group).await {
        let voter = app.token_for(&person.to_string(), Role::CouncilMember, Some(county), None);
        let v = app
            .put(
                &format!("/api/v1/motions/{motion}/votes/{seat}"),
                &voter,
                None,
                &json!({"choice": choice}),
            )
            .await;
        assert_eq!(v.status, 200, "{}", v.text);
    }
    let r = app
        .post(&format!("/api/v1/motions/{motion}/close"), chair, &close)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body
}

/// Nominates; asserts `201` and returns the nomination.
pub async fn nominate(
    app: &TestApp,
    chair: &str,
    group: i64,
    person: i64,
    school: i64,
    post: &str,
) -> Value {
    let r = app
        .post(
            &format!("/api/v1/groups/{group}/cadre-nominations"),
            chair,
            &json!({"person_id": person, "school_id": school, "post": post, "note": "拟任人选。"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/cadre-nominations/{}", r.body["id"]))
    );
    r.body
}

pub async fn cadre_post(app: &TestApp, person: i64, county: &str) -> Value {
    let p = app
        .get(&format!("/api/v1/persons/{person}"), &app.bureau(county))
        .await;
    assert_eq!(p.status, 200, "{}", p.text);
    p.body["cadre_post"].clone()
}

/// Today in China Standard Time, as the service dates documents.
pub fn today() -> String {
    edugroups::domain::clock::today().to_string()
}

pub fn yesterday() -> String {
    (edugroups::domain::clock::today() - chrono::Duration::days(1)).to_string()
}

/// The audit actions recorded for one entity, in order.
pub fn actions(app: &TestApp, entity: &str, id: &str) -> Vec<String> {
    changes::table
        .filter(changes::entity.eq(entity))
        .filter(changes::entity_id.eq(id))
        .order(changes::seq.asc())
        .select(changes::action)
        .load(&mut app.conn())
        .unwrap()
}

dual_test! {
    async fn a_vice_principal_goes_from_the_chair_to_the_filing(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let bureau = b.bureau();
        let person = t.member.staff[1];
        let n = nominate(&app, &chair, t.id, person, t.member.id, "vice_principal").await;
        let id = n["id"].as_i64().unwrap();
        assert_eq!((n["status"].clone(), n["appointer"].clone(), n["needs_filing"].clone()), (json!("nominated"), json!("county_bureau"), json!(true)));
        assert_eq!(cadre_post(&app, person, DUYUN).await, Value::Null);
        let path = format!("/api/v1/cadre-nominations/{id}");
        // Outside the county it does not exist; the prefecture sees it but does not appoint.
        app.get(&path, &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        let appoint = json!({"appointment_ref": "都教任〔2026〕3号", "appointed_on": today()});
        app.post(&format!("{path}/appointment"), &bureau, &appoint).await.assert_problem(409, "CADRE-VP");

        let motion = table(&app, &chair, t.id, id).await;
        assert_eq!(motion.status, 201, "{}", motion.text);
        assert_eq!(motion.body["concerns_school_id"], t.member.id);
        let motion = motion.body["id"].as_i64().unwrap();
        let closed = vote_and_close(&app, DUYUN, &chair, t.id, motion, "for", json!({})).await;
        assert_eq!(closed["outcome"], "adopted", "{closed}");
        let n = app.get(&path, &chair).await;
        assert_eq!(n.body["status"], "office_passed", "{}", n.text);
        assert_eq!(n.body["motion_id"], motion);
        assert!(n.body["office_decided_at"].is_string());
        assert_eq!(cadre_post(&app, person, DUYUN).await, Value::Null);

        // The member school's administrator and the prefecture may see it, not appoint it.
        app.post(&format!("{path}/appointment"), &b.admin(t.member.id), &appoint).await.assert_problem(403, "forbidden");
        app.post(&format!("{path}/appointment"), &app.prefecture(), &appoint).await.assert_problem(403, "forbidden");
        app.post(&format!("{path}/appointment"), &bureau, &json!({"appointment_ref": "", "appointed_on": "2999-01-01"})).await.assert_problem(422, "validation_failed");
        let etag = n.header("etag").unwrap();
        let r = app.client.post(app.url(&format!("{path}/appointment"))).bearer_auth(&bureau).header("If-Match", "\"1\"").json(&appoint).send().await.unwrap();
        read(r).await.assert_problem(412, "precondition_failed");
        let r = app.client.post(app.url(&format!("{path}/appointment"))).bearer_auth(&bureau).header("If-Match", etag).json(&appoint).send().await.unwrap();
        let r = read(r).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!((r.body["status"].clone(), r.body["appointed_on"].clone(), r.body["in_effect"].clone()), (json!("appointed"), json!(today()), json!(false)));
        assert_eq!(cadre_post(&app, person, DUYUN).await, Value::Null, "not before the filing");
        app.post(&format!("{path}/appointment"), &bureau, &appoint).await.assert_problem(409, "CADRE-VP");

        let filing = json!({"filing_ref": "都组干备〔2026〕7号", "filed_on": today()});
        app.post(&format!("{path}/filing"), &chair, &filing).await.assert_problem(403, "forbidden");
        app.post(&format!("{path}/filing"), &bureau, &json!({"filing_ref": "备〔2026〕1号", "filed_on": yesterday()})).await.assert_problem(422, "validation_failed");
        let r = app.post(&format!("{path}/filing"), &bureau, &filing).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!((r.body["status"].clone(), r.body["filed_on"].clone(), r.body["in_effect"].clone()), (json!("filed"), json!(today()), json!(true)));
        assert_eq!(cadre_post(&app, person, DUYUN).await, "vice_principal");
        app.post(&format!("{path}/filing"), &bureau, &filing).await.assert_problem(409, "CADRE-VP");

        assert_eq!(actions(&app, "cadre_nomination", &id.to_string()), ["cadre_nomination.nominate", "cadre_nomination.table", "cadre_nomination.office_pass", "cadre_nomination.appoint", "cadre_nomination.file"]);
        assert_eq!(actions(&app, "person", &person.to_string()).last().map(String::as_str), Some("person.cadre_post"));
        let feed = app.get("/api/v1/changes?entity=person", &app.token(Role::Integration, Some(DUYUN), None)).await;
        assert_eq!(feed.body["items"].as_array().unwrap().last().unwrap()["id"], person.to_string());
        let list = app.get(&format!("/api/v1/groups/{}/cadre-nominations?status=filed&post=vice_principal", t.id), &app.prefecture()).await;
        assert_eq!(list.body["items"].as_array().unwrap().len(), 1, "{}", list.text);
        app.get(&format!("/api/v1/groups/{}/cadre-nominations?status=hired", t.id), &chair).await.assert_problem(400, "invalid_query");
    }
}

dual_test! {
    async fn a_middle_cadre_is_appointed_by_the_member_school(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let member_admin = b.admin(t.member.id);
        let person = t.member.staff[1];
        let n = nominate(&app, &chair, t.id, person, t.member.id, "middle_cadre").await;
        assert_eq!((n["appointer"].clone(), n["needs_filing"].clone()), (json!("member_school"), json!(false)));
        let path = format!("/api/v1/cadre-nominations/{}", n["id"]);
        let appoint = json!({"appointment_ref": "都一小任〔2026〕2号", "appointed_on": today()});
        // Before the office meeting has passed it, not even its appointer appoints.
        app.post(&format!("{path}/appointment"), &member_admin, &appoint).await.assert_problem(409, "CADRE-MIDDLE");
        let motion = table(&app, &chair, t.id, n["id"].as_i64().unwrap()).await.body["id"].as_i64().unwrap();
        assert_eq!(vote_and_close(&app, DUYUN, &chair, t.id, motion, "for", json!({})).await["outcome"], "adopted");
        // The bureau and the chair do not appoint a member's middle cadre.
        app.post(&format!("{path}/appointment"), &b.bureau(), &appoint).await.assert_problem(403, "forbidden");
        app.post(&format!("{path}/appointment"), &chair, &appoint).await.assert_problem(403, "forbidden");
        assert_eq!(cadre_post(&app, person, DUYUN).await, Value::Null);
        let r = app.post(&format!("{path}/appointment"), &member_admin, &appoint).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!((r.body["status"].clone(), r.body["in_effect"].clone()), (json!("appointed"), json!(true)));
        assert_eq!(cadre_post(&app, person, DUYUN).await, "middle_cadre");
        // No filing for a middle cadre.
        app.post(&format!("{path}/filing"), &b.bureau(), &json!({"filing_ref": "备〔2026〕1号", "filed_on": today()})).await.assert_problem(409, "CADRE-MIDDLE");
    }
}
