//! The geography the demo schools are named after: each county's townships, its relocation site,
//! its development zone, and how common minority surnames are among its teachers.
//!
//! Township names are real towns and townships of each county; relocation-site names other than
//! Duyun's 绿茵湖 and Huishui's 新民 are plausible rather than surveyed. The order follows
//! `domain::registry::county::COUNTY_CODES` (a test keeps them equal).

pub struct CountyInfo {
    /// GB/T 2260 code.
    pub code: &'static str,
    /// The name as it begins a school's name (都匀市, 三都水族自治县 …).
    pub name: &'static str,
    /// Towns and townships, the first ones getting the township centre schools.
    pub townships: &'static [&'static str],
    /// The poverty-relief relocation site that has a school of its own.
    pub relocation_site: &'static str,
    /// The economic development zone, where a county has one that runs schools.
    pub development_zone: Option<&'static str>,
    /// Streets of the county seat; empty means the common list of `names::ROADS`.
    pub roads: &'static [&'static str],
    /// Share (percent) of teachers with a Buyei, Miao or Shui surname.
    pub minority_percent: u32,
}

pub const COUNTIES: &[CountyInfo] = &[
    CountyInfo {
        code: "522701",
        name: "都匀市",
        townships: &[
            "墨冲镇",
            "平浪镇",
            "毛尖镇",
            "归兰水族乡",
            "江洲镇",
            "匀东镇",
        ],
        relocation_site: "绿茵湖",
        development_zone: Some("都匀经济开发区"),
        roads: &[
            "剑江中路",
            "广惠路",
            "斗篷山路",
            "环东路",
            "文峰路",
            "民族路",
        ],
        minority_percent: 40,
    },
    CountyInfo {
        code: "522702",
        name: "福泉市",
        townships: &["牛场镇", "龙昌镇", "道坪镇", "陆坪镇", "凤山镇"],
        relocation_site: "城南",
        development_zone: None,
        roads: &[],
        minority_percent: 25,
    },
    CountyInfo {
        code: "522722",
        name: "荔波县",
        townships: &["朝阳镇", "佳荣镇", "甲良镇", "小七孔镇", "瑶山瑶族乡"],
        relocation_site: "梦柳",
        development_zone: None,
        roads: &[],
        minority_percent: 60,
    },
    CountyInfo {
        code: "522723",
        name: "贵定县",
        townships: &["盘江镇", "沿山镇", "昌明镇", "德新镇", "新巴镇", "云雾镇"],
        relocation_site: "城西",
        development_zone: None,
        roads: &[],
        minority_percent: 40,
    },
    CountyInfo {
        code: "522725",
        name: "瓮安县",
        townships: &["草塘镇", "猴场镇", "玉山镇", "中坪镇", "天文镇"],
        relocation_site: "城北",
        development_zone: None,
        roads: &[],
        minority_percent: 15,
    },
    CountyInfo {
        code: "522726",
        name: "独山县",
        townships: &["麻尾镇", "基长镇", "下司镇", "上司镇", "影山镇"],
        relocation_site: "百泉",
        development_zone: None,
        roads: &[],
        minority_percent: 50,
    },
    CountyInfo {
        code: "522727",
        name: "平塘县",
        townships: &["通州镇", "克度镇", "塘边镇", "牙舟镇", "大塘镇"],
        relocation_site: "金盆",
        development_zone: None,
        roads: &[],
        minority_percent: 55,
    },
    CountyInfo {
        code: "522728",
        name: "罗甸县",
        townships: &["边阳镇", "沫阳镇", "逢亭镇", "茂井镇", "罗悃镇"],
        relocation_site: "跃进",
        development_zone: None,
        roads: &[],
        minority_percent: 55,
    },
    CountyInfo {
        code: "522729",
        name: "长顺县",
        townships: &["广顺镇", "鼓扬镇", "白云山镇", "摆所镇", "代化镇"],
        relocation_site: "城南",
        development_zone: None,
        roads: &[],
        minority_percent: 45,
    },
    CountyInfo {
        code: "522730",
        name: "龙里县",
        townships: &["醒狮镇", "谷脚镇", "洗马镇", "湾滩河镇"],
        relocation_site: "冠山",
        development_zone: Some("龙里经济开发区"),
        roads: &[],
        minority_percent: 40,
    },
    CountyInfo {
        code: "522731",
        name: "惠水县",
        townships: &["好花红镇", "羡塘镇", "断杉镇", "摆金镇", "雅水镇", "芦山镇"],
        relocation_site: "新民",
        development_zone: Some("惠水经济开发区"),
        roads: &[],
        minority_percent: 50,
    },
    CountyInfo {
        code: "522732",
        name: "三都水族自治县",
        townships: &["周覃镇", "九阡镇", "普安镇", "中和镇", "都江镇", "大河镇"],
        relocation_site: "城东",
        development_zone: None,
        roads: &[],
        minority_percent: 70,
    },
];
