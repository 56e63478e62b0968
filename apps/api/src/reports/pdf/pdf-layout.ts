import PDFDocument from 'pdfkit';
import type { ReportCell, ReportChart, ReportTable } from '@sra/contracts';

/**
 * Plain drawing helpers on pdfkit: text that flows across pages, tables that repeat their header after a page
 * break, and charts drawn as vector paths (lines, bars, axes, labels), never as pictures.
 */
export const PAGE = { margin: 50, width: 612, height: 792 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const COLORS = ['#1f5fa6', '#c2185b', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f'];

export type Pdf = InstanceType<typeof PDFDocument>;

/** A new document whose bytes are collected; `finish()` ends it and gives them. */
export function newPdf(info: { title: string; subject: string; createdAt: string }): { pdf: Pdf; finish: () => Promise<Buffer> } {
  // The creation date is the report's own, so the same report gives the same metadata.
  const pdf = new PDFDocument({
    size: 'LETTER',
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: info.title, Subject: info.subject, Creator: 'Safe Reporting Audit', CreationDate: new Date(info.createdAt), ModDate: new Date(info.createdAt) },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return {
    pdf,
    finish: () => {
      pdf.end();
      return done;
    },
  };
}

function ensureRoom(pdf: Pdf, height: number): void {
  if (pdf.y + height > BOTTOM) pdf.addPage();
}

export function heading(pdf: Pdf, text: string, size = 15): void {
  ensureRoom(pdf, size * 3);
  pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('#102a43').text(text, PAGE.margin, pdf.y, { width: CONTENT_WIDTH });
  pdf.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#000000');
}

export function paragraph(pdf: Pdf, text: string, options: { size?: number; color?: string } = {}): void {
  pdf.font('Helvetica').fontSize(options.size ?? 10).fillColor(options.color ?? '#000000');
  ensureRoom(pdf, pdf.heightOfString(text, { width: CONTENT_WIDTH }) + 4);
  pdf.text(text, PAGE.margin, pdf.y, { width: CONTENT_WIDTH });
  pdf.moveDown(0.4);
}

export function cellText(cell: ReportCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return cell.display;
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toLocaleString('en-US') : String(cell);
  return cell;
}

/** Column widths in proportion to their longest text (bounded), filling the page width. */
function widths(pdf: Pdf, table: ReportTable): number[] {
  const texts = (i: number) => table.rows.map((row) => cellText(row[i]));
  pdf.font('Helvetica').fontSize(8);
  const natural = table.columns.map((column, i) => Math.min(220, Math.max(36, ...[column, ...texts(i)].map((t) => pdf.widthOfString(t) + 8))));
  // The narrowest a column can be without breaking a word (a header's in bold), up to a limit: short columns (an
  // agency, a date, a count) keep their words whole and the long ones (sentences, lists) wrap instead.
  const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map((w) => pdf.widthOfString(w)));
  const least = table.columns.map((column, i) => {
    const body = Math.max(0, ...texts(i).map(longestWord));
    pdf.font('Helvetica-Bold');
    const head = longestWord(column);
    pdf.font('Helvetica');
    return Math.min(90, Math.max(body, head) + 8, natural[i]);
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= CONTENT_WIDTH || sum(least) >= CONTENT_WIDTH) {
    const base = sum(natural) <= CONTENT_WIDTH ? natural : least;
    return base.map((w) => (w / sum(base)) * CONTENT_WIDTH);
  }
  // Every column its least width, the room left shared in proportion to what each would still like.
  const room = CONTENT_WIDTH - sum(least);
  const wish = natural.map((w, i) => w - least[i]);
  return least.map((w, i) => w + (sum(wish) === 0 ? 0 : (wish[i] / sum(wish)) * room));
}

export function table(pdf: Pdf, t: ReportTable): void {
  const cols = widths(pdf, t);
  const rowHeight = (cells: string[], bold: boolean): number => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    return Math.max(...cells.map((text, i) => pdf.heightOfString(text, { width: cols[i] - 6 }))) + 6;
  };
  const drawRow = (cells: string[], bold: boolean, shade: boolean): void => {
    const h = rowHeight(cells, bold);
    if (pdf.y + h > BOTTOM) {
      pdf.addPage();
      if (!bold) drawRow(t.columns, true, true);
    }
    const y = pdf.y;
    if (shade) pdf.rect(PAGE.margin, y, CONTENT_WIDTH, h).fill('#e8eef5');
    pdf.fillColor('#000000').font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let x = PAGE.margin;
    cells.forEach((text, i) => {
      pdf.text(text, x + 3, y + 3, { width: cols[i] - 6 });
      x += cols[i];
    });
    pdf.moveTo(PAGE.margin, y + h).lineTo(PAGE.margin + CONTENT_WIDTH, y + h).lineWidth(0.3).strokeColor('#b0bec5').stroke();
    pdf.y = y + h;
  };
  pdf.font('Helvetica-Bold').fontSize(10);
  ensureRoom(pdf, 40);
  pdf.text(t.title, PAGE.margin, pdf.y, { width: CONTENT_WIDTH });
  pdf.moveDown(0.2);
  drawRow(t.columns, true, true);
  for (const row of t.rows) drawRow(row.map(cellText), false, false);
  pdf.x = PAGE.margin;
  pdf.moveDown(0.3);
  for (const note of t.notes ?? []) paragraph(pdf, note, { size: 8, color: '#37474f' });
  pdf.moveDown(0.3);
}

/** A line or bar chart as vector paths, with its axes, gridlines, labels and legend. */
export function chart(pdf: Pdf, c: ReportChart): void {
  if (c.nothingToDraw) {
    // Every value hidden (issue 12): the title and the sentence that says so, never empty axes.
    ensureRoom(pdf, 40);
    pdf.font('Helvetica-Bold').fontSize(10).fillColor('#000000').text(c.title, PAGE.margin, pdf.y, { width: CONTENT_WIDTH });
    pdf.moveDown(0.2);
    paragraph(pdf, c.nothingToDraw);
    return;
  }
  const height = 170;
  const legendHeight = c.series.length > 1 ? 14 * Math.ceil(c.series.length / 3) : 0;
  ensureRoom(pdf, height + 60 + legendHeight);
  pdf.font('Helvetica-Bold').fontSize(10).fillColor('#000000').text(c.title, PAGE.margin, pdf.y, { width: CONTENT_WIDTH });
  const top = pdf.y + 6;
  const left = PAGE.margin + 36;
  const width = CONTENT_WIDTH - 40;
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = c.unit === '%' ? 100 : Math.max(1, ...values);
  const min = c.unit === '%' ? Math.min(0, ...values) : 0;
  const y = (v: number) => top + height - ((v - min) / (max - min || 1)) * height;
  pdf.font('Helvetica').fontSize(7).fillColor('#37474f');
  for (let i = 0; i <= 4; i++) {
    const v = min + ((max - min) * i) / 4;
    pdf.moveTo(left, y(v)).lineTo(left + width, y(v)).lineWidth(0.3).strokeColor('#cfd8dc').stroke();
    pdf.text(`${Math.round(v)}${c.unit === '%' ? '%' : ''}`, PAGE.margin, y(v) - 4, { width: 32, align: 'right' });
  }
  pdf.moveTo(left, top).lineTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.8).strokeColor('#37474f').stroke();
  const n = c.categories.length;
  const slot = width / Math.max(1, n);
  const labelEvery = Math.ceil(n / 13);
  c.categories.forEach((label, i) => {
    if (i % labelEvery !== 0) return;
    pdf.fillColor('#37474f').text(label, left + i * slot, top + height + 4, { width: slot * labelEvery, align: 'center', lineBreak: false, height: 10, ellipsis: true });
  });
  if (c.kind === 'line') {
    c.series.forEach((s, si) => {
      const color = COLORS[si % COLORS.length];
      let drawing = false;
      s.values.forEach((v, i) => {
        const x = left + slot * (i + 0.5);
        if (v === null) {
          drawing = false;
          return;
        }
        if (drawing) pdf.lineTo(x, y(v));
        else pdf.moveTo(x, y(v));
        drawing = true;
      });
      pdf.lineWidth(1.4).strokeColor(color).stroke();
      s.values.forEach((v, i) => {
        if (v !== null) pdf.circle(left + slot * (i + 0.5), y(v), 2).fill(color);
      });
    });
  } else {
    const groups = c.series.length;
    const bar = (slot * 0.7) / groups;
    c.series.forEach((s, si) => {
      const color = COLORS[si % COLORS.length];
      s.values.forEach((v, i) => {
        if (v === null) return;
        const x = left + slot * i + slot * 0.15 + si * bar;
        pdf.rect(x, y(v), bar, top + height - y(v)).fill(color);
      });
    });
  }
  let ly = top + height + 18;
  if (c.series.length > 1) {
    c.series.forEach((s, si) => {
      const lx = PAGE.margin + (si % 3) * (CONTENT_WIDTH / 3);
      if (si > 0 && si % 3 === 0) ly += 14;
      pdf.rect(lx, ly + 2, 8, 8).fill(COLORS[si % COLORS.length]);
      pdf.fillColor('#000000').fontSize(8).text(s.name, lx + 12, ly + 1, { width: CONTENT_WIDTH / 3 - 14, lineBreak: false, height: 10, ellipsis: true });
    });
    ly += 14;
  }
  pdf.x = PAGE.margin;
  pdf.y = ly + 6;
  pdf.fillColor('#000000');
}

/** "Page 2 of 9" and a line of identity on every page, written once the page count is known. */
export function footers(pdf: Pdf, line: string): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // The footer sits in the bottom margin: without this, pdfkit would start a new (blank) page for it.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font('Helvetica').fontSize(7).fillColor('#546e7a');
    pdf.text(`${line} · page ${i + 1} of ${range.count}`, PAGE.margin, PAGE.height - 35, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
}
