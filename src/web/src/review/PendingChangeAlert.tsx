import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import type { ProfileChange } from '../domain';
import { fieldLabel } from './profileValues';

/** 资料变更待审核: the subject's own proposal still waiting, with a link to its before/after and progress. */
export function PendingChangeAlert({ proposal }: { proposal: ProfileChange | undefined }) {
  if (!proposal) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      message={`资料变更待审核：${Object.keys(proposal.changes).map(fieldLabel).join('、')}`}
      description={<Link to={`/profile-changes?id=${proposal._id}`}>查看变更前后对比与审核进度</Link>}
      data-testid="pending-change"
    />
  );
}
