export {
  type MdocItemsRequest,
  type PresentDeviceResponseContext,
  type PresentDeviceResponseInput,
  presentDeviceResponse,
} from './present-device-response.js';
