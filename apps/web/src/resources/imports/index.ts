import UploadFileIcon from '@mui/icons-material/UploadFile';
import { ImportList } from './ImportList';
import { ImportShow } from './ImportShow';
import { ImportUpload } from './ImportUpload';

/**
 * Imports (admins and analysts): the batches loaded so far (`list`), one batch
 * with its rejected rows (`show`), and the upload page (`create`, at
 * `#/import-batches/create`), which sends a file to `POST /api/ingest/<kind>`.
 */
export const list = ImportList;
export const show = ImportShow;
export const create = ImportUpload;
export const icon = UploadFileIcon;

export default { list, show, create, icon };
