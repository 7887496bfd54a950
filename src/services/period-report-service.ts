import type { Actor } from '../domain/users/user.js';
import type { PdfRenderer } from '../ports/pdf.js';
import type { ServiceDeps } from './deps.js';
import { assemblePeriodReport } from './period-report.js';
import { renderReportHtml } from './report-html.js';
import type { OrderService } from './order-service.js';
import type { StatsQuery, StatsService } from './stats-service.js';

export { REPORT_OUTSTANDING_MAX, type PeriodReport } from './period-report.js';

/** The period report as JSON, as one printable HTML page, and as that page printed to PDF. */
export function periodReportService(deps: ServiceDeps, stats: StatsService, orders: Pick<OrderService, 'listFilter'>, pdf: PdfRenderer) {
  const report = (actor: Actor, orgId: string, query: StatsQuery) => assemblePeriodReport(deps, stats, orders, actor, orgId, query);

  return {
    report,
    /** The same report as one printable HTML page (what the console shows and prints). */
    async html(actor: Actor, orgId: string, query: StatsQuery): Promise<string> {
      return renderReportHtml(await report(actor, orgId, query));
    },
    /** That page printed to PDF by the browser engine; 503 PDF_RENDERER_UNAVAILABLE without one. */
    async pdf(actor: Actor, orgId: string, query: StatsQuery): Promise<{ filename: string; body: Buffer }> {
      const data = await report(actor, orgId, query);
      const body = await pdf.render(renderReportHtml(data));
      return { filename: `report-${data.org.regionCode}-${data.range.from}-${data.range.to}.pdf`, body };
    },
  };
}

export type PeriodReportService = ReturnType<typeof periodReportService>;
