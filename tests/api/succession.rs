//! GRP-TIGHT-LEGAL-REP and COUNCIL-CHAIR for the group's whole life: a tight member's legal
//! representative is the core's and changes only with it; a new principal of the core becomes
//! every tight member's legal representative and the council's chair in the same transaction,
//! audited and in the change feed.

use edugroups::domain::auth::Role;
use serde_json::json;

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;
use crate::life::changes_with;

dual_test! {
    async fn a_new_principal_of_the_core_carries_over_to_the_members_and_the_chair(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let t = established_tight_group(&app, &mut b).await;
        let bureau = b.bureau();
        let school = |id: i64| format!("/api/v1/schools/{id}");
        // The member's legal representative is the core's: it cannot be set to anyone else.
        let m = app.get(&school(t.member.id), &bureau).await;
        assert_eq!(m.body["legal_representative_id"], t.core.principal);
        let r = app.patch(&school(t.member.id), &bureau, m.header("etag").as_deref(),
            &json!({"legal_representative_id": t.member.principal})).await;
        r.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        assert_eq!(r.body["policy_ref"], "§2.2.1");
        assert_eq!(r.error_fields(), ["legal_representative_id"]);
        assert_eq!(app.get(&school(t.member.id), &bureau).await.body["version"], m.body["version"]);
        // Nor cleared; and the core's own cannot be cleared while its council sits.
        let r = app.patch(&school(t.member.id), &bureau, m.header("etag").as_deref(),
            &json!({"legal_representative_id": null})).await;
        r.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
        let c = app.get(&school(t.core.id), &bureau).await;
        let r = app.patch(&school(t.core.id), &bureau, c.header("etag").as_deref(),
            &json!({"legal_representative_id": null})).await;
        r.assert_problem(409, "COUNCIL-CHAIR");

        // A new principal of the core (core.staff[2], a teacher without a seat).
        let council_path = format!("/api/v1/groups/{}/council", t.id);
        let chair = b.admin(t.core.id);
        let before = app.get(&council_path, &chair).await;
        let new = t.core.staff[2];
        let r = app.patch(&school(t.core.id), &bureau, c.header("etag").as_deref(),
            &json!({"legal_representative_id": new})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["legal_representative_id"], new);
        // The tight member follows, in the same step.
        let m2 = app.get(&school(t.member.id), &bureau).await;
        assert_eq!(m2.body["legal_representative_id"], new, "{}", m2.text);
        // The new principal chairs the council and takes the legal representative's places.
        let after = app.get(&council_path, &chair).await;
        assert_eq!(after.body["chair_person_id"], new, "{}", after.text);
        assert_ne!(after.header("etag"), before.header("etag"));
        let place = |list: &str, category: &str| -> Vec<i64> {
            after.body[list].as_array().unwrap().iter()
                .filter(|s| s["category"] == category).map(|s| s["person_id"].as_i64().unwrap()).collect()
        };
        assert_eq!(place("seats", "legal_representative"), vec![new]);
        assert_eq!(place("office", "legal_representative"), vec![new]);
        assert_eq!(after.body["seats"].as_array().unwrap().len(), before.body["seats"].as_array().unwrap().len());
        assert!(!after.body["seats"].as_array().unwrap().iter().any(|s| s["person_id"] == t.core.principal));
        // Audited and in the change feed: the member's change and the council's.
        assert_eq!(changes_with(&app, "school.legal_representative_succession"), 1);
        assert_eq!(changes_with(&app, "council.legal_representative_succession"), 1);
        let integration = app.token(Role::Integration, Some(DUYUN), None);
        let feed = app.get("/api/v1/changes?entity=school", &integration).await;
        assert_eq!(feed.body["items"].as_array().unwrap().last().unwrap()["id"], t.member.id.to_string(), "{}", feed.text);
        let audit = crate::composition::audit_after(&app, "school", t.member.id);
        assert_eq!(audit["legal_representative_id"], new, "{audit}");
        // The council still passes its rules: the chair convenes, the old principal does not sit.
        let r = app.post(&format!("/api/v1/groups/{}/meetings", t.id), &chair,
            &json!({"body": "council", "kind": "regular", "scheduled_at": "2026-12-10T08:00:00Z", "agenda": "审议工作计划"})).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // And the member's legal representative now changes only with the core's.
        let r = app.patch(&school(t.member.id), &bureau, m2.header("etag").as_deref(),
            &json!({"legal_representative_id": t.core.principal})).await;
        r.assert_problem(409, "GRP-TIGHT-LEGAL-REP");
    }
}

dual_test! {
    /// §2.1: a township centre school may be a tight member and lead a collaborative group of
    /// its own; its legal representative is its tight core's, and so is its own council's chair.
    /// A new principal of the tight core reaches that council too.
    async fn the_change_passes_on_to_a_collaborative_group_a_tight_member_leads(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let a = b.school("211", "urban", "quality", 3, None).await;
        let town = b.school("211", "township_centre", "quality", 3, Some(a.principal)).await;
        let g1 = b.authorize(a.id, "tight", "urban_quality_plus_township").await;
        b.prepare(g1, a.id).await;
        let r = b.agree(g1, a.id, town.id, Some(town.principal)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let rural = b.school("211", "rural", "weak", 1, None).await;
        let g2 = b.authorize(town.id, "collaborative", "township_plus_rural").await;
        b.prepare(g2, town.id).await;
        assert_eq!(b.assign(g2, rural.id, None).await.status, 201);
        // The township school's council: its legal representative (the tight core's principal)
        // chairs it.
        let mut body = b.council_body("collaborative", &town, &[&rural]).await;
        body["chair_person_id"] = json!(a.principal);
        body["seats"][0]["person_id"] = json!(a.principal);
        body["office"][0]["person_id"] = json!(a.principal);
        let r = app.put(&format!("/api/v1/groups/{g2}/council"), &b.admin(town.id), None, &body).await;
        assert_eq!(r.status, 200, "{}", r.text);

        let bureau = b.bureau();
        let core = app.get(&format!("/api/v1/schools/{}", a.id), &bureau).await;
        let new = a.staff[2];
        let r = app.patch(&format!("/api/v1/schools/{}", a.id), &bureau, core.header("etag").as_deref(),
            &json!({"legal_representative_id": new})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let t = app.get(&format!("/api/v1/schools/{}", town.id), &bureau).await;
        assert_eq!(t.body["legal_representative_id"], new);
        let c2 = app.get(&format!("/api/v1/groups/{g2}/council"), &b.admin(town.id)).await;
        assert_eq!(c2.body["chair_person_id"], new, "{}", c2.text);
        // The rural member keeps its own legal representative and seat.
        assert!(c2.body["seats"].as_array().unwrap().iter()
            .any(|s| s["person_id"] == rural.principal && s["category"] == "legal_representative"));
        assert_eq!(changes_with(&app, "council.legal_representative_succession"), 1);
    }
}
