import BalanceIcon from '@mui/icons-material/Balance';
import { lazyPage } from '../../lazyPage';

/** District Attorney charging decisions (case-level, read-only): the list and one decision. Nothing can be created or changed here. */
export const list = lazyPage(() => import('./DaDecisionList'), 'DaDecisionList');
export const show = lazyPage(() => import('./DaDecisionShow'), 'DaDecisionShow');
export const icon = BalanceIcon;

export default { list, show, icon };
