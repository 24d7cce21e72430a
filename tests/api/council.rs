//! Council and office meetings: convening, the demand of a third of the seats, attendance with
//! proxies, voting, closing, resolutions, minutes and concurrency.
//!
//! The fixture builds a seated group directly through the repositories (registry data through
//! the API), so that these tests do not depend on the formation workflow.

mod closing;
mod concurrency;
mod meetings;
mod minutes;
mod voting;

use edugroups::domain::auth::Role;
use edugroups::domain::groups::{GroupRuleSettings, OfficeDecision, ProcedureRules};
use edugroups::repo::council::seats::{self, NewSeatRow};
use edugroups::repo::groups::charters::{self, NewCharterRow};
use edugroups::repo::groups::group::{self as groups, NewGroupRow};
use edugroups::repo::groups::memberships::{self, NewMembershipRow};
use serde_json::{json, Value};

use crate::helpers::*;

pub const GROUP_CODE: &str = "G522701001";

/// A group in Duyun with a core and a member school, `n` council seats (one person each,
/// alternating between the schools) and three office seats held by the first three persons.
pub struct Seated {
    pub group: i64,
    pub core: i64,
    pub member: i64,
    /// The chair: the core school's administrator.
    pub chair: String,
    pub persons: Vec<i64>,
    /// Council seat ids, index `i` held by `persons[i]`.
    pub seats: Vec<i64>,
    /// Office seat ids, index `i` held by `persons[i]`.
    pub office: Vec<i64>,
    /// `council_member` tokens, index `i` for `persons[i]`.
    pub tokens: Vec<String>,
}

pub async fn seated_group(app: &TestApp, n: usize) -> Seated {
    let core = app.school(DUYUN, 1, "quality").await;
    let member = app.school(DUYUN, 2, "weak").await;
    let mut persons = vec![];
    for i in 0..n {
        let school = if i % 2 == 0 { &core } else { &member };
        persons.push(
            app.person(school, i as u32 + 1).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let (core, member) = (core["id"].as_i64().unwrap(), member["id"].as_i64().unwrap());
    let mut conn = app.conn();
    let now = edugroups::repo::now();
    let g = groups::insert(
        &mut conn,
        &NewGroupRow {
            code: GROUP_CODE.into(),
            name: "都匀市第一教育集团".into(),
            county_code: DUYUN.into(),
            kind: "tight".parse().unwrap(),
            pattern: "urban_quality_plus_new".parse().unwrap(),
            core_school_id: core,
            status: "preparing".parse().unwrap(),
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    memberships::insert(
        &mut conn,
        &NewMembershipRow {
            group_id: g.id,
            school_id: member,
            basis: "bureau_assignment".parse().unwrap(),
            agreement_ref: None,
            signed_on: None,
            executive_principal_id: None,
            status: "active".parse().unwrap(),
            joined_on: now.date(),
            growth_until: None,
            terms: "tight".parse().unwrap(),
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap();
    let seat = |conn: &mut _, body: &str, i: usize| {
        seats::insert(
            conn,
            &NewSeatRow {
                group_id: g.id,
                body: body.parse().unwrap(),
                person_id: persons[i],
                school_id: if i.is_multiple_of(2) { core } else { member },
                category: if body == "council" {
                    "teacher_representative"
                } else {
                    "legal_representative"
                }
                .into(),
                is_chair: i == 0,
                active: true,
                created_at: now,
            },
        )
        .unwrap()
        .id
    };
    let seats: Vec<i64> = (0..n).map(|i| seat(&mut conn, "council", i)).collect();
    let office: Vec<i64> = (0..n.min(3))
        .map(|i| seat(&mut conn, "office", i))
        .collect();
    Seated {
        group: g.id,
        core,
        member,
        chair: app.token(Role::SchoolAdmin, Some(DUYUN), Some(core)),
        tokens: persons.iter().map(|p| member_token(app, *p)).collect(),
        persons,
        seats,
        office,
    }
}

/// A `council_member` token for a person (its `sub` is the person id).
pub fn member_token(app: &TestApp, person: i64) -> String {
    app.token_for(&person.to_string(), Role::CouncilMember, Some(DUYUN), None)
}

/// The default rules of procedure, with the office meeting deciding as given.
pub fn rules(office: OfficeDecision) -> ProcedureRules {
    let mut rules = ProcedureRules::from_settings(&GroupRuleSettings::default());
    rules.office_decides_by = office;
    rules
}

/// Stores a charter draft with these rules of procedure; returns its id.
pub fn charter_draft(app: &TestApp, group: i64, rules: &ProcedureRules) -> i64 {
    let now = edugroups::repo::now();
    charters::insert(
        &mut app.conn(),
        &NewCharterRow {
            group_id: group,
            version_no: 1,
            status: "draft".parse().unwrap(),
            sections_json: "{}".into(),
            procedure_json: serde_json::to_string(rules).unwrap(),
            version: 1,
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap()
    .id
}

impl Seated {
    /// A regular meeting of `body` convened by the chair; returns its id.
    pub async fn convene(&self, app: &TestApp, body: &str) -> i64 {
        let r = app
            .post(
                &format!("/api/v1/groups/{}/meetings", self.group),
                &self.chair,
                &json!({"body": body, "kind": "regular", "scheduled_at": "2026-03-01T08:00:00Z", "agenda": "审议议案"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body["id"].as_i64().unwrap()
    }

    /// Records attendance (reading the meeting's ETag first) and returns the response.
    pub async fn attend(&self, app: &TestApp, meeting: i64, entries: Value) -> Resp {
        let path = format!("/api/v1/meetings/{meeting}");
        let etag = app.get(&path, &self.chair).await.header("etag").unwrap();
        app.put(
            &format!("{path}/attendance"),
            &self.chair,
            Some(&etag),
            &json!({"entries": entries}),
        )
        .await
    }

    /// The first `present` council seats present, the others absent.
    pub async fn present(&self, app: &TestApp, meeting: i64, present: usize) {
        let entries: Vec<Value> = self
            .seats
            .iter()
            .enumerate()
            .map(|(i, s)| json!({"seat_id": s, "status": if i < present { "present" } else { "absent" }}))
            .collect();
        let r = self.attend(app, meeting, json!(entries)).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }

    /// Tables a motion; returns its id.
    pub async fn motion(
        &self,
        app: &TestApp,
        meeting: i64,
        motion_type: &str,
        ballot: &str,
    ) -> i64 {
        let r = app
            .post(
                &format!("/api/v1/meetings/{meeting}/motions"),
                &self.chair,
                &json!({"title": format!("关于{motion_type}的议案"), "motion_type": motion_type, "ballot": ballot}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body["id"].as_i64().unwrap()
    }

    /// Seat holder `i` votes for its own seat.
    pub async fn vote(&self, app: &TestApp, motion: i64, i: usize, choice: &str) -> Resp {
        app.put(
            &format!("/api/v1/motions/{motion}/votes/{}", self.seats[i]),
            &self.tokens[i],
            None,
            &json!({"choice": choice}),
        )
        .await
    }

    /// Seats `0..f` vote for, the next `a` against.
    pub async fn votes(&self, app: &TestApp, motion: i64, f: usize, a: usize) {
        for i in 0..f + a {
            let r = self
                .vote(app, motion, i, if i < f { "for" } else { "against" })
                .await;
            assert_eq!(r.status, 200, "{}", r.text);
        }
    }

    pub async fn close(&self, app: &TestApp, motion: i64) -> Resp {
        app.post(
            &format!("/api/v1/motions/{motion}/close"),
            &self.chair,
            &json!({}),
        )
        .await
    }
}
