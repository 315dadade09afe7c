export { SignalingGateway, type SignalingGatewayOptions, type SignalingServer, type SignalingSocket } from './gateway.js';
