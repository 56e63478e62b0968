import type { ReportDocument } from '@sra/contracts';
import { sfTimeZoned } from '@sra/reports';
import { chart, footers, heading, newPdf, paragraph, table, title } from './pdf-layout';

/** The report as a PDF: the same document as the web page and the CSV, charts drawn as vector graphics. */
export async function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const { pdf, finish } = newPdf({ title: doc.title, subject: `${doc.edition} edition, version ${doc.version}`, createdAt: doc.generatedAt });
  title(pdf, doc.title);
  paragraph(pdf, `${doc.edition === 'public' ? 'Public edition (aggregates only, small counts suppressed)' : 'Internal edition (case-level, pseudonymous)'} · version ${doc.version} · ${doc.status} · generated ${sfTimeZoned(doc.generatedAt)} (San Francisco time)`, { color: '#37474f' });
  paragraph(pdf, `Content hash (SHA-256 of the data): ${doc.contentHash}`, { size: 8, color: '#37474f' });
  for (const section of doc.sections) {
    heading(pdf, section.heading);
    for (const p of section.paragraphs) paragraph(pdf, p);
    for (const c of section.charts) chart(pdf, c);
    for (const t of section.tables) table(pdf, t);
  }
  footers(pdf, `${doc.title} · version ${doc.version} · ${doc.contentHash.slice(0, 12)}`);
  return finish();
}
