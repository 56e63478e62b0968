import SummarizeIcon from '@mui/icons-material/Summarize';
import { lazyPage } from '../../lazyPage';

/**
 * Reports: every version of every month's compliance report (`list`, everyone) and one version, in the public or
 * (case-level roles) internal edition, with publishing and downloads (`show`). New drafts are made from the list.
 */
export const list = lazyPage(() => import('./ReportList'), 'ReportList');
export const show = lazyPage(() => import('./ReportShow'), 'ReportShow');
export const icon = SummarizeIcon;

export default { list, show, icon };
