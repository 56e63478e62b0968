import { useDeferredValue, useRef, type ReactNode } from 'react';
import { Alert, Box, Button as MuiButton, CircularProgress, Divider, Typography } from '@mui/material';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { ListButton, Show, TopToolbar, useLocation, useNavigate, useRecordContext, useShowContext } from 'react-admin';
import type { MeetingDetail } from '@sra/contracts';
import { formatDay } from '@sra/contracts';
import { AgendaPanel } from './AgendaPanel';
import { MeetingDetailsPanel } from './MeetingDetailsPanel';
import { MeetingMode } from './MeetingMode';
import { MinutesPanel } from './MinutesPanel';

/**
 * Meeting mode lives in the page's address (`?mode=meeting&case=3`), so a reload, or a link, opens the same case,
 * and the browser's Back button leaves it.
 */
function useMeetingMode() {
  const location = useLocation();
  const navigate = useNavigate();
  const params = new URLSearchParams(location.search);
  const open = params.get('mode') === 'meeting';
  const wanted = Number(params.get('case'));
  const index = Number.isInteger(wanted) && wanted >= 1 ? wanted - 1 : 0;
  const at = (i: number, replace: boolean) => navigate({ pathname: location.pathname, search: `?mode=meeting&case=${i + 1}` }, { replace });
  return {
    open,
    index,
    start: () => at(0, false),
    go: (i: number) => at(i, true),
    exit: () => navigate({ pathname: location.pathname, search: '' }, { replace: true }),
  };
}

const MeetingTitle = () => {
  const meeting = useRecordContext<MeetingDetail>();
  return <span>{meeting ? `Meeting: ${meeting.title} (${formatDay(meeting.date)})` : 'Meeting'}</span>;
};

const MeetingShowActions = ({ onStart }: { onStart: () => void }) => {
  const meeting = useRecordContext<MeetingDetail>();
  const empty = !meeting || !Array.isArray(meeting.agenda) || meeting.agenda.length === 0;
  return (
    <TopToolbar>
      <ListButton label="All meetings" />
      <MuiButton variant="contained" size="small" startIcon={<PlayArrowIcon />} disabled={empty} onClick={onStart} data-testid="start-meeting">
        Start meeting
      </MuiButton>
    </TopToolbar>
  );
};

/** A titled part of the page (an h2 and what it is about). */
const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <Box component="section" aria-labelledby={`${id}-heading`} data-testid={id} sx={{ py: 2 }}>
    <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1.5 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

/**
 * The record, drawn the first time in a background render, in slices (a 500-case meeting's page in one task kept the
 * page from answering: issue 14); after that as it comes, so the agenda shows a change as soon as it is saved.
 */
function useFirstDrawDeferred<T>(record: T | undefined): T | undefined {
  const deferred = useDeferredValue(record, undefined);
  const drawnOnce = useRef(false);
  if (deferred !== undefined) drawnOnce.current = true;
  return drawnOnce.current ? record : deferred;
}

const MeetingPage = ({ mode }: { mode: ReturnType<typeof useMeetingMode> }) => {
  const { record: fetched, refetch, error } = useShowContext<MeetingDetail>();
  const meeting = useFirstDrawDeferred(fetched);
  if (error && !meeting) {
    return (
      <Alert severity="error" sx={{ m: 2 }}>
        The meeting could not be loaded: {error instanceof Error ? error.message : 'please try again'}
      </Alert>
    );
  }
  if (!meeting || !Array.isArray(meeting.agenda)) {
    // Opened from the list, the record has no agenda yet: it is being fetched.
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 2 }} role="status">
        <CircularProgress size={20} aria-hidden="true" />
        <Typography variant="body2">Loading the meeting…</Typography>
      </Box>
    );
  }
  const reload = () => refetch();
  // Meeting mode draws only the case on screen: the agenda, the details and the minutes are not drawn behind it,
  // so a move never waits for them (issue 14). Mounted when opened, it starts at the case the address names.
  if (mode.open) {
    return <MeetingMode meeting={meeting} open index={mode.index} onGo={mode.go} onExit={mode.exit} onChanged={reload} />;
  }
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Section id="meeting-section-details" title="The meeting">
        <MeetingDetailsPanel meeting={meeting} onChanged={reload} />
      </Section>
      <Divider />
      <Section id="meeting-section-agenda" title="Agenda">
        <AgendaPanel meeting={meeting} onChanged={reload} />
      </Section>
      <Divider />
      <Section id="meeting-section-minutes" title="Minutes">
        <MinutesPanel meetingId={meeting.id} />
      </Section>
    </Box>
  );
};

/**
 * `GET /api/meetings/:id` (MeetingDetail): prepare the meeting (details, attendees, agenda), run it in meeting
 * mode (one case per screen, over the whole window), and download its minutes.
 */
export const MeetingShow = () => {
  const mode = useMeetingMode();
  return (
    <Show title={<MeetingTitle />} actions={<MeetingShowActions onStart={mode.start} />}>
      <MeetingPage mode={mode} />
    </Show>
  );
};
