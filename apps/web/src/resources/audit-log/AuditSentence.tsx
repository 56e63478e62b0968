import type { MouseEvent } from 'react';
import { Box, Typography } from '@mui/material';
import { Link, useCreatePath } from 'react-admin';
import { describeAuditEntry, type AuditLogEntry } from '@sra/contracts';

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/**
 * An entry in plain language ("Viewed case 220023435"), the words naming what it is about a link to it when it still
 * exists. `raw` adds the action as recorded (`POST /api/meetings/:id/decisions`) and its status code on a second
 * line, for administrators who need it.
 */
export const AuditSentence = ({ entry, raw = true }: { entry: AuditLogEntry; raw?: boolean }) => {
  const createPath = useCreatePath();
  const sentence = describeAuditEntry(entry);
  let body = <>{sentence.text}</>;
  if (sentence.link && sentence.linkText) {
    const at = sentence.text.lastIndexOf(sentence.linkText);
    const to = createPath({ resource: sentence.link.resource, id: sentence.link.id, type: 'show' });
    const link = (
      <Link to={to} onClick={stopPropagation} data-testid={`audit-link-${entry.id}`}>
        {sentence.linkText}
      </Link>
    );
    body =
      at >= 0 ? (
        <>
          {sentence.text.slice(0, at)}
          {link}
          {sentence.text.slice(at + sentence.linkText.length)}
        </>
      ) : (
        <>
          {sentence.text} ({link})
        </>
      );
  }
  return (
    <Box sx={{ minWidth: { sm: '22em' } }}>
      <Typography variant="body2" component="span" data-testid={`audit-sentence-${entry.id}`} sx={{ display: 'block' }}>
        {body}
      </Typography>
      {raw ? (
        <Typography
          variant="caption"
          component="span"
          color="text.secondary"
          data-testid={`audit-raw-${entry.id}`}
          sx={{ display: 'block', fontFamily: 'monospace', overflowWrap: 'anywhere' }}
          title="The action as the server recorded it"
        >
          {entry.action}
          {entry.statusCode !== null ? ` · ${entry.statusCode}` : ''}
        </Typography>
      ) : null}
    </Box>
  );
};
