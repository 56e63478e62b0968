import { Box, Typography } from '@mui/material';

/**
 * A list of short items (categories, codes, sections) as a wrapped row of small
 * boxes, read by screen readers as a list; "None" when empty.
 */
export const ItemList = ({ items, testId, code = false }: { items: readonly string[]; testId?: string; code?: boolean }) => {
  if (items.length === 0) {
    return (
      <Typography component="span" variant="body2" data-testid={testId}>
        None
      </Typography>
    );
  }
  return (
    <Box
      component="ul"
      data-testid={testId}
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexWrap: 'wrap', gap: 0.75 }}
    >
      {items.map((item, index) => (
        <Box
          component="li"
          key={`${index}-${item}`}
          sx={{
            px: 0.75,
            py: 0.125,
            border: 1,
            borderColor: 'grey.400',
            borderRadius: 1,
            bgcolor: 'grey.50',
            fontSize: '0.875rem',
            fontFamily: code ? 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' : undefined,
          }}
        >
          {item}
        </Box>
      ))}
    </Box>
  );
};
