//! Schools, persons and groups for the formation tests, built through the API only.

use edugroups::domain::auth::Role;
use serde_json::{json, Value};

use crate::helpers::*;

mod council;
mod establish;
pub use establish::*;

/// A school with a principal who is its legal representative, plus a few staff.
pub struct SchoolKit {
    pub id: i64,
    pub principal: i64,
    pub staff: Vec<i64>,
}

pub struct Builder<'a> {
    pub app: &'a TestApp,
    pub county: &'static str,
    next: u32,
}

impl<'a> Builder<'a> {
    pub fn new(app: &'a TestApp, county: &'static str) -> Self {
        Builder {
            app,
            county,
            next: 1,
        }
    }

    fn seq(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// The next sequence number, for fixtures in other files.
    pub(crate) fn seq_next(&mut self) -> u32 {
        self.seq()
    }

    pub fn bureau(&self) -> String {
        self.app.bureau(self.county)
    }

    /// Registers a school of `type_code`, `location` and `standing`, with a principal as legal
    /// representative (unless `legal_rep` names another person) and `staff` more persons.
    pub async fn school(
        &mut self,
        type_code: &str,
        location: &str,
        standing: &str,
        staff: usize,
        legal_rep: Option<i64>,
    ) -> SchoolKit {
        let seq = self.seq();
        let mut body = school_body(self.county, seq, standing);
        body["type_code"] = json!(type_code);
        body["location"] = json!(location);
        let r = self
            .app
            .post("/api/v1/schools", &self.bureau(), &body)
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        let school = r.body;
        let id = school["id"].as_i64().unwrap();
        let mut people = vec![];
        for _ in 0..=staff {
            let p = self.app.person(&school, self.seq()).await;
            people.push(p["id"].as_i64().unwrap());
        }
        let principal = people.remove(0);
        let rep = legal_rep.unwrap_or(principal);
        let r = self
            .app
            .patch(
                &format!("/api/v1/schools/{id}"),
                &self.bureau(),
                Some("\"1\""),
                &json!({"legal_representative_id": rep}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        SchoolKit {
            id,
            principal,
            staff: people,
        }
    }

    pub fn admin(&self, school: i64) -> String {
        self.app
            .token(Role::SchoolAdmin, Some(self.county), Some(school))
    }

    /// Authorises `core` to lead a group and returns the group's id.
    pub async fn authorize(&self, core: i64, kind: &str, pattern: &str) -> i64 {
        let r = self
            .app
            .post("/api/v1/groups", &self.bureau(), &json!({"name": "测试教育集团", "kind": kind, "pattern": pattern, "core_school_id": core}))
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body["id"].as_i64().unwrap()
    }

    /// Plan submitted by the core and approved by the bureau: the group is `preparing`.
    pub async fn prepare(&self, group: i64, core: i64) {
        let r = self
            .app
            .post(
                &format!("/api/v1/groups/{group}/formation-plan"),
                &self.admin(core),
                &json!({"plan_text": "组建方案:成员范围、管理架构、发展目标。"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = self
            .app
            .post(
                &format!("/api/v1/groups/{group}/formation-plan/review"),
                &self.bureau(),
                &json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.body["status"], "preparing");
    }

    pub async fn assign(&self, group: i64, school: i64, executive_principal: Option<i64>) -> Resp {
        self.app
            .post(
                &format!("/api/v1/groups/{group}/members"),
                &self.bureau(),
                &json!({"school_id": school, "basis": "bureau_assignment", "executive_principal_id": executive_principal}),
            )
            .await
    }

    /// The chair records a signed agreement: the membership is `prospective` (201) until the
    /// bureau confirms it.
    pub async fn record_agreement(
        &self,
        group: i64,
        core: i64,
        school: i64,
        executive_principal: Option<i64>,
    ) -> Resp {
        self.app
            .post(
                &format!("/api/v1/groups/{group}/members"),
                &self.admin(core),
                &json!({"school_id": school, "basis": "signed_agreement", "signed_on": "2026-03-01",
                        "agreement_ref": format!("协议〔2026〕{school}号"), "executive_principal_id": executive_principal}),
            )
            .await
    }

    /// The bureau's decision on a join by agreement (`approve`, or `reject` with a note).
    pub async fn confirm(
        &self,
        group: i64,
        school: i64,
        decision: &str,
        note: Option<&str>,
    ) -> Resp {
        self.app
            .post(
                &format!("/api/v1/groups/{group}/members/{school}/confirmation"),
                &self.bureau(),
                &json!({"decision": decision, "note": note}),
            )
            .await
    }

    /// A join by agreement that takes effect: recorded by the chair, confirmed by the bureau.
    /// The recording's refusal if it is refused, else the confirmation's answer (200, the group
    /// with the member `active`).
    pub async fn agree(
        &self,
        group: i64,
        core: i64,
        school: i64,
        executive_principal: Option<i64>,
    ) -> Resp {
        let r = self
            .record_agreement(group, core, school, executive_principal)
            .await;
        if r.status != 201 {
            return r;
        }
        self.confirm(group, school, "approve", None).await
    }
}

pub fn full_charter() -> Value {
    json!({"sections": {
        "philosophy": "共建共享,各美其美。",
        "goals": "三年内成员校教育质量整体提升。",
        "vision": "建成区域优质均衡发展示范集团。",
        "group_member_relations": "集团与成员校以章程和协议明确责权利。",
        "core_member_relations": "核心成员输出管理团队和骨干教师。",
        "governing_bodies": "理事会、理事长办公会议及其产生办法。",
        "powers": "理事会审议章程、规划、计划、预算。",
        "rules_of_procedure": "理事会会议须三分之二以上理事出席;章程须三分之二以上理事同意。"
    }})
}
