// Word pools and place catalogues the demo district is drawn from: names, buildings, where firms cluster.
import type { FieldCode } from '../enterprises/fields.ts';

/**
 * Company brand names (字号) are two characters, one from each pool, or three with a third from
 * BRAND_THIRD once the 10,000 two-character names are used up. The pools are pairwise disjoint and
 * BRAND_THIRD shares no character with the first character of any name tail, which is what makes
 * "brand + tail" unique whenever the brand is (demo.test.ts checks both properties).
 */
export const BRAND_FIRST =
  '云星智睿卓鼎瀚泓博启晟恒华汇嘉锦聚凯朗灵迈铭诺鹏麒擎融瑞尚盛思腾拓维炜轩雅亿易盈宇远跃泽展兆臻致众天新英安宏金光海蓝青风飞万千百龙山川江渝巴蜀德正明东南西长方元乐佳优美立达捷迅翔弘信合永君泰顺福汉秋春';
export const BRAND_SECOND =
  '帆途联创科通讯数图源澜驰享誉谷峰辰策道锐航翼度量界阁岭林桥湾港湖舟行极算境核链格芯码盾觉悦驿岚晖曦熠煜韬琪瑜璟珂澄沐淳涵然逸越翊栩骁骏築匠筑谱律观望映象阵序衡钧鉴微仁和宸昊旭晨奕锋纬钛泊渡邦坤乾洲屹麓';
export const BRAND_THIRD = '柏松竹梅兰菊桂荷棠枫杉榕桐槐杨柳禾苗麦稻粟豆茗茶瓷砚墨笛琴弦鼓钟铃磐岩峦苇萱蕾薇';

/** What follows the brand: an industry word and the company form, by the enterprise's main field. */
export const NAME_TAILS: Readonly<Record<FieldCode, readonly string[]>> = {
  aiAgents: [
    '智能科技有限公司',
    '人工智能科技有限公司',
    '智算科技有限公司',
    '数智科技有限公司',
    '智能体科技有限公司',
  ],
  smartGovernance: ['智慧城市科技有限公司', '数字科技有限公司', '信息技术有限公司', '城市科技有限公司'],
  lowAltitude: ['低空科技有限公司', '无人机科技有限公司', '航空科技有限公司', '低空信息技术有限公司'],
  games: ['网络科技有限公司', '互娱科技有限公司', '游戏科技有限公司', '互动娱乐有限公司'],
  filmAnimation: ['动漫科技有限公司', '影视文化传媒有限公司', '动画制作有限公司', '文化传媒有限公司'],
  liveStreaming: ['文化传媒有限公司', '网络科技有限公司', '电子商务有限公司', '直播科技有限公司'],
  industrialSoftware: ['工业软件有限公司', '智造科技有限公司', '自动化技术有限公司', '软件技术有限公司'],
  automotiveSoftware: ['汽车科技有限公司', '智行科技有限公司', '汽车电子有限公司', '智能网联科技有限公司'],
  satelliteBeidou: ['北斗科技有限公司', '空天信息技术有限公司', '卫星科技有限公司', '导航科技有限公司'],
  openHarmony: ['物联科技有限公司', '软件技术有限公司', '开源科技有限公司', '信息技术有限公司'],
  itServices: [
    '信息技术有限公司',
    '软件有限公司',
    '网络科技有限公司',
    '系统集成有限公司',
    '信息科技有限公司',
    '科技有限公司',
  ],
  digitalTwins: ['数字科技有限公司', '仿真科技有限公司', '数字孪生科技有限公司', '三维科技有限公司'],
  industrialInternet: [
    '工业互联网科技有限公司',
    '物联网科技有限公司',
    '智造科技有限公司',
    '工业科技有限公司',
  ],
  dataServices: ['数据科技有限公司', '大数据科技有限公司', '数据服务有限公司', '数据技术有限公司'],
  digitalContent: ['数字文化有限公司', '文化科技有限公司', '数字传媒有限公司', '创意科技有限公司'],
};

/** Relative frequency of each field as an enterprise's main field, before place and era adjust it. */
export const FIELD_WEIGHTS: Readonly<Record<FieldCode, number>> = {
  itServices: 22,
  aiAgents: 10,
  smartGovernance: 8,
  digitalContent: 7,
  industrialSoftware: 6,
  dataServices: 6,
  games: 5,
  liveStreaming: 5,
  filmAnimation: 4,
  industrialInternet: 4,
  automotiveSoftware: 3,
  digitalTwins: 3,
  satelliteBeidou: 2,
  lowAltitude: 1.5,
  openHarmony: 1.5,
};

/**
 * The year a field became a business people registered companies for; firms registered earlier
 * still appear in it (they moved into it) but at a fifth of the weight. aiAgents also gets a boost
 * after 2023, the year agents took off.
 */
export const FIELD_SINCE: Readonly<Partial<Record<FieldCode, number>>> = {
  aiAgents: 2017,
  lowAltitude: 2020,
  openHarmony: 2020,
  liveStreaming: 2016,
  digitalTwins: 2018,
  dataServices: 2017,
  industrialInternet: 2017,
  satelliteBeidou: 2012,
};

/** Share of the workforce that is core talent (software development and "AI+" roles), by main field. */
export const CORE_TALENT_SHARE: Readonly<Record<FieldCode, number>> = {
  aiAgents: 0.24,
  industrialSoftware: 0.22,
  automotiveSoftware: 0.24,
  openHarmony: 0.22,
  digitalTwins: 0.2,
  satelliteBeidou: 0.2,
  industrialInternet: 0.18,
  games: 0.18,
  lowAltitude: 0.15,
  itServices: 0.12,
  smartGovernance: 0.12,
  dataServices: 0.05,
  digitalContent: 0.06,
  filmAnimation: 0.05,
  liveStreaming: 0.04,
};

/**
 * Operating revenue per employee relative to the district-wide median: integrators pass hardware
 * through their books, live-streaming firms book sales; labelling and animation studios sell hours.
 */
export const REVENUE_FACTOR: Readonly<Record<FieldCode, number>> = {
  itServices: 1.3,
  smartGovernance: 1.2,
  liveStreaming: 1.4,
  industrialSoftware: 1.1,
  automotiveSoftware: 1.2,
  industrialInternet: 1.1,
  aiAgents: 1.0,
  games: 1.0,
  satelliteBeidou: 1.0,
  lowAltitude: 0.9,
  openHarmony: 0.9,
  digitalTwins: 0.9,
  digitalContent: 0.8,
  filmAnimation: 0.7,
  dataServices: 0.6,
};

export interface PlaceProfile {
  /** Relative share of the district's software enterprises registered here. */
  weight: number;
  /** Multipliers on FIELD_WEIGHTS for firms here. */
  fields?: Partial<Record<FieldCode, number>>;
  /** Roads for addresses (plausible; numbers are invented). */
  roads: readonly string[];
}

/**
 * Keyed by the subdistrict's name without 街道/镇. The 东三街 cluster (石桥铺, 渝州路, 二郎; seed task
 * 17) and the 杨家坪/谢家湾 commercial centre hold about three quarters of the firms; the western
 * towns, six of them run by 重庆高新区, hold few. Field leanings follow what each place is known
 * for: 黄桷坪 the art academy, 西彭 aluminium (task 7), 含谷 cars, 白市驿 its airfield.
 */
export const PLACE_PROFILES: Readonly<Record<string, PlaceProfile>> = {
  石桥铺: {
    weight: 20,
    fields: { aiAgents: 1.3, openHarmony: 1.5, itServices: 1.2 },
    roads: ['科园一路', '科园二路', '科园三路', '科园四路', '石杨路'],
  },
  二郎: {
    weight: 17,
    fields: { aiAgents: 1.3, dataServices: 1.3, itServices: 1.2 },
    roads: ['科城路', '火炬大道', '创业大道'],
  },
  渝州路: { weight: 15, fields: { games: 1.5, aiAgents: 1.2 }, roads: ['渝州路', '石小路', '大坪正街'] },
  杨家坪: {
    weight: 10,
    fields: { liveStreaming: 2.5, digitalContent: 1.5 },
    roads: ['杨家坪正街', '西郊路', '杨九路', '兴胜路'],
  },
  谢家湾: {
    weight: 9,
    fields: { liveStreaming: 2, filmAnimation: 1.5, digitalContent: 1.5 },
    roads: ['谢家湾正街', '建设路', '奥体路'],
  },
  石坪桥: { weight: 5, fields: { smartGovernance: 1.5 }, roads: ['石坪桥正街', '石杨路', '科城路'] },
  黄桷坪: {
    weight: 5,
    fields: { filmAnimation: 3, digitalContent: 2.5, games: 1.5 },
    roads: ['黄桷坪正街', '滨江路', '九龙半岛大道'],
  },
  九龙: {
    weight: 4,
    fields: { industrialSoftware: 2, digitalTwins: 2 },
    roads: ['华龙大道', '盘龙大道', '九龙园区路'],
  },
  中梁山: { weight: 2.5, roads: ['中梁山正街', '华福大道'] },
  华岩: { weight: 2.5, fields: { satelliteBeidou: 3, lowAltitude: 2 }, roads: ['华岩大道', '华福大道'] },
  含谷: { weight: 1.5, fields: { automotiveSoftware: 4 }, roads: ['含谷正街', '科学城大道'] },
  金凤: {
    weight: 1.5,
    fields: { industrialSoftware: 2, automotiveSoftware: 2 },
    roads: ['金凤正街', '科学城大道'],
  },
  白市驿: { weight: 1.2, fields: { lowAltitude: 5 }, roads: ['白市驿正街', '机场路'] },
  西彭: {
    weight: 1.2,
    fields: { industrialSoftware: 4, industrialInternet: 3 },
    roads: ['西彭大道', '铝城大道'],
  },
  陶家: { weight: 0.8, fields: { dataServices: 2 }, roads: ['陶家正街', '西部物流园路'] },
  铜罐驿: { weight: 0.4, roads: ['铜罐驿正街'] },
  走马: { weight: 0.3, roads: ['走马正街'] },
  石板: { weight: 0.4, roads: ['石板正街'] },
  巴福: { weight: 0.3, roads: ['巴福正街'] },
};

/** Weight of a subdistrict with no profile (a renamed or new one): streets attract firms, towns few. */
export const DEFAULT_PLACE_WEIGHT = { street: 3, town: 0.5 } as const;

export interface BuildingTemplate {
  name: string;
  /** The place (PLACE_PROFILES key) it stands in; elsewhere if the caller's district has no such place. */
  place: string;
  kind: 'building' | 'park';
  /** Fields it hosts more of (a themed park or floor). */
  fields?: readonly FieldCode[];
  /** m², when known from the plan's ambition rather than drawn. */
  area?: number;
  /** Named in the seed plan (task number); all others are invented. */
  seedTask?: number;
}

/**
 * ~40 carriers. The four with seedTask are named in the plan; their placement within the district is
 * a guess. Every other name is invented in the style of the district's office towers and parks.
 */
export const BUILDING_TEMPLATES: readonly BuildingTemplate[] = [
  // 石桥铺
  { name: '渝高科技广场', place: '石桥铺', kind: 'building' },
  { name: '科园软件大厦', place: '石桥铺', kind: 'building', fields: ['itServices'] },
  { name: '石桥铺数码港写字楼', place: '石桥铺', kind: 'building' },
  { name: '高新留学人员创业园', place: '石桥铺', kind: 'park' },
  {
    name: '清研理工创业大街',
    place: '石桥铺',
    kind: 'park',
    fields: ['aiAgents', 'itServices'],
    seedTask: 18,
  },
  { name: '开源鸿蒙适配中心大楼', place: '石桥铺', kind: 'building', fields: ['openHarmony'] },
  { name: '科园智汇大厦', place: '石桥铺', kind: 'building' },
  { name: '东三街智能体创新中心', place: '石桥铺', kind: 'building', fields: ['aiAgents'] },
  // 二郎
  { name: '二郎科技新城软件园', place: '二郎', kind: 'park', fields: ['itServices', 'industrialSoftware'] },
  { name: '东三街数字经济产业园', place: '二郎', kind: 'park' },
  { name: '科城创新大厦', place: '二郎', kind: 'building' },
  { name: '火炬数智大厦', place: '二郎', kind: 'building', fields: ['aiAgents'] },
  { name: '二郎信息服务外包基地', place: '二郎', kind: 'park', fields: ['itServices', 'dataServices'] },
  { name: '创业大道孵化大楼', place: '二郎', kind: 'building' },
  { name: '西部数据标注产业基地', place: '二郎', kind: 'park', fields: ['dataServices'] },
  // 渝州路
  { name: '渝州数智大厦', place: '渝州路', kind: 'building' },
  { name: '渝州科技孵化器', place: '渝州路', kind: 'park' },
  { name: '大杨石互联网产业园', place: '渝州路', kind: 'park', fields: ['games', 'digitalContent'] },
  { name: '渝州国际写字楼', place: '渝州路', kind: 'building' },
  { name: '渝州游戏产业孵化中心', place: '渝州路', kind: 'building', fields: ['games'] },
  // 杨家坪
  { name: '杨家坪中心写字楼', place: '杨家坪', kind: 'building' },
  { name: '西郊路数字大厦', place: '杨家坪', kind: 'building', fields: ['smartGovernance'] },
  { name: '杨家坪直播电商基地', place: '杨家坪', kind: 'park', fields: ['liveStreaming'] },
  { name: '步行街创意大楼', place: '杨家坪', kind: 'building', fields: ['digitalContent'] },
  // 谢家湾
  {
    name: '谢家湾数字文创中心',
    place: '谢家湾',
    kind: 'building',
    fields: ['digitalContent', 'filmAnimation'],
  },
  { name: '谢家湾创意大厦', place: '谢家湾', kind: 'building' },
  { name: '谢家湾网络视听产业园', place: '谢家湾', kind: 'park', fields: ['liveStreaming', 'filmAnimation'] },
  // 黄桷坪
  {
    name: '重庆卫视数字文创基地',
    place: '黄桷坪',
    kind: 'park',
    fields: ['filmAnimation', 'digitalContent'],
    seedTask: 5,
  },
  { name: '黄桷坪动漫产业园', place: '黄桷坪', kind: 'park', fields: ['filmAnimation', 'games'] },
  { name: '九龙半岛数字艺术港', place: '黄桷坪', kind: 'park', fields: ['digitalContent'] },
  // 石坪桥
  { name: '石坪桥科创大厦', place: '石坪桥', kind: 'building' },
  { name: '石坪桥智慧城市服务中心', place: '石坪桥', kind: 'building', fields: ['smartGovernance'] },
  // 九龙
  {
    name: '九龙数字孪生创新中心',
    place: '九龙',
    kind: 'building',
    fields: ['digitalTwins', 'industrialInternet'],
  },
  { name: '九龙园区软件服务中心', place: '九龙', kind: 'building', fields: ['industrialSoftware'] },
  // 中梁山
  { name: '中梁山双创中心', place: '中梁山', kind: 'building' },
  // 华岩
  {
    name: '空天信息产业园',
    place: '华岩',
    kind: 'park',
    fields: ['satelliteBeidou', 'lowAltitude'],
    seedTask: 9,
  },
  { name: '华岩科创大厦', place: '华岩', kind: 'building' },
  // 西彭
  {
    name: '西彭铝产业工业软件服务中心',
    place: '西彭',
    kind: 'building',
    fields: ['industrialSoftware', 'industrialInternet'],
  },
  { name: '西彭智能制造服务中心', place: '西彭', kind: 'building', fields: ['industrialInternet'] },
  // western towns
  {
    name: '润泽（西南）国际信息港',
    place: '陶家',
    kind: 'park',
    fields: ['dataServices', 'aiAgents'],
    area: 360_000,
    seedTask: 17,
  },
  { name: '含谷智能网联汽车软件园', place: '含谷', kind: 'park', fields: ['automotiveSoftware'] },
  { name: '金凤软件产业园', place: '金凤', kind: 'park', fields: ['itServices', 'industrialSoftware'] },
  { name: '白市驿低空经济创新基地', place: '白市驿', kind: 'park', fields: ['lowAltitude'] },
];

export const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文冉向';
export const GIVEN_NAME_CHARS =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚浩宇欣怡子涵梓轩俊思雨婷晨阳鑫博文佳琪嘉宁一诺建国华红英玉兰海燕飞鹏凯亮晶莉倩雪琳颖璐';
