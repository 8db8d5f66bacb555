import { entities as moduleEntities } from '../modules';
import { DataVersion } from './data-version';

/** Every entity of the model, listed once (no folder scanning: works the same from ts and js). */
export const entities = [...moduleEntities, DataVersion];
