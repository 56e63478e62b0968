import { csvLine } from '@sra/import-formats';

/** A chart's numbers as a table: what its CSV holds, taken from the same API figures the chart draws. */
export interface ChartNumbers {
  /** The file's name without extension, e.g. `dashboard-district-2021-07-to-2022-06`. */
  fileName: string;
  header: string[];
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

/** The CSV of a chart's numbers, written by the product's one CSV writer (quoted, formulas neutralised). */
export function chartCsv(numbers: Pick<ChartNumbers, 'header' | 'rows'>): string {
  return [numbers.header, ...numbers.rows].map((row) => csvLine(row)).join('');
}

/** Hands a file to the browser's downloads. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the address is freed a little later, not at once.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** SVG presentation properties worth carrying over from the page's stylesheet (the rest are the defaults). */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

/**
 * The chart's SVG as a file of its own: a copy with every element's computed style written inline (the page's
 * stylesheet does not travel with it), its size fixed, and a white background.
 */
export function serialiseSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((element, i) => {
    const style = window.getComputedStyle(element);
    const inline = STYLE_PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
    copies[i].setAttribute('style', inline);
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.getAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** The chart as a PNG, drawn from its SVG at twice its size on screen (sharp on slides and in print). */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { text, width, height } = serialiseSvg(svg);
  // A data: address, which the Content-Security-Policy allows for images (a blob: one it does not).
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn as a picture'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw pictures');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be made'))), 'image/png'));
}
