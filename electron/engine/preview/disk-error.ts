// The disk errors belong to every write the engine makes; kept here for the preview's imports.
export { diskError, writing } from '../../common/disk-error';
