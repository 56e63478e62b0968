import { BadRequestException, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Deeper than any body or query the API takes (a policy document is the deepest, well under this). */
export const MAX_INPUT_DEPTH = 32;

export type InputProblem = { kind: 'nul'; field: string } | { kind: 'depth' };

/**
 * The first thing in a parsed body or query that PostgreSQL could not store or that would exhaust the stack of a
 * recursive validator: a NUL character (text and jsonb cannot hold U+0000) in a key or a string, or nesting deeper
 * than MAX_INPUT_DEPTH. Walked with a stack of its own, so any depth is safe to look at.
 */
export function findUnstorable(value: unknown, root = ''): InputProblem | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return { kind: 'nul', field: item.path || 'the value' };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_INPUT_DEPTH) return { kind: 'depth' };
    if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => pending.push({ value: v, path: `${item.path}[${i}]`, depth: item.depth + 1 }));
      continue;
    }
    for (const [key, v] of Object.entries(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      if (key.includes('\u0000')) return { kind: 'nul', field: JSON.stringify(path) };
      pending.push({ value: v, path, depth: item.depth + 1 });
    }
  }
  return null;
}

function refuse(problem: InputProblem, where: 'body' | 'query string'): never {
  if (problem.kind === 'depth') throw new BadRequestException(`the ${where} nests deeper than ${MAX_INPUT_DEPTH} levels`);
  const field = where === 'query string' ? `query parameter ${problem.field}` : problem.field;
  throw new BadRequestException(`${field} cannot hold a NUL character (\\u0000): the database cannot store it`);
}

/** Refuses, with a 400 naming the field, input the database cannot store, before any of it reaches a query. */
export function rejectUnstorableInput(req: Request, _res: Response, next: NextFunction): void {
  const path = req.originalUrl.split('?')[0];
  if (path.includes('%00') || path.includes('\u0000')) throw new BadRequestException('the path cannot hold a NUL character (%00)');
  const inQuery = findUnstorable(req.query);
  if (inQuery) refuse(inQuery, 'query string');
  const inBody = findUnstorable(req.body);
  if (inBody) refuse(inBody, 'body');
  next();
}

/** Runs rejectUnstorableInput on every route, after the body parsers (Nest applies module middleware after them). */
@Module({})
export class StorableInputModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(rejectUnstorableInput).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
