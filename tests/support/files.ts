import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { Response } from 'superagent';

/** A supertest parser that keeps a binary response body (a PDF, a zip) as a Buffer. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

// pdf-parse's entry file runs a self-test when required directly; its library file does not.
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

/** The text of a PDF, as a reader (or a search engine) would get it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfParse(pdf)).text;
}

export interface PdfPages {
  numPages: number;
  /** The document's title and language as the PDF declares them (null when it does not). */
  title: string | null;
  language: string | null;
  /** Tagged (a structure tree for screen readers). */
  marked: boolean;
  /** The text of each page, lines ending with a newline. */
  pages: string[];
}

/** A PDF read by pdf.js page by page (in a child process: pdf.js is an ES module, which Jest here cannot load). */
export function pdfPages(pdf: Buffer): Promise<PdfPages> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, 'pdf-pages.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf-pages failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as PdfPages);
    });
    child.stdin?.end(pdf);
  });
}

/**
 * The layout checks every PDF of ours passes (issue 14): each page has text beyond its running header and page
 * number (no blank page), the title and language are declared, the document is tagged, the fonts are embedded
 * (no standard font, which each reader substitutes its own way), and every time names its zone.
 * Returns the pages' text for further checks.
 */
export async function expectWellMadePdf(pdf: Buffer, title: string, runningHeader: RegExp): Promise<PdfPages> {
  const read = await pdfPages(pdf);
  expect(read.title).toBe(title);
  expect(read.language).toBe('en-US');
  expect(read.marked).toBe(true);
  const raw = pdf.toString('latin1');
  expect(raw).toContain('/FontFile2');
  expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  const furniture = (line: string) => runningHeader.test(line) || /^page \d+ of \d+$/.test(line);
  const content = read.pages.map((page) => page.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !furniture(line)).join('\n'));
  expect(content.map((text, i) => `page ${i + 1}: ${text.length > 0 ? 'content' : 'blank'}`)).toEqual(read.pages.map((_, i) => `page ${i + 1}: content`));
  // The running header on every page but the first (which carries the title).
  expect(read.pages.slice(1).map((page, i) => `page ${i + 2}: ${page.split('\n').some((line) => runningHeader.test(line.trim()))}`)).toEqual(read.pages.slice(1).map((_, i) => `page ${i + 2}: true`));
  expect(read.pages.map((page, i) => `page ${i + 1} of ${read.numPages}: ${page.includes(`page ${i + 1} of ${read.numPages}`)}`)).toEqual(
    read.pages.map((_, i) => `page ${i + 1} of ${read.numPages}: true`),
  );
  const text = read.pages.join('\n');
  const times = [...text.matchAll(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(\s+\w+)?/g)].map((m) => m[0].replace(/\s+/g, ' '));
  expect(times.filter((time) => !/ (PST|PDT)$/.test(time))).toEqual([]);
  return read;
}
