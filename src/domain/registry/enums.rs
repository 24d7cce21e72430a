//! Enums of the school and teacher registry (DOMAIN.md "What there is").

use crate::vocab_enum;

vocab_enum! {
    /// Where a school stands (§2.1 patterns): decides how it may be grouped.
    pub enum SchoolLocation ("school_location") {
        Urban = ("urban", "城区", "Urban"),
        TownshipCentre = ("township_centre", "乡镇中心校", "Township centre"),
        Rural = ("rural", "农村", "Rural"),
        RelocationSite = ("relocation_site", "易地扶贫搬迁安置点", "Poverty-relief relocation site"),
        DevelopmentZone = ("development_zone", "经济开发区", "Economic development zone"),
    }
}

vocab_enum! {
    /// A school's standing: only `quality` schools may lead a group (GRP-CORE-QUALITY); new and weak
    /// schools join by bureau assignment (GRP-JOIN-BASIS).
    pub enum SchoolStanding ("school_standing") {
        Quality = ("quality", "优质", "Quality"),
        Ordinary = ("ordinary", "一般", "Ordinary"),
        Weak = ("weak", "薄弱", "Weak"),
        NewlyOpened = ("newly_opened", "新开办", "Newly opened"),
        Potential = ("potential", "潜力", "Potential"),
    }
}

vocab_enum! {
    /// A cadre post a person holds (§2.4.2); appointments change it.
    pub enum CadrePost ("cadre_post") {
        Principal = ("principal", "校（园）长", "Principal"),
        ExecutivePrincipal = ("executive_principal", "执行校（园）长", "Executive principal"),
        VicePrincipal = ("vice_principal", "副校（园）长", "Vice principal"),
        MiddleCadre = ("middle_cadre", "中层干部", "Middle cadre"),
    }
}

vocab_enum! {
    /// Whether a person is staff (the school holds the personnel record, 人事关系) or a parent
    /// (the school is where the pupil is enrolled, COUNCIL-COMPOSITION's parent representatives).
    #[derive(Default)]
    pub enum PersonKind ("person_kind") {
        #[default]
        Staff = ("staff", "教职工", "Staff"),
        Parent = ("parent", "学生家长", "Parent"),
    }
}
