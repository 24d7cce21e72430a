//! Who acts (DOMAIN.md "Who acts"): roles, their scope and what each may do.

use serde::Serialize;
use utoipa::ToSchema;

use crate::vocab_enum;

vocab_enum! {
    /// The `role` claim of a token.
    pub enum Role ("role") {
        CountyBureau = ("county_bureau", "县（市）教育局", "County education bureau"),
        CountyLeadingGroup = ("county_leading_group", "县（市）党委教育工作领导小组", "County education leading group"),
        PrefectureBureau = ("prefecture_bureau", "州教育局", "Prefecture education bureau"),
        SchoolAdmin = ("school_admin", "学校法定代表人/校长", "School administrator"),
        CouncilMember = ("council_member", "理事会成员", "Council member"),
        Inspector = ("inspector", "教育督导", "Education inspector"),
        Integration = ("integration", "数据交换接口", "Data-exchange integration"),
    }
}

/// Whether a role's token must, may or must not carry a county.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountyClaim {
    Required,
    Optional,
    Forbidden,
}

impl Role {
    pub fn county_claim(self) -> CountyClaim {
        match self {
            Role::PrefectureBureau => CountyClaim::Forbidden,
            Role::Inspector | Role::Integration => CountyClaim::Optional,
            _ => CountyClaim::Required,
        }
    }

    /// Roles tied to one school carry it in the `school` claim.
    pub fn requires_school(self) -> bool {
        matches!(self, Role::SchoolAdmin)
    }
}

vocab_enum! {
    /// What a caller may do; `GET /api/v1/auth/whoami` lists the caller's.
    pub enum Permission ("permission") {
        RegistryRead = ("registry.read", "查看学校与教师信息", "Read schools and persons"),
        RegistryWrite = ("registry.write", "维护学校与教师信息", "Create and update schools and persons"),
        PersonIdentityRead = ("person.id_number.read", "查看完整身份证号码", "Read unmasked resident ID numbers"),
        ChangesRead = ("changes.read", "读取变更流", "Read the change feed"),
        GroupsRead = ("groups.read", "查看教育集团", "Read education groups"),
        GroupsAuthorize = ("groups.authorize", "授权组建与审核教育集团", "Authorise groups, review plans and dossiers, assign schools"),
        GroupsLead = ("groups.lead", "牵头组建集团（核心成员）", "Lead a group as its core school: plan, agreements, charter, council, dossier, meetings"),
        GroupsApprove = ("groups.approve", "审核同意组建集团", "Give final approval to a group's establishment"),
        CouncilVote = ("council.vote", "在理事会表决", "Vote in the bodies where one holds a seat"),
        SettingsWrite = ("settings.write", "设置规则参数", "Set the rule limits of one's county (or the prefecture defaults)"),
        StaffingManage = ("staffing.manage", "核定编制总量与审批编制调整", "Set the county's staffing totals and special quotas, decide staffing adjustments, record their filing"),
        ExchangeRecord = ("exchange.record", "登记教师交流", "Record teacher exchanges, a group's exchange plan and schools' subjects (the chair for its group, the bureau for its county)"),
        AssessmentManage = ("assessment.manage", "组织年度考核", "Make assessment frameworks (the prefecture: templates), open, score, finalise and publish assessments, allocate extra performance pay and approve distribution plans, decide growth reviews"),
        FundsRecord = ("funds.record", "登记集团经费与统筹使用", "Record a group's yearly funds (the bureau) and its pooled-use entries (the chair for its group, the bureau for its county)"),
        InspectionRecord = ("inspection.record", "登记督导评估", "Record inspections of groups and schools, with findings that can require rectification"),
    }
}

impl Permission {
    pub fn granted_to(self, role: Role) -> bool {
        use Role::*;
        match self {
            Permission::RegistryRead => true,
            Permission::RegistryWrite => matches!(role, CountyBureau | Integration),
            Permission::PersonIdentityRead => matches!(role, CountyBureau),
            Permission::ChangesRead => {
                matches!(
                    role,
                    CountyBureau | PrefectureBureau | Inspector | Integration
                )
            }
            Permission::GroupsRead => true,
            Permission::GroupsAuthorize => matches!(role, CountyBureau),
            Permission::GroupsLead => matches!(role, SchoolAdmin),
            Permission::GroupsApprove => matches!(role, CountyLeadingGroup),
            Permission::CouncilVote => matches!(role, CouncilMember),
            Permission::SettingsWrite => matches!(role, CountyBureau | PrefectureBureau),
            Permission::StaffingManage => matches!(role, CountyBureau),
            Permission::ExchangeRecord => matches!(role, CountyBureau | SchoolAdmin),
            Permission::AssessmentManage => matches!(role, CountyBureau | PrefectureBureau),
            Permission::InspectionRecord => matches!(role, Inspector),
            Permission::FundsRecord => matches!(role, CountyBureau | SchoolAdmin),
        }
    }

    pub fn of_role(role: Role) -> Vec<Permission> {
        Permission::ALL
            .iter()
            .copied()
            .filter(|p| p.granted_to(role))
            .collect()
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, Serialize, ToSchema, serde::Deserialize)]
pub struct Principal {
    pub sub: String,
    pub role: Role,
    /// The county the caller is confined to; absent for prefecture-wide callers.
    pub county: Option<String>,
    pub school: Option<i64>,
    #[serde(skip)]
    pub jti: String,
    #[serde(skip)]
    pub expires_at: i64,
}

impl Principal {
    pub fn can(&self, p: Permission) -> bool {
        p.granted_to(self.role)
    }

    /// Whether a record of `county` is inside the caller's scope.
    pub fn sees_county(&self, county: &str) -> bool {
        match &self.county {
            None => true,
            Some(own) => own == county,
        }
    }

    /// The person a council member's token speaks for: its `sub` is the person id (`123` or
    /// `person:123`).
    pub fn person_id(&self) -> Option<i64> {
        if self.role != Role::CouncilMember {
            return None;
        }
        let s = self.sub.strip_prefix("person:").unwrap_or(&self.sub);
        s.parse().ok()
    }

    /// The county filter to apply to lists: `None` for prefecture-wide callers.
    pub fn county_filter(&self) -> Option<&str> {
        self.county.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(role: Role, county: Option<&str>) -> Principal {
        Principal {
            sub: "t".into(),
            role,
            county: county.map(str::to_string),
            school: None,
            jti: String::new(),
            expires_at: 0,
        }
    }

    #[test]
    fn only_the_bureau_reads_id_numbers() {
        for role in Role::ALL {
            assert_eq!(
                Permission::PersonIdentityRead.granted_to(*role),
                *role == Role::CountyBureau
            );
        }
    }

    #[test]
    fn county_scope() {
        let p = who(Role::CountyBureau, Some("522701"));
        assert!(p.sees_county("522701"));
        assert!(!p.sees_county("522702"));
        let all = who(Role::PrefectureBureau, None);
        assert!(all.sees_county("522732"));
    }
}
