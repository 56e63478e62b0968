import UploadFileIcon from '@mui/icons-material/UploadFile';
import { lazyPage } from '../../lazyPage';

/**
 * Imports (admins and analysts): the batches loaded so far (`list`), one batch
 * with its rejected rows (`show`), and the upload page (`create`, at
 * `#/import-batches/create`), which sends a file to `POST /api/ingest/<kind>`.
 */
export const list = lazyPage(() => import('./ImportList'), 'ImportList');
export const show = lazyPage(() => import('./ImportShow'), 'ImportShow');
export const create = lazyPage(() => import('./ImportUpload'), 'ImportUpload');
export const icon = UploadFileIcon;

export default { list, show, create, icon };
