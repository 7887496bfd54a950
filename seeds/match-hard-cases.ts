/**
 * 匹配难例集: hand-written craftsmen and orders where matching by the taxonomy alone goes wrong, each
 * order labelled by hand (see seeds/match-hard-cases.md for how). Nothing here is computed by, or was
 * tuned against, the matching engine: the labels are what a union dispatcher would say, written before
 * the engine was run on them.
 */
import type { Craftsman, Honor } from '../src/domain/craftsmen/craftsman.js';
import { untouchedLifecycle, type Order, type OrderCategory } from '../src/domain/orders/order.js';
import { regionPath } from '../src/domain/regions/region.js';
import type { ServiceMode } from '../src/domain/shared/values.js';

export const HARD_CASES_NOW = Date.parse('2026-12-01T09:00:00+08:00');

// 黔南州 counties.
const 都匀 = '522701', 福泉 = '522702', 荔波 = '522722', 贵定 = '522723', 瓮安 = '522725', 独山 = '522726';
const 平塘 = '522727', 龙里 = '522730', 惠水 = '522731';

const national = (title = '全国劳动模范'): Honor[] => [{ title, level: 'national', year: 2018 }];
const provincial = (title = '贵州省劳动模范'): Honor[] => [{ title, level: 'provincial', year: 2019 }];
const prefecture = (title = '黔南州劳动模范'): Honor[] => [{ title, level: 'prefecture', year: 2020 }];

interface Spec {
  id: string;
  name: string;
  region: string;
  skills: Array<[name: string, grade: number]>;
  bio: string;
  honors?: Honor[];
  modes?: ServiceMode[];
  /** Ratings received (1..5); famous distractors get many fives. */
  ratings?: number[];
}

function craftsman(s: Spec): Craftsman {
  return {
    _id: s.id,
    name: s.name,
    phone: '13900000000',
    regionCode: s.region,
    regionPath: regionPath(s.region),
    honors: s.honors ?? [],
    skills: s.skills.map(([name, grade]) => ({ name, grade })),
    trades: [],
    industries: [],
    studio: null,
    serviceModes: s.modes ?? ['onsite'],
    capacity: 3,
    bio: s.bio,
    status: 'active',
    rating: null,
    ratingCount: s.ratings?.length ?? 0,
    recentRatings: s.ratings ?? [],
    completedCount: 0,
    activeCount: 0,
    lastAssignedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const FIVES = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5];

/** Famous, highly rated, and doing other work: in every county an order comes from. */
const distractors: Spec[] = [
  { id: 'd_weld', name: '龙国强', region: 都匀, skills: [['焊接', 1]], bio: '压力容器焊接三十年，多次解决设备故障和技术改造难题', honors: national(), ratings: FIVES },
  { id: 'd_plc', name: '杨建华', region: 福泉, skills: [['PLC编程', 1]], bio: '自动化生产线改造，设备故障排查，培训青年技术骨干', honors: national('大国工匠'), ratings: FIVES },
  { id: 'd_tea', name: '韦秀英', region: 荔波, skills: [['茶叶加工', 1]], bio: '都匀毛尖制作技艺传承，带动村民增收', honors: provincial(), ratings: FIVES },
  { id: 'd_car', name: '吴永福', region: 贵定, skills: [['汽车维修', 1]], bio: '汽车发动机故障诊断，维修保养', honors: national('全国五一劳动奖章'), ratings: FIVES },
  { id: 'd_fix', name: '罗志刚', region: 瓮安, skills: [['设备维修', 2]], bio: '工厂设备维修保养，现场排查各类设备故障', honors: prefecture(), ratings: FIVES },
  { id: 'd_cook', name: '石丽芳', region: 独山, skills: [['中式烹调', 1]], bio: '黔菜烹饪，酒店后厨管理与培训', honors: national(), ratings: FIVES },
  { id: 'd_guide', name: '蒙海涛', region: 龙里, skills: [['导游讲解', 1]], bio: '景区讲解与旅游服务培训', honors: provincial('贵州工匠'), ratings: FIVES },
  { id: 'd_build', name: '潘德昌', region: 平塘, skills: [['建筑施工', 1]], bio: '土建施工管理，工程质量与安全', honors: national(), ratings: FIVES },
];

/** Ordinary craftsmen of other trades, to fill the pool. */
const fillers: Spec[] = [
  ['物流仓储', 都匀], ['电子商务', 福泉], ['畜禽养殖', 荔波], ['砌筑抹灰', 贵定], ['银饰锻制', 瓮安], ['茶园管理', 独山], ['酒店服务', 平塘],
  ['中药材种植', 龙里], ['质量管理', 惠水], ['工程测量', 都匀], ['钢筋加工', 福泉], ['化学检验', 瓮安], ['水处理', 惠水], ['爆破作业', 独山],
].map(([skill, region], i) => ({ id: `f_${String(i).padStart(2, '0')}`, name: `普通工匠${i}`, region: region!, skills: [[skill!, 3]], bio: `从事${skill}工作多年，参与设备故障处理和新员工培训`, ratings: [5, 4] }));

const specialists: Spec[] = [
  // 酱香白酒 (not in the taxonomy)
  { id: 'a_liquor', name: '王酿', region: 瓮安, skills: [['白酒酿造', 2]], bio: '从事酱香白酒酿造二十年，熟悉制曲、窖池管理和摘酒' },
  { id: 'a_blend', name: '李勾', region: 福泉, skills: [['白酒勾调', 3]], bio: '白酒勾调与窖池养护，酒厂技术顾问' },
  { id: 'a_food', name: '赵食', region: 瓮安, skills: [['食品加工', 2]], bio: '酒厂灌装线与食品生产质量' },
  // 古建彩绘 (not in the taxonomy)
  { id: 'b_paint', name: '张彩', region: 贵定, skills: [['古建彩绘', 3]], bio: '古建彩绘修复，擅长梁枋彩画和沥粉贴金' },
  { id: 'b_wood', name: '周木', region: 荔波, skills: [['木工', 1]], bio: '古建筑木作修缮，榫卯结构' },
  { id: 'b_lacquer', name: '何漆', region: 荔波, skills: [['油漆工', 2]], bio: '建筑油漆涂装' },
  // 电梯 (not in the taxonomy)
  { id: 'c_lift', name: '孙梯', region: 福泉, skills: [['电梯安装维修', 2]], bio: '电梯维保十五年，熟悉控制柜与门机系统' },
  { id: 'c_lift2', name: '徐保', region: 都匀, skills: [['电梯维保', 3]], bio: '小区电梯日常维护保养和困人救援' },
  { id: 'c_elec', name: '郭电', region: 都匀, skills: [['电工', 2]], bio: '楼宇配电与照明线路维修' },
  // 储能 (not in the taxonomy)
  { id: 'e_storage', name: '林储', region: 都匀, skills: [['储能系统运维', 2]], bio: '锂电池储能电站运维，BMS告警分析与电池簇均衡', modes: ['remote', 'onsite'] },
  { id: 'e_ev', name: '马电', region: 福泉, skills: [['新能源汽车维修', 2]], bio: '动力电池检测与BMS故障排查' },
  { id: 'e_pv', name: '高光', region: 福泉, skills: [['光伏运维', 2]], bio: '光伏电站逆变器与组件巡检' },
  // 变频器: a specialist in the next county against a generalist next door
  { id: 'f_vfd', name: '陈变', region: 都匀, skills: [['变频器调试', 1]], bio: '变频器调试与维修，风机水泵节能改造' },
  { id: 'f_ctrl', name: '黄控', region: 贵定, skills: [['电气控制', 2]], bio: '电控柜设计与接线' },
  { id: 'f_general', name: '刘修', region: 贵定, skills: [['设备维修', 2]], bio: '厂里什么设备都修，机械电气都懂一些' },
  // 焊接 + 无损检测: several skills at once
  { id: 'g_both', name: '胡焊探', region: 福泉, skills: [['焊接', 2], ['无损检测', 2]], bio: '压力管道焊接与超声波探伤' },
  { id: 'g_weld', name: '朱焊', region: 都匀, skills: [['电焊', 1]], bio: '管道焊接返修' },
  { id: 'g_ndt', name: '文探', region: 都匀, skills: [['探伤', 2]], bio: '射线检测与焊缝评片' },
  // 竹编 (not in the taxonomy; the order names no skill)
  { id: 'h_bamboo', name: '蒙竹', region: 荔波, skills: [['竹编', 2]], bio: '竹编工艺品制作与村民培训', modes: ['training', 'onsite'] },
  { id: 'h_craft', name: '韦艺', region: 都匀, skills: [['竹木工艺', 3]], bio: '竹木工艺品设计', modes: ['training', 'onsite'] },
  { id: 'h_rattan', name: '罗藤', region: 贵定, skills: [['藤编', 2]], bio: '藤编家具与编织技法', modes: ['training', 'onsite'] },
  // 注塑 (not in the taxonomy)
  { id: 'i_mould', name: '姚塑', region: 都匀, skills: [['注塑成型', 2]], bio: '注塑工艺调机，解决缩痕、飞边、气泡' },
  { id: 'i_press', name: '邓机', region: 福泉, skills: [['注塑机维修', 3]], bio: '注塑机液压与电气维修' },
  { id: 'i_die', name: '冯模', region: 都匀, skills: [['模具制造', 2]], bio: '塑料模具设计与修模' },
  // 风电 (not in the taxonomy)
  { id: 'j_wind', name: '田风', region: 平塘, skills: [['风力发电运维', 2]], bio: '风电场风机登机检修，齿轮箱和变桨系统' },
  { id: 'j_vib', name: '杜振', region: 独山, skills: [['振动分析', 2]], bio: '旋转设备振动监测与故障诊断' },
  { id: 'j_hv', name: '唐高', region: 独山, skills: [['高压电工', 2]], bio: '升压站高压设备运维' },
  // 石雕 (not in the taxonomy)
  { id: 'k_stone', name: '石雕匠', region: 惠水, skills: [['石雕', 2]], bio: '石材雕刻，石狮、石栏杆修复' },
  { id: 'k_wood', name: '木雕匠', region: 龙里, skills: [['木雕', 2]], bio: '木雕工艺品' },
  // PLC + 变频器
  { id: 'l_both', name: '谢控', region: 都匀, skills: [['PLC编程', 2], ['变频器调试', 2]], bio: '自动化产线PLC程序与变频调速' },
];

export const hardCasePool: Craftsman[] = [...distractors, ...fillers, ...specialists].map(craftsman);

interface OrderSpec {
  id: string;
  region: string;
  title: string;
  description: string;
  skills: string[];
  category?: OrderCategory;
  modes?: ServiceMode[];
  /** Hand labels: 3 首选 / 2 可选 / 1 备选; everyone unnamed is 0. */
  labels: Record<string, number>;
  /** Why, in the dispatcher's words. */
  why: string;
}

const orderSpecs: OrderSpec[] = [
  {
    id: 'h01', region: 瓮安, title: '酱香型白酒窖池发酵异常', description: '窖池发酵温度异常，出酒率下降，需要酿酒师傅现场指导制曲和摘酒。', skills: ['酱香白酒酿造'],
    labels: { a_liquor: 3, a_blend: 2, a_food: 1 }, why: '酿酒本行的王酿同县首选；勾调师傅懂窖池可选；食品加工只懂灌装，备选。设备维修的州劳模不对口。',
  },
  {
    id: 'h02', region: 荔波, title: '古寺梁枋彩绘修复', description: '寺庙梁枋彩绘褪色剥落，需要懂古建彩绘的师傅修复。', skills: ['古建筑彩绘'],
    labels: { b_paint: 3, b_wood: 1, b_lacquer: 1 }, why: '古建彩绘师傅在贵定也要请；同县木工懂古建、漆工会涂装，只能备选；同县的省劳模做茶，不对口。',
  },
  {
    id: 'h03', region: 都匀, title: '电梯频繁困人', description: '小区电梯频繁停梯困人，需要电梯维修保养人员排查控制柜和门机。', skills: ['电梯维修'],
    labels: { c_lift: 3, c_lift2: 3, c_elec: 1 }, why: '两位电梯师傅都首选（一位技师在邻县，一位同县）；电工能看控制柜电源，备选；同县的全国劳模是焊工，不对口。',
  },
  {
    id: 'h04', region: 福泉, title: '储能电站电池簇温差过大', description: '锂电池储能电站电池簇温差大、BMS频繁告警，需要储能运维专家远程或现场诊断。', skills: ['储能电站运维'], modes: ['remote', 'onsite'],
    labels: { e_storage: 3, e_ev: 2, e_pv: 1 }, why: '储能运维师傅可远程，首选；新能源车的电池BMS相通，可选；光伏运维同属新能源电站，备选。大国工匠做PLC，不对口。',
  },
  {
    id: 'h05', region: 贵定, title: '风机变频器报过压故障', description: '车间风机变频器频繁报过压跳闸，需要变频器调试师傅处理。', skills: ['变频器调试'],
    labels: { f_vfd: 3, l_both: 3, f_ctrl: 2, f_general: 1 }, why: '邻县都匀的变频器专家（含兼会PLC的谢控）首选，胜过隔壁的多面手；同县电气控制师傅可选；同县设备维修多面手备选。',
  },
  {
    id: 'h06', region: 都匀, title: '压力管道焊缝返修并复检', description: '压力管道焊缝有缺陷，需要焊接返修后进行无损检测复检。', skills: ['焊接', '无损检测'],
    labels: { g_both: 3, g_weld: 2, g_ndt: 2, d_weld: 2 }, why: '焊接和探伤都会的胡焊探首选（在福泉也值得）；只会其一的同县师傅可选（含全国劳模焊工）。',
  },
  {
    id: 'h07', region: 荔波, title: '竹编工艺品培训需求', description: '村里想发展竹编产业，需要竹编师傅开展培训，教授编织技法。', skills: [], category: 'skills_training', modes: ['training', 'onsite'],
    labels: { h_bamboo: 3, h_craft: 2, h_rattan: 2 }, why: '企业没填技能，标题说竹编：同县竹编师傅首选；竹木工艺、藤编技法相通，可选。',
  },
  {
    id: 'h08', region: 都匀, title: '注塑件缩痕飞边', description: '注塑机生产的塑料外壳出现缩痕和飞边，需要注塑工艺师傅调机。', skills: ['注塑'],
    labels: { i_mould: 3, i_press: 2, i_die: 1 }, why: '注塑工艺师傅同县首选；注塑机维修懂设备，可选；修模师傅备选。',
  },
  {
    id: 'h09', region: 独山, title: '风机齿轮箱异响', description: '风电场风机齿轮箱异响、振动偏大，需要风电检修人员登机检查。', skills: ['风电机组检修'],
    labels: { j_wind: 3, j_vib: 2, j_hv: 1 }, why: '风电运维师傅在平塘也首选；同县振动分析师傅能诊断齿轮箱，可选；高压电工备选。同县全国劳模是厨师。',
  },
  {
    id: 'h10', region: 龙里, title: '石狮子雕刻修补', description: '景区石狮子局部破损，需要石雕师傅修补雕刻。', skills: ['石材雕刻'],
    labels: { k_stone: 3, k_wood: 1 }, why: '惠水的石雕师傅首选；同县木雕师傅懂雕刻，备选；同县省级工匠是导游。',
  },
  {
    id: 'h11', region: 福泉, title: '产线PLC与变频器联调', description: '新产线PLC程序和变频调速联调不成功，需要懂PLC编程和变频器调试的师傅。', skills: ['PLC编程', '变频器调试'],
    labels: { l_both: 3, d_plc: 2, f_vfd: 2, f_ctrl: 1, c_elec: 1 }, why: '两样都会的谢控首选；只会其一的（含大国工匠PLC、变频器专家）可选；电气控制、电工备选。',
  },
];

export const hardCaseOrders: Array<{ order: Order; labels: Record<string, number>; why: string }> = orderSpecs.map((s) => ({
  order: {
    _id: s.id,
    enterpriseId: 'e_hard',
    enterpriseName: '某企业',
    title: s.title,
    description: s.description,
    category: s.category ?? 'technical_problem',
    requiredSkills: s.skills,
    regionCode: s.region,
    regionPath: regionPath(s.region),
    urgency: 'normal',
    preferredModes: s.modes ?? ['onsite'],
    expectedBy: null,
    autoDispatch: false,
    status: 'open',
    ...untouchedLifecycle('2026-11-30T09:00:00+08:00'),
    timeline: [],
  },
  labels: s.labels,
  why: s.why,
}));
