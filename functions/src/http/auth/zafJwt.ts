// Authenticates sidebar requests. Zendesk's proxy signs each request as an HS256 JWT with the
// installation's secure `shared_secret` (ZAF `jwt` option); we read which installation it claims
// to be without trusting it, then verify the signature with that installation's secret.
import { decodeJwt, jwtVerify } from 'jose';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/audit.js';
import type { Installation, InstallationStore } from '../../ports/InstallationStore.js';

export interface SidebarIdentity {
  installation: Installation;
  actor: Actor;
}

export async function authenticateSidebar(header: string | undefined, installations: InstallationStore, now: Date): Promise<SidebarIdentity> {
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) throw new AppError('unauthorized', 'missing bearer token');
  let claimed: string | undefined;
  try {
    claimed = decodeJwt(token).iss;
  } catch {
    throw new AppError('unauthorized', 'malformed token');
  }
  if (!claimed) throw new AppError('unauthorized', 'token names no installation (iss)');
  const installation = await installations.get(claimed);
  if (!installation) throw new AppError('unauthorized', 'unknown installation');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(installation.sharedSecret), {
      algorithms: ['HS256'],
      issuer: installation.id,
      requiredClaims: ['exp'],
      currentDate: now,
      clockTolerance: 30,
    });
    return { installation, actor: { kind: 'agent', id: typeof payload.sub === 'string' ? payload.sub : null } };
  } catch {
    throw new AppError('unauthorized', 'token signature or claims are invalid');
  }
}
