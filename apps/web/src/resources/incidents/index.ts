import ReportOutlinedIcon from '@mui/icons-material/ReportOutlined';
import { IncidentList } from './IncidentList';
import { IncidentShow } from './IncidentShow';

/**
 * Incidents (case-level, read-only): one row per SFPD incident number (`list`),
 * and one incident with its report rows, people, arrests, DA decisions and the
 * flags that cite it (`show`). Nothing can be created or changed here.
 */
export const list = IncidentList;
export const show = IncidentShow;
export const icon = ReportOutlinedIcon;

export default { list, show, icon };
