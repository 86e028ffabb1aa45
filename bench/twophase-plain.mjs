// TwoPhase through the plain model contract, as a user's .mjs model file is: no encode/decode and
// no compiled successors, and no representative (every state is checked). The bench checks it as a whole `sim check --model FILE` process.
import { builtinModels } from '../dist/model/index.js';

const twophase = builtinModels.find((m) => m.name === 'twophase');

export default (params) => {
  const { successors: _s, encode: _e, decode: _d, representative: _r, ...plain } = twophase.create({ rm: Number(params.rm ?? 3), bug: 'none' });
  return plain;
};
