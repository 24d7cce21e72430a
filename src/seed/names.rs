//! Name data of the demo set: surnames and given names of teachers, village and road names.
//!
//! Qiannan is home to Buyei, Miao and Shui people as well as Han; surnames such as 韦 蒙 莫 潘 石
//! 龙 are common there, so each county mixes a Han-leaning and a minority-leaning surname list by
//! its own share (see `counties`).

use super::rng::Rng;

/// Han-leaning surnames, weighted roughly by frequency.
const SURNAMES_COMMON: &[(&str, u32)] = &[
    ("王", 14),
    ("李", 13),
    ("张", 11),
    ("刘", 9),
    ("陈", 9),
    ("杨", 9),
    ("黄", 6),
    ("吴", 6),
    ("罗", 6),
    ("周", 4),
    ("赵", 3),
    ("何", 3),
    ("邓", 2),
    ("宋", 2),
    ("冯", 2),
];

/// Surnames frequent among Buyei, Miao and Shui families of Qiannan.
const SURNAMES_MINORITY: &[(&str, u32)] = &[
    ("韦", 14),
    ("蒙", 10),
    ("莫", 9),
    ("潘", 9),
    ("石", 8),
    ("龙", 8),
    ("罗", 7),
    ("杨", 6),
    ("吴", 5),
    ("王", 5),
    ("陆", 4),
    ("岑", 2),
    ("韩", 2),
];

const GIVEN_MALE: &[&str] = &[
    "伟", "强", "军", "勇", "涛", "斌", "明", "杰", "磊", "鹏", "峰", "华", "林", "波", "辉", "刚",
    "俊", "文", "建", "国", "平", "云", "飞", "海", "兵", "超", "宇", "浩", "成", "志", "永", "德",
    "昌", "正", "光", "荣", "江", "祥", "仕", "贵",
];

const GIVEN_FEMALE: &[&str] = &[
    "芳", "娟", "敏", "静", "丽", "艳", "霞", "燕", "玲", "萍", "红", "梅", "琴", "英", "慧", "婷",
    "雪", "莉", "兰", "凤", "琳", "倩", "洁", "颖", "娜", "佳", "蓉", "春", "秀", "晓", "欣", "妍",
];

/// Village names in the style of the region (many from Buyei and Shui place names: 板 拉 者 摆
/// 纳 排 甲). Shared by all counties: a demo needs plausible, not surveyed, villages.
pub const VILLAGES: &[&str] = &[
    "新寨", "平寨", "大坪", "板告", "水便", "纳林", "拉揽", "翁台", "者楼", "甲乙", "摆榜", "坝固",
    "新场", "高寨", "岩脚", "坪上", "石板", "排调", "里腊", "拉旺", "水各", "板然", "龙塘", "青山",
    "沙寨", "者艾", "拉然", "摆卡", "纳翁", "甲翁", "河坝", "高坡",
];

/// Common street names of county seats, for addresses.
pub const ROADS: &[&str] = &[
    "人民路",
    "民族路",
    "建设路",
    "新华路",
    "解放路",
    "环城路",
    "迎宾大道",
    "文化路",
    "和平路",
    "育才路",
];

/// The Chinese numeral of 1–19, as in 第一中学 … 第十九小学.
pub fn ordinal(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ones = usize::try_from(n % 10).unwrap_or(0);
    match n {
        1..=9 => DIGITS[ones].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[ones]),
        _ => n.to_string(),
    }
}

/// A full name: a surname (from the county's mix) and one or two given characters.
pub fn person_name(rng: &mut Rng, minority_percent: u32, female: bool) -> String {
    let surnames = if rng.chance(minority_percent) {
        SURNAMES_MINORITY
    } else {
        SURNAMES_COMMON
    };
    let given = if female { GIVEN_FEMALE } else { GIVEN_MALE };
    let mut name = rng.weighted(surnames).copied().unwrap_or("王").to_string();
    name.push_str(rng.pick(given).copied().unwrap_or("明"));
    if rng.chance(60) {
        name.push_str(rng.pick(given).copied().unwrap_or("华"));
    }
    name
}
