import type { OrderCategory, Urgency } from '../src/domain/orders/order.js';
import type { ServiceMode } from '../src/domain/shared/values.js';
import type { SectorKey } from './sectors.js';

export interface OrderTemplate {
  category: OrderCategory;
  urgency: Urgency;
  preferredModes: ServiceMode[];
  requiredSkills: string[];
  title: string;
  description: string;
}

const t = (category: OrderCategory, urgency: Urgency, preferredModes: ServiceMode[], requiredSkills: string[], title: string, description: string): OrderTemplate => ({
  category, urgency, preferredModes, requiredSkills, title, description,
});

/** Requests per sector, handed out in order to the sector's enterprises (the demo enterprise takes the first four maintenance ones). */
export const orderTemplates: Readonly<Record<SectorKey, readonly OrderTemplate[]>> = {
  maintenance: [
    t('equipment_repair', 'high', ['onsite'], ['PLC编程', '电气控制'], '冲压线 PLC 控制系统频繁报通讯故障', '冲压生产线西门子 S7-300 PLC 与触摸屏之间每天出现 3～5 次通讯中断，线体急停，厂家售后排期较长，急需有经验的师傅现场排查。'),
    t('equipment_repair', 'normal', ['onsite', 'remote'], ['电工', '设备维修'], '车间配电柜跳闸原因排查', '机加工车间 2 号配电柜近一个月多次跳闸，已更换断路器仍未解决，怀疑线路老化或负载不平衡，需要现场检测并给出整改方案。'),
    t('process_improvement', 'normal', ['onsite'], ['电气控制', '变频器调试'], '空压机组变频节能改造', '车间 3 台 75kW 空压机为工频运行，用气量波动大、电耗高，希望进行变频改造并优化联控逻辑，降低用电成本。'),
    t('skills_training', 'low', ['training'], ['电工', 'PLC编程'], '青年电工 PLC 编程与排故培训', '企业新招青年电工 20 余人，缺乏 PLC 编程和现场排故经验，希望劳模工匠来厂开展为期两天的实操培训。'),
    t('equipment_repair', 'critical', ['onsite'], ['设备维修', '电机维修'], '取水泵站主泵电机异响振动', '取水泵站 2 号主泵电机运行中出现明显异响和振动，轴承温度偏高，影响城区供水保障，需尽快诊断处理。'),
    t('technical_problem', 'normal', ['onsite', 'remote'], ['PLC编程', '设备故障诊断'], '加药系统自动控制不稳定', '净水厂加药系统 PLC 自动投加与在线浊度仪联动不稳定，出水浊度偶有波动，需要优化控制程序和参数。'),
  ],
  equipment: [
    t('technical_problem', 'high', ['onsite'], ['数控车削', '数控编程'], '薄壁套类零件车削变形超差', '为汽车配件厂配套的薄壁套类零件，在数控车床精加工后圆度超差，合格率仅 80% 左右，需要优化装夹方式和切削参数。'),
    t('mentoring', 'low', ['mentoring'], ['数控铣削', '机械加工'], '加工中心操作工师带徒', '企业新上 2 台立式加工中心，操作人员经验不足，希望结成师徒对子，用半年时间带出 2 名能独立编程操作的骨干。'),
    t('equipment_repair', 'high', ['onsite'], ['数控机床维修'], '数控机床主轴定位报警', '一台 FANUC 系统数控车床主轴定向时频繁报警停机，影响订单交付，需要懂数控系统和伺服的师傅上门维修。'),
    t('process_improvement', 'normal', ['onsite', 'remote'], ['工业机器人', '机械加工'], '机械加工上下料自动化改造', '计划在两条机加工线上引入工业机器人自动上下料，需要专家帮助评估方案、夹爪设计和节拍匹配。'),
  ],
  tea: [
    t('process_improvement', 'normal', ['onsite'], ['茶叶加工'], '都匀毛尖机制茶条索与色泽提升', '春茶季机械化加工的毛尖茶条索偏松、色泽发暗，与手工茶差距较大，希望老师傅指导杀青、揉捻和提毫工艺参数。'),
    t('skills_training', 'normal', ['training'], ['茶叶加工', '茶艺'], '制茶工与评茶员技能培训', '合作基地有 40 余名制茶工，希望在春茶前开展手工制茶和茶叶审评培训，提升成品茶一致性。'),
    t('technical_problem', 'normal', ['onsite'], ['茶园管理', '植保'], '茶园小绿叶蝉危害防控', '300 亩有机茶园小绿叶蝉危害严重，不能使用化学农药，需要绿色防控方案和现场指导。'),
    t('mentoring', 'low', ['mentoring'], ['茶叶加工'], '手工毛尖制作传承师带徒', '企业希望培养手工毛尖制作传承人，请制茶大师带 3 名青年茶工，系统学习传统工艺。'),
    t('process_improvement', 'normal', ['onsite', 'remote'], ['茶叶加工', '食品安全'], '茶叶加工车间 SC 认证整改', '茶叶加工车间准备申请食品生产许可，现场布局和卫生管理存在不少问题，需要指导整改。'),
    t('skills_training', 'low', ['training', 'remote'], ['电子商务', '茶艺'], '茶叶直播带货与茶艺展示培训', '企业开设网店后销量一般，希望对 15 名销售人员开展直播带货和茶艺展示培训。'),
  ],
  building: [
    t('technical_problem', 'high', ['onsite'], ['建材生产', '窑炉操作'], '回转窑结圈影响产量', '2500t/d 熟料生产线回转窑近期频繁结圈，被迫降产运行，需要有经验的窑操师傅诊断原因并指导调整。'),
    t('process_improvement', 'normal', ['onsite'], ['磷石膏综合利用', '建材生产'], '磷石膏制砌块强度不稳定', '利用园区磷石膏生产砌块，产品强度波动大，部分批次不合格，希望优化原料预处理和配方。'),
    t('equipment_repair', 'normal', ['onsite'], ['设备维修', '液压系统'], '压砖机液压系统压力不足', '全自动压砖机液压系统保压时压力下降，砖坯密实度不够，需要液压维修师傅排查处理。'),
    t('skills_training', 'normal', ['training'], ['化学检验', '建材生产'], '水泥化验室检验人员培训', '化验室新进人员多，水泥物理和化学检验操作不规范，希望开展一次系统培训。'),
    t('equipment_repair', 'high', ['onsite'], ['设备维修', '电机维修'], '立磨主电机过热停机', '生料立磨主电机运行中温度过高，保护动作停机，需要电机维修专家上门诊断。'),
    t('technical_problem', 'normal', ['onsite', 'remote'], ['混凝土施工', '建材生产'], '商品混凝土坍落度损失过快', '夏季高温施工期间商品混凝土运输途中坍落度损失大，现场泵送困难，需要优化配合比和外加剂方案。'),
  ],
  automotive: [
    t('technical_problem', 'normal', ['onsite'], ['新能源汽车维修', '汽车电气'], '新能源汽车高压系统故障诊断', '店内接修的新能源车辆增多，技师对高压系统绝缘故障诊断没有把握，希望请专家现场指导几个疑难案例。'),
    t('skills_training', 'normal', ['training'], ['新能源汽车维修'], '新能源汽车维修安全操作培训', '为 12 名维修技师开展新能源汽车高压安全防护和三电系统维修培训。'),
    t('equipment_repair', 'high', ['onsite'], ['工程机械维修', '液压系统'], '挖掘机液压系统动作无力', '承接的乡村道路工程中一台挖掘机大臂动作无力，怀疑主泵或多路阀故障，急需维修。'),
    t('mentoring', 'low', ['mentoring'], ['汽车维修', '钣金喷漆'], '汽修学徒钣金喷漆师带徒', '企业招收了 3 名职校毕业学徒，希望由钣金喷漆老师傅带教一年。'),
  ],
  power: [
    t('skills_training', 'normal', ['training'], ['配电线路', '带电作业'], '配网抢修班组带电作业培训', '针对凝冻季节配网抢修任务，希望为抢修班组 20 名员工开展带电作业和安全规程培训。'),
    t('technical_problem', 'high', ['onsite'], ['继电保护', '变电运维'], '用户变电站保护装置误动作', '为园区企业代维的 35kV 用户变电站保护装置多次误动作跳闸，需要继电保护专家协助分析定值和二次回路。'),
  ],
  phosphorus: [
    t('technical_problem', 'high', ['onsite'], ['磷化工', '化工操作'], '湿法磷酸萃取槽过滤强度下降', '磷酸装置萃取后料浆过滤强度明显下降，石膏结晶细小，产能受限，需要工艺专家现场诊断。'),
    t('process_improvement', 'normal', ['onsite', 'remote'], ['硫酸生产', '化工操作'], '硫磺制酸余热回收系统优化', '硫酸装置余热锅炉产汽量低于设计值，希望优化余热回收系统运行参数，提高蒸汽产量。'),
    t('equipment_repair', 'high', ['onsite'], ['仪表维修', 'DCS组态'], '磷酸浓缩装置仪表与 DCS 联锁故障', '浓缩装置多台液位、温度仪表漂移，DCS 联锁误动作导致停车两次，需要仪表专家排查。'),
    t('skills_training', 'normal', ['training'], ['化工安全', '化工操作'], '化工总控工安全操作培训', '新入职化工总控工 30 人，希望开展危险化学品安全和装置开停车操作培训。'),
    t('technical_problem', 'normal', ['onsite'], ['磷化工', '化学检验'], '精细磷酸盐产品杂质超标', '食品级磷酸盐产品铁、砷含量时有超标，需要从原料、工艺到检验环节系统排查。'),
    t('mentoring', 'low', ['mentoring'], ['DCS组态', '仪表维修'], '仪表工师带徒培养', '企业仪表班组青黄不接，希望由仪表专家带 2 名青年仪表工，重点学习 DCS 组态和调节阀维护。'),
    t('technical_problem', 'high', ['onsite'], ['水处理', '环保设施运维'], '园区污水处理站总磷出水超标', '化工园区污水处理站进水含磷浓度波动大，出水总磷偶有超标，需要优化除磷工艺和加药控制。'),
    t('process_improvement', 'normal', ['onsite', 'remote'], ['环保设施运维', '化工安全'], '尾气洗涤系统氟回收改进', '磷酸装置尾气洗涤系统氟回收率偏低，希望在不影响生产的前提下改进洗涤工艺。'),
  ],
  mining: [
    t('equipment_repair', 'critical', ['onsite'], ['矿山机电', '设备维修'], '主井提升机制动系统异常', '主井提升机盘形制动器制动力矩不足，存在安全隐患，已停用，急需矿山机电专家现场检修。'),
    t('skills_training', 'normal', ['training'], ['安全生产', '应急救援'], '井下作业人员安全与应急培训', '为井下 60 名作业人员开展安全生产和应急救援实操培训，提升隐患辨识和自救互救能力。'),
  ],
  tourism: [
    t('skills_training', 'normal', ['training'], ['导游讲解'], '景区讲解员民族文化讲解培训', '旅游旺季前需要对 25 名讲解员开展布依族、水族、瑶族民族文化讲解培训。'),
    t('process_improvement', 'low', ['onsite', 'training'], ['酒店服务'], '酒店客房服务标准提升', '酒店客房投诉主要集中在卫生和服务响应，希望请行业能手帮助梳理服务标准并现场带教。'),
    t('skills_training', 'normal', ['training'], ['中式烹调'], '景区餐饮黔南特色菜培训', '景区餐厅希望推出黔南特色菜单，请烹饪大师为厨师团队开展特色菜品制作培训。'),
    t('mentoring', 'low', ['mentoring'], ['导游讲解', '电子商务'], '青年讲解员新媒体宣传师带徒', '希望培养 2 名能做短视频和直播推介的青年讲解员。'),
    t('process_improvement', 'normal', ['onsite', 'remote'], ['酒店服务', '电子商务'], '民宿集群线上运营提升', '周边民宿集群入住率偏低，希望指导线上平台运营和服务规范。'),
  ],
  textile: [
    t('skills_training', 'normal', ['training'], ['民族刺绣'], '瑶族刺绣技艺培训班', '组织村里 30 名妇女开展瑶族刺绣技艺培训，帮助她们居家就业。'),
    t('process_improvement', 'normal', ['onsite'], ['蜡染', '服装制作'], '枫香染面料色牢度提升', '枫香染面料水洗后褪色明显，影响订单，希望改进染色和固色工艺。'),
    t('mentoring', 'low', ['mentoring'], ['蜡染'], '枫香染传承人师带徒', '企业希望由枫香染老师傅带 3 名年轻绣娘，传承传统纹样绘制技艺。'),
    t('skills_training', 'normal', ['training'], ['马尾绣'], '马尾绣绣娘提升培训', '合作社 40 余名绣娘针法水平参差不齐，希望请马尾绣大师开展提升培训。'),
    t('process_improvement', 'low', ['onsite', 'remote'], ['马尾绣', '服装制作'], '马尾绣文创产品开发', '希望将马尾绣应用到箱包、服饰等文创产品上，需要工艺和设计指导。'),
  ],
  food: [
    t('technical_problem', 'normal', ['onsite'], ['食品加工', '食品安全'], '糟辣椒产品胀袋问题', '糟辣椒袋装产品在夏季出现胀袋，需要查找杀菌和包装工艺上的原因。'),
    t('technical_problem', 'high', ['onsite'], ['食品加工', '质量管理'], '盐酸菜发酵批次质量不稳定', '独山盐酸菜规模化生产后各批次口感和酸度差异大，希望建立发酵工艺标准。'),
    t('skills_training', 'normal', ['training'], ['食品安全'], '食品生产企业 HACCP 体系培训', '企业准备申请 HACCP 认证，希望对管理人员和班组长开展体系培训。'),
    t('process_improvement', 'normal', ['onsite', 'remote'], ['刺梨加工', '食品加工'], '刺梨原汁维生素 C 损失偏高', '刺梨原汁在浓缩和杀菌过程中维生素 C 损失较大，希望优化低温浓缩工艺。'),
    t('equipment_repair', 'high', ['onsite'], ['设备维修', '电气控制'], '刺梨果汁灌装线停机频繁', '果汁灌装线旋盖机和贴标机频繁卡停，旺季产能受限，需要设备维修专家上门。'),
    t('process_improvement', 'low', ['onsite'], ['食品加工'], '水族九阡酒酿造工艺标准化', '传统九阡酒酿造依赖老师傅经验，希望梳理工艺参数，实现标准化生产。'),
  ],
  agriculture: [
    t('technical_problem', 'normal', ['onsite'], ['农业种植', '植保'], '精品水果基地病害防治', '200 亩精品水果基地出现大面积叶斑病，需要植保专家现场诊断并制定防治方案。'),
    t('technical_problem', 'normal', ['onsite'], ['农业种植'], '火龙果冬季补光与保花保果', '火龙果基地冬季坐果率低，希望指导补光和保花保果技术。'),
    t('skills_training', 'normal', ['training'], ['植保', '农机维修'], '植保无人机与农机操作培训', '为合作社 20 名农机手开展植保无人机作业和农机日常保养培训。'),
    t('technical_problem', 'high', ['onsite'], ['畜禽养殖'], '绿壳蛋鸡产蛋率下降', '养殖场绿壳蛋鸡近期产蛋率下降明显，需要养殖专家分析饲养管理和疫病原因。'),
    t('process_improvement', 'low', ['remote', 'training'], ['电子商务', '农业种植'], '农产品电商销售提升', '希望指导农产品分级包装和电商渠道运营，提高线上销量。'),
  ],
  herbal: [
    t('technical_problem', 'normal', ['onsite'], ['中药材种植'], '林下天麻仿野生种植技术指导', '计划在 500 亩林地发展天麻仿野生种植，需要种植专家指导菌材准备和下种。'),
    t('process_improvement', 'normal', ['onsite'], ['中药炮制'], '中药饮片炮制工艺改进', '企业中药饮片炮制依赖人工经验，产品质量不稳定，希望规范炮制工艺并改造设备。'),
    t('technical_problem', 'high', ['onsite'], ['中药材种植', '植保'], '太子参根腐病防治', '太子参种植基地根腐病发生严重，急需植保专家现场诊断并指导防治。'),
    t('skills_training', 'normal', ['training'], ['中药材种植'], '中药材规范化种植培训', '为合作农户 50 人开展中药材规范化种植和采收加工培训。'),
    t('mentoring', 'low', ['mentoring'], ['中药炮制'], '中药炮制工师带徒', '企业希望由炮制老师傅带教 2 名年轻炮制工，掌握蒸、炒、炙等传统技艺。'),
  ],
  construction: [
    t('technical_problem', 'normal', ['onsite'], ['建筑施工', '混凝土施工'], '地下室底板混凝土裂缝处理', '在建项目地下室底板出现多条收缩裂缝，存在渗漏风险，需要专家评估并指导处理。'),
    t('skills_training', 'normal', ['training'], ['钢筋加工', '砌筑抹灰'], '农民工钢筋与砌筑技能培训', '项目部有 40 余名农民工，希望开展钢筋绑扎和砌筑抹灰技能培训，提高施工质量。'),
  ],
};
