import {
  adminContactResetPath,
  isCbErrorCode,
  routes,
  type CbErrorCode,
  type CodeSentResponse,
  type ContactDto,
  type ContactsResponse,
  type PolicyUpdate,
  type PortalFace,
  type RecoveryCodesResponse,
  type ResetRequestResponse,
  type TrustedDevicesResponse,
  type DevicesForgottenResponse,
  type SessionResponse,
  type SettingsDto,
  type SettingsPreviewDto,
  type StepResponse,
  type StepUpVerifiedResponse,
} from '../../protocol/index.js';

/** Error codes the elements can show: the wire codes plus `network` (the request never got an answer). */
export type CbClientErrorCode = CbErrorCode | 'network';

/** A failed call: the server's error code and hints, never its English message. */
export class CbApiError extends Error {
  constructor(
    readonly code: CbClientErrorCode,
    readonly status: number,
    readonly attemptsLeft?: number,
    readonly retryAfter?: number,
    /** The provider's delivery state of the SMS this code step waits for, when it failed. */
    readonly delivery?: string,
  ) {
    super(code);
    this.name = 'CbApiError';
  }
}

export interface CbApiClientOptions {
  /**
   * Where the host mounted the router.
   * @default '/api/2fa'
   */
  baseUrl?: string;
  /**
   * The fetch to use; looked up on `globalThis` at call time when not given.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Cookie policy; the session lives in an HttpOnly cookie.
   * @default 'same-origin'
   */
  credentials?: RequestCredentials;
}

export const DEFAULT_API_BASE = '/api/2fa';

/*
 * The portal's face, asked for once per page and router: every element asks on its first render,
 * so it is kept per transport (the fetch in use) and API base, across clients. A failed request is
 * forgotten, so the next element to connect asks again.
 */
const faces = new WeakMap<typeof fetch, Map<string, Promise<PortalFace | null>>>();

/**
 * The HTTP contract of the router, over `fetch`. Every request sends JSON (`{}` when there is no payload)
 * because the server refuses state-changing requests that are not `application/json` (its CSRF rule).
 */
export class CbApiClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly credentials: RequestCredentials;

  constructor(options: CbApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_API_BASE).replace(/\/+$/, '');
    this.fetchImpl = options.fetch;
    this.credentials = options.credentials ?? 'same-origin';
  }

  /** The portal's public face (`GET /portal`), fetched once per API base; null when the router cannot say. */
  portal(): Promise<PortalFace | null> {
    const transport = this.fetchImpl ?? globalThis.fetch;
    let known = faces.get(transport);
    if (!known) faces.set(transport, (known = new Map()));
    let face = known.get(this.baseUrl);
    if (!face) {
      const k = known;
      face = this.request<PortalFace | null>('GET', routes.portal).catch(() => {
        k.delete(this.baseUrl);
        return null;
      });
      known.set(this.baseUrl, face);
    }
    return face;
  }
  login(email: string, password: string): Promise<StepResponse> {
    return this.request('POST', routes.login, { email, password });
  }
  enrollPhone(phone: string, country?: string): Promise<StepResponse> {
    return this.request('POST', routes.enrollPhone, country ? { phone, country } : { phone });
  }
  confirmEnrollment(code: string): Promise<StepResponse> {
    return this.request('POST', routes.enrollConfirm, { code });
  }
  skipEnrollment(): Promise<StepResponse> {
    return this.request('POST', routes.enrollSkip, {});
  }
  /** `trustDevice`: "Trust this device" was ticked (the server ignores it while the portal's policy is off). */
  verify(code: string, trustDevice?: boolean): Promise<StepResponse> {
    return this.request('POST', routes.verify, trustDevice ? { code, trustDevice } : { code });
  }
  /** The verify step with a recovery code instead of the SMS code. */
  verifyRecoveryCode(recoveryCode: string): Promise<StepResponse> {
    return this.request('POST', routes.verify, { recoveryCode });
  }
  /** A new set of recovery codes (shown once); needs a fresh second factor. */
  recoveryCodes(): Promise<RecoveryCodesResponse> {
    return this.request('POST', routes.recoveryCodes, {});
  }
  /** "I lost my phone": asks the portal's admins for a reset (the pending login, at verify). Asking again answers the open request's time. */
  requestReset(): Promise<ResetRequestResponse> {
    return this.request('POST', routes.resetRequest, {});
  }
  /** A new code; `voice` has it read out in a call ("Call me instead"). */
  resend(channel?: 'voice'): Promise<CodeSentResponse & { channel?: 'sms' | 'voice' }> {
    return this.request('POST', routes.resend, channel ? { channel } : {});
  }
  session(): Promise<SessionResponse> {
    return this.request('GET', routes.session);
  }
  logout(): Promise<StepResponse> {
    return this.request('POST', routes.logout, {});
  }
  optIn(): Promise<StepResponse> {
    return this.request('POST', routes.optIn, {});
  }
  changePhone(phone: string, country?: string): Promise<StepResponse> {
    return this.request('POST', routes.phone, country ? { phone, country } : { phone });
  }
  confirmPhoneChange(code: string): Promise<{ maskedPhone: string }> {
    return this.request('POST', routes.phoneConfirm, { code });
  }
  stepUp(): Promise<CodeSentResponse> {
    return this.request('POST', routes.stepUp, {});
  }
  stepUpVerify(code: string): Promise<StepUpVerifiedResponse> {
    return this.request('POST', routes.stepUpVerify, { code });
  }
  settings(): Promise<SettingsDto> {
    return this.request('GET', routes.adminSettings);
  }
  /** `enforceFrom` (`2027-01-15`, or null for none) is sent only when given: left out, the deadline stays. */
  updateSettings(enabled: boolean, allowOptOut: boolean, enforceFrom?: string | null, policies: PolicyUpdate = {}): Promise<SettingsDto> {
    return this.request('PUT', routes.adminSettings, enforceFrom === undefined ? { enabled, allowOptOut, ...policies } : { enabled, allowOptOut, enforceFrom, ...policies });
  }
  /** Who these settings, not saved yet, would ask to enroll at their next login. */
  settingsPreview(enabled: boolean, allowOptOut: boolean, enforceFrom: string | null): Promise<SettingsPreviewDto> {
    const q = new URLSearchParams({ enabled: String(enabled), allowOptOut: String(allowOptOut), enforceFrom: enforceFrom ?? '' });
    return this.request('GET', `${routes.adminSettingsPreview}?${q}`);
  }
  contacts(organizationId: string): Promise<ContactsResponse> {
    return this.request('GET', `${routes.adminContacts}?organizationId=${encodeURIComponent(organizationId)}`);
  }
  resetContact(id: string): Promise<ContactDto> {
    return this.request('POST', adminContactResetPath(id), {});
  }
  /** The signed-in user's trusted devices ("Trust this device"). */
  devices(): Promise<TrustedDevicesResponse> {
    return this.request('GET', routes.devices);
  }
  /** `id`: a contact's, as an admin; without it, the signed-in user's own. */
  forgetDevices(id?: string): Promise<DevicesForgottenResponse> {
    return this.request('POST', id ? `/admin/contacts/${encodeURIComponent(id)}/devices/forget` : routes.devicesForget, {});
  }

  private async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const doFetch = this.fetchImpl ?? globalThis.fetch.bind(globalThis);
    let res: Response;
    try {
      res = await doFetch(this.baseUrl + path, {
        method,
        credentials: this.credentials,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new CbApiError('network', 0);
    }
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      // An empty or non-JSON body (a proxy's HTML error page) is handled below by status.
    }
    if (res.ok) return data as T;
    const err = (data as { error?: { code?: unknown; attemptsLeft?: unknown; retryAfter?: unknown; delivery?: unknown } } | null)?.error;
    const code: CbClientErrorCode = isCbErrorCode(err?.code) ? err.code : res.status === 429 ? 'rate_limited' : 'internal';
    const header = Number(res.headers.get('retry-after'));
    const retryAfter = typeof err?.retryAfter === 'number' ? err.retryAfter : Number.isFinite(header) && header > 0 ? header : undefined;
    throw new CbApiError(code, res.status, typeof err?.attemptsLeft === 'number' ? err.attemptsLeft : undefined, retryAfter, err?.delivery ? String(err.delivery) : undefined);
  }
}

/** Turns anything thrown by a call into a `CbApiError`. */
export const toApiError = (e: unknown): CbApiError => (e instanceof CbApiError ? e : new CbApiError('internal', 0));
