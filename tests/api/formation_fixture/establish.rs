//! From a prepared group to an established one: the council adopts the charter, the dossier is
//! reviewed and approved; and a ready-made established tight group for the group-life tests.

use edugroups::domain::auth::Role;
use serde_json::{json, Value};

use super::*;

/// The chair convenes the council, everyone attends, the charter motion is put and voted
/// (`against` seats vote against, the rest for), and the chair closes it.
pub async fn council_adopts_charter(
    app: &TestApp,
    b: &Builder<'_>,
    group: i64,
    core: i64,
    against: usize,
) -> Value {
    council_votes(
        app,
        b,
        group,
        core,
        against,
        "charter",
        "审议通过集团章程草案",
    )
    .await
}

/// As `council_adopts_charter`, for a motion of any type: the closed motion.
pub async fn council_votes(
    app: &TestApp,
    b: &Builder<'_>,
    group: i64,
    core: i64,
    against: usize,
    motion_type: &str,
    title: &str,
) -> Value {
    let chair = b.admin(core);
    let council = app
        .get(&format!("/api/v1/groups/{group}/council"), &chair)
        .await;
    assert_eq!(council.status, 200, "{}", council.text);
    let seats: Vec<(i64, i64)> = council.body["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["seat_id"].as_i64().unwrap(),
                s["person_id"].as_i64().unwrap(),
            )
        })
        .collect();
    let m = app
        .post(
            &format!("/api/v1/groups/{group}/meetings"),
            &chair,
            &json!({"body": "council", "kind": "regular", "scheduled_at": "2026-12-01T08:00:00Z", "agenda": title}),
        )
        .await;
    assert_eq!(m.status, 201, "{}", m.text);
    let meeting = m.body["id"].as_i64().unwrap();
    let entries: Vec<Value> = seats
        .iter()
        .map(|(s, _)| json!({"seat_id": s, "status": "present"}))
        .collect();
    let etag = m.header("etag");
    let a = app
        .put(
            &format!("/api/v1/meetings/{meeting}/attendance"),
            &chair,
            etag.as_deref(),
            &json!({"entries": entries}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let motion = app
        .post(
            &format!("/api/v1/meetings/{meeting}/motions"),
            &chair,
            &json!({"title": title, "motion_type": motion_type, "ballot": "open"}),
        )
        .await;
    assert_eq!(motion.status, 201, "{}", motion.text);
    let motion = motion.body["id"].as_i64().unwrap();
    for (i, (seat, person)) in seats.iter().enumerate() {
        let voter = app.token_for(
            &person.to_string(),
            Role::CouncilMember,
            Some(b.county),
            None,
        );
        let choice = if i < against { "against" } else { "for" };
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
    let closed = app
        .post(
            &format!("/api/v1/motions/{motion}/close"),
            &chair,
            &json!({}),
        )
        .await;
    assert_eq!(closed.status, 200, "{}", closed.text);
    closed.body
}

pub async fn establish(app: &TestApp, b: &Builder<'_>, group: i64, core: i64) {
    let path = format!("/api/v1/groups/{group}");
    let r = app
        .post(
            &format!("{path}/dossier"),
            &b.admin(core),
            &json!({"note": "组建材料齐备,请审核。"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["status"], "dossier_submitted");
    let r = app
        .post(
            &format!("{path}/dossier/review"),
            &b.bureau(),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.body["status"], "bureau_reviewed", "{}", r.text);
    let leading = app.token(Role::CountyLeadingGroup, Some(b.county), None);
    assert_eq!(
        app.get(&path, &leading).await.body["allowed_actions"],
        json!(["leading_group_approve", "leading_group_return"])
    );
    let r = app
        .post(
            &format!("{path}/dossier/approval"),
            &leading,
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["status"], "established");
    assert!(r.body["established_on"].is_string());
}

/// An established tight group in the builder's county: a quality core, one newly opened member
/// assigned by the bureau (so with a growth period, GROWTH-3Y), a council that adopted the
/// charter, and the leading group's approval. One in, one out from here (GRP-TIGHT-SIZE).
pub struct TightGroup {
    pub id: i64,
    pub core: SchoolKit,
    pub member: SchoolKit,
}

pub async fn established_tight_group(app: &TestApp, b: &mut Builder<'_>) -> TightGroup {
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
    let r = b.assign(g, member.id, Some(member.principal)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let chair = b.admin(core.id);
    let r = app
        .put(
            &format!("/api/v1/groups/{g}/charter"),
            &chair,
            None,
            &full_charter(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let council = b.council_body("tight", &core, &[&member]).await;
    let r = app
        .put(
            &format!("/api/v1/groups/{g}/council"),
            &chair,
            None,
            &council,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let adopted = council_adopts_charter(app, b, g, core.id, 0).await;
    assert_eq!(adopted["outcome"], "adopted", "{adopted}");
    establish(app, b, g, core.id).await;
    TightGroup {
        id: g,
        core,
        member,
    }
}
