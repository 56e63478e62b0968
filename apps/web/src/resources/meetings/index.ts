import EventNoteIcon from '@mui/icons-material/EventNote';
import { MeetingCreate } from './MeetingCreate';
import { MeetingList } from './MeetingList';
import { MeetingShow } from './MeetingShow';

/**
 * Review meetings (case-level: admins, analysts, reviewers; never viewers): the list (`list`), a new meeting
 * (`create`), and one meeting (`show`) where its agenda is prepared, the meeting is run one case per screen
 * (meeting mode, `?mode=meeting&case=N`) and its minutes are downloaded.
 */
export const list = MeetingList;
export const show = MeetingShow;
export const create = MeetingCreate;
export const icon = EventNoteIcon;

export default { list, show, create, icon };
