// @deltaid/qr — portable QR rendering (browsers and Node). Reading from images is Node-only: '@deltaid/qr/node'.
export {
  DEFAULT_QR_LEVEL,
  QR_QUIET_ZONE,
  type QrErrorCorrectionLevel,
  type QrImageOptions,
  type QrOptions,
} from './options.js';
export { qrVersion } from './qr-version.js';
export { renderQrPng } from './render-qr-png.js';
export { renderQrSvg } from './render-qr-svg.js';
export { type QrTerminalOptions, renderQrTerminal } from './render-qr-terminal.js';
