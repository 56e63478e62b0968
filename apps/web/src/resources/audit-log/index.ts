import HistoryIcon from '@mui/icons-material/History';
import { lazyPage } from '../../lazyPage';

/** The append-only audit trail (admin only, read-only). */
export const list = lazyPage(() => import('./AuditLogList'), 'AuditLogList');
export const show = lazyPage(() => import('./AuditLogShow'), 'AuditLogShow');
export const icon = HistoryIcon;

export default { list, show, icon };
