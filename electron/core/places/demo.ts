import { base, Faker, zh_CN } from '@faker-js/faker';
import type { z } from 'zod';
import type { CheckpointFields, CommunityFields, CompoundFields, GridFields } from '../../../shared/api/places';
import type { CommunityKindCode, ControlLevelCode, ManagementTypeCode } from '../../../shared/domain/enums';

/**
 * A fictional street office at the scale of seed article 002 (3 villages, 7 communities,
 * 5 neighbourhood committees, 9 grid areas, 168 compounds, 99 checkpoints, ~140,000
 * people). Everything comes from one seeded faker, so the same seed gives the same data.
 */
export const DEMO_SEED = 20200127;
export const DEMO_CENTRE = { lng: 115.65, lat: 34.41 };
export const DEMO_TARGET_POPULATION = 140_000;

type Out<T extends z.ZodType> = z.output<T>;
export interface DemoOffice {
  office: { name: string; divisionCode: string };
  grids: Out<typeof GridFields>[];
  /** gridIndex links a community's compounds to one of the grids above. */
  communities: (Out<typeof CommunityFields> & { gridIndex: number; centre: [number, number] })[];
  /** communityIndex/gridIndex refer to the arrays above; ids are assigned on insert. */
  compounds: (Omit<Out<typeof CompoundFields>, 'communityId' | 'gridId'> & { communityIndex: number; gridIndex: number })[];
  checkpoints: (Omit<Out<typeof CheckpointFields>, 'communityId' | 'compoundId'> & { communityIndex: number; compoundIndex: number | null })[];
}

const COMMUNITIES: [string, CommunityKindCode, number][] = [
  ['建设路社区', 'community', 14],
  ['文化路社区', 'community', 13],
  ['民主路社区', 'community', 12],
  ['凯旋路社区', 'community', 12],
  ['神火社区', 'community', 11],
  ['平安社区', 'community', 11],
  ['新华社区', 'community', 10],
  ['东风居委会', 'committee', 10],
  ['红旗居委会', 'committee', 10],
  ['胜利居委会', 'committee', 9],
  ['光明居委会', 'committee', 9],
  ['团结居委会', 'committee', 9],
  ['王庄村', 'village', 13],
  ['李楼村', 'village', 13],
  ['张集村', 'village', 12],
];
const PREFIXES = [
  '馨苑',
  '锦绣',
  '阳光',
  '幸福',
  '和平',
  '祥和',
  '金桂',
  '翠竹',
  '丽景',
  '紫荆',
  '银河',
  '书香',
  '康乐',
  '瑞祥',
  '福润',
  '嘉禾',
  '德馨',
  '盛世',
  '清华',
  '兴业',
  '宏图',
  '长青',
  '明珠',
  '华庭',
  '西城',
  '八一',
  '东湖',
  '南苑',
  '北辰',
  '梧桐',
  '香榭',
  '雅居',
];
const SUFFIXES = ['华园', '花园', '小区', '家园', '新村', '公寓', '名都', '雅苑', '佳苑', '新苑', '嘉园', '御景'];
const UNITS = [
  '供电公司',
  '市二中',
  '第一人民医院',
  '粮食局',
  '纺织厂',
  '棉纺厂',
  '税务局',
  '农机站',
  '交通局',
  '水利局',
  '邮政局',
  '印刷厂',
  '化肥厂',
  '烟草公司',
  '建筑公司',
  '林业局',
];
const PROPERTY = ['安居物业', '恒泰物业', '宏达物业', '金盾物业', '华信物业', '嘉和物业', '顺安物业', '德润物业'];
const ROADS = ['建设路', '文化路', '民主路', '凯旋路', '神火大道', '平原路', '归德路', '长江路', '黄河路', '睢阳大道'];
const GATES = ['东门', '南门', '西门', '北门'];

export function generateDemo(seed = DEMO_SEED): DemoOffice {
  const f = new Faker({ locale: [zh_CN, base], seed });
  const int = (min: number, max: number) => f.number.int({ min, max });
  const jitter = (span: number) => f.number.float({ min: -span, max: span, fractionDigits: 6 });
  const mobile = () => `1${f.helpers.arrayElement(['35', '37', '38', '39', '50', '58', '86', '87'])}${f.string.numeric(8)}`;
  const person = () => f.person.lastName() + f.person.firstName();

  const grids = Array.from({ length: 9 }, (_, i) => ({
    name: `第${'一二三四五六七八九'[i]}片区`,
    leader: person(),
    leaderPhone: mobile(),
    note: null,
  }));

  const communities = COMMUNITIES.map(([name, kind], i) => {
    const far = kind === 'village' ? 1.8 : 1;
    return {
      name,
      kind,
      secretary: person(),
      phone: mobile(),
      note: null,
      gridIndex: Math.floor((i * 9) / COMMUNITIES.length),
      centre: [DEMO_CENTRE.lng + jitter(0.03) * far, DEMO_CENTRE.lat + jitter(0.025) * far] as [number, number],
    };
  });

  const names = f.helpers.shuffle(PREFIXES.flatMap((p) => SUFFIXES.map((s) => p + s)));
  const units = f.helpers.shuffle([...UNITS]);
  const total = COMMUNITIES.reduce((n, c) => n + c[2], 0);
  const order = f.helpers.shuffle(Array.from({ length: total }, (_, i) => i));
  const management = (i: number): ManagementTypeCode => {
    const rank = order.indexOf(i);
    return rank < 20 ? 'unmanaged' : rank < 20 + 40 ? 'self' : 'managed';
  };
  const control = (rank: number): ControlLevelCode => (rank < 2 ? 'sealed' : rank < 6 ? 'controlled' : rank < 18 ? 'precaution' : 'normal');
  const controlOrder = f.helpers.shuffle(Array.from({ length: total }, (_, i) => i));

  let index = 0;
  const compounds: DemoOffice['compounds'] = [];
  const placed: { lng: number; lat: number; half: number }[] = [];
  COMMUNITIES.forEach(([, kind, n], ci) => {
    for (let k = 0; k < n; k++, index++) {
      // Villages have no property companies: their compounds are self-run or unmanaged.
      const type = kind === 'village' && management(index) === 'managed' ? 'self' : management(index);
      const households = type === 'managed' ? int(260, 1400) : type === 'self' ? int(40, 320) : int(20, 140);
      const name = type === 'self' && kind !== 'village' && units.length > 0 && f.datatype.boolean() ? `${units.pop()}家属院` : names.pop()!;
      const [clng, clat] = communities[ci]!.centre;
      // Compounds do not overlap: retry a few placements, then accept the last one.
      const half = 0.00025 + Math.sqrt(households) * 0.000025;
      let lng = clng;
      let lat = clat;
      for (let attempt = 0; attempt < 30; attempt++) {
        lng = clng + jitter(0.009 + attempt * 0.0004);
        lat = clat + jitter(0.007 + attempt * 0.0003);
        if (!placed.some((b) => Math.abs(b.lng - lng) < b.half + half + 0.0002 && Math.abs(b.lat - lat) < (b.half + half) * 0.8 + 0.0002)) break;
      }
      placed.push({ lng, lat, half });
      const ring: [number, number][] = [
        [lng - half, lat - half * 0.8],
        [lng + half, lat - half * 0.8],
        [lng + half, lat + half * 0.8],
        [lng - half, lat + half * 0.8],
      ];
      compounds.push({
        name,
        communityIndex: ci,
        gridIndex: communities[ci]!.gridIndex,
        managementType: type,
        propertyCompany: type === 'managed' ? `${f.helpers.arrayElement(PROPERTY)}服务有限公司` : null,
        buildings: Math.max(1, Math.round(households / int(24, 72))),
        households,
        population: Math.round(households * f.number.float({ min: 2.4, max: 3.3 })),
        controlLevel: control(controlOrder.indexOf(index)),
        lng: round6(lng),
        lat: round6(lat),
        boundary: { type: 'Polygon', coordinates: [[...ring, ring[0]!].map(([x, y]) => [round6(x), round6(y)] as [number, number])] },
      });
    }
  });
  // Scale to the article's "近14万" residents while keeping each compound's shape.
  const sum = compounds.reduce((n, c) => n + c.population, 0);
  for (const c of compounds) {
    c.population = Math.max(1, Math.round((c.population * DEMO_TARGET_POPULATION) / sum));
    c.households = Math.max(1, Math.round(c.population / 2.8));
  }

  return {
    office: { name: '平原示范街道办事处', divisionCode: '411402900' },
    grids,
    communities,
    compounds,
    checkpoints: demoCheckpoints(f, communities, compounds),
  };
}

function demoCheckpoints(f: Faker, communities: DemoOffice['communities'], compounds: DemoOffice['compounds']): DemoOffice['checkpoints'] {
  const out: DemoOffice['checkpoints'] = [];
  const statusOf = (i: number) => (i % 19 === 7 ? 'paused' : i % 41 === 3 ? 'removed' : 'active') as 'active' | 'paused' | 'removed';
  // 70 gates: the biggest compounds and every unmanaged one, which the office must staff itself.
  const ranked = compounds
    .map((c, i) => ({ c, i, score: (c.managementType === 'unmanaged' ? 1e6 : 0) + c.households }))
    .filter(({ c }) => communities[c.communityIndex]!.kind !== 'village')
    .sort((a, b) => b.score - a.score)
    .slice(0, 70);
  ranked.forEach(({ c, i }, n) => {
    const gate = GATES[n % 4]!;
    const ring = c.boundary!.coordinates[0]!;
    const [x, y] =
      gate === '东门'
        ? mid(ring[1]!, ring[2]!)
        : gate === '南门'
          ? mid(ring[0]!, ring[1]!)
          : gate === '西门'
            ? mid(ring[3]!, ring[0]!)
            : mid(ring[2]!, ring[3]!);
    out.push({
      name: `${c.name}${gate}`,
      kind: 'gate',
      communityIndex: c.communityIndex,
      compoundIndex: i,
      lng: x,
      lat: y,
      hours: 'allDay',
      staffPerShift: f.number.int({ min: 2, max: 3 }),
      status: statusOf(out.length),
      note: null,
    });
  });
  const roads = f.helpers.shuffle(ROADS.flatMap((a, i) => ROADS.slice(i + 1).map((b) => `${a}与${b}交叉口卡点`))).slice(0, 15);
  roads.forEach((name, n) => {
    const ci = n % 12;
    const [lng, lat] = communities[ci]!.centre;
    out.push({
      name,
      kind: 'road',
      communityIndex: ci,
      compoundIndex: null,
      lng: round6(lng + 0.01),
      lat: round6(lat - 0.004),
      hours: n % 3 === 0 ? 'daytime' : 'allDay',
      staffPerShift: f.number.int({ min: 2, max: 4 }),
      status: statusOf(out.length),
      note: null,
    });
  });
  for (let n = 0; out.length < 99; n++) {
    const ci = 12 + (n % 3);
    const [lng, lat] = communities[ci]!.centre;
    const side = ['东', '南', '西', '北', '东南'][Math.floor(n / 3)]!;
    out.push({
      name: `${communities[ci]!.name}${side}村口卡点`,
      kind: 'village',
      communityIndex: ci,
      compoundIndex: null,
      lng: round6(lng + (n % 2 ? 0.012 : -0.012)),
      lat: round6(lat + (n % 3) * 0.004),
      hours: 'allDay',
      staffPerShift: 2,
      status: statusOf(out.length),
      note: null,
    });
  }
  return out;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const mid = (a: [number, number], b: [number, number]): [number, number] => [round6((a[0] + b[0]) / 2), round6((a[1] + b[1]) / 2)];
