import { randomBytes, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import { z } from 'zod';
import { SMALL_BODY_LIMIT_BYTES } from '@muvo/http';
import { IdentityService } from '@muvo/identity';
import { currentConsents, login } from './factories/participant.factory';
import { request, type RequestOptions } from './support/http-client';
import { inputJsonSchema, type JsonSchema, propertiesOf, type RouteInfo, routesOf } from './support/route-catalogue';
import { startVoucherStack, type VoucherStack } from './voucher-helpers';

/**
 * Hostile input at the edge of the api and voucher apps: every route's body, query and path
 * parameters get NUL bytes, unpaired surrogates, impossible dates and oversized bodies, found by
 * walking the routes the apps registered (so a new field is covered the day it is added). Each
 * gets a 4xx with a machine-readable code; the suite counts what it sent and asserts no 5xx.
 * Also: CSV routes answer errors as JSON, nothing is written before a 4xx, and every route's
 * parameters are in the OpenAPI documents.
 */

const SMALL_LIMIT = SMALL_BODY_LIMIT_BYTES;
const UPLOAD_LIMIT = 2 * 1024 * 1024;
const NUL = 'x\u0000y';
const LONE_SURROGATE = 'x\ud800y';
/**
 * How a URL carries them: `%00`, and the bytes an unpaired surrogate would have in UTF-8 (not valid
 * UTF-8: the query parser keeps them as the literal text `%ED%A0%80`, harmless, so any non-5xx do).
 */
const URL_NUL = 'x%00y';
const URL_LONE_SURROGATE = 'x%ED%A0%80y';
/** Longer than any text field of muvo should take (each has a maximum), well under the body limit. */
const LONG_TEXT = 'x'.repeat(40_000);
/** 5,000 levels of nesting in 10 KB, under the body limit: nothing may recurse its way to a stack overflow. */
const DEEP_JSON = '['.repeat(5_000) + ']'.repeat(5_000);
const IMPOSSIBLE_DAYS = ['2026-02-30', '0000-01-01'];
const IMPOSSIBLE_INSTANTS = ['2026-02-30T10:00:00Z', '0000-01-01T00:00:00Z'];

interface Sent {
  what: string;
  status: number;
  code: unknown;
}

describe('hostile input at the edge of the api and voucher apps', () => {
  let s: VoucherStack;
  let participant: { id: string; email: string; password: string; token: string };
  let staff: string;
  let operator: string;
  let admin: string;
  let mediator: string;
  let tripId: string;
  let offerId: string;
  const sent: Sent[] = [];

  /** A hostile request, counted with its answer. */
  async function hostile(baseUrl: string, method: string, path: string, options: RequestOptions = {}) {
    const response = await request(baseUrl, method, path, options);
    sent.push({ what: `${method} ${path.slice(0, 160)}`, status: response.status, code: response.body?.code });
    return response;
  }

  beforeAll(async () => {
    s = await startVoucherStack({ TRIP_MAX_BODY_BYTES: String(UPLOAD_LIMIT) });
    participant = await s.participant(50);
    staff = await s.staffToken(0);
    operator = await s.operatorToken();
    const adminEmail = `admin-${randomBytes(4).toString('hex')}@example.org`;
    await s.stack.api.app
      .get(IdentityService)
      .createAccount({ email: adminEmail, password: 'an admin password', role: 'admin' });
    admin = await login(s.stack.api.url, adminEmail, 'an admin password');
    const mediatorEmail = `mediator-${randomBytes(4).toString('hex')}@example.org`;
    await s.stack.api.app
      .get(IdentityService)
      .createAccount({ email: mediatorEmail, password: 'a mediator password', role: 'mediator', cityId: s.cityId });
    mediator = await login(s.stack.api.url, mediatorEmail, 'a mediator password');
    const trip = await request(s.stack.api.url, 'POST', '/v1/trips', { token: participant.token, body: walk(40) });
    expect(trip.status).toBe(202);
    tripId = trip.body.tripId;
    offerId = await s.offerId('Free espresso');
  });
  afterAll(() => s.close());

  describe('body limits', () => {
    it('refuses a 1 MB login body with 413 at once, on the api and the voucher app', async () => {
      const huge = JSON.stringify({ email: 'a@example.org', password: 'p'.repeat(1024 * 1024) });
      const started = Date.now();
      const answers = await Promise.all([
        ...Array.from({ length: 8 }, () =>
          hostile(s.stack.api.url, 'POST', '/v1/auth/login', {
            raw: huge,
            headers: { 'content-type': 'application/json' },
          }),
        ),
        hostile(s.stack.voucher.url, 'POST', '/v1/counter/session', {
          raw: huge.slice(0, 512 * 1024),
          headers: { 'content-type': 'application/json' },
        }),
      ]);
      const elapsedMs = Date.now() - started;
      expect(answers.map((a) => [a.status, a.body?.code])).toEqual(answers.map(() => [413, 'PAYLOAD_TOO_LARGE']));
      expect(elapsedMs).toBeLessThan(5_000);
    });

    it('measures a gzip body on a small route after decompression', async () => {
      // 1 MB once inflated: under TRIP_MAX_BODY_BYTES, which was the cap on every route, over the small limit.
      const bomb = gzipSync(JSON.stringify({ email: 'a@example.org', password: ' '.repeat(1024 * 1024) }));
      expect(bomb.length).toBeLessThan(SMALL_LIMIT);
      const answer = await hostile(s.stack.api.url, 'POST', '/v1/auth/login', {
        raw: bomb,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      });
      expect([answer.status, answer.body?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    });

    it('still takes uploads far larger than the small limit, up to TRIP_MAX_BODY_BYTES', async () => {
      const big = walk(2_000);
      expect(JSON.stringify(big).length).toBeGreaterThan(2 * SMALL_LIMIT);
      const whole = await request(s.stack.api.url, 'POST', '/v1/trips', { token: participant.token, body: big });
      expect(whole.status).toBe(202);
      const live = await request(s.stack.api.url, 'POST', '/v1/trips/live', { token: participant.token, body: {} });
      expect(live.status).toBe(201);
      const chunk = await request(s.stack.api.url, 'PUT', `/v1/trips/${live.body.tripId}/chunks/0`, {
        token: participant.token,
        body: big,
      });
      expect(chunk.status).toBe(202);
      const tooBig = await hostile(s.stack.api.url, 'POST', '/v1/trips', {
        token: participant.token,
        raw: ' '.repeat(UPLOAD_LIMIT + 1) + '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect([tooBig.status, tooBig.body?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    });
  });

  describe('CSV routes', () => {
    it('answer their errors as JSON with a code, not as a 500', async () => {
      const other = s.merchantId(1);
      const cases: [string, string, number, string][] = [
        [staff, `/v1/merchants/${other}/settlement.csv?from=2026-10-01&to=2026-10-31`, 404, 'MERCHANT_NOT_FOUND'],
        [staff, `/v1/merchants/${s.merchantId(0)}/settlement.csv`, 400, 'VALIDATION_FAILED'],
        [staff, `/v1/merchants/${s.merchantId(0)}/settlement.csv?from=2026-02-30&to=2026-03-01`, 400, 'INVALID_PERIOD'],
        [operator, '/v1/reports/merchants.csv', 400, 'VALIDATION_FAILED'],
        [participant.token, '/v1/reports/merchants.csv?from=2026-10-01&to=2026-10-31', 403, 'ROLE_FORBIDDEN'],
      ];
      for (const [token, path, status, code] of cases) {
        const answer = await hostile(s.stack.voucher.url, 'GET', path, { token });
        expect({ path, status: answer.status, code: answer.body?.code }).toEqual({ path, status, code });
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        expect(answer.headers.get('content-disposition')).toBeNull();
        expect(typeof answer.body.message).toBe('string');
      }
      const csv = await request(s.stack.voucher.url, 'GET', '/v1/reports/merchants.csv?from=2026-10-01&to=2026-10-31', {
        token: operator,
      });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    });
  });

  describe('nothing is written before a 4xx', () => {
    const count = async (sql: string, params: unknown[]) => Number((await s.db.query(sql, params))[0].n);

    it('a shop application whose owner email is being guessed at writes the shop, owner and session together', async () => {
      const email = `owner-${randomBytes(4).toString('hex')}@shop.example`;
      // Someone guessed passwords for this email before it had an account: logins for it now wait.
      for (let i = 0; i <= s.stack.config.auth.loginFailures.limit; i++) {
        await request(s.stack.api.url, 'POST', '/v1/auth/login', { body: { email, password: `guess-${i}-guess` } });
      }
      const name = `Forno ${randomBytes(3).toString('hex')}`;
      const application = await hostile(s.stack.voucher.url, 'POST', '/v1/merchants', {
        body: {
          cityId: s.cityId,
          name,
          location: { lat: 38.1152, lon: 13.3622 },
          owner: { email, password: 'a long secret' },
        },
      });
      const merchants = await count(`SELECT count(*) AS n FROM merchants WHERE name = $1`, [name]);
      const owners = await count(`SELECT count(*) AS n FROM accounts WHERE lower(email) = lower($1)`, [email]);
      expect({ status: application.status, merchants, owners }).toEqual({ status: 201, merchants: 1, owners: 1 });
      const tokens = await count(`SELECT count(*) AS n FROM refresh_tokens WHERE account_id = $1`, [
        application.body.ownerAccountId,
      ]);
      expect(tokens).toBe(1);
      const refreshed = await request(s.stack.voucher.url, 'POST', '/v1/counter/session/refresh', {
        body: { refreshToken: application.body.refreshToken },
      });
      expect(refreshed.status).toBe(200);

      // A refused application writes nothing either.
      const again = await hostile(s.stack.voucher.url, 'POST', '/v1/merchants', {
        body: {
          cityId: s.cityId,
          name: `${name} bis`,
          location: { lat: 38.1152, lon: 13.3622 },
          owner: { email, password: 'another secret' },
        },
      });
      expect([again.status, again.body.code]).toEqual([409, 'EMAIL_TAKEN']);
      expect(await count(`SELECT count(*) AS n FROM merchants WHERE name = $1`, [`${name} bis`])).toBe(0);
    });

    it('a counter login with the credentials of a participant or an operator stores no session before its 403', async () => {
      const operatorEmail = (s.city.raw.operators as { email: string }[])[0].email;
      const people = [
        { email: participant.email, password: participant.password },
        { email: operatorEmail, password: s.city.password(operatorEmail) },
      ];
      for (const person of people) {
        const tokens = () =>
          count(
            `SELECT count(*) AS n FROM refresh_tokens r JOIN accounts a ON a.id = r.account_id WHERE lower(a.email) = lower($1)`,
            [person.email],
          );
        const before = await tokens();
        const answer = await hostile(s.stack.voucher.url, 'POST', '/v1/counter/session', { body: person });
        expect([answer.status, answer.body.code]).toEqual([403, 'NOT_MERCHANT_STAFF']);
        expect(await tokens()).toBe(before);
      }
    });
  });

  describe('text and dates', () => {
    it('answers each input the review found 400 with a code, never 500', async () => {
      const api = s.stack.api.url;
      const voucher = s.stack.voucher.url;
      const consents = await currentConsents(api);
      const cases: [string, string, string, string, unknown?][] = [
        [
          api,
          'POST',
          '/v1/auth/register',
          '',
          { email: `n-${randomUUID()}@example.org`, password: 'a long password', displayName: NUL, consents },
        ],
        [
          api,
          'POST',
          '/v1/auth/register',
          '',
          {
            email: `n-${randomUUID()}@example.org`,
            password: 'a long password',
            displayName: LONE_SURROGATE,
            consents,
          },
        ],
        [api, 'PUT', '/v1/me/team', participant.token, { teamId: NUL }],
        [api, 'PUT', '/v1/me/team', participant.token, { teamId: LONE_SURROGATE }],
        [api, 'POST', `/v1/trips/${tripId}/disputes`, participant.token, { legIndex: 0, mode: 'bike', note: NUL }],
        [
          api,
          'POST',
          `/v1/trips/${tripId}/disputes`,
          participant.token,
          { legIndex: 0, mode: 'bike', note: LONE_SURROGATE },
        ],
        [api, 'PUT', '/v1/admin/campaigns/hostile', operator, campaign({ name: NUL })],
        [api, 'PUT', '/v1/admin/campaigns/hostile', operator, campaign({ name: LONE_SURROGATE })],
        [api, 'PUT', '/v1/admin/campaigns/hostile', operator, campaign({ startsAt: '0000-01-01T00:00:00Z' })],
        [api, 'GET', '/v1/admin/reviews?before=0000-01-01T00:00:00Z', operator],
        [api, 'GET', '/v1/admin/reviews?before=2026-02-30T00:00:00Z', operator],
        [api, 'GET', '/v1/admin/stats?from=2026-02-30&to=2026-03-01', operator],
        [api, 'GET', '/v1/leaderboards/individual?cityId=%00', participant.token],
        [api, 'GET', '/v1/leaderboards/individual?week=2026-W99', participant.token],
        [api, 'GET', '/v1/trips/%00', participant.token],
        [voucher, 'GET', '/v1/offers?cityId=%00', participant.token],
        [voucher, 'GET', '/v1/offers/%00', participant.token],
        [voucher, 'GET', '/v1/counter/redemptions?day=2026-02-30', staff],
        [voucher, 'GET', '/v1/counter/redemptions?day=0000-01-01', staff],
        [voucher, 'POST', `/v1/merchants/${s.merchantId(0)}/offers`, staff, { title: NUL, costPoints: 5 }],
        [voucher, 'POST', `/v1/merchants/${s.merchantId(0)}/offers`, staff, { title: LONE_SURROGATE, costPoints: 5 }],
        [
          voucher,
          'POST',
          `/v1/merchants/${s.merchantId(0)}/offers`,
          staff,
          { title: 'Tea', costPoints: 5, voucherLifetimeDays: 0.000001 },
        ],
        [
          voucher,
          'POST',
          `/v1/merchants/${s.merchantId(0)}/offers`,
          staff,
          { title: 'Tea', costPoints: 5, validUntil: '0000-01-01T00:00:00Z' },
        ],
        [voucher, 'PATCH', `/v1/offers/${offerId}`, staff, { voucherLifetimeDays: 0.000001 }],
        [voucher, 'PATCH', `/v1/merchants/${s.merchantId(0)}`, staff, { description: NUL }],
        [voucher, 'POST', '/v1/redemptions', staff, { code: NUL }],
      ];
      const outcomes = [];
      for (const [base, method, path, token, body] of cases) {
        const answer = await hostile(base, method, path, { token: token || undefined, body });
        outcomes.push({
          what: `${method} ${path} ${JSON.stringify(body) ?? ''}`,
          status: answer.status,
          coded: typeof answer.body?.code === 'string',
        });
      }
      expect(outcomes).toEqual(outcomes.map((o) => ({ ...o, status: 400, coded: true })));
    });

    it('walks every route of both apps: NUL, unpaired surrogates, impossible dates, long text, huge numbers and bodies in each parameter get a 4xx with a code', async () => {
      /** `expected` 0: any answer but a 5xx, with a code when it is an error. */
      const outcomes: { what: string; status: number; expected: number; coded: boolean }[] = [];
      let fields = 0;
      const invalidBases: string[] = [];
      for (const [baseUrl, app] of [
        [s.stack.api.url, s.stack.api.app],
        [s.stack.voucher.url, s.stack.voucher.app],
      ] as const) {
        for (const route of routesOf(app as INestApplication)) {
          const token = tokenFor(route);
          const pathValues = Object.fromEntries(
            [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, samplePathValue(route.path, name)]),
          );
          const query = route.inputs.find((i) => i.in === 'query' && i.schema);
          const body = route.inputs.find((i) => i.in === 'body' && i.schema);
          const baseQuery = query ? (validSample(query.schema!) as Record<string, unknown>) : {};
          const baseBody = body ? validSample(body.schema!) : undefined;
          // The hostile values must be the only thing wrong, or they would never get past validation.
          for (const input of [query, body]) {
            if (input && !input.schema!.safeParse(input === query ? baseQuery : baseBody).success)
              invalidBases.push(`${route.method} ${route.path} ${input.in}`);
          }
          const send = async (
            what: string,
            path: string,
            queryString: string,
            payload: unknown,
            expected = 400,
            raw?: string,
          ) => {
            const answer = await hostile(baseUrl, route.method, `${path}${queryString ? `?${queryString}` : ''}`, {
              token,
              ...(raw === undefined ? { body: payload } : { raw, headers: { 'content-type': 'application/json' } }),
            });
            const coded = answer.status < 400 || typeof answer.body?.code === 'string';
            const status = expected === 0 && answer.status < 500 ? 0 : answer.status;
            outcomes.push({ what: `${route.method} ${route.path} ${what}`, status, expected, coded });
          };
          const pathWith = (values: Record<string, string>) =>
            route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
          const plainQuery = (values: Record<string, unknown>) =>
            new URLSearchParams(
              Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
            ).toString();

          for (const name of Object.keys(pathValues)) {
            fields++;
            for (const [bad, expected] of [
              [URL_NUL, 400],
              [URL_LONE_SURROGATE, 0],
            ] as const) {
              const path = pathWith({ ...pathValues, [name]: bad });
              await send(`path ${name}=${bad}`, path, plainQuery(baseQuery), baseBody, expected);
            }
          }
          for (const key of Object.keys(baseQuery)) {
            fields++;
            const rest = plainQuery({ ...baseQuery, [key]: undefined });
            const bads = [URL_NUL, URL_LONE_SURROGATE, ...impossibleDatesFor(baseQuery[key])];
            for (const bad of bads) {
              const queryString = [rest, `${key}=${bad}`].filter(Boolean).join('&');
              const expected = bad === URL_LONE_SURROGATE ? 0 : 400;
              await send(`query ${key}=${bad}`, pathWith(pathValues), queryString, baseBody, expected);
            }
            // The same parameter twice arrives as an array.
            const twice = [plainQuery(baseQuery), `${key}=1`].join('&');
            await send(`query ${key} twice`, pathWith(pathValues), twice, baseBody, 0);
          }
          for (const [leaf] of numberLeaves(baseBody)) {
            fields++;
            // Past every integer column and every sensible maximum: a 4xx (or a value the route takes), never a 500.
            for (const bad of [1e308, -1e308, 2 ** 31, 0.000001]) {
              const payload = replaceAt(baseBody, leaf, bad);
              await send(`body ${leaf.join('.')}=${bad}`, pathWith(pathValues), plainQuery(baseQuery), payload, 0);
            }
          }
          for (const [leaf, value] of stringLeaves(baseBody)) {
            fields++;
            for (const bad of [NUL, LONE_SURROGATE, LONG_TEXT, ...impossibleDatesFor(value)]) {
              await send(
                `body ${leaf.join('.')}=${JSON.stringify(bad).slice(0, 40)}`,
                pathWith(pathValues),
                plainQuery(baseQuery),
                replaceAt(baseBody, leaf, bad),
              );
            }
          }
          if (baseBody && typeof baseBody === 'object' && !Array.isArray(baseBody)) {
            // Names are text too.
            await send('body key with NUL', pathWith(pathValues), plainQuery(baseQuery), { ...baseBody, [NUL]: 1 });
          }
          if (body) {
            // A body just over the small limit, on every route that takes a JSON body.
            const padding = 'x'.repeat(SMALL_LIMIT + 1024);
            await send('body of 65 KB', pathWith(pathValues), plainQuery(baseQuery), { padding }, 413);
            await send('truncated JSON', pathWith(pathValues), plainQuery(baseQuery), undefined, 400, '{"a":');
            const poisoned = '{"__proto__": {"admin": true}}';
            await send('a __proto__ key', pathWith(pathValues), plainQuery(baseQuery), undefined, 400, poisoned);
            await send('a JSON array', pathWith(pathValues), plainQuery(baseQuery), [baseBody]);
            await send(
              'JSON nested 5,000 deep',
              pathWith(pathValues),
              plainQuery(baseQuery),
              undefined,
              400,
              DEEP_JSON,
            );
          }
        }
      }
      expect(invalidBases).toEqual([]);
      expect(fields).toBeGreaterThan(80);
      expect(outcomes.filter((o) => o.status !== o.expected || !o.coded)).toEqual([]);
      // Some 700 requests one after another (more with every route): on a machine shared by parallel
      // suites they take longer than the usual per-test bound.
    }, 180_000);
  });

  describe('OpenAPI', () => {
    it('documents every route and each of its path, query and body parameters', async () => {
      const missing: string[] = [];
      let checked = 0;
      for (const [baseUrl, app] of [
        [s.stack.api.url, s.stack.api.app],
        [s.stack.voucher.url, s.stack.voucher.app],
      ] as const) {
        const doc = (await request(baseUrl, 'GET', '/docs/openapi.json')).body;
        /** The document's schema with its `$ref`s replaced, down through `allOf`/`anyOf`/`oneOf`. */
        const resolve = (node: JsonSchema): JsonSchema => {
          if (node?.$ref) return resolve(doc.components.schemas[node.$ref.split('/').pop()!]);
          const out = { ...node };
          for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (node?.[key]) out[key] = node[key]!.map(resolve);
          return out;
        };
        for (const route of routesOf(app as INestApplication).filter((r) => !r.undocumented)) {
          const where = `${route.method} ${route.path}`;
          const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
          checked++;
          if (!operation) {
            missing.push(`${where}: no operation`);
            continue;
          }
          const documented = new Set(
            (operation.parameters ?? []).map((p: { in: string; name: string }) => `${p.in}:${p.name}`),
          );
          for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
            if (!documented.has(`path:${name}`)) missing.push(`${where}: path parameter ${name}`);
          }
          for (const input of route.inputs) {
            if (input.in === 'query') {
              const names = input.name ? [input.name] : Object.keys(propertiesOf(inputJsonSchema(input.schema!)) ?? {});
              for (const name of names) if (!documented.has(`query:${name}`)) missing.push(`${where}: query ${name}`);
            }
            if (input.in === 'body') {
              const content = operation.requestBody?.content;
              if (!content) {
                missing.push(`${where}: request body`);
                continue;
              }
              if (!input.schema) continue;
              const expected = Object.keys(propertiesOf(inputJsonSchema(input.schema)) ?? {});
              const json = resolve(content['application/json']?.schema ?? {});
              const actual = new Set(Object.keys(propertiesOf(json) ?? {}));
              for (const name of expected) if (!actual.has(name)) missing.push(`${where}: body field ${name}`);
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(60);
      expect(missing).toEqual([]);
    });
  });

  it('answered none of the hostile requests with a 5xx', () => {
    const serverErrors = sent.filter((r) => r.status >= 500);
    console.log(`hostile-input: ${sent.length} hostile requests sent, ${serverErrors.length} answered 5xx`);
    expect(sent.length).toBeGreaterThan(400);
    expect(serverErrors).toEqual([]);
  });

  // ---- helpers ----

  function tokenFor(route: RouteInfo): string {
    const roles = route.roles ?? [];
    if (roles.includes('participant') || roles.length === 0) return participant.token;
    if (roles.includes('merchant_staff')) return staff;
    if (roles.includes('operator')) return operator;
    if (roles.includes('mediator')) return mediator;
    return admin;
  }

  function samplePathValue(path: string, name: string): string {
    if (name === 'seq') return '0';
    if (name === 'id' && path.startsWith('/v1/merchants/')) return s.merchantId(0);
    if (name === 'id' && path.startsWith('/v1/offers/')) return offerId;
    if (name === 'id' && path.startsWith('/v1/trips/')) return tripId;
    if (name === 'id' && path.startsWith('/v1/admin/campaigns/')) return 'hostile-campaign';
    return randomUUID();
  }

  /**
   * A value the schema accepts with every optional field filled in: made from its JSON Schema, and
   * completed with the schema's documented example where the parts alone do not make a valid whole.
   */
  function validSample(schema: z.ZodType): unknown {
    const json = inputJsonSchema(schema);
    const made = sample(json, 'root');
    const example = json.example ?? json.examples?.[0];
    const candidates = [made];
    if (example && typeof example === 'object') candidates.push({ ...(made as object), ...example }, example);
    return candidates.find((candidate) => schema.safeParse(candidate).success) ?? made;
  }

  /** A value the schema accepts, as far as its JSON Schema tells: every optional field filled in. */
  function sample(schema: JsonSchema, name: string): unknown {
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) {
      const branch =
        branches.find((b) => b.type !== 'null' && !(b.enum?.length === 1 && b.enum[0] === null)) ?? branches[0];
      return sample({ ...schema, anyOf: undefined, oneOf: undefined, ...branch }, name);
    }
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sample(part, name)));
    if (schema.enum) return schema.enum[0];
    const type = [schema.type].flat()[0];
    switch (type) {
      case 'object': {
        const properties = schema.properties ?? {};
        return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sample(value, key)]));
      }
      case 'array':
        return Array.from({ length: schema.minItems ?? 1 }, () => sample(schema.items ?? {}, name));
      case 'number':
      case 'integer': {
        if (name === 'lat') return 38.1152;
        if (name === 'lon') return 13.3622;
        const min = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : (schema.minimum ?? 1);
        return Math.min(Math.max(1, min), schema.maximum ?? Infinity);
      }
      case 'boolean':
        return false;
      case 'string':
        return sampleString(schema, name);
      default:
        return 'x';
    }
  }

  function sampleString(schema: JsonSchema, name: string): string {
    if (schema.format === 'email') return `h-${randomBytes(4).toString('hex')}@example.org`;
    if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
    if (schema.format === 'date-time') return new Date().toISOString();
    if (schema.format === 'uuid') return randomUUID();
    if (name === 'cityId') return s.cityId;
    if (name === 'near') return '38.1152,13.3622';
    if (name === 'week') return '2026-W12';
    if (name === 'password') return 'a long enough password';
    if (schema.pattern && !new RegExp(schema.pattern).test('hostile-1')) return '07:00';
    return 'hostile-1'.padEnd(schema.minLength ?? 0, 'x');
  }

  function impossibleDatesFor(value: unknown): string[] {
    if (typeof value !== 'string') return [];
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return IMPOSSIBLE_DAYS;
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return IMPOSSIBLE_INSTANTS;
    return [];
  }
});

/** Where the strings of a value are: `[path, value]` for each. */
function stringLeaves(value: unknown, path: (string | number)[] = []): [(string | number)[], string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

/** Where the numbers of a value are. */
function numberLeaves(value: unknown, path: (string | number)[] = []): [(string | number)[], number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => numberLeaves(item, [...path, index]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => numberLeaves(item, [...path, key]));
  return [];
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

function campaign(overrides: Record<string, unknown>) {
  return {
    name: 'Bike week',
    startsAt: '2026-05-11T00:00:00+02:00',
    endsAt: '2026-05-18T00:00:00+02:00',
    ...overrides,
  };
}

/** A walk of `n` fixes along Via Maqueda in the last hour. */
function walk(n: number) {
  const start = Date.now() - 3_600_000;
  return {
    points: Array.from({ length: n }, (_, i) => ({
      lat: 38.1098 + i * 0.00001,
      lon: 13.3666 - i * 0.00001,
      ts: new Date(start + i * 1_000).toISOString(),
      accuracy: 5,
    })),
  };
}
