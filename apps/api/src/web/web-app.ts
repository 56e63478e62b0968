import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Serves the built web app at `/` with a fallback to index.html for the
 * client-side routes, leaving `/api` to the API.
 */
export function mountWebApp(app: NestExpressApplication, webDistDir: string): void {
  const index = path.join(webDistDir, 'index.html');
  app.useStaticAssets(webDistDir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, file) => {
      if (file.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
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
