import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import { useRegionName } from '../api/regions';
import type { OfferWithOrder, Page } from '../api/types';
import { useAuth } from '../auth';
import type { Order } from '../domain';
import { Countdown } from '../components/Countdown';
import { CategoryText, StatusTag, UrgencyTag } from '../components/labels';
import { ErrorState, Loading } from '../components/QueryState';
import { StaleNotice } from '../components/StaleNotice';
import { ReasonButton } from '../components/ReasonButton';

type TabKey = 'offers' | 'open' | 'current';

/**
 * 我的任务 (phone first, plain markup): offers with deadlines, open orders in reach to claim, current work.
 * What was last shown stays shown when a refresh fails (StaleNotice says how old it is).
 */
export default function Inbox() {
  const offers = useQuery({ queryKey: ['offers', 'mine'], queryFn: () => get<Page<OfferWithOrder>>('/api/offers', { status: 'pending', limit: 50 }), refetchInterval: 10_000 });
  const open = useQuery({ queryKey: ['orders', 'open'], queryFn: () => get<Page<Order>>('/api/orders', { status: 'open', limit: 50 }), refetchInterval: 10_000 });
  const { user } = useAuth();
  const current = useQuery({ queryKey: ['orders', 'current'], queryFn: () => get<Page<Order>>('/api/orders', { status: ['in_progress', 'resolved'], limit: 50 }) });
  const mine = (current.data?.items ?? []).filter((o) => o.craftsmanId === user?.subjectId);
  const [tab, setTab] = useState<TabKey>('offers');
  const tabs: Array<{ key: TabKey; label: string; body: () => ReactNode }> = [
    { key: 'offers', label: `待接派单 ${offers.data?.total ?? ''}`, body: () => (offers.isError && !offers.data ? <ErrorState error={offers.error} /> : <OfferList offers={offers.data?.items ?? []} loading={offers.isLoading} />) },
    { key: 'open', label: `可承接 ${open.data?.total ?? ''}`, body: () => (open.isError && !open.data ? <ErrorState error={open.error} /> : <OpenList orders={open.data?.items ?? []} loading={open.isLoading} />) },
    { key: 'current', label: `进行中 ${mine.length}`, body: () => (current.isError && !current.data ? <ErrorState error={current.error} /> : <OrderCards orders={mine} loading={current.isLoading} />) },
  ];
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes on into the panel.
  const onKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const index = tabs.findIndex((t) => t.key === tab);
    const next = tabs[(index + step + tabs.length) % tabs.length]!.key;
    setTab(next);
    buttons.current[next]?.focus();
  };
  const active = tabs.find((t) => t.key === tab)!;
  return (
    <>
      <h1 className="jx-sr-only">我的任务</h1>
      <StaleNotice query={offers} />
      <div className="jx-tabs" role="tablist" aria-label="我的任务" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button
            key={t.key}
            ref={(el) => {
              buttons.current[t.key] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`panel-${t.key}`}
            tabIndex={tab === t.key ? 0 : -1}
            className="jx-tab"
            onClick={() => setTab(t.key)}
            data-testid={`tab-${t.key}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active.key}`} aria-labelledby={`tab-${active.key}`}>
        {active.body()}
      </div>
    </>
  );
}

function Cards({ loading, empty, count, children, testId }: { loading: boolean; empty: string; count: number; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      {loading ? <Loading /> : count === 0 ? <p className="jx-empty">{empty}</p> : <ul className="jx-cards">{children}</ul>}
    </div>
  );
}

function OfferList({ offers, loading }: { offers: OfferWithOrder[]; loading: boolean }) {
  const invalidate = [['offers'], ['orders']];
  const accept = useAction((id: string) => post(`/api/offers/${id}/accept`), { success: '已接单', invalidate, idempotent: true });
  const decline = useAction((v: { id: string; reason: string }) => post(`/api/offers/${v.id}/decline`, { reason: v.reason }), { success: '已拒绝', invalidate, idempotent: true });
  return (
    <Cards loading={loading} empty="暂无派给您的需求" count={offers.length} testId="offer-list">
      {offers.map((o) => {
        const busy = accept.isPending && accept.variables === o._id;
        return (
          <li key={o._id} className="jx-card" data-testid="offer-card">
            <Link to={`/orders/${o.orderId}`} className="jx-card-title">
              {o.order?.title ?? '需求'}
            </Link>
            <div className="jx-card-line">
              {o.order && <UrgencyTag urgency={o.order.urgency} />} {o.order?.enterpriseName}
            </div>
            <Countdown deadline={o.expiresAt} />
            <div className="jx-row jx-card-actions">
              <button type="button" className="jx-btn jx-btn-primary" disabled={busy} aria-busy={busy} onClick={() => accept.mutate(o._id)} data-testid="accept">
                {busy ? '正在接单…' : '接单'}
              </button>
              <ReasonButton title="拒绝派单" label="拒绝" placeholder="请说明原因，工会将改派他人" onConfirm={(reason) => decline.mutateAsync({ id: o._id, reason })} data-testid="decline" />
            </div>
          </li>
        );
      })}
    </Cards>
  );
}

function OpenList({ orders, loading }: { orders: Order[]; loading: boolean }) {
  const claim = useAction((id: string) => post(`/api/orders/${id}/claim`), { success: '承接成功', invalidate: [['orders']] });
  const regionName = useRegionName();
  return (
    <Cards loading={loading} empty="附近暂无待承接的需求" count={orders.length}>
      {orders.map((o) => {
        const busy = claim.isPending && claim.variables === o._id;
        return (
          <li key={o._id} className="jx-card" data-testid="open-card" data-order-id={o._id}>
            <Link to={`/orders/${o._id}`} className="jx-card-title">
              {o.number && <span className="jx-text-2">{o.number} </span>}
              {o.title}
            </Link>
            <div className="jx-card-line">
              <UrgencyTag urgency={o.urgency} /> <CategoryText category={o.category} /> · {regionName(o.regionCode)} · {o.enterpriseName}
            </div>
            <button type="button" className="jx-btn jx-btn-primary jx-btn-block" disabled={busy} aria-busy={busy} onClick={() => claim.mutate(o._id)} data-testid="claim">
              {busy ? '正在承接…' : '我来承接'}
            </button>
          </li>
        );
      })}
    </Cards>
  );
}

function OrderCards({ orders, loading }: { orders: Order[]; loading: boolean }) {
  return (
    <Cards loading={loading} empty="暂无进行中的任务" count={orders.length}>
      {orders.map((o) => (
        <li key={o._id} className="jx-card" data-testid="current-card">
          <Link to={`/orders/${o._id}`} className="jx-card-title">
            {o.number && <span className="jx-text-2">{o.number} </span>}
            {o.title}
          </Link>
          <div className="jx-card-line">
            <StatusTag status={o.status} /> {o.enterpriseName}
          </div>
        </li>
      ))}
    </Cards>
  );
}
