import { BadRequestException } from '@nestjs/common';
import type { Response } from 'express';
import { contentRange, type ListQuery } from '@sra/contracts';
import { ListQueryError, parseListQuery, type ListSpec, type RawListQuery } from './list-query';

export function parseListQueryOrThrow(raw: RawListQuery, spec: ListSpec): ListQuery {
  try {
    return parseListQuery(raw, spec);
  } catch (error) {
    if (error instanceof ListQueryError) throw new BadRequestException(error.message);
    throw error;
  }
}

/** Sends a page of rows the way react-admin's simple REST provider expects. */
export function sendPage<T>(res: Response, resource: string, query: ListQuery, rows: T[], total: number): T[] {
  res.setHeader('Content-Range', contentRange(resource, query.range.start, rows.length, total));
  return rows;
}
