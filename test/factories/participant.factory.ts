import { randomBytes } from 'node:crypto';
import { request } from '../support/http-client';

export interface TestParticipant {
  id: string;
  email: string;
  password: string;
  token: string;
}

export interface Consents {
  terms: string;
  privacy: string;
  openData?: boolean;
  modelTraining?: boolean;
}

const legalByApi = new Map<string, Promise<Consents>>();

/** Consent to the texts the api at `apiUrl` has in force (asked once per api), as a registration sends it. */
export function currentConsents(apiUrl: string): Promise<Consents> {
  let legal = legalByApi.get(apiUrl);
  if (!legal) {
    legal = request(apiUrl, 'GET', '/v1/legal').then((response) => {
      if (response.status !== 200) throw new Error(`GET /v1/legal: ${response.status}`);
      return { terms: response.body.terms.version, privacy: response.body.privacy.version };
    });
    legalByApi.set(apiUrl, legal);
  }
  return legal;
}

export async function registerParticipant(
  apiUrl: string,
  extra: { cityId?: string; displayName?: string; consents?: Consents } = {},
): Promise<TestParticipant> {
  const email = `p-${randomBytes(5).toString('hex')}@example.org`;
  const password = 'a-long-enough-password';
  const consents = extra.consents ?? (await currentConsents(apiUrl));
  const response = await request(apiUrl, 'POST', '/v1/auth/register', {
    body: { email, password, ...extra, consents },
  });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.participantId, email, password, token: response.body.accessToken };
}

export async function login(apiUrl: string, email: string, password: string): Promise<string> {
  const response = await request(apiUrl, 'POST', '/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken;
}
