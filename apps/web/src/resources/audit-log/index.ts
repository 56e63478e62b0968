import HistoryIcon from '@mui/icons-material/History';
import { AuditLogList } from './AuditLogList';
import { AuditLogShow } from './AuditLogShow';

/** The append-only audit trail (admin only, read-only). */
export const list = AuditLogList;
export const show = AuditLogShow;
export const icon = HistoryIcon;

export default { list, show, icon };
