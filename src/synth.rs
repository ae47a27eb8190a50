//! Fictional recipient rosters that match a count table, for the bundled example,
//! trials and benchmarks. Reproducible: ChaCha20 seeded from the SHA-256 of a text
//! seed, read only through `next_u64`, so the rows depend on nothing but the seed,
//! the counts and this code. Names are random, ID numbers carry region codes starting
//! with 99 (none exists) and phones start with 10 (no such mobile range).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;
use sha2::{Digest, Sha256};

use crate::io::counts::CountTable;
use crate::io::dates::civil_date;
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable};
use crate::privacy::id_check_char;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "秀英华明丽强军平芳敏静伟玉兰桂珍凤霞红梅建国志文德福荣春生金海燕林清云兴友良永成富贵宝山水秋菊翠莲淑娟";
const VILLAGES: [&str; 8] = [
    "东村",
    "西村",
    "南岗村",
    "北坪村",
    "河口村",
    "新庄村",
    "居委会",
    "林场队",
];

/// A uniform integer in 0..n from one 64-bit draw (multiply-shift).
fn below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    ((rng.next_u64() as u128 * n as u128) >> 64) as u64
}

fn pick(rng: &mut ChaCha20Rng, chars: &[char]) -> char {
    chars[below(rng, chars.len() as u64) as usize]
}

/// How many deliberate data-quality problems to plant (for the example's report).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Planted {
    pub invalid_id_numbers: usize,
    pub shared_phone: usize,
    pub repeated_id_number: bool,
}

/// A roster with one row per recipient counted in `counts`.
pub fn synth_roster(counts: &CountTable, seed: &str, plant: Planted) -> OutputTable {
    let mut rng = ChaCha20Rng::from_seed(Sha256::digest(seed.as_bytes()).into());
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (unit, strata) in counts.units() {
        for s in strata {
            for _ in 0..s.population {
                let name: String = std::iter::once(pick(&mut rng, &surnames))
                    .chain((0..1 + below(&mut rng, 2)).map(|_| pick(&mut rng, &given)))
                    .collect();
                let days = below(&mut rng, 365 * 65);
                let (y, m, d) = civil_date(days as i64 - 14610); // from 1930-01-01
                let body = format!(
                    "99{:04}{y:04}{m:02}{d:02}{:03}",
                    below(&mut rng, 10_000),
                    below(&mut rng, 1000)
                );
                let id_number = format!("{body}{}", id_check_char(&body));
                let phone = format!("10{:09}", below(&mut rng, 1_000_000_000));
                let village = VILLAGES[below(&mut rng, VILLAGES.len() as u64) as usize];
                rows.push(vec![
                    Cell::Text(format!("QS{:07}", rows.len() + 1)),
                    Cell::Text(unit.to_string()),
                    Cell::Text(s.category.zh().to_string()),
                    Cell::Text(name),
                    Cell::Text(id_number),
                    Cell::Text(phone),
                    Cell::Text(format!(
                        "{}{village}",
                        unit.trim_end_matches(['镇', '乡', '场'])
                    )),
                ]);
            }
        }
    }
    plant_problems(&mut rows, &mut rng, plant);
    OutputTable {
        sheet: "服务对象名册".to_string(),
        columns: vec![
            ColumnSpec::new("id", "编号", ColumnKind::Text),
            ColumnSpec::new("unit", "乡镇", ColumnKind::Text),
            ColumnSpec::new("category", "类别", ColumnKind::Text),
            ColumnSpec::new("name", "姓名", ColumnKind::Text),
            ColumnSpec::new("id_number", "身份证号", ColumnKind::Text),
            ColumnSpec::new("phone", "联系电话", ColumnKind::Text),
            ColumnSpec::new("village", "村（社区）", ColumnKind::Text),
        ],
        rows,
        choices: Vec::new(),
    }
}

fn plant_problems(rows: &mut [Vec<Cell>], rng: &mut ChaCha20Rng, plant: Planted) {
    let n = rows.len() as u64;
    if n < 2 {
        return;
    }
    for _ in 0..plant.invalid_id_numbers {
        let i = below(rng, n) as usize;
        if let Cell::Text(id) = &mut rows[i][4] {
            let check = id.pop().unwrap_or('0');
            id.push(if check == '0' { '1' } else { '0' });
        }
    }
    if plant.shared_phone > 1 {
        let phone = rows[below(rng, n) as usize][5].clone();
        for _ in 1..plant.shared_phone {
            let i = below(rng, n) as usize;
            rows[i][5] = phone.clone();
        }
    }
    if plant.repeated_id_number {
        let (a, b) = (below(rng, n) as usize, below(rng, n) as usize);
        rows[b][4] = rows[a][4].clone();
    }
}

/// The content digest of a generated roster: every cell, by unit and category label.
pub fn roster_digest(table: &crate::io::OutputTable) -> crate::io::digest::ContentDigest {
    crate::io::digest::ContentDigest::of(table.rows.iter().map(|r| {
        let fields: Vec<String> = r.iter().map(|c| c.to_text(crate::io::Lang::Zh)).collect();
        (fields[1].clone(), fields[2].clone(), fields)
    }))
}
