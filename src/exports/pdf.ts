import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Tagged, accessible PDFs (PDF/UA-style structure) with an embedded font that ships in the repository
 * (`assets/fonts`, DejaVu Sans; licence beside it), so output is the same on every machine.
 *
 * Build a document with headings (H1/H2), paragraphs (P), lists (L > LI > Lbl/LBody) and tables
 * (Table > TR > TH/TD), then `toBuffer()`. Title and language go into the document metadata and the
 * viewer shows the title instead of the file name.
 */

export const FONT_DIR = path.resolve(import.meta.dirname, '../../assets/fonts');
const FONT_REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const FONT_BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export interface TaggedPdfOptions {
  title: string;
  /** BCP 47 language of the document (default sv-SE). */
  lang?: string;
  author?: string;
  subject?: string;
  /** Creation date written into the metadata (inject the clock's time for reproducible output). */
  createdAt?: Date;
}

export interface PdfTable {
  /** Column headings (TH, scope Column). */
  headers: string[];
  rows: string[][];
  /** Relative column widths, e.g. [3, 1, 1]. */
  widths?: number[];
}

type StructElement = ReturnType<PDFKit.PDFDocument['struct']>;

// Options the table tagging reads but @types/pdfkit does not declare.
type TableOptionsTagged = PDFKit.Mixins.TableOptions & {
  structParent?: StructElement;
  data: Array<Array<string | (PDFKit.Mixins.CellOptions & { scope?: 'Column' | 'Row' | 'Both' })>>;
};

const BODY_SIZE = 11;
const MARGIN = 56;

export class TaggedPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly root: StructElement;

  constructor(opts: TaggedPdfOptions) {
    const lang = opts.lang ?? 'sv-SE';
    this.doc = new PDFDocument({
      tagged: true,
      lang,
      displayTitle: true,
      pdfVersion: '1.7',
      size: 'A4',
      margin: MARGIN,
      bufferPages: false,
      info: {
        Title: opts.title,
        ...(opts.author ? { Author: opts.author } : {}),
        ...(opts.subject ? { Subject: opts.subject } : {}),
        Creator: 'Insats',
        Producer: 'Insats',
        ...(opts.createdAt ? { CreationDate: opts.createdAt, ModDate: opts.createdAt } : {}),
      },
    });
    this.doc.registerFont('body', FONT_REGULAR);
    this.doc.registerFont('bold', FONT_BOLD);
    this.doc.font('body').fontSize(BODY_SIZE);
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  h1(text: string): this {
    this.doc.font('bold').fontSize(20);
    this.doc.text(text, this.doc.page.margins.left, undefined, { structParent: this.root, structType: 'H1' });
    this.doc.moveDown(0.5).font('body').fontSize(BODY_SIZE);
    return this;
  }

  h2(text: string): this {
    this.doc.moveDown(0.6).font('bold').fontSize(14);
    this.doc.text(text, this.doc.page.margins.left, undefined, { structParent: this.root, structType: 'H2' });
    this.doc.moveDown(0.3).font('body').fontSize(BODY_SIZE);
    return this;
  }

  p(text: string, opts: { bold?: boolean } = {}): this {
    this.doc.font(opts.bold ? 'bold' : 'body').fontSize(BODY_SIZE);
    this.doc.text(text, this.doc.page.margins.left, undefined, {
      structParent: this.root,
      structType: 'P',
      width: this.width,
      paragraphGap: 4,
    });
    this.doc.font('body');
    return this;
  }

  list(items: string[]): this {
    if (items.length === 0) return this;
    const list = this.doc.struct('L');
    this.root.add(list);
    this.doc.font('body').fontSize(BODY_SIZE);
    this.doc.list(items, this.doc.page.margins.left, undefined, {
      structParent: list,
      bulletRadius: 2,
      textIndent: 14,
      paragraphGap: 2,
    });
    list.end();
    this.doc.moveDown(0.3);
    return this;
  }

  table(t: PdfTable): this {
    const widths = t.widths ?? t.headers.map(() => 1);
    const total = widths.reduce((a, b) => a + b, 0);
    this.doc.font('body').fontSize(10);
    const options: TableOptionsTagged = {
      structParent: this.root,
      position: { x: this.doc.page.margins.left },
      maxWidth: this.width,
      columnStyles: widths.map((w) => ({ width: (this.width * w) / total })),
      defaultStyle: { padding: [4, 6, 4, 6], border: 0.5, borderColor: '#555555' },
      data: [
        t.headers.map((h) => ({
          text: h,
          type: 'TH' as const,
          scope: 'Column' as const,
          font: { src: 'bold' },
          backgroundColor: '#e8eef3',
        })),
        ...t.rows,
      ],
    };
    this.doc.table(options as PDFKit.Mixins.TableOptionsWithData);
    this.doc.x = this.doc.page.margins.left;
    this.doc.font('body').fontSize(BODY_SIZE).moveDown(0.5);
    return this;
  }

  /** Ends the document and returns its bytes. */
  toBuffer(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.root.end();
      this.doc.end();
    });
  }
}

export function createTaggedPdf(opts: TaggedPdfOptions): TaggedPdf {
  return new TaggedPdf(opts);
}
