import { randomBytes } from 'node:crypto';
import { request } from '../support/http-client';

export interface TestParticipant {
  id: string;
  email: string;
  password: string;
  token: string;
}

export async function registerParticipant(apiUrl: string, extra: { cityId?: string } = {}): Promise<TestParticipant> {
  const email = `p-${randomBytes(5).toString('hex')}@example.org`;
  const password = 'a-long-enough-password';
  const response = await request(apiUrl, 'POST', '/v1/auth/register', { body: { email, password, ...extra } });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.participantId, email, password, token: response.body.accessToken };
}

export async function login(apiUrl: string, email: string, password: string): Promise<string> {
  const response = await request(apiUrl, 'POST', '/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken;
}
