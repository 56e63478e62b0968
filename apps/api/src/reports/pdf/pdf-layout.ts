import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { ReportCell, ReportChart, ReportTable } from '@sra/contracts';

/**
 * Plain drawing helpers on pdfkit: text that flows across pages, tables laid out from their content that repeat
 * their header after a page break, and charts drawn as vector paths (lines, bars, axes, labels), never as pictures.
 * The fonts are embedded (Noto Sans from its npm package), so the PDF looks the same in every reader, and the
 * document is tagged (headings, paragraphs, tables, figures with their text; page furniture as artifacts) with its
 * title and language, for screen readers.
 */
export const PAGE = { margin: 50, width: 612, height: 792 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const COLORS = ['#1f5fa6', '#c2185b', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f'];
const REGULAR = 'Body';
const BOLD = 'Body-Bold';
// WOFF (not WOFF2: fontkit's subsetter fails on those glyph tables); the Latin files cover every character we write.
const FONT_FILES = {
  [REGULAR]: '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff',
  [BOLD]: '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff',
};

/**
 * A WOFF file as the plain TrueType font it wraps (each table inflated once). fontkit reads WOFF itself, but
 * inflates a table again on every read, which made a 200-row table take seconds.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + 20 * i;
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compressed);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compressed < length ? inflateSync(raw) : raw };
  });
  const head = Buffer.alloc(12 + 16 * count);
  head.writeUInt32BE(woff.readUInt32BE(4), 0);
  const power = 2 ** Math.floor(Math.log2(count));
  head.writeUInt16BE(count, 4);
  head.writeUInt16BE(power * 16, 6);
  head.writeUInt16BE(Math.log2(power), 8);
  head.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    t.tag.copy(head, at);
    head.writeUInt32BE(t.checksum, at + 4);
    head.writeUInt32BE(offset, at + 8);
    head.writeUInt32BE(t.data.length, at + 12);
    const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

let fonts: Record<string, Buffer> | undefined;
function fontData(): Record<string, Buffer> {
  fonts ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, woffToSfnt(readFileSync(require.resolve(file)))]));
  return fonts;
}

export type Pdf = InstanceType<typeof PDFDocument>;
type Structure = ReturnType<Pdf['struct']>;

/** The document's root structure element, which every heading, paragraph, table and figure is added to. */
const roots = new WeakMap<Pdf, Structure>();

function root(pdf: Pdf): Structure {
  const r = roots.get(pdf);
  if (!r) throw new Error('not a document made by newPdf');
  return r;
}

/** Draws what is only decoration (rules, shading, bars' boxes) as an artifact, which screen readers skip. */
function artifact(pdf: Pdf, draw: () => void): void {
  pdf.markContent('Artifact');
  draw();
  pdf.endMarkedContent();
}

/** A new document whose bytes are collected; `finish()` ends it and gives them. */
export function newPdf(info: { title: string; subject: string; createdAt: string }): { pdf: Pdf; finish: () => Promise<Buffer> } {
  // The creation date is the report's own, so the same report gives the same metadata.
  const pdf = new PDFDocument({
    size: 'LETTER',
    margin: PAGE.margin,
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-US',
    displayTitle: true,
    info: { Title: info.title, Subject: info.subject, Creator: 'Safe Reporting Audit', CreationDate: new Date(info.createdAt), ModDate: new Date(info.createdAt) },
  });
  for (const [name, data] of Object.entries(fontData())) pdf.registerFont(name, data);
  pdf.font(REGULAR);
  const documentElement = pdf.struct('Document');
  pdf.addStructure(documentElement);
  roots.set(pdf, documentElement);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return {
    pdf,
    finish: () => {
      documentElement.end();
      pdf.end();
      return done;
    },
  };
}

function ensureRoom(pdf: Pdf, height: number): void {
  if (pdf.y + height > BOTTOM) pdf.addPage();
}

/** The document's title, first on its first page. */
export function title(pdf: Pdf, text: string, size = 20): void {
  pdf.font(BOLD).fontSize(size).fillColor('#102a43').text(text, PAGE.margin, pdf.y, { width: CONTENT_WIDTH, structParent: root(pdf), structType: 'H1' });
  pdf.moveDown(0.3);
}

export function heading(pdf: Pdf, text: string, size = 15): void {
  ensureRoom(pdf, size * 3);
  pdf.moveDown(0.6).font(BOLD).fontSize(size).fillColor('#102a43').text(text, PAGE.margin, pdf.y, { width: CONTENT_WIDTH, structParent: root(pdf), structType: 'H2' });
  pdf.moveDown(0.3).font(REGULAR).fontSize(10).fillColor('#000000');
}

/** A table's or chart's own title (kept with what follows by the caller). */
function caption(pdf: Pdf, text: string): void {
  pdf.font(BOLD).fontSize(10).fillColor('#000000').text(text, PAGE.margin, pdf.y, { width: CONTENT_WIDTH, structParent: root(pdf), structType: 'H3' });
}

export function paragraph(pdf: Pdf, text: string, options: { size?: number; color?: string } = {}): void {
  pdf.font(REGULAR).fontSize(options.size ?? 10).fillColor(options.color ?? '#000000');
  ensureRoom(pdf, Math.min(pdf.heightOfString(text, { width: CONTENT_WIDTH }), 3 * pdf.currentLineHeight(true)) + 4);
  pdf.text(text, PAGE.margin, pdf.y, { width: CONTENT_WIDTH, structParent: root(pdf), structType: 'P' });
  pdf.moveDown(0.4);
}

export function cellText(cell: ReportCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return cell.display;
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toLocaleString('en-US') : String(cell);
  return cell;
}

const PAD = 3;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Column widths laid out from the content, as a browser lays out an automatic table: each column at least as wide
 * as its longest word (so an incident number, a date, a confidence or a header word is never broken) and at most as
 * wide as its longest text; the room between shared in proportion to what each column would still like. When even
 * the words do not fit, a smaller type size is tried before anything is broken.
 */
function layout(pdf: Pdf, columns: string[], rows: string[][]): { widths: number[]; size: number } {
  const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');
  let least: number[] = [];
  let most: number[] = [];
  for (const size of [8, 7, 6.5]) {
    // pdfkit measures a word with the space after it when deciding whether it fits: so do we.
    const measured = new Map<string, number>();
    const measure = (font: string, text: string): number => {
      const key = `${font}\u0000${text}`;
      let width = measured.get(key);
      if (width === undefined) {
        width = pdf.font(font).fontSize(size).widthOfString(`${text} `) + 2 * PAD + 1;
        measured.set(key, width);
      }
      return width;
    };
    least = columns.map((column, i) =>
      Math.max(...words(column).map((w) => measure(BOLD, w)), ...rows.flatMap((row) => words(row[i] ?? '').map((w) => measure(REGULAR, w))), 2 * PAD),
    );
    most = columns.map((column, i) => Math.max(least[i], measure(BOLD, column), ...rows.map((row) => measure(REGULAR, row[i] ?? ''))));
    if (sum(least) <= CONTENT_WIDTH) {
      if (sum(most) <= CONTENT_WIDTH) return { widths: most.map((w) => w + (CONTENT_WIDTH - sum(most)) * (w / sum(most))), size };
      return { widths: shareRoom(pdf, size, least, most, rows), size };
    }
  }
  // Words too long for the page even at the smallest size: scaled down, and pdfkit breaks them (never met so far).
  return { widths: least.map((w) => (w / sum(least)) * CONTENT_WIDTH), size: 6.5 };
}

/**
 * The room left once every column has its least width, given a step at a time to the column that shortens the
 * table most (measured on rows drawn from the whole table), so the long texts get the width rather than the short ones.
 */
function shareRoom(pdf: Pdf, size: number, least: number[], most: number[], rows: string[][]): number[] {
  // Rows from the whole table, not only its first ones: a month's cases change shape as it goes (sorted by date).
  const sample = rows.length <= 24 ? rows : Array.from({ length: 24 }, (_, k) => rows[Math.floor((k * rows.length) / 24)]!);
  const widths = [...least];
  pdf.font(REGULAR).fontSize(size);
  const height = (text: string, width: number) => (text === '' ? 0 : pdf.heightOfString(text, { width: width - 2 * PAD }));
  const heights = sample.map((row) => widths.map((w, i) => height(row[i] ?? '', w)));
  const total = (hs: number[][]) => sum(hs.map((row) => Math.max(0, ...row)));
  // When two columns are equally tall, widening either alone shortens nothing: widen the one that is the tallest
  // cell of its row most often (the other follows), rather than stopping with both narrow.
  const tallest = (): number => {
    const score = widths.map((w, i) => (w >= most[i] ? -1 : sum(heights.map((row) => (row[i] > 0 && row[i] >= Math.max(...row) - 0.01 ? row[i] : 0)))));
    const top = Math.max(...score);
    return top > 0 ? score.indexOf(top) : -1;
  };
  const step = 10;
  let room = CONTENT_WIDTH - sum(widths);
  while (room >= step) {
    let best = -1;
    let bestHeights: number[] | null = null;
    let bestTotal = total(heights);
    for (let i = 0; i < widths.length; i++) {
      if (widths[i] + step > most[i] + step) continue;
      const column = sample.map((row) => height(row[i] ?? '', widths[i] + step));
      const candidate = total(heights.map((row, r) => row.map((h, j) => (j === i ? column[r] : h))));
      if (candidate < bestTotal - 0.01) {
        best = i;
        bestTotal = candidate;
        bestHeights = column;
      }
    }
    if (best < 0) {
      best = tallest();
      if (best < 0) break;
      bestHeights = sample.map((row) => height(row[best] ?? '', widths[best] + step));
    }
    if (!bestHeights) break;
    widths[best] += step;
    heights.forEach((row, r) => (row[best] = bestHeights[r]));
    room -= step;
  }
  // What no column needs any more is shared in proportion to what each would still like (or to its width).
  const wish = most.map((w, i) => Math.max(0, w - widths[i]));
  const weights = sum(wish) > 0 ? wish : widths;
  return widths.map((w, i) => w + (weights[i] / sum(weights)) * room);
}

export function table(pdf: Pdf, t: ReportTable): void {
  // A row-detail column is drawn under its row across the table, so it is left out of the column layout.
  const detailAt = t.rowDetailColumn === undefined ? -1 : t.columns.indexOf(t.rowDetailColumn);
  const columns = t.columns.filter((_, i) => i !== detailAt);
  const all = t.rows.map((row) => row.map(cellText));
  const body = all.map((row) => row.filter((_, i) => i !== detailAt));
  const details = all.map((row) => (detailAt < 0 ? '' : (row[detailAt] ?? '')));
  const { widths: cols, size } = layout(pdf, columns, body);
  const detailLabel = `${t.rowDetailColumn ?? ''}: `;
  const detailWidth = CONTENT_WIDTH - 2 * PAD;
  const cellsHeight = (cells: string[], bold: boolean): number => {
    pdf.font(bold ? BOLD : REGULAR).fontSize(size);
    return Math.max(...cells.map((text, i) => pdf.heightOfString(text === '' ? ' ' : text, { width: cols[i] - 2 * PAD }))) + 2 * PAD;
  };
  const detailHeight = (detail: string): number => {
    if (detail === '') return 0;
    pdf.font(REGULAR).fontSize(size);
    return pdf.heightOfString(detailLabel + detail, { width: detailWidth }) + PAD;
  };
  const element = pdf.struct('Table');
  const drawRow = (cells: string[], header: boolean, detail = ''): void => {
    const main = cellsHeight(cells, header);
    const h = main + detailHeight(detail);
    if (pdf.y + h > BOTTOM) {
      pdf.addPage();
      // The header row again at the top of each page the table runs onto.
      if (!header) drawRow(columns, true);
    }
    const y = pdf.y;
    artifact(pdf, () => {
      if (header) pdf.rect(PAGE.margin, y, CONTENT_WIDTH, h).fill('#e8eef5');
      pdf.moveTo(PAGE.margin, y + h).lineTo(PAGE.margin + CONTENT_WIDTH, y + h).lineWidth(0.3).strokeColor('#b0bec5').stroke();
    });
    const tr = pdf.struct('TR');
    element.add(tr);
    const taggedCell = (type: 'TH' | 'TD', draw: (() => void) | null): void => {
      const cell = pdf.struct(type);
      tr.add(cell);
      if (draw) {
        const content = pdf.markStructureContent(type);
        draw();
        pdf.endMarkedContent();
        cell.add(content);
      }
      cell.end();
    };
    pdf.fillColor('#000000').font(header ? BOLD : REGULAR).fontSize(size);
    let x = PAGE.margin;
    cells.forEach((text, i) => {
      const left = x;
      taggedCell(header ? 'TH' : 'TD', text === '' ? null : () => pdf.text(text, left + PAD, y + PAD, { width: cols[i] - 2 * PAD }));
      x += cols[i];
    });
    if (detail !== '') {
      // Named in front of its text, in the reading order after the row's cells.
      taggedCell('TD', () => {
        pdf.font(BOLD).fontSize(size).fillColor('#37474f').text(detailLabel, PAGE.margin + PAD, y + main, { width: detailWidth, continued: true });
        pdf.font(REGULAR).fillColor('#000000').text(detail);
      });
    }
    tr.end();
    pdf.y = y + h;
  };
  // The title, the header row and the first row stay together on one page.
  const first = body[0];
  pdf.font(BOLD).fontSize(10);
  ensureRoom(
    pdf,
    pdf.heightOfString(t.title, { width: CONTENT_WIDTH }) + 4 + cellsHeight(columns, true) + (first ? cellsHeight(first, false) + detailHeight(details[0]!) : 0),
  );
  caption(pdf, t.title);
  pdf.moveDown(0.2);
  root(pdf).add(element);
  drawRow(columns, true);
  body.forEach((row, r) => drawRow(row, false, details[r]));
  element.end();
  pdf.x = PAGE.margin;
  pdf.moveDown(0.3);
  for (const note of t.notes ?? []) paragraph(pdf, note, { size: 8, color: '#37474f' });
  pdf.moveDown(0.3);
}

/** Gridline values from 0 up to at least `max`, in steps of 1, 2 or 5 times a power of ten (never 0, 1, 1, 1). */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

/** What a chart says in words: its title and every value, for screen readers (the figure's alternate text). */
function chartText(c: ReportChart): string {
  const series = c.series.map(
    (s) => `${c.series.length > 1 ? `${s.name}: ` : ''}${c.categories.map((cat, i) => `${cat} ${s.values[i] === null ? 'not shown' : `${s.values[i]}${c.unit === '%' ? '%' : ''}`}`).join(', ')}`,
  );
  return `${c.kind === 'line' ? 'Line' : 'Bar'} chart, ${c.title}. ${series.join('. ')}.`;
}

/** A line or bar chart as vector paths, with its axes, gridlines, labels and legend. */
export function chart(pdf: Pdf, c: ReportChart): void {
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  // A chart of counts with nothing above zero to draw would be empty axes: a sentence says so instead.
  const nothing = c.nothingToDraw ?? (c.unit !== '%' && !values.some((v) => v > 0) ? 'Every value in this chart is zero or hidden: nothing to draw. The table gives each.' : undefined);
  if (nothing !== undefined) {
    ensureRoom(pdf, 40);
    caption(pdf, c.title);
    pdf.moveDown(0.2);
    paragraph(pdf, nothing);
    return;
  }
  const height = 170;
  const legendHeight = c.series.length > 1 ? 14 * Math.ceil(c.series.length / 3) : 0;
  ensureRoom(pdf, height + 60 + legendHeight);
  caption(pdf, c.title);
  const top = pdf.y + 6;
  const left = PAGE.margin + 36;
  const width = CONTENT_WIDTH - 40;
  const ticks = c.unit === '%' ? [0, 25, 50, 75, 100] : axisTicks(Math.max(...values));
  const max = ticks[ticks.length - 1];
  const min = c.unit === '%' ? Math.min(0, ...values) : 0;
  const y = (v: number) => top + height - ((v - min) / (max - min || 1)) * height;
  const figure = pdf.struct('Figure', { alt: chartText(c) });
  root(pdf).add(figure);
  const content = pdf.markStructureContent('Figure');
  pdf.font(REGULAR).fontSize(7).fillColor('#37474f');
  for (const v of ticks) {
    pdf.moveTo(left, y(v)).lineTo(left + width, y(v)).lineWidth(0.3).strokeColor('#cfd8dc').stroke();
    pdf.text(`${v.toLocaleString('en-US')}${c.unit === '%' ? '%' : ''}`, PAGE.margin, y(v) - 4, { width: 32, align: 'right' });
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
  pdf.endMarkedContent();
  figure.add(content);
  figure.end();
  pdf.x = PAGE.margin;
  pdf.y = ly + 6;
  pdf.fillColor('#000000');
}

/**
 * The running header (from the second page on; the first carries the title) and "page 2 of 9" at the foot, written
 * once the page count is known, as artifacts. They sit in the margins: with the bottom margin set to nothing while
 * writing, pdfkit has no reason to start a new (blank) page for the footer.
 */
export function footers(pdf: Pdf, line: string): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    const topMargin = pdf.page.margins.top;
    pdf.page.margins.bottom = 0;
    pdf.page.margins.top = 0;
    pdf.font(REGULAR).fontSize(7).fillColor('#546e7a');
    pdf.markContent('Artifact', { type: 'Pagination' });
    if (i > range.start) pdf.text(line, PAGE.margin, 28, { width: CONTENT_WIDTH, align: 'left', lineBreak: false, height: 10, ellipsis: true });
    pdf.text(`page ${i - range.start + 1} of ${range.count}`, PAGE.margin, PAGE.height - 35, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    pdf.endMarkedContent();
    pdf.page.margins.bottom = bottom;
    pdf.page.margins.top = topMargin;
  }
}
