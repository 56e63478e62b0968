import GavelIcon from '@mui/icons-material/Gavel';
import { lazyPage } from '../../lazyPage';

/** Charge codes in plain words (admins): the codes the loaded records cite, and a form to describe the unknown ones. */
export const list = lazyPage(() => import('./ChargeCodeList'), 'ChargeCodeList');
export const edit = lazyPage(() => import('./ChargeCodeEdit'), 'ChargeCodeEdit');
export const icon = GavelIcon;

export default { list, edit, icon };
