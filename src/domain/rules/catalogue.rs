//! The catalogue of rule ids and conflict codes: each is declared once, here, with its policy
//! section, its status and its texts in both languages. Refusals name these variants, so a rule
//! id cannot be misspelt; `GET /api/v1/rules`, `docs/RULES.md` and the OpenAPI document's error
//! descriptions are all generated from this table.

use serde::Serialize;
use utoipa::ToSchema;

/// Declares the rules of the domain brief with their sections and texts.
macro_rules! rules {
    ($( $(#[$m:meta])* $v:ident = ($id:literal, $section:literal, $tzh:literal, $ten:literal, $rzh:literal, $ren:literal) ),+ $(,)?) => {
        /// A rule of the domain brief: refusals by it are `409` problems whose `code` is its id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule { $( $(#[$m])* $v ),+ }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$v),+];

            /// The stable id, e.g. `GRP-TIGHT-SIZE`.
            pub fn id(self) -> &'static str { match self { $(Rule::$v => $id),+ } }
            /// The section of the policy the rule comes from, e.g. `§2.2.1`.
            pub fn policy_ref(self) -> &'static str { match self { $(Rule::$v => $section),+ } }
            pub fn title_zh(self) -> &'static str { match self { $(Rule::$v => $tzh),+ } }
            pub fn title_en(self) -> &'static str { match self { $(Rule::$v => $ten),+ } }
            /// What the rule says.
            pub fn text_zh(self) -> &'static str { match self { $(Rule::$v => $rzh),+ } }
            pub fn text_en(self) -> &'static str { match self { $(Rule::$v => $ren),+ } }
        }
    };
}

/// Declares the conflict codes: refusals by the state of the data rather than by a rule.
macro_rules! conflicts {
    ($( $v:ident = ($code:literal, $tzh:literal, $ten:literal, $dzh:literal, $den:literal) ),+ $(,)?) => {
        /// A conflict with the data as it stands (`409`), named by a stable snake_case code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Conflict { $( $v ),+ }

        impl Conflict {
            pub const ALL: &'static [Conflict] = &[$(Conflict::$v),+];

            pub fn code(self) -> &'static str { match self { $(Conflict::$v => $code),+ } }
            pub fn title_zh(self) -> &'static str { match self { $(Conflict::$v => $tzh),+ } }
            pub fn title_en(self) -> &'static str { match self { $(Conflict::$v => $ten),+ } }
            /// When the conflict is answered.
            pub fn text_zh(self) -> &'static str { match self { $(Conflict::$v => $dzh),+ } }
            pub fn text_en(self) -> &'static str { match self { $(Conflict::$v => $den),+ } }
        }
    };
}

rules! {
    GrpCounty = ("GRP-COUNTY", "§2.1, §2.2", "集团学校同属一县", "One county per group",
        "集团的所有学校都在集团所在的县（市）内。",
        "Every school of a group is in the group's county."),
    GrpCoreQuality = ("GRP-CORE-QUALITY", "§2.2", "核心成员须为优质学校", "A quality school leads",
        "核心成员是经县（市）教育行政部门授权牵头的优质学校。",
        "The core is a school of quality standing, authorised by the county bureau."),
    GrpCoreUnique = ("GRP-CORE-UNIQUE", "§2.2", "一校只牵头一个集团", "Core of one group only",
        "一所学校至多是一个存续集团的核心成员。",
        "A school is the core of at most one active group."),
    GrpOneMembership = ("GRP-ONE-MEMBERSHIP", "§2.1", "一校只加入一个集团", "Member of one group only",
        "一所学校至多是一个存续集团的非核心成员；乡镇中心校可同时是紧密型集团的成员和协作型集团的核心。",
        "A school is a non-core member of at most one active group; a township centre school may be a member of a tight group and the core of a collaborative one."),
    GrpStageDownward = ("GRP-STAGE-DOWNWARD", "§2.2", "跨学段向下兼容", "Cross-stage groups go downward",
        "跨学段组建集团只能向下兼容：核心成员的最高学段不低于每个成员的最高学段。",
        "Cross-stage groups only go downward: the core's highest stage is at least each member's highest stage."),
    GrpTightSize = ("GRP-TIGHT-SIZE", "§2.2.1", "紧密型集团规模", "Size of a tight group",
        "紧密型集团初期除核心成员外有 1 至 3 个成员（默认 3 个，由县设定）；此后按退一补一吸纳新成员。",
        "A tight group starts with 1 to 3 members besides the core (3 by default, a county setting); after that, one in for one out."),
    GrpJoinBasis = ("GRP-JOIN-BASIS", "§2.1.1", "加入方式", "Basis for joining",
        "新开办学校和薄弱学校由县（市）教育行政部门组织安排纳入集团；其他学校须签订加入协议。",
        "Newly opened and weak schools join by the bureau's assignment; any other school joins only with a signed agreement."),
    GrpTightLegalRep = ("GRP-TIGHT-LEGAL-REP", "§2.2.1", "紧密型集团的法定代表人与执行校长", "One legal representative in a tight group",
        "紧密型集团由核心成员法定代表人兼任各成员法定代表人，各成员设执行校（园）长。",
        "In a tight group the core's legal representative is every member's legal representative, and each member has an executive principal."),
    GrpEstablishDossier = ("GRP-ESTABLISH-DOSSIER", "§2.3.1", "组建材料", "Establishment dossier",
        "报送组建材料须有已通过初审的组建方案、至少一个成员、已选举的理事会和章节齐全的章程草案。",
        "A dossier needs an approved formation plan, at least one member, an elected council and a charter draft with every required section."),
    CharterSections = ("CHARTER-SECTIONS", "§2.3.2", "章程必备内容", "Required charter sections",
        "章程须明确办学理念、发展目标、发展愿景，集团与各成员关系、核心成员与其他成员关系，管理机构及其产生办法、职权和议事规则。",
        "A charter states the philosophy, goals and vision, the group–member and core–member relations, the governing bodies and how they are formed, their powers and the rules of procedure."),
    CharterApproval = ("CHARTER-APPROVAL", "§2.3.2", "章程核准", "Charter approval",
        "只有经教育行政部门核准的章程版本才生效，并据以召开会议。",
        "Only a bureau-approved charter version is in force and governs meetings."),
    CouncilChair = ("COUNCIL-CHAIR", "§2.3.2", "理事长", "Council chair",
        "集团理事长由核心成员法定代表人担任。",
        "The council chair is the core's legal representative."),
    CouncilComposition = ("COUNCIL-COMPOSITION", "§2.3.2", "理事会组成", "Council composition",
        "理事会由各成员单位法定代表人、执行校（园）长及副校级干部、中层干部、教师、家长代表组成。",
        "The council is formed of every member's legal representative, the executive principals, vice-principal-level and middle cadres, and teacher and parent representatives."),
    OfficeComposition = ("OFFICE-COMPOSITION", "§2.3.2", "理事长办公会议组成", "Office meeting composition",
        "理事长办公会议由各成员单位法定代表人、执行校（园）长、核心成员副校（园）级干部、集团内设机构主要负责人组成。",
        "The chair's office meeting is formed of the members' legal representatives, the executive principals, the core's vice principals and the heads of the group's internal bodies."),
    MeetingQuorum = ("MEETING-QUORUM", "§2.3.2", "法定人数", "Quorum",
        "会议须有法定人数出席方可议决（默认三分之二以上席位，以章程为准）。",
        "A meeting decides only with its quorum present (two thirds of the seats by default; the charter governs)."),
    MotionThreshold = ("MOTION-THRESHOLD", "§2.3.2", "表决通过标准", "Voting threshold",
        "议案经全体席位过半数赞成方可通过（默认），章程等须三分之二以上（默认）；每个席位一票，议案结束表决时票数为准。",
        "A motion passes with more than half of all seats (by default), a charter with two thirds (by default); one vote per seat, final when the motion closes."),
    MeetingDemand = ("MEETING-DEMAND", "§2.3.2", "提议召开临时会议", "Demand for an extraordinary meeting",
        "三分之一以上理事会席位可提议召开理事会临时会议。",
        "A third of the council's seats may demand an extraordinary council meeting."),
    MeetingConvene = ("MEETING-CONVENE", "§2.3.2", "会议由理事长召集", "The chair convenes",
        "理事会会议由理事长负责召集、主持；三分之一以上席位提议召开临时会议的，理事长须在章程规定的期限内召集。",
        "The chair convenes and presides over council meetings; when a third of the seats demand an extraordinary meeting, the chair convenes it within the charter's deadline."),
    InternalBodies = ("INTERNAL-BODIES", "§2.3.2", "集团内设机构", "Internal bodies",
        "集团依托核心成员的内设机构组建学生发展中心、教师发展中心、质量监控中心等机构，经理事会决议设立，在理事会统一领导下工作；其主要负责人列入理事长办公会议。",
        "A group's internal bodies (student development, teacher development and quality monitoring centres, and others) are founded by a council resolution on the core's own internal bodies and work under the council; their heads sit in the office meeting."),
    CadreVp = ("CADRE-VP", "§2.4.2", "副校级干部任命", "Appointing a vice principal",
        "紧密型成员副校（园）长级干部由理事长提名，经理事长办公会议通过，报县（市）教育行政部门考察任命，并报组织人事部门备案。",
        "A tight member's vice principal: the chair nominates, the office meeting passes, the county bureau appoints, and the appointment is filed with the personnel department."),
    CadreMiddle = ("CADRE-MIDDLE", "§2.4.2", "中层干部任命", "Appointing a middle cadre",
        "紧密型成员中层干部由理事长提名，经理事长办公会议通过，由成员单位考察任命。",
        "A tight member's middle cadre: the chair nominates, the office meeting passes, the member school appoints."),
    Growth3y = ("GROWTH-3Y", "§2.4.4", "三年成长考核期", "Three-year growth period",
        "新建、薄弱成员设 3 年成长考核期；期满后经集团申请、教育行政部门核准，可脱离紧密型集团独立办学，或作为协作型成员继续留在集团。",
        "A new or weak member has a three-year growth period; after it, on the group's application and the bureau's approval, it may leave to run independently or stay as a collaborative member."),
    SpinOff = ("SPIN-OFF", "§2.4.4", "另行组建集团", "Spin-off",
        "办学成绩突出、社会反响好的潜力学校，可申请另行组建教育集团。",
        "An outstanding potential school may apply to form its own group."),
    Revoke = ("REVOKE", "§2.4.4", "取消成员资格", "Revoking a membership",
        "违反国家法规政策及集团章程、情节严重且拒不整改的，可取消其成员资格。",
        "A membership is revoked only for a serious violation after a rectification order was ignored."),
    Dissolve = ("DISSOLVE", "§2.4.4", "解散集团", "Dissolution",
        "集团管理混乱、整体社会效益低下的，教育行政部门可予以解散，成员资格随之终止。",
        "The bureau may dissolve a badly run group; every membership ends with the group."),
    StaffPool = ("STAFF-POOL", "§2.4.1, §2.4.2", "集团编制统筹", "The group's staffing pool",
        "集团在核定的编制总量内将岗位分配到各成员：核心成员和薄弱、新开办成员的编制全部统筹，其他成员按协议统筹，另加集团发展专项编制或员额；分配到各成员的岗位不超过集团统筹总量。",
        "A group allocates posts to its members within its approved total: the core's and every weak or newly opened member's whole quota, what other members pool by their agreements, and the group's special quota; the posts allocated never exceed that pool."),
    StaffSeniorBonus = ("STAFF-SENIOR-BONUS", "§2.4.2", "核心成员增加高、中级岗位", "The core's extra senior posts",
        "县（市）教育局可在不突破全县高、中级专业技术岗位总量的基础上，为核心成员增加至多 10%（由县设定）的高、中级专业技术岗位，用于向其他成员交流骨干教师、优秀教师。",
        "The county bureau may give a group's core up to 10% more senior and intermediate professional posts (a county setting), for the teachers it sends to other members, without exceeding the county's totals of such posts."),
    StaffCountyTotal = ("STAFF-COUNTY-TOTAL", "§2.4.1, §2.4.2", "全县编制与岗位总量", "The county's totals",
        "县（市）教育部门按“总量控制、动态调整”统筹本地教职工编制：全县分配的编制和高、中级专业技术岗位不超过当年核定的总量。",
        "The county pools its teaching-staff quota under total control: what is allocated across the county never exceeds the year's quota and its totals of senior and intermediate professional posts."),
    StaffAdjust = ("STAFF-ADJUST", "§2.4.1, §2.4.2", "编制调整方案", "Staffing adjustments",
        "编制调整方案经理事长办公会议通过，报县（市）教育行政部门研究同意后实施，并定期报编制部门备案；未经同意的方案不改变任何岗位。",
        "A staffing adjustment passes the chair's office meeting, takes effect only once the county bureau approves it, and is filed with the staffing office periodically; a proposal not approved changes no post."),
    HireTwoWay = ("HIRE-TWO-WAY", "§2.4.2", "岗位双向聘用", "Two-way hiring",
        "集团以岗位职责为依据，以师德、能力、业绩、贡献为核心实行岗位双向聘用；落聘的教职工进行转岗培训安置，仍不能适应工作的，解除聘用关系。",
        "A group hires to its posts both ways, on ethics, ability, performance and contribution; a teacher not hired goes to transfer training and is then placed again or, still unable to do the work, leaves the contract."),
    ExchGroup10 = ("EXCH-GROUP-10", "§2.4.3", "集团交流轮岗比例", "Share of teachers exchanged",
        "各集团内每年交流轮岗教师的比例不低于教师总数的10%（由县设定）。",
        "Each year at least 10% of a group's teachers (a county setting) take part in exchange or rotation."),
    ExchBackbone40 = ("EXCH-BACKBONE-40", "§2.4.3", "交流教师中骨干教师比例", "Backbone share of those exchanged",
        "骨干教师不低于交流轮岗教师总数的40%（由县设定）。",
        "Backbone teachers are at least 40% (a county setting) of the teachers exchanged."),
    ExchCore10 = ("EXCH-CORE-10", "§2.4.2", "核心成员交流比例", "The core's teachers sent to members",
        "集团核心成员在集团发展稳定后每年交流到其他成员的教师比例应不低于10%（由县设定）。",
        "Once the group is stable, each year at least 10% of the core's teachers (a county setting) go to other members."),
    ExchNewSchoolSubject = ("EXCH-NEW-SCHOOL-SUBJECT", "§2.4.2", "新开办学校每学科骨干教师", "A backbone teacher per subject at a new school",
        "集团核心成员要为新开办学校、幼儿园每学科至少选派1名骨干教师组织教学。",
        "The core sends a newly opened member at least one backbone teacher for every subject taught there."),
    ExchWeakSubject = ("EXCH-WEAK-SUBJECT", "§2.4.2", "薄弱学科骨干教师", "Backbone teachers for weak subjects",
        "集团核心成员要为其他成员的薄弱学科选派骨干教师组织教学。",
        "The core sends backbone teachers to teach the other members' weak subjects."),
    ExchOverlap = ("EXCH-OVERLAP", "§2.4.3", "交流不重叠", "No overlapping exchanges",
        "一名教师同一时间至多参加一项全职交流；跨校走教的课时比例在任一天合计不超过100%。",
        "A teacher is in at most one full-time exchange at a time, and part-time shares on any day never exceed 100%."),
    ExchScope = ("EXCH-SCOPE", "§2.4.2, §2.4.3", "交流范围", "Where an exchange may go",
        "交流轮岗、选派骨干教师、输出管理团队和跨学段任教在集团成员之间进行；英语、艺术、体育、信息技术等紧缺学科可在同一乡（镇、街道）内所有学校及不同集团学校“联校走教”；选派的须为骨干教师。",
        "Rotations, backbone and management dispatches and cross-stage teaching go between members of the group; shortage subjects (English, art, PE, IT) may be taught across every school of the township and other groups' schools; a backbone dispatch sends a backbone teacher."),
    ExchTreatment = ("EXCH-TREATMENT", "§2.4.2", "交流教师待遇", "Treatment of exchanged teachers",
        "被选派的骨干教师享受所在单位中层干部待遇，并优先考虑其评优、评先及职稱评聘；对主动交流到其他成员单位的优秀教师，优先安排其职称评聘。",
        "A dispatched backbone teacher has middle-cadre treatment at the receiving school and priority in awards and title evaluation; a teacher who moved to another member voluntarily has priority in title evaluation."),
    ExchPlan = ("EXCH-PLAN", "§2.3.2, §2.4.3", "年度交流计划", "The annual exchange plan",
        "集团教师发展中心负责统筹教师交流，拟订年度交流计划，经理事长办公会议通过后实施，报县（市）教育行政部门备查。",
        "The group's teacher development centre drafts the year's exchange plan; it takes effect once the chair's office meeting passes it, and the bureau sees it."),
    GroupState = ("GROUP-STATE", "§2.3.1", "组建流程状态", "Workflow state",
        "每一步只在组建流程允许的状态下进行。",
        "A workflow step applies only in the states the formation workflow allows."),
    MembershipState = ("MEMBERSHIP-STATE", "§2.4.4", "成员资格状态", "Membership state",
        "成员资格的变动只适用于处于相应状态的成员资格。",
        "A membership act applies only to a membership in the state it needs."),
    PayPool = ("PAY-POOL", "§2.4.4", "新增绩效工资总量", "The extra performance-pay pool",
        "县（市）教育局统筹分配提高 25% 超绩效工资时，对考核良好的集团可给予倾斜，但不突破总量；核心成员按贡献制定分配方案，经理事长办公会议通过并报教育行政部门审定后实施，合计不超出集团所获分配。",
        "Extra performance pay tilted toward groups graded good or better stays within the county's pool (25% of its performance-pay base, a setting); the core's distribution plan by contribution passes the office meeting and is approved by the bureau, and never exceeds the group's allocation."),
    AssessFramework = ("ASSESS-FRAMEWORK", "§2.4.4, §3.4", "考核指标体系", "The assessment framework",
        "考核框架须有集团层面指标；每一层面（集团、核心成员、成员学校）的指标权重合计为 100；计算指标读取本层面的口径；框架一经用于考核即锁定。",
        "A framework has group-level indicators; the weights within each level (group, core, member) sum to 100; a computed indicator reads a metric of its level; and the framework is locked once an assessment under it opens."),
    AssessState = ("ASSESS-STATE", "§2.4.4", "考核流程状态", "Assessment state",
        "考核按开启、自评、评分、定等、公布进行；定等前才能变动分数，定等后更正须记录重新开启的理由；公布后的结果不再变动。",
        "An assessment runs open, self-assessed, scored, finalised, published; scores change only before finalisation, a correction after it needs a recorded reopening with reasons, and published results are final."),
    AssessRecusal = ("ASSESS-RECUSAL", "§2.4.4", "评估回避", "Assessors' recusal",
        "评估人员所在学校属于被考核集团的，应当回避，不得为该集团评分或定等。",
        "An assessor whose own school is in the group assessed is recused: they neither score nor finalise it."),
    FundsPurpose = ("FUNDS-PURPOSE", "§3.3", "集团经费专款专用", "Group funds spent on their purpose",
        "县（市）财政每年安排的集团经费按用途（信息化建设、骨干教师流动、优质课程开发、教科研训联动、场地资源共享、名师名校长名班主任培养等）专款专用：每笔支出只列一个用途，不超出该用途的年度安排，一个用途不能为另一个用途支付；经费支出以理事会通过的预算方案为依据；安排不得低于已支出数。",
        "The county's yearly group funds are allocated by purpose (informatisation, backbone-teacher mobility, quality course development, joint teaching-research-training, shared venues, training renowned teachers, principals and head teachers, or another described one) and spent only on it: each spending names one purpose and stays within that purpose's allocation of the year, one purpose never pays for another, spending rests on a budget plan the council adopted, and an allocation is never set below what is spent."),
    AccountsIndependent = ("ACCOUNTS-INDEPENDENT", "§2.3.3", "成员账户独立完整", "Members' accounts stay independent",
        "集团不具有法人资格；统筹使用成员学校的人、财、物时，各成员的人事、预算、资产账户保持独立完整，并在账户中完整、准确、及时地反映使用情况：每项统筹使用记入承担它的成员，只增不改，更正以冲销分录进行，每笔分录至多冲销一次。",
        "A group is not a legal person: when it pools its members' people, goods and money, each member's personnel, budget and asset accounts stay independent and complete and show every pooled use fully, accurately and promptly: each use is an entry against the member bearing it, entries are never changed, and a correction is a reversing entry, at most one per entry."),
}

conflicts! {
    EntryReversed = ("entry_reversed", "分录已冲销", "Entry reversed",
        "该分录已被冲销，或本身就是冲销分录；每笔分录至多冲销一次。", "The entry has been reversed already, or is itself a reversal: an entry is reversed at most once."),
    SchoolCodeTaken = ("school_code_taken", "学校标识码已登记", "School code taken",
        "该学校标识码已有学校登记。", "A school with this MOE code is registered already."),
    UsccTaken = ("uscc_taken", "统一社会信用代码已登记", "Credit code taken",
        "该统一社会信用代码已有学校登记。", "A school with this unified social credit code is registered already."),
    SchoolInUse = ("school_in_use", "学校仍有在册人员", "School in use",
        "仍有人员的人事关系在该学校，不能删除。", "Persons still have their personnel record at the school, so it cannot be deleted."),
    IdNumberTaken = ("id_number_taken", "身份证号已登记", "ID number taken",
        "该居民身份证号已有人员登记。", "A person with this resident ID number is registered already."),
    PersonInUse = ("person_in_use", "人员仍被引用", "Person in use",
        "该人员是学校的法定代表人，不能删除。", "The person is a school's legal representative, so they cannot be deleted."),
    GroupCodeTaken = ("group_code_taken", "集团代码已使用", "Group code taken",
        "该集团代码已被其他集团使用。", "Another group has this code."),
    GroupDissolved = ("group_dissolved", "集团已解散", "Group dissolved",
        "集团已解散，不能再召开会议。", "The group is dissolved and can no longer meet."),
    BodyHasNoSeats = ("body_has_no_seats", "机构尚无席位", "Body has no seats",
        "理事会或理事长办公会议尚无席位，不能召开会议。", "The council or the office meeting has no seats yet, so it cannot meet."),
    MeetingClosed = ("meeting_closed", "会议已闭会", "Meeting closed",
        "会议已闭会，不能再提交议案或变更出席情况。", "The meeting is closed: no motion can be tabled and attendance is final."),
    MotionsOpen = ("motions_open", "尚有议案未表决", "Motions still open",
        "会议尚有未结束表决的议案，须先表决或暂缓后才能闭会。", "The meeting still has open motions; close or defer them before closing it."),
    MotionNotOpen = ("motion_not_open", "议案不在表决中", "Motion not open",
        "议案已结束表决或已暂缓。", "The motion is closed or deferred."),
    NoCharterDraft = ("no_charter_draft", "没有章程草案", "No charter draft",
        "审议章程须先有章程草案。", "A charter motion needs a charter draft to vote on."),
    NoCharter = ("no_charter", "没有章程", "No charter",
        "集团尚无章程。", "The group has no charter yet."),
    CharterUnderVote = ("charter_under_vote", "章程草案正在表决", "Charter under vote",
        "章程草案正在理事会表决中，表决结束前不能修改。", "The charter draft is being voted on; it cannot change until the vote closes."),
    NominationPending = ("nomination_pending", "已有未办结的提名", "Nomination pending",
        "该学校该职务已有未办结的提名。", "The school already has a nomination for this post in progress."),
    NominationOnAgenda = ("nomination_on_agenda", "提名已列入议案", "Nomination on the agenda",
        "提名已列入理事长办公会议议案，表决结束前不能再次提交或撤回。", "The nomination is on an office-meeting motion; it cannot be tabled again or withdrawn until that vote closes."),
    NotAMember = ("not_a_member", "已不是集团成员", "Not a member",
        "该学校已不是本集团成员，相关事项不能继续办理。", "The school is no longer a member of the group, so the matter cannot go on."),
    ApplicationPending = ("application_pending", "已有待审批的申请", "Application pending",
        "该成员已有一项待教育局审批的申请。", "The member already has an application awaiting the bureau's decision."),
    ApplicationDecided = ("application_decided", "申请已办结", "Application decided",
        "该申请已审批或已撤回。", "The application has been decided or withdrawn already."),
    BodyClosed = ("internal_body_closed", "内设机构已撤销", "Internal body closed",
        "该内设机构已撤销，不能再更换负责人。", "The internal body is closed; its head no longer changes."),
    DemandDecided = ("meeting_demand_decided", "提议已办结", "Demand answered",
        "该临时会议提议已召集会议。", "The chair has convened the meeting this demand asked for already."),
    AdjustmentDecided = ("staffing_adjustment_decided", "编制调整方案已办结", "Adjustment decided",
        "该编制调整方案已被否决、同意、不同意、撤回或取代，不能再办理。", "The staffing adjustment was rejected, approved, refused, withdrawn or superseded already."),
    ExchangeStatus = ("exchange_status", "交流状态不允许该操作", "Exchange status",
        "只有计划中的交流可以开始，进行中的可以结束，计划中或进行中的可以取消。", "Only a planned exchange starts, an active one completes, and a planned or active one is cancelled."),
    ExchangePlanOnAgenda = ("exchange_plan_on_agenda", "交流计划已列入议案", "Exchange plan on the agenda",
        "交流计划正在理事长办公会议表决中，表决结束后才能修改或再次提交。", "The plan is being voted on in the office meeting; revise or table it again once that vote has closed."),
    AdjustmentOnAgenda = ("staffing_adjustment_on_agenda", "编制调整方案已列入议案", "Adjustment on the agenda",
        "该方案已列入理事长办公会议议案，表决结束前不能再次提交或撤回。", "The adjustment is on an office-meeting motion; it cannot be tabled again or withdrawn until that vote closes."),
    NothingToFile = ("nothing_to_file", "没有待备案的方案", "Nothing to file",
        "截至备案日期没有已同意实施而未备案的编制调整方案。", "No approved staffing adjustment awaits filing up to the filing date."),
    FilingPeriodTaken = ("filing_period_taken", "该期已备案", "Period filed already",
        "本县该期已有编制备案记录。", "The county has a staffing filing for this period already."),
    PostFilled = ("post_filled", "岗位已聘", "Post filled",
        "该岗位已聘用或安置了教职工，一个岗位只聘一人。", "The post has been filled already: one post holds one teacher."),
    HiringOutcomeExists = ("hiring_outcome_exists", "已有本轮聘用结果", "Outcome recorded",
        "该教职工在本轮双向聘用中已有聘用结果，每人每轮至多一个。", "The teacher already has an outcome in this hiring round: one per teacher and round."),
    HiringOutcomeFinal = ("hiring_outcome_final", "聘用结果已办结", "Outcome final",
        "该聘用结果已办结（已聘用、已转岗安置或已解除聘用关系），不能再办理。", "The outcome has ended (hired, reassigned or contract ended); nothing more can be done on it."),
    HiringRoundClosed = ("hiring_round_closed", "聘用轮次已结束", "Round closed",
        "该轮双向聘用已结束，不能再设岗或记录新的聘用结果。", "The hiring round is closed: it takes no new posts and no new outcomes."),
    OrderResolved = ("order_resolved", "整改通知已办结", "Order closed",
        "该整改通知已办结（已整改到位或已认定整改不到位）。", "The rectification order is closed already: resolved, or found not rectified."),
    AssessmentExists = ("assessment_exists", "该年度已有考核", "Assessment exists",
        "该集团本年度已开启考核；一个集团每年一次考核。", "The group already has an assessment for the year: one per group and year."),
    FrameworkLocked = ("framework_locked", "考核框架已锁定", "Framework locked",
        "该框架已用于考核而锁定；如需调整，请以它为底本新建一个版本。", "The framework is locked by an assessment under it; copy it into a new edition to change it."),
    PayPlanOnAgenda = ("pay_plan_on_agenda", "分配方案已列入议案", "Pay plan on the agenda",
        "绩效工资分配方案正在理事长办公会议表决，表决结束前不能修改。", "The distribution plan is being voted on by the office meeting; revise it once that vote closes."),
    PayPlanStatus = ("pay_plan_status", "分配方案状态不允许该操作", "Pay plan status",
        "分配方案的状态不允许该操作（如未经办公会议通过即报审，或已审定后修改）。", "The distribution plan's status does not allow the act (e.g. approving one the office meeting has not passed, or revising an approved one)."),
    GrowthReviewDecided = ("growth_review_decided", "成长评估已办结", "Growth review decided",
        "该成长评估已办结。", "The growth review has been decided already."),
    OrderNotAnswered = ("order_not_answered", "尚未报送整改情况", "Order not answered",
        "成员学校尚未报送整改情况，教育局无从认定整改不到位。", "The school has not reported on the order yet, so the bureau cannot find the report not rectified."),
}

/// One entry of `GET /api/v1/rules`: a rule of the domain brief or a conflict code.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "code": "GRP-TIGHT-SIZE", "kind": "rule", "status": 409, "policy_ref": "§2.2.1",
    "title_zh": "紧密型集团规模", "title_en": "Size of a tight group",
    "text_zh": "紧密型集团初期除核心成员外有 1 至 3 个成员（默认 3 个，由县设定）；此后按退一补一吸纳新成员。",
    "text_en": "A tight group starts with 1 to 3 members besides the core (3 by default, a county setting); after that, one in for one out."
}))]
pub struct CatalogueEntry {
    /// The problem `code`: a rule id (`GRP-TIGHT-SIZE`) or a conflict code (`school_code_taken`).
    pub code: &'static str,
    pub kind: EntryKind,
    /// The HTTP status of a refusal.
    pub status: u16,
    /// The section of the policy, for rules.
    pub policy_ref: Option<&'static str>,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// What the rule says, or when the conflict is answered.
    pub text_zh: &'static str,
    pub text_en: &'static str,
}

crate::vocab_enum! {
    /// Whether a catalogue entry is a rule of the policy or a conflict with the stored data.
    pub enum EntryKind ("catalogue_entry_kind") {
        Rule = ("rule", "业务规则", "rule"),
        Conflict = ("conflict", "数据冲突", "conflict"),
    }
}

/// Every rule, then every conflict code, in the order declared.
pub fn catalogue() -> Vec<CatalogueEntry> {
    let rules = Rule::ALL.iter().map(|r| CatalogueEntry {
        code: r.id(),
        kind: EntryKind::Rule,
        status: 409,
        policy_ref: Some(r.policy_ref()),
        title_zh: r.title_zh(),
        title_en: r.title_en(),
        text_zh: r.text_zh(),
        text_en: r.text_en(),
    });
    let conflicts = Conflict::ALL.iter().map(|c| CatalogueEntry {
        code: c.code(),
        kind: EntryKind::Conflict,
        status: 409,
        policy_ref: None,
        title_zh: c.title_zh(),
        title_en: c.title_en(),
        text_zh: c.text_zh(),
        text_en: c.text_en(),
    });
    rules.chain(conflicts).collect()
}

/// The entry of a problem `code`, if it is in the catalogue.
pub fn entry(code: &str) -> Option<CatalogueEntry> {
    catalogue().into_iter().find(|e| e.code == code)
}

/// `docs/RULES.md`, generated from the catalogue (a test keeps the committed file equal to it).
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules and conflict codes\n\n\
         Generated from `src/domain/rules/catalogue.rs` by `edugroups rules`; a test \
         keeps this file equal to the catalogue, which `GET /api/v1/rules` also serves.\n\n\
         A refusal is a `409` problem whose `code` is one of these. A rule refusal also carries \
         the policy section as `policy_ref`. Section marks (§2.2.1 = part 二, section (二), item \
         1) point into 《黔南州关于推进中小学集团化办学改革的实施意见》 (2021).\n\n\
         ## Rules\n\n\
         | id | section | rule | 规则 |\n|---|---|---|---|\n",
    );
    let cell = |s: &str| s.replace('|', "\\|");
    for r in Rule::ALL {
        out.push_str(&format!(
            "| `{}` | {} | **{}.** {} | **{}。** {} |\n",
            r.id(),
            r.policy_ref(),
            cell(r.title_en()),
            cell(r.text_en()),
            cell(r.title_zh()),
            cell(r.text_zh())
        ));
    }
    out.push_str("\n## Conflict codes\n\n| code | when | 说明 |\n|---|---|---|\n");
    for c in Conflict::ALL {
        out.push_str(&format!(
            "| `{}` | **{}.** {} | **{}。** {} |\n",
            c.code(),
            cell(c.title_en()),
            cell(c.text_en()),
            cell(c.title_zh()),
            cell(c.text_zh())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for e in catalogue() {
            assert!(seen.insert(e.code), "duplicate {}", e.code);
            match e.kind {
                EntryKind::Rule => {
                    assert!(
                        e.code
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
                        "{}",
                        e.code
                    );
                    assert!(
                        e.policy_ref.is_some_and(|s| s.starts_with('§')),
                        "{}",
                        e.code
                    );
                }
                EntryKind::Conflict => {
                    assert!(
                        e.code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                        "{}",
                        e.code
                    );
                }
            }
            for t in [e.title_zh, e.title_en, e.text_zh, e.text_en] {
                assert!(!t.trim().is_empty(), "{}", e.code);
            }
        }
    }

    #[test]
    fn conflict_codes_do_not_shadow_error_codes() {
        for kind in crate::error::ErrorKind::ALL {
            assert!(entry(kind.spec().code).is_none(), "{}", kind.spec().code);
        }
    }
}
