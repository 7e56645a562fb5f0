// Generated from custom-elements.json by scripts/generate-ide-data.mjs; do not edit.
// JSX types of the elements for React 19, Preact and Solid: `import type {} from 'cb-2fa/jsx';` once
// in the app (or add "cb-2fa/jsx" to tsconfig "types"). React 19 event props keep the event's case:
// `oncb-authenticated={(e) => e.detail.user}`; Solid uses `on:cb-authenticated`.
import type { CbAuthenticatedEvent, CbCodeSentEvent, CbEnrolledEvent, CbErrorEvent, CbLoggedOutEvent, CbPhoneChangedEvent, CbSettingsChangedEvent, CbSkippedEvent, CbSteppedUpEvent, CbTwoFactorResetEvent } from "cb-2fa/components/classes";
import type {
  Cb2faOptinDialog,
  Cb2faSettings,
  CbAdminReset,
  CbChangePhone,
  CbEnrollPhone,
  CbLogin,
  CbRecoveryCodes,
  CbStepUp,
  CbTrustedDevices,
  CbVerifyCode,
} from "cb-2fa/components/classes";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 * @deprecated Runtime scoped elements result in duplicate types and can confusing for developers. It is recommended to use the `prefix` and `suffix` options to generate new types instead.
 */
export type ScopedElements<
  Prefix extends string = "",
  Suffix extends string = "",
> = {
  [
    Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`
  ]: CustomElements[Key];
};

/**
 * A generic type for strongly typing custom events with their targets
 * @template T - The type of the event target (extends EventTarget)
 * @template D - The type of the detail payload for the custom event
 */
type TypedEvent<T extends EventTarget, E = Event> = E & {
  target: T;
};

type BaseProps<T extends HTMLElement> = {
  /** Content added between the opening and closing tags of the element */
  children?: any | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string | undefined;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string | undefined;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined> | undefined;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl" | undefined;
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string | undefined;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string | undefined;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string | undefined;
  /** A unique identifier for the element. */
  id?: string | undefined;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number | undefined;
  /** Specifies the language of the element. */
  lang?: string | undefined;
  /** Defines the element's semantic role for accessibility APIs. */
  role?: string | undefined;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string | undefined;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: (T | ((e: T) => void)) | undefined;
  /** Adds a reference for a custom element slot */
  slot?: string | undefined;
  /** Prop for setting inline styles */
  style?: Record<string, string | number> | undefined;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number | undefined;
  /** Specifies the tooltip text for the element. */
  title?: string | undefined;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no" | undefined;
  /** The popover global attribute is used to designate an element as a popover element. */
  popover?: "auto" | "hint" | "manual" | undefined;
  /** Turns an element element into a popover control button; takes the ID of the popover element to control as its value. */
  popovertarget?: "top" | "bottom" | "left" | "right" | "auto" | undefined;
  /** Specifies the action to be performed on a popover element being controlled by a control element. */
  popovertargetaction?: "show" | "hide" | "toggle" | undefined;
};

type BaseEvents = {};

/** `Cb2faOptinDialog` component event */
export type Cb2faOptinDialogElementEvent<E = Event> = TypedEvent<
  Cb2faOptinDialog,
  E
>;
/** `cb-logged-out` event type */
export type Cb2faOptinDialogCbLoggedOutElementEvent =
  Cb2faOptinDialogElementEvent<CbLoggedOutEvent>;
/** `cb-error` event type */
export type Cb2faOptinDialogCbErrorElementEvent =
  Cb2faOptinDialogElementEvent<CbErrorEvent>;

export type Cb2faOptinDialogProps = {
  /** Whether the dialog is open (modal). */
  open?: Cb2faOptinDialog["open"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: Cb2faOptinDialog["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: Cb2faOptinDialog["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: Cb2faOptinDialog["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: Cb2faOptinDialog["strings"] | undefined;

  /** The user opted in and the session ended; `detail.reason` is `opt-in`. */
  "oncb-logged-out"?:
    ((e: Cb2faOptinDialogCbLoggedOutElementEvent) => void) | undefined;
  /** The call failed; `detail.code` is the error code. */
  "oncb-error"?: ((e: Cb2faOptinDialogCbErrorElementEvent) => void) | undefined;
};

export type Cb2faOptinDialogSolidJsProps = {
  /** Whether the dialog is open (modal). */
  "prop:open"?: Cb2faOptinDialog["open"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: Cb2faOptinDialog["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: Cb2faOptinDialog["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: Cb2faOptinDialog["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: Cb2faOptinDialog["strings"] | undefined;
  /** The user opted in and the session ended; `detail.reason` is `opt-in`. */
  "on:cb-logged-out"?:
    ((e: Cb2faOptinDialogCbLoggedOutElementEvent) => void) | undefined;
  /** The call failed; `detail.code` is the error code. */
  "on:cb-error"?:
    ((e: Cb2faOptinDialogCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `Cb2faSettings` component event */
export type Cb2faSettingsElementEvent<E = Event> = TypedEvent<Cb2faSettings, E>;
/** `cb-settings-changed` event type */
export type Cb2faSettingsCbSettingsChangedElementEvent =
  Cb2faSettingsElementEvent<CbSettingsChangedEvent>;
/** `cb-error` event type */
export type Cb2faSettingsCbErrorElementEvent =
  Cb2faSettingsElementEvent<CbErrorEvent>;

export type Cb2faSettingsProps = {
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: Cb2faSettings["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: Cb2faSettings["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: Cb2faSettings["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: Cb2faSettings["strings"] | undefined;

  /** The settings were saved; `detail.settings` is what the server stored. */
  "oncb-settings-changed"?:
    ((e: Cb2faSettingsCbSettingsChangedElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "oncb-error"?: ((e: Cb2faSettingsCbErrorElementEvent) => void) | undefined;
};

export type Cb2faSettingsSolidJsProps = {
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: Cb2faSettings["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: Cb2faSettings["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: Cb2faSettings["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: Cb2faSettings["strings"] | undefined;
  /** The settings were saved; `detail.settings` is what the server stored. */
  "on:cb-settings-changed"?:
    ((e: Cb2faSettingsCbSettingsChangedElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "on:cb-error"?: ((e: Cb2faSettingsCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbAdminReset` component event */
export type CbAdminResetElementEvent<E = Event> = TypedEvent<CbAdminReset, E>;
/** `cb-two-factor-reset` event type */
export type CbAdminResetCbTwoFactorResetElementEvent =
  CbAdminResetElementEvent<CbTwoFactorResetEvent>;
/** `cb-error` event type */
export type CbAdminResetCbErrorElementEvent =
  CbAdminResetElementEvent<CbErrorEvent>;

export type CbAdminResetProps = {
  /** Id of the contact. */
  "contact-id"?: CbAdminReset["contactId"] | undefined;
  /** Id of the contact. */
  contactId?: CbAdminReset["contactId"] | undefined;
  /** Organization of the contact (the list route is per organization). */
  "organization-id"?: CbAdminReset["organizationId"] | undefined;
  /** Organization of the contact (the list route is per organization). */
  organizationId?: CbAdminReset["organizationId"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbAdminReset["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbAdminReset["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbAdminReset["lang"] | undefined;
  /** The contact, if the host already has it; otherwise it is loaded. */
  contact?: CbAdminReset["contact"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbAdminReset["strings"] | undefined;

  /** The reset was done; `detail.contact` is the contact's new state. */
  "oncb-two-factor-reset"?:
    ((e: CbAdminResetCbTwoFactorResetElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "oncb-error"?: ((e: CbAdminResetCbErrorElementEvent) => void) | undefined;
};

export type CbAdminResetSolidJsProps = {
  /** Id of the contact. */
  "attr:contact-id"?: CbAdminReset["contactId"] | undefined;
  /** Id of the contact. */
  "prop:contactId"?: CbAdminReset["contactId"] | undefined;
  /** Organization of the contact (the list route is per organization). */
  "attr:organization-id"?: CbAdminReset["organizationId"] | undefined;
  /** Organization of the contact (the list route is per organization). */
  "prop:organizationId"?: CbAdminReset["organizationId"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbAdminReset["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbAdminReset["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbAdminReset["lang"] | undefined;
  /** The contact, if the host already has it; otherwise it is loaded. */
  "prop:contact"?: CbAdminReset["contact"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbAdminReset["strings"] | undefined;
  /** The reset was done; `detail.contact` is the contact's new state. */
  "on:cb-two-factor-reset"?:
    ((e: CbAdminResetCbTwoFactorResetElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "on:cb-error"?: ((e: CbAdminResetCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbChangePhone` component event */
export type CbChangePhoneElementEvent<E = Event> = TypedEvent<CbChangePhone, E>;
/** `cb-phone-changed` event type */
export type CbChangePhoneCbPhoneChangedElementEvent =
  CbChangePhoneElementEvent<CbPhoneChangedEvent>;
/** `cb-error` event type */
export type CbChangePhoneCbErrorElementEvent =
  CbChangePhoneElementEvent<CbErrorEvent>;

export type CbChangePhoneProps = {
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  "default-country"?: CbChangePhone["defaultCountry"] | undefined;
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  defaultCountry?: CbChangePhone["defaultCountry"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbChangePhone["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbChangePhone["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbChangePhone["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbChangePhone["strings"] | undefined;

  /** The phone was changed; `detail.maskedPhone` is the new one, masked. */
  "oncb-phone-changed"?:
    ((e: CbChangePhoneCbPhoneChangedElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "oncb-error"?: ((e: CbChangePhoneCbErrorElementEvent) => void) | undefined;
};

export type CbChangePhoneSolidJsProps = {
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  "attr:default-country"?: CbChangePhone["defaultCountry"] | undefined;
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  "prop:defaultCountry"?: CbChangePhone["defaultCountry"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbChangePhone["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbChangePhone["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbChangePhone["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbChangePhone["strings"] | undefined;
  /** The phone was changed; `detail.maskedPhone` is the new one, masked. */
  "on:cb-phone-changed"?:
    ((e: CbChangePhoneCbPhoneChangedElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "on:cb-error"?: ((e: CbChangePhoneCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbEnrollPhone` component event */
export type CbEnrollPhoneElementEvent<E = Event> = TypedEvent<CbEnrollPhone, E>;
/** `cb-code-sent` event type */
export type CbEnrollPhoneCbCodeSentElementEvent =
  CbEnrollPhoneElementEvent<CbCodeSentEvent>;
/** `cb-enrolled` event type */
export type CbEnrollPhoneCbEnrolledElementEvent =
  CbEnrollPhoneElementEvent<CbEnrolledEvent>;
/** `cb-skipped` event type */
export type CbEnrollPhoneCbSkippedElementEvent =
  CbEnrollPhoneElementEvent<CbSkippedEvent>;
/** `cb-error` event type */
export type CbEnrollPhoneCbErrorElementEvent =
  CbEnrollPhoneElementEvent<CbErrorEvent>;

export type CbEnrollPhoneProps = {
  /** Shows "Skip for Now" (the portal allows opting out). */
  "can-skip"?: CbEnrollPhone["canSkip"] | undefined;
  /** Shows "Skip for Now" (the portal allows opting out). */
  canSkip?: CbEnrollPhone["canSkip"] | undefined;
  /** With `can-skip`: the date (`2027-01-15`) until which the skip is offered (the portal's deadline,
the step's `skipUntil`); the button then says until when ("Skip until 15 Jan"). Empty: no date. */
  "skip-until"?: CbEnrollPhone["skipUntil"] | undefined;
  /** With `can-skip`: the date (`2027-01-15`) until which the skip is offered (the portal's deadline,
the step's `skipUntil`); the button then says until when ("Skip until 15 Jan"). Empty: no date. */
  skipUntil?: CbEnrollPhone["skipUntil"] | undefined;
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  "default-country"?: CbEnrollPhone["defaultCountry"] | undefined;
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  defaultCountry?: CbEnrollPhone["defaultCountry"] | undefined;
  /** Comma-separated ISO countries offered (`US,CA`), within those the portal accepts; empty offers
all the portal accepts (every country when the router does not say). */
  countries?: CbEnrollPhone["countries"] | undefined;
  /** `phone` asks for the number; `confirm` asks for the code that was sent to it. */
  phase?: CbEnrollPhone["phase"] | undefined;
  /** Confirm phase: the masked phone the code went to. */
  "masked-phone"?: CbEnrollPhone["maskedPhone"] | undefined;
  /** Confirm phase: the masked phone the code went to. */
  maskedPhone?: CbEnrollPhone["maskedPhone"] | undefined;
  /** Confirm phase: ISO time from which "Resend" is enabled. */
  "resend-at"?: CbEnrollPhone["resendAt"] | undefined;
  /** Confirm phase: ISO time from which "Resend" is enabled. */
  resendAt?: CbEnrollPhone["resendAt"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbEnrollPhone["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbEnrollPhone["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbEnrollPhone["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbEnrollPhone["strings"] | undefined;

  /** The phone was accepted and a code sent; `detail.maskedPhone`, `detail.resendAt`. */
  "oncb-code-sent"?:
    ((e: CbEnrollPhoneCbCodeSentElementEvent) => void) | undefined;
  /** The code was confirmed (from the inner `<cb-verify-code>`); the user must sign in again. */
  "oncb-enrolled"?:
    ((e: CbEnrollPhoneCbEnrolledElementEvent) => void) | undefined;
  /** "Skip for Now": the login is complete; `detail.user`. */
  "oncb-skipped"?:
    ((e: CbEnrollPhoneCbSkippedElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "oncb-error"?: ((e: CbEnrollPhoneCbErrorElementEvent) => void) | undefined;
};

export type CbEnrollPhoneSolidJsProps = {
  /** Shows "Skip for Now" (the portal allows opting out). */
  "bool:can-skip"?: CbEnrollPhone["canSkip"] | undefined;
  /** Shows "Skip for Now" (the portal allows opting out). */
  "prop:canSkip"?: CbEnrollPhone["canSkip"] | undefined;
  /** With `can-skip`: the date (`2027-01-15`) until which the skip is offered (the portal's deadline,
the step's `skipUntil`); the button then says until when ("Skip until 15 Jan"). Empty: no date. */
  "attr:skip-until"?: CbEnrollPhone["skipUntil"] | undefined;
  /** With `can-skip`: the date (`2027-01-15`) until which the skip is offered (the portal's deadline,
the step's `skipUntil`); the button then says until when ("Skip until 15 Jan"). Empty: no date. */
  "prop:skipUntil"?: CbEnrollPhone["skipUntil"] | undefined;
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  "attr:default-country"?: CbEnrollPhone["defaultCountry"] | undefined;
  /** ISO 3166 country preselected in the country list; the first one offered when it is not offered. */
  "prop:defaultCountry"?: CbEnrollPhone["defaultCountry"] | undefined;
  /** Comma-separated ISO countries offered (`US,CA`), within those the portal accepts; empty offers
all the portal accepts (every country when the router does not say). */
  "prop:countries"?: CbEnrollPhone["countries"] | undefined;
  /** `phone` asks for the number; `confirm` asks for the code that was sent to it. */
  "prop:phase"?: CbEnrollPhone["phase"] | undefined;
  /** Confirm phase: the masked phone the code went to. */
  "attr:masked-phone"?: CbEnrollPhone["maskedPhone"] | undefined;
  /** Confirm phase: the masked phone the code went to. */
  "prop:maskedPhone"?: CbEnrollPhone["maskedPhone"] | undefined;
  /** Confirm phase: ISO time from which "Resend" is enabled. */
  "attr:resend-at"?: CbEnrollPhone["resendAt"] | undefined;
  /** Confirm phase: ISO time from which "Resend" is enabled. */
  "prop:resendAt"?: CbEnrollPhone["resendAt"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbEnrollPhone["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbEnrollPhone["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbEnrollPhone["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbEnrollPhone["strings"] | undefined;
  /** The phone was accepted and a code sent; `detail.maskedPhone`, `detail.resendAt`. */
  "on:cb-code-sent"?:
    ((e: CbEnrollPhoneCbCodeSentElementEvent) => void) | undefined;
  /** The code was confirmed (from the inner `<cb-verify-code>`); the user must sign in again. */
  "on:cb-enrolled"?:
    ((e: CbEnrollPhoneCbEnrolledElementEvent) => void) | undefined;
  /** "Skip for Now": the login is complete; `detail.user`. */
  "on:cb-skipped"?:
    ((e: CbEnrollPhoneCbSkippedElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "on:cb-error"?: ((e: CbEnrollPhoneCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbLogin` component event */
export type CbLoginElementEvent<E = Event> = TypedEvent<CbLogin, E>;
/** `cb-authenticated` event type */
export type CbLoginCbAuthenticatedElementEvent =
  CbLoginElementEvent<CbAuthenticatedEvent>;
/** `cb-enrolled` event type */
export type CbLoginCbEnrolledElementEvent =
  CbLoginElementEvent<CbEnrolledEvent>;
/** `cb-skipped` event type */
export type CbLoginCbSkippedElementEvent = CbLoginElementEvent<CbSkippedEvent>;
/** `cb-code-sent` event type */
export type CbLoginCbCodeSentElementEvent =
  CbLoginElementEvent<CbCodeSentEvent>;
/** `cb-error` event type */
export type CbLoginCbErrorElementEvent = CbLoginElementEvent<CbErrorEvent>;

export type CbLoginProps = {
  /** URL of the portal's "Reset Login or Password" page; the link shows when set to an http(s) or
relative URL (any other scheme, such as `javascript:`, shows no link). */
  "reset-href"?: CbLogin["resetHref"] | undefined;
  /** URL of the portal's "Reset Login or Password" page; the link shows when set to an http(s) or
relative URL (any other scheme, such as `javascript:`, shows no link). */
  resetHref?: CbLogin["resetHref"] | undefined;
  /** Country preselected on the enrollment step. */
  "default-country"?: CbLogin["defaultCountry"] | undefined;
  /** Country preselected on the enrollment step. */
  defaultCountry?: CbLogin["defaultCountry"] | undefined;
  /** Countries offered on the enrollment step (`US,CA`); empty offers all. */
  countries?: CbLogin["countries"] | undefined;
  /** Turns off WebOTP on the code steps. */
  "no-web-otp"?: CbLogin["noWebOtp"] | undefined;
  /** Turns off WebOTP on the code steps. */
  noWebOtp?: CbLogin["noWebOtp"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbLogin["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbLogin["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbLogin["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbLogin["strings"] | undefined;

  /** The login is complete (password alone, code, or skip); `detail.user`. */
  "oncb-authenticated"?:
    ((e: CbLoginCbAuthenticatedElementEvent) => void) | undefined;
  /** The phone was confirmed; the form asks for the password again. */
  "oncb-enrolled"?: ((e: CbLoginCbEnrolledElementEvent) => void) | undefined;
  /** The user chose "Skip for Now" (followed by `cb-authenticated`). */
  "oncb-skipped"?: ((e: CbLoginCbSkippedElementEvent) => void) | undefined;
  /** A code was sent; `detail.maskedPhone`, `detail.resendAt`. */
  "oncb-code-sent"?: ((e: CbLoginCbCodeSentElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "oncb-error"?: ((e: CbLoginCbErrorElementEvent) => void) | undefined;
};

export type CbLoginSolidJsProps = {
  /** URL of the portal's "Reset Login or Password" page; the link shows when set to an http(s) or
relative URL (any other scheme, such as `javascript:`, shows no link). */
  "attr:reset-href"?: CbLogin["resetHref"] | undefined;
  /** URL of the portal's "Reset Login or Password" page; the link shows when set to an http(s) or
relative URL (any other scheme, such as `javascript:`, shows no link). */
  "prop:resetHref"?: CbLogin["resetHref"] | undefined;
  /** Country preselected on the enrollment step. */
  "attr:default-country"?: CbLogin["defaultCountry"] | undefined;
  /** Country preselected on the enrollment step. */
  "prop:defaultCountry"?: CbLogin["defaultCountry"] | undefined;
  /** Countries offered on the enrollment step (`US,CA`); empty offers all. */
  "prop:countries"?: CbLogin["countries"] | undefined;
  /** Turns off WebOTP on the code steps. */
  "bool:no-web-otp"?: CbLogin["noWebOtp"] | undefined;
  /** Turns off WebOTP on the code steps. */
  "prop:noWebOtp"?: CbLogin["noWebOtp"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbLogin["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbLogin["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbLogin["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbLogin["strings"] | undefined;
  /** The login is complete (password alone, code, or skip); `detail.user`. */
  "on:cb-authenticated"?:
    ((e: CbLoginCbAuthenticatedElementEvent) => void) | undefined;
  /** The phone was confirmed; the form asks for the password again. */
  "on:cb-enrolled"?: ((e: CbLoginCbEnrolledElementEvent) => void) | undefined;
  /** The user chose "Skip for Now" (followed by `cb-authenticated`). */
  "on:cb-skipped"?: ((e: CbLoginCbSkippedElementEvent) => void) | undefined;
  /** A code was sent; `detail.maskedPhone`, `detail.resendAt`. */
  "on:cb-code-sent"?: ((e: CbLoginCbCodeSentElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code. */
  "on:cb-error"?: ((e: CbLoginCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbRecoveryCodes` component event */
export type CbRecoveryCodesElementEvent<E = Event> = TypedEvent<
  CbRecoveryCodes,
  E
>;
/** `cb-error` event type */
export type CbRecoveryCodesCbErrorElementEvent =
  CbRecoveryCodesElementEvent<CbErrorEvent>;

export type CbRecoveryCodesProps = {
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbRecoveryCodes["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbRecoveryCodes["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbRecoveryCodes["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbRecoveryCodes["strings"] | undefined;

  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "oncb-error"?: ((e: CbRecoveryCodesCbErrorElementEvent) => void) | undefined;
};

export type CbRecoveryCodesSolidJsProps = {
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbRecoveryCodes["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbRecoveryCodes["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbRecoveryCodes["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbRecoveryCodes["strings"] | undefined;
  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "on:cb-error"?: ((e: CbRecoveryCodesCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbStepUp` component event */
export type CbStepUpElementEvent<E = Event> = TypedEvent<CbStepUp, E>;
/** `cb-stepped-up` event type */
export type CbStepUpCbSteppedUpElementEvent =
  CbStepUpElementEvent<CbSteppedUpEvent>;
/** `cb-code-sent` event type */
export type CbStepUpCbCodeSentElementEvent =
  CbStepUpElementEvent<CbCodeSentEvent>;
/** `cb-error` event type */
export type CbStepUpCbErrorElementEvent = CbStepUpElementEvent<CbErrorEvent>;
/** `cb-authenticated` event type */
export type CbStepUpCbAuthenticatedElementEvent =
  CbStepUpElementEvent<CbAuthenticatedEvent>;
/** `cb-enrolled` event type */
export type CbStepUpCbEnrolledElementEvent =
  CbStepUpElementEvent<CbEnrolledEvent>;

export type CbStepUpProps = {
  /** `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm). */
  mode?: CbStepUp["mode"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  "masked-phone"?: CbStepUp["maskedPhone"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  maskedPhone?: CbStepUp["maskedPhone"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  "resend-at"?: CbStepUp["resendAt"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  resendAt?: CbStepUp["resendAt"] | undefined;
  /** Digits in a code. */
  length?: CbStepUp["length"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  "no-web-otp"?: CbStepUp["noWebOtp"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  noWebOtp?: CbStepUp["noWebOtp"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbStepUp["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbStepUp["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbStepUp["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbStepUp["strings"] | undefined;

  /** The code was right; `detail.verifiedAt` is the time the server recorded. */
  "oncb-stepped-up"?:
    ((e: CbStepUpCbSteppedUpElementEvent) => void) | undefined;
  /** A code was sent; `detail.maskedPhone`, `detail.resendAt`. */
  "oncb-code-sent"?: ((e: CbStepUpCbCodeSentElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code (`step_up_unavailable` when the user has no enrolled phone). */
  "oncb-error"?: ((e: CbStepUpCbErrorElementEvent) => void) | undefined;
  /** `mode="verify"`: the code was right; `detail.user` is the signed-in user. */
  "oncb-authenticated"?:
    ((e: CbStepUpCbAuthenticatedElementEvent) => void) | undefined;
  /** `mode="confirm"`: the phone is enrolled; the user must sign in again. */
  "oncb-enrolled"?: ((e: CbStepUpCbEnrolledElementEvent) => void) | undefined;
};

export type CbStepUpSolidJsProps = {
  /** `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm). */
  "prop:mode"?: CbStepUp["mode"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  "attr:masked-phone"?: CbStepUp["maskedPhone"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  "prop:maskedPhone"?: CbStepUp["maskedPhone"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  "attr:resend-at"?: CbStepUp["resendAt"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  "prop:resendAt"?: CbStepUp["resendAt"] | undefined;
  /** Digits in a code. */
  "prop:length"?: CbStepUp["length"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  "bool:no-web-otp"?: CbStepUp["noWebOtp"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  "prop:noWebOtp"?: CbStepUp["noWebOtp"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbStepUp["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbStepUp["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbStepUp["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbStepUp["strings"] | undefined;
  /** The code was right; `detail.verifiedAt` is the time the server recorded. */
  "on:cb-stepped-up"?:
    ((e: CbStepUpCbSteppedUpElementEvent) => void) | undefined;
  /** A code was sent; `detail.maskedPhone`, `detail.resendAt`. */
  "on:cb-code-sent"?: ((e: CbStepUpCbCodeSentElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code (`step_up_unavailable` when the user has no enrolled phone). */
  "on:cb-error"?: ((e: CbStepUpCbErrorElementEvent) => void) | undefined;
  /** `mode="verify"`: the code was right; `detail.user` is the signed-in user. */
  "on:cb-authenticated"?:
    ((e: CbStepUpCbAuthenticatedElementEvent) => void) | undefined;
  /** `mode="confirm"`: the phone is enrolled; the user must sign in again. */
  "on:cb-enrolled"?: ((e: CbStepUpCbEnrolledElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbTrustedDevices` component event */
export type CbTrustedDevicesElementEvent<E = Event> = TypedEvent<
  CbTrustedDevices,
  E
>;
/** `cb-error` event type */
export type CbTrustedDevicesCbErrorElementEvent =
  CbTrustedDevicesElementEvent<CbErrorEvent>;

export type CbTrustedDevicesProps = {
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbTrustedDevices["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbTrustedDevices["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbTrustedDevices["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbTrustedDevices["strings"] | undefined;

  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "oncb-error"?: ((e: CbTrustedDevicesCbErrorElementEvent) => void) | undefined;
};

export type CbTrustedDevicesSolidJsProps = {
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbTrustedDevices["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbTrustedDevices["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbTrustedDevices["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbTrustedDevices["strings"] | undefined;
  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "on:cb-error"?:
    ((e: CbTrustedDevicesCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

/** `CbVerifyCode` component event */
export type CbVerifyCodeElementEvent<E = Event> = TypedEvent<CbVerifyCode, E>;
/** `cb-authenticated` event type */
export type CbVerifyCodeCbAuthenticatedElementEvent =
  CbVerifyCodeElementEvent<CbAuthenticatedEvent>;
/** `cb-enrolled` event type */
export type CbVerifyCodeCbEnrolledElementEvent =
  CbVerifyCodeElementEvent<CbEnrolledEvent>;
/** `cb-code-sent` event type */
export type CbVerifyCodeCbCodeSentElementEvent =
  CbVerifyCodeElementEvent<CbCodeSentEvent>;
/** `cb-error` event type */
export type CbVerifyCodeCbErrorElementEvent =
  CbVerifyCodeElementEvent<CbErrorEvent>;

export type CbVerifyCodeProps = {
  /** `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm). */
  mode?: CbVerifyCode["mode"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  "masked-phone"?: CbVerifyCode["maskedPhone"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  maskedPhone?: CbVerifyCode["maskedPhone"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  "resend-at"?: CbVerifyCode["resendAt"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  resendAt?: CbVerifyCode["resendAt"] | undefined;
  /** Digits in a code. */
  length?: CbVerifyCode["length"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  "no-web-otp"?: CbVerifyCode["noWebOtp"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  noWebOtp?: CbVerifyCode["noWebOtp"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "api-base"?: CbVerifyCode["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  apiBase?: CbVerifyCode["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  lang?: CbVerifyCode["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  strings?: CbVerifyCode["strings"] | undefined;

  /** `mode="verify"`: the code was right; `detail.user` is the signed-in user. */
  "oncb-authenticated"?:
    ((e: CbVerifyCodeCbAuthenticatedElementEvent) => void) | undefined;
  /** `mode="confirm"`: the phone is enrolled; the user must sign in again. */
  "oncb-enrolled"?:
    ((e: CbVerifyCodeCbEnrolledElementEvent) => void) | undefined;
  /** A new code was sent (Resend); `detail.maskedPhone`, `detail.resendAt`. */
  "oncb-code-sent"?:
    ((e: CbVerifyCodeCbCodeSentElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "oncb-error"?: ((e: CbVerifyCodeCbErrorElementEvent) => void) | undefined;
};

export type CbVerifyCodeSolidJsProps = {
  /** `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm). */
  "prop:mode"?: CbVerifyCode["mode"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  "attr:masked-phone"?: CbVerifyCode["maskedPhone"] | undefined;
  /** The masked phone the code went to, as the server sent it (`xxx-xxx-9443`). */
  "prop:maskedPhone"?: CbVerifyCode["maskedPhone"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  "attr:resend-at"?: CbVerifyCode["resendAt"] | undefined;
  /** ISO time from which "Resend" is enabled; the button counts down until then. */
  "prop:resendAt"?: CbVerifyCode["resendAt"] | undefined;
  /** Digits in a code. */
  "prop:length"?: CbVerifyCode["length"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  "bool:no-web-otp"?: CbVerifyCode["noWebOtp"] | undefined;
  /** Turns off WebOTP (the browser's offer to fill the code from the SMS). */
  "prop:noWebOtp"?: CbVerifyCode["noWebOtp"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "attr:api-base"?: CbVerifyCode["apiBase"] | undefined;
  /** Where the host mounted the router; used when no ancestor provides an API client. */
  "prop:apiBase"?: CbVerifyCode["apiBase"] | undefined;
  /** Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
the portal's locale, then to English. */
  "prop:lang"?: CbVerifyCode["lang"] | undefined;
  /** Replaces any of the element's strings (a partial object, `errors` partial too). */
  "prop:strings"?: CbVerifyCode["strings"] | undefined;
  /** `mode="verify"`: the code was right; `detail.user` is the signed-in user. */
  "on:cb-authenticated"?:
    ((e: CbVerifyCodeCbAuthenticatedElementEvent) => void) | undefined;
  /** `mode="confirm"`: the phone is enrolled; the user must sign in again. */
  "on:cb-enrolled"?:
    ((e: CbVerifyCodeCbEnrolledElementEvent) => void) | undefined;
  /** A new code was sent (Resend); `detail.maskedPhone`, `detail.resendAt`. */
  "on:cb-code-sent"?:
    ((e: CbVerifyCodeCbCodeSentElementEvent) => void) | undefined;
  /** A call failed; `detail.code` is the error code (the element shows the message). */
  "on:cb-error"?: ((e: CbVerifyCodeCbErrorElementEvent) => void) | undefined;

  /** Set the innerHTML of the element */
  innerHTML?: string | undefined;
  /** Set the textContent of the element */
  textContent?: string | number | undefined;
};

export type CustomElements = {
  /**
   * The "Enable 2FA SMS" dialog of the portal's menu: a native modal `<dialog>` with the seed's
   * explanation. Confirming calls `/opt-in`, which forgets "Skip for Now" and logs the user out; the
   * next login enrolls. It has no credential inputs, so it lives wholly in its shadow root.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `open`: Whether the dialog is open (modal).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-logged-out`: The user opted in and the session ended; `detail.reason` is `opt-in`.
   * - `cb-error`: The call failed; `detail.code` is the error code.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `show() => void`: Opens the dialog.
   * - `close() => void`: Closes the dialog without opting in.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-dialog-width`: Maximum width of the dialog. (default: `32rem`)
   * - `--cb-dialog-padding`: Padding of the dialog. (default: `1.5rem`)
   * - `--cb-dialog-backdrop`: The backdrop behind the dialog. (default: `rgb(0 0 0 / 0.5)`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `dialog`: The native `<dialog>`.
   * - `title`: The heading.
   * - `intro`: The first paragraph (the dialog's description).
   * - `body`: The explanation.
   * - `error`: The error message.
   * - `cancel-button`: "No Thanks".
   * - `confirm-button`: "Enable 2FA SMS".
   */
  "cb-2fa-optin-dialog": Partial<
    Cb2faOptinDialogProps & BaseProps<Cb2faOptinDialog> & BaseEvents
  >;

  /**
   * The "Two Factor Authentication" section of *Configurations + Client Users*: the checkbox that
   * turns SMS two-factor on for every organization login, the opt-out checkbox ("Skip for Now"),
   * the seed's explanation, and the warning that turning it off and on again makes everyone enroll
   * again. Read-only, with the reason shown, for admins without the Master Admin privilege.
   *
   * A safe switch: an optional deadline ("Enforce from") until which every contact may still
   * "Skip for Now", and, before "Save", how many contacts in how many organizations the change would
   * ask to enroll at their next login (`GET /admin/settings/preview`), per organization.
   *
   * The ways back in (product spec §10), each off until the Master Admin turns it on: "Call me
   * instead", "Trust this device" for a number of days, recovery codes, and users changing their own
   * phone number.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-settings-changed`: The settings were saved; `detail.settings` is what the server stored.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `load() => Promise<void>`: Loads the settings again from the server.
   * - `focus(options?: FocusOptions) => void`: Focuses the first checkbox.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-settings-padding`: Padding of the section. (default: `1rem`)
   * - `--cb-settings-title-transform`: Case of the section title. (default: `uppercase`)
   * - `--cb-settings-warning-color`: Accent of the warning. (default: `light-dark(#9a6700, #e3b341)`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The `<fieldset>`.
   * - `title`: The "Two Factor Authentication" legend.
   * - `enable`: The enable checkbox.
   * - `opt-out`: The opt-out checkbox.
   * - `enforce-from`: The deadline's date input.
   * - `preview`: Who the unsaved change would ask to enroll (a `role="status"` region).
   * - `preview-organizations`: The list of organizations in the preview.
   * - `policies`: The `<fieldset>` of the ways back in.
   * - `policy-voice`: The "Call me instead" checkbox.
   * - `policy-trust`: The "Trust this device" checkbox.
   * - `policy-trust-days`: Its number of days.
   * - `policy-recovery`: The recovery codes checkbox.
   * - `policy-phone-change`: The checkbox that lets users change their own phone.
   * - `warning`: The re-enrollment warning.
   * - `readonly`: Why the settings cannot be changed.
   * - `save-button`: "Save".
   * - `error`: The error message.
   * - `status`: The success message.
   */
  "cb-2fa-settings": Partial<
    Cb2faSettingsProps & BaseProps<Cb2faSettings> & BaseEvents
  >;

  /**
   * "Reset Two Factor" for one contact, for the contact details of an organization: shows the
   * contact's two-factor state (enrolled with a masked phone, skipped, or none) and resets it after a
   * confirmation. A reset clears that contact's enrollment and "Skip for Now", and nobody else's.
   *
   * Give it a `contact` object (from `GET /admin/contacts`), or `contact-id` and `organization-id`
   * and it loads the contact itself.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `contact-id`/`contactId`: Id of the contact.
   * - `organization-id`/`organizationId`: Organization of the contact (the list route is per organization).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `contact`: The contact, if the host already has it; otherwise it is loaded. (property only)
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-two-factor-reset`: The reset was done; `detail.contact` is the contact's new state.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the reset button (or the confirming one during the confirmation).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-danger`: Colour of the confirming button. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-on-danger`: Text on the confirming button. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The wrapper.
   * - `name`: The contact's name.
   * - `email`: The contact's email.
   * - `state`: The two-factor state.
   * - `locked`: "Locked" after too many failed attempts.
   * - `reset-requested`: "Reset requested" with the time: the contact asked for a reset ("I lost my phone"); the reset closes the request.
   * - `loading`: The line shown while the contact loads.
   * - `policy`: The organization's 2FA policy, when it is `required` or `exempt` rather than the portal's.
   * - `devices`: How many trusted devices skip the contact's SMS ("Trust this device"), when any.
   * - `forget-devices-button`: "Forget devices": their next logins ask for the SMS code again (the reset removes them too).
   * - `reset-button`: "Reset Two Factor".
   * - `question`: The confirmation question.
   * - `confirm-button`: The confirming "Reset".
   * - `cancel-button`: "Cancel".
   * - `error`: The error message.
   * - `status`: The success message.
   */
  "cb-admin-reset": Partial<
    CbAdminResetProps & BaseProps<CbAdminReset> & BaseEvents
  >;

  /**
   * "Change my phone": a signed-in user enters a new mobile number (country and number, checked with
   * libphonenumber-js as at enrollment and sent as E.164), confirms it with the code sent to it, and
   * is told "Your phone number was changed to xxx-xxx-1234". The server asks for a fresh second
   * factor first: on `step_up_required` the element opens the page's `<cb-step-up>` (or one of its
   * own) and sends the number again once that code is right. Where the portal does not let users
   * change their phone (`selfServicePhoneChange` of `GET /portal` is false), it shows the seed's
   * way instead: ask an administrator to reset two-factor authentication.
   *
   * Loaded on its own (`cb-2fa/components/cb-change-phone`), not by the login page. The form lives
   * in the light DOM (phone and one-time-code autofill); its nodes carry `part` names for styling.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `default-country`/`defaultCountry`: ISO 3166 country preselected in the country list; the first one offered when it is not offered.
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-phone-changed`: The phone was changed; `detail.maskedPhone` is the new one, masked.
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the field of the current step.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The shadow wrapper around the form.
   */
  "cb-change-phone": Partial<
    CbChangePhoneProps & BaseProps<CbChangePhone> & BaseEvents
  >;

  /**
   * Enrolls a mobile phone: a country and a national number, validated and formatted with
   * libphonenumber-js (loaded lazily when this step shows) and sent as E.164; then the confirmation
   * of the first code (a `<cb-verify-code mode="confirm">` in place). "Skip for Now" shows only when
   * the server said `canSkip`.
   *
   * Only the countries whose phones the portal accepts (`allowedCountries` of `GET /portal`) are
   * offered; `countries` narrows that list. The whole list shows until the portal's face arrives, and
   * when the router cannot say.
   *
   * The form lives in the light DOM (phone autofill); its nodes carry `part` names for styling.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `can-skip`/`canSkip`: Shows "Skip for Now" (the portal allows opting out).
   * - `skip-until`/`skipUntil`: With `can-skip`: the date (`2027-01-15`) until which the skip is offered (the portal's deadline,
   * the step's `skipUntil`); the button then says until when ("Skip until 15 Jan"). Empty: no date.
   * - `default-country`/`defaultCountry`: ISO 3166 country preselected in the country list; the first one offered when it is not offered.
   * - `countries`: Comma-separated ISO countries offered (`US,CA`), within those the portal accepts; empty offers
   * all the portal accepts (every country when the router does not say).
   * - `phase`: `phone` asks for the number; `confirm` asks for the code that was sent to it.
   * - `masked-phone`/`maskedPhone`: Confirm phase: the masked phone the code went to.
   * - `resend-at`/`resendAt`: Confirm phase: ISO time from which "Resend" is enabled.
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-code-sent`: The phone was accepted and a code sent; `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-enrolled`: The code was confirmed (from the inner `<cb-verify-code>`); the user must sign in again.
   * - `cb-skipped`: "Skip for Now": the login is complete; `detail.user`.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the first field of the current phase.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The shadow wrapper around the form.
   */
  "cb-enroll-phone": Partial<
    CbEnrollPhoneProps & BaseProps<CbEnrollPhone> & BaseEvents
  >;

  /**
   * The whole sign-in: email and password, then, as the server decides, phone enrollment and its
   * confirmation, or the SMS code; back to the password after an enrollment (the user signs in again),
   * and `cb-authenticated` at the end. The steps are `<cb-enroll-phone>` and `<cb-verify-code>`, shown
   * in place; this element provides them its API client and strings through context.
   *
   * All inputs are in the light DOM inside real forms (password managers and one-time-code autofill);
   * the shadow root holds the card and the logo slot. Light nodes carry `part` names for styling
   * (`cb-login [part~="submit-button"]`); the steps shown in place add their own.
   *
   * The logo area shows, first found: the `logo` slot, `cbBrandingContext`'s image, the portal's logo
   * (from `GET /portal`, with the portal's name as its text alternative), the portal's name, and
   * "YOUR LOGO HERE". It stays empty while the portal's face is on its way, so no placeholder flashes.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `reset-href`/`resetHref`: URL of the portal's "Reset Login or Password" page; the link shows when set to an http(s) or
   * relative URL (any other scheme, such as `javascript:`, shows no link).
   * - `default-country`/`defaultCountry`: Country preselected on the enrollment step.
   * - `countries`: Countries offered on the enrollment step (`US,CA`); empty offers all.
   * - `no-web-otp`/`noWebOtp`: Turns off WebOTP on the code steps.
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `step`: The current step: `login`, `enroll`, `confirm`, `verify` or `authenticated`. (property only) (readonly)
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-authenticated`: The login is complete (password alone, code, or skip); `detail.user`.
   * - `cb-enrolled`: The phone was confirmed; the form asks for the password again.
   * - `cb-skipped`: The user chose "Skip for Now" (followed by `cb-authenticated`).
   * - `cb-code-sent`: A code was sent; `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `logo`: The portal's logo; shows the portal's logo or name (or "YOUR LOGO HERE") until filled.
   * - `(default)`: The light-DOM form of the current step (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the first field of the current step.
   * - `reset() => void`: Back to an empty sign-in form (does not call the server).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-login-width`: Maximum width of the card. (default: `24rem`)
   * - `--cb-login-padding`: Padding of the card. (default: `2rem`)
   * - `--cb-login-shadow`: Shadow of the card. (default: `none`)
   * - `--cb-login-border-color`: Border of the card. (default: `var(--cb-color-border)`)
   * - `--cb-login-logo-height`: Height of the logo area. (default: `3rem`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The card.
   * - `logo`: The logo area.
   * - `logo-placeholder`: The "YOUR LOGO HERE" text.
   * - `portal-name`: The portal's name, shown when it has no logo.
   */
  "cb-login": Partial<CbLoginProps & BaseProps<CbLogin> & BaseEvents>;

  /**
   * Makes a signed-in user's recovery codes: a button asks the server for ten new ones (replacing
   * any earlier set), and they are shown this once, with Copy, Download (a `.txt` file) and Print.
   * The server asks for a fresh second factor first: on `step_up_required` the element opens the
   * page's `<cb-step-up>` (or one of its own) and asks again when the code is right.
   *
   * Loaded on its own (`cb-2fa/components/cb-recovery-codes`), not by the login page.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `generate() => Promise<void>`: Asks for a new set (as the button does); the earlier set stops working.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-recovery-codes-font`: The font of the codes. (default: `ui-monospace`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The wrapper.
   * - `title`: The heading.
   * - `intro`: What recovery codes are for.
   * - `generate-button`: "Generate recovery codes".
   * - `once`: The warning that the codes are shown once.
   * - `codes`: The list of codes.
   * - `code`: One code.
   * - `copy-button`: "Copy".
   * - `download-button`: "Download".
   * - `print-button`: "Print".
   * - `error`: The error message (`role="alert"`).
   * - `status`: "The codes were copied." (`role="status"`).
   */
  "cb-recovery-codes": Partial<
    CbRecoveryCodesProps & BaseProps<CbRecoveryCodes> & BaseEvents
  >;

  /**
   * The dialog a page opens before a sensitive action (AutoPay, a payment method): it texts a code
   * to the user's enrolled phone and resolves when the code is right, so the page can retry the
   * action its server answered with 403 `step_up_required`.
   *
   * ```js
   * const res = await fetch('/api/autopay', { method: 'POST', ... });
   * if (res.status === 403 && (await res.json()).error.code === 'step_up_required') {
   *   await document.querySelector('cb-step-up').request(); // rejects if the user cancels
   *   // ...send the request again
   * }
   * ```
   *
   * The code form is the same as `<cb-verify-code>`'s (light DOM, `autocomplete="one-time-code"`,
   * WebOTP, the resend countdown, every error), shown inside a native modal `<dialog>`.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `mode`: `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm).
   * - `masked-phone`/`maskedPhone`: The masked phone the code went to, as the server sent it (`xxx-xxx-9443`).
   * - `resend-at`/`resendAt`: ISO time from which "Resend" is enabled; the button counts down until then.
   * - `length`: Digits in a code.
   * - `no-web-otp`/`noWebOtp`: Turns off WebOTP (the browser's offer to fill the code from the SMS).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-stepped-up`: The code was right; `detail.verifiedAt` is the time the server recorded.
   * - `cb-code-sent`: A code was sent; `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-error`: A call failed; `detail.code` is the error code (`step_up_unavailable` when the user has no enrolled phone).
   * - `cb-authenticated`: `mode="verify"`: the code was right; `detail.user` is the signed-in user.
   * - `cb-enrolled`: `mode="confirm"`: the phone is enrolled; the user must sign in again.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM code form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `request() => Promise<StepUpVerifiedResponse>`: Opens the dialog and sends a code. Resolves with `{ verifiedAt }` once the code is right;
   * rejects with a `CbStepUpCancelledError` (name `AbortError`) when the user closes the dialog, or
   * with the `CbApiError` of a step-up that cannot happen (`step_up_unavailable`, `unauthorized`).
   * A second call while open returns the same promise.
   * - `cancel() => void`: Closes the dialog; a pending `request()` rejects as cancelled.
   * - `focus(options?: FocusOptions) => void`: Focuses the code input.
   * - `reset() => void`: Clears the typed code and the messages.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-dialog-width`: Maximum width of the dialog. (default: `32rem`)
   * - `--cb-dialog-padding`: Padding of the dialog. (default: `1.5rem`)
   * - `--cb-dialog-backdrop`: The backdrop behind the dialog. (default: `rgb(0 0 0 / 0.5)`)
   * - `--cb-verify-code-letter-spacing`: Space between the digits of the code. (default: `0.3em`)
   * - `--cb-verify-code-help-background`: Background of the "phone number is incorrect" help. (default: `transparent`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `dialog`: The native `<dialog>`.
   * - `title`: The heading.
   * - `intro`: The line above the form.
   * - `cancel-button`: "Cancel".
   * - `base`: The shadow wrapper around the form.
   */
  "cb-step-up": Partial<CbStepUpProps & BaseProps<CbStepUp> & BaseEvents>;

  /**
   * The signed-in user's trusted devices ("Trust this device"): each browser that skips the SMS at
   * a password sign-in, with its first and last use, this browser marked; and "Forget trusted
   * devices", after a confirmation, so that every one of them asks for the SMS code again.
   *
   * Loaded on its own (`cb-2fa/components/cb-trusted-devices`), not by the login page.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `reload() => Promise<void>`: Reads the list again (after a sign-in elsewhere, say).
   * - `forget() => Promise<void>`: Forgets every trusted device of the user, as the confirmed button does.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The wrapper.
   * - `title`: The heading.
   * - `intro`: What a trusted device is.
   * - `list`: The list of devices.
   * - `device`: One device.
   * - `this-device`: "This device", on this browser's entry.
   * - `none`: "No trusted devices."
   * - `forget-button`: "Forget trusted devices".
   * - `confirm`: The confirmation: its question and buttons.
   * - `confirm-button`: Forgets them.
   * - `cancel-button`: Keeps them.
   * - `error`: The error message (`role="alert"`).
   * - `status`: What was forgotten (`role="status"`).
   */
  "cb-trusted-devices": Partial<
    CbTrustedDevicesProps & BaseProps<CbTrustedDevices> & BaseEvents
  >;

  /**
   * Collects the one-time SMS code, to confirm an enrollment (`mode="confirm"`) or to finish a
   * login (`mode="verify"`), with a resend countdown and WebOTP where the browser has it.
   *
   * The form is rendered in the element's light DOM so that `autocomplete="one-time-code"` autofill
   * works; its nodes carry `part` names too, so they can be styled with `cb-verify-code [part~=input]`.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `mode`: `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm).
   * - `masked-phone`/`maskedPhone`: The masked phone the code went to, as the server sent it (`xxx-xxx-9443`).
   * - `resend-at`/`resendAt`: ISO time from which "Resend" is enabled; the button counts down until then.
   * - `length`: Digits in a code.
   * - `no-web-otp`/`noWebOtp`: Turns off WebOTP (the browser's offer to fill the code from the SMS).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-authenticated`: `mode="verify"`: the code was right; `detail.user` is the signed-in user.
   * - `cb-enrolled`: `mode="confirm"`: the phone is enrolled; the user must sign in again.
   * - `cb-code-sent`: A new code was sent (Resend); `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the code input.
   * - `reset() => void`: Clears the typed code and the messages.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-verify-code-letter-spacing`: Space between the digits of the code. (default: `0.3em`)
   * - `--cb-verify-code-help-background`: Background of the "phone number is incorrect" help. (default: `transparent`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The shadow wrapper around the form.
   */
  "cb-verify-code": Partial<
    CbVerifyCodeProps & BaseProps<CbVerifyCode> & BaseEvents
  >;
};

export type CustomElementsSolidJs = {
  /**
   * The "Enable 2FA SMS" dialog of the portal's menu: a native modal `<dialog>` with the seed's
   * explanation. Confirming calls `/opt-in`, which forgets "Skip for Now" and logs the user out; the
   * next login enrolls. It has no credential inputs, so it lives wholly in its shadow root.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `open`: Whether the dialog is open (modal).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-logged-out`: The user opted in and the session ended; `detail.reason` is `opt-in`.
   * - `cb-error`: The call failed; `detail.code` is the error code.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `show() => void`: Opens the dialog.
   * - `close() => void`: Closes the dialog without opting in.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-dialog-width`: Maximum width of the dialog. (default: `32rem`)
   * - `--cb-dialog-padding`: Padding of the dialog. (default: `1.5rem`)
   * - `--cb-dialog-backdrop`: The backdrop behind the dialog. (default: `rgb(0 0 0 / 0.5)`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `dialog`: The native `<dialog>`.
   * - `title`: The heading.
   * - `intro`: The first paragraph (the dialog's description).
   * - `body`: The explanation.
   * - `error`: The error message.
   * - `cancel-button`: "No Thanks".
   * - `confirm-button`: "Enable 2FA SMS".
   */
  "cb-2fa-optin-dialog": Partial<
    Cb2faOptinDialogProps &
      Cb2faOptinDialogSolidJsProps &
      BaseProps<Cb2faOptinDialog> &
      BaseEvents
  >;

  /**
   * The "Two Factor Authentication" section of *Configurations + Client Users*: the checkbox that
   * turns SMS two-factor on for every organization login, the opt-out checkbox ("Skip for Now"),
   * the seed's explanation, and the warning that turning it off and on again makes everyone enroll
   * again. Read-only, with the reason shown, for admins without the Master Admin privilege.
   *
   * A safe switch: an optional deadline ("Enforce from") until which every contact may still
   * "Skip for Now", and, before "Save", how many contacts in how many organizations the change would
   * ask to enroll at their next login (`GET /admin/settings/preview`), per organization.
   *
   * The ways back in (product spec §10), each off until the Master Admin turns it on: "Call me
   * instead", "Trust this device" for a number of days, recovery codes, and users changing their own
   * phone number.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-settings-changed`: The settings were saved; `detail.settings` is what the server stored.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `load() => Promise<void>`: Loads the settings again from the server.
   * - `focus(options?: FocusOptions) => void`: Focuses the first checkbox.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-settings-padding`: Padding of the section. (default: `1rem`)
   * - `--cb-settings-title-transform`: Case of the section title. (default: `uppercase`)
   * - `--cb-settings-warning-color`: Accent of the warning. (default: `light-dark(#9a6700, #e3b341)`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The `<fieldset>`.
   * - `title`: The "Two Factor Authentication" legend.
   * - `enable`: The enable checkbox.
   * - `opt-out`: The opt-out checkbox.
   * - `enforce-from`: The deadline's date input.
   * - `preview`: Who the unsaved change would ask to enroll (a `role="status"` region).
   * - `preview-organizations`: The list of organizations in the preview.
   * - `policies`: The `<fieldset>` of the ways back in.
   * - `policy-voice`: The "Call me instead" checkbox.
   * - `policy-trust`: The "Trust this device" checkbox.
   * - `policy-trust-days`: Its number of days.
   * - `policy-recovery`: The recovery codes checkbox.
   * - `policy-phone-change`: The checkbox that lets users change their own phone.
   * - `warning`: The re-enrollment warning.
   * - `readonly`: Why the settings cannot be changed.
   * - `save-button`: "Save".
   * - `error`: The error message.
   * - `status`: The success message.
   */
  "cb-2fa-settings": Partial<
    Cb2faSettingsProps &
      Cb2faSettingsSolidJsProps &
      BaseProps<Cb2faSettings> &
      BaseEvents
  >;

  /**
   * "Reset Two Factor" for one contact, for the contact details of an organization: shows the
   * contact's two-factor state (enrolled with a masked phone, skipped, or none) and resets it after a
   * confirmation. A reset clears that contact's enrollment and "Skip for Now", and nobody else's.
   *
   * Give it a `contact` object (from `GET /admin/contacts`), or `contact-id` and `organization-id`
   * and it loads the contact itself.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `contact-id`/`contactId`: Id of the contact.
   * - `organization-id`/`organizationId`: Organization of the contact (the list route is per organization).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `contact`: The contact, if the host already has it; otherwise it is loaded. (property only)
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-two-factor-reset`: The reset was done; `detail.contact` is the contact's new state.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the reset button (or the confirming one during the confirmation).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-danger`: Colour of the confirming button. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-on-danger`: Text on the confirming button. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The wrapper.
   * - `name`: The contact's name.
   * - `email`: The contact's email.
   * - `state`: The two-factor state.
   * - `locked`: "Locked" after too many failed attempts.
   * - `reset-requested`: "Reset requested" with the time: the contact asked for a reset ("I lost my phone"); the reset closes the request.
   * - `loading`: The line shown while the contact loads.
   * - `policy`: The organization's 2FA policy, when it is `required` or `exempt` rather than the portal's.
   * - `devices`: How many trusted devices skip the contact's SMS ("Trust this device"), when any.
   * - `forget-devices-button`: "Forget devices": their next logins ask for the SMS code again (the reset removes them too).
   * - `reset-button`: "Reset Two Factor".
   * - `question`: The confirmation question.
   * - `confirm-button`: The confirming "Reset".
   * - `cancel-button`: "Cancel".
   * - `error`: The error message.
   * - `status`: The success message.
   */
  "cb-admin-reset": Partial<
    CbAdminResetProps &
      CbAdminResetSolidJsProps &
      BaseProps<CbAdminReset> &
      BaseEvents
  >;

  /**
   * "Change my phone": a signed-in user enters a new mobile number (country and number, checked with
   * libphonenumber-js as at enrollment and sent as E.164), confirms it with the code sent to it, and
   * is told "Your phone number was changed to xxx-xxx-1234". The server asks for a fresh second
   * factor first: on `step_up_required` the element opens the page's `<cb-step-up>` (or one of its
   * own) and sends the number again once that code is right. Where the portal does not let users
   * change their phone (`selfServicePhoneChange` of `GET /portal` is false), it shows the seed's
   * way instead: ask an administrator to reset two-factor authentication.
   *
   * Loaded on its own (`cb-2fa/components/cb-change-phone`), not by the login page. The form lives
   * in the light DOM (phone and one-time-code autofill); its nodes carry `part` names for styling.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `default-country`/`defaultCountry`: ISO 3166 country preselected in the country list; the first one offered when it is not offered.
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-phone-changed`: The phone was changed; `detail.maskedPhone` is the new one, masked.
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the field of the current step.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The shadow wrapper around the form.
   */
  "cb-change-phone": Partial<
    CbChangePhoneProps &
      CbChangePhoneSolidJsProps &
      BaseProps<CbChangePhone> &
      BaseEvents
  >;

  /**
   * Enrolls a mobile phone: a country and a national number, validated and formatted with
   * libphonenumber-js (loaded lazily when this step shows) and sent as E.164; then the confirmation
   * of the first code (a `<cb-verify-code mode="confirm">` in place). "Skip for Now" shows only when
   * the server said `canSkip`.
   *
   * Only the countries whose phones the portal accepts (`allowedCountries` of `GET /portal`) are
   * offered; `countries` narrows that list. The whole list shows until the portal's face arrives, and
   * when the router cannot say.
   *
   * The form lives in the light DOM (phone autofill); its nodes carry `part` names for styling.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `can-skip`/`canSkip`: Shows "Skip for Now" (the portal allows opting out).
   * - `skip-until`/`skipUntil`: With `can-skip`: the date (`2027-01-15`) until which the skip is offered (the portal's deadline,
   * the step's `skipUntil`); the button then says until when ("Skip until 15 Jan"). Empty: no date.
   * - `default-country`/`defaultCountry`: ISO 3166 country preselected in the country list; the first one offered when it is not offered.
   * - `countries`: Comma-separated ISO countries offered (`US,CA`), within those the portal accepts; empty offers
   * all the portal accepts (every country when the router does not say).
   * - `phase`: `phone` asks for the number; `confirm` asks for the code that was sent to it.
   * - `masked-phone`/`maskedPhone`: Confirm phase: the masked phone the code went to.
   * - `resend-at`/`resendAt`: Confirm phase: ISO time from which "Resend" is enabled.
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-code-sent`: The phone was accepted and a code sent; `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-enrolled`: The code was confirmed (from the inner `<cb-verify-code>`); the user must sign in again.
   * - `cb-skipped`: "Skip for Now": the login is complete; `detail.user`.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the first field of the current phase.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The shadow wrapper around the form.
   */
  "cb-enroll-phone": Partial<
    CbEnrollPhoneProps &
      CbEnrollPhoneSolidJsProps &
      BaseProps<CbEnrollPhone> &
      BaseEvents
  >;

  /**
   * The whole sign-in: email and password, then, as the server decides, phone enrollment and its
   * confirmation, or the SMS code; back to the password after an enrollment (the user signs in again),
   * and `cb-authenticated` at the end. The steps are `<cb-enroll-phone>` and `<cb-verify-code>`, shown
   * in place; this element provides them its API client and strings through context.
   *
   * All inputs are in the light DOM inside real forms (password managers and one-time-code autofill);
   * the shadow root holds the card and the logo slot. Light nodes carry `part` names for styling
   * (`cb-login [part~="submit-button"]`); the steps shown in place add their own.
   *
   * The logo area shows, first found: the `logo` slot, `cbBrandingContext`'s image, the portal's logo
   * (from `GET /portal`, with the portal's name as its text alternative), the portal's name, and
   * "YOUR LOGO HERE". It stays empty while the portal's face is on its way, so no placeholder flashes.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `reset-href`/`resetHref`: URL of the portal's "Reset Login or Password" page; the link shows when set to an http(s) or
   * relative URL (any other scheme, such as `javascript:`, shows no link).
   * - `default-country`/`defaultCountry`: Country preselected on the enrollment step.
   * - `countries`: Countries offered on the enrollment step (`US,CA`); empty offers all.
   * - `no-web-otp`/`noWebOtp`: Turns off WebOTP on the code steps.
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `step`: The current step: `login`, `enroll`, `confirm`, `verify` or `authenticated`. (property only) (readonly)
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-authenticated`: The login is complete (password alone, code, or skip); `detail.user`.
   * - `cb-enrolled`: The phone was confirmed; the form asks for the password again.
   * - `cb-skipped`: The user chose "Skip for Now" (followed by `cb-authenticated`).
   * - `cb-code-sent`: A code was sent; `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-error`: A call failed; `detail.code` is the error code.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `logo`: The portal's logo; shows the portal's logo or name (or "YOUR LOGO HERE") until filled.
   * - `(default)`: The light-DOM form of the current step (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the first field of the current step.
   * - `reset() => void`: Back to an empty sign-in form (does not call the server).
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-login-width`: Maximum width of the card. (default: `24rem`)
   * - `--cb-login-padding`: Padding of the card. (default: `2rem`)
   * - `--cb-login-shadow`: Shadow of the card. (default: `none`)
   * - `--cb-login-border-color`: Border of the card. (default: `var(--cb-color-border)`)
   * - `--cb-login-logo-height`: Height of the logo area. (default: `3rem`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The card.
   * - `logo`: The logo area.
   * - `logo-placeholder`: The "YOUR LOGO HERE" text.
   * - `portal-name`: The portal's name, shown when it has no logo.
   */
  "cb-login": Partial<
    CbLoginProps & CbLoginSolidJsProps & BaseProps<CbLogin> & BaseEvents
  >;

  /**
   * Makes a signed-in user's recovery codes: a button asks the server for ten new ones (replacing
   * any earlier set), and they are shown this once, with Copy, Download (a `.txt` file) and Print.
   * The server asks for a fresh second factor first: on `step_up_required` the element opens the
   * page's `<cb-step-up>` (or one of its own) and asks again when the code is right.
   *
   * Loaded on its own (`cb-2fa/components/cb-recovery-codes`), not by the login page.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `generate() => Promise<void>`: Asks for a new set (as the button does); the earlier set stops working.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-recovery-codes-font`: The font of the codes. (default: `ui-monospace`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The wrapper.
   * - `title`: The heading.
   * - `intro`: What recovery codes are for.
   * - `generate-button`: "Generate recovery codes".
   * - `once`: The warning that the codes are shown once.
   * - `codes`: The list of codes.
   * - `code`: One code.
   * - `copy-button`: "Copy".
   * - `download-button`: "Download".
   * - `print-button`: "Print".
   * - `error`: The error message (`role="alert"`).
   * - `status`: "The codes were copied." (`role="status"`).
   */
  "cb-recovery-codes": Partial<
    CbRecoveryCodesProps &
      CbRecoveryCodesSolidJsProps &
      BaseProps<CbRecoveryCodes> &
      BaseEvents
  >;

  /**
   * The dialog a page opens before a sensitive action (AutoPay, a payment method): it texts a code
   * to the user's enrolled phone and resolves when the code is right, so the page can retry the
   * action its server answered with 403 `step_up_required`.
   *
   * ```js
   * const res = await fetch('/api/autopay', { method: 'POST', ... });
   * if (res.status === 403 && (await res.json()).error.code === 'step_up_required') {
   *   await document.querySelector('cb-step-up').request(); // rejects if the user cancels
   *   // ...send the request again
   * }
   * ```
   *
   * The code form is the same as `<cb-verify-code>`'s (light DOM, `autocomplete="one-time-code"`,
   * WebOTP, the resend countdown, every error), shown inside a native modal `<dialog>`.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `mode`: `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm).
   * - `masked-phone`/`maskedPhone`: The masked phone the code went to, as the server sent it (`xxx-xxx-9443`).
   * - `resend-at`/`resendAt`: ISO time from which "Resend" is enabled; the button counts down until then.
   * - `length`: Digits in a code.
   * - `no-web-otp`/`noWebOtp`: Turns off WebOTP (the browser's offer to fill the code from the SMS).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-stepped-up`: The code was right; `detail.verifiedAt` is the time the server recorded.
   * - `cb-code-sent`: A code was sent; `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-error`: A call failed; `detail.code` is the error code (`step_up_unavailable` when the user has no enrolled phone).
   * - `cb-authenticated`: `mode="verify"`: the code was right; `detail.user` is the signed-in user.
   * - `cb-enrolled`: `mode="confirm"`: the phone is enrolled; the user must sign in again.
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM code form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `request() => Promise<StepUpVerifiedResponse>`: Opens the dialog and sends a code. Resolves with `{ verifiedAt }` once the code is right;
   * rejects with a `CbStepUpCancelledError` (name `AbortError`) when the user closes the dialog, or
   * with the `CbApiError` of a step-up that cannot happen (`step_up_unavailable`, `unauthorized`).
   * A second call while open returns the same promise.
   * - `cancel() => void`: Closes the dialog; a pending `request()` rejects as cancelled.
   * - `focus(options?: FocusOptions) => void`: Focuses the code input.
   * - `reset() => void`: Clears the typed code and the messages.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-dialog-width`: Maximum width of the dialog. (default: `32rem`)
   * - `--cb-dialog-padding`: Padding of the dialog. (default: `1.5rem`)
   * - `--cb-dialog-backdrop`: The backdrop behind the dialog. (default: `rgb(0 0 0 / 0.5)`)
   * - `--cb-verify-code-letter-spacing`: Space between the digits of the code. (default: `0.3em`)
   * - `--cb-verify-code-help-background`: Background of the "phone number is incorrect" help. (default: `transparent`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `dialog`: The native `<dialog>`.
   * - `title`: The heading.
   * - `intro`: The line above the form.
   * - `cancel-button`: "Cancel".
   * - `base`: The shadow wrapper around the form.
   */
  "cb-step-up": Partial<
    CbStepUpProps & CbStepUpSolidJsProps & BaseProps<CbStepUp> & BaseEvents
  >;

  /**
   * The signed-in user's trusted devices ("Trust this device"): each browser that skips the SMS at
   * a password sign-in, with its first and last use, this browser marked; and "Forget trusted
   * devices", after a confirmation, so that every one of them asks for the SMS code again.
   *
   * Loaded on its own (`cb-2fa/components/cb-trusted-devices`), not by the login page.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `reload() => Promise<void>`: Reads the list again (after a sign-in elsewhere, say).
   * - `forget() => Promise<void>`: Forgets every trusted device of the user, as the confirmed button does.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The wrapper.
   * - `title`: The heading.
   * - `intro`: What a trusted device is.
   * - `list`: The list of devices.
   * - `device`: One device.
   * - `this-device`: "This device", on this browser's entry.
   * - `none`: "No trusted devices."
   * - `forget-button`: "Forget trusted devices".
   * - `confirm`: The confirmation: its question and buttons.
   * - `confirm-button`: Forgets them.
   * - `cancel-button`: Keeps them.
   * - `error`: The error message (`role="alert"`).
   * - `status`: What was forgotten (`role="status"`).
   */
  "cb-trusted-devices": Partial<
    CbTrustedDevicesProps &
      CbTrustedDevicesSolidJsProps &
      BaseProps<CbTrustedDevices> &
      BaseEvents
  >;

  /**
   * Collects the one-time SMS code, to confirm an enrollment (`mode="confirm"`) or to finish a
   * login (`mode="verify"`), with a resend countdown and WebOTP where the browser has it.
   *
   * The form is rendered in the element's light DOM so that `autocomplete="one-time-code"` autofill
   * works; its nodes carry `part` names too, so they can be styled with `cb-verify-code [part~=input]`.
   *
   * ## Attributes & Properties
   *
   * Component attributes and properties that can be applied to the element or by using JavaScript.
   *
   * - `mode`: `verify` finishes a login (POST /verify); `confirm` confirms an enrollment (POST /enroll/confirm).
   * - `masked-phone`/`maskedPhone`: The masked phone the code went to, as the server sent it (`xxx-xxx-9443`).
   * - `resend-at`/`resendAt`: ISO time from which "Resend" is enabled; the button counts down until then.
   * - `length`: Digits in a code.
   * - `no-web-otp`/`noWebOtp`: Turns off WebOTP (the browser's offer to fill the code from the SMS).
   * - `api-base`/`apiBase`: Where the host mounted the router; used when no ancestor provides an API client.
   * - `lang`: Language of the element's strings; falls back to the nearest `lang` (up to `<html lang>`), then to
   * the portal's locale, then to English.
   * - `strings`: Replaces any of the element's strings (a partial object, `errors` partial too). (property only)
   *
   * ## Events
   *
   * Events that will be emitted by the component.
   *
   * - `cb-authenticated`: `mode="verify"`: the code was right; `detail.user` is the signed-in user.
   * - `cb-enrolled`: `mode="confirm"`: the phone is enrolled; the user must sign in again.
   * - `cb-code-sent`: A new code was sent (Resend); `detail.maskedPhone`, `detail.resendAt`.
   * - `cb-error`: A call failed; `detail.code` is the error code (the element shows the message).
   *
   * ## Slots
   *
   * Areas where markup can be added to the component.
   *
   * - `(default)`: The light-DOM form (rendered by the element itself).
   *
   * ## Methods
   *
   * Methods that can be called to access component functionality.
   *
   * - `focus(options?: FocusOptions) => void`: Focuses the code input.
   * - `reset() => void`: Clears the typed code and the messages.
   *
   * ## CSS Custom Properties
   *
   * CSS variables available for styling the component.
   *
   * - `--cb-verify-code-letter-spacing`: Space between the digits of the code. (default: `0.3em`)
   * - `--cb-verify-code-help-background`: Background of the "phone number is incorrect" help. (default: `transparent`)
   * - `--cb-color-accent`: Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. (default: `light-dark(#0a58ca, #79b0ff)`)
   * - `--cb-color-on-accent`: Text on accent-coloured buttons. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-text`: Text. (default: `light-dark(#1f2328, #e6edf3)`)
   * - `--cb-color-muted`: Hints and secondary text. (default: `light-dark(#57606a, #a3adb8)`)
   * - `--cb-color-surface`: Card and dialog background. (default: `light-dark(#ffffff, #161b22)`)
   * - `--cb-color-field`: Input background. (default: `light-dark(#ffffff, #0d1117)`)
   * - `--cb-color-border`: Borders of inputs and cards. (default: `light-dark(#767f89, #8b949e)`)
   * - `--cb-border-width`: Width of input borders. (default: `1px`)
   * - `--cb-color-danger`: Errors and invalid fields. (default: `light-dark(#b3261e, #ffb4ab)`)
   * - `--cb-color-success`: Confirmations. (default: `light-dark(#1a7f37, #7ee2a8)`)
   * - `--cb-radius`: Corner radius of inputs, buttons and cards. (default: `6px`)
   * - `--cb-space`: Gap between the parts of a form. (default: `1rem`)
   * - `--cb-font-family`: Font. (default: `system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif`)
   * - `--cb-font-size`: Base font size. (default: `1rem`)
   * - `--cb-focus-ring`: Outline of the focused control. (default: `2px solid var(--cb-color-accent)`)
   * - `--cb-heading-size`: Size of the headings (enrollment, dialogs). (default: `1.25em`)
   *
   * ## CSS Parts
   *
   * Custom selectors for styling elements within the component.
   *
   * - `base`: The shadow wrapper around the form.
   */
  "cb-verify-code": Partial<
    CbVerifyCodeProps &
      CbVerifyCodeSolidJsProps &
      BaseProps<CbVerifyCode> &
      BaseEvents
  >;
};

export type CustomCssProperties = {
  /** Maximum width of the dialog. */
  "--cb-dialog-width"?: string | undefined;
  /** Padding of the dialog. */
  "--cb-dialog-padding"?: string | undefined;
  /** The backdrop behind the dialog. */
  "--cb-dialog-backdrop"?: string | undefined;
  /** Buttons, links and the focus ring; the portal's accent (GET /portal) stands in for the light default. */
  "--cb-color-accent"?: string | undefined;
  /** Text on accent-coloured buttons. */
  "--cb-color-on-accent"?: string | undefined;
  /** Text. */
  "--cb-color-text"?: string | undefined;
  /** Hints and secondary text. */
  "--cb-color-muted"?: string | undefined;
  /** Card and dialog background. */
  "--cb-color-surface"?: string | undefined;
  /** Input background. */
  "--cb-color-field"?: string | undefined;
  /** Borders of inputs and cards. */
  "--cb-color-border"?: string | undefined;
  /** Width of input borders. */
  "--cb-border-width"?: string | undefined;
  /** Errors and invalid fields. */
  "--cb-color-danger"?: string | undefined;
  /** Confirmations. */
  "--cb-color-success"?: string | undefined;
  /** Corner radius of inputs, buttons and cards. */
  "--cb-radius"?: string | undefined;
  /** Gap between the parts of a form. */
  "--cb-space"?: string | undefined;
  /** Font. */
  "--cb-font-family"?: string | undefined;
  /** Base font size. */
  "--cb-font-size"?: string | undefined;
  /** Outline of the focused control. */
  "--cb-focus-ring"?: string | undefined;
  /** Size of the headings (enrollment, dialogs). */
  "--cb-heading-size"?: string | undefined;
  /** Padding of the section. */
  "--cb-settings-padding"?: string | undefined;
  /** Case of the section title. */
  "--cb-settings-title-transform"?: string | undefined;
  /** Accent of the warning. */
  "--cb-settings-warning-color"?: string | undefined;
  /** Text on the confirming button. */
  "--cb-color-on-danger"?: string | undefined;
  /** Maximum width of the card. */
  "--cb-login-width"?: string | undefined;
  /** Padding of the card. */
  "--cb-login-padding"?: string | undefined;
  /** Shadow of the card. */
  "--cb-login-shadow"?: string | undefined;
  /** Border of the card. */
  "--cb-login-border-color"?: string | undefined;
  /** Height of the logo area. */
  "--cb-login-logo-height"?: string | undefined;
  /** The font of the codes. */
  "--cb-recovery-codes-font"?: string | undefined;
  /** Space between the digits of the code. */
  "--cb-verify-code-letter-spacing"?: string | undefined;
  /** Background of the "phone number is incorrect" help. */
  "--cb-verify-code-help-background"?: string | undefined;
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react/jsx-dev-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@builder.io/qwik" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "@stencil/core" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "hono/jsx" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "react-native" {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "solid-js" {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare global {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
  export interface CSSProperties extends CustomCssProperties {}
}

declare module "solid-js/jsx-runtime" {
  namespace JSX {
    interface IntrinsicElements extends CustomElementsSolidJs {}
  }
}
