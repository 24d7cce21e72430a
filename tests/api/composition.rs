//! COUNCIL-COMPOSITION and OFFICE-COMPOSITION read closely (§2.3.2): vice-principal-level cadres
//! *and* middle cadres, teachers *and* parents, each seat held by someone who is what the seat
//! says; parents are persons who are not staff, registered with the same ID validation, masking
//! and audit; the office meeting needs the core's vice principals.

use edugroups::domain::auth::Role;
use serde_json::{json, Value};

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

/// The audit log's last `after` of a record.
pub fn audit_after(app: &TestApp, entity: &str, id: i64) -> Value {
    use diesel::prelude::*;
    use edugroups::db::schema::changes as c;
    let after: Option<String> = c::table
        .filter(c::entity.eq(entity))
        .filter(c::entity_id.eq(id.to_string()))
        .order(c::seq.desc())
        .select(c::after_json)
        .first(&mut app.conn())
        .unwrap();
    serde_json::from_str(&after.unwrap()).unwrap()
}

/// A prepared tight group with one member, its council election body (valid), and the people.
async fn prepared(app: &TestApp, b: &mut Builder<'_>) -> (i64, SchoolKit, SchoolKit, Value) {
    let core = b.school("211", "urban", "quality", 3, None).await;
    let member = b
        .school(
            "211",
            "development_zone",
            "newly_opened",
            2,
            Some(core.principal),
        )
        .await;
    let g = b
        .authorize(core.id, "tight", "urban_quality_plus_new")
        .await;
    b.prepare(g, core.id).await;
    assert_eq!(
        b.assign(g, member.id, Some(member.principal)).await.status,
        201
    );
    let body = b.council_body("tight", &core, &[&member]).await;
    let _ = app;
    (g, core, member, body)
}

/// `body` with the seat of `category` replaced by `seat` (or `seat` added when `None`).
fn with_seat(body: &Value, category: Option<&str>, seat: Value) -> Value {
    let mut b = body.clone();
    let seats = b["seats"].as_array_mut().unwrap();
    match category.and_then(|c| seats.iter().position(|s| s["category"] == c)) {
        Some(i) => seats[i] = seat,
        None => seats.push(seat),
    }
    b
}

fn without_seat(body: &Value, category: &str) -> Value {
    let mut b = body.clone();
    b["seats"]
        .as_array_mut()
        .unwrap()
        .retain(|s| s["category"] != category);
    b
}

dual_test! {
    async fn parents_are_registered_as_persons_who_are_not_staff(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let school = b.school("211", "urban", "quality", 0, None).await;
        let bureau = b.bureau();
        // The same ID validation as staff; the pupil's class is required; a parent has no title,
        // subjects, backbone flag or post.
        let r = app.post("/api/v1/persons", &bureau, &json!({"name": "家长甲", "id_number": "110105194912310021",
            "school_id": school.id, "kind": "parent", "title_code": "yj", "cadre_post": "middle_cadre"})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["id_number", "pupil_class", "title_code", "cadre_post"], "{}", r.text);
        let r = app.post("/api/v1/persons", &bureau, &json!({"name": "教师乙", "id_number": id_number(DUYUN, 901),
            "school_id": school.id, "pupil_class": "一年级（1）班"})).await;
        assert_eq!(r.error_fields(), ["pupil_class"], "{}", r.text);
        let r = app.post("/api/v1/persons", &bureau, &json!({"name": "家长丙", "id_number": id_number(DUYUN, 902),
            "school_id": school.id, "kind": "guardian", "pupil_class": "一年级（1）班"})).await;
        assert_eq!(r.error_fields(), ["kind"], "{}", r.text);

        let parent = b.parent(school.id).await;
        let got = app.get(&format!("/api/v1/persons/{parent}"), &bureau).await;
        assert_eq!((got.body["kind"].as_str(), got.body["pupil_class"].as_str()), (Some("parent"), Some("三年级（2）班")));
        assert_eq!(got.body["id_number_masked"], false);
        // Masked for everyone but the bureau, and in the change feed.
        let admin = b.admin(school.id);
        let seen = app.get(&format!("/api/v1/persons/{parent}"), &admin).await;
        assert_eq!(seen.body["id_number_masked"], true, "{}", seen.text);
        assert!(seen.body["id_number"].as_str().unwrap().contains("****"));
        let integration = app.token(Role::Integration, Some(DUYUN), None);
        let feed = app.get("/api/v1/changes?entity=person", &integration).await;
        assert_eq!(feed.body["items"].as_array().unwrap().last().unwrap()["id"], parent.to_string());
        let audit = audit_after(&app, "person", parent);
        assert_eq!(audit["id_number_masked"], true, "{audit}");
        assert_eq!(audit["kind"], "parent");
        // The list tells staff from parents.
        let parents = app.get(&format!("/api/v1/persons?school_id={}&kind=parent", school.id), &bureau).await;
        assert_eq!(parents.body["items"].as_array().unwrap().len(), 1, "{}", parents.text);
        let staff = app.get(&format!("/api/v1/persons?school_id={}&kind=staff", school.id), &bureau).await;
        assert_eq!(staff.body["items"][0]["id"], school.principal);
        // A parent is not staff: not a legal representative.
        let s = app.get(&format!("/api/v1/schools/{}", school.id), &bureau).await;
        let r = app.patch(&format!("/api/v1/schools/{}", school.id), &bureau, s.header("etag").as_deref(),
            &json!({"legal_representative_id": parent})).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.error_fields(), ["legal_representative_id"]);
    }
}

dual_test! {
    async fn every_kind_of_seat_is_required_and_held_by_the_right_person(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let (g, core, member, body) = prepared(&app, &mut b).await;
        let path = format!("/api/v1/groups/{g}/council");
        let admin = b.admin(core.id);
        let put = |body: Value| {
            let (app, path, admin) = (&app, path.clone(), admin.clone());
            async move { app.put(&path, &admin, None, &body).await }
        };
        // Each of the policy's kinds is required: vice-principal-level *and* middle cadres,
        // teachers *and* parents.
        for (category, zh) in [("vice_principal", "副校级干部"), ("middle_cadre", "中层干部"),
                               ("teacher_representative", "教师代表"), ("parent_representative", "家长代表")] {
            let r = put(without_seat(&body, category)).await;
            r.assert_problem(409, "COUNCIL-COMPOSITION");
            assert!(r.body["detail"].as_str().unwrap().contains(&format!("缺少{zh}席位")), "{}", r.text);
        }
        // A teacher in the parent's seat; a parent in a teacher's seat; a parent of another
        // school's pupil for the core's parents; a teacher without the post in a cadre seat.
        let other_parent = b.parent(member.id).await;
        let en = |r: &Resp| r.body["detail"].as_str().unwrap().to_string();
        let r = put(with_seat(&body, Some("parent_representative"),
            json!({"person_id": core.staff[2], "school_id": core.id, "category": "parent_representative"}))).await;
        r.assert_problem(409, "COUNCIL-COMPOSITION");
        assert!(en(&r).contains("是教职工，不能占有家长代表席位"), "{}", r.text);
        let r = put(with_seat(&body, Some("teacher_representative"),
            json!({"person_id": other_parent, "school_id": member.id, "category": "teacher_representative"}))).await;
        assert!(en(&r).contains("是学生家长"), "{}", r.text);
        let r = put(with_seat(&body, Some("parent_representative"),
            json!({"person_id": other_parent, "school_id": core.id, "category": "parent_representative"}))).await;
        assert!(en(&r).contains(&format!("子女在学校 #{} 就读", member.id)), "{}", r.text);
        let r = put(with_seat(&body, Some("middle_cadre"),
            json!({"person_id": core.staff[2], "school_id": core.id, "category": "middle_cadre"}))).await;
        r.assert_problem(409, "COUNCIL-COMPOSITION");
        assert!(en(&r).contains("未担任中层干部"), "{}", r.text);
        // A person of a school outside the group, and a seat for such a school, name the rule
        // (not a generic 422).
        let outsider = b.school("211", "rural", "weak", 1, None).await;
        let r = put(with_seat(&body, None,
            json!({"person_id": outsider.staff[0], "school_id": member.id, "category": "teacher_representative"}))).await;
        r.assert_problem(409, "COUNCIL-COMPOSITION");
        assert!(en(&r).contains(&format!("人事关系在学校 #{}", outsider.id)), "{}", r.text);
        let r = put(with_seat(&body, None,
            json!({"person_id": outsider.staff[0], "school_id": outsider.id, "category": "teacher_representative"}))).await;
        r.assert_problem(409, "COUNCIL-COMPOSITION");
        assert!(en(&r).contains(&format!("所属学校 #{} 不是集团成员", outsider.id)), "{}", r.text);
        // A person of another county is not revealed: absent, as for anyone unknown.
        let stranger = app.person(&app.school(FUQUAN, 90, "weak").await, 90).await;
        let r = put(with_seat(&body, None,
            json!({"person_id": stranger["id"], "school_id": member.id, "category": "teacher_representative"}))).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(app.count("seats"), 0);

        // OFFICE-COMPOSITION: the core's vice principal is a required place.
        let mut no_vp = body.clone();
        no_vp["office"].as_array_mut().unwrap().retain(|o| o["role"] != "core_vice_principal");
        let r = put(no_vp).await;
        r.assert_problem(409, "OFFICE-COMPOSITION");
        assert!(en(&r).contains(&format!("核心成员副校（园）级干部 #{} 未列入", core.staff[0])), "{}", r.text);
        // Every vice principal of the core on record, not only one.
        b.give_post(core.staff[2], "vice_principal").await;
        let r = put(body.clone()).await;
        r.assert_problem(409, "OFFICE-COMPOSITION");
        assert!(en(&r).contains(&format!("#{} 未列入", core.staff[2])), "{}", r.text);
        let person = app.get(&format!("/api/v1/persons/{}", core.staff[2]), &b.bureau()).await;
        app.patch(&format!("/api/v1/persons/{}", core.staff[2]), &b.bureau(), person.header("etag").as_deref(),
            &json!({"cadre_post": null})).await;

        // The policy's council is elected.
        let r = put(body.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let categories: Vec<&str> = r.body["seats"].as_array().unwrap().iter().map(|s| s["category"].as_str().unwrap()).collect();
        assert_eq!(categories, ["legal_representative", "executive_principal", "vice_principal", "middle_cadre",
                                "teacher_representative", "parent_representative"]);
        // A seat holder who is a parent acts as one, with a council_member token.
        let parent = r.body["seats"][5]["person_id"].as_i64().unwrap();
        let seat_holder = app.token_for(&parent.to_string(), Role::CouncilMember, Some(DUYUN), None);
        assert_eq!(app.get(&path, &seat_holder).await.status, 200);
    }
}
