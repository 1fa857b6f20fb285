// The key areas (重点领域) an enterprise can work in, and the honours recorded for it, as the plan names them.
import { z } from 'zod';

export interface Field {
  code: string;
  zh: string;
  en: string;
  /** Key tasks of the seed plan (numbered 1–22) that name this area: the link from a field back to the plan. */
  tasks: readonly number[];
}

/**
 * In the plan's own order: section 一 (agents), 二 (new business forms), 三 (professional software),
 * then the areas sections 四 and 五 name. The plan lists more application areas than these (education,
 * health, science popularisation in task 3); they stay under `aiAgents` because the plan treats them
 * as places to deploy agents, not as industries of their own.
 */
export const fields = [
  { code: 'aiAgents', zh: 'AI智能体', en: 'AI agents', tasks: [1, 2, 3, 11, 12, 14] },
  {
    code: 'smartGovernance',
    zh: '城市治理与数字政务',
    en: 'City governance & digital government',
    tasks: [1, 12, 21],
  },
  { code: 'lowAltitude', zh: '低空经济', en: 'Low-altitude economy', tasks: [3] },
  { code: 'games', zh: '游戏', en: 'Games', tasks: [4] },
  { code: 'filmAnimation', zh: '影视动漫', en: 'Film & animation', tasks: [5] },
  { code: 'liveStreaming', zh: '直播经济', en: 'Live streaming', tasks: [6] },
  { code: 'industrialSoftware', zh: '工业软件', en: 'Industrial software', tasks: [7, 11] },
  { code: 'automotiveSoftware', zh: '汽车软件', en: 'Automotive software', tasks: [8] },
  { code: 'satelliteBeidou', zh: '卫星互联网及北斗', en: 'Satellite internet & Beidou', tasks: [9, 11] },
  { code: 'openHarmony', zh: '开源鸿蒙', en: 'OpenHarmony', tasks: [10, 19] },
  {
    code: 'itServices',
    zh: '信息技术服务与系统集成',
    en: 'IT services & system integration',
    tasks: [11, 12],
  },
  { code: 'digitalTwins', zh: '数字孪生', en: 'Digital twins', tasks: [12] },
  { code: 'industrialInternet', zh: '工业互联网平台', en: 'Industrial internet platforms', tasks: [14, 16] },
  {
    code: 'dataServices',
    zh: '数据标注与可信数据空间',
    en: 'Data labelling & trusted data spaces',
    tasks: [14],
  },
  { code: 'digitalContent', zh: '数字内容', en: 'Digital content', tasks: [16, 22] },
] as const satisfies readonly Field[];

export type FieldCode = (typeof fields)[number]['code'];

export const fieldCodes = fields.map((f) => f.code) as unknown as readonly [FieldCode, ...FieldCode[]];
export const fieldCodeSchema = z.enum(fieldCodes);

export interface HonourKindInfo {
  code: string;
  zh: string;
  en: string;
  /** Who awards it: 'national' = 工业和信息化部, 'municipal' = 重庆市经济和信息化委员会. */
  level: 'national' | 'municipal';
  /** 'enterprise' for most; the Xingbangshou honour goes to a service platform run by an enterprise. */
  awardedTo: 'enterprise' | 'platform';
}

/**
 * Honours are recorded, never computed: each comes from an official list. The tiers the platform
 * computes itself (上星 shangxing, 瞪羚 gazelle) are deliberately not here.
 */
export const honourKinds = [
  {
    code: 'littleGiant',
    zh: '专精特新“小巨人”',
    en: 'Little giant',
    level: 'national',
    awardedTo: 'enterprise',
  },
  { code: 'qimingxing', zh: '启明星', en: 'Qimingxing', level: 'municipal', awardedTo: 'enterprise' },
  { code: 'beidouxing', zh: '北斗星', en: 'Beidouxing', level: 'municipal', awardedTo: 'enterprise' },
  {
    code: 'xingbangshou',
    zh: '“星帮手”平台',
    en: 'Xingbangshou platform',
    level: 'municipal',
    awardedTo: 'platform',
  },
] as const satisfies readonly HonourKindInfo[];

export type HonourKind = (typeof honourKinds)[number]['code'];

export const honourKindCodes = honourKinds.map((h) => h.code) as unknown as readonly [
  HonourKind,
  ...HonourKind[],
];
export const honourKindSchema = z.enum(honourKindCodes);

const fieldByCode = new Map<string, (typeof fields)[number]>(fields.map((f) => [f.code, f]));
const honourByCode = new Map<string, (typeof honourKinds)[number]>(honourKinds.map((h) => [h.code, h]));

/** The field with this code, or undefined for a code the platform does not know (e.g. from an old import). */
export function findField(code: string): (typeof fields)[number] | undefined {
  return fieldByCode.get(code);
}

export function findHonourKind(code: string): (typeof honourKinds)[number] | undefined {
  return honourByCode.get(code);
}
