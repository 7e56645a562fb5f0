/**
 * Route paths of the HTTP contract, relative to where the host mounts the router
 * (`app.route('/api/2fa', tf.app)`). Both the router and the API client import them.
 * @module
 */
export const routes = {
  portal: '/portal',
  login: '/login',
  enrollPhone: '/enroll/phone',
  enrollConfirm: '/enroll/confirm',
  enrollSkip: '/enroll/skip',
  verify: '/verify',
  resend: '/resend',
  session: '/session',
  logout: '/logout',
  optIn: '/opt-in',
  /** A code for a fresh second factor before a sensitive action (complete session). */
  stepUp: '/step-up',
  stepUpVerify: '/step-up/verify',
  /** A new set of recovery codes, shown once (complete session, fresh second factor). */
  recoveryCodes: '/recovery-codes',
  /** A code to the new number of a phone change (complete session, fresh second factor); `/phone/confirm` makes it. */
  phone: '/phone',
  phoneConfirm: '/phone/confirm',
  /** The user's trusted devices (complete session); `/devices/forget` removes them all. */
  devices: '/devices',
  devicesForget: '/devices/forget',
  /** "I lost my phone": a pending login at the verify step asks the portal's admins for a reset. */
  resetRequest: '/reset-request',
  adminSettings: '/admin/settings',
  adminContacts: '/admin/contacts',
  adminContactReset: '/admin/contacts/:id/two-factor/reset',
  adminContactDevicesForget: '/admin/contacts/:id/devices/forget',
  adminAudit: '/admin/audit',
  adminOrganizationPolicy: '/admin/organizations/:id/two-factor',
  /** Per organization and per contact 2FA state; `?format=csv` for a download. */
  adminReport: '/admin/report',
  /** Who would have to enroll under settings not saved yet. */
  adminSettingsPreview: '/admin/settings/preview',
} as const;

export type RouteName = keyof typeof routes;

/** Fills the `:id` of the reset route. */
export const adminContactResetPath = (id: string): string =>
  `/admin/contacts/${encodeURIComponent(id)}/two-factor/reset`;
