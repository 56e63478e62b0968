import GavelIcon from '@mui/icons-material/Gavel';
import { PolicyCreate } from './PolicyCreate';
import { PolicyList } from './PolicyList';
import { PolicyShow } from './PolicyShow';

/**
 * Policies: every version of the four rules (`list`, everyone), one version with
 * its lists and its changes from the version before (`show`, everyone), and a new
 * version of a rule (`create`, admins only, at `#/policy-versions/create?ruleId=...`).
 */
export const list = PolicyList;
export const show = PolicyShow;
export const create = PolicyCreate;
export const icon = GavelIcon;

export default { list, show, create, icon };
