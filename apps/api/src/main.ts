import { runHttpApp } from '@muvo/http';
import { API_APP } from './api.app';

void runHttpApp(API_APP);
