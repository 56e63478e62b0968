import LocalPoliceIcon from '@mui/icons-material/LocalPolice';
import { ArrestList } from './ArrestList';
import { ArrestShow } from './ArrestShow';

/** Arrests and citations (case-level, read-only): the list and one arrest. Nothing can be created or changed here. */
export const list = ArrestList;
export const show = ArrestShow;
export const icon = LocalPoliceIcon;

export default { list, show, icon };
