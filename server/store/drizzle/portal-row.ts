/**
 * A portal record as both dialects store it: one row of `cb_portals`, the lists and policies as
 * JSON text. The 2FA settings live in the same row but are the portal admins' (`updateSettings`),
 * never written from here.
 * @module
 */
import type { Portal, PortalInput, PortalPatch, PortalPolicies, SmsLocale } from '../store.js';

export interface PortalRow {
  id: string;
  name: string | null;
  logoUrl: string | null;
  accent: string | null;
  smsName: string | null;
  smsFrom: string | null;
  smsMessagingServiceSid: string | null;
  smsLocale: string;
  webOtpDomain: string | null;
  allowedCountries: string | null;
  dailySmsBudget: number | null;
  policies: string | null;
  createdAt: number;
  updatedAt: number | null;
}

export const defaultPolicies: PortalPolicies = { voiceFallback: false, trustDeviceDays: 0, recoveryCodes: false, selfServicePhoneChange: false };

export function toPortal(row: PortalRow): Portal {
  return {
    id: row.id,
    name: row.name,
    logoUrl: row.logoUrl,
    accent: row.accent,
    sms: {
      name: row.smsName,
      from: row.smsFrom,
      messagingServiceSid: row.smsMessagingServiceSid,
      locale: row.smsLocale as SmsLocale,
      webOtpDomain: row.webOtpDomain,
    },
    allowedCountries: row.allowedCountries === null ? null : (JSON.parse(row.allowedCountries) as string[]),
    dailySmsBudget: row.dailySmsBudget === null ? null : Number(row.dailySmsBudget),
    policies: { ...defaultPolicies, ...(row.policies ? (JSON.parse(row.policies) as Partial<PortalPolicies>) : {}) },
    createdAt: Number(row.createdAt),
    updatedAt: row.updatedAt === null ? null : Number(row.updatedAt),
  };
}

/** The columns a create or an update writes; absent fields are left as they are. */
export function portalColumns(patch: PortalPatch, current?: Portal): Partial<PortalRow> {
  const out: Partial<PortalRow> = {};
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.logoUrl !== undefined) out.logoUrl = patch.logoUrl;
  if (patch.accent !== undefined) out.accent = patch.accent;
  if (patch.allowedCountries !== undefined) out.allowedCountries = patch.allowedCountries === null ? null : JSON.stringify(patch.allowedCountries);
  if (patch.dailySmsBudget !== undefined) out.dailySmsBudget = patch.dailySmsBudget;
  const sms = patch.sms;
  if (sms) {
    if (sms.name !== undefined) out.smsName = sms.name;
    if (sms.from !== undefined) out.smsFrom = sms.from;
    if (sms.messagingServiceSid !== undefined) out.smsMessagingServiceSid = sms.messagingServiceSid;
    if (sms.locale !== undefined) out.smsLocale = sms.locale;
    if (sms.webOtpDomain !== undefined) out.webOtpDomain = sms.webOtpDomain;
  }
  if (patch.policies) out.policies = JSON.stringify({ ...(current?.policies ?? defaultPolicies), ...patch.policies });
  return out;
}

export const newPortalColumns = (input: PortalInput, at: number) => ({ id: input.id, ...portalColumns(input), createdAt: at, updatedAt: at });
