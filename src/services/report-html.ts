import { orderStatusLabels, urgencyLabels } from '../domain/orders/order.js';
import type { PeriodReport } from './period-report.js';
import { beijingMinute } from './workbook.js';

/**
 * The printable period report as one self-contained HTML page (inline CSS and an inline SVG chart,
 * nothing fetched): the console shows it and prints it, and the PDF endpoint hands the same page to
 * Chromium, so screen, paper and PDF cannot drift apart. Laid out for A4 portrait in two pages.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

const int = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 0 }));
const dec = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

const STYLE = `
@page { size: A4 portrait; margin: 12mm 12mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #1f1f1f; margin: 0; }
.report { max-width: 186mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; text-align: center; }
.sub { text-align: center; color: #555; margin-bottom: 4mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; padding-left: 2mm; border-left: 3pt solid #1f4e8c; }
section { break-inside: avoid; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; }
.figure { border: 0.5pt solid #c9d3e3; border-radius: 1.5mm; padding: 2mm 3mm; }
.figure .label { color: #555; font-size: 9pt; }
.figure .value { font-size: 15pt; font-weight: 700; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th, td { border: 0.5pt solid #c9d3e3; padding: 1mm 1.5mm; text-align: right; }
th { background: #eef2f8; text-align: center; font-weight: 700; }
td.text { text-align: left; }
tr.total td { font-weight: 700; background: #f6f8fb; }
.behind { color: #b42318; font-weight: 700; }
.ontrack { color: #067647; }
.note { color: #666; font-size: 8.5pt; margin-top: 2mm; }
svg text { font-family: inherit; }
@media screen { body { background: #f0f2f5; padding: 16px 0; } .report { background: #fff; padding: 12mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); } }
`;

function figuresSection(r: PeriodReport): string {
  const f = r.headline;
  const boxes: Array<[string, string, string]> = [
    ['orders', '需求数', int(f.orders.total)],
    ['problemsSolved', '解决问题数', int(f.problemsSolved)],
    ['serviceVisits', '服务企业人次', int(f.service.visits)],
    ['serviceHours', '服务时长（小时）', dec(f.service.hours)],
    ['trainingAttendees', '培训人数', int(f.service.trainingAttendees)],
    ['enterprisesServed', '服务企业数', int(f.enterprisesServed)],
    ['satisfaction', '平均满意度', dec(f.satisfaction.average, 2)],
    ['activeCraftsmen', '在库劳模工匠', int(f.craftsmen.active)],
  ];
  const html = boxes.map(([key, label, value]) => `<div class="figure" data-figure="${key}"><div class="label">${label}</div><div class="value">${value}</div></div>`).join('');
  return `<section><h2>一、主要指标</h2><div class="figures">${html}</div><div class="note">人次：一名劳模工匠为一家企业服务一次记一人次；有争议未裁定的服务记录不计入。</div></section>`;
}

function targetsSection(r: PeriodReport): string {
  if (!r.targets || r.targets.length === 0) return `<section><h2>二、目标任务与进度</h2><p class="note">本期未设置目标任务。</p></section>`;
  const rows = r.targets
    .map((p) => {
      const state = p.onTrack === null ? '—' : p.onTrack ? '<span class="ontrack">进度正常</span>' : '<span class="behind">进度落后</span>';
      return `<tr><td class="text">${escapeHtml(p.label)}</td><td>${int(p.target)}</td><td>${int(p.value)}</td><td>${p.percent === null ? '—' : `${dec(p.percent)}%`}</td><td>${int(p.remaining)}</td><td>${int(p.expectedByNow)}</td><td>${dec(p.neededPerMonth)}</td><td>${state}</td></tr>`;
    })
    .join('');
  return `<section><h2>二、目标任务与进度</h2><table><thead><tr><th>指标</th><th>目标</th><th>已完成</th><th>完成率</th><th>尚差</th><th>按进度应完成</th><th>每月需完成</th><th>进度</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function childrenSection(r: PeriodReport): string {
  if (r.children.length === 0) return '';
  const rows = [...r.children]
    .sort((a, b) => a.rank - b.rank || a.org.regionCode.localeCompare(b.org.regionCode))
    .map((c) => `<tr><td>${c.rank}</td><td class="text">${escapeHtml(c.org.name)}</td><td>${int(c.orders.total)}</td><td>${int(c.problemsSolved)}</td><td>${int(c.service.visits)}</td><td>${int(c.service.trainingAttendees)}</td><td>${int(c.enterprisesServed)}</td><td>${dec(c.satisfaction.average, 2)}</td></tr>`)
    .join('');
  const f = r.headline;
  const total = `<tr class="total"><td></td><td class="text">合计</td><td>${int(f.orders.total)}</td><td>${int(f.problemsSolved)}</td><td>${int(f.service.visits)}</td><td>${int(f.service.trainingAttendees)}</td><td>${int(f.enterprisesServed)}</td><td>${dec(f.satisfaction.average, 2)}</td></tr>`;
  return `<section><h2>三、下级工会完成情况排名</h2><table><thead><tr><th>排名</th><th>组织</th><th>需求数</th><th>解决问题数</th><th>服务企业人次</th><th>培训人数</th><th>服务企业数</th><th>平均满意度</th></tr></thead><tbody>${rows}${total}</tbody></table><div class="note">按解决问题数、服务企业人次、需求数依次排名，并列者名次相同；合计含本级直属。</div></section>`;
}

/** Bars of person-visits per month with the problems solved as a line: readable in black and white. */
function trendSection(r: PeriodReport): string {
  const width = 700;
  const height = 190;
  const pad = { left: 34, right: 10, top: 14, bottom: 28 };
  const n = Math.max(r.months.length, 1);
  const max = Math.max(1, ...r.months.map((m) => Math.max(m.visits, m.problemsSolved)));
  const slot = (width - pad.left - pad.right) / n;
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  const bars = r.months
    .map((m, i) => {
      const x = pad.left + i * slot + slot * 0.2;
      const top = y(m.visits);
      return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${(height - pad.bottom - top).toFixed(1)}" fill="#8fb3e0"/><text x="${(x + slot * 0.3).toFixed(1)}" y="${(top - 2).toFixed(1)}" font-size="9" text-anchor="middle">${m.visits}</text><text x="${(x + slot * 0.3).toFixed(1)}" y="${height - pad.bottom + 12}" font-size="9" text-anchor="middle">${Number(m.month.slice(5, 7))}月</text>`;
    })
    .join('');
  const line = r.months.map((m, i) => `${(pad.left + i * slot + slot / 2).toFixed(1)},${y(m.problemsSolved).toFixed(1)}`).join(' ');
  const dots = r.months.map((m, i) => `<circle cx="${(pad.left + i * slot + slot / 2).toFixed(1)}" cy="${y(m.problemsSolved).toFixed(1)}" r="2.5" fill="#1f4e8c"/>`).join('');
  const axis = `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#999" stroke-width="0.8"/><text x="${pad.left - 4}" y="${pad.top + 4}" font-size="9" text-anchor="end">${max}</text><text x="${pad.left - 4}" y="${height - pad.bottom}" font-size="9" text-anchor="end">0</text>`;
  const legend = `<rect x="${width - 230}" y="2" width="10" height="8" fill="#8fb3e0"/><text x="${width - 216}" y="10" font-size="9">服务企业人次</text><line x1="${width - 140}" y1="6" x2="${width - 124}" y2="6" stroke="#1f4e8c" stroke-width="1.5"/><text x="${width - 120}" y="10" font-size="9">解决问题数</text>`;
  return `<section><h2>四、月度趋势</h2><svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="月度趋势">${axis}${bars}<polyline points="${line}" fill="none" stroke="#1f4e8c" stroke-width="1.5"/>${dots}${legend}</svg></section>`;
}

function outstandingSection(r: PeriodReport): string {
  const { count, items } = r.outstanding;
  if (count === 0) return `<section><h2>五、本期未办结需求</h2><p class="note">本期提交的需求均已办结或关闭。</p></section>`;
  const rows = items
    .map((o) => `<tr><td class="text">${escapeHtml(o.number ?? '—')}</td><td class="text">${escapeHtml(o.title)}</td><td class="text">${escapeHtml(o.enterpriseName)}</td><td>${orderStatusLabels[o.status]}</td><td>${urgencyLabels[o.urgency]}</td><td>${beijingMinute(o.submittedAt).slice(0, 10)}</td></tr>`)
    .join('');
  const more = count > items.length ? `共 ${count} 件，列出提交最早的 ${items.length} 件。` : `共 ${count} 件。`;
  return `<section><h2>五、本期未办结需求</h2><table><thead><tr><th>编号</th><th>需求</th><th>企业</th><th>状态</th><th>紧急程度</th><th>提交日期</th></tr></thead><tbody>${rows}</tbody></table><div class="note" data-outstanding-count="${count}">${more}</div></section>`;
}

export function renderReportHtml(r: PeriodReport): string {
  const title = `${r.org.name}劳模工匠助企行动工作报告`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><div class="report" data-testid="period-report">
<h1>${escapeHtml(title)}</h1>
<div class="sub">统计期间：${escapeHtml(r.periodLabel)}\u3000生成时间：${beijingMinute(r.generatedAt)}（北京时间）\u3000导出人：${escapeHtml(r.generatedBy)}</div>
${figuresSection(r)}${targetsSection(r)}${childrenSection(r)}${trendSection(r)}${outstandingSection(r)}
</div></body></html>`;
}
