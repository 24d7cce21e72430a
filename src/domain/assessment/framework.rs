//! An assessment framework (专项考核评价指标, §2.4.4): dimensions of indicators, modelled on
//! Ed-Fi's evaluation → objective → element, simplified to what a county needs — a dimension
//! groups indicators; each indicator scores one level (group, core, member) with a weight, a
//! maximum raw score and a scoring guide, and is either scored by an assessor or computed from
//! the records. The grade cut-offs (the rating levels) are county settings.
//!
//! ASSESS-FRAMEWORK: within each level that has indicators the weights sum to 100, the group
//! level has some, and a computed indicator reads a metric of its own level.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{IndicatorLevel, IndicatorSource, Metric};
use crate::domain::rules::{Rule, RuleResult, RuleViolation};

/// One indicator (考核指标).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "code": "G1.1", "name_zh": "教师交流轮岗比例", "name_en": "Teachers exchanged",
    "level": "group", "weight": 20, "max_score": 10,
    "guide": "按EXCH-GROUP-10达成比例计分。", "source": "computed",
    "metric": "exchange_group_share", "target": null
}))]
pub struct Indicator {
    /// Unique within the framework, e.g. `G1.1`.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub level: IndicatorLevel,
    /// Its share of its level's total, in points; a level's weights sum to 100.
    pub weight: u32,
    /// The highest raw score an assessor may give (scores are in tenths of a point).
    pub max_score: u32,
    /// How to score it (评分标准).
    pub guide: String,
    pub source: IndicatorSource,
    /// What a computed indicator reads; absent for a manual one.
    pub metric: Option<Metric>,
    /// The count that earns full marks, for the metrics that count (`meetings_with_quorum`,
    /// `backbone_received`).
    pub target: Option<u32>,
}

/// A dimension (考核维度) and its indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "code": "G1", "name_zh": "教师交流", "name_en": "Teacher exchange",
    "indicators": [{
        "code": "G1.1", "name_zh": "教师交流轮岗比例", "name_en": "Teachers exchanged",
        "level": "group", "weight": 100, "max_score": 10, "guide": "按达成比例计分。",
        "source": "computed", "metric": "exchange_group_share", "target": null
    }]
}))]
pub struct Dimension {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub indicators: Vec<Indicator>,
}

/// Every indicator of the dimensions, in order.
pub fn indicators(dims: &[Dimension]) -> impl Iterator<Item = &Indicator> {
    dims.iter().flat_map(|d| d.indicators.iter())
}

/// The weights of each level that has indicators.
pub fn weights(dims: &[Dimension]) -> BTreeMap<&'static str, u32> {
    let mut out = BTreeMap::new();
    for i in indicators(dims) {
        *out.entry(i.level.as_str()).or_insert(0) += i.weight;
    }
    out
}

/// ASSESS-FRAMEWORK on a framework's dimensions. Shape (codes, names, lengths) is the caller's
/// field validation; this is the rule.
pub fn check(dims: &[Dimension]) -> RuleResult {
    let refuse = |zh: String, en: String| Err(RuleViolation::of(Rule::AssessFramework, zh, en));
    let w = weights(dims);
    if !w.contains_key(IndicatorLevel::Group.as_str()) {
        return refuse(
            "考核框架须有集团层面的指标。".into(),
            "A framework needs indicators at the group level.".into(),
        );
    }
    for (level, sum) in &w {
        if *sum != 100 {
            return refuse(
                format!("“{level}”层面指标权重合计为 {sum}，应为 100。"),
                format!("The weights at the {level} level sum to {sum}, not 100."),
            );
        }
    }
    let mut codes = HashSet::new();
    for d in dims {
        if !codes.insert(d.code.as_str()) {
            return refuse(
                format!("编码“{}”重复。", d.code),
                format!("The code {} is used twice.", d.code),
            );
        }
    }
    for i in indicators(dims) {
        if !codes.insert(i.code.as_str()) {
            return refuse(
                format!("编码“{}”重复。", i.code),
                format!("The code {} is used twice.", i.code),
            );
        }
        match (i.source, i.metric) {
            (IndicatorSource::Manual, Some(_)) => {
                return refuse(
                    format!("指标 {} 由评估人员评分，不设计算口径。", i.code),
                    format!(
                        "Indicator {} is scored by an assessor and reads no metric.",
                        i.code
                    ),
                )
            }
            (IndicatorSource::Computed, None) => {
                return refuse(
                    format!("计算指标 {} 须指明计算口径（metric）。", i.code),
                    format!("Computed indicator {} names no metric.", i.code),
                )
            }
            (IndicatorSource::Computed, Some(m)) if m.level() != i.level => {
                return refuse(
                    format!(
                        "计算口径“{}”用于“{}”层面，不能用于指标 {} 的“{}”层面。",
                        m.as_str(),
                        m.level().as_str(),
                        i.code,
                        i.level.as_str()
                    ),
                    format!(
                        "The metric {} scores the {} level, not the {} level of indicator {}.",
                        m.as_str(),
                        m.level().as_str(),
                        i.level.as_str(),
                        i.code
                    ),
                )
            }
            (IndicatorSource::Computed, Some(m)) if m.needs_target() && i.target.is_none() => {
                return refuse(
                    format!("计算指标 {} 须设定满分目标数（target）。", i.code),
                    format!(
                        "Computed indicator {} needs a target count for full marks.",
                        i.code
                    ),
                )
            }
            _ => {}
        }
    }
    Ok(())
}

/// The prefecture's starting framework (a template counties copy): every computed metric, and
/// the manual indicators a county bureau scores by hand, weighted per level to 100.
pub fn prefecture_template() -> Vec<Dimension> {
    use IndicatorLevel::{Core, Group, Member};
    use IndicatorSource::{Computed, Manual};
    let ind = |code: &str,
               zh: &str,
               en: &str,
               level: IndicatorLevel,
               weight: u32,
               source: IndicatorSource,
               metric: Option<Metric>,
               target: Option<u32>,
               guide: &str| Indicator {
        code: code.into(),
        name_zh: zh.into(),
        name_en: en.into(),
        level,
        weight,
        max_score: 10,
        guide: guide.into(),
        source,
        metric,
        target,
    };
    vec![
        Dimension {
            code: "G".into(),
            name_zh: "集团治理与资源统筹".into(),
            name_en: "Group governance and pooled resources".into(),
            indicators: vec![
                ind(
                    "G1",
                    "教师交流轮岗比例",
                    "Teachers exchanged",
                    Group,
                    15,
                    Computed,
                    Some(Metric::ExchangeGroupShare),
                    None,
                    "达到县定比例（默认10%）得满分，未达到按比例计分。",
                ),
                ind(
                    "G2",
                    "交流教师中骨干教师比例",
                    "Backbone share of those exchanged",
                    Group,
                    10,
                    Computed,
                    Some(Metric::ExchangeBackboneShare),
                    None,
                    "达到县定比例（默认40%）得满分，未达到按比例计分。",
                ),
                ind(
                    "G3",
                    "编制统筹",
                    "Staffing within the pool",
                    Group,
                    10,
                    Computed,
                    Some(Metric::StaffingWithinPool),
                    None,
                    "编制分配不超出集团编制总量得满分，超出不得分。",
                ),
                ind(
                    "G4",
                    "年度决议",
                    "The year's resolutions",
                    Group,
                    15,
                    Computed,
                    Some(Metric::ResolutionsAdopted),
                    None,
                    "工作计划、预算方案、考核方案每通过一项得三分之一。",
                ),
                ind(
                    "G5",
                    "理事会议事",
                    "Council meetings",
                    Group,
                    10,
                    Computed,
                    Some(Metric::MeetingsWithQuorum),
                    Some(2),
                    "达到法定人数的理事会会议每年2次得满分。",
                ),
                ind(
                    "G6",
                    "整改落实",
                    "Rectification",
                    Group,
                    10,
                    Computed,
                    Some(Metric::RectificationOrders),
                    None,
                    "按期整改到位的整改通知占比。",
                ),
                ind(
                    "G7",
                    "督导评估",
                    "Inspections",
                    Group,
                    10,
                    Computed,
                    Some(Metric::InspectionRating),
                    None,
                    "当年督导评估等次：优秀满分，良好三分之二，合格三分之一，不合格不得分。",
                ),
                ind(
                    "G8",
                    "教育教学质量与社会满意度",
                    "Quality and public satisfaction",
                    Group,
                    20,
                    Manual,
                    None,
                    None,
                    "依据质量监测与满意度调查评分。",
                ),
            ],
        },
        Dimension {
            code: "C".into(),
            name_zh: "核心成员帮扶成效".into(),
            name_en: "The core's help to new and weak schools".into(),
            indicators: vec![
                ind(
                    "C1",
                    "核心成员教师派出比例",
                    "The core's teachers sent",
                    Core,
                    30,
                    Computed,
                    Some(Metric::CoreExchangeShare),
                    None,
                    "集团成熟稳定后派出比例达到县定比例（默认10%）得满分。",
                ),
                ind(
                    "C2",
                    "新开办成员学科骨干教师覆盖",
                    "Backbone teachers for new schools' subjects",
                    Core,
                    25,
                    Computed,
                    Some(Metric::NewSchoolSubjectCoverage),
                    None,
                    "新开办成员每学科均有核心成员骨干教师得满分。",
                ),
                ind(
                    "C3",
                    "薄弱学科骨干教师覆盖",
                    "Backbone teachers for weak subjects",
                    Core,
                    25,
                    Computed,
                    Some(Metric::WeakSubjectCoverage),
                    None,
                    "成员薄弱学科均有骨干教师得满分。",
                ),
                ind(
                    "C4",
                    "帮扶新建薄弱学校工作",
                    "Work with new and weak schools",
                    Core,
                    20,
                    Manual,
                    None,
                    None,
                    "依据帮扶计划与实效评分。",
                ),
            ],
        },
        Dimension {
            code: "M".into(),
            name_zh: "成员学校改薄提质".into(),
            name_en: "Members' improvement".into(),
            indicators: vec![
                ind(
                    "M1",
                    "接收骨干教师",
                    "Backbone teachers received",
                    Member,
                    25,
                    Computed,
                    Some(Metric::BackboneReceived),
                    Some(2),
                    "当年接收核心成员骨干教师2人得满分。",
                ),
                ind(
                    "M2",
                    "本校薄弱学科覆盖",
                    "The school's weak subjects covered",
                    Member,
                    20,
                    Computed,
                    Some(Metric::MemberWeakSubjectCoverage),
                    None,
                    "本校薄弱学科均有骨干教师得满分。",
                ),
                ind(
                    "M3",
                    "本校整改落实",
                    "The school's rectification",
                    Member,
                    15,
                    Computed,
                    Some(Metric::MemberRectification),
                    None,
                    "按期整改到位的整改通知占比。",
                ),
                ind(
                    "M4",
                    "成长考核期进展",
                    "Growth period so far",
                    Member,
                    10,
                    Computed,
                    Some(Metric::GrowthProgress),
                    None,
                    "成长考核期内往年考核合格及以上的年度占比。",
                ),
                ind(
                    "M5",
                    "办学质量提升",
                    "Improvement in quality",
                    Member,
                    30,
                    Manual,
                    None,
                    None,
                    "依据质量监测与办学水平评分。",
                ),
            ],
        },
    ]
}
