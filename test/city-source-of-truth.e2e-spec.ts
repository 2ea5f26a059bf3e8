import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { applyCity, merchantIdOf, offerIdOf, validateCityFile } from '@muvo/programme';
import { cityFileFor, VIA_MAQUEDA } from './factories/city.factory';
import { login, registerParticipant } from './factories/participant.factory';
import { uploadBody } from './factories/trip.factory';
import { finishedTrip } from './scoring-helpers';
import { request } from './support/http-client';
import { runEntry } from './support/run-entry';
import { startStack, type TestStack } from './support/stack';

jest.setTimeout(120_000);

const APPLY = 'libs/programme/src/cli/city-apply.cli.ts';
const EXPORT = 'libs/programme/src/cli/city-export.cli.ts';

/**
 * The city file and the admin API do not fight: `city:apply` refuses to undo what operators did
 * through the API since the last apply (unless told `--force` / `--prune`), never deletes a
 * campaign that issued points, `city:export` writes the live city back as a file, and every
 * change from either path is in the audit log with before and after.
 */
describe('one source of truth: city file and admin API', () => {
  let stack: TestStack;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'muvo-source-'));
  beforeAll(async () => {
    stack = await startStack();
    env = {
      DATABASE_URL: stack.config.database.url,
      REDIS_URL: stack.config.redis.url,
      REDIS_PREFIX: stack.config.redis.prefix,
      MUVO_ACTOR: 'ops-laptop',
    };
  });
  afterAll(() => stack.close());

  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : stringify(content));
    return path;
  };
  const apply = (...args: string[]) => runEntry(APPLY, ['--', ...args], env);

  it('refuses to undo an API change to the walk rate or drop an API campaign that issued points; --force and --prune do, ending the campaign', async () => {
    const raw = cityFileFor({ rules: { pointsPerKm: { walk: 10 } } });
    const cityId = raw.id as string;
    const path = write('city.yaml', raw);
    const first = await apply(path);
    expect(first.code).toBe(0);
    const operatorEmail = (raw.operators as { email: string }[])[0].email;
    const password = JSON.parse(first.stdout).accounts.find(
      (a: { email: string }) => a.email === operatorEmail,
    ).password;
    const token = await login(stack.api.url, operatorEmail, password);

    // Operators change the walk rate and run a budgeted campaign through the admin API.
    const rules = await request(stack.api.url, 'PUT', '/v1/admin/rules', {
      token,
      body: { pointsPerKm: { walk: 12 } },
    });
    expect(rules.status).toBe(200);
    const day = 86_400_000;
    const spring = await request(stack.api.url, 'PUT', '/v1/admin/campaigns/spring', {
      token,
      body: {
        name: 'Spring walks',
        startsAt: new Date(Date.now() - 2 * day).toISOString(),
        endsAt: new Date(Date.now() + 30 * day).toISOString(),
        rules: { budget: { totalPoints: 100_000, pacing: 'none' } },
      },
    });
    expect(spring.status).toBe(200);
    const autumn = await request(stack.api.url, 'PUT', '/v1/admin/campaigns/autumn', {
      token,
      body: {
        name: 'Autumn',
        startsAt: new Date(Date.now() + 200 * day).toISOString(),
        endsAt: new Date(Date.now() + 230 * day).toISOString(),
      },
    });
    expect(autumn.status).toBe(200);
    const participant = await registerParticipant(stack.api.url, { cityId });
    const upload = await request(stack.api.url, 'POST', '/v1/trips', {
      token: participant.token,
      body: uploadBody({ path: VIA_MAQUEDA, mode: 'walk', seed: 4242 }),
    });
    expect(upload.status).toBe(202);
    const trip = await finishedTrip(stack.api.url, participant.token, upload.body.tripId);
    expect(trip.pointsAwarded).toBeGreaterThan(0);
    const campaigns = async () =>
      (await request(stack.api.url, 'GET', '/v1/admin/campaigns', { token })).body.items as {
        id: string;
        endsAt: string;
        issuedPoints: number;
      }[];
    const issued = (await campaigns()).find((c) => c.id === 'spring')!.issuedPoints;
    expect(issued).toBeGreaterThan(0);

    // Re-applying the unchanged file refuses, naming each thing and why; nothing is written.
    const refused = await apply(path);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`city:apply refused for ${cityId}`);
    expect(refused.stderr).toMatch(/- rules: changed through the admin API.*pointsPerKm\.walk: 12 → 10.*--force/);
    expect(refused.stderr).toMatch(new RegExp(`- campaign:spring: .*has issued ${issued} points.*--prune`));
    expect(refused.stderr).toMatch(/- campaign:autumn: .*would be removed.*--prune/);
    expect(refused.stderr).toContain(`city:export -- ${cityId}`);
    const rulesNow = async () =>
      (await request(stack.api.url, 'GET', '/v1/admin/rules', { token })).body.rules.pointsPerKm.walk;
    expect(await rulesNow()).toBe(12);
    expect((await campaigns()).map((c) => c.id).sort()).toEqual(['autumn', 'spring']);

    // --force alone overwrites, but removing still needs --prune: still refused, for the campaigns only.
    const forced = await apply('--force', path);
    expect(forced.code).toBe(1);
    expect(forced.stderr).not.toMatch(/- rules:/);
    expect(forced.stderr).toMatch(/- campaign:spring:/);
    expect(await rulesNow()).toBe(12);

    // --force --prune: the rate is the file's again, autumn is deleted, spring (41 points' worth of history) is ended.
    const both = await apply('--force', '--prune', path);
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout)).toEqual({ cityId, accounts: [] });
    expect(both.stderr).toContain('pointsPerKm.walk: 12 → 10');
    expect(both.stderr).toContain(`campaign:spring: ended now rather than deleted (it has issued ${issued} points)`);
    expect(await rulesNow()).toBe(10);
    const after = await campaigns();
    expect(after.map((c) => c.id)).toEqual(['spring']);
    expect(new Date(after[0].endsAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(after[0].issuedPoints).toBe(issued);

    // The same file again changes nothing: idempotent, ended campaign included.
    const again = await apply(path);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`city:apply ${cityId}: no changes`);
    expect(JSON.parse(again.stdout)).toEqual({ cityId, accounts: [] });

    // Both paths are in the audit log, who and before/after.
    const trail = (await request(stack.api.url, 'GET', '/v1/admin/audit?limit=200', { token })).body.items as {
      action: string;
      subject: string;
      actorRole: string;
      actorId: string | null;
      details: { by?: string; before: any; after: any };
    }[];
    const apiRules = trail.find((e) => e.action === 'rules.replaced')!;
    expect(apiRules.actorRole).toBe('operator');
    expect(apiRules.actorId).toEqual(expect.any(String));
    expect(apiRules.details.before.pointsPerKm.walk).toBe(10);
    expect(apiRules.details.after.pointsPerKm.walk).toBe(12);
    expect(
      trail.find((e) => e.action === 'campaign.created' && e.subject === `campaign:${cityId}/spring`),
    ).toBeDefined();
    const fileRules = trail.find((e) => e.action === 'city-file.rules.updated')!;
    expect(fileRules).toMatchObject({ actorRole: 'city-file', subject: `city:${cityId}` });
    expect(fileRules.details.by).toBe('ops-laptop');
    expect(fileRules.details.before.pointsPerKm.walk).toBe(12);
    expect(fileRules.details.after.pointsPerKm.walk).toBe(10);
    const ended = trail.find((e) => e.action === 'city-file.campaign.ended')!;
    expect(ended.subject).toBe(`campaign:${cityId}/spring`);
    expect(ended.details.before.name).toBe('Spring walks');
    const deleted = trail.find((e) => e.action === 'city-file.campaign.removed')!;
    expect(deleted.subject).toBe(`campaign:${cityId}/autumn`);
    expect(trail.filter((e) => e.action === 'city-file.route.created')).toHaveLength(1);
    // The accounts the file created are logged by id, their e-mails nowhere in the (append-only)
    // entries: the reader joins the name in as it is now.
    const created = trail.filter((e) => e.action === 'city-file.account.created') as ((typeof trail)[number] & {
      subjectName: string | null;
    })[];
    expect(created.length).toBe(JSON.parse(first.stdout).accounts.length);
    for (const entry of created) {
      expect(entry.subject).toMatch(/^account:[0-9a-f-]{36}$/);
      expect(JSON.stringify(entry.details)).not.toContain('@');
      expect(Object.keys(entry.details.after).sort()).toEqual(['merchantId', 'role']);
    }
    const operatorEntry = created.find((e) => e.details.after.role === 'operator')!;
    expect(operatorEntry.subjectName).toBe(operatorEmail);
  });

  it('exports the live city as a file that applies with no change, after API changes too', async () => {
    const raw = cityFileFor({
      rules: { pointsPerKm: { walk: 10, bike: 6 }, dailyCap: { points: null } },
      vouchers: { currency: 'EUR', merchantCorridorM: 300 },
      openData: { k: 12 },
      teams: [{ id: 'north', name: 'North', kind: 'neighbourhood' }],
      campaigns: [
        {
          id: 'bike-month',
          name: 'Bike month',
          startsAt: '2026-05-01T00:00:00+02:00',
          endsAt: '2026-06-01T00:00:00+02:00',
          rules: { pointsPerKm: { bike: 12 } },
        },
      ],
    });
    const merchants = raw.merchants as Record<string, any>[];
    merchants[0].address = 'Via Maqueda 1';
    merchants[0].offers[0] = {
      ...merchants[0].offers[0],
      voucherTtlDays: 7,
      perParticipantLimit: 2,
      payoutCents: 150,
      validUntil: '2027-01-01T00:00:00Z',
    };
    const cityId = raw.id as string;
    const first = await apply(write('rich.json', JSON.stringify(raw)));
    expect(first.code).toBe(0);
    const operatorEmail = (raw.operators as { email: string }[])[0].email;
    const token = await login(
      stack.api.url,
      operatorEmail,
      JSON.parse(first.stdout).accounts.find((a: { email: string }) => a.email === operatorEmail).password,
    );
    expect(
      (await request(stack.api.url, 'PUT', '/v1/admin/rules', { token, body: { pointsPerKm: { walk: 12 } } })).status,
    ).toBe(200);
    // The file's k is the city's open data minimum: a smaller k is refused, the file's own is served.
    const openData = (k: number) =>
      request(stack.api.url, 'GET', `/v1/admin/open-data/cells.geojson?from=2026-05-01&to=2026-05-02&k=${k}`, {
        token,
      });
    const tooSmall = await openData(11);
    expect([tooSmall.status, tooSmall.body.code]).toEqual([400, 'K_TOO_SMALL']);
    expect((await openData(12)).body.k).toBe(12);

    const exported = await runEntry(EXPORT, ['--', cityId], env);
    expect(exported.code).toBe(0);
    const file = parse(exported.stdout);
    expect(file.rules).toEqual({ pointsPerKm: { walk: 12 } });
    expect(file.openData).toEqual({ k: 12 });
    expect(file.campaigns[0]).toMatchObject({ id: 'bike-month', rules: { pointsPerKm: { bike: 12 } } });
    expect(file.merchants[0].offers.find((o: { id: string }) => o.id === 'espresso')).toMatchObject({
      voucherTtlDays: 7,
      perParticipantLimit: 2,
      payoutCents: 150,
    });
    const asJson = await runEntry(EXPORT, ['--', '--format', 'json', cityId], env);
    expect(JSON.parse(asJson.stdout)).toEqual(file);

    const roundTrip = await apply(write('exported.yaml', exported.stdout));
    expect(roundTrip.code).toBe(0);
    expect(roundTrip.stderr).toContain(`city:apply ${cityId}: no changes`);
    expect(JSON.parse(roundTrip.stdout)).toEqual({ cityId, accounts: [] });

    // The file is up to date again: it is the truth, and a later edit of it applies without --force.
    const edited = { ...file, rules: { pointsPerKm: { walk: 11 } }, openData: { k: 15 } };
    const next = await apply(write('edited.yaml', edited));
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('pointsPerKm.walk: 12 → 11');
    expect(next.stderr).toContain('k: 12 → 15');
    expect((await request(stack.api.url, 'GET', '/v1/admin/rules', { token })).body.rules).toEqual(edited.rules);
    expect((await openData(12)).body.code).toBe('K_TOO_SMALL');
  });

  it('takes open data’s k from the file: a whole number of people, at least 2, and 10 without it', async () => {
    for (const k of [1, 2.5, '10']) {
      expect(() => validateCityFile(cityFileFor({ openData: { k } }))).toThrow(/openData\.k/);
    }
    const raw = cityFileFor({ openData: { k: 25 } });
    const applied = await applyCity(validateCityFile(raw).file, stack.config);
    const email = (raw.operators as { email: string }[])[0].email;
    const token = await login(stack.api.url, email, applied.accounts.find((a) => a.email === email)!.password);
    const kOf = async () =>
      (
        await request(stack.api.url, 'GET', '/v1/admin/open-data/flows.geojson?from=2026-05-01&to=2026-05-02', {
          token,
        })
      ).body.k;
    expect(await kOf()).toBe(25);
    const withoutK: Record<string, unknown> = { ...raw };
    delete withoutK.openData;
    await applyCity(validateCityFile(withoutK).file, stack.config);
    expect(await kOf()).toBe(10);
  });

  it('refuses to undo an operator’s edits and suspension of the file’s shops, and audits both paths', async () => {
    const raw = cityFileFor();
    const cityId = raw.id as string;
    const path = write('shops.yaml', raw);
    const first = await apply(path);
    expect(first.code).toBe(0);
    const operatorEmail = (raw.operators as { email: string }[])[0].email;
    const token = await login(
      stack.api.url,
      operatorEmail,
      JSON.parse(first.stdout).accounts.find((a: { email: string }) => a.email === operatorEmail).password,
    );
    const bar = merchantIdOf(cityId, 'bar');
    const renamed = await request(stack.voucher.url, 'PATCH', `/v1/merchants/${bar}`, {
      token,
      body: { name: 'Bar Maqueda & Co' },
    });
    expect(renamed.status).toBe(200);
    const restocked = await request(stack.voucher.url, 'PATCH', `/v1/offers/${offerIdOf(cityId, 'bar', 'espresso')}`, {
      token,
      body: { stock: 20 },
    });
    expect(restocked.status).toBe(200);
    // An offer created through the API is the shop's, not the file's: no apply touches it.
    const created = await request(stack.voucher.url, 'POST', `/v1/merchants/${bar}/offers`, {
      token,
      body: { title: 'Cannolo', costPoints: 30 },
    });
    expect(created.status).toBe(201);
    const suspended = await request(
      stack.voucher.url,
      'POST',
      `/v1/merchants/${merchantIdOf(cityId, 'books')}/review`,
      {
        token,
        body: { decision: 'suspend', note: 'closed for works' },
      },
    );
    expect(suspended.status).toBe(201);

    const refused = await apply(path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/- merchant:bar: .*name: "Bar Maqueda & Co" → "Bar Maqueda".*--force/);
    expect(refused.stderr).toMatch(/- offer:bar\/espresso: .*stock: 20 → 100/);
    expect(refused.stderr).toMatch(/- merchant:books: .*would be re-created \(it was removed or suspended/);
    expect(refused.stderr).not.toContain('Cannolo');
    const shop = await request(stack.voucher.url, 'GET', `/v1/merchants/${bar}`, { token });
    expect(shop.body.name).toBe('Bar Maqueda & Co');

    const trail = (await request(stack.api.url, 'GET', '/v1/admin/audit?limit=50', { token })).body.items as {
      action: string;
      subject: string;
      actorRole: string;
      details: { before: any; after: any; note?: string };
    }[];
    expect(trail.find((e) => e.action === 'merchant.updated')).toMatchObject({
      actorRole: 'operator',
      subject: `merchant:${cityId}/bar`,
      details: { before: { name: 'Bar Maqueda' }, after: { name: 'Bar Maqueda & Co' } },
    });
    expect(trail.find((e) => e.action === 'merchant.suspend')).toMatchObject({
      subject: `merchant:${cityId}/books`,
      details: { note: 'closed for works', before: { status: 'approved' }, after: { status: 'suspended' } },
    });
    expect(trail.find((e) => e.action === 'offer.created')).toMatchObject({
      subject: `offer:${cityId}/${created.body.id}`,
      details: { before: null, after: { title: 'Cannolo', costPoints: 30, status: 'approved' } },
    });
    expect(trail.find((e) => e.action === 'offer.updated')).toMatchObject({
      details: { before: { stock: 100 }, after: { stock: 20 } },
    });

    // --force: the file's word stands again, the shop reinstated, and the overrides audited as such.
    const forced = await apply('--force', path);
    expect(forced.code).toBe(0);
    expect((await request(stack.voucher.url, 'GET', `/v1/merchants/${bar}`, { token })).body.name).toBe('Bar Maqueda');
    const cannolo = await request(stack.voucher.url, 'GET', `/v1/offers/${created.body.id}`, { token });
    expect(cannolo.body).toMatchObject({ title: 'Cannolo', active: true });
    const after = (await request(stack.api.url, 'GET', '/v1/admin/audit?limit=50', { token })).body.items as {
      action: string;
      subject: string;
      details: { overrode?: string };
    }[];
    expect(
      after.find((e) => e.action === 'city-file.merchant.created' && e.subject === `merchant:${cityId}/books`)?.details
        .overrode,
    ).toBeDefined();
    expect(after.find((e) => e.action === 'city-file.merchant.updated')?.subject).toBe(`merchant:${cityId}/bar`);
  });

  it('says which city is unknown and how to call it', async () => {
    const missing = await runEntry(EXPORT, ['--', 'no-such-city'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no city no-such-city');
    const usage = await runEntry(EXPORT, ['--', '--format', 'xml', 'x'], env);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('usage: npm run --silent city:export');
  });
});
