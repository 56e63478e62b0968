import { lazyPage } from '../lazyPage';

/** The home page, loaded once signed in (a chunk of its own; its charts are another, loaded by it). */
export const Dashboard = lazyPage(() => import('./Dashboard'), 'Dashboard');
