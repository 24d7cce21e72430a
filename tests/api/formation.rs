//! The formation story end to end, through the HTTP API alone: a tight and a collaborative group
//! from authorisation to `established`, with the council elected, meeting, voting and adopting
//! the charter.

use edugroups::domain::auth::Role;
use serde_json::json;

use crate::dual_test;
use crate::formation_fixture::*;
use crate::helpers::*;

dual_test! {
    async fn a_tight_group_is_formed_end_to_end(app: TestApp) {
        let mut b = Builder::new(&app, DUYUN);
        let core = b.school("211", "urban", "quality", 3, None).await;
        let new = b.school("211", "development_zone", "newly_opened", 2, Some(core.principal)).await;
        let g = b.authorize(core.id, "tight", "urban_quality_plus_new").await;
        b.prepare(g, core.id).await;
        let r = b.assign(g, new.id, Some(new.principal)).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let r = app.put(&format!("/api/v1/groups/{g}/charter"), &b.admin(core.id), None, &full_charter()).await;
        assert_eq!(r.status, 201, "{}", r.text);
        let council = b.council_body("tight", &core, &[&new]).await;
        let r = app.put(&format!("/api/v1/groups/{g}/council"), &b.admin(core.id), None, &council).await;
        assert_eq!(r.status, 200, "{}", r.text);
        // Before the council has adopted the charter, the dossier is refused.
        let r = app.post(&format!("/api/v1/groups/{g}/dossier"), &b.admin(core.id), &json!({})).await;
        r.assert_problem(409, "GRP-ESTABLISH-DOSSIER");
        // Two thirds of 6 seats is 4: with three against (3 for) the charter fails...
        let failed = council_adopts_charter(&app, &b, g, core.id, 3).await;
        assert_eq!(failed["outcome"], "rejected", "{failed}");
        assert!(failed["resolution"].is_null());
        // ... and with two against (4 for) it is adopted as a numbered resolution.
        let adopted = council_adopts_charter(&app, &b, g, core.id, 2).await;
        assert_eq!(adopted["outcome"], "adopted", "{adopted}");
        let year = edugroups::domain::clock::year_of(chrono::Utc::now());
        assert_eq!(adopted["resolution"]["number"], format!("G522701001-{year}-001"));
        let charter = app.get(&format!("/api/v1/groups/{g}/charter"), &b.bureau()).await;
        assert_eq!(charter.body["status"], "adopted");
        assert_eq!(charter.body["adopted_resolution_id"], adopted["resolution"]["id"]);

        establish(&app, &b, g, core.id).await;
        let h = app.get(&format!("/api/v1/groups/{g}/history"), &b.bureau()).await;
        let actions: Vec<&str> = h.body["items"].as_array().unwrap().iter().map(|i| i["action"].as_str().unwrap()).collect();
        assert_eq!(actions, vec!["authorize", "submit_plan", "approve_plan", "submit_dossier", "bureau_approve_dossier", "leading_group_approve"]);
        let roles: Vec<&str> = h.body["items"].as_array().unwrap().iter().map(|i| i["actor_role"].as_str().unwrap()).collect();
        assert_eq!(roles, vec!["county_bureau", "school_admin", "county_bureau", "school_admin", "county_bureau", "county_leading_group"]);
        let resolutions = app.get(&format!("/api/v1/groups/{g}/resolutions"), &b.bureau()).await;
        assert_eq!(resolutions.body["items"].as_array().unwrap().len(), 1);

        // After establishment, one in for one out: the tight group is full at its one member.
        let another = b.school("211", "rural", "weak", 1, Some(core.principal)).await;
        b.assign(g, another.id, Some(another.principal)).await.assert_problem(409, "GRP-TIGHT-SIZE");
    }
}

dual_test! {
    async fn a_collaborative_group_is_formed_end_to_end(app: TestApp) {
        let mut b = Builder::new(&app, FUQUAN);
        let core = b.school("211", "township_centre", "quality", 3, None).await;
        let potential = b.school("211", "rural", "potential", 1, None).await;
        let weak = b.school("218", "rural", "weak", 1, None).await;
        let g = b.authorize(core.id, "collaborative", "township_plus_rural").await;
        b.prepare(g, core.id).await;
        let r = b.agree(g, core.id, potential.id, None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = b.assign(g, weak.id, None).await;
        assert_eq!(r.status, 201, "{}", r.text);
        assert_eq!(r.body["members"].as_array().unwrap().len(), 2);
        let r = app.put(&format!("/api/v1/groups/{g}/charter"), &b.admin(core.id), None, &full_charter()).await;
        assert_eq!(r.status, 201, "{}", r.text);
        // Every member keeps its own legal representative, and each holds a seat.
        let council = b.council_body("collaborative", &core, &[&potential, &weak]).await;
        let r = app.put(&format!("/api/v1/groups/{g}/council"), &b.admin(core.id), None, &council).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let adopted = council_adopts_charter(&app, &b, g, core.id, 0).await;
        assert_eq!(adopted["outcome"], "adopted", "{adopted}");
        // The leading group sends it back once; the core resubmits.
        let path = format!("/api/v1/groups/{g}");
        app.post(&format!("{path}/dossier"), &b.admin(core.id), &json!({})).await;
        app.post(&format!("{path}/dossier/review"), &b.bureau(), &json!({"decision": "approve"})).await;
        let leading = app.token(Role::CountyLeadingGroup, Some(FUQUAN), None);
        let r = app.post(&format!("{path}/dossier/approval"), &leading, &json!({"decision": "return", "reason": "请补充经费保障安排。"})).await;
        assert_eq!(r.body["status"], "preparing", "{}", r.text);
        establish(&app, &b, g, core.id).await;
        // A collaborative group is not limited to one in, one out.
        let third = b.school("211", "rural", "weak", 1, None).await;
        assert_eq!(b.assign(g, third.id, None).await.status, 201);
        let feed = app.get("/api/v1/changes?entity=group", &app.token(Role::Integration, Some(FUQUAN), None)).await;
        assert!(feed.body["items"].as_array().unwrap().len() >= 8);
    }
}
