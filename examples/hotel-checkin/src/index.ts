// @deltaid/example-hotel-checkin — the pieces of the example, for tests and for copying.
export { checkIn } from './check-in.js';
export { formatOutcome } from './format-outcome.js';
export { type DeskOptions, loadDesk } from './load-desk.js';
export { type MainIo, main } from './main.js';
export { readGuestCode } from './read-guest-code.js';
export { toGuestRecord } from './to-guest-record.js';
export type { CheckInOutcome, CodedLabel, Desk, GuestRecord, Refusal } from './types.js';
