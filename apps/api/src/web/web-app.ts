import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Vite names every built asset under /assets/ by its content's hash: a changed file gets a new name. */
const HASHED = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The encodings the build made (`.br`, `.gz` next to each file), best first, that the request accepts. */
function acceptedEncodings(req: Request): Array<{ name: 'br' | 'gzip'; ext: string }> {
  const accepts = (req.headers['accept-encoding'] ?? '').toString();
  const listed = (name: string) => new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[0-9.]+)?\\s*(,|$)`, 'i').test(accepts);
  return [
    ...(listed('br') ? [{ name: 'br' as const, ext: '.br' }] : []),
    ...(listed('gzip') ? [{ name: 'gzip' as const, ext: '.gz' }] : []),
  ];
}

/**
 * Serves the built web app at `/` with a fallback to index.html for the
 * client-side routes, leaving `/api` to the API. Files are sent as the build
 * compressed them (brotli, else gzip) when the browser accepts it; hashed assets
 * are cached for a year (immutable), index.html is checked every time.
 */
export function mountWebApp(app: NestExpressApplication, webDistDir: string): void {
  const index = path.join(webDistDir, 'index.html');
  const root = path.resolve(webDistDir);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) return next();
    let file: string;
    try {
      // The app's address itself is its index.html (the page every visit starts with), compressed like the rest.
      file = req.path === '/' ? path.resolve(index) : path.resolve(root, `.${decodeURIComponent(req.path)}`);
    } catch {
      return next(); // a malformed address: the static handler answers it
    }
    if (!file.startsWith(`${root}${path.sep}`)) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    for (const encoding of acceptedEncodings(req)) {
      if (!fs.existsSync(file + encoding.ext)) continue;
      res.setHeader('Content-Encoding', encoding.name);
      res.setHeader('Cache-Control', HASHED.test(req.path) ? IMMUTABLE : file === path.resolve(index) ? 'no-cache' : 'public, max-age=3600');
      res.type(path.extname(file));
      res.sendFile(file + encoding.ext, { cacheControl: false, dotfiles: 'deny' }, (error) => error && next(error));
      return undefined;
    }
    return next();
  });
  app.useStaticAssets(webDistDir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, file) => {
      res.setHeader('Vary', 'Accept-Encoding');
      if (file.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
      else if (HASHED.test(`/${path.relative(root, file).split(path.sep).join('/')}`)) res.setHeader('Cache-Control', IMMUTABLE);
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send(`The web app is not built (no ${index}). Run: npm run build`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
