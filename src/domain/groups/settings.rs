//! The limits DOMAIN.md marks *default*: the prefecture sets them, a county may override them.
//!
//! Rule code reads every number from here, never from a literal, so that a county that decides,
//! say, a quorum of three quarters changes a setting, not the code.

use crate::domain::council::MotionType;
use crate::domain::rules::Msg;
use crate::vocab_enum;

/// A fraction `numerator / denominator`, compared with exact integer arithmetic.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub struct Fraction {
    pub numerator: u32,
    pub denominator: u32,
}

impl Fraction {
    pub const HALF: Self = Self::new(1, 2);
    pub const TWO_THIRDS: Self = Self::new(2, 3);

    pub const fn new(numerator: u32, denominator: u32) -> Self {
        Self {
            numerator,
            denominator,
        }
    }

    /// In (0, 1] with a non-zero denominator.
    pub fn is_proper(&self) -> bool {
        self.denominator > 0 && self.numerator > 0 && self.numerator <= self.denominator
    }

    /// `self >= other`, by cross-multiplication (both denominators non-zero).
    pub fn at_least(&self, other: &Fraction) -> bool {
        u64::from(self.numerator) * u64::from(other.denominator)
            >= u64::from(other.numerator) * u64::from(self.denominator)
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

vocab_enum! {
    /// What a majority is counted against.
    pub enum MajorityBase ("majority_base") {
        AllSeats = ("all_seats", "全体席位", "all seats"),
        Present = ("present", "出席席位", "seats present"),
        VotesCast = ("votes_cast", "有效表决票（不含弃权）", "votes cast (abstentions excluded)"),
    }
}

/// A majority: `fraction` of `base`, either "more than" (`strict`, 过半数) or "at least" (以上).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub struct Threshold {
    pub fraction: Fraction,
    /// `true`: more than the fraction; `false`: at least the fraction.
    pub strict: bool,
    pub base: MajorityBase,
}

impl Threshold {
    /// E.g. "more than 1/2 of all seats" / "全体席位的1/2以上（不含本数）".
    pub fn describe(&self) -> Msg {
        let (zh_cmp, en_cmp) = if self.strict {
            ("超过", "more than")
        } else {
            ("达到", "at least")
        };
        Msg::new(
            format!("{zh_cmp}{}的{}", self.base.label_zh(), self.fraction),
            format!("{en_cmp} {} of {}", self.fraction, self.base.label_en()),
        )
    }
}

/// Every *default* limit of DOMAIN.md. Missing fields in stored JSON take the defaults.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct GroupRuleSettings {
    /// GRP-TIGHT-SIZE: members besides the core a tight group starts with (§2.2.1: 1–3).
    pub tight_initial_max_members: u32,
    /// MEETING-QUORUM: share of all seats that must be present (at least).
    pub quorum: Fraction,
    /// MOTION-THRESHOLD: ordinary motions.
    pub simple_majority: Threshold,
    /// MOTION-THRESHOLD: motions listed in `supermajority_motion_types`.
    pub supermajority: Threshold,
    pub supermajority_motion_types: Vec<MotionType>,
    /// GROWTH-3Y: years of the growth period of a new or weak member.
    pub growth_period_years: u32,
    /// EXCH-GROUP-10: teachers exchanged per year, percent of the group's teachers.
    pub exchange_min_percent: u32,
    /// EXCH-BACKBONE-40: backbone teachers, percent of those exchanged.
    pub exchange_backbone_min_percent: u32,
    /// EXCH-CORE-10: the core's teachers sent to members per year, percent.
    pub core_exchange_min_percent: u32,
    /// EXCH-CORE-10 applies "待集团发展成熟稳定后": from the year in which the group has been
    /// established this many full years (the policy names no number; 3 matches the growth
    /// period GROWTH-3Y gives new and weak members).
    pub group_stable_after_years: u32,
    /// STAFF-SENIOR-BONUS: extra senior and intermediate posts for the core, percent.
    pub senior_post_bonus_percent: u32,
    /// PAY-POOL: the county's extra performance-pay pool, percent.
    pub pay_pool_percent: u32,
    /// MEETING-CONVENE: days within which the chair convenes an extraordinary meeting a third of
    /// the seats demanded (the policy names none; 10 follows the usual rule for a board meeting
    /// demanded by its members). A charter's rules of procedure may set their own.
    pub extraordinary_meeting_days: u32,
    /// ASSESS-STATE: the totals at or above which a result is excellent, good or a pass (the
    /// policy names none; 90/75/60 are the usual cut-offs of a county's annual assessment).
    pub grade_cutoffs: crate::domain::assessment::scoring::Cutoffs,
    /// PAY-POOL: an excellent group's weight in the suggested split of the pool.
    pub pay_weight_excellent: u32,
    /// PAY-POOL: a good group's weight (groups graded pass or fail get no tilt).
    pub pay_weight_good: u32,
}

impl Default for GroupRuleSettings {
    fn default() -> Self {
        Self {
            tight_initial_max_members: 3,
            quorum: Fraction::TWO_THIRDS,
            simple_majority: Threshold {
                fraction: Fraction::HALF,
                strict: true,
                base: MajorityBase::AllSeats,
            },
            // 三分之二以上: in Chinese usage 以上 includes the number itself.
            supermajority: Threshold {
                fraction: Fraction::TWO_THIRDS,
                strict: false,
                base: MajorityBase::AllSeats,
            },
            supermajority_motion_types: vec![
                MotionType::Charter,
                MotionType::DevelopmentPlan,
                MotionType::BudgetPlan,
            ],
            growth_period_years: 3,
            exchange_min_percent: 10,
            exchange_backbone_min_percent: 40,
            core_exchange_min_percent: 10,
            group_stable_after_years: 3,
            senior_post_bonus_percent: 10,
            pay_pool_percent: 25,
            extraordinary_meeting_days: 10,
            grade_cutoffs: crate::domain::assessment::scoring::Cutoffs::default(),
            pay_weight_excellent: 2,
            pay_weight_good: 1,
        }
    }
}

impl GroupRuleSettings {
    /// Checks the settings make sense; on failure, every offending field with its reason.
    pub fn validate(&self) -> Result<(), Vec<(&'static str, Msg)>> {
        let mut errors = Vec::new();
        let mut fail = |field: &'static str, zh: String, en: String| {
            errors.push((field, Msg::new(zh, en)));
        };
        if self.tight_initial_max_members < 1 {
            fail(
                "tight_initial_max_members",
                "紧密型集团初期成员数上限至少为1".into(),
                "a tight group must be allowed at least 1 initial member".into(),
            );
        }
        if !self.quorum.is_proper() {
            fail(
                "quorum",
                format!("法定人数比例{}须大于0且不超过1", self.quorum),
                format!("quorum {} must be in (0, 1]", self.quorum),
            );
        }
        for (field, t) in [
            ("simple_majority", &self.simple_majority),
            ("supermajority", &self.supermajority),
        ] {
            if !t.fraction.is_proper() {
                fail(
                    field,
                    format!("表决比例{}须大于0且不超过1", t.fraction),
                    format!("threshold {} must be in (0, 1]", t.fraction),
                );
            } else if t.strict && t.fraction.numerator == t.fraction.denominator {
                fail(
                    field,
                    "“超过全部”的表决比例无法达到".into(),
                    "a threshold of more than 100% can never be met".into(),
                );
            } else if !t.fraction.at_least(&Fraction::HALF) {
                fail(
                    field,
                    format!("表决比例{}低于1/2，少数即可作出决定", t.fraction),
                    format!(
                        "threshold {} is below 1/2: a minority could decide",
                        t.fraction
                    ),
                );
            }
        }
        let (simple, sup) = (&self.simple_majority, &self.supermajority);
        if simple.fraction.is_proper()
            && sup.fraction.is_proper()
            && simple.base == sup.base
            && !sup.fraction.at_least(&simple.fraction)
        {
            fail(
                "supermajority",
                format!("特别多数{}低于普通多数{}", sup.fraction, simple.fraction),
                format!(
                    "supermajority {} is below the simple majority {}",
                    sup.fraction, simple.fraction
                ),
            );
        }
        if self.growth_period_years < 1 {
            fail(
                "growth_period_years",
                "成长考核期至少为1年".into(),
                "the growth period must be at least 1 year".into(),
            );
        }
        for (field, value) in [
            ("exchange_min_percent", self.exchange_min_percent),
            (
                "exchange_backbone_min_percent",
                self.exchange_backbone_min_percent,
            ),
            ("core_exchange_min_percent", self.core_exchange_min_percent),
            ("senior_post_bonus_percent", self.senior_post_bonus_percent),
            ("pay_pool_percent", self.pay_pool_percent),
        ] {
            if value > 100 {
                fail(
                    field,
                    format!("百分比{value}%超过100%"),
                    format!("percentage {value}% is above 100%"),
                );
            }
        }
        if self.group_stable_after_years > 20 {
            fail(
                "group_stable_after_years",
                format!(
                    "集团成熟稳定年限{}年超过20年",
                    self.group_stable_after_years
                ),
                format!(
                    "a group counted as stable only after {} years is beyond 20 years",
                    self.group_stable_after_years
                ),
            );
        }
        if !(1..=90).contains(&self.extraordinary_meeting_days) {
            fail(
                "extraordinary_meeting_days",
                format!(
                    "召集临时会议的期限{}天须在1至90天之间",
                    self.extraordinary_meeting_days
                ),
                format!(
                    "the deadline for an extraordinary meeting, {} day(s), must be 1 to 90 days",
                    self.extraordinary_meeting_days
                ),
            );
        }
        if let Err(m) = self.grade_cutoffs.validate() {
            fail("grade_cutoffs", m.zh, m.en);
        }
        if self.pay_weight_excellent < self.pay_weight_good || self.pay_weight_excellent > 100 {
            fail(
                "pay_weight_excellent",
                format!(
                    "优秀等次权重{}须不低于良好等次权重{}且不超过100",
                    self.pay_weight_excellent, self.pay_weight_good
                ),
                format!(
                    "the excellent weight {} must be at least the good weight {} and at most 100",
                    self.pay_weight_excellent, self.pay_weight_good
                ),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A county's overrides: each `Some` replaces the prefecture's value.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    pub tight_initial_max_members: Option<u32>,
    pub quorum: Option<Fraction>,
    pub simple_majority: Option<Threshold>,
    pub supermajority: Option<Threshold>,
    pub supermajority_motion_types: Option<Vec<MotionType>>,
    pub growth_period_years: Option<u32>,
    pub exchange_min_percent: Option<u32>,
    pub exchange_backbone_min_percent: Option<u32>,
    pub core_exchange_min_percent: Option<u32>,
    pub group_stable_after_years: Option<u32>,
    pub senior_post_bonus_percent: Option<u32>,
    pub pay_pool_percent: Option<u32>,
    pub extraordinary_meeting_days: Option<u32>,
    pub grade_cutoffs: Option<crate::domain::assessment::scoring::Cutoffs>,
    pub pay_weight_excellent: Option<u32>,
    pub pay_weight_good: Option<u32>,
}

/// The settings in force in a county: the prefecture's, with the county's overrides field by
/// field. Validate the result: a sound patch on sound defaults can still combine badly.
pub fn merged(prefecture: &GroupRuleSettings, county: &SettingsPatch) -> GroupRuleSettings {
    let p = prefecture.clone();
    let c = county.clone();
    GroupRuleSettings {
        tight_initial_max_members: c
            .tight_initial_max_members
            .unwrap_or(p.tight_initial_max_members),
        quorum: c.quorum.unwrap_or(p.quorum),
        simple_majority: c.simple_majority.unwrap_or(p.simple_majority),
        supermajority: c.supermajority.unwrap_or(p.supermajority),
        supermajority_motion_types: c
            .supermajority_motion_types
            .unwrap_or(p.supermajority_motion_types),
        growth_period_years: c.growth_period_years.unwrap_or(p.growth_period_years),
        exchange_min_percent: c.exchange_min_percent.unwrap_or(p.exchange_min_percent),
        exchange_backbone_min_percent: c
            .exchange_backbone_min_percent
            .unwrap_or(p.exchange_backbone_min_percent),
        core_exchange_min_percent: c
            .core_exchange_min_percent
            .unwrap_or(p.core_exchange_min_percent),
        group_stable_after_years: c
            .group_stable_after_years
            .unwrap_or(p.group_stable_after_years),
        senior_post_bonus_percent: c
            .senior_post_bonus_percent
            .unwrap_or(p.senior_post_bonus_percent),
        pay_pool_percent: c.pay_pool_percent.unwrap_or(p.pay_pool_percent),
        extraordinary_meeting_days: c
            .extraordinary_meeting_days
            .unwrap_or(p.extraordinary_meeting_days),
        grade_cutoffs: c.grade_cutoffs.unwrap_or(p.grade_cutoffs),
        pay_weight_excellent: c.pay_weight_excellent.unwrap_or(p.pay_weight_excellent),
        pay_weight_good: c.pay_weight_good.unwrap_or(p.pay_weight_good),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_policy_and_valid() {
        let s = GroupRuleSettings::default();
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(s.tight_initial_max_members, 3);
        assert_eq!(s.quorum, Fraction::new(2, 3));
        assert!(s.simple_majority.strict);
        assert!(!s.supermajority.strict);
        assert_eq!(s.pay_pool_percent, 25);
        assert_eq!(
            s.simple_majority.describe().en,
            "more than 1/2 of all seats"
        );
    }

    #[test]
    fn validate_names_each_bad_field() {
        let s = GroupRuleSettings {
            tight_initial_max_members: 0,
            quorum: Fraction::new(3, 0),
            simple_majority: Threshold {
                fraction: Fraction::new(1, 3),
                strict: true,
                base: MajorityBase::AllSeats,
            },
            supermajority: Threshold {
                fraction: Fraction::new(1, 1),
                strict: true,
                base: MajorityBase::AllSeats,
            },
            growth_period_years: 0,
            pay_pool_percent: 101,
            ..GroupRuleSettings::default()
        };
        let errors = s.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                "tight_initial_max_members",
                "quorum",
                "simple_majority",
                "supermajority",
                "growth_period_years",
                "pay_pool_percent"
            ]
        );
        assert!(errors
            .iter()
            .all(|(_, m)| !m.zh.is_empty() && !m.en.is_empty()));
    }

    #[test]
    fn supermajority_below_simple_majority_is_refused() {
        let mut s = GroupRuleSettings::default();
        s.supermajority.fraction = Fraction::new(1, 2);
        s.simple_majority.fraction = Fraction::new(3, 5);
        let errors = s.validate().unwrap_err();
        assert_eq!(errors[0].0, "supermajority");
    }

    #[test]
    fn county_overrides_field_by_field() {
        let prefecture = GroupRuleSettings::default();
        let patch: SettingsPatch = serde_json::from_str(
            r#"{"quorum":{"numerator":3,"denominator":4},"tight_initial_max_members":2}"#,
        )
        .unwrap();
        let m = merged(&prefecture, &patch);
        assert_eq!(m.quorum, Fraction::new(3, 4));
        assert_eq!(m.tight_initial_max_members, 2);
        assert_eq!(m.supermajority, prefecture.supermajority);
        assert_eq!(merged(&prefecture, &SettingsPatch::default()), prefecture);
        assert!(serde_json::from_str::<SettingsPatch>(r#"{"qourum":null}"#).is_err());
    }

    #[test]
    fn stored_json_round_trips_and_fills_defaults() {
        let s = GroupRuleSettings::default();
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""base":"all_seats""#));
        assert_eq!(serde_json::from_str::<GroupRuleSettings>(&json).unwrap(), s);
        let partial: GroupRuleSettings =
            serde_json::from_str(r#"{"growth_period_years":4}"#).unwrap();
        assert_eq!(partial.growth_period_years, 4);
        assert_eq!(partial.quorum, Fraction::TWO_THIRDS);
    }
}
