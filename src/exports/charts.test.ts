import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfText } from '../../test/pdf-text.ts';
import { drawBarsPdf } from './charts.ts';
import { createTaggedPdf } from './pdf.ts';

describe('bars in a PDF', () => {
  it('continues a chart longer than a page over the pages it needs, every label on a page', async () => {
    const pdf = createTaggedPdf({ title: 'Språk', createdAt: new Date('2026-03-02T08:00:00Z') });
    pdf.h1('Språk').h2('Deltagarnas språk');
    // 120 languages: more rows than fit on an A4 page (about 50).
    drawBarsPdf(
      pdf,
      Array.from({ length: 120 }, (_, i) => ({
        label: `Språk ${i + 1}`,
        value: 120 - i,
        display: String(120 - i),
      })),
    );
    pdf.p('Efter diagrammet');
    const bytes = await pdf.toBuffer();
    // Heading and chart start on page 1; 120 rows of 14 pt take three pages, not one page per label.
    expect(pdfInfo(bytes).info).toMatch(/Pages:\s+3\n/);
    const text = pdfText(bytes);
    for (let i = 1; i <= 120; i++) expect(text).toMatch(new RegExp(`Språk ${i}\\b`));
    const pages = text.split('\f');
    expect(pages[0]).toContain('Deltagarnas språk');
    expect(pages[0]).toMatch(/Språk 1\b/);
    expect(pages[2]).toContain('Efter diagrammet');
  });
});
