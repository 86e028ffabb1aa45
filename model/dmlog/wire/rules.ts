/**
 * The validation rules, in the order the decoder applies them: a rejected datagram names the
 * first rule it breaks. Ids are stable (tests, CLI output and README use them).
 */

/** One validation rule: a stable kebab-case id and the one-line statement it checks. */
export interface WireRule {
  readonly id: string;
  readonly message: string;
}

/** Every rule, in validation order (envelope, header, direction, payload; then input-form rules). */
export const WIRE_RULES = [
  { id: 'netlink-header-short', message: 'the datagram holds a 16-byte nlmsghdr' },
  { id: 'netlink-length-small', message: 'nlmsg_len covers at least nlmsghdr and cn_msg (36 bytes)' },
  { id: 'netlink-length-overrun', message: 'nlmsg_len does not exceed the datagram length' },
  { id: 'netlink-trailing-bytes', message: 'after nlmsg_len the datagram holds nothing or exactly its NLMSG_ALIGN padding' },
  { id: 'connector-id', message: 'cn_msg id is {idx 7 (CN_IDX_DM), val 1 (CN_VAL_DM_USERSPACE_LOG)}' },
  { id: 'connector-length', message: 'nlmsg_len equals 36 + cn_msg len' },
  { id: 'ack-in-request', message: 'only daemon replies use the ACK form (cn_msg len 0)' },
  { id: 'connector-incomplete', message: 'a cn_msg len other than 0 covers the 160-byte dm_ulog_request header' },
  { id: 'header-short', message: 'a bare datagram holds the 160-byte dm_ulog_request header' },
  { id: 'data-size-overrun', message: 'the payload (data_size) fits in the bytes after the header' },
  { id: 'data-size-underrun', message: 'no bytes follow the data_size payload' },
  { id: 'uuid-unterminated', message: 'uuid has a NUL within its 129 bytes' },
  { id: 'request-type-unknown', message: 'request_type & 0xFF is a type from 1 (CTR) to 17 (IS_REMOTE_RECOVERING)' },
  { id: 'version-unknown', message: 'version is 0, 1, 2 or 3' },
  { id: 'request-error', message: 'a kernel request carries error 0' },
  { id: 'request-payload-limit', message: 'a kernel request payload is at most 332 bytes' },
  { id: 'reply-error-positive', message: 'a reply error is 0 or a negative errno' },
  { id: 'reply-error-with-data', message: 'a reply with a non-zero error carries no payload' },
  { id: 'reply-capacity', message: 'a reply payload fits the capacity the kernel gives this request type' },
  { id: 'payload-size', message: 'data_size matches the payload shape of this request type and direction' },
  { id: 'region-count', message: 'a region list holds 1 to 32 regions (a FLUSH 0 to 32)' },
  { id: 'flush-marks-version', message: 'a FLUSH carries regions only from a version 3 kernel (integrated flush)' },
  { id: 'ctr-args-nul', message: 'the CTR argument string has no NUL except an optional final one' },
  { id: 'ctr-reply-nul', message: 'a CTR reply device name ends in its only NUL' },
  { id: 'flag-value', message: 'an s64 flag field is 0 or 1' },
  { id: 'hex-text', message: 'hex text holds only hex digits and whitespace, an even number of digits' },
  { id: 'json-field', message: 'the JSON has the documented fields with the documented types' },
] as const satisfies readonly WireRule[];

/** A rule id. */
export type WireRuleId = (typeof WIRE_RULES)[number]['id'];

/** Outcome of decoding or parsing: a value, or the first rule broken with where it was seen. */
export type WireResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly rule: WireRuleId; readonly message: string; readonly offset?: number };

/** The failure for `rule`: its statement, plus what was seen, plus the byte offset if known. */
export function reject(rule: WireRuleId, seen: string, offset?: number): WireResult<never> {
  const statement = WIRE_RULES.find((r) => r.id === rule)?.message ?? rule;
  const message = seen === '' ? statement : `${statement} (${seen})`;
  return offset === undefined ? { ok: false, rule, message } : { ok: false, rule, message, offset };
}
