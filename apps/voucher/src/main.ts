import { runHttpApp } from '@muvo/http';
import { VOUCHER_APP } from './voucher.app';

void runHttpApp(VOUCHER_APP);
