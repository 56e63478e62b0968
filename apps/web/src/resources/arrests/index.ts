import LocalPoliceIcon from '@mui/icons-material/LocalPolice';
import { lazyPage } from '../../lazyPage';

/** Arrests and citations (case-level, read-only): the list and one arrest. Nothing can be created or changed here. */
export const list = lazyPage(() => import('./ArrestList'), 'ArrestList');
export const show = lazyPage(() => import('./ArrestShow'), 'ArrestShow');
export const icon = LocalPoliceIcon;

export default { list, show, icon };
