import ReportOutlinedIcon from '@mui/icons-material/ReportOutlined';
import { lazyPage } from '../../lazyPage';

/**
 * Incidents (case-level, read-only): one row per SFPD incident number (`list`),
 * and one incident with its report rows, people, arrests, DA decisions and the
 * flags that cite it (`show`). Nothing can be created or changed here.
 */
export const list = lazyPage(() => import('./IncidentList'), 'IncidentList');
export const show = lazyPage(() => import('./IncidentShow'), 'IncidentShow');
export const icon = ReportOutlinedIcon;

export default { list, show, icon };
