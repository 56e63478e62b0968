import GavelIcon from '@mui/icons-material/Gavel';
import { lazyPage } from '../../lazyPage';

/**
 * Policies: every version of the four rules (`list`, everyone), one version with
 * its lists and its changes from the version before (`show`, everyone), and a new
 * version of a rule (`create`, admins only, at `#/policy-versions/create?ruleId=...`).
 */
export const list = lazyPage(() => import('./PolicyList'), 'PolicyList');
export const show = lazyPage(() => import('./PolicyShow'), 'PolicyShow');
export const create = lazyPage(() => import('./PolicyCreate'), 'PolicyCreate');
export const icon = GavelIcon;

export default { list, show, create, icon };
