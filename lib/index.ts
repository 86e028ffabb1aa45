/** lib/: leaf utilities with no project imports. */
export { assert, assertNever, AssertionError } from './assert.js';
export { InputError, ModelError, messageOf, printable } from './errors.js';
export { parseJsonInput, documentProblem, JSON_DEPTH_MAX } from './json-input.js';
export { createPrng, ratio, type Prng, type Ratio } from './prng.js';
export { canonicalize, canonicalJson, jsonEqual, NotJsonError } from './canonical-json.js';
export { fingerprint, fingerprintBytesInto, fingerprintInto, hexOf, SuccessorHasher } from './fingerprint.js';
export { importModuleFile, unwrapInterop } from './module-file.js';
export { readPcap, writePcap, LINKTYPE_NETLINK, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, type PcapFile, type PcapRecord, type PcapOutRecord } from './pcap.js';
export {
  netlinkPacketOf, netlinkMessages, cookedNetlinkHeader, isCookedLinktype, ARPHRD_NETLINK, PACKET_USER, PACKET_KERNEL, NETLINK_CONNECTOR,
  type NetlinkPacket, type NetlinkDirection,
} from './netlink-capture.js';
