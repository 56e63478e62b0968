import { lazy, type ComponentType, type FunctionComponent } from 'react';

/**
 * A page loaded when it is first shown (issue 14): its code is a chunk of its own, fetched by a dynamic import, so
 * the sign-in page and the first page shown do not download every page of the app. react-admin's layout shows
 * its loading indicator (a Suspense boundary) while the chunk arrives; a hover on a menu entry can start it early
 * with `preload()`.
 */
export type LazyPage = FunctionComponent & { preload: () => Promise<unknown> };

export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): LazyPage {
  let loading: Promise<M> | null = null;
  const preload = () => (loading ??= load().catch((error: unknown) => {
    loading = null; // a failed fetch (offline, a new release) is tried again on the next visit
    throw error;
  }));
  const Page = lazy(async () => {
    const page = (await preload())[name];
    if (typeof page !== 'function' && typeof page !== 'object') throw new Error(`The page ${name} is missing from its chunk.`);
    return { default: page as ComponentType };
  });
  return Object.assign(Page as unknown as FunctionComponent, { preload });
}
