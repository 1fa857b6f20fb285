// A deterministic demo district: Jiulongpo-like software enterprises and carrier buildings drawn from a seed.
//
// Pure: the same options always give the same district, nothing is read from the clock, disk or
// network. `asOf` stands in for "today". Every distribution and what it rests on is described in
// docs/demo-district.md; the numbers below are the ones that document explains.
import { fields, type FieldCode, type HonourKind } from '../enterprises/fields.ts';
import { USCC_CHARSET, makeOrgCode, makeUscc } from '../enterprises/uscc.ts';
import {
  BRAND_FIRST,
  BRAND_SECOND,
  BRAND_THIRD,
  BUILDING_TEMPLATES,
  CORE_TALENT_SHARE,
  DEFAULT_PLACE_WEIGHT,
  FIELD_SINCE,
  FIELD_WEIGHTS,
  GIVEN_NAME_CHARS,
  NAME_TAILS,
  PLACE_PROFILES,
  REVENUE_FACTOR,
  SURNAMES,
  type PlaceProfile,
} from './pools.ts';
import {
  affinePermutation,
  intBetween,
  mix32,
  mulberry32,
  normal,
  pick,
  weightedIndex,
  type Rng,
} from './prng.ts';
// Day numbers (days since 1970-01-01) and their dates: integer arithmetic, fast at 100,000 firms.
import { dateOfDayNumber as isoOf, dayNumberOf as dayOf } from '../../platform/time/date.ts';

export interface DemoSubdistrict {
  code: string;
  name: string;
  subkind: 'street' | 'town';
}

export interface DemoDistrictOptions {
  seed: number;
  enterprises: number;
  subdistricts: readonly DemoSubdistrict[];
  /** 'YYYY-MM-DD': the day the district is seen on; nothing is registered or awarded after it. */
  asOf: string;
}

export interface DemoBuilding {
  code: string;
  name: string;
  subdistrictCode: string;
  address: string;
  kind: 'building' | 'park';
  /** m² */
  totalArea: number;
}

export interface DemoHonour {
  kind: HonourKind;
  awardedOn: string;
  source: string;
}

export interface DemoEnterprise {
  uscc: string;
  name: string;
  registrationDate: string;
  subdistrictCode: string;
  buildingCode: string | null;
  address: string;
  fields: FieldCode[];
  aboveScale: boolean;
  status: 'active' | 'movedOut' | 'closed';
  employees: number;
  coreTalents: number;
  /** yuan, integer */
  operatingRevenue: number;
  honours: DemoHonour[];
  contact: { person: string; phone: string };
}

export interface DemoDistrict {
  buildings: DemoBuilding[];
  enterprises: DemoEnterprise[];
}

/**
 * 规上 (above designated size) for 信息传输、软件和信息技术服务业 under the National Bureau of
 * Statistics' current 规模以上服务业 standard: annual operating revenue ≥ 2000万元. (The older
 * standard, in use until 2018, was 1000万元 or 50 employees; see docs/demo-district.md.)
 */
export const ABOVE_SCALE_REVENUE_YUAN = 20_000_000;

/** GB/T 2260 code of 九龙坡区; positions 3–8 of every demo USCC. */
export const JIULONGPO_DIVISION_CODE = '500107';

/** The district's 9 街道 and 10 镇 with the unit codes of plans/jiulongpo-2027.yaml (the source of truth). */
export const jiulongpoSubdistricts: readonly DemoSubdistrict[] = [
  { code: 'yangjiaping-street', name: '杨家坪街道', subkind: 'street' },
  { code: 'huangjueping-street', name: '黄桷坪街道', subkind: 'street' },
  { code: 'xiejiawan-street', name: '谢家湾街道', subkind: 'street' },
  { code: 'shipingqiao-street', name: '石坪桥街道', subkind: 'street' },
  { code: 'shiqiaopu-street', name: '石桥铺街道', subkind: 'street' },
  { code: 'zhongliangshan-street', name: '中梁山街道', subkind: 'street' },
  { code: 'yuzhoulu-street', name: '渝州路街道', subkind: 'street' },
  { code: 'erlang-street', name: '二郎街道', subkind: 'street' },
  { code: 'jiulong-street', name: '九龙街道', subkind: 'street' },
  { code: 'huayan-town', name: '华岩镇', subkind: 'town' },
  { code: 'hangu-town', name: '含谷镇', subkind: 'town' },
  { code: 'jinfeng-town', name: '金凤镇', subkind: 'town' },
  { code: 'baishiyi-town', name: '白市驿镇', subkind: 'town' },
  { code: 'zouma-town', name: '走马镇', subkind: 'town' },
  { code: 'shiban-town', name: '石板镇', subkind: 'town' },
  { code: 'bafu-town', name: '巴福镇', subkind: 'town' },
  { code: 'taojia-town', name: '陶家镇', subkind: 'town' },
  { code: 'xipeng-town', name: '西彭镇', subkind: 'town' },
  { code: 'tongguanyi-town', name: '铜罐驿镇', subkind: 'town' },
];

// ---- the distributions (docs/demo-district.md explains each) ------------------------------------

const FIRST_REGISTRATION = '2005-01-01';
/** Registration dates have density ∝ t^(shape−1) over [2005, asOf]: 2 = rising linearly toward asOf. */
const REGISTRATION_SHAPE = 2;
/** USCCs replaced organisation-code-based registration from 1 October 2015 (三证合一). */
const USCC_REFORM = '2015-10-01';

/** ln(employees) ~ N(ln(median) + slope·(age − 5 years), σ): median ≈ 12, long right tail. */
const EMPLOYEES_MEDIAN = 11;
const EMPLOYEES_AGE_SLOPE = 0.05;
const EMPLOYEES_SIGMA = 1.2;
const EMPLOYEES_MAX = 3000;

/** Operating revenue per employee: median 15万元, rising with size (elasticity 0.25), σ 0.7 in logs. */
const REVENUE_PER_EMPLOYEE_MEDIAN = 150_000;
const REVENUE_SIZE_ELASTICITY = 0.25;
const REVENUE_SIGMA = 0.7;

const MOVED_OUT_RATE = 0.022;
const CLOSED_RATE = 0.013;

/** Share of firms with a building on record: most street firms rent in a known tower or park. */
const IN_BUILDING_RATE = { street: 0.72, town: 0.5 } as const;
/** Share of names in the "字号（重庆）行业" form that branches of outside groups use. */
const BRANCH_NAME_RATE = 0.08;

/** Honour programmes: first award date, minimum firm age in years, and the official list they come from. */
const HONOURS: Readonly<
  Record<HonourKind, { since: string; minAgeYears: number; source: (year: number) => string }>
> = {
  littleGiant: {
    since: '2019-06-01',
    minAgeYears: 3,
    // MIIT's first list was 2019; one batch a year since.
    source: (y) => `工业和信息化部第${y - 2018}批专精特新“小巨人”企业名单`,
  },
  qimingxing: {
    since: '2022-06-01',
    minAgeYears: 2,
    source: (y) => `重庆市经济和信息化委员会${y}年“启明星”软件企业名单`,
  },
  beidouxing: {
    since: '2022-06-01',
    minAgeYears: 3,
    source: (y) => `重庆市经济和信息化委员会${y}年“北斗星”软件企业名单`,
  },
  xingbangshou: {
    since: '2025-07-01',
    minAgeYears: 2,
    source: (y) => `重庆市经济和信息化委员会${y}年“星帮手”平台名单`,
  },
};

/** Probability of each honour by operating-revenue band (yuan lower bound), tuned to the shares in the docs. */
const HONOUR_ODDS: readonly { from: number; littleGiant: number; qimingxing: number; beidouxing: number }[] =
  [
    { from: 100_000_000, littleGiant: 0.16, qimingxing: 0.05, beidouxing: 0.45 },
    { from: 50_000_000, littleGiant: 0.1, qimingxing: 0.15, beidouxing: 0.25 },
    { from: 20_000_000, littleGiant: 0.035, qimingxing: 0.14, beidouxing: 0.08 },
    { from: 5_000_000, littleGiant: 0.002, qimingxing: 0.02, beidouxing: 0.004 },
    { from: 0, littleGiant: 0, qimingxing: 0.001, beidouxing: 0 },
  ];
/** The platform honour goes to service platforms: firms in these fields with a team to run one. */
const PLATFORM_FIELDS: ReadonlySet<FieldCode> = new Set([
  'itServices',
  'industrialInternet',
  'dataServices',
  'aiAgents',
]);
const XINGBANGSHOU_ODDS = 0.02;
const XINGBANGSHOU_MIN_EMPLOYEES = 30;

const FIELD_CODES: readonly FieldCode[] = fields.map((f) => f.code);

// ---- preparation: everything that depends on the options but not on the enterprise ---------------

interface Place {
  sub: DemoSubdistrict;
  profile: PlaceProfile | undefined;
  roads: readonly string[];
  buildings: { building: DemoBuilding; hosts: readonly FieldCode[] }[];
  buildingWeights: number[];
  /** Main-field weights before the era adjustment: [0] outside any building, [k + 1] in buildings[k]. */
  fieldWeights: Float64Array[];
}

interface Prepared {
  seed: number;
  asOfDay: number;
  firstDay: number;
  reformDay: number;
  places: Place[];
  placeWeights: number[];
  buildings: DemoBuilding[];
  brand2: (i: number) => number;
  brand3: (i: number) => number;
  orgCodeNew: (i: number) => number;
  orgCodeOld: (i: number) => number;
  /** First possible award day of each honour programme. */
  honourStart: Readonly<Record<HonourKind, number>>;
  /** Per registration year: multipliers on field weights (young fields, the agent boom). */
  eraFactors: Map<number, Float64Array>;
  /** Scratch space for one enterprise's field weights; makeEnterprise overwrites it every time. */
  scratch: Float64Array;
}

const BRAND2_COUNT = BRAND_FIRST.length * BRAND_SECOND.length;
const BRAND3_COUNT = BRAND2_COUNT * BRAND_THIRD.length;
/** The most enterprises one district can have before brand names run out. */
export const MAX_DEMO_ENTERPRISES = BRAND2_COUNT + BRAND3_COUNT;

/** A place's key in PLACE_PROFILES: the name without its 街道/镇 suffix. */
function placeKey(name: string): string {
  return name.replace(/(街道|镇)$/, '');
}

function placeWeight(sub: DemoSubdistrict, profile: PlaceProfile | undefined): number {
  return profile?.weight ?? DEFAULT_PLACE_WEIGHT[sub.subkind];
}

function roadsFor(sub: DemoSubdistrict, profile: PlaceProfile | undefined): readonly string[] {
  return profile?.roads ?? [`${placeKey(sub.name)}大道`, `${placeKey(sub.name)}正街`];
}

function streetAddress(rng: Rng, place: Place): string {
  // towns put their own name in an address; streets do not, the road says where it is
  const town = place.sub.subkind === 'town' ? place.sub.name : '';
  return `重庆市九龙坡区${town}${pick(rng, place.roads)}${intBetween(rng, 1, 199)}号`;
}

function validate(opts: DemoDistrictOptions): { asOfDay: number } {
  if (!Number.isFinite(opts.seed)) throw new RangeError('seed must be a number');
  if (
    !Number.isInteger(opts.enterprises) ||
    opts.enterprises < 0 ||
    opts.enterprises > MAX_DEMO_ENTERPRISES
  ) {
    throw new RangeError(`enterprises must be an integer in [0, ${MAX_DEMO_ENTERPRISES}]`);
  }
  const asOfDay = dayOf(opts.asOf);
  if (Number.isNaN(asOfDay) || opts.asOf < '2006-01-01')
    throw new RangeError('asOf must be a date YYYY-MM-DD from 2006 on');
  if (opts.subdistricts.length === 0) throw new RangeError('at least one subdistrict is needed');
  const codes = new Set(opts.subdistricts.map((s) => s.code));
  if (codes.size !== opts.subdistricts.length) throw new RangeError('subdistrict codes must be unique');
  return { asOfDay };
}

function prepare(opts: DemoDistrictOptions): Prepared {
  const { asOfDay } = validate(opts);
  const seed = Math.trunc(opts.seed) >>> 0;
  const places: Place[] = opts.subdistricts.map((sub) => {
    const profile = PLACE_PROFILES[placeKey(sub.name)];
    return {
      sub,
      profile,
      roads: roadsFor(sub, profile),
      buildings: [],
      buildingWeights: [],
      fieldWeights: [],
    };
  });
  const placeWeights = places.map((p) => placeWeight(p.sub, p.profile));
  const placeByKey = new Map(places.map((p) => [placeKey(p.sub.name), p]));

  const buildings: DemoBuilding[] = BUILDING_TEMPLATES.map((t, k) => {
    const rng = mulberry32(mix32(seed ^ 0x0b1d1d, k));
    // a building whose place the caller's district lacks goes where firms are, so it is not empty
    const place = placeByKey.get(t.place) ?? places[weightedIndex(rng, placeWeights)]!;
    const drawn = t.kind === 'park' ? intBetween(rng, 400, 2500) * 100 : intBetween(rng, 120, 600) * 100;
    const building: DemoBuilding = {
      code: `B${String(k + 1).padStart(3, '0')}`,
      name: t.name,
      subdistrictCode: place.sub.code,
      address: streetAddress(rng, place),
      kind: t.kind,
      totalArea: t.area ?? drawn,
    };
    place.buildings.push({ building, hosts: t.fields ?? [] });
    // firms choose a building roughly by its size; √ keeps the huge data-centre park from swallowing them
    place.buildingWeights.push(Math.sqrt(building.totalArea));
    return building;
  });

  for (const place of places) {
    place.fieldWeights.push(baseFieldWeights(place, []));
    for (const b of place.buildings) place.fieldWeights.push(baseFieldWeights(place, b.hosts));
  }

  return {
    seed,
    asOfDay,
    firstDay: dayOf(FIRST_REGISTRATION),
    reformDay: dayOf(USCC_REFORM),
    places,
    placeWeights,
    buildings,
    brand2: affinePermutation(BRAND2_COUNT, mix32(seed, 2)),
    brand3: affinePermutation(BRAND3_COUNT, mix32(seed, 3)),
    orgCodeNew: affinePermutation(31 ** 5, mix32(seed, 5)),
    orgCodeOld: affinePermutation(10 ** 7, mix32(seed, 7)),
    honourStart: {
      littleGiant: dayOf(HONOURS.littleGiant.since),
      qimingxing: dayOf(HONOURS.qimingxing.since),
      beidouxing: dayOf(HONOURS.beidouxing.since),
      xingbangshou: dayOf(HONOURS.xingbangshou.since),
    },
    eraFactors: new Map(),
    scratch: new Float64Array(FIELD_CODES.length),
  };
}

// ---- one enterprise -----------------------------------------------------------------------------

/** The i-th brand name: two characters while they last, then three. Unique in i by construction. */
function brandOf(p: Prepared, i: number): string {
  const nb = BRAND_SECOND.length;
  if (i < BRAND2_COUNT) {
    const x = p.brand2(i);
    return BRAND_FIRST.charAt(Math.floor(x / nb)) + BRAND_SECOND.charAt(x % nb);
  }
  const x = p.brand3(i - BRAND2_COUNT);
  const nc = BRAND_THIRD.length;
  const pair = Math.floor(x / nc);
  return (
    BRAND_FIRST.charAt(Math.floor(pair / nb)) + BRAND_SECOND.charAt(pair % nb) + BRAND_THIRD.charAt(x % nc)
  );
}

/**
 * The organisation-code body (8 characters) of the i-th enterprise. Firms registered before the 2015
 * reform keep their old numeric code, whose leading digit drifted with the issuing era; later ones get
 * the "MA" codes the registration system issues, with a third character that advances over the years
 * (5 → 6 → A → B …, as Chongqing's do). The rest comes from a permutation of i, so codes are unique.
 */
function orgCodeBody(p: Prepared, i: number, regDay: number, regYear: number): string {
  if (regDay < p.reformDay) {
    const era = regYear < 2008 ? '7' : regYear < 2010 ? '6' : regYear < 2013 ? '5' : '3';
    return era + String(p.orgCodeOld(i)).padStart(7, '0');
  }
  const third =
    regYear <= 2018 ? '5' : regYear <= 2020 ? '6' : USCC_CHARSET.charAt(Math.min(10 + (regYear - 2021), 30));
  let x = p.orgCodeNew(i);
  let tail = '';
  for (let k = 0; k < 5; k++) {
    tail = USCC_CHARSET.charAt(x % 31) + tail;
    x = Math.floor(x / 31);
  }
  return `MA${third}${tail}`;
}

/** Main-field weights of a place, and of a building there that hosts some fields (a themed park or floor). */
function baseFieldWeights(place: Place, hosts: readonly FieldCode[]): Float64Array {
  return Float64Array.from(FIELD_CODES, (code) => {
    const w = FIELD_WEIGHTS[code] * (place.profile?.fields?.[code] ?? 1);
    return hosts.includes(code) ? w * 5 : w;
  });
}

function eraFactorsOf(p: Prepared, regYear: number): Float64Array {
  let f = p.eraFactors.get(regYear);
  if (!f) {
    f = Float64Array.from(FIELD_CODES, (code) => {
      const since = FIELD_SINCE[code];
      let x = since !== undefined && regYear < since ? 0.2 : 1;
      if (code === 'aiAgents' && regYear >= 2023) x *= 2.5;
      return x;
    });
    p.eraFactors.set(regYear, f);
  }
  return f;
}

/** The main field first, then up to two more; `weights` is scratch and is consumed. */
function drawFields(rng: Rng, weights: Float64Array): FieldCode[] {
  let k = weightedIndex(rng, weights);
  const chosen: FieldCode[] = [FIELD_CODES[k]!];
  // a second field for 40 % of firms, a third for 30 % of those: software firms rarely do one thing
  let extra = rng() < 0.4 ? (rng() < 0.3 ? 2 : 1) : 0;
  while (extra-- > 0) {
    weights[k] = 0;
    k = weightedIndex(rng, weights);
    chosen.push(FIELD_CODES[k]!);
  }
  return chosen;
}

function drawHonours(
  p: Prepared,
  rng: Rng,
  regDay: number,
  employees: number,
  revenue: number,
  fieldCodes: readonly FieldCode[],
): DemoHonour[] {
  const honours: DemoHonour[] = [];
  const odds = HONOUR_ODDS.find((o) => revenue >= o.from)!;
  const award = (kind: HonourKind, chance: number) => {
    if (rng() >= chance) return;
    const h = HONOURS[kind];
    const from = Math.max(p.honourStart[kind], regDay + Math.ceil(h.minAgeYears * 365.25));
    if (from > p.asOfDay) return;
    const day = intBetween(rng, from, p.asOfDay);
    const awardedOn = isoOf(day);
    honours.push({ kind, awardedOn, source: h.source(Number(awardedOn.slice(0, 4))) });
  };
  award('littleGiant', odds.littleGiant);
  award('qimingxing', odds.qimingxing);
  award('beidouxing', odds.beidouxing);
  if (employees >= XINGBANGSHOU_MIN_EMPLOYEES && fieldCodes.some((f) => PLATFORM_FIELDS.has(f))) {
    award('xingbangshou', XINGBANGSHOU_ODDS);
  }
  return honours;
}

function personName(rng: Rng): string {
  const given = pick(rng, GIVEN_NAME_CHARS) + (rng() < 0.7 ? pick(rng, GIVEN_NAME_CHARS) : '');
  return pick(rng, SURNAMES) + given;
}

function makeEnterprise(p: Prepared, i: number): DemoEnterprise {
  const rng = mulberry32(mix32(p.seed, i + 1));

  const regDay = p.firstDay + Math.floor(rng() ** (1 / REGISTRATION_SHAPE) * (p.asOfDay - p.firstDay + 1));
  const registrationDate = isoOf(regDay);
  const regYear = Number(registrationDate.slice(0, 4));
  const ageYears = (p.asOfDay - regDay) / 365.25;

  const place = p.places[weightedIndex(rng, p.placeWeights)]!;
  const inBuilding = place.buildings.length > 0 && rng() < IN_BUILDING_RATE[place.sub.subkind];
  const b = inBuilding ? weightedIndex(rng, place.buildingWeights) : -1;
  const hosted = b >= 0 ? place.buildings[b]! : null;

  const base = place.fieldWeights[b + 1]!;
  const era = eraFactorsOf(p, regYear);
  for (let j = 0; j < base.length; j++) p.scratch[j] = base[j]! * era[j]!;
  const fieldCodes = drawFields(rng, p.scratch);
  const main = fieldCodes[0]!;

  const lnEmployees =
    Math.log(EMPLOYEES_MEDIAN) +
    EMPLOYEES_AGE_SLOPE * (Math.min(ageYears, 15) - 5) +
    EMPLOYEES_SIGMA * normal(rng);
  const employees = Math.min(EMPLOYEES_MAX, Math.max(1, Math.round(Math.exp(lnEmployees))));
  const coreShare = Math.min(0.9, CORE_TALENT_SHARE[main] * Math.exp(0.35 * normal(rng)));
  const coreTalents = Math.min(employees, Math.round(employees * coreShare));

  const lnRevenue =
    Math.log(REVENUE_PER_EMPLOYEE_MEDIAN * REVENUE_FACTOR[main] * employees) +
    REVENUE_SIZE_ELASTICITY * Math.log(employees / 12) +
    REVENUE_SIGMA * normal(rng);
  // a firm younger than a year has booked only part of a year
  const operatingRevenue = Math.round(Math.exp(lnRevenue) * Math.min(1, Math.max(0.05, ageYears)));

  const statusDraw = rng();
  const status: DemoEnterprise['status'] =
    ageYears < 1
      ? 'active'
      : statusDraw < MOVED_OUT_RATE
        ? 'movedOut'
        : statusDraw < MOVED_OUT_RATE + CLOSED_RATE
          ? 'closed'
          : 'active';

  const honours = drawHonours(p, rng, regDay, employees, operatingRevenue, fieldCodes);

  const brand = brandOf(p, i);
  const tail = pick(rng, NAME_TAILS[main]);
  const name = rng() < BRANCH_NAME_RATE ? `${brand}（重庆）${tail}` : `重庆${brand}${tail}`;
  const uscc = makeUscc(`91${JIULONGPO_DIVISION_CODE}${makeOrgCode(orgCodeBody(p, i, regDay, regYear))}`);

  let address: string;
  if (hosted) {
    const { building } = hosted;
    const unit = building.kind === 'park' ? `${intBetween(rng, 1, 12)}幢` : '';
    const floor = intBetween(rng, 1, building.kind === 'park' ? 8 : 32);
    address = `${building.address}${building.name}${unit}${floor}-${intBetween(rng, 1, 20)}号`;
  } else {
    address = streetAddress(rng, place);
  }

  return {
    uscc,
    name,
    registrationDate,
    subdistrictCode: place.sub.code,
    buildingCode: hosted?.building.code ?? null,
    address,
    fields: fieldCodes,
    aboveScale: operatingRevenue >= ABOVE_SCALE_REVENUE_YUAN,
    status,
    employees,
    coreTalents,
    operatingRevenue,
    honours,
    // 138-0000-xxxx: obviously made up; never point a real SMS gateway at a demo district
    contact: {
      person: personName(rng),
      phone: `1380000${String(intBetween(rng, 0, 9999)).padStart(4, '0')}`,
    },
  };
}

// ---- public API ---------------------------------------------------------------------------------

/** The carrier buildings and parks of the demo district (about 40), placed in the given subdistricts. */
export function generateBuildings(opts: DemoDistrictOptions): DemoBuilding[] {
  return prepare(opts).buildings;
}

/**
 * The demo enterprises one at a time, for imports and benchmarks that should not hold 100,000 objects.
 * Yields exactly the enterprises generateDemoDistrict returns, in the same order.
 */
export function* generateEnterprises(opts: DemoDistrictOptions): Generator<DemoEnterprise, void, undefined> {
  const p = prepare(opts);
  for (let i = 0; i < opts.enterprises; i++) yield makeEnterprise(p, i);
}

export function generateDemoDistrict(opts: DemoDistrictOptions): DemoDistrict {
  const p = prepare(opts);
  const enterprises: DemoEnterprise[] = new Array<DemoEnterprise>(opts.enterprises);
  for (let i = 0; i < opts.enterprises; i++) enterprises[i] = makeEnterprise(p, i);
  return { buildings: p.buildings, enterprises };
}
