// The alternating bit protocol as a model file, with every optional hook a report uses: `actor`
// and `label` name each step, `isFault` marks the losses, and `message` says which steps carry a
// frame or an acknowledgement from one actor to another, so `--html` draws them as arrows.
// The sender numbers its frames with one bit and resends until the acknowledgement of that bit
// comes back; both channels may lose what they carry. It never stops, so a long run makes a long
// trace:
//
//   sim run --seed 1 --model examples/alternating-bit.mjs --steps 10000 --out abp.trace.json
//   sim replay abp.trace.json --model examples/alternating-bit.mjs --html abp.html
//   sim check --model examples/alternating-bit.mjs --html abp-graph.html
export const params = { capacity: 2, values: 3 };

export default (p) => ({
  name: 'alternating-bit',
  // The sender's bit and the value it sends; the bit the receiver expects and how many values it
  // delivered (mod `values`); the frames and acknowledgements in flight, oldest first.
  init: () => [{ sender: { bit: 0, value: 0 }, receiver: { expect: 0, delivered: 0 }, frames: [], acks: [] }],
  actions: (s) => {
    const out = [];
    if (s.frames.length < p.capacity) out.push({ type: 'Send' });
    if (s.frames.length > 0) out.push({ type: 'DeliverFrame' }, { type: 'LoseFrame' });
    if (s.acks.length > 0) out.push({ type: 'DeliverAck' }, { type: 'LoseAck' });
    return out;
  },
  next: (s, a) => {
    switch (a.type) {
      case 'Send':
        return { ...s, frames: [...s.frames, { bit: s.sender.bit, value: s.sender.value }] };
      case 'DeliverFrame': {
        const [f, ...rest] = s.frames;
        // A frame with the expected bit is new: deliver it. Either way, acknowledge the bit it carried
        // (when the acknowledgement channel is full, the acknowledgement is dropped).
        const fresh = f.bit === s.receiver.expect;
        const receiver = fresh ? { expect: 1 - f.bit, delivered: (s.receiver.delivered + 1) % p.values } : s.receiver;
        const acks = s.acks.length < p.capacity ? [...s.acks, f.bit] : s.acks;
        return { ...s, frames: rest, receiver, acks };
      }
      case 'DeliverAck': {
        const [bit, ...rest] = s.acks;
        const sender = bit === s.sender.bit ? { bit: 1 - bit, value: (s.sender.value + 1) % p.values } : s.sender;
        return { ...s, sender, acks: rest };
      }
      case 'LoseFrame':
        return { ...s, frames: s.frames.slice(1) };
      case 'LoseAck':
        return { ...s, acks: s.acks.slice(1) };
    }
  },
  invariants: {
    // The receiver is never more than one value ahead of the sender, nor behind it by more than one.
    InOrder: (s) => {
      const ahead = (s.receiver.delivered - s.sender.value + p.values) % p.values;
      return ahead === 0 || ahead === 1;
    },
  },
  statements: { InOrder: 'The receiver has delivered the value being sent, or the one before it: none is skipped or repeated.' },
  // The network carries both ways; its lifeline sits between the two ends of every arrow.
  actor: (a) => (a.type === 'Send' ? 'sender' : 'network'),
  label: (a) => a.type,
  isFault: (a) => a.type === 'LoseFrame' || a.type === 'LoseAck',
  message: (a) => {
    if (a.type === 'DeliverFrame' || a.type === 'LoseFrame') return { from: 'sender', to: 'receiver', lost: a.type === 'LoseFrame' };
    if (a.type === 'DeliverAck' || a.type === 'LoseAck') return { from: 'receiver', to: 'sender', lost: a.type === 'LoseAck' };
    return undefined;
  },
});
