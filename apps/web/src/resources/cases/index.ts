import FlagIcon from '@mui/icons-material/Flag';
import { lazyPage } from '../../lazyPage';

/**
 * Flagged cases (issue 11; case-level: admins, analysts, reviewers; never viewers): one per arrest or DA charge,
 * with the rules it breaches inside it. The list with server-side filters and bulk review actions (`list`), and one
 * case with its timeline, each rule's flag and one review panel (`show`). The per-rule flags stay as the evidence
 * (the `flags` resource, out of the menu).
 */
export const list = lazyPage(() => import('./CaseList'), 'CaseList');
export const show = lazyPage(() => import('./CaseShow'), 'CaseShow');
export const icon = FlagIcon;

export default { list, show, icon };
