export { VolumePanel, VOLUME_ANCHOR } from './VolumePanel';
