import BalanceIcon from '@mui/icons-material/Balance';
import { DaDecisionList } from './DaDecisionList';
import { DaDecisionShow } from './DaDecisionShow';

/** District Attorney charging decisions (case-level, read-only): the list and one decision. Nothing can be created or changed here. */
export const list = DaDecisionList;
export const show = DaDecisionShow;
export const icon = BalanceIcon;

export default { list, show, icon };
