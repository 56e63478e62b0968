import EventNoteIcon from '@mui/icons-material/EventNote';
import { lazyPage } from '../../lazyPage';

/**
 * Review meetings (case-level: admins, analysts, reviewers; never viewers): the list (`list`), a new meeting
 * (`create`), and one meeting (`show`) where its agenda is prepared, the meeting is run one case per screen
 * (meeting mode, `?mode=meeting&case=N`) and its minutes are downloaded.
 */
export const list = lazyPage(() => import('./MeetingList'), 'MeetingList');
export const show = lazyPage(() => import('./MeetingShow'), 'MeetingShow');
export const create = lazyPage(() => import('./MeetingCreate'), 'MeetingCreate');
export const icon = EventNoteIcon;

export default { list, show, create, icon };
