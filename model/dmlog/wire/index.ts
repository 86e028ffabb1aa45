/** Public surface of the dm-log-userspace wire codec (struct dm_ulog_request + netlink/connector). */
export * from './constants.js';
export type * from './datagram.js';
export { WIRE_RULES, type WireRule, type WireRuleId, type WireResult } from './rules.js';
export { encodeDatagram, encodeRequest, encodePayload } from './encode.js';
export { decodeDatagram, type DecodeOptions } from './decode.js';
export { replyCapacity, replyShape, requestShape, type PayloadKind, type PayloadShape } from './payload-shape.js';
export { toJson, type JsonObject, type JsonValue } from './to-json.js';
export { fromJson } from './from-json.js';
export { toHex, fromHex } from './bytes.js';
