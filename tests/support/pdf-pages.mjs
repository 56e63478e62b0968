// Reads a PDF on standard input and prints, as JSON, its metadata and the text of each page (pdf.js, the
// reader Firefox uses). A separate process because pdf.js is an ES module, which Jest's CommonJS runtime cannot load.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const { info } = await pdf.getMetadata();
const markInfo = await pdf.getMarkInfo();
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  // Items on one line are joined by nothing or a space as pdf.js says; a line ends with its EOL mark.
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
process.stdout.write(JSON.stringify({ numPages: pdf.numPages, title: info.Title ?? null, language: info.Language ?? null, marked: markInfo?.Marked === true, pages }));
await pdf.destroy();
