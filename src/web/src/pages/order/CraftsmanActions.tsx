import { useQuery } from '@tanstack/react-query';
import { get, post } from '../../api/client';
import { useAction } from '../../api/hooks';
import type { OfferWithOrder, Page } from '../../api/types';
import { useAuth } from '../../auth';
import type { Order } from '../../domain';
import { Countdown } from '../../components/Countdown';
import { ReasonButton } from '../../components/ReasonButton';
import { ResolveForm, ServiceRecordForm } from './ServiceForms';

/** The craftsman (plain markup, phone first): answer a pending offer, claim an open order, or work on an accepted one. */
export function CraftsmanActions({ order }: { order: Order }) {
  const { user } = useAuth();
  const mine = order.craftsmanId === user?.subjectId;
  const invalidate = [['order', order._id], ['orders'], ['offers']];
  const offers = useQuery({
    queryKey: ['offers', 'order', order._id],
    queryFn: () => get<Page<OfferWithOrder>>('/api/offers', { orderId: order._id, status: 'pending', limit: 5 }),
    enabled: order.status === 'offered',
  });
  const offer = offers.data?.items.find((o) => o.craftsmanId === user?.subjectId);
  const accept = useAction((id: string) => post(`/api/offers/${id}/accept`), { success: '已接单', invalidate, idempotent: true });
  const decline = useAction((v: { id: string; reason: string }) => post(`/api/offers/${v.id}/decline`, { reason: v.reason }), { success: '已拒绝该派单', invalidate, idempotent: true });
  const claim = useAction(() => post(`/api/orders/${order._id}/claim`), { success: '承接成功', invalidate });

  return (
    <div className="jx-stack">
      {offer && (
        <section className="jx-card" aria-labelledby="offer-title">
          <h2 id="offer-title" className="jx-h2">
            派给您的需求
          </h2>
          <Countdown deadline={offer.expiresAt} />
          <div className="jx-row jx-card-actions">
            <button type="button" className="jx-btn jx-btn-primary" disabled={accept.isPending} aria-busy={accept.isPending} onClick={() => accept.mutate(offer._id)} data-testid="accept">
              {accept.isPending ? '正在接单…' : '接单'}
            </button>
            <ReasonButton title="拒绝派单" label="拒绝" placeholder="请说明原因，工会将改派他人" onConfirm={(reason) => decline.mutateAsync({ id: offer._id, reason })} data-testid="decline" />
          </div>
        </section>
      )}
      {order.status === 'open' && (
        <section className="jx-card" aria-label="承接">
          <button type="button" className="jx-btn jx-btn-primary jx-btn-block" disabled={claim.isPending} aria-busy={claim.isPending} onClick={() => claim.mutate()} data-testid="claim">
            我来承接
          </button>
        </section>
      )}
      {order.status === 'in_progress' && mine && (
        <>
          <ServiceRecordForm orderId={order._id} />
          <ResolveForm orderId={order._id} />
        </>
      )}
      {order.status === 'resolved' && mine && (
        <div className="jx-alert jx-alert-ok" role="status">
          已提交解决情况，等待企业确认评价。
        </div>
      )}
    </div>
  );
}
