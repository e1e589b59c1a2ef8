import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfText } from '../../test/pdf-text.ts';
import { createTaggedPdf } from './pdf.ts';

describe('tagged PDF', () => {
  it('embeds the font, sets title and language, and tags headings, paragraphs, lists and tables', async () => {
    const pdf = createTaggedPdf({ title: 'Provdokument åäö', createdAt: new Date('2026-03-02T08:00:00Z') });
    pdf
      .h1('Rubrik ett')
      .p('Ett stycke med å, ä och ö.')
      .h2('Rubrik två')
      .list(['Första punkten', 'Andra punkten'])
      .table({ headers: ['Mål', 'Klart senast'], rows: [['Få ett arbete', '30 juni 2026']] });
    const bytes = await pdf.toBuffer();
    const text = pdfText(bytes);
    for (const s of [
      'Rubrik ett',
      'Ett stycke med å, ä och ö.',
      'Första punkten',
      'Få ett arbete',
      '30 juni 2026',
    ])
      expect(text).toContain(s);
    const { info, structure } = pdfInfo(bytes);
    expect(info).toMatch(/Title:\s+Provdokument åäö/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    for (const tag of ['Document', 'H1', 'P', 'H2', 'L', 'LI', 'LBody', 'Table', 'TR', 'TH', 'TD'])
      expect(structure).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    expect(bytes.toString('latin1')).toContain('/Lang (sv-SE)');
    expect(bytes.toString('latin1')).toContain('/DisplayDocTitle true');
    expect(bytes.toString('latin1')).toMatch(/DejaVuSans/);
  });
});
