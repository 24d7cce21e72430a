//! Two-way hiring (HIRE-TWO-WAY, §2.4.2) through the API: a round with its methods, posts
//! within the members' allocations (STAFF-POOL), every outcome path, and the registry
//! following each step.

use edugroups::domain::auth::Role;
use serde_json::{json, Value};

use crate::cadres::{actions, today};
use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

/// Puts `posts` posts in effect for the member, year, category, level and bonus through the
/// staffing API: the county's totals for the year (set when absent), the chair's proposal, the
/// office meeting's vote and the bureau's approval.
#[allow(clippy::too_many_arguments)]
pub async fn allocate(
    app: &TestApp,
    group: i64,
    school: i64,
    year: i32,
    category: &str,
    level: &str,
    bonus: bool,
    posts: i32,
) {
    let bureau = app.bureau(DUYUN);
    let totals = format!("/api/v1/counties/{DUYUN}/staffing-totals/{year}");
    if app.get(&totals, &bureau).await.status == 404 {
        let body = json!({"staff_quota": 10_000, "senior_posts": 2000, "intermediate_posts": 4000});
        let r = app.put(&totals, &bureau, Some("\"0\""), &body).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let core = app
        .get(&format!("/api/v1/groups/{group}"), &bureau)
        .await
        .body["core_school"]["id"]
        .as_i64()
        .unwrap();
    let chair = app.token(Role::SchoolAdmin, Some(DUYUN), Some(core));
    let line = json!({"school_id": school, "category": category, "level": level, "bonus": bonus, "posts": posts, "reason": "school_size"});
    let p = app
        .post(
            &format!("/api/v1/groups/{group}/staffing-adjustments"),
            &chair,
            &json!({"year": year, "title": "岗位分配", "lines": [line]}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.text);
    let id = p.body["id"].as_i64().unwrap();
    let closed = crate::staffing::office_votes(app, DUYUN, &chair, group, id, "for").await;
    assert_eq!(closed["outcome"], "adopted", "{closed}");
    let body =
        json!({"decision": "approve", "decided_on": today(), "decision_ref": "都教编〔2026〕2号"});
    let r = app
        .post(
            &format!("/api/v1/staffing-adjustments/{id}/decision"),
            &bureau,
            &body,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

fn method(category: &str, w: [i32; 4]) -> Value {
    json!({"category": category, "ethics": w[0], "ability": w[1], "performance": w[2], "contribution": w[3]})
}

/// Opens a 2026 round with methods for professional-technical and management posts.
async fn open_round(app: &TestApp, chair: &str, group: i64) -> Value {
    let r = app
        .post(
            &format!("/api/v1/groups/{group}/hiring-rounds"),
            chair,
            &json!({"name": "2026年岗位双向聘用", "year": 2026, "opened_on": today(),
                "methods": [method("professional_technical", [30, 30, 25, 15]), method("management", [30, 35, 20, 15])]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/hiring-rounds/{}", r.body["id"]))
    );
    r.body
}

async fn post(
    app: &TestApp,
    chair: &str,
    round: i64,
    school: i64,
    category: &str,
    level: &str,
) -> Resp {
    app.post(
        &format!("/api/v1/hiring-rounds/{round}/posts"),
        chair,
        &json!({"school_id": school, "category": category, "level": level, "name": "初中数学教师"}),
    )
    .await
}

async fn post_id(
    app: &TestApp,
    chair: &str,
    round: i64,
    school: i64,
    category: &str,
    level: &str,
) -> i64 {
    let r = post(app, chair, round, school, category, level).await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["id"].as_i64().unwrap()
}

fn decided() -> Value {
    json!({"reason": "竞聘考核结果。", "decided_on": today(), "deciding_body": "office_meeting", "document_ref": "集团办〔2026〕12号"})
}

fn with(mut base: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

async fn outcome(app: &TestApp, chair: &str, round: i64, body: Value) -> Resp {
    app.post(
        &format!("/api/v1/hiring-rounds/{round}/outcomes"),
        chair,
        &with(decided(), body),
    )
    .await
}

async fn step(app: &TestApp, chair: &str, outcome: i64, body: Value) -> Resp {
    app.post(
        &format!("/api/v1/hiring-outcomes/{outcome}/steps"),
        chair,
        &with(decided(), body),
    )
    .await
}

/// The person's current post and employment status in the registry.
async fn registry(app: &TestApp, person: i64) -> (Value, Value) {
    let p = app
        .get(&format!("/api/v1/persons/{person}"), &app.bureau(DUYUN))
        .await;
    assert_eq!(p.status, 200, "{}", p.text);
    (
        p.body["hiring_post_id"].clone(),
        p.body["employment_status"].clone(),
    )
}

fn scores() -> Value {
    json!({"ethics": 90, "ability": 80, "performance": 70, "contribution": 60})
}

dual_test! {
    async fn a_round_offers_posts_within_the_allocation(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let member_admin = b.admin(t.member.id);
        // A method that does not add up, a bad weight and a repeated category: all at once.
        let bad = app.post(&format!("/api/v1/groups/{}/hiring-rounds", t.id), &chair,
            &json!({"name": "x", "year": 2026, "opened_on": today(),
                "methods": [method("professional_technical", [30, 30, 25, 10]), method("management", [120, -20, 0, 0]), method("professional_technical", [25, 25, 25, 25])]})).await;
        bad.assert_problem(422, "validation_failed");
        let fields = bad.error_fields();
        assert!(fields.contains(&"methods[0]".to_string()) && fields.contains(&"methods[1]".to_string()) && fields.contains(&"methods[2].category".to_string()), "{fields:?}");
        app.post(&format!("/api/v1/groups/{}/hiring-rounds", t.id), &member_admin,
            &json!({"name": "x", "year": 2026, "opened_on": today(), "methods": [method("support", [25, 25, 25, 25])]})).await.assert_problem(403, "forbidden");

        let round = open_round(&app, &chair, t.id).await;
        let rid = round["id"].as_i64().unwrap();
        assert_eq!((round["status"].clone(), round["methods"][0]["ethics"].clone()), (json!("open"), json!(30)));
        allocate(&app, t.id, t.member.id, 2026, "professional_technical", "intermediate", false, 2).await;
        allocate(&app, t.id, t.core.id, 2026, "management", "ungraded", false, 1).await;
        // Another year's allocation does not count for this round.
        allocate(&app, t.id, t.member.id, 2025, "professional_technical", "senior", false, 5).await;

        post_id(&app, &chair, rid, t.member.id, "professional_technical", "intermediate").await;
        post_id(&app, &chair, rid, t.member.id, "professional_technical", "intermediate").await;
        let over = post(&app, &chair, rid, t.member.id, "professional_technical", "intermediate").await;
        over.assert_problem(409, "STAFF-POOL");
        assert!(over.text.contains("核定 2 个") && over.text.contains("将达 3 个"), "{}", over.text);
        post(&app, &chair, rid, t.member.id, "professional_technical", "senior").await.assert_problem(409, "STAFF-POOL");
        let bonus = app.post(&format!("/api/v1/hiring-rounds/{rid}/posts"), &chair,
            &json!({"school_id": t.member.id, "category": "professional_technical", "level": "intermediate", "bonus": true, "name": "骨干教师"})).await;
        bonus.assert_problem(409, "STAFF-POOL");
        let core_post = post_id(&app, &chair, rid, t.core.id, "management", "ungraded").await;
        post(&app, &chair, rid, t.member.id, "management", "senior").await.assert_problem(422, "validation_failed");
        post(&app, &chair, rid, t.member.id, "support", "ungraded").await.assert_problem(422, "validation_failed");
        let stranger = b.school("211", "urban", "quality", 0, None).await;
        post(&app, &chair, rid, stranger.id, "management", "ungraded").await.assert_problem(422, "validation_failed");
        post(&app, &member_admin, rid, t.member.id, "professional_technical", "intermediate").await.assert_problem(403, "forbidden");

        // The chair and the bureau see every post; the member's administrator its own only.
        let all = app.get(&format!("/api/v1/hiring-rounds/{rid}"), &chair).await;
        assert_eq!(all.body["posts"].as_array().unwrap().len(), 3, "{}", all.text);
        assert_eq!(all.header("etag"), Some("\"4\"".into()));
        assert_eq!(app.get(&format!("/api/v1/hiring-rounds/{rid}"), &b.bureau()).await.body["posts"].as_array().unwrap().len(), 3);
        let own = app.get(&format!("/api/v1/hiring-rounds/{rid}"), &member_admin).await;
        let own_posts = own.body["posts"].as_array().unwrap();
        assert_eq!(own_posts.len(), 2, "{}", own.text);
        assert!(own_posts.iter().all(|p| p["school_id"] == t.member.id));
        app.get(&format!("/api/v1/hiring-posts/{core_post}"), &member_admin).await.assert_problem(404, "not_found");
        assert_eq!(app.get(&format!("/api/v1/hiring-posts/{core_post}"), &chair).await.status, 200);
        app.get(&format!("/api/v1/hiring-rounds/{rid}"), &app.bureau(FUQUAN)).await.assert_problem(404, "not_found");
        let inspector = app.token(Role::Inspector, Some(DUYUN), None);
        assert_eq!(app.get(&format!("/api/v1/groups/{}/hiring-rounds?year=2026", t.id), &inspector).await.body["items"].as_array().unwrap().len(), 1);
        assert_eq!(app.get(&format!("/api/v1/groups/{}/hiring-rounds?year=2025", t.id), &chair).await.body["items"].as_array().unwrap().len(), 0);
        let listed = app.get(&format!("/api/v1/groups/{}/hiring-rounds", t.id), &member_admin).await;
        assert_eq!(listed.body["items"][0]["posts"].as_array().unwrap().len(), 2, "{}", listed.text);

        // Closing: a stale If-Match is 412; once closed, no more posts, and it closes once.
        let close = json!({"closed_on": today(), "note": "本轮结束。"});
        app.post_if(&format!("/api/v1/hiring-rounds/{rid}/close"), &chair, Some("\"1\""), &close).await.assert_problem(412, "precondition_failed");
        let closed = app.post_if(&format!("/api/v1/hiring-rounds/{rid}/close"), &chair, Some("\"4\""), &close).await;
        assert_eq!((closed.status, closed.body["status"].clone()), (200, json!("closed")), "{}", closed.text);
        app.post(&format!("/api/v1/hiring-rounds/{rid}/close"), &chair, &close).await.assert_problem(409, "hiring_round_closed");
        post(&app, &chair, rid, t.core.id, "management", "ungraded").await.assert_problem(409, "hiring_round_closed");

        assert_eq!(actions(&app, "hiring_round", &rid.to_string()), ["hiring_round.open", "hiring_round.close"]);
        assert_eq!(actions(&app, "hiring_post", &core_post.to_string()), ["hiring_post.create"]);
        let feed = app.get("/api/v1/changes?entity=hiring_post", &app.token(Role::Integration, Some(DUYUN), None)).await;
        assert_eq!(feed.body["items"].as_array().unwrap().len(), 3, "{}", feed.text);
        let elsewhere = app.get("/api/v1/changes?entity=hiring_round", &app.token(Role::Integration, Some(FUQUAN), None)).await;
        assert_eq!(elsewhere.body["items"].as_array().unwrap().len(), 0, "{}", elsewhere.text);
    }
}

dual_test! {
    async fn every_outcome_path_moves_the_registry(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let chair = b.admin(t.core.id);
        let member_admin = b.admin(t.member.id);
        let rid = open_round(&app, &chair, t.id).await["id"].as_i64().unwrap();
        allocate(&app, t.id, t.member.id, 2026, "professional_technical", "intermediate", false, 2).await;
        allocate(&app, t.id, t.member.id, 2026, "professional_technical", "senior", false, 1).await;
        allocate(&app, t.id, t.core.id, 2026, "management", "ungraded", false, 1).await;
        let a = post_id(&app, &chair, rid, t.member.id, "professional_technical", "intermediate").await;
        let b_post = post_id(&app, &chair, rid, t.member.id, "professional_technical", "intermediate").await;
        let senior = post_id(&app, &chair, rid, t.member.id, "professional_technical", "senior").await;
        let mgmt = post_id(&app, &chair, rid, t.core.id, "management", "ungraded").await;
        let (hired, refused, managed) = (t.core.staff[0], t.core.staff[1], t.core.staff[2]);
        let (trained, ended) = (t.member.staff[0], t.member.staff[1]);
        assert_eq!(registry(&app, hired).await, (Value::Null, Value::Null));

        // Hired, with the weighted total of the professional-technical method.
        let h = outcome(&app, &chair, rid, json!({"person_id": hired, "status": "hired", "post_id": a, "scores": scores()})).await;
        assert_eq!(h.status, 201, "{}", h.text);
        assert_eq!(h.header("location"), Some(format!("/api/v1/hiring-outcomes/{}", h.body["id"])));
        assert_eq!((h.body["status"].clone(), h.body["post_id"].clone(), h.body["scores"]["weighted_total"].clone()), (json!("hired"), json!(a), json!(77.5)));
        assert_eq!(h.body["steps"][0]["deciding_body"], "office_meeting");
        assert_eq!(registry(&app, hired).await, (json!(a), json!("in_post")));
        let hid = h.body["id"].as_i64().unwrap();
        // A hire needs its scores and a post; a not_hired takes neither.
        let r = outcome(&app, &chair, rid, json!({"person_id": refused, "status": "hired", "scores": {"ethics": 101, "ability": 0, "performance": 0, "contribution": 0}})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["post_id", "scores"]);
        outcome(&app, &chair, rid, json!({"person_id": refused, "status": "not_hired", "post_id": b_post})).await.assert_problem(422, "validation_failed");
        // A first-grade (intermediate) title does not take a senior post.
        let r = outcome(&app, &chair, rid, json!({"person_id": refused, "status": "hired", "post_id": senior, "scores": scores()})).await;
        r.assert_problem(409, "HIRE-TWO-WAY");
        assert!(r.text.contains("须具有高级"), "{}", r.text);
        // A post is filled once; a teacher has one outcome per round; an outcome starts hired or not.
        outcome(&app, &chair, rid, json!({"person_id": refused, "status": "hired", "post_id": a, "scores": scores()})).await.assert_problem(409, "post_filled");
        outcome(&app, &chair, rid, json!({"person_id": hired, "status": "not_hired"})).await.assert_problem(409, "hiring_outcome_exists");
        outcome(&app, &chair, rid, json!({"person_id": refused, "status": "transfer_training"})).await.assert_problem(409, "HIRE-TWO-WAY");
        outcome(&app, &member_admin, rid, json!({"person_id": refused, "status": "not_hired"})).await.assert_problem(403, "forbidden");
        step(&app, &chair, hid, json!({"status": "transfer_training"})).await.assert_problem(409, "hiring_outcome_final");

        // not_hired → transfer_training → reassigned.
        let n = outcome(&app, &chair, rid, json!({"person_id": trained, "status": "not_hired"})).await;
        assert_eq!(n.status, 201, "{}", n.text);
        let nid = n.body["id"].as_i64().unwrap();
        assert_eq!(registry(&app, trained).await, (Value::Null, json!("not_hired")));
        step(&app, &chair, nid, json!({"status": "reassigned", "post_id": b_post})).await.assert_problem(409, "HIRE-TWO-WAY");
        step(&app, &chair, nid, json!({"status": "contract_ended"})).await.assert_problem(409, "HIRE-TWO-WAY");
        app.post_if(&format!("/api/v1/hiring-outcomes/{nid}/steps"), &chair, Some("\"7\""), &with(decided(), json!({"status": "transfer_training"}))).await.assert_problem(412, "precondition_failed");
        let tr = app.post_if(&format!("/api/v1/hiring-outcomes/{nid}/steps"), &chair, Some("\"1\""), &with(decided(), json!({"status": "transfer_training", "deciding_body": "member_school"}))).await;
        assert_eq!((tr.status, tr.body["status"].clone(), tr.header("etag")), (200, json!("transfer_training"), Some("\"2\"".into())), "{}", tr.text);
        assert_eq!(registry(&app, trained).await, (Value::Null, json!("transfer_training")));
        step(&app, &chair, nid, json!({"status": "reassigned", "post_id": a})).await.assert_problem(409, "post_filled");
        let re = step(&app, &chair, nid, json!({"status": "reassigned", "post_id": b_post})).await;
        assert_eq!((re.status, re.body["status"].clone(), re.body["post_id"].clone()), (200, json!("reassigned"), json!(b_post)), "{}", re.text);
        assert_eq!(re.body["steps"].as_array().unwrap().len(), 3);
        assert_eq!(registry(&app, trained).await, (json!(b_post), json!("in_post")));
        step(&app, &chair, nid, json!({"status": "contract_ended"})).await.assert_problem(409, "hiring_outcome_final");

        // not_hired → transfer_training → contract_ended.
        let e = outcome(&app, &chair, rid, json!({"person_id": ended, "status": "not_hired"})).await.body["id"].as_i64().unwrap();
        assert_eq!(step(&app, &chair, e, json!({"status": "transfer_training"})).await.status, 200);
        let ce = step(&app, &chair, e, json!({"status": "contract_ended", "deciding_body": "county_bureau", "document_ref": "都教人〔2026〕9号"})).await;
        assert_eq!((ce.status, ce.body["status"].clone()), (200, json!("contract_ended")), "{}", ce.text);
        assert_eq!(registry(&app, ended).await, (Value::Null, json!("contract_ended")));

        // A management post asks for no title; the core's outcome is the chair's to see.
        let m = outcome(&app, &chair, rid, json!({"person_id": managed, "status": "hired", "post_id": mgmt, "scores": scores()})).await;
        assert_eq!((m.status, m.body["scores"]["weighted_total"].clone()), (201, json!(78.0)), "{}", m.text);
        let mid = m.body["id"].as_i64().unwrap();
        // The group's staffing report counts the posts held against the allocations.
        let rep = app.get(&format!("/api/v1/groups/{}/staffing?year=2026", t.id), &b.bureau()).await;
        let held: Vec<(String, i64, i64)> = rep.body["allocations"].as_array().unwrap().iter()
            .map(|l| (l["level"].as_str().unwrap().to_string(), l["filled"].as_i64().unwrap(), l["vacant"].as_i64().unwrap())).collect();
        assert!(held.contains(&("intermediate".into(), 2, 0)) && held.contains(&("senior".into(), 0, 1)) && held.contains(&("ungraded".into(), 1, 0)), "{}", rep.text);
        assert_eq!((rep.body["filled"].as_i64(), rep.body["vacant"].as_i64()), (Some(3), Some(1)), "{}", rep.text);
        let county = app.get(&format!("/api/v1/counties/{DUYUN}/staffing?year=2026"), &b.bureau()).await;
        assert_eq!(county.body["groups"][0]["filled"], 3, "{}", county.text);

        // The member's administrator sees its own teachers' outcomes and those filling its posts.
        let mine = app.get(&format!("/api/v1/hiring-rounds/{rid}/outcomes"), &member_admin).await;
        let ids: Vec<i64> = mine.body["items"].as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [hid, nid, e], "{}", mine.text);
        app.get(&format!("/api/v1/hiring-outcomes/{mid}"), &member_admin).await.assert_problem(404, "not_found");
        assert_eq!(app.get(&format!("/api/v1/hiring-outcomes/{hid}"), &member_admin).await.status, 200);
        let all = app.get(&format!("/api/v1/hiring-rounds/{rid}/outcomes?limit=2"), &b.bureau()).await;
        assert_eq!(all.body["items"].as_array().unwrap().len(), 2);
        assert!(all.body["next_cursor"].is_string());
        let hired_list = app.get(&format!("/api/v1/hiring-rounds/{rid}/outcomes?status=hired&status=reassigned"), &chair).await;
        assert_eq!(hired_list.body["items"].as_array().unwrap().len(), 3, "{}", hired_list.text);
        app.get(&format!("/api/v1/hiring-rounds/{rid}/outcomes?status=fired"), &chair).await.assert_problem(400, "invalid_query");
        let round = app.get(&format!("/api/v1/hiring-rounds/{rid}"), &chair).await;
        let filled: Vec<Value> = round.body["posts"].as_array().unwrap().iter().map(|p| p["filled_by_outcome_id"].clone()).collect();
        assert_eq!(filled, [json!(hid), json!(nid), Value::Null, json!(mid)]);

        // Every act is audited and on the change feed; the registry's changes as person changes.
        assert_eq!(actions(&app, "hiring_outcome", &nid.to_string()), ["hiring_outcome.not_hire", "hiring_outcome.transfer_training", "hiring_outcome.reassign"]);
        assert_eq!(actions(&app, "hiring_outcome", &e.to_string()), ["hiring_outcome.not_hire", "hiring_outcome.transfer_training", "hiring_outcome.end_contract"]);
        assert_eq!(actions(&app, "hiring_outcome", &hid.to_string()), ["hiring_outcome.hire"]);
        assert_eq!(actions(&app, "person", &trained.to_string()).iter().filter(|a| *a == "person.hiring").count(), 3);
        let integration = app.token(Role::Integration, Some(DUYUN), None);
        let feed = app.get("/api/v1/changes?entity=hiring_outcome", &integration).await;
        assert_eq!(feed.body["items"].as_array().unwrap().len(), 8, "{}", feed.text);
        let people = app.get("/api/v1/changes?entity=person", &integration).await;
        let last = people.body["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["id"], managed.to_string(), "{last}");
    }
}
