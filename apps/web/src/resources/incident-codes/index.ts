import ListAltIcon from '@mui/icons-material/ListAlt';
import { lazyPage } from '../../lazyPage';

/** The SFPD incident-code catalog (admins): DataSF's codes and the ones admins add, with where each comes from. */
export const list = lazyPage(() => import('./IncidentCodeList'), 'IncidentCodeList');
export const show = lazyPage(() => import('./IncidentCodeShow'), 'IncidentCodeShow');
export const edit = lazyPage(() => import('./IncidentCodeEdit'), 'IncidentCodeEdit');
export const create = lazyPage(() => import('./IncidentCodeEdit'), 'IncidentCodeCreate');
export const icon = ListAltIcon;

export default { list, show, edit, create, icon };
