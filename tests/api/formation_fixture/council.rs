//! Councils that satisfy COUNCIL-COMPOSITION and OFFICE-COMPOSITION, and the registry entries
//! they need: the core's vice principal and middle cadre on record, and a parent of a pupil.

use serde_json::{json, Value};

use super::*;

impl Builder<'_> {
    /// Registers a parent of a pupil of `school` (not staff) and returns the person's id.
    pub async fn parent(&mut self, school: i64) -> i64 {
        let seq = self.seq_next();
        let r = self
            .app
            .post(
                "/api/v1/persons",
                &self.bureau(),
                &json!({"name": format!("家长{seq}"), "id_number": id_number(self.county, seq),
                        "school_id": school, "kind": "parent", "pupil_class": "三年级（2）班"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.body["id"].as_i64().unwrap()
    }

    /// Records `post` (`vice_principal`, `middle_cadre`) for a person in the registry.
    pub async fn give_post(&self, person: i64, post: &str) {
        let path = format!("/api/v1/persons/{person}");
        let got = self.app.get(&path, &self.bureau()).await;
        let etag = got.header("etag");
        let r = self
            .app
            .patch(
                &path,
                &self.bureau(),
                etag.as_deref(),
                &json!({"cadre_post": post}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }

    /// The council election of a group of `kind` led by `core` with `members`: the legal
    /// representatives (in a tight group the core's, once), the tight members' executive
    /// principals (their principals), the core's `staff[0]` as vice principal and `staff[1]` as
    /// middle cadre (recorded in the registry first), the first member's `staff[0]` as teacher
    /// representative and a new parent of a pupil of the core. The office meeting takes the
    /// legal representatives, the executive principals and the core's vice principal.
    pub async fn council_body(
        &mut self,
        kind: &str,
        core: &SchoolKit,
        members: &[&SchoolKit],
    ) -> Value {
        self.give_post(core.staff[0], "vice_principal").await;
        self.give_post(core.staff[1], "middle_cadre").await;
        let parent = self.parent(core.id).await;
        let mut seats = vec![
            json!({"person_id": core.principal, "school_id": core.id, "category": "legal_representative"}),
        ];
        let mut office = vec![json!({"person_id": core.principal, "role": "legal_representative"})];
        for m in members {
            let (category, role) = if kind == "tight" {
                ("executive_principal", "executive_principal")
            } else {
                ("legal_representative", "legal_representative")
            };
            seats.push(json!({"person_id": m.principal, "school_id": m.id, "category": category}));
            office.push(json!({"person_id": m.principal, "role": role}));
        }
        seats.push(
            json!({"person_id": core.staff[0], "school_id": core.id, "category": "vice_principal"}),
        );
        seats.push(
            json!({"person_id": core.staff[1], "school_id": core.id, "category": "middle_cadre"}),
        );
        let teacher = members
            .first()
            .map_or((core.staff[2], core.id), |m| (m.staff[0], m.id));
        seats.push(json!({"person_id": teacher.0, "school_id": teacher.1, "category": "teacher_representative"}));
        seats.push(
            json!({"person_id": parent, "school_id": core.id, "category": "parent_representative"}),
        );
        office.push(json!({"person_id": core.staff[0], "role": "core_vice_principal"}));
        json!({"chair_person_id": core.principal, "seats": seats, "office": office})
    }
}
