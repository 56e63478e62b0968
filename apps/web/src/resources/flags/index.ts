import FlagIcon from '@mui/icons-material/Flag';
import { lazyPage } from '../../lazyPage';

/**
 * Flagged cases (case-level: admins, analysts, reviewers; never viewers): the list
 * with server-side filters and bulk review actions (`list`), and one case with its
 * timeline, charges, policy version and review panel (`show`).
 */
export const list = lazyPage(() => import('./FlagList'), 'FlagList');
export const show = lazyPage(() => import('./FlagShow'), 'FlagShow');
export const icon = FlagIcon;

export default { list, show, icon };
