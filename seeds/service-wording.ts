import type { OrderCategory, ServiceKind } from '../src/domain/orders/order.js';
import type { Rng } from './prng.js';

const VISIT_OUTCOMES = ['查明主要原因并提出整改建议。', '与车间技术人员一起完成调试，设备恢复正常运行。', '讲解操作要点，留下书面处理方案。', '完成关键部位检测，明确了下一步处理步骤。'];
const REMOTE_OUTCOMES = ['逐项核对参数并给出调整建议。', '远程查看运行数据，指导完成故障定位。', '解答企业技术人员提出的疑难问题。'];
const TRAINING_OUTCOMES = ['现场示范操作要领并进行实操考核。', '结合企业真实案例讲解，学员反响良好。', '发放培训讲义，课后进行了答疑。'];
const MENTORING_OUTCOMES = ['布置了下阶段练习任务。', '手把手纠正操作中的不规范动作。', '检查徒弟练习成果并逐一点评。'];

/** What a service log says, with hours and attendee counts that fit its kind. */
export function serviceLogWording(rng: Rng, kind: ServiceKind, skill: string, title: string): { hours: number; attendees?: number; summary: string } {
  switch (kind) {
    case 'visit':
      return { hours: rng.int(2, 8), summary: `赴企业现场围绕“${title}”开展技术帮扶，${rng.pick(VISIT_OUTCOMES)}` };
    case 'remote':
      return { hours: rng.int(1, 3), summary: `通过视频连线指导企业技术人员处理${skill}相关问题，${rng.pick(REMOTE_OUTCOMES)}` };
    case 'training': {
      const attendees = rng.int(8, 45);
      return { hours: rng.int(2, 6), attendees, summary: `开展${skill}专题培训，${attendees} 名职工参加，${rng.pick(TRAINING_OUTCOMES)}` };
    }
    case 'mentoring': {
      const attendees = rng.int(1, 3);
      return { hours: rng.int(2, 4), attendees, summary: `与 ${attendees} 名徒弟开展${skill}带教，${rng.pick(MENTORING_OUTCOMES)}` };
    }
  }
}

export function resolutionWording(category: OrderCategory, title: string): string {
  switch (category) {
    case 'technical_problem':
      return `经现场诊断和多次试验，“${title}”问题已解决，相关工艺参数已形成书面规程交企业执行。`;
    case 'equipment_repair':
      return '已完成故障排查和维修，设备恢复正常运行，并为企业制定了日常点检要求。';
    case 'process_improvement':
      return '改进方案已实施，试运行效果良好，企业技术人员已掌握调整方法。';
    case 'skills_training':
      return '培训已全部完成，参训职工通过实操考核。';
    case 'mentoring':
      return '师带徒阶段性目标已完成，徒弟已能独立完成常规操作。';
  }
}

const COMMENTS: Record<number, readonly string[]> = {
  5: ['师傅技术过硬，问题解决得又快又好，感谢工会搭桥！', '讲解细致耐心，职工收获很大。', '响应及时，现场处理非常专业。'],
  4: ['问题基本解决，后续还需持续跟踪。', '服务认真负责，个别细节还可以再完善。'],
  3: ['有一定帮助，但部分问题尚未彻底解决。', '整体满意，希望后续能多安排几次回访。'],
};

export function ratingComment(rng: Rng, rating: number): string {
  return rng.pick(COMMENTS[rating] ?? COMMENTS[4] ?? ['服务满意。']);
}
