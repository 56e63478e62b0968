import { Button } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { LinkBase, useCreatePath } from 'react-admin';

/** The way to the upload page: a real link, styled as the page's main button. */
export const LoadFileButton = ({ label = 'Load a file' }: { label?: string }) => {
  const createPath = useCreatePath();
  return (
    <Button
      component={LinkBase}
      to={createPath({ resource: 'import-batches', type: 'create' })}
      variant="contained"
      color="primary"
      startIcon={<UploadFileIcon aria-hidden="true" />}
      data-testid="load-file-link"
    >
      {label}
    </Button>
  );
};
