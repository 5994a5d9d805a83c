// @deltaid/wallet — explicit export list (STYLE.md item 3).
export {
  type CompactPresentation,
  type PresentationChallenge,
  type PresentCompactContext,
  type PresentCompactInput,
  presentCompact,
} from './present-compact.js';
