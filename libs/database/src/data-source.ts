import { DataSource } from 'typeorm';
import { loadDotEnv, parseConfig } from '@muvo/config';
import { dataSourceOptions } from './data-source-options';

loadDotEnv();

/** For the TypeORM CLI (`npm run typeorm -- migration:show`); the apps build theirs through Nest. */
export default new DataSource(dataSourceOptions(parseConfig(), 'muvo-cli'));
