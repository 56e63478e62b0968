import GavelIcon from '@mui/icons-material/Gavel';
import { ChargeCodeEdit } from './ChargeCodeEdit';
import { ChargeCodeList } from './ChargeCodeList';

/** Charge codes in plain words (admins): the codes the loaded records cite, and a form to describe the unknown ones. */
export const list = ChargeCodeList;
export const edit = ChargeCodeEdit;
export const icon = GavelIcon;

export default { list, edit, icon };
