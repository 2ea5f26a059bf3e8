import { API_APP } from '../../apps/api/src/api.app';
import { VOUCHER_APP } from '../../apps/voucher/src/voucher.app';
import { WORKER_APP } from '../../apps/worker/src/worker.app';
import { applyTestCity } from '../factories/city.factory';
import { type RunningApp, startApp, testConfig } from './stack';

/**
 * The api, with the voucher service it forwards the page's calls to and the worker that scores
 * uploads; the voucher app starts first so the api knows where it is. A test city is applied.
 */
export async function startWebStack(
  options: { env?: Record<string, string>; city?: Parameters<typeof applyTestCity>[1] } = {},
) {
  const config = testConfig(options.env);
  const voucher = await startApp(VOUCHER_APP, config);
  const [api, worker] = await Promise.all([
    startApp(API_APP, { ...config, web: { ...config.web, voucherUrl: voucher.url } }),
    startApp(WORKER_APP, config),
  ]);
  const city = await applyTestCity(config, options.city);
  return {
    config,
    city,
    api,
    voucher,
    close: () => Promise.all([api, voucher, worker].map((app: RunningApp) => app.app.close())),
  };
}

export type WebStack = Awaited<ReturnType<typeof startWebStack>>;
