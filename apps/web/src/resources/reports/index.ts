import SummarizeIcon from '@mui/icons-material/Summarize';
import { ReportList } from './ReportList';
import { ReportShow } from './ReportShow';

/**
 * Reports: every version of every month's compliance report (`list`, everyone) and one version, in the public or
 * (case-level roles) internal edition, with publishing and downloads (`show`). New drafts are made from the list.
 */
export const list = ReportList;
export const show = ReportShow;
export const icon = SummarizeIcon;

export default { list, show, icon };
