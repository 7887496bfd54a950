import { typedClient, type Transport } from './client.js';

/**
 * The three-party flow as an integrator writes it against the generated types: the enterprise orders
 * (点单), staff vet and dispatch (送单), the craftsman accepts (接单) and logs the service, the enterprise
 * confirms. `npm run typecheck` compiles it; api-client.test.ts runs it against an engine.
 */
export async function walkThreePartyFlow(transport: Transport, tokens: { enterprise: string; staff: string; craftsman: string }, craftsmanId: string) {
  const enterprise = typedClient(transport, tokens.enterprise);
  const staff = typedClient(transport, tokens.staff);
  const craftsman = typedClient(transport, tokens.craftsman);

  const submitted = await enterprise('post', '/api/orders', {
    body: { title: '反应釜焊缝渗漏', description: '车间反应釜焊缝渗漏，需要焊接专家现场诊断。', category: 'technical_problem', requiredSkills: ['焊接'], urgency: 'high' },
  });
  const id = submitted._id;
  const vetted = await staff('post', '/api/orders/{id}/vet', { path: { id }, body: { approve: true } });
  const ranked = await staff('get', '/api/orders/{id}/candidates', { path: { id }, query: { limit: 5 } });
  const best = ranked.candidates.find((c) => c.craftsmanId === craftsmanId);
  const offer = await staff('post', '/api/orders/{id}/offers', { path: { id }, body: { craftsmanId, note: best ? `匹配理由：${best.summary}` : undefined } });
  const pending = await craftsman('get', '/api/offers', { query: { status: ['pending'] } });
  const mine = pending.items.find((o) => o._id === offer._id);
  if (!mine) throw new Error('the craftsman does not see the offer');
  const accepted = await craftsman('post', '/api/offers/{id}/accept', { path: { id: mine._id } });
  const record = await craftsman('post', '/api/orders/{id}/service-records', { path: { id }, body: { kind: 'visit', date: accepted.acceptedAt ?? submitted.submittedAt, hours: 3, summary: '现场诊断并指导返修' } });
  await craftsman('post', '/api/orders/{id}/resolve', { path: { id }, body: { summary: '焊缝返修完成，试压合格' } });
  const closed = await enterprise('post', '/api/orders/{id}/confirm', { path: { id }, body: { rating: 5, comment: '响应及时' } });
  return { vettedStatus: vetted.status, candidateCount: ranked.candidates.length, offerStatus: mine.status, hours: record.hours, status: closed.status, rating: closed.rating, timeline: closed.timeline.map((e) => e.action) };
}
