import type { Role } from '../auth';

/** Each role's main pages, in the order the navigation shows them (plain data: the phone frame imports it without the component library). */
export const roleLabels: Record<Role, string> = { admin: '系统管理员', union_staff: '工会工作人员', enterprise: '企业', craftsman: '劳模工匠' };

const staffMenu = [
  { key: '/board', label: '派单看板' },
  { key: '/batch', label: '批量派单' },
  { key: '/craftsmen', label: '人才库' },
  { key: '/enterprises', label: '企业' },
  { key: '/profile-changes', label: '资料审核' },
  { key: '/disputes', label: '服务异议' },
  { key: '/stats', label: '统计' },
  { key: '/report', label: '工作报告' },
  { key: '/policy', label: '匹配策略' },
  { key: '/users', label: '账号管理' },
];
export const menus: Record<Role, Array<{ key: string; label: string }>> = {
  union_staff: staffMenu,
  admin: [...staffMenu, { key: '/events', label: '搁置事件' }],
  enterprise: [
    { key: '/my-orders', label: '我的需求' },
    { key: '/my-orders/new', label: '我要点单' },
    { key: '/disputes', label: '服务异议' },
    { key: '/my-company', label: '企业资料' },
    { key: '/profile-changes', label: '资料变更' },
  ],
  craftsman: [
    { key: '/inbox', label: '我的任务' },
    { key: '/points', label: '评分与积分' },
    { key: '/my-profile', label: '我的档案' },
    { key: '/profile-changes', label: '资料变更' },
    { key: '/disputes', label: '服务异议' },
  ],
};
