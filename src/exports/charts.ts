import * as echarts from 'echarts';
import type { TaggedPdf } from './pdf.ts';

/**
 * Charts. The same echarts option renders in the browser and, server-side, to SVG
 * (`renderer: 'svg', ssr: true`). pdfkit cannot place SVG without an extra package (svg-to-pdfkit),
 * so PDFs draw the chart's data as simple vector bars instead, always next to the data table that is
 * the chart's text alternative. The bars are tagged as an artifact: the table carries the content.
 */

export interface BarDatum {
  label: string;
  /** null = hidden by disclosure control (drawn as no bar, labelled with its display text). */
  value: number | null;
  display: string;
}

export function barChartOption(title: string, data: readonly BarDatum[]) {
  return {
    animation: false,
    title: { text: title, textStyle: { fontSize: 14 } },
    grid: { left: 140, right: 40, top: 40, bottom: 30 },
    xAxis: { type: 'value' as const },
    yAxis: { type: 'category' as const, data: data.map((d) => d.label), inverse: true },
    series: [
      {
        type: 'bar' as const,
        data: data.map((d) => d.value ?? 0),
        label: {
          show: true,
          position: 'right' as const,
          formatter: (p: { dataIndex: number }) => data[p.dataIndex]?.display ?? '',
        },
      },
    ],
    aria: { enabled: true },
  };
}

/** Server-side SVG of a horizontal bar chart. */
export function barChartSvg(title: string, data: readonly BarDatum[], width = 640, height = 0): string {
  const h = height || 60 + data.length * 28;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: h });
  chart.setOption(barChartOption(title, data));
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/**
 * Simple horizontal bars in a PDF, drawn with vector graphics and marked as an artifact. A chart that
 * fits on a page is kept together (a new page when it does not fit below); a longer one (say the
 * languages of a large city's participants) starts below what precedes it when a few rows fit there
 * and continues over as many pages as it needs, one artifact per page, instead of running past the
 * bottom margin (which gave a page per label and an unbalanced graphics state).
 */
export function drawBarsPdf(pdf: TaggedPdf, data: readonly BarDatum[]): void {
  const doc = pdf.doc;
  const left = doc.page.margins.left;
  const labelWidth = 150;
  const maxBar = doc.page.width - doc.page.margins.left - doc.page.margins.right - labelWidth - 50;
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  const rowHeight = 14;
  const gap = 10;
  const rowsBelow = () => Math.floor((doc.page.height - doc.page.margins.bottom - doc.y - gap) / rowHeight);
  const rowsPerPage = Math.floor(
    (doc.page.height - doc.page.margins.top - doc.page.margins.bottom - gap) / rowHeight,
  );
  if (rowsBelow() < (data.length <= rowsPerPage ? data.length : 5)) doc.addPage();
  for (let from = 0; from < data.length; ) {
    if (from > 0) doc.addPage();
    const rows = data.slice(from, from + Math.max(1, rowsBelow()));
    const top = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    rows.forEach((d, i) => {
      const y = top + i * rowHeight;
      doc
        .fillColor('#333333')
        .fontSize(8)
        .text(d.label, left, y + 2, { width: labelWidth - 6, lineBreak: false });
      const w = d.value === null ? 0 : (maxBar * d.value) / max;
      if (w > 0) doc.rect(left + labelWidth, y + 2, w, rowHeight - 4).fill('#2a6f97');
      doc
        .fillColor('#333333')
        .fontSize(8)
        .text(d.display, left + labelWidth + w + 4, y + 2, { lineBreak: false });
    });
    doc.restore();
    doc.endMarkedContent();
    doc.fillColor('black').fontSize(11);
    doc.x = left;
    doc.y = top + rows.length * rowHeight + gap;
    from += rows.length;
  }
}
