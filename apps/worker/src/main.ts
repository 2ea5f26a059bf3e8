import { runHttpApp } from '@muvo/http';
import { WORKER_APP } from './worker.app';

void runHttpApp(WORKER_APP);
